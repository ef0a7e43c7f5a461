// SPDX-License-Identifier: GPL-2.0
/*
 * What every actor uses: the instance's clock, whether to quit, the end of
 * a kthread. Below the actors: calls come here from them, never the other
 * way.
 */
#include <linux/kthread.h>
#include <linux/math64.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>

#include "gcsched.h"

/* Set once at load: no cycle counter here, stamps are local_clock(). */
bool gcsched_stamp_is_clock __read_mostly;

/**
 * gcsched_stamp_init() - choose gcsched_stamp()'s unit, at module load
 *
 * Context: module init, before any instance exists.
 */
void __init gcsched_stamp_init(void)
{
	gcsched_stamp_is_clock = !get_cycles();
}

/**
 * gcsched_stamp_scale() - cycles to nanoseconds at a measured rate
 * @span: cycles
 * @ns_run: nanoseconds of a run ...
 * @cyc_run: ... that took this many cycles
 *
 * @span cycles in ns at the rate of @ns_run ns per @cyc_run cycles. x86-64's
 * mul_u64_u64_div_u64() traps on a quotient past 64 bits, so the whole
 * runs are taken out first; and a run of no time (local_clock() behind
 * START's on another CPU) scales to 0.
 *
 * Context: any.
 * Return: nanoseconds.
 */
u64 gcsched_stamp_scale(u64 span, s64 ns_run, s64 cyc_run)
{
	u64 whole, rem;

	if (ns_run <= 0 || cyc_run <= 0)
		return 0;
	whole = div64_u64_rem(span, cyc_run, &rem);
	return whole * ns_run + mul_u64_u64_div_u64(rem, ns_run, cyc_run);
}

/**
 * gcsched_stamp_ns() - a gcsched_stamp() as nanoseconds since START
 * @inst: the instance
 * @stamp: a stamp taken on it
 *
 * Cycles are scaled by the rate measured between START's stamp and now,
 * which assumes a counter of constant rate, agreeing across CPUs: on x86,
 * a constant, synchronised TSC (the VM boots with tsc=reliable), which
 * local_clock() assumes as well. Off the hot path: reports, debugfs.
 *
 * Context: any.
 * Return: the time, 0 for a stamp from before START or with no START.
 */
u64 gcsched_stamp_ns(struct gcsched_instance *inst, u64 stamp)
{
	if ((s64)(stamp - inst->start_stamp) <= 0)
		return 0;
	return gcsched_stamp_span_ns(inst, stamp - inst->start_stamp);
}

/**
 * gcsched_stamp_span_ns() - the length of a gcsched_stamp() difference
 * @inst: the instance the stamps were taken on
 * @span: a later stamp minus an earlier one, or a sum of such
 *
 * Scaled as gcsched_stamp_ns() scales.
 *
 * Context: any.
 * Return: nanoseconds; 0 before START.
 */
u64 gcsched_stamp_span_ns(struct gcsched_instance *inst, u64 span)
{
	if (!inst->start_ns || gcsched_stamp_is_clock)
		return inst->start_ns ? span : 0;
	return gcsched_stamp_scale(span, local_clock() - inst->start_ns,
				   get_cycles() - inst->start_stamp);
}

/**
 * gcsched_now() - nanoseconds since the instance's START
 * @inst: the instance
 *
 * Every status transition is stamped, so this is on the hottest path of
 * the simulation. local_clock() is sched_clock: a TSC read and a per-CPU
 * scale, without ktime_get()'s seqcount, which the profile of a running
 * instance showed as a third of the collector's time. With a stable TSC
 * (the VM boots with tsc=reliable) it agrees across CPUs; where it does
 * not, stamps taken on different CPUs may be off by the drift.
 *
 * Context: any.
 * Return: the time, frozen at STOP.
 */
u64 gcsched_now(struct gcsched_instance *inst)
{
	u64 end = READ_ONCE(inst->stop_ns);

	if (!inst->start_ns)
		return 0;
	return (end ? end : local_clock()) - inst->start_ns;
}

/**
 * gcsched_should_quit() - must the instance's threads stop working?
 * @inst: the instance
 *
 * Context: any.
 * Return: true once STOP began or the instance wedged or crashed.
 */
bool gcsched_should_quit(struct gcsched_instance *inst)
{
	return atomic_read(&inst->dying) ||
	       atomic_read(&inst->state) != GCSCHED_STATE_RUNNING;
}

/**
 * gcsched_park_until_stop() - the end of every gcsched kthread
 *
 * A kthread must not return before kthread_stop() asks it to, or its
 * task_struct could be gone when STOP calls kthread_stop(). So it idles
 * here: the simulated program has stopped, the thread has not.
 *
 * Context: a gcsched kthread, at its end; sleeps until kthread_stop().
 */
void gcsched_park_until_stop(void)
{
	for (;;) {
		set_current_state(TASK_IDLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}
