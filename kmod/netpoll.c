// SPDX-License-Identifier: GPL-2.0
/*
 * The network poller: a kthread that turns "this connection is readable"
 * into "this G is runnable", as Go's netpoll() and injectglist() do.
 *
 * A write to a connection posts its reader G on an event list (once: the
 * pollpending flag keeps a G from being listed twice). The netpoller takes
 * the whole list, lets each message be netpoll_delay_ns old (the network),
 * and for each G consults its poll descriptor: a parked G is made runnable
 * (Gwaiting -> Grunnable) and injected into the global run queue; a G not
 * yet parked has its descriptor set ready, so that its M does not park.
 *
 * Stop-the-world does not stop this thread. That is the race of Go issue
 * 9186; netpoll_stw_stop makes it a participant in the stop, which hides
 * the race and serves as the root-cause check.
 *
 * Two shapes (netpoll_model). thread: each G is woken as its message
 * arrives, the thread sleeping for the network between them, for as long
 * as a stop lasts. go14: Go 1.4's, which had no poller thread
 * (src/runtime/proc.c, findrunnable; docs/fidelity.md): a poll returns the
 * Gs whose messages have arrived, as one batch (epoll's), and the rest
 * stay posted; a batch that woke a G while the world was stopped is
 * followed by stopm(): the poller M has no P, and waits for the world to
 * start before it polls again. So a stop sees at most one go14 batch that
 * wakes a G.
 * Go 1.4 moved the statuses in injectglist under sched.lock; here
 * sched.lock is a spinlock and casgstatus may sleep, so each G is moved
 * first and the batch is then put on the global run queue under the lock.
 * Go 1.4's starttheworld also polled once (netpoll(false)) before it let
 * the Ms run, after the stop's shrinks: not modelled.
 */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/sched.h>

#include "gcsched.h"
#include "gcsched_trace.h"

#define NETPOLL_ACTOR	ACTOR(GCSCHED_ACTOR_NETPOLL, 0)

/**
 * gcsched_netpoll_post() - a connection became readable: tell the netpoller
 * @inst: the instance
 * @gp: the G that reads from it
 *
 * Context: a running M; lockless; does not sleep.
 */
void gcsched_netpoll_post(struct gcsched_instance *inst, struct gcsched_g *gp)
{
	gcsched_netpoll_post_early(inst, gp, 0);
}

/**
 * gcsched_netpoll_post_early() - as gcsched_netpoll_post(), @early ns sooner
 * @inst: the instance
 * @gp: the G to wake
 * @early: how much of netpoll_delay_ns the event skips, at most all of it:
 *	a timer of netpoll_delay_ns - @early (chan.c's senders)
 *
 * Context: a running M; lockless; does not sleep.
 */
void gcsched_netpoll_post_early(struct gcsched_instance *inst,
				struct gcsched_g *gp, u64 early)
{
	if (atomic_xchg(&gp->pollpending, 1))
		return;
	WRITE_ONCE(gp->poll_ns, ktime_get_ns() -
		   min_t(u64, early, inst->cfg.netpoll_delay_ns));
	if (llist_add(&gp->pollnode, &inst->netpoll.events))
		wake_up(&inst->netpoll.wq);
}

/**
 * gcsched_netpoll_block() - park the running G until its connection is readable
 * @mp: the M running it
 * @gp: the G, Grunning
 *
 * Go's netpollblock and gopark: announce the wait (PD_WAIT), become
 * Gwaiting "IO wait", then commit (PD_PARKED). A wakeup that came in
 * between makes the commit fail, and the G is made runnable again at once.
 *
 * Context: the M running @gp; may sleep (a bounded spin); takes runq_lock.
 * Return: 0 if readiness was already there (read again), 1 if the G is
 * parked or requeued, or a negative error.
 */
int gcsched_netpoll_block(struct gcsched_m *mp, struct gcsched_g *gp)
{
	struct gcsched_instance *inst = mp->inst;
	u16 actor = ACTOR(GCSCHED_ACTOR_WORKER, mp->id);
	int ret;

	if (atomic_cmpxchg(&gp->pd, PD_READY, PD_NIL) == PD_READY)
		return 0;
	if (atomic_cmpxchg(&gp->pd, PD_NIL, PD_WAIT) != PD_NIL)
		return 0;	/* it became ready just now */

	gp->waitreason = WAIT_IO;
	WRITE_ONCE(gp->curm, -1);	/* before the G can be another M's */
	ret = casgstatus(inst, gp, Grunning, Gwaiting, actor);
	if (ret)
		return ret;
	/* From here the netpoller may wake it: it is no longer ours. */
	if (atomic_cmpxchg(&gp->pd, PD_WAIT, PD_PARKED) == PD_WAIT)
		return 1;

	/* netpollblockcommit failed: readiness arrived, do not sleep. */
	atomic_set(&gp->pd, PD_NIL);
	gp->waitreason = WAIT_NONE;
	ret = casgstatus(inst, gp, Gwaiting, Grunnable, actor);
	if (ret)
		return ret;
	gcsched_runqput(mp, gp);
	return 1;
}

