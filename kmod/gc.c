// SPDX-License-Identifier: GPL-2.0
/*
 * The collector: runtime.GC() in miniature. For every G, scan its stack
 * under the Gscan bit and shrink it if it uses less than a quarter. Only
 * the stack work of a GC is simulated: the part of Go's collector that
 * races with the netpoller.
 *
 * Go 1.4 did it all inside one stop of the world, and shrank first, taking
 * Gcopystack in copystack, then scanned (markroot: shrinkstack, stopg,
 * scanstack, restartg). Modern Go (since 1.5, and suspendG since 1.14)
 * marks concurrently: a short stop to start the mark (sweep termination),
 * the stacks scanned while the Ms run, each G held by suspendG (preempt.c)
 * and shrunk first inside scanstack, under the Gscan bit, without a status
 * of its own; then a short stop to end it (mark termination). Each policy
 * has its era's markroot and cycle (struct gcsched_policy_ops).
 *
 * As in Go 1.4, markroot's work can be shared: gc_procs threads, the
 * collector and gc_procs - 1 gchelpers, take Gs from one counter (Go's
 * parfor, without its stealing: every G costs about the same), inside the
 * stop for the go1.4 policies, while the world runs for modern (where
 * they stand for Go's dedicated mark workers). Go lends
 * the stopped Ms to the collector (helpgc); gcsched gives each M a helper
 * thread instead, so that an M's park in the stop stays what stw.c says.
 * Go 1.4 used gcprocs() of them, min(GOMAXPROCS, ncpu, MaxGcproc = 32,
 * nmidle + 1) (src/runtime/proc.c and malloc.h, go1.4.3); gcsched's
 * default is the collector alone, because where vCPUs outnumber host
 * cores the helpers take the CPU time the netpoller needs while the world
 * is stopped, and the race this module exists for becomes several times
 * rarer (README).
 */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

#include "gcsched.h"
#include "gcsched_trace.h"

#define GC_ACTOR	ACTOR(GCSCHED_ACTOR_GC, 0)

/*
 * stopg: take the Gscan bit. The netpoller may make a Gwaiting G
 * Grunnable between the read and the CAS; the CAS then fails and the loop
 * reads again, which is why this was never the bug.
 *
 * Return: the status held with Gscan, Gdead if there is nothing to scan,
 * or a negative error.
 */
static int stopg(struct gcsched_instance *inst, struct gcsched_g *gp,
		 u16 actor)
{
	u64 spin_start = 0;
	int ret;

	for (;;) {
		u32 s = readgstatus(gp);

		switch (s) {
		case Gdead:
			return Gdead;
		case Grunnable:
		case Gwaiting:
			if (castogscanstatus(inst, gp, s, s | Gscan, actor)) {
				gcsched_spin_done(inst, spin_start);
				return s;
			}
			if (gcsched_should_quit(inst))
				return -ECANCELED;
			break;
		default:
			/* Every M is stopped: nobody may be running a G. */
			gcsched_throw(inst, gp, Gwaiting, actor, "scanstack",
				      "scanstack: goroutine not stopped");
			return -EPROTO;
		}
		ret = gcsched_spin_wait(inst, gp, &spin_start, s, actor,
					"stopg");
		if (ret)
			return ret;
	}
}

static int shrink(struct gcsched_instance *inst, struct gcsched_g *gp,
		  struct gcsched_gc_work *w, u16 actor)
{
	u64 copied, t0 = gcsched_stamp();
	int ret;

	ret = gcsched_shrinkstack(inst, gp, actor, &copied);
	/* It may have slept and moved: a counter behind t0 adds nothing. */
	t0 = gcsched_stamp() - t0;
	if ((s64)t0 > 0)
		w->shrink_stamps += t0;
	if (!ret && copied) {
		w->shrunk++;
		w->copied += copied;
	}
	return ret;
}

/* A G scanned: counted once, and whether the world was stopped for it. */
static void count_scan(struct gcsched_instance *inst, struct gcsched_gc_work *w)
{
	bool stw = gcsched_world_stopped(inst);

	w->scanned++;
	gstat_inc(inst, scans);
	if (stw) {
		w->scanned_stw++;
		gstat_inc(inst, scans_stw);
	}
}

/**
 * gcsched_markroot_go14() - Go 1.4's markroot for one G, in the stop
 * @inst: the instance, its world stopped
 * @gp: the G
 * @w: the calling thread's counts
 * @actor: the collector or one of its helpers
 *
 * src/runtime/mgc0.c at 2b62e1e, markroot: shrinkstack (whose copystack
 * takes Gcopystack through the policy's copy_lock: the race), then
 * stopg, scanstack, restartg.
 *
 * Context: the collector, holding stw.gc_lock, or a helper; may sleep.
 * Return: 0, or the error of a throw or a wedge, or -ECANCELED.
 */
