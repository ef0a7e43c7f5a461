// SPDX-License-Identifier: GPL-2.0
/*
 * The cost of the machinery, measured in the module (debugfs "bench"):
 * casgstatus uncontended and contended, a castogscanstatus and
 * casfrom_Gscanstatus pair, a run-queue put and get, next to a bare
 * atomic_cmpxchg on the same machine, the physical floor. Numbers only:
 * nothing here passes or fails.
 */
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/sched/clock.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/timex.h>

#include "gcsched.h"

#define BENCH_ACTOR	ACTOR(GCSCHED_ACTOR_SETUP, 0)

struct contender {
	struct gcsched_instance *inst;
	struct gcsched_g *gp;		/* NULL: contend on @word, bare */
	atomic_t *word;
	atomic_t stop;
	u64 scans;
	struct completion done;
};

/* The collector's side of the contention: take and drop Gscan. */
static int contend(void *arg)
{
	struct contender *c = arg;

	while (!atomic_read(&c->stop)) {
		if (!c->gp) {
			if (atomic_cmpxchg(c->word, Grunnable,
					   Grunnable | Gscan) == Grunnable) {
				atomic_set(c->word, Grunnable);
				c->scans++;
			}
		} else if (castogscanstatus(c->inst, c->gp, Grunnable,
					    Grunnable | Gscan, BENCH_ACTOR)) {
			casfrom_Gscanstatus(c->inst, c->gp, Grunnable | Gscan,
					    Grunnable, BENCH_ACTOR);
			c->scans++;
		}
		cond_resched();
	}
	complete(&c->done);
	gcsched_park_until_stop();
	return 0;
}

/* The bare CAS a casgstatus() that spins stands for: cond_resched() too. */
static void bare_cas(atomic_t *word, int old, int new)
{
	while (atomic_cmpxchg(word, old, new) != old) {
		cpu_relax();
		cond_resched();
	}
}

/* Run a contender on @c until contend_stop(); NULL if it failed to start. */
static struct task_struct *contend_start(struct contender *c)
{
	c->scans = 0;
	atomic_set(&c->stop, 0);
	init_completion(&c->done);
	return kthread_run(contend, c, "gcsched-bench");
}

static void contend_stop(struct contender *c, struct task_struct *t)
{
	atomic_set(&c->stop, 1);
	wait_for_completion(&c->done);
	kthread_stop(t);
}

static u64 per_op(u64 t0, u32 iters)
{
	return div_u64((ktime_get_ns() - t0) * 1000, iters);	/* ps */
}

/* casgstatus() uncontended, Grunnable <-> Grunning: ps per call */
static u64 bench_casgstatus(struct gcsched_instance *inst, struct gcsched_g *gp,
			    u32 iters)
{
	u64 t0 = ktime_get_ns();
	u32 i;

	for (i = 0; i < iters / 2; i++) {
		casgstatus(inst, gp, Grunnable, Grunning, BENCH_ACTOR);
		casgstatus(inst, gp, Grunning, Grunnable, BENCH_ACTOR);
	}
	return per_op(t0, iters / 2 * 2);
}

static void show(struct seq_file *m, const char *name, u64 ps)
{
	seq_printf(m, "%s_ns %llu.%03llu\n", name, div_u64(ps, 1000),
		   ps % 1000);
}

/*
 * Time @iters Grunnable <-> Grunning moves against a contender taking the
 * Gscan bit: on c->word with bare CASes if c->gp is NULL, else on the G
 * through casgstatus().
 */
static int contended(struct seq_file *m, struct contender *c,
		     const char *name, u32 iters)
{
	struct task_struct *t = contend_start(c);
	u64 t0;
	u32 i;

	if (IS_ERR(t))
		return PTR_ERR(t);
	t0 = ktime_get_ns();
	for (i = 0; i < iters / 2; i++) {
		if (!c->gp) {
			bare_cas(c->word, Grunnable, Grunning);
			bare_cas(c->word, Grunning, Grunnable);
		} else {
			casgstatus(c->inst, c->gp, Grunnable, Grunning, BENCH_ACTOR);
			casgstatus(c->inst, c->gp, Grunning, Grunnable, BENCH_ACTOR);
		}
	}
	show(m, name, per_op(t0, iters / 2 * 2));
	contend_stop(c, t);
	return 0;
}

