// SPDX-License-Identifier: GPL-2.0
/*
 * suspendG and resumeG: how modern Go's collector gets hold of a G's stack
 * while the world runs (src/runtime/preempt.go:105 and :258 at go1.19,
 * commit 43456202a1e5; docs/fidelity.md has the other lines). The
 * collector never scans a G that is running. For one that is Grunnable or
 * Gwaiting it takes the Gscan bit, as stopg did. For one that is Grunning
 * it asks the G to stop: under Gscanrunning it sets the G's preemptStop
 * and lets go; the M running the G sees the request at its next safe point
 * and parks the G in Gpreempted (preemptPark, src/runtime/proc.go:3404),
 * which belongs to nobody until suspendG claims it (Gpreempted ->
 * Gwaiting) and takes Gscan. resumeG clears the bit and, for
 * a G it stopped itself, makes it runnable again:
 *
 *   M:  Grunning -> Gscanpreempted -> Gpreempted
 *   gc: Gpreempted -> Gwaiting -> Gscanwaiting; scan; -> Gwaiting -> Grunnable
 *
 * A request has one consumer: the G's M at its safe point, or a suspendG
 * that took the Gscan bit (the G parked or yielded first) or that gives up
 * (suspendg_abandon()). A G parked for a suspendG that gave up is readied
 * by whichever of the two, the M or the suspendG, claims it first.
 *
 * Differences from Go, which docs/fidelity.md lists: a safe point here is
 * the end of a netguy step (the stops' safe point, sched.c), where Go's is
 * any function call's stack check; asynchronous preemption (preemptM) is
 * a flag the spinner's loop polls (spinner.c); there is no Gsyscall;
 * resumeG's ready() puts the G on the global run queue, as the collector
 * here has no P of its own; and Go's suspendG never gives up, where this
 * one does when the cycle ends early.
 */
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/sched.h>

#include "gcsched.h"

/**
 * gcsched_preempt_requested() - take a suspendG request for @gp
 * @gp: the G, Grunning on the calling M
 *
 * Go's M reads gp.preemptStop in newstack at a synchronous safe point.
 * Here it is taken with an exchange: a request is consumed once, by the M
 * (which then parks the G) or by the suspendG that made it.
 *
 * Context: the M running @gp, at a safe point.
 * Return: true if the M must park @gp (gcsched_preempt_park()).
 */
bool gcsched_preempt_requested(struct gcsched_g *gp)
{
	return atomic_read(&gp->preempt_stop) && atomic_xchg(&gp->preempt_stop, 0);
}

/*
 * ready(): Gwaiting -> Grunnable, and onto a run queue. Go's puts the G on
 * the caller's P; here the global queue, as the collector has no P.
 */
static int ready(struct gcsched_instance *inst, struct gcsched_g *gp,
		 u16 actor)
{
	u32 goid1 = gp->goid + 1;
	int ret;

	ret = casgstatus(inst, gp, Gwaiting, Grunnable, actor);
	if (ret)
		return ret;
	/* After the CAS: debugfs inject_wake leaves a preempted G alone. */
	gp->waitreason = WAIT_NONE;
	gcsched_globrunqputbatch(inst, goid1, goid1, 1);
	return 0;
}

/*
 * Claim a Gpreempted G that its suspendG gave up on and make it runnable:
 * the M that parked it and the suspendG that abandoned it both try, and
 * casGFromPreempted() lets one of them win.
 */
static int claim_orphan(struct gcsched_instance *inst, struct gcsched_g *gp,
			u16 actor)
{
	if (!casGFromPreempted(inst, gp, actor))
		return 0;
	atomic_set(&gp->preempt_orphan, 0);
	return ready(inst, gp, actor);
}

/**
 * gcsched_preempt_park() - preemptPark: the M lets go of a G suspendG wants
 * @inst: the instance
 * @gp: the G, Grunning on the calling M, its request consumed
 * @actor: that M
 *
 * Grunning -> Gscan|Gpreempted, so that no suspendG claims the G before
 * its M has dropped it, then -> Gpreempted. The G is on no run queue: the
 * suspendG that asked claims it and readies it after the scan; if that
 * suspendG gave up meanwhile, the M readies it itself.
 *
 * Context: the M running @gp; may sleep while it spins; takes sched.lock.
 * Return: 0, or the error of a throw or a wedge, or -ECANCELED.
 */