int gcsched_markroot_go14(struct gcsched_instance *inst, struct gcsched_g *gp,
			  struct gcsched_gc_work *w, u16 actor)
{
	int s, ret;

	ret = shrink(inst, gp, w, actor);
	if (ret)
		return ret;
	s = stopg(inst, gp, actor);
	if (s < 0)
		return s;
	if (s == Gdead)
		return 0;
	count_scan(inst, w);
	ret = gcsched_stack_verify(inst, gp, actor);
	if (ret)
		return ret;
	return casfrom_Gscanstatus(inst, gp, s | Gscan, s, actor);
}

/*
 * isShrinkStackSafe (src/runtime/stack.go, go1.19): not in a syscall, not
 * at an asynchronous safe point, not while parking on a channel (eb3c6a9,
 * the chan-park-shrink scenario's fix: policy parking_on_chan). There is
 * no Gsyscall here, and a G stopped by the preemption signal (a spinner,
 * spinner.c) has no frame but its base: its stack may be shrunk, and
 * Go's other branch, preemptShrink for the owner to shrink at its next
 * synchronous safe point, has nothing to do.
 */
static bool is_shrink_stack_safe(struct gcsched_instance *inst,
				 struct gcsched_g *gp)
{
	if (!inst->policy->parking_on_chan)
		return true;
	/* acquire: pairs with the release in the park's commit (chan.c) */
	return !smp_load_acquire(&gp->parking_on_chan);
}

/**
 * gcsched_markroot_modern() - modern Go's markroot for one G, concurrent
 * @inst: the instance, its world running
 * @gp: the G
 * @w: the calling thread's counts
 * @actor: the collector or one of its helpers
 *
 * src/runtime/mgcmark.go (go1.19), markroot's stack case: suspendG,
 * scanstack, resumeG; scanstack shrinks first, if isShrinkStackSafe,
 * under the Gscan bit suspendG took, and then walks the stack.
 *
 * Context: the collector, holding stw.gc_lock, or a helper; may sleep.
 * Return: 0, or the error of a throw or a wedge, or -ECANCELED or -EINTR.
 */
int gcsched_markroot_modern(struct gcsched_instance *inst,
			    struct gcsched_g *gp, struct gcsched_gc_work *w,
			    u16 actor)
{
	struct gcsched_suspendg_state st;
	int ret;

	ret = gcsched_suspendg(inst, gp, actor, &st);
	if (ret || st.dead)
		return ret;
	count_scan(inst, w);
	ret = is_shrink_stack_safe(inst, gp) ? shrink(inst, gp, w, actor) : 0;
	if (!ret)
		ret = gcsched_stack_verify(inst, gp, actor);
	if (ret)
		return ret;
	return gcsched_resumeg(inst, gp, &st, actor);
}

/**
 * gcsched_mark_init() - set up the shared markroot state of an instance
 * @inst: the instance
 *
 * Context: while the instance is created; no thread runs.
 */
void gcsched_mark_init(struct gcsched_instance *inst)
{
	atomic_set(&inst->mark.busy, 0);
	spin_lock_init(&inst->mark.lock);
	init_waitqueue_head(&inst->mark.help_wq);
	init_waitqueue_head(&inst->mark.done_wq);
}

/*
 * End the cycle with @err. The first error wins, except that a wedge or a
 * throw replaces the -ECANCELED it made the other threads return: it is
 * what the cycle's outcome must say.
 */
static void markroot_fail(struct gcsched_instance *inst, int err)
{
	int old = 0;

	while (!atomic_try_cmpxchg(&inst->mark.err, &old, err))
		if (old != -ECANCELED || err == -ECANCELED)
			return;
}

/*
 * One thread's share of a cycle's markroot: Gs from the shared counter
 * until there are none left or some thread's G failed, whose error then
 * ends the cycle for all. A G is taken by exactly one thread.
 */
