// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: /sys/kernel/debug/gcsched/, the scheduler as Go's
 * GODEBUG=schedtrace,scheddetail would show it.
 *
 *   instances       one line per open instance
 *   <id>/config     every knob, "name value"
 *   <id>/stats      every STATS counter, the histograms, the matrix
 *   <id>/tasks      one line per G, in the manner of scheddetail
 *   <id>/sched      one schedtrace line
 *   <id>/report     the wedge or throw report, empty while healthy
 *   <id>/fail_nth   write N: the instance's Nth allocation from now fails
 *   <id>/stw_ack_delay_us  write N: a stopping participant waits N us
 *                   between reading the stop's epoch and acking it, and
 *                   an M waits N us before it parks a G for suspendG (tests)
 *   <id>/inject_wake  write 1: the next casgstatus waiting for Gwaiting
 *                   finds its G made Grunnable by a second wakeup (tests;
 *                   status.c); reads 0 once that has happened
 *   memory          the module's live allocations (objects, bytes) and its
 *                   budget (budget_bytes, charged_bytes), once the
 *                   teardowns queued so far are done
 *   bench           reading it times the status protocol (bench.c)
 *   bench_alloc     reading it times START's stack allocation against its
 *                   floor, zeroed pages (bench.c), bench_alloc_mib each
 *   bench_alloc_mib the size of bench_alloc's parts, MiB (64; at most half of RAM)
 *   kcsan_canary    (KCSAN kernels only) reading it races two threads on
 *                   purpose: the KCSAN lane's proof that KCSAN reports
 *
 * Every file is root's alone (0400) and prints no kernel pointer. A reader
 * of an instance's file that walks its Gs or Ms (config, stats, sched,
 * tasks) holds that instance's ioctl_lock, so START and STOP cannot free
 * what it walks; report, fail_nth, stw_ack_delay_us and inject_wake touch only words
 * of the instance itself. close() removes the directory (which waits for
 * readers) before it frees the instance.
 */
#include <linux/debugfs.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "gcsched.h"

static struct dentry *gcsched_debugfs_root;
static LIST_HEAD(gcsched_instances);
static DEFINE_MUTEX(gcsched_instances_lock);	/* protects gcsched_instances */

static const char *const state_names[] = {
	GCSCHED_STATE_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
};

static const char *const actor_names[] = {
	GCSCHED_ACTOR_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
};

static const char *const wait_names[] = {
	[WAIT_NONE] = "",
	[WAIT_IO] = "IO wait",
	[WAIT_STACK_GROWTH] = "stack growth",
	[WAIT_PREEMPTED] = "preempted",
	[WAIT_SELECT] = "select",
	[WAIT_CHAN_RECEIVE] = "chan receive",
};

static const char *const kind_names[] = {
	[G_NETGUY] = "netguy",
	[G_SPINNER] = "spinner",
	[G_SELECTOR] = "selector",
	[G_SENDER] = "sender",
};

static const char *name_of(const char *const *names, size_t n, u32 i)
{
	return i < n && names[i] ? names[i] : "?";
}

#define NAME(table, i)	name_of(table, ARRAY_SIZE(table), i)

