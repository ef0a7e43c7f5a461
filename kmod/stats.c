// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics: the STATS snapshot (per-CPU counters summed, the collector's
 * pause figures, the Gs by status, the report) and its reset at START.
 */
#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "gcsched.h"

/* HIST's kinds have fixed numbers; the phases' must still fit between. */
static_assert(GCSCHED_HIST_PHASE + GCSCHED_NR_PHASES == GCSCHED_HIST_SPIN);

/**
 * gcsched_stats_reset() - zero the counters and the report for a new run
 * @inst: the instance; no thread of it runs
 *
 * Context: holds ioctl_lock (START, before the threads exist).
 */
void gcsched_stats_reset(struct gcsched_instance *inst)
{
	int cpu;

	lockdep_assert_held(&inst->ioctl_lock);
	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(inst->pcpu, cpu), 0, sizeof(struct gcsched_pcpu));
	atomic64_set(&inst->gc_cycle, 0);
	inst->gc_cycles = 0;
	inst->pause_total_ns = 0;
	inst->pause_last_ns = 0;
	inst->pause_max_ns = 0;
	memset(inst->pause_hist, 0, sizeof(inst->pause_hist));
	memset(inst->phase_hist, 0, sizeof(inst->phase_hist));
	memset(inst->phase_total_ns, 0, sizeof(inst->phase_total_ns));
	memset(inst->phase_max_ns, 0, sizeof(inst->phase_max_ns));
	inst->mark_total_ns = 0;
	inst->mark_max_ns = 0;
	inst->stw2_total_ns = 0;
	memset(inst->mark_hist, 0, sizeof(inst->mark_hist));
	atomic64_set(&inst->spin_max_ns, 0);
	atomic64_set(&inst->stw_stalls, 0);
	atomic64_set(&inst->stack_given_back, 0);
	atomic_set(&inst->forced_done, 0);
	memset(inst->final_by_status, 0, sizeof(inst->final_by_status));
	gcsched_report_reset(inst);
}

/**
 * gcsched_count_by_status() - add up the Gs in each status slot
 * @inst: the instance; the caller holds ioctl_lock, so allg stays
 * @by_status: GCSCHED_NR_SLOTS counters, added to
 *
 * A sample: the statuses move while it is taken.
 *
 * Context: holds ioctl_lock.
 */
void gcsched_count_by_status(struct gcsched_instance *inst, u64 *by_status)
{
	u32 i;

	lockdep_assert_held(&inst->ioctl_lock);
	for (i = 0; i < inst->nr_gs; i++) {
		int slot = gcsched_status_slot(readgstatus(&inst->allg[i]));

		if (slot >= 0)
			by_status[slot]++;
	}
}

/* Each per-CPU counter: its place in struct gcsched_pcpu and in STATS. */
#define PCPU_COUNTER(f)		{ offsetof(struct gcsched_pcpu, f),		\
				  offsetof(struct gcsched_stats, f) },
static const struct {
	size_t pcpu, stats;
} pcpu_counters[] = {
	GCSCHED_STATS_COUNTERS(PCPU_COUNTER, GCSCHED_PCPU_SKIP)
};

/**
 * gcsched_get_stats() - STATS: a snapshot of the counters
 * @inst: the instance; the caller holds ioctl_lock
 * @st: filled in, all but its size
 *
 * Context: process context, holds ioctl_lock; takes report_lock.
 */