static void markroot_share(struct gcsched_instance *inst, u16 actor)
{
	struct gcsched_gc_work w = {};
	int ret = 0;

	while (!atomic_read(&inst->mark.err)) {
		u32 i = atomic_inc_return(&inst->mark.next) - 1;

		if (i >= inst->nr_gs)
			break;
		ret = inst->policy->markroot(inst, gcsched_g(inst, i), &w,
					    actor);
		if (!ret && gcsched_should_quit(inst))
			ret = -ECANCELED;
		/* GC ioctl: a killed caller must not wait for nr_gs windows. */
		if (!ret && fatal_signal_pending(current))
			ret = -EINTR;
		if (ret) {
			markroot_fail(inst, ret);
			break;
		}
		cond_resched();
	}
	spin_lock(&inst->mark.lock);
	inst->mark.sum.scanned += w.scanned;
	inst->mark.sum.scanned_stw += w.scanned_stw;
	inst->mark.sum.shrunk += w.shrunk;
	inst->mark.sum.copied += w.copied;
	inst->mark.sum.shrink_stamps += w.shrink_stamps;
	spin_unlock(&inst->mark.lock);
}

static void markroot_leave(struct gcsched_instance *inst)
{
	if (atomic_dec_and_test(&inst->mark.busy))
		wake_up(&inst->mark.done_wq);
}

/*
 * markroot over every G, shared with the helpers: inside the stop, or
 * while the world runs (the policy's concurrent_mark). The wait for them
 * is bounded: each is on one G at most, and every spin on a G ends within
 * wedge_timeout_ms or when the instance stops.
 */
static int markroot_all(struct gcsched_instance *inst, struct gcsched_gc_work *w)
{
	lockdep_assert_held(&inst->stw.gc_lock);
	atomic_set(&inst->mark.next, 0);
	atomic_set(&inst->mark.err, 0);
	memset(&inst->mark.sum, 0, sizeof(inst->mark.sum));
	/* The cycle is set up before a helper can join it. */
	atomic_set_release(&inst->mark.busy, 1);
	if (inst->cfg.gc_procs > 1) {
		WRITE_ONCE(inst->mark.gen, inst->mark.gen + 1);
		wake_up_all(&inst->mark.help_wq);
	}
	markroot_share(inst, GC_ACTOR);
	markroot_leave(inst);
	wait_event_idle(inst->mark.done_wq, !atomic_read(&inst->mark.busy));

	spin_lock(&inst->mark.lock);
	*w = inst->mark.sum;
	spin_unlock(&inst->mark.lock);
	return atomic_read(&inst->mark.err);
}

/**
 * gcsched_gchelper() - a thread that lends its time to a cycle's markroot
 * @arg: its M, whose id (1..gc_procs-1) names it in traces: gc1, gc2, ...
 *
 * Go 1.4's gchelper: woken at each cycle's markroot (in the stop, or for
 * modern while the world runs), it does its share and sleeps again. It
 * joins only a cycle that is still in progress.
 *
 * Context: the helper kthread itself; sleeps; takes mark.lock.
 * Return: 0, when stopped.
 */
int gcsched_gchelper(void *arg)
{
	struct gcsched_m *mp = arg;
	struct gcsched_instance *inst = mp->inst;
	unsigned long seen = 0;

	for (;;) {
		wait_event_idle(inst->mark.help_wq,
				READ_ONCE(inst->mark.gen) != seen ||
				kthread_should_stop());
		if (kthread_should_stop())
			break;
		seen = READ_ONCE(inst->mark.gen);
		if (!atomic_inc_not_zero(&inst->mark.busy))
			continue;	/* too late: the cycle is over */
		markroot_share(inst, ACTOR(GCSCHED_ACTOR_GC, mp->id));
		markroot_leave(inst);
	}
	return 0;
}

/* The netpoller bumps it meanwhile, on its CPU: see gcsched_get_stats(). */
static u64 wakeups_stw(struct gcsched_instance *inst)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu_ptr(inst->pcpu, cpu)->netpoll_wakeups_stw);
	return sum;
}

static void account_pause(struct gcsched_instance *inst, u64 pause,
			  const u64 *phase_ns, u64 mark, u64 stw2)
{
	int i;

	lockdep_assert_held(&inst->stw.gc_lock);
	/* Single writer; STATS and debugfs read them meanwhile. */
	for (i = 0; i < GCSCHED_NR_PHASES; i++) {
		u64 *h = &inst->phase_hist[i][gcsched_hist_bucket(phase_ns[i])];

		WRITE_ONCE(*h, *h + 1);
		WRITE_ONCE(inst->phase_total_ns[i],
			   inst->phase_total_ns[i] + phase_ns[i]);
		if (phase_ns[i] > inst->phase_max_ns[i])
			WRITE_ONCE(inst->phase_max_ns[i], phase_ns[i]);
	}
	WRITE_ONCE(inst->gc_cycles, inst->gc_cycles + 1);
	WRITE_ONCE(inst->pause_total_ns, inst->pause_total_ns + pause);
	WRITE_ONCE(inst->pause_last_ns, pause);
	if (pause > inst->pause_max_ns)
		WRITE_ONCE(inst->pause_max_ns, pause);
	WRITE_ONCE(inst->pause_hist[gcsched_hist_bucket(pause)],
		   inst->pause_hist[gcsched_hist_bucket(pause)] + 1);
	if (!inst->policy->concurrent_mark)
		return;
	WRITE_ONCE(inst->mark_total_ns, inst->mark_total_ns + mark);
	WRITE_ONCE(inst->stw2_total_ns, inst->stw2_total_ns + stw2);
	if (mark > inst->mark_max_ns)
		WRITE_ONCE(inst->mark_max_ns, mark);
	WRITE_ONCE(inst->mark_hist[gcsched_hist_bucket(mark)],
		   inst->mark_hist[gcsched_hist_bucket(mark)] + 1);
}