/**
 * gcsched_bench() - time the status protocol and the run queue
 * @m: where the results go, "name_ns value" per line
 * @iters: operations per measurement
 *
 * Runs on a private instance of two Gs and one M that no thread schedules.
 *
 * Context: process context (a debugfs read); sleeps; runs a kthread of its
 * own on a private instance.
 * Return: 0; -ENOMEM; or the errno of gcsched_start_threadless() or
 * kthread_run().
 */
int gcsched_bench(struct seq_file *m, u32 iters)
{
	static const char *const step_names[GCSCHED_BENCH_STEPS] = {
		"cas", "check", "count", "last", "stamp", "trace",
	};
	u64 steps[GCSCHED_BENCH_STEPS];
	struct gcsched_instance *inst;
	struct contender c;
	struct gcsched_g *gp;
	struct gcsched_m *mp;
	struct gcsched_tl_ring *rings;
	atomic_t word;
	u64 t0, sink = 0;
	u32 i, id;
	int ret;

	inst = gcsched_instance_create();
	if (!inst)
		return -ENOMEM;
	/* An id of its own: its transitions must not read as instance 0's. */
	ret = gcsched_id_alloc();
	if (ret < 0)
		goto out_destroy;
	inst->id = ret;
	/* One pair of Gs and one M, as START builds them; no thread. */
	inst->cfg.nr_pairs = 1;
	inst->cfg.nr_workers = 1;
	inst->cfg.gc_procs = 1;
	mutex_lock(&inst->ioctl_lock);
	ret = gcsched_start_threadless(inst);
	mutex_unlock(&inst->ioctl_lock);
	if (ret)
		goto out_id;
	gp = gcsched_g(inst, 0);
	mp = &inst->allm[0];

	atomic_set(&word, 0);
	t0 = ktime_get_ns();
	for (i = 0; i < iters; i++)
		atomic_cmpxchg(&word, i & 1, !(i & 1));
	show(m, "atomic_cmpxchg", per_op(t0, iters));

	/* What a transition's bookkeeping is made of, one by one. */
	t0 = ktime_get_ns();
	for (i = 0; i < iters; i++)
		sink += local_clock();
	show(m, "local_clock", per_op(t0, iters));

	t0 = ktime_get_ns();
	for (i = 0; i < iters; i++)
		sink += get_cycles();
	show(m, "get_cycles", per_op(t0, iters));

	t0 = ktime_get_ns();
	for (i = 0; i < iters; i++)
		gstat_inc(inst, steps);
	show(m, "this_cpu_inc", per_op(t0, iters));

	show(m, "casgstatus_uncontended", bench_casgstatus(inst, gp, iters));

	/* the same without the timeline: its cost (no thread reads it here) */
	rings = inst->tl.rings;
	inst->tl.rings = NULL;
	show(m, "casgstatus_no_timeline", bench_casgstatus(inst, gp, iters));
	inst->tl.rings = rings;

	/* ... and casgstatus()'s parts, added one at a time */
	gcsched_bench_casgstatus_steps(inst, gp, BENCH_ACTOR, iters, steps);
	for (i = 0; i < GCSCHED_BENCH_STEPS; i++) {
		char name[40];

		snprintf(name, sizeof(name), "casgstatus_step%u_%s", i,
			 step_names[i]);
		show(m, name, div_u64(steps[i] * 1000, iters / 2 * 2));
	}

	t0 = ktime_get_ns();
	for (i = 0; i < iters / 2; i++) {
		castogscanstatus(inst, gp, Grunnable, Grunnable | Gscan,
				 BENCH_ACTOR);
		casfrom_Gscanstatus(inst, gp, Grunnable | Gscan, Grunnable,
				    BENCH_ACTOR);
	}
	show(m, "castogscanstatus_pair", per_op(t0, iters / 2));

	/* what a scan does to a parked G's stack: only its base frame */
	t0 = ktime_get_ns();
	for (i = 0; i < iters; i++)
		sink += gcsched_stack_verify(inst, gp, BENCH_ACTOR);
	show(m, "stack_verify_at_rest", per_op(t0, iters));

	t0 = ktime_get_ns();
	for (i = 0; i < iters; i++) {
		gcsched_runqput(mp, gp);
		gcsched_runqget(mp);
	}
	show(m, "runq_put_get", per_op(t0, iters));

	/*
	 * Contended: a kthread keeps taking the Gscan bit we wait out; first
	 * on a bare word, the floor (the cache line's transfers), then on
	 * the G, through the protocol.
	 */
	c.inst = inst;
	c.gp = NULL;
	c.word = &word;
	atomic_set(&word, Grunnable);
	ret = contended(m, &c, "atomic_cmpxchg_contended", iters);
	if (ret)
		goto out_id;
	c.gp = gp;
	ret = contended(m, &c, "casgstatus_contended", iters);
	if (ret)
		goto out_id;
	seq_printf(m, "contender_scans %llu\n", c.scans);
	seq_printf(m, "iterations %u\n", iters);
	/* Printed so that the clock loops are not optimised away. */
	seq_printf(m, "clock_sink %llu\n", sink & 1);
	ret = 0;

out_id:
	id = inst->id;
	gcsched_instance_destroy(inst);
	gcsched_id_free(id);
	return ret;

out_destroy:
	gcsched_instance_destroy(inst);
	return ret;
}

