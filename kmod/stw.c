// SPDX-License-Identifier: GPL-2.0
/*
 * Stop the world, as Go's stopTheWorld: every participant (each M, and the
 * netpoller when netpoll_stw_stop is set) stops at a safe point and stays
 * stopped until the world starts again.
 *
 * Each participant has a P status word, as Go's p.status: running, idle
 * (asleep with nothing to do) or gcstop, together with the epoch of the
 * stop it belongs to. The stopper counts acks in the manner of
 * kernel/stop_machine.c, with Go's shortcut: a running participant acks
 * itself at its next safe point, but an idle or still-stopped one is
 * claimed by the stopper directly (idle -> gcstop), without waking it, as
 * stopTheWorld takes idle Ps. Whoever moves a P out of running or idle
 * decrements the count; the last one wakes the stopper. A participant
 * leaves gcstop only itself, once the world has started after that epoch.
 *
 * What this does not stop is the point of gcsched: without
 * netpoll_stw_stop the netpoller keeps running and keeps making Gs
 * runnable while the world is stopped.
 */
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/sched.h>

#include "gcsched.h"

/*
 * stw.pending: the participants yet to ack, with the epoch of the stop
 * they are counted for above them. An ack names its epoch and counts only
 * for that stop: a participant that read the epoch of an aborted stop
 * (the collector was killed while it waited) and acks after the next stop
 * began must not make that stop believe it has stopped while it runs.
 */
#define PENDING_COUNT(v)	((unsigned long)(v) & 0xff)
#define PENDING_EPOCH(v)	((unsigned long)(v) >> 8)
#define PENDING_MAKE(e, n)	((long)(((e) << 8) | (n)))
static_assert(GCSCHED_MAX_WORKERS + 1 <= 0xff);	/* Ms and the netpoller */

/**
 * gcsched_stw_init() - set up the stop-the-world state of an instance
 * @inst: the instance
 *
 * Context: while the instance is created; no thread runs.
 */
void gcsched_stw_init(struct gcsched_instance *inst)
{
	mutex_init(&inst->stw.gc_lock);
	init_waitqueue_head(&inst->stw.ack_wq);
	init_waitqueue_head(&inst->stw.start_wq);
	gcsched_stw_reset(inst);
}

/**
 * gcsched_stw_reset() - no stop in force, for a fresh START
 * @inst: the instance, with no thread running
 *
 * Context: no thread of the instance runs: while it is created, or at START
 * with ioctl_lock held.
 */
void gcsched_stw_reset(struct gcsched_instance *inst)
{
	atomic_set(&inst->stw.stopping, 0);
	atomic_long_set(&inst->stw.pending, 0);
	inst->stw.epoch = 0;
	inst->stw.done_epoch = 0;
}

static bool stop_requested(struct gcsched_instance *inst)
{
	return atomic_read_acquire(&inst->stw.stopping);
}

/**
 * gcsched_world_stopped() - is the world stopped, every participant parked?
 * @inst: the instance
 *
 * Context: any.
 * Return: true from the last ack until the world starts again.
 */
bool gcsched_world_stopped(struct gcsched_instance *inst)
{
	return stop_requested(inst) &&
	       !PENDING_COUNT(atomic_long_read(&inst->stw.pending));
}

/*
 * One ack for the stop of @epoch; the last one wakes the stopper. An ack
 * for an earlier stop is dropped: its participant finds its P gcstop for
 * a stop the world has left, resumes, and acks the stop in force at its
 * next safe point (or is claimed by the stopper if it went idle).
 */
static void ack(struct gcsched_instance *inst, unsigned long epoch)
{
	long old = atomic_long_read(&inst->stw.pending);

	do {
		if (PENDING_EPOCH(old) != epoch || !PENDING_COUNT(old))
			return;
	} while (!atomic_long_try_cmpxchg(&inst->stw.pending, &old, old - 1));
	if (PENDING_COUNT(old) == 1)
		wake_up(&inst->stw.ack_wq);
}