int gcsched_preempt_park(struct gcsched_instance *inst, struct gcsched_g *gp,
			 u16 actor)
{
	int ret, delay;

	/* debugfs stw_ack_delay_us: 0 but in tests, as for a stop's ack */
	delay = atomic_read(&inst->stw.ack_delay_us);
	if (delay)
		usleep_range(delay, delay + 10);
	WRITE_ONCE(gp->curm, -1);	/* dropg */
	ret = casGToPreemptScan(inst, gp, actor);
	if (ret)
		return ret;
	gstat_inc(inst, preempt_parks);
	ret = casfrom_Gscanstatus(inst, gp, Gscan | Gpreempted, Gpreempted,
				  actor);
	/* Ordered after that CAS: see suspendg_abandon(). */
	if (!ret && atomic_read(&gp->preempt_orphan))
		ret = claim_orphan(inst, gp, actor);
	return ret;
}

/*
 * suspendG gives up on a G it asked to stop (the instance stops, the cycle
 * failed elsewhere, the GC command's caller was killed): the request must
 * not leave a G parked in Gpreempted with nobody to claim it. Either the
 * request is still unconsumed, and is withdrawn, or the G's M took it and
 * parks the G: then the G is marked orphaned, and whichever sees the other
 * first, this side finding it Gpreempted or the M finding the mark after
 * its park, claims and readies it. Both store, then load, each behind a
 * full barrier (the M's CAS, the atomic_xchg() here and the one in
 * casGFromPreempted()): at least one of them sees the other. Nothing here
 * waits.
 */
static void suspendg_abandon(struct gcsched_instance *inst,
			     struct gcsched_g *gp, u16 actor)
{
	if (atomic_xchg(&gp->preempt_stop, 0))
		return;
	atomic_xchg(&gp->preempt_orphan, 1);
	claim_orphan(inst, gp, actor);
}

/* preemptM(gp.m), @m as read from gp->curm: none if -1 (no M) */
static void preempt_curm(struct gcsched_instance *inst, s16 m)
{
	if (m >= 0 && m < inst->nr_ms)
		gcsched_preempt_m(inst, &inst->allm[m]);
}

/**
 * gcsched_suspendg() - suspendG: stop @gp where it is and own its stack
 * @inst: the instance
 * @gp: the G
 * @actor: the collector or one of its helpers
 * @st: out: what gcsched_resumeg() needs
 *
 * Go's loop over the G's status (src/runtime/preempt.go, suspendG): Gdead
 * has nothing to scan; Gcopystack, and a Gscan bit someone else holds, are
 * waited out; Gpreempted is claimed; Grunnable and Gwaiting get the Gscan
 * bit (the read-then-CAS where race_window_ns goes in this era); Grunning
 * is asked to stop, once, and waited for. The waits are bounded: a spin on
 * a status by wedge_timeout_ms, the wait for a running G's safe point as
 * a stop's ack is, by GCSCHED_SAFEPOINT_TIMEOUT_MS at least. A G that
 * never reaches one is a wedge, as Go's suspendG would spin forever.
 *
 * Context: process context, while the world runs; may sleep; takes
 * report_lock on a throw or a wedge, and sched.lock.
 * Return: 0 with *@st filled in; -EPROTO after a throw; -EDEADLK after a
 * wedge; -ECANCELED or -EINTR when the cycle is given up.
 */
