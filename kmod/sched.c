// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler: Ms (worker kthreads) running Gs from run queues, as Go's
 * schedule()/findrunnable()/execute(), and the seed's workload, netguy().
 *
 * Run queues are Go's: one per M (its P's runq) and a global one under
 * sched.lock, which the netpoller injects into. An M looks in its own
 * queue, then the global one, then steals one G from another M, and
 * otherwise sleeps until a G is injected or the world stops.
 *
 * A safe point is the top of the M's loop and the end of each G's step (a
 * netguy's; a spinner's ends only at a preemption signal, spinner.c):
 * there the M holds no G's stack, so it may ack a stop-the-world. An M
 * with a G at a safe point yields it first (Grunning -> Grunnable), as a
 * preempted goroutine does, so no G is Grunning while the world is stopped.
 * There too it parks a G that modern's suspendG asked for (preempt.c).
 */
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/sched.h>

#include "gcsched.h"

/* What a G of the netguy loop does next: its workload state. */
enum { NETGUY_BIGSTACK = 0, NETGUY_READ };

/**
 * gcsched_sched_init() - set up the global run queue of an instance
 * @inst: the instance
 *
 * Context: while the instance is created; no thread runs.
 */
void gcsched_sched_init(struct gcsched_instance *inst)
{
	spin_lock_init(&inst->sched.lock);
	inst->sched.head = 0;
	inst->sched.tail = 0;
	inst->sched.size = 0;
	init_waitqueue_head(&inst->sched.idle_wq);
}

/**
 * gcsched_globrunqputbatch() - put a chain of Gs on the global run queue
 * @inst: the instance
 * @head: goid + 1 of the first G, linked through schedlink
 * @tail: goid + 1 of the last G
 * @n: how many
 *
 * As Go's injectglist: the Gs are Grunnable already; idle Ms are woken.
 *
 * Context: a kthread of the instance; takes sched.lock; does not sleep.
 */
void gcsched_globrunqputbatch(struct gcsched_instance *inst, u32 head,
			      u32 tail, u32 n)
{
	spin_lock(&inst->sched.lock);
	gcsched_g(inst, tail - 1)->schedlink = 0;
	if (inst->sched.tail)
		gcsched_g(inst, inst->sched.tail - 1)->schedlink = head;
	else
		inst->sched.head = head;
	inst->sched.tail = tail;
	WRITE_ONCE(inst->sched.size, inst->sched.size + n);
	spin_unlock(&inst->sched.lock);
	gstat_add(inst, runq_injections, n);
	wake_up_all(&inst->sched.idle_wq);
}

static struct gcsched_g *globrunqget(struct gcsched_instance *inst)
{
	struct gcsched_g *gp = NULL;

	if (!READ_ONCE(inst->sched.size))
		return NULL;
	spin_lock(&inst->sched.lock);
	if (inst->sched.head) {
		gp = gcsched_g(inst, inst->sched.head - 1);
		inst->sched.head = gp->schedlink;
		if (!inst->sched.head)
			inst->sched.tail = 0;
		WRITE_ONCE(inst->sched.size, inst->sched.size - 1);
	}
	spin_unlock(&inst->sched.lock);
	return gp;
}

/**
 * gcsched_runqput() - put a G on its M's own run queue
 * @mp: the M
 * @gp: the G, Grunnable
 *
 * A full queue spills to the global one, as Go's runqputslow.
 *
 * Context: the M's own kthread; takes runq_lock (and, when it is full, then
 * sched.lock, not nested); does not sleep.
 */
void gcsched_runqput(struct gcsched_m *mp, struct gcsched_g *gp)
{
	u32 goid1 = gp->goid + 1;

	spin_lock(&mp->runq_lock);
	if (mp->runqtail - mp->runqhead < GCSCHED_RUNQ_SIZE) {
		mp->runq[mp->runqtail++ % GCSCHED_RUNQ_SIZE] = gp->goid;
		spin_unlock(&mp->runq_lock);
		return;
	}
	spin_unlock(&mp->runq_lock);
	gcsched_globrunqputbatch(mp->inst, goid1, goid1, 1);
}

/**
 * gcsched_runqget() - take the G at the head of an M's run queue
 * @mp: the M; any M may take from any queue (that is stealing)
 *
 * Context: any M; takes runq_lock; does not sleep.
 * Return: the G, or NULL if the queue is empty.
 */
struct gcsched_g *gcsched_runqget(struct gcsched_m *mp)
{
	struct gcsched_g *gp = NULL;

	spin_lock(&mp->runq_lock);
	if (mp->runqhead != mp->runqtail)
		gp = gcsched_g(mp->inst,
			       mp->runq[mp->runqhead++ % GCSCHED_RUNQ_SIZE]);
	spin_unlock(&mp->runq_lock);
	return gp;
}

static struct gcsched_g *runqsteal(struct gcsched_m *mp)
{
	struct gcsched_instance *inst = mp->inst;
	u32 start, i;

	if (inst->nr_ms < 2)
		return NULL;
	start = prandom_u32_state(&mp->rnd) % inst->nr_ms;
	for (i = 0; i < inst->nr_ms; i++) {
		struct gcsched_m *victim = &inst->allm[(start + i) % inst->nr_ms];
		struct gcsched_g *gp;

		if (victim == mp)
			continue;
		gp = gcsched_runqget(victim);
		if (gp)
			return gp;
	}
	return NULL;
}

