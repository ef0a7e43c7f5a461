// SPDX-License-Identifier: GPL-2.0
/*
 * The tight-loop scenario's G: go func() { for { i++ } }(), a loop with no
 * function call in it (Go issues 10958 and 24543). Go's safe points are
 * function prologues (the stack-bound check that newstack turns into a
 * preemption) and the scheduler's own calls; such a loop passes none, so
 * a stop of the world, or a suspendG, that waits for this G to reach one
 * waits for ever. Go 1.14 ended that with asynchronous preemption
 * (src/runtime/preempt.go, preemptM; signal_unix.go, doSigPreempt): a stop
 * (preemptall) or a suspendG also sends the M a signal, whose handler
 * makes the G call asyncPreempt, a safe point, wherever it is.
 *
 * Here the loop's M checks mp->sigpreempt, the signal, on every turn (an
 * interrupt can land between any two instructions); a policy without
 * async_preempt (the go1.4 ones, modern-noasync) never sends it, and the
 * G runs until the instance stops: a stop, or a suspendG, waits for it
 * until GCSCHED_SAFEPOINT_TIMEOUT_MS, then reports a wedge, where Go's
 * program simply hangs. The simulation's kthread still yields the
 * CPU (cond_resched()) and dies on STOP: only the M is stuck in the model.
 *
 * Go's sysmon also preempts a G that ran for 10 ms (forcePreemptNS,
 * retake -> preemptone), by the same signal since Go 1.14: so here a
 * policy with async_preempt ends the loop after GCSCHED_TIMESLICE_NS, and
 * execute() requeues the G; without it the loop keeps its M.
 *
 * Differences from Go: the time slice is the M's own clock, not sysmon's
 * 10 ms tick; the signal always finds the G at an async safe point (a
 * loop of i++ is one). A stop times out into a report ("stopTheWorld: 1
 * of N Ms did not stop") where Go hangs; under modern-noasync the
 * concurrent mark's suspendG may be the first to give up on the G
 * ("suspendG: waiting for Gpreempted but is Grunning").
 */
#include <linux/kthread.h>
#include <linux/sched.h>

#include "gcsched.h"

/**
 * gcsched_spinner_step() - run the loop until a preemption signal
 * @mp: the M, running @gp
 * @gp: a G_SPINNER G, Grunning
 *
 * Context: the M's kthread; may sleep (cond_resched()).
 * Return: 0, the G still Grunning, after a signal, the time slice's end
 * (async_preempt only) or when the instance stops: execute() then looks
 * for what it was (a stop, a suspendG, the slice) as at any safe point.
 */
int gcsched_spinner_step(struct gcsched_m *mp, struct gcsched_g *gp)
{
	struct gcsched_instance *inst = mp->inst;
	u64 slice_end = ktime_get_ns() + GCSCHED_TIMESLICE_NS;
	u32 i = 0;

	for (;;) {
		/* asyncPreempt: the handler found the G at a safe point */
		if (atomic_read(&mp->sigpreempt) &&
		    atomic_xchg(&mp->sigpreempt, 0))
			return 0;
		if (!(++i % 1024)) {
			if (gcsched_should_quit(inst) || kthread_should_stop())
				return 0;
			/* sysmon's preemptone of a G that ran too long */
			if (inst->policy->async_preempt &&
			    ktime_get_ns() > slice_end)
				return 0;
			cond_resched();
		}
	}
}

/**
 * gcsched_preempt_m() - preemptM: signal @mp to stop its G where it is
 * @inst: the instance
 * @mp: the M
 *
 * Only a policy with async_preempt signals; a signal nobody needs is
 * consumed and ignored, as Go's handler ignores one at an unsafe point.
 * Release: what the sender asked for (the stop, preemptStop) is seen by
 * the M that consumes the signal (atomic_xchg(), a full barrier).
 *
 * Context: any.
 */
void gcsched_preempt_m(struct gcsched_instance *inst, struct gcsched_m *mp)
{
	if (inst->policy->async_preempt)
		atomic_set_release(&mp->sigpreempt, 1);
}

/**
 * gcsched_preempt_all() - preemptall: signal every M, for a stop
 * @inst: the instance, its Ms live (a stop is in force)
 *
 * Context: the stopper, after publishing the stop.
 */
void gcsched_preempt_all(struct gcsched_instance *inst)
{
	u32 i;

	if (!inst->policy->async_preempt)
		return;
	for (i = 0; i < inst->nr_ms; i++)
		gcsched_preempt_m(inst, &inst->allm[i]);
}