/*
 * netpollready for one G.
 *
 * Return: 1 if the G was made runnable, 0 if it was only marked ready, or
 * a negative error. *@stw_epoch: with 1, the stop in force when the G was
 * woken, or 0 if the world was running.
 */
static int netpollready(struct gcsched_instance *inst, struct gcsched_g *gp,
			unsigned long *stw_epoch)
{
	unsigned long epoch = 0;
	int old, ret;
	bool stw;

	for (;;) {
		old = atomic_read(&gp->pd);
		if (old == PD_READY)
			return 0;
		if (old != PD_PARKED) {
			if (atomic_cmpxchg(&gp->pd, old, PD_READY) == old)
				return 0;
			continue;
		}
		if (atomic_cmpxchg(&gp->pd, PD_PARKED, PD_NIL) == PD_PARKED)
			break;
	}
	gp->waitreason = WAIT_NONE;
	stw = gcsched_world_stopped(inst);
	/*
	 * Only the stopper writes the epoch, before it stops the world: with
	 * the world stopped it is this stop's. Read here, not after the CAS,
	 * which may spin past the stop's end.
	 */
	if (stw)
		epoch = READ_ONCE(inst->stw.epoch);
	ret = casgstatus(inst, gp, Gwaiting, Grunnable, NETPOLL_ACTOR);
	if (ret)
		return ret;
	gstat_inc(inst, netpoll_wakeups);
	if (stw)
		gstat_inc(inst, netpoll_wakeups_stw);
	trace_gcsched_netpoll_wake(inst->id, gp->goid, stw);
	gcsched_tl_add(inst, gcsched_stamp(), GCSCHED_TL_NETPOLL_WAKE, gp->goid,
		       NETPOLL_ACTOR, 0, 0, stw);
	*stw_epoch = epoch;
	return 1;
}

static void sleep_until(u64 due)
{
	u64 now = ktime_get_ns(), us;

	if (now >= due)
		return;
	us = div_u64(due - now, NSEC_PER_USEC);
	if (us < 10)
		ndelay(due - now);
	else
		usleep_range(us, us + 1);
}

/*
 * The network's latency: a message posted at poll_ns is not readable before
 * poll_ns + netpoll_delay_ns. Messages are in flight together, so this is a
 * delay per message, not a cost per wakeup.
 */
static void netpoll_delay(struct gcsched_instance *inst, u64 posted)
{
	sleep_until(posted + inst->cfg.netpoll_delay_ns);
}

static bool netpoll_go14(struct gcsched_instance *inst)
{
	return inst->cfg.netpoll_model == GCSCHED_NETPOLL_GO14;
}

static bool netpoll_stw_stop(struct gcsched_instance *inst)
{
	return inst->cfg.flags & GCSCHED_CFG_NETPOLL_STW_STOP;
}

/* With netpoll_stw_stop, the netpoller stops with the world. */
static void netpoll_safepoint(struct gcsched_instance *inst)
{
	if (netpoll_stw_stop(inst) &&
	    gcsched_stw_requested(inst, &inst->netpoll.p))
		gcsched_stw_park(inst, &inst->netpoll.p);
}

static bool netpoll_must_wake(struct gcsched_instance *inst)
{
	return !llist_empty(&inst->netpoll.events) ||
	       gcsched_should_quit(inst) || kthread_should_stop();
}

/* Sleep until a message is posted; with netpoll_stw_stop, as an idle P. */
static bool netpoll_wait(struct gcsched_instance *inst)
{
	if (!netpoll_stw_stop(inst)) {
		wait_event_idle(inst->netpoll.wq, netpoll_must_wake(inst));
		return true;
	}
	gcsched_p_idle(inst, &inst->netpoll.p);
	wait_event_idle(inst->netpoll.wq, netpoll_must_wake(inst));
	return gcsched_p_resume(inst, &inst->netpoll.p);
}