/*
 * One stop of the world: stop it, do @work's markroot inside if given (Go
 * 1.4: the whole mark; modern's stops mark nothing), start it again. Its
 * phases are added to @phase_ns.
 *
 * Return: how long the world was stopped, with *@ret the stop's or the
 * markroot's error.
 */
static u64 stw_once(struct gcsched_instance *inst, struct gcsched_gc_work *work,
		    u64 *phase_ns, int *ret)
{
	u64 t0, t1, t2, t3;

	t0 = ktime_get_ns();
	*ret = gcsched_stop_the_world(inst);
	t1 = ktime_get_ns();
	if (!*ret && work)
		*ret = markroot_all(inst, work);
	t2 = ktime_get_ns();
	gcsched_start_the_world(inst);
	t3 = ktime_get_ns();
	phase_ns[GCSCHED_PHASE_STOP] += t1 - t0;
	phase_ns[GCSCHED_PHASE_SCAN] += t2 - t1;
	phase_ns[GCSCHED_PHASE_START] += t3 - t2;
	return t3 - t0;
}

/*
 * How a cycle ended, as the GC command reports it: its outcome (struct
 * gcsched_gc's @outcome), and whether the ioctl fails with the error. A
 * wedge or a throw is data, so the ioctl succeeds; a killed caller's
 * -EINTR is the ioctl's errno. An error not in the table (none is known)
 * is reported as a crash and returned.
 */
static const struct gc_end {
	int err;
	u32 outcome;
	bool ioctl_fails;
} gc_ends[] = {
	{ 0,		GCSCHED_GC_OK,		false },
	{ -EDEADLK,	GCSCHED_GC_WEDGED,	false },	/* spun too long */
	{ -EPROTO,	GCSCHED_GC_CRASHED,	false },	/* a throw */
	{ -ENOMEM,	GCSCHED_GC_CRASHED,	false },	/* throw: no stack */
	{ -E2BIG,	GCSCHED_GC_CRASHED,	false },	/* throw: overflow */
	{ -ECANCELED,	GCSCHED_GC_ABORTED,	false },	/* stopping */
	{ -EINTR,	GCSCHED_GC_ABORTED,	true },		/* killed */
};

static const struct gc_end *gc_end_of(int err)
{
	static const struct gc_end unknown = { 0, GCSCHED_GC_CRASHED, true };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(gc_ends); i++)
		if (gc_ends[i].err == err)
			return &gc_ends[i];
	return &unknown;
}

/**
 * gcsched_gc_cycle() - one collection, runtime.GC()
 * @inst: a running instance
 * @out: the cycle's results, or NULL
 *
 * The go1.4 policies: one stop, with the whole mark inside. modern, as Go
 * since 1.5 (src/runtime/mgc.go, gcStart and gcMarkDone): a stop for sweep
 * termination, the mark while the world runs, a stop for mark termination.
 * A wedge or a throw abandons the cycle where it is (a G whose copy failed
 * keeps its old stack) and the world is started again regardless, as the
 * report has already made the instance terminal.
 *
 * Context: process context: the GC ioctl's caller or the collector
 * kthread. Dies promptly on SIGKILL: every G and every spin checks.
 * Return: 0; -ESRCH if the instance is not running; -EINTR if the caller
 * was killed; or the error that ended the cycle.
 */