static int instances_show(struct seq_file *m, void *v)
{
	struct gcsched_instance *inst;

	seq_puts(m, "id pid comm policy state gs workers gc_cycles\n");
	mutex_lock(&gcsched_instances_lock);
	list_for_each_entry(inst, &gcsched_instances, node)
		seq_printf(m, "%u %d %s %s %s %u %u %llu\n", inst->id,
			   inst->opener_pid, inst->opener_comm,
			   gcsched_policy_name(READ_ONCE(inst->cfg.policy)),
			   NAME(state_names, atomic_read(&inst->state)),
			   READ_ONCE(inst->nr_gs), READ_ONCE(inst->nr_ms),
			   READ_ONCE(inst->gc_cycles));
	mutex_unlock(&gcsched_instances_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(instances);

static const char *const netpoll_model_names[] = {
	GCSCHED_NETPOLL_MODEL_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
};

static int config_show(struct seq_file *m, void *v)
{
	struct gcsched_instance *inst = m->private;
	struct gcsched_config *c = &inst->cfg;

	if (mutex_lock_interruptible(&inst->ioctl_lock))
		return -EINTR;
	seq_printf(m, "policy %s\n", gcsched_policy_name(c->policy));
	seq_printf(m, "throw_check %d\n", !!(c->flags & GCSCHED_CFG_THROW_CHECK));
	seq_printf(m, "netpoll_stw_stop %d\n",
		   !!(c->flags & GCSCHED_CFG_NETPOLL_STW_STOP));
	seq_printf(m, "netpoll_model %s\n",
		   c->netpoll_model < ARRAY_SIZE(netpoll_model_names) ?
		   netpoll_model_names[c->netpoll_model] : "?");
	seq_printf(m, "verify %d\n", !(c->flags & GCSCHED_CFG_NO_VERIFY));
	seq_printf(m, "nr_workers %u\n", c->nr_workers);
	seq_printf(m, "gc_procs %u\n", c->gc_procs);
	seq_printf(m, "nr_pairs %u\n", c->nr_pairs);
	seq_printf(m, "stack_min %u\n", c->stack_min);
	seq_printf(m, "stack_max %u\n", c->stack_max);
	seq_printf(m, "bigstack_depth %u\n", c->bigstack_depth);
	seq_printf(m, "frame_size %u\n", c->frame_size);
	seq_printf(m, "wedge_timeout_ms %u\n", c->wedge_timeout_ms);
	seq_printf(m, "gc_mode %s\n", c->gc_mode == GCSCHED_GC_MANUAL ? "manual" :
		   c->gc_mode == GCSCHED_GC_INTERVAL ? "interval" : "continuous");
	seq_printf(m, "gc_interval_us %u\n", c->gc_interval_us);
	seq_printf(m, "netpoll_delay_ns %llu\n", c->netpoll_delay_ns);
	seq_printf(m, "race_window_ns %llu\n", c->race_window_ns);
	seq_printf(m, "seed %llu\n", c->seed);
	mutex_unlock(&inst->ioctl_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(config);

/* Every counter of STATS, by name: the uapi header's list. */
#define STAT_COUNTER(f)	{ #f, offsetof(struct gcsched_stats, f) },
static const struct {
	const char *name;
	size_t offset;
} stat_counters[] = {
	GCSCHED_STATS_COUNTERS(STAT_COUNTER, STAT_COUNTER)
};

/*
 * The list is every counter of struct gcsched_stats: with the arrays and
 * the report it fills uptime_ns to the end exactly, so a counter added to
 * the struct and not to the list (or the reverse) fails the build.
 */
static_assert(ARRAY_SIZE(stat_counters) * sizeof(u64) +
	      sizeof_field(struct gcsched_stats, pause_hist) +
	      sizeof_field(struct gcsched_stats, gs_by_status) +
	      sizeof_field(struct gcsched_stats, transitions) +
	      sizeof_field(struct gcsched_stats, spin_hist) +
	      sizeof_field(struct gcsched_stats, report) ==
	      sizeof(struct gcsched_stats) -
	      offsetof(struct gcsched_stats, uptime_ns));

/* @h may be an instance's own, bumped meanwhile: read once each. */
static void show_hist(struct seq_file *m, const char *name, const u64 *h)
{
	u64 n;
	int b;

	seq_printf(m, "%s (ns, log-linear: bucket lower bound and count)\n", name);
	for (b = 0; b < GCSCHED_HIST_BUCKETS; b++) {
		n = READ_ONCE(h[b]);
		if (n)
			seq_printf(m, "  >=%llu %llu\n", gcsched_hist_bucket_lo(b), n);
	}
}

static const char *const phase_names[] = {
	GCSCHED_PHASE_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
};

static void show_report(struct seq_file *m, const struct gcsched_report *r)
{
	static const char *const kinds[] = {
		GCSCHED_REPORT_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
	};

	if (r->kind == GCSCHED_REPORT_NONE)
		return;
	seq_printf(m, "kind %s\n", NAME(kinds, r->kind));
	seq_printf(m, "message %s\n", r->msg);
	seq_printf(m, "function %s\n", r->func);
	seq_printf(m, "goid %u\n", r->goid);
	/* a deadlock waited for a lock, not for a status */
	if (r->kind != GCSCHED_REPORT_DEADLOCK)
		seq_printf(m, "expected %s\n", gcsched_status_name(r->expected));
	seq_printf(m, "observed %s\n", gcsched_status_name(r->observed));
	seq_printf(m, "actor %s%u\n", NAME(actor_names, r->actor), r->actor_id);
	seq_printf(m, "last_writer %s%u\n", NAME(actor_names, r->last_actor),
		   r->last_actor_id);
	seq_printf(m, "last_transition %s->%s\n",
		   gcsched_status_name(r->last_from), gcsched_status_name(r->last_to));
	seq_printf(m, "last_write_ns %llu\n", r->last_write_ns);
	seq_printf(m, "spin_ns %llu\n", r->spin_ns);
	seq_printf(m, "gc_cycle %llu\n", r->gc_cycle);
	seq_printf(m, "since_start_ns %llu\n", r->since_start_ns);
}

static int stats_show(struct seq_file *m, void *v)
{
	struct gcsched_instance *inst = m->private;
	u64 (*phase)[GCSCHED_HIST_BUCKETS];
	struct gcsched_stats *st;
	int i, j, ret = 0;

	st = gcsched_scratch_alloc(sizeof(*st));
	phase = gcsched_scratch_alloc(sizeof(inst->phase_hist));
	if (!st || !phase) {
		ret = -ENOMEM;
		goto out_free;
	}
	if (mutex_lock_interruptible(&inst->ioctl_lock)) {
		ret = -EINTR;
		goto out_free;
	}
	gcsched_get_stats(inst, st);
	/* START zeroes them under ioctl_lock; the collector bumps them. */
	for (i = 0; i < GCSCHED_NR_PHASES; i++)
		for (j = 0; j < GCSCHED_HIST_BUCKETS; j++)
			phase[i][j] = READ_ONCE(inst->phase_hist[i][j]);
	mutex_unlock(&inst->ioctl_lock);

	seq_printf(m, "state %s\n", NAME(state_names, st->state));
	seq_printf(m, "nr_gs %u\nnr_workers %u\n", st->nr_gs, st->nr_workers);
	for (i = 0; i < ARRAY_SIZE(stat_counters); i++)
		seq_printf(m, "%s %llu\n", stat_counters[i].name,
			   *(u64 *)((char *)st + stat_counters[i].offset));
	/* Not in STATS: the stacks' share of debugfs "memory", pooled ones too. */
	seq_printf(m, "stack_bytes %lld\n",
		   (long long)atomic64_read(&inst->stack_bytes));
	seq_printf(m, "stack_given_back %lld\n",
		   (long long)atomic64_read(&inst->stack_given_back));
	/* The pool: "size:count" per list that holds any. */
	seq_puts(m, "stack_pool");
	spin_lock(&inst->stackpool.lock);
	for (i = 0; i < ARRAY_SIZE(inst->stackpool.nr_free); i++)
		if (inst->stackpool.nr_free[i])
			seq_printf(m, " %lu:%u", 1UL << i, inst->stackpool.nr_free[i]);
	spin_unlock(&inst->stackpool.lock);
	seq_putc(m, '\n');
	for (i = 0; i < GCSCHED_NR_SLOTS; i++)
		if (st->gs_by_status[i])
			seq_printf(m, "gs_%s %llu\n",
				   gcsched_status_name(i < 10 ? i : (i - 10) | Gscan),
				   st->gs_by_status[i]);
	show_hist(m, "pause_hist", st->pause_hist);
	/* Not in STATS (its size is fixed): each phase of the pauses. */
	for (i = 0; i < GCSCHED_NR_PHASES; i++) {
		char name[24];

		snprintf(name, sizeof(name), "phase_%s_hist", phase_names[i]);
		show_hist(m, name, phase[i]);
	}
	show_hist(m, "spin_hist", st->spin_hist);
	seq_puts(m, "transitions (from -> to: count)\n");
	for (i = 0; i < GCSCHED_NR_SLOTS; i++)
		for (j = 0; j < GCSCHED_NR_SLOTS; j++)
			if (st->transitions[i][j])
				seq_printf(m, "  %s -> %s: %llu\n",
					   gcsched_status_name(i < 10 ? i : (i - 10) | Gscan),
					   gcsched_status_name(j < 10 ? j : (j - 10) | Gscan),
					   st->transitions[i][j]);
out_free:
	gcsched_scratch_free(phase, sizeof(inst->phase_hist));
	gcsched_scratch_free(st, sizeof(*st));
	return ret;
}
DEFINE_SHOW_ATTRIBUTE(stats);

/* After the teardowns queued so far: a closed instance counts for nothing. */
static int memory_show(struct seq_file *m, void *v)
{
	gcsched_teardown_flush();
	seq_printf(m, "objects %ld\nbytes %ld\nbudget_bytes %lu\ncharged_bytes %lu\n",
		   atomic_long_read(&gcsched_live_objs),
		   atomic_long_read(&gcsched_live_bytes),
		   gcsched_mem_budget, gcsched_mem_charged_bytes());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(memory);

/* bench: a read runs the microbenchmark (bench.c) and prints it. */
static int bench_show(struct seq_file *m, void *v)
{
	return gcsched_bench(m, 200000);
}
DEFINE_SHOW_ATTRIBUTE(bench);

/* bench_alloc: START's allocation and its floor, bench_alloc_mib each. */
static u32 bench_alloc_mib = 64;

static int bench_alloc_show(struct seq_file *m, void *v)
{
	return gcsched_bench_alloc(m, READ_ONCE(bench_alloc_mib));
}
DEFINE_SHOW_ATTRIBUTE(bench_alloc);

#ifdef CONFIG_KCSAN
/* kcsan_canary: a read races two threads on purpose (bench.c). */
static int kcsan_canary_show(struct seq_file *m, void *v)
{
	return gcsched_kcsan_canary(m);
}
DEFINE_SHOW_ATTRIBUTE(kcsan_canary);
#endif

static int fail_nth_get(void *data, u64 *val)
{
	struct gcsched_instance *inst = data;

	*val = atomic_read(&inst->fail_nth);
	return 0;
}

static int fail_nth_set(void *data, u64 val)
{
	struct gcsched_instance *inst = data;

	if (val > INT_MAX)
		return -ERANGE;
	atomic_set(&inst->fail_nth, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(fail_nth_fops, fail_nth_get, fail_nth_set, "%llu\n");

static int inject_wake_get(void *data, u64 *val)
{
	struct gcsched_instance *inst = data;

	*val = atomic_read(&inst->inject_wake);
	return 0;
}

static int inject_wake_set(void *data, u64 val)
{
	struct gcsched_instance *inst = data;

	if (val > 1)
		return -EINVAL;
	atomic_set(&inst->inject_wake, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(inject_wake_fops, inject_wake_get, inject_wake_set,
			 "%llu\n");

static int ack_delay_get(void *data, u64 *val)
{
	struct gcsched_instance *inst = data;

	*val = atomic_read(&inst->stw.ack_delay_us);
	return 0;
}

/* At most a second: a stop waits for it. */
static int ack_delay_set(void *data, u64 val)
{
	struct gcsched_instance *inst = data;

	if (val > USEC_PER_SEC)
		return -ERANGE;
	atomic_set(&inst->stw.ack_delay_us, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(ack_delay_fops, ack_delay_get, ack_delay_set, "%llu\n");

static int report_show(struct seq_file *m, void *v)
{
	struct gcsched_instance *inst = m->private;
	struct gcsched_report r;
	unsigned long flags;

	spin_lock_irqsave(&inst->report_lock, flags);
	r = inst->report;
	spin_unlock_irqrestore(&inst->report_lock, flags);
	show_report(m, &r);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(report);

static const char *const tl_kind_names[] = {
	GCSCHED_TL_KIND_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
};

/* timeline: the window (timeline.c), an event a line */
static int timeline_show(struct seq_file *m, void *v)
{
	struct gcsched_instance *inst = m->private;
	struct gcsched_tl_snap sn;
	int ret = 0;
	size_t i;

	if (mutex_lock_interruptible(&inst->ioctl_lock))
		return -EINTR;
	if (!inst->tl.rings) {
		seq_puts(m, "off\n");
		goto out_unlock;
	}
	ret = gcsched_tl_read(inst, &sn);
	if (ret)
		goto out_unlock;
	seq_printf(m, "%s, %llu events, %zu shown\n",
		   atomic_read(&inst->tl.frozen) ? "frozen" : "running",
		   sn.total, sn.n - sn.first);
	for (i = sn.first; i < sn.n; i++) {
		const struct gcsched_tl_event *e = &sn.s[i].ev;
		/* the kinds whose from and to are statuses (the uapi header) */
		bool moves = e->kind == GCSCHED_TL_STATUS ||
			     e->kind == GCSCHED_TL_REPORT ||
			     e->kind == GCSCHED_TL_CAS_SPIN;

		seq_printf(m, "%llu cpu%u %s%u %s G%u %s%s%s %u\n", e->ns,
			   e->cpu, NAME(actor_names, ACTOR_KIND(e->actor)),
			   ACTOR_ID(e->actor), NAME(tl_kind_names, e->kind),
			   e->goid, moves ? gcsched_status_name(e->from) : "-",
			   moves ? "->" : "",
			   moves ? gcsched_status_name(e->to) : "", e->arg);
	}
	gcsched_tl_done(&sn);
out_unlock:
	mutex_unlock(&inst->ioctl_lock);
	return ret;
}
DEFINE_SHOW_ATTRIBUTE(timeline);

static u32 runqsize(struct gcsched_m *mp)
{
	u32 n;

	spin_lock(&mp->runq_lock);
	n = mp->runqtail - mp->runqhead;
	spin_unlock(&mp->runq_lock);
	return n;
}

static int sched_show(struct seq_file *m, void *v)
{
	struct gcsched_instance *inst = m->private;
	u32 i, idle = 0;

	if (mutex_lock_interruptible(&inst->ioctl_lock))
		return -EINTR;
	if (!inst->threads_live) {
		seq_printf(m, "SCHED %llums: gomaxprocs=%u %s\n",
			   div_u64(gcsched_now(inst), NSEC_PER_MSEC), inst->nr_ms,
			   NAME(state_names, atomic_read(&inst->state)));
		goto out_unlock;
	}
	for (i = 0; i < inst->nr_ms; i++)
		idle += P_STATE(atomic_long_read(&inst->allm[i].p.status)) != P_RUNNING;
	seq_printf(m, "SCHED %llums: gomaxprocs=%u idleprocs=%u runqueue=%u [",
		   div_u64(gcsched_now(inst), NSEC_PER_MSEC), inst->nr_ms, idle,
		   READ_ONCE(inst->sched.size));
	for (i = 0; i < inst->nr_ms; i++)
		seq_printf(m, "%s%u", i ? " " : "", runqsize(&inst->allm[i]));
	seq_printf(m, "] gc=%llu stopped=%d\n", READ_ONCE(inst->gc_cycles),
		   gcsched_world_stopped(inst));
out_unlock:
	mutex_unlock(&inst->ioctl_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sched);

/* tasks: a seq_file over the Gs, so a million of them need no buffer. */
static void *tasks_start(struct seq_file *m, loff_t *pos)
{
	struct gcsched_instance *inst = m->private;

	if (mutex_lock_interruptible(&inst->ioctl_lock))
		return ERR_PTR(-EINTR);
	if (!inst->threads_live || *pos >= inst->nr_gs)
		return NULL;
	return gcsched_g(inst, *pos);
}

static void *tasks_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct gcsched_instance *inst = m->private;

	++*pos;
	return *pos < inst->nr_gs ? gcsched_g(inst, *pos) : NULL;
}

static void tasks_stop(struct seq_file *m, void *v)
{
	struct gcsched_instance *inst = m->private;

	if (!IS_ERR(v))
		mutex_unlock(&inst->ioctl_lock);
}

static int tasks_show(struct seq_file *m, void *v)
{
	struct gcsched_g *gp = v;
	u32 s = readgstatus(gp);
	u64 last = READ_ONCE(gp->last);

	/* Racy by design, as scheddetail is: the Gs keep running. */
	seq_printf(m, "G%u: status=%u(%s) wait=\"%s\" stack=%u used=%u m=%d last=%s:%s->%s kind=%s\n",
		   gp->goid, s, gcsched_status_name(s),
		   NAME(wait_names, READ_ONCE(gp->waitreason)),
		   READ_ONCE(gp->stack_size),
		   READ_ONCE(gp->stack_size) - READ_ONCE(gp->sp),
		   READ_ONCE(gp->curm),
		   NAME(actor_names, ACTOR_KIND(LAST_ACTOR(last))),
		   gcsched_status_name(LAST_FROM(last)),
		   gcsched_status_name(LAST_TO(last)),
		   NAME(kind_names, gp->kind));
	return 0;
}

static const struct seq_operations tasks_sops = {
	.start = tasks_start,
	.next = tasks_next,
	.stop = tasks_stop,
	.show = tasks_show,
};

static int tasks_open(struct inode *inode, struct file *file)
{
	int ret = seq_open(file, &tasks_sops);

	if (!ret)
		((struct seq_file *)file->private_data)->private = inode->i_private;
	return ret;
}

static const struct file_operations tasks_fops = {
	.owner = THIS_MODULE,
	.open = tasks_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
};

/**
 * gcsched_debugfs_add() - list an instance and give it its directory
 * @inst: a new instance
 *
 * Context: process context; takes gcsched_instances_lock.
 */
void gcsched_debugfs_add(struct gcsched_instance *inst)
{
	char name[16];

	snprintf(name, sizeof(name), "%u", inst->id);
	inst->debugfs = debugfs_create_dir(name, gcsched_debugfs_root);
	debugfs_create_file("config", 0400, inst->debugfs, inst, &config_fops);
	debugfs_create_file("stats", 0400, inst->debugfs, inst, &stats_fops);
	debugfs_create_file("tasks", 0400, inst->debugfs, inst, &tasks_fops);
	debugfs_create_file("sched", 0400, inst->debugfs, inst, &sched_fops);
	debugfs_create_file("report", 0400, inst->debugfs, inst, &report_fops);
	debugfs_create_file("timeline", 0400, inst->debugfs, inst,
			    &timeline_fops);
	debugfs_create_file_unsafe("fail_nth", 0600, inst->debugfs, inst,
				   &fail_nth_fops);
	debugfs_create_file_unsafe("stw_ack_delay_us", 0600, inst->debugfs,
				   inst, &ack_delay_fops);
	debugfs_create_file_unsafe("inject_wake", 0600, inst->debugfs, inst,
				   &inject_wake_fops);
	mutex_lock(&gcsched_instances_lock);
	list_add_tail(&inst->node, &gcsched_instances);
	mutex_unlock(&gcsched_instances_lock);
}

/**
 * gcsched_debugfs_remove() - unlist an instance and remove its directory
 * @inst: the instance, about to be freed
 *
 * Waits for readers of its files to finish; they may hold its ioctl_lock,
 * so the caller must not.
 *
 * Context: process context, without ioctl_lock; sleeps until the instance's
 * files have no reader; takes gcsched_instances_lock.
 */
void gcsched_debugfs_remove(struct gcsched_instance *inst)
{
	/* removal waits for readers, and a reader may hold ioctl_lock */
	lockdep_assert_not_held(&inst->ioctl_lock);
	mutex_lock(&gcsched_instances_lock);
	list_del(&inst->node);
	mutex_unlock(&gcsched_instances_lock);
	debugfs_remove(inst->debugfs);
	inst->debugfs = NULL;
}

/**
 * gcsched_debugfs_init() - create /sys/kernel/debug/gcsched
 *
 * Context: module init; process context.
 */
void gcsched_debugfs_init(void)
{
	gcsched_debugfs_root = debugfs_create_dir("gcsched", NULL);
	debugfs_create_file("instances", 0400, gcsched_debugfs_root, NULL,
			    &instances_fops);
	debugfs_create_file("memory", 0400, gcsched_debugfs_root, NULL,
			    &memory_fops);
#ifdef CONFIG_KCSAN
	debugfs_create_file("kcsan_canary", 0400, gcsched_debugfs_root, NULL,
			    &kcsan_canary_fops);
#endif
	debugfs_create_file("bench", 0400, gcsched_debugfs_root, NULL,
			    &bench_fops);
	debugfs_create_file("bench_alloc", 0400, gcsched_debugfs_root, NULL,
			    &bench_alloc_fops);
	debugfs_create_u32("bench_alloc_mib", 0600, gcsched_debugfs_root,
			   &bench_alloc_mib);
}

/**
 * gcsched_debugfs_exit() - remove /sys/kernel/debug/gcsched, at unload
 *
 * Context: module exit; process context.
 */
void gcsched_debugfs_exit(void)
{
	debugfs_remove(gcsched_debugfs_root);
}