/*
 * Move @p from @from (running or idle) to gcstop for the stop in force.
 * Both the participant and the stopper may try; the CAS picks one, and
 * the one that wins acks, for the epoch it stopped @p for. @delay_us (a
 * participant's, in tests only) is spent between reading the epoch and
 * the CAS: there a stop aborted meanwhile and the next one meet.
 */
static bool p_stop(struct gcsched_instance *inst, struct gcsched_p *p,
		   long from, u32 delay_us)
{
	/* pairs with the smp_store_release() in gcsched_stop_the_world() */
	unsigned long epoch = smp_load_acquire(&inst->stw.epoch);

	if (unlikely(delay_us))
		fsleep(delay_us);
	if (atomic_long_cmpxchg(&p->status, from, P_MAKE(epoch, P_GCSTOP)) != from)
		return false;
	ack(inst, epoch);
	return true;
}

/**
 * gcsched_stw_requested() - must this participant stop now?
 * @inst: the instance
 * @p: the participant's P, which it runs with
 *
 * Context: any.
 * Return: true if a stop is in force and @p has not stopped for it.
 */
bool gcsched_stw_requested(struct gcsched_instance *inst, struct gcsched_p *p)
{
	return stop_requested(inst) &&
	       P_STATE(atomic_long_read(&p->status)) == P_RUNNING;
}

/**
 * gcsched_p_resume() - take @p back to running once the world runs
 * @inst: the instance
 * @p: the participant's P: idle, or gcstop if stopped or claimed
 *
 * Context: the participant's own kthread; sleeps while the world is stopped.
 * Return: true when running; false if the instance is quitting instead.
 */
bool gcsched_p_resume(struct gcsched_instance *inst, struct gcsched_p *p)
{
	for (;;) {
		long s = atomic_long_read(&p->status);

		if (P_STATE(s) == P_GCSTOP) {
			wait_event_idle(inst->stw.start_wq,
					READ_ONCE(inst->stw.done_epoch) >= P_EPOCH(s) ||
					gcsched_should_quit(inst) ||
					kthread_should_stop());
			if (gcsched_should_quit(inst) || kthread_should_stop())
				return false;
		}
		if (atomic_long_cmpxchg(&p->status, s, P_MAKE(0UL, P_RUNNING)) == s)
			return true;
	}
}

/**
 * gcsched_stw_park() - stop at a safe point and wait for the world to start
 * @inst: the instance
 * @p: the participant's P, running; the caller runs no G
 *
 * Context: the participant's own kthread; sleeps until the world starts.
 */
void gcsched_stw_park(struct gcsched_instance *inst, struct gcsched_p *p)
{
	/*
	 * debugfs stw_ack_delay_us, 0 but in tests, which probe that a late
	 * ack for an aborted stop is dropped (ack()).
	 */
	p_stop(inst, p, P_MAKE(0UL, P_RUNNING),
	       atomic_read(&inst->stw.ack_delay_us));
	gcsched_p_resume(inst, p);
}

/**
 * gcsched_p_idle() - the participant is about to sleep with nothing to do
 * @inst: the instance
 * @p: its P, running
 *
 * From here a stop claims it without waking it. A stop that was already
 * asked for, and scanned @p while it was still running, is acked here.
 * The status store and the stopper's store to stopping are each followed
 * by a full barrier, so one of the two sees the other.
 *
 * Context: the participant's own kthread; does not sleep.
 */
void gcsched_p_idle(struct gcsched_instance *inst, struct gcsched_p *p)
{
	long idle = P_MAKE(0UL, P_IDLE);

	atomic_long_set(&p->status, idle);
	/* pairs with the smp_mb() in gcsched_stop_the_world() */
	smp_mb();
	if (stop_requested(inst))
		p_stop(inst, p, idle, 0);
}

/* The stopper's side: take @p if it is idle or still stopped from before. */
static void claim_stopped(struct gcsched_instance *inst, struct gcsched_p *p)
{
	for (;;) {
		long s = atomic_long_read(&p->status);

		if (P_STATE(s) == P_RUNNING)
			return;		/* it will ack at its safe point */
		if (P_STATE(s) == P_GCSTOP &&
		    P_EPOCH(s) == READ_ONCE(inst->stw.epoch))
			return;		/* it acked this stop itself */
		if (p_stop(inst, p, s, 0))
			return;
	}
}