int gcsched_suspendg(struct gcsched_instance *inst, struct gcsched_g *gp,
		     u16 actor, struct gcsched_suspendg_state *st)
{
	u64 wedge_ns = (u64)inst->cfg.wedge_timeout_ms * NSEC_PER_MSEC;
	u64 safepoint_ns = max_t(u64, wedge_ns,
				 GCSCHED_SAFEPOINT_TIMEOUT_MS * NSEC_PER_MSEC);
	bool asked = false;
	u64 spin_start = 0;
	int ret;
	s16 m;

	memset(st, 0, sizeof(*st));
	for (;;) {
		u32 s = readgstatus(gp);

		switch (s) {
		case Gdead:
			st->dead = true;
			goto out;
		case Gcopystack:
			break;		/* its owner is moving the stack */
		case Gpreempted:
			/* Not running: whoever claims it owns it. */
			if (!casGFromPreempted(inst, gp, actor))
				break;
			atomic_set(&gp->preempt_orphan, 0);
			st->stopped = true;
			s = Gwaiting;
			fallthrough;
		case Grunnable:
		case Gwaiting:
			if (!st->stopped) {
				gcsched_race_window(inst);
				gcsched_forced_window(inst, gp, s);
			}
			if (!castogscanstatus(inst, gp, s, s | Gscan, actor))
				break;
			/* Go clears preemptStop here: nothing is left to ask. */
			atomic_set(&gp->preempt_stop, 0);
			st->status = s;
			goto out;
		case Grunning:
			/*
			 * Asked once: the request stays until the M takes it
			 * (and parks the G) or this loop does. Asking again
			 * after the M took it would leave a request nobody
			 * consumes. The signal is sent again while we wait,
			 * to whichever M runs the G now: it may have been
			 * requeued and picked by another M since, or curm
			 * read as -1 (execute() clears it before the G
			 * leaves Grunning), and only the signal stops a
			 * spinner. Go re-sends when gp.m or its preemptGen
			 * changed (preempt.go, needAsync); a signal nobody
			 * needs is harmless here.
			 */
			if (asked) {
				preempt_curm(inst, READ_ONCE(gp->curm));
				break;
			}
			if (!castogscanstatus(inst, gp, Grunning,
					      Gscan | Grunning, actor))
				break;
			atomic_set(&gp->preempt_stop, 1);
			/* gp.m, while the Gscan bit keeps the G Grunning */
			m = READ_ONCE(gp->curm);
			ret = casfrom_Gscanstatus(inst, gp, Gscan | Grunning,
						  Grunning, actor);
			if (ret) {
				suspendg_abandon(inst, gp, actor);
				return ret;
			}
			gstat_inc(inst, preempt_requests);
			/*
			 * preemptM(gp.m), for a G that reaches no safe point
			 * by itself (spinner.c); Go sends it after the CAS
			 * back, as here (preempt.go, suspendG, _Grunning).
			 */
			preempt_curm(inst, m);
			asked = true;
			spin_start = 0;	/* the safe point's wait begins */
			break;
		default:
			if (s & Gscan)
				break;	/* another scanner holds it */
			gcsched_throw(inst, gp, Gwaiting, actor, "suspendG",
				      "invalid g status");
			return -EPROTO;
		}
		ret = gcsched_spin_wait_for(inst, gp, &spin_start,
					    asked ? Gpreempted : Gwaiting, actor,
					    "suspendG",
					    asked ? safepoint_ns : wedge_ns);
		if (ret) {
			if (st->stopped)	/* claimed, not yet Gscan */
				ready(inst, gp, actor);
			else if (asked)
				suspendg_abandon(inst, gp, actor);
			return ret;
		}
	}
out:
	/* A wait for a safe point is not a spin on a status: not counted. */
	if (!asked)
		gcsched_spin_done(inst, spin_start);
	return 0;
}

/**
 * gcsched_resumeg() - resumeG: undo gcsched_suspendg()
 * @inst: the instance
 * @gp: the G, as suspendG left it
 * @st: what suspendG returned
 * @actor: the collector or one of its helpers
 *
 * Context: process context; may sleep; takes sched.lock.
 * Return: 0, or the error of a throw.
 */
int gcsched_resumeg(struct gcsched_instance *inst, struct gcsched_g *gp,
		    const struct gcsched_suspendg_state *st, u16 actor)
{
	int ret;

	if (st->dead)
		return 0;
	ret = casfrom_Gscanstatus(inst, gp, st->status | Gscan, st->status,
				  actor);
	if (!ret && st->stopped)
		ret = ready(inst, gp, actor);
	return ret;
}