/*
 * One batch: wake what can be woken, then inject the batch. thread: every
 * posted G, each once its message has arrived. go14: the Gs whose
 * messages have arrived by now; the others stay posted (still pending, so
 * no poster lists them twice) and *@next_due says when the first of them
 * arrives. *@stw_epoch: the stop in which the batch woke a G, or 0.
 */
static int netpoll_batch(struct gcsched_instance *inst,
			 unsigned long *stw_epoch, u64 *next_due)
{
	struct llist_node *list, *later = NULL, *later_last = NULL;
	u64 now = ktime_get_ns(), delay = inst->cfg.netpoll_delay_ns;
	bool go14 = netpoll_go14(inst);
	unsigned long epoch;
	struct gcsched_g *gp, *tmp;
	u32 head = 0, tail = 0, n = 0;
	int ret = 0;

	*stw_epoch = 0;
	*next_due = U64_MAX;
	list = llist_reverse_order(llist_del_all(&inst->netpoll.events));
	llist_for_each_entry_safe(gp, tmp, list, pollnode) {
		/* Its poster's time: nobody writes it while it is pending. */
		u64 posted = READ_ONCE(gp->poll_ns);

		if (go14 && !ret && posted + delay > now) {
			/* Not arrived: not in this epoll batch. */
			gp->pollnode.next = later;
			later = &gp->pollnode;
			if (!later_last)
				later_last = later;
			*next_due = min(*next_due, posted + delay);
			continue;
		}

		/*
		 * Clear first: a write from now on posts the G again. A full
		 * barrier (xchg, a value-returning atomic) orders the read of
		 * poll_ns before the clear, and the clear before the read of
		 * the G's poll descriptor and rbuf, pairing with the xchg in
		 * gcsched_netpoll_post(): a poster that still sees it pending
		 * and leaves is seen here. atomic_set() with
		 * smp_mb__after_atomic() was no barrier at all (the latter
		 * orders only read-modify-write atomics; on x86 it is a
		 * compiler barrier, and the store could pass the loads).
		 */
		atomic_xchg(&gp->pollpending, 0);
		if (ret)
			continue;
		netpoll_safepoint(inst);
		if (!go14)
			netpoll_delay(inst, posted);
		ret = netpollready(inst, gp, &epoch);
		if (ret <= 0)
			continue;
		ret = 0;
		if (!*stw_epoch)
			*stw_epoch = epoch;
		if (tail)
			gcsched_g(inst, tail - 1)->schedlink = gp->goid + 1;
		else
			head = gp->goid + 1;
		tail = gp->goid + 1;
		n++;
	}
	if (later)
		llist_add_batch(later, later_last, &inst->netpoll.events);
	if (n)
		gcsched_globrunqputbatch(inst, head, tail, n);
	return ret;
}

/*
 * After a batch that woke a G during the stop of @epoch: count it (and
 * whether that stop had one already), and in the go14 model park as
 * Go 1.4's poller M did in stopm(), until the world starts.
 */
static void netpoll_stw_batch(struct gcsched_instance *inst,
			      unsigned long epoch)
{
	gstat_inc(inst, netpoll_stw_batches);
	if (epoch == inst->netpoll.stw_epoch)
		gstat_inc(inst, netpoll_stw_batch_repeats);
	inst->netpoll.stw_epoch = epoch;
	if (!netpoll_go14(inst))
		return;
	wait_event_idle(inst->stw.start_wq,
			READ_ONCE(inst->stw.done_epoch) >= epoch ||
			gcsched_should_quit(inst) || kthread_should_stop());
}

/**
 * gcsched_netpoller() - the netpoller kthread
 * @arg: the instance
 *
 * Context: the netpoller kthread itself; sleeps.
 * Return: 0, when stopped.
 */
int gcsched_netpoller(void *arg)
{
	struct gcsched_instance *inst = arg;

	inst->netpoll.stw_epoch = 0;
	while (!kthread_should_stop() && !gcsched_should_quit(inst)) {
		unsigned long epoch;
		u64 next_due;

		netpoll_safepoint(inst);
		if (!netpoll_wait(inst) || netpoll_batch(inst, &epoch, &next_due))
			break;
		if (epoch)
			netpoll_stw_batch(inst, epoch);
		/* go14: what has not arrived is polled for when it has */
		if (next_due != U64_MAX)
			sleep_until(next_due);
	}
	gcsched_park_until_stop();
	return 0;
}