/*
 * A G still Grunning after a stop's timeout: an M acks only once its G is
 * off it, so this G's M is one that did not stop (for the report). O(Gs),
 * once per failed run.
 */
static struct gcsched_g *running_g(struct gcsched_instance *inst)
{
	u32 i;

	for (i = 0; i < inst->nr_gs; i++) {
		if (readgstatus(&inst->allg[i]) == Grunning)
			return &inst->allg[i];
		if (!(i % 1024))
			cond_resched();
	}
	return NULL;
}

/**
 * gcsched_stop_the_world() - stop every participant at a safe point
 * @inst: the instance; the caller holds stw.gc_lock
 *
 * After publishing the stop it signals every M (preemptall, for a policy
 * with asynchronous preemption: spinner.c), then waits for the acks. On
 * failure the caller still calls gcsched_start_the_world().
 *
 * Context: process context, holds stw.gc_lock; sleeps, killably.
 * Return: 0 once all have stopped; -EDEADLK after an STW stall report;
 * -ECANCELED if the instance is stopping or already failed; -EINTR if the
 * calling process was killed.
 */
int gcsched_stop_the_world(struct gcsched_instance *inst)
{
	unsigned long epoch = inst->stw.epoch + 1;
	long left, pending;
	u32 i;

	lockdep_assert_held(&inst->stw.gc_lock);
	atomic_long_set(&inst->stw.pending,
			PENDING_MAKE(epoch, inst->stw.participants));
	/* pairs with p_stop(): the count is in place before an ack for epoch */
	smp_store_release(&inst->stw.epoch, epoch);
	/* on the timeline before any participant can see it and move */
	gcsched_tl_add(inst, gcsched_stamp(), GCSCHED_TL_STW_START, 0,
		       ACTOR(GCSCHED_ACTOR_GC, 0), 0, 0, epoch);
	atomic_set_release(&inst->stw.stopping, 1);
	/* pairs with the smp_mb() in gcsched_p_idle() */
	smp_mb();

	for (i = 0; i < inst->nr_ms; i++)
		claim_stopped(inst, &inst->allm[i].p);
	/* preemptall: a G in a loop reaches no safe point unless signalled */
	gcsched_preempt_all(inst);
	if (inst->cfg.flags & GCSCHED_CFG_NETPOLL_STW_STOP)
		claim_stopped(inst, &inst->netpoll.p);

	left = wait_event_killable_timeout(inst->stw.ack_wq,
					   !PENDING_COUNT(atomic_long_read(&inst->stw.pending)) ||
					   gcsched_should_quit(inst),
					   msecs_to_jiffies(GCSCHED_SAFEPOINT_TIMEOUT_MS));
	/*
	 * Acquire: what each participant did before it acked (its last G
	 * put back, its stack left alone) is seen by the collector.
	 */
	pending = atomic_long_read_acquire(&inst->stw.pending);
	if (!PENDING_COUNT(pending))
		return 0;
	if (left < 0)
		return -EINTR;
	if (gcsched_should_quit(inst))
		return -ECANCELED;
	gcsched_stw_stall(inst, PENDING_COUNT(pending), running_g(inst));
	return -EDEADLK;
}

/**
 * gcsched_start_the_world() - release every stopped participant
 * @inst: the instance; the caller holds stw.gc_lock
 *
 * Context: process context, holds stw.gc_lock.
 */
void gcsched_start_the_world(struct gcsched_instance *inst)
{
	lockdep_assert_held(&inst->stw.gc_lock);
	/* on the timeline before anyone runs again */
	gcsched_tl_add(inst, gcsched_stamp(), GCSCHED_TL_STW_DONE, 0,
		       ACTOR(GCSCHED_ACTOR_GC, 0), 0, 0, inst->stw.epoch);
	atomic_set_release(&inst->stw.stopping, 0);
	/* stopping is clear before anyone sees the epoch done and runs */
	smp_store_release(&inst->stw.done_epoch, inst->stw.epoch);
	wake_up_all(&inst->stw.start_wq);
}