void gcsched_get_stats(struct gcsched_instance *inst, struct gcsched_stats *st)
{
	u32 size = st->size;
	unsigned long flags;
	int cpu, i, j;

	lockdep_assert_held(&inst->ioctl_lock);
	/* Every byte is the kernel's: nothing of a reused buffer survives. */
	memset(st, 0, sizeof(*st));
	st->size = size;
	st->state = atomic_read(&inst->state);
	st->nr_gs = inst->nr_gs;
	st->nr_workers = inst->nr_ms;
	st->instance_id = inst->id;
	st->uptime_ns = gcsched_now(inst);
	st->gc_cycles = READ_ONCE(inst->gc_cycles);
	st->pause_total_ns = READ_ONCE(inst->pause_total_ns);
	st->pause_last_ns = READ_ONCE(inst->pause_last_ns);
	st->pause_max_ns = READ_ONCE(inst->pause_max_ns);
	st->mark_total_ns = READ_ONCE(inst->mark_total_ns);
	st->mark_max_ns = READ_ONCE(inst->mark_max_ns);
	st->stw2_total_ns = READ_ONCE(inst->stw2_total_ns);
	for (i = 0; i < GCSCHED_HIST_BUCKETS; i++)
		st->pause_hist[i] = READ_ONCE(inst->pause_hist[i]);
	st->spin_max_ns = atomic64_read(&inst->spin_max_ns);
	st->stw_stalls = atomic64_read(&inst->stw_stalls);

	/*
	 * A snapshot of counters that the instance's threads bump on their
	 * own CPUs meanwhile (this_cpu_inc(): not atomic against this
	 * reader). READ_ONCE: one untorn load per u64 counter; the sum is
	 * not one instant across counters, and need not be. KCSAN reported
	 * the plain reads (the KCSAN lane, core_test's STATS under running
	 * Ms).
	 */
	for_each_possible_cpu(cpu) {
		struct gcsched_pcpu *pc = per_cpu_ptr(inst->pcpu, cpu);

		for (i = 0; i < GCSCHED_NR_SLOTS; i++)
			for (j = 0; j < GCSCHED_NR_SLOTS; j++)
				st->transitions[i][j] +=
					READ_ONCE(pc->transitions[i][j]);
		for (i = 0; i < GCSCHED_HIST_BUCKETS; i++)
			st->spin_hist[i] += READ_ONCE(pc->spin_hist[i]);
		for (i = 0; i < ARRAY_SIZE(pcpu_counters); i++)
			*(u64 *)((char *)st + pcpu_counters[i].stats) +=
				READ_ONCE(*(u64 *)((char *)pc +
						   pcpu_counters[i].pcpu));
	}

	if (inst->threads_live)
		gcsched_count_by_status(inst, st->gs_by_status);
	else
		memcpy(st->gs_by_status, inst->final_by_status,
		       sizeof(st->gs_by_status));

	spin_lock_irqsave(&inst->report_lock, flags);
	st->report = inst->report;
	spin_unlock_irqrestore(&inst->report_lock, flags);
}

/**
 * gcsched_get_hist() - HIST: a snapshot of one histogram
 * @inst: the instance; the caller holds ioctl_lock
 * @kind: enum gcsched_hist_kind, below GCSCHED_NR_HISTS
 * @h: filled in whole
 *
 * The pause's, the phases' and the mark's histograms have one writer, the
 * collector, under gc_lock; the spins' are per CPU. Either moves while it is copied
 * (READ_ONCE: untorn counters, as in gcsched_get_stats()); @samples is
 * the sum of the buckets as copied, so a reader's percentiles add up.
 *
 * Context: process context, holds ioctl_lock.
 */
void gcsched_get_hist(struct gcsched_instance *inst, u32 kind,
		      struct gcsched_hist *h)
{
	const u64 *src = NULL;
	int cpu, i;

	lockdep_assert_held(&inst->ioctl_lock);
	memset(h, 0, sizeof(*h));
	h->kind = kind;
	if (kind == GCSCHED_HIST_PAUSE) {
		src = inst->pause_hist;
		h->sum_ns = READ_ONCE(inst->pause_total_ns);
		h->max_ns = READ_ONCE(inst->pause_max_ns);
	} else if (kind < GCSCHED_HIST_PHASE + GCSCHED_NR_PHASES) {
		u32 phase = kind - GCSCHED_HIST_PHASE;

		src = inst->phase_hist[phase];
		h->sum_ns = READ_ONCE(inst->phase_total_ns[phase]);
		h->max_ns = READ_ONCE(inst->phase_max_ns[phase]);
	} else if (kind == GCSCHED_HIST_SPIN) {
		for_each_possible_cpu(cpu) {
			struct gcsched_pcpu *pc = per_cpu_ptr(inst->pcpu, cpu);

			for (i = 0; i < GCSCHED_HIST_BUCKETS; i++)
				h->buckets[i] += READ_ONCE(pc->spin_hist[i]);
			h->sum_ns += READ_ONCE(pc->spin_total_ns);
		}
		h->max_ns = atomic64_read(&inst->spin_max_ns);
	} else if (kind == GCSCHED_HIST_MARK) {
		src = inst->mark_hist;
		h->sum_ns = READ_ONCE(inst->mark_total_ns);
		h->max_ns = READ_ONCE(inst->mark_max_ns);
	}
	for (i = 0; i < GCSCHED_HIST_BUCKETS; i++) {
		if (src)
			h->buckets[i] = READ_ONCE(src[i]);
		h->samples += h->buckets[i];
	}
}