/*
 * One read of every word of @got stacks of @size, in order: the least a
 * pause's walk over them must do (the scan verifies each stack). Cold once
 * the stacks outgrow the caches, as a million Gs' do: the memory floor of
 * the pause per G, apart from the machinery's own cost.
 */
static void bench_walk(struct seq_file *m, u32 size, u32 got, void **p)
{
	u64 t0, sum = 0;
	u32 k, i;

	t0 = ktime_get_ns();
	for (k = 0; k < got; k++) {
		const u64 *w = p[k];

		for (i = 0; i < size / sizeof(u64); i++)
			sum += READ_ONCE(w[i]);
		if (!(k % 1024))
			cond_resched();
	}
	show(m, "stack_walk", per_op(t0, got));
	/* so that the reads are not optimised away */
	seq_printf(m, "walk_sink %llu\n", sum & 1);
}

/* Time @n bulk allocations of @size into @p, a walk, then their frees. */
static u32 bench_stacks(struct seq_file *m, u32 size, u32 n, void **p)
{
	u32 got = 0, k, batch;
	int why;
	u64 t0;

	t0 = ktime_get_ns();
	while (got < n) {
		batch = min_t(u32, n - got, GCSCHED_STACK_BATCH);
		k = gcsched_stack_mem_alloc_bulk(NULL, size, batch, p + got,
						 &why);
		got += k;
		if (k < batch)
			break;
		if (!(got % 1024))
			cond_resched();
	}
	if (got) {
		show(m, "stack_alloc_bulk", per_op(t0, got));
		bench_walk(m, size, got, p);
	}
	t0 = ktime_get_ns();
	for (k = 0; k < got; k += batch) {
		batch = min_t(u32, got - k, GCSCHED_STACK_BATCH);
		gcsched_stack_mem_free_bulk(size, batch, p + k);
		if (!(k % 1024))
			cond_resched();
	}
	if (got)
		show(m, "stack_free_bulk", per_op(t0, got));
	return got;
}

