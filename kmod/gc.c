// SPDX-License-Identifier: GPL-2.0
/*
 * The collector: runtime.GC() in miniature. Stop the world; for every G,
 * scan its stack under the Gscan bit and shrink it if it uses less than a
 * quarter; start the world. Only the stack work of a GC is simulated: the
 * part of Go's collector that races with the netpoller.
 *
 * Go 1.4 shrank first, taking Gcopystack in copystack, then scanned
 * (markroot: shrinkstack, stopg, scanstack, restartg). Modern Go shrinks
 * during the scan, under the Gscan bit it already holds, and never changes
 * the status for it. The order of each policy is the order of its era.
 */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/sched.h>

#include "gcsched.h"
#include "gcsched_trace.h"

#define GC_ACTOR	ACTOR(GCSCHED_ACTOR_GC, 0)

struct gc_work {
	u32 scanned;
	u32 shrunk;
	u64 copied;
	u64 wakeups_stw;	/* netpoll wakeups while this cycle stopped */
};

/*
 * stopg/suspendG: take the Gscan bit. The netpoller may make a Gwaiting G
 * Grunnable between the read and the CAS; the CAS then fails and the loop
 * reads again, which is why this was never the bug. In the modern policy
 * the race window goes here: it is modern's read-then-CAS.
 *
 * Return: the status held with Gscan, Gdead if there is nothing to scan,
 * or a negative error.
 */
static int stopg(struct gcsched_instance *inst, struct gcsched_g *gp)
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
			if (inst->cfg.policy == GCSCHED_POLICY_MODERN)
				gcsched_race_window(inst);
			if (castogscanstatus(inst, gp, s, s | Gscan, GC_ACTOR)) {
				gcsched_spin_done(inst, spin_start);
				return s;
			}
			if (gcsched_should_quit(inst))
				return -ECANCELED;
			break;
		default:
			/* Every M is stopped: nobody may be running a G. */
			gcsched_throw(inst, gp, Gwaiting, GC_ACTOR, "scanstack",
				      "scanstack: goroutine not stopped");
			return -EPROTO;
		}
		ret = gcsched_spin_wait(inst, gp, &spin_start, s, GC_ACTOR,
					"stopg");
		if (ret)
			return ret;
	}
}

static int shrink(struct gcsched_instance *inst, struct gcsched_g *gp,
		  struct gc_work *w)
{
	u64 copied;
	int ret;

	ret = gcsched_shrinkstack(inst, gp, GC_ACTOR, &copied);
	if (!ret && copied) {
		w->shrunk++;
		w->copied += copied;
	}
	return ret;
}

/* markroot for one G. */
static int gc_one(struct gcsched_instance *inst, struct gcsched_g *gp,
		  struct gc_work *w)
{
	bool modern = inst->cfg.policy == GCSCHED_POLICY_MODERN;
	int s, ret;

	if (!modern) {
		ret = shrink(inst, gp, w);
		if (ret)
			return ret;
	}
	s = stopg(inst, gp);
	if (s < 0)
		return s;
	if (s == Gdead)
		return 0;
	w->scanned++;
	ret = gcsched_stack_verify(inst, gp, GC_ACTOR);
	if (!ret && modern)
		ret = shrink(inst, gp, w);
	if (ret)
		return ret;
	return casfrom_Gscanstatus(inst, gp, s | Gscan, s, GC_ACTOR);
}

static u64 wakeups_stw(struct gcsched_instance *inst)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu_ptr(inst->pcpu, cpu)->netpoll_wakeups_stw;
	return sum;
}

static void account_pause(struct gcsched_instance *inst, u64 pause)
{
	WRITE_ONCE(inst->gc_cycles, inst->gc_cycles + 1);
	WRITE_ONCE(inst->pause_total_ns, inst->pause_total_ns + pause);
	WRITE_ONCE(inst->pause_last_ns, pause);
	if (pause > inst->pause_max_ns)
		WRITE_ONCE(inst->pause_max_ns, pause);
	inst->pause_hist[gcsched_hist_bucket(pause)]++;
}

static u32 outcome_of(int ret)
{
	switch (ret) {
	case 0:
		return GCSCHED_GC_OK;
	case -EDEADLK:
		return GCSCHED_GC_WEDGED;
	case -ECANCELED:
	case -EINTR:
		return GCSCHED_GC_ABORTED;
	default:
		return GCSCHED_GC_CRASHED;
	}
}

/**
 * gcsched_gc_cycle() - one stop-the-world collection
 * @inst: a running instance
 * @out: the cycle's results, or NULL
 *
 * A wedge or a throw abandons the cycle where it is (a G whose copy failed
 * keeps its old stack) and the world is started again regardless, as the
 * report has already made the instance terminal.
 *
 * Return: 0; -ESRCH if the instance is not running; -EINTR if the caller
 * was killed; or the error that ended the cycle.
 */
int gcsched_gc_cycle(struct gcsched_instance *inst, struct gcsched_gc *out)
{
	struct gc_work w = {};
	u64 t0, pause, cycle, wake0;
	u32 i;
	int ret;

	if (mutex_lock_killable(&inst->stw.gc_lock))
		return -EINTR;
	if (gcsched_should_quit(inst)) {
		ret = -ESRCH;
		goto out_unlock;
	}
	cycle = atomic64_inc_return(&inst->gc_cycle);
	wake0 = wakeups_stw(inst);
	trace_gcsched_stw_start(inst->id, cycle, inst->nr_ms);
	t0 = ktime_get_ns();

	ret = gcsched_stop_the_world(inst);
	for (i = 0; !ret && i < inst->nr_gs; i++) {
		ret = gc_one(inst, gcsched_g(inst, i), &w);
		if (!ret && gcsched_should_quit(inst))
			ret = -ECANCELED;
		cond_resched();
	}
	gcsched_start_the_world(inst);

	pause = ktime_get_ns() - t0;
	if (!ret)
		account_pause(inst, pause);
	/* One sum over the CPUs: a tracepoint's arguments are evaluated
	 * even while it is off.
	 */
	w.wakeups_stw = wakeups_stw(inst) - wake0;
	trace_gcsched_stw_done(inst->id, cycle, inst->nr_ms, pause, w.scanned,
			       w.shrunk, w.copied, w.wakeups_stw);
	if (out) {
		out->outcome = outcome_of(ret);
		out->cycle = cycle;
		out->pause_ns = pause;
		out->scanned = w.scanned;
		out->shrinks = w.shrunk;
		out->bytes_copied = w.copied;
		out->netpoll_wakeups_stw = w.wakeups_stw;
	}
out_unlock:
	mutex_unlock(&inst->stw.gc_lock);
	return ret;
}

/*
 * Between two cycles of for { runtime.GC() } the world runs: in Go the
 * loop is itself a goroutine that must be scheduled again, and the other
 * Ps run meanwhile. A kthread that restarted the world and stopped it at
 * once would starve every M, so the collector gives the world as long as
 * the last pause took: half the time stopped, half running.
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
 * Return: 0, when stopped.
 */
int gcsched_gc_thread(void *arg)
{
	struct gcsched_instance *inst = arg;

	while (!kthread_should_stop() && !gcsched_should_quit(inst)) {
		if (gcsched_gc_cycle(inst, NULL))
			break;
		if (inst->cfg.gc_mode == GCSCHED_GC_INTERVAL)
			wait_event_idle_timeout(inst->report_wq,
						gcsched_should_quit(inst) ||
						kthread_should_stop(),
						usecs_to_jiffies(inst->cfg.gc_interval_us));
		else
			let_the_world_run(inst);
	}
	gcsched_park_until_stop();
	return 0;
}