static bool m_must_return(struct gcsched_m *mp)
{
	return gcsched_stw_requested(mp->inst, &mp->p) ||
	       gcsched_should_quit(mp->inst) || kthread_should_stop();
}

/* findrunnable: a G to run, or NULL when the M must go to a safe point. */
static struct gcsched_g *findrunnable(struct gcsched_m *mp)
{
	struct gcsched_instance *inst = mp->inst;
	struct gcsched_g *gp;

	while (!m_must_return(mp)) {
		gp = gcsched_runqget(mp);
		if (!gp)
			gp = globrunqget(inst);
		if (!gp)
			gp = runqsteal(mp);
		if (gp)
			return gp;
		/* stopm: asleep, a stop takes our P without waking us */
		gcsched_p_idle(inst, &mp->p);
		wait_event_idle(inst->sched.idle_wq,
				READ_ONCE(inst->sched.size) ||
				gcsched_should_quit(inst) || kthread_should_stop());
		if (!gcsched_p_resume(inst, &mp->p))
			break;
	}
	return NULL;
}

/*
 * One step of the seed's netguy(r, w): bigstack(1000), then read from our
 * connection; with a message, consume it and write it to the peer.
 * Without one, park on the netpoller, and read again when woken.
 *
 * Return: 0 if the G is still running, 1 if it is no longer ours (parked
 * or requeued), or a negative error.
 */
static int netguy_step(struct gcsched_m *mp, struct gcsched_g *gp)
{
	struct gcsched_instance *inst = mp->inst;
	u8 *pc = &gp->pc;
	struct gcsched_g *peer;
	int ret;

	if (*pc == NETGUY_BIGSTACK) {
		ret = gcsched_bigstack(inst, gp, ACTOR(GCSCHED_ACTOR_WORKER,
						       mp->id));
		if (ret)
			return ret;
		gstat_inc(inst, steps);
		*pc = NETGUY_READ;
	}
	if (atomic_dec_if_positive(&gp->rbuf) < 0)
		return gcsched_netpoll_block(mp, gp);

	gstat_inc(inst, messages);
	peer = gcsched_g(inst, gp->peer);
	atomic_inc(&peer->rbuf);
	gcsched_netpoll_post(inst, peer);
	*pc = NETGUY_BIGSTACK;
	return 0;
}

/* What each kind of G runs, a step at a time; each step ends at a safe point. */
static int (*const g_steps[G_NR_KINDS])(struct gcsched_m *mp,
					struct gcsched_g *gp) = {
	[G_NETGUY] = netguy_step,
	[G_SPINNER] = gcsched_spinner_step,
	[G_SELECTOR] = gcsched_selector_step,
	[G_SENDER] = gcsched_sender_step,
};

/* execute: run a G until it parks, its time slice ends, or a stop comes. */
static int execute(struct gcsched_m *mp, struct gcsched_g *gp)
{
	struct gcsched_instance *inst = mp->inst;
	u16 actor = ACTOR(GCSCHED_ACTOR_WORKER, mp->id);
	u64 slice_end = ktime_get_ns() + GCSCHED_TIMESLICE_NS;
	int ret;

	/*
	 * gp.m before the status, as Go's execute (src/runtime/proc.go):
	 * who sees it Grunning finds the M to signal (gcsched_preempt_m()).
	 */
	WRITE_ONCE(gp->curm, mp->id);
	ret = casgstatus(inst, gp, Grunnable, Grunning, actor);
	if (ret) {
		WRITE_ONCE(gp->curm, -1);
		return ret;
	}
	for (;;) {
		ret = g_steps[gp->kind](mp, gp);
		if (ret)
			break;
		/* newstack's preemptStop: suspendG wants this G (preempt.c) */
		if (gcsched_preempt_requested(gp)) {
			ret = gcsched_preempt_park(inst, gp, actor);
			break;
		}
		if (m_must_return(mp) || ktime_get_ns() > slice_end) {
			/* gopreempt_m: back to a run queue */
			WRITE_ONCE(gp->curm, -1);
			ret = casgstatus(inst, gp, Grunning, Grunnable, actor);
			if (!ret)
				gcsched_runqput(mp, gp);
			break;
		}
		cond_resched();
	}
	/* Parked or requeued (1), the G is no longer ours: leave curm be. */
	if (ret < 0)
		WRITE_ONCE(gp->curm, -1);
	return ret < 0 ? ret : 0;
}

/**
 * gcsched_worker() - an M: schedule() forever, stopping for the world
 * @arg: the M
 *
 * Context: the M's kthread itself; sleeps.
 * Return: 0, when stopped.
 */
int gcsched_worker(void *arg)
{
	struct gcsched_m *mp = arg;
	struct gcsched_instance *inst = mp->inst;
	struct gcsched_g *gp;

	while (!kthread_should_stop()) {
		if (gcsched_stw_requested(inst, &mp->p)) {
			gcsched_stw_park(inst, &mp->p);
			continue;
		}
		if (gcsched_should_quit(inst))
			break;
		gp = findrunnable(mp);
		if (gp && execute(mp, gp))
			break;
		cond_resched();
	}
	gcsched_park_until_stop();
	return 0;
}