int gcsched_gc_cycle(struct gcsched_instance *inst, struct gcsched_gc *out)
{
	bool concurrent = inst->policy->concurrent_mark;
	u64 phase_ns[GCSCHED_NR_PHASES] = {};
	struct gcsched_gc_work w = {};
	struct gcsched_gc r = {};
	u64 t, wake0;
	int ret;

	if (mutex_lock_killable(&inst->stw.gc_lock))
		return -EINTR;
	if (gcsched_should_quit(inst)) {
		ret = -ESRCH;
		goto out_unlock;
	}
	r.cycle = atomic64_inc_return(&inst->gc_cycle);
	wake0 = wakeups_stw(inst);
	trace_gcsched_stw_start(inst->id, r.cycle, inst->nr_ms);

	r.stw1_ns = stw_once(inst, concurrent ? NULL : &w, phase_ns, &ret);
	if (!ret && concurrent) {
		t = ktime_get_ns();
		ret = markroot_all(inst, &w);
		r.mark_ns = ktime_get_ns() - t;
		if (!ret)
			r.stw2_ns = stw_once(inst, NULL, phase_ns, &ret);
	}
	/* The pause's shrinks: none when they were concurrent. */
	if (!concurrent)
		phase_ns[GCSCHED_PHASE_SHRINK] =
			gcsched_stamp_span_ns(inst, w.shrink_stamps);
	r.pause_ns = r.stw1_ns + r.stw2_ns;
	if (!ret)
		account_pause(inst, r.pause_ns, phase_ns, r.mark_ns,
			      r.stw2_ns);
	r.size = sizeof(r);
	r.outcome = gc_end_of(ret)->outcome;
	r.scanned = w.scanned;
	r.scanned_stw = w.scanned_stw;
	r.shrinks = w.shrunk;
	r.bytes_copied = w.copied;
	/* One sum over the CPUs: a tracepoint's arguments are evaluated
	 * even while it is off.
	 */
	r.netpoll_wakeups_stw = wakeups_stw(inst) - wake0;
	trace_gcsched_stw_done(inst->id, inst->nr_ms, &r, phase_ns);
	if (out)
		*out = r;
out_unlock:
	mutex_unlock(&inst->stw.gc_lock);
	return ret;
}

/**
 * gcsched_gc_command() - the GC ioctl: one cycle, reported in @out
 * @inst: the instance; the caller holds ioctl_lock
 * @out: the cycle's results
 *
 * Context: process context, holds ioctl_lock; sleeps for the cycle.
 * Return: 0 if the cycle ran, whatever its outcome; if the instance is not
 * running, the errno of its state (gcsched_state_check()), or -ESRCH if
 * it is idle or stopped; -EINTR if the caller was killed.
 */
int gcsched_gc_command(struct gcsched_instance *inst, struct gcsched_gc *out)
{
	int ret;

	lockdep_assert_held(&inst->ioctl_lock);
	if (atomic_read(&inst->state) != GCSCHED_STATE_RUNNING)
		return gcsched_state_check(inst) ?: -ESRCH;
	ret = gcsched_gc_cycle(inst, out);
	/* It wedged or crashed before the cycle began: say which. */
	if (ret == -ESRCH)
		return gcsched_state_check(inst) ?: -ESRCH;
	return gc_end_of(ret)->ioctl_fails ? ret : 0;
}

/*
 * Between two cycles of for { runtime.GC() } the world runs: in Go the
 * loop is itself a goroutine that must be scheduled again, and the other
 * Ps run meanwhile. A kthread that restarted the world and stopped it at
 * once would starve every M, so the collector gives the world as long as
 * the last pause took: half the time stopped, half running. modern's mark
 * runs with the world running already; its pause is its two short stops.
 */
static void let_the_world_run(struct gcsched_instance *inst)
{
	u64 us = div_u64(min_t(u64, READ_ONCE(inst->pause_last_ns),
			       10 * NSEC_PER_MSEC), NSEC_PER_USEC);

	if (us)
		usleep_range(us, us + 10);
	else
		cond_resched();
}

/**
 * gcsched_gc_thread() - the continuous collector: for { runtime.GC() }
 * @arg: the instance
 *
 * Back to back, or one cycle every gc_interval_us.
 *
 * Context: the collector kthread itself; sleeps; takes stw.gc_lock for each
 * cycle.
 * Return: 0, when stopped.
 */
int gcsched_gc_thread(void *arg)
{
	struct gcsched_instance *inst = arg;

	while (!kthread_should_stop() && !gcsched_should_quit(inst)) {
		if (gcsched_gc_cycle(inst, NULL))
			break;
		if (inst->cfg.gc_mode == GCSCHED_GC_INTERVAL)
			wait_event_idle_timeout(inst->gc_wq,
						gcsched_should_quit(inst) ||
						kthread_should_stop(),
						usecs_to_jiffies(inst->cfg.gc_interval_us));
		else
			let_the_world_run(inst);
	}
	gcsched_park_until_stop();
	return 0;
}