/**
 * gcsched_bench_alloc() - START's allocation against its floor
 * @m: where the results go, "name_ns value" per line
 * @mib: how much memory each part takes, in MiB
 *
 * The floor: @mib of zeroed pages from the page allocator, held until all
 * are taken (so that none is reused hot), then freed; per 2 KiB, the
 * default first stack. Then as many 2 KiB stacks through START's path
 * (gcsched_stack_mem_alloc_bulk(), the budget included), one read of each
 * (the pause's memory floor per G: bench_walk()), then freed. A
 * part stops early if memory (or the module's budget) runs out; "*_mib"
 * says how much it took. @mib is at most half of the machine's RAM.
 *
 * Context: process context (a debugfs read); sleeps; yields.
 * Return: 0, or -ENOMEM if the array of stacks could not be allocated.
 */
int gcsched_bench_alloc(struct seq_file *m, u32 mib)
{
	u32 n, pages = 0, got;
	struct page *page, *next;
	LIST_HEAD(list);
	void **p;
	u64 t0;

	/*
	 * At most half of RAM, so that the pages held at once leave the rest
	 * of the machine room, and the counts below stay in a u32.
	 */
	mib = min_t(unsigned long, mib, totalram_pages() >> (21 - PAGE_SHIFT));
	n = mib << (20 - 11);
	t0 = ktime_get_ns();
	while (pages < mib << (20 - PAGE_SHIFT)) {
		page = alloc_page(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN |
				  __GFP_NORETRY);
		if (!page)
			break;
		list_add(&page->lru, &list);
		if (!(++pages % 1024))
			cond_resched();
	}
	got = pages;
	if (pages) {
		show(m, "page_alloc_zero_2k", per_op(t0, pages * (PAGE_SIZE / 2048)));
		t0 = ktime_get_ns();
		list_for_each_entry_safe(page, next, &list, lru) {
			__free_page(page);
			if (!(--pages % 1024))
				cond_resched();
		}
		show(m, "page_free_2k", per_op(t0, got * (PAGE_SIZE / 2048)));
	}
	seq_printf(m, "page_mib %u\n", got >> (20 - PAGE_SHIFT));

	p = kvmalloc_array(n, sizeof(*p), GFP_KERNEL | __GFP_NOWARN);
	if (!p)
		return -ENOMEM;
	got = bench_stacks(m, 2048, n, p);
	seq_printf(m, "stack_mib %u\n", got >> (20 - 11));
	kvfree(p);
	return 0;
}

#ifdef CONFIG_KCSAN
/*
 * The KCSAN lane's canary: two threads that increment one plain counter
 * with no lock and no annotation, a data race on purpose. The lane fails
 * unless KCSAN reports it (so that a lane whose sanitizer is off cannot
 * pass), and fails on any other report that names gcsched. Built only into
 * a KCSAN kernel's module; nothing else calls it.
 */
struct canary {
	u64 counter;		/* raced on, deliberately */
	struct completion done;
	u64 until;
};

static noinline void canary_racy_inc(struct canary *c)
{
	c->counter++;
}

static int canary_thread(void *arg)
{
	struct canary *c = arg;

	while (ktime_get_ns() < c->until) {
		canary_racy_inc(c);
		cond_resched();
	}
	complete(&c->done);
	gcsched_park_until_stop();
	return 0;
}

/**
 * gcsched_kcsan_canary() - race two threads on purpose for KCSAN to see
 * @m: where the result goes
 *
 * Context: process context (a debugfs read); sleeps about 500 ms.
 * Return: 0, or the errno of kthread_run().
 */
int gcsched_kcsan_canary(struct seq_file *m)
{
	struct task_struct *t[2];
	struct canary c = {};
	int i, ret = 0;

	init_completion(&c.done);
	c.until = ktime_get_ns() + 500 * NSEC_PER_MSEC;
	for (i = 0; i < 2; i++) {
		t[i] = kthread_run(canary_thread, &c, "gcsched-canary%d", i);
		if (IS_ERR(t[i])) {
			ret = PTR_ERR(t[i]);
			break;
		}
	}
	while (i--) {
		wait_for_completion(&c.done);
		kthread_stop(t[i]);
	}
	/* Both threads are gone: no race left to report here. */
	seq_printf(m, "canary_increments %llu\n", data_race(c.counter));
	return ret;
}
#endif
