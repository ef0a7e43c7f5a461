// SPDX-License-Identifier: GPL-2.0
/*
 * Wedge and throw reports: how a simulated runtime failure becomes data.
 *
 * A throw (Go's fatal error) moves the instance to "crashed", a spin that
 * never ends (or a stop that is never acked) to "wedged". Both are terminal:
 * every thread of the instance stops at its next safe point, STATS still
 * answers, and poll() reports EPOLLPRI. The first report wins; it is
 * printed once with pr_warn_ratelimited() (a user can crash instances in a
 * loop), never with WARN() or BUG(): the real kernel is healthy, the
 * simulated runtime is not.
 */
#include <linux/poll.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "gcsched.h"
#include "gcsched_trace.h"

/*
 * Fill the report, if it is the first, and move to @state. @seen: the
 * status the reporter saw, or U32_MAX to read it now.
 */
static bool report_seen(struct gcsched_instance *inst, struct gcsched_g *gp,
			u32 kind, u32 state, u32 expected, u32 seen, u16 actor,
			const char *fn, const char *msg, u64 spin_ns)
{
	struct gcsched_report *r = &inst->report;
	unsigned long flags;

	spin_lock_irqsave(&inst->report_lock, flags);
	if (r->kind != GCSCHED_REPORT_NONE) {
		spin_unlock_irqrestore(&inst->report_lock, flags);
		return false;
	}
	r->kind = kind;
	r->expected = expected;
	r->actor = ACTOR_KIND(actor);
	r->actor_id = ACTOR_ID(actor);
	r->spin_ns = spin_ns;
	r->gc_cycle = atomic64_read(&inst->gc_cycle);
	r->since_start_ns = gcsched_now(inst);
	if (gp) {
		r->goid = gp->goid;
		r->observed = seen == U32_MAX ? readgstatus(gp) : seen;
		u64 last = READ_ONCE(gp->last);

		r->last_actor = ACTOR_KIND(LAST_ACTOR(last));
		r->last_actor_id = ACTOR_ID(LAST_ACTOR(last));
		r->last_from = LAST_FROM(last);
		r->last_to = LAST_TO(last);
		r->last_write_ns = gcsched_stamp_ns(inst, READ_ONCE(gp->last_stamp));
	}
	strscpy(r->func, fn, sizeof(r->func));
	strscpy(r->msg, msg, sizeof(r->msg));
	/*
	 * The timeline's last event, then nothing more: frozen. A reader
	 * drops what a writer already past its frozen check adds later
	 * with a later stamp (timeline.c).
	 */
	inst->tl.freeze_ns = local_clock();
	inst->tl.freeze_stamp = gcsched_stamp();
	gcsched_tl_add(inst, inst->tl.freeze_stamp, GCSCHED_TL_REPORT, r->goid,
		       actor, expected, r->observed, kind);
	atomic_set_release(&inst->tl.frozen, 1);
	atomic_cmpxchg(&inst->state, GCSCHED_STATE_RUNNING, state);
	spin_unlock_irqrestore(&inst->report_lock, flags);

	/* Threads idle in a wait would not notice otherwise. */
	wake_up_all(&inst->gc_wq);
	wake_up_all(&inst->sched.idle_wq);
	wake_up_all(&inst->netpoll.wq);
	wake_up_all(&inst->stw.ack_wq);
	wake_up_all(&inst->stw.start_wq);
	wake_up_poll(&inst->report_wq, EPOLLPRI);
	return true;
}

static bool report(struct gcsched_instance *inst, struct gcsched_g *gp,
		   u32 kind, u32 state, u32 expected, u16 actor,
		   const char *fn, const char *msg, u64 spin_ns)
{
	return report_seen(inst, gp, kind, state, expected, U32_MAX, actor,
			   fn, msg, spin_ns);
}

/**
 * gcsched_throw_seen() - throw() after dumpgstatus(): the status it saw
 * @inst: the instance
 * @gp: the G involved
 * @seen: the status the thrower read, which the report keeps (the G may
 *	have moved on by the time the report is written)
 * @expected: the status the thrower expected
 * @actor: who threw
 * @fn: the runtime function that threw
 * @msg: the runtime's words
 *
 * Context: as gcsched_throw().
 */
void gcsched_throw_seen(struct gcsched_instance *inst, struct gcsched_g *gp,
			u32 seen, u32 expected, u16 actor, const char *fn,
			const char *msg)
{
	if (!report_seen(inst, gp, GCSCHED_REPORT_THROW, GCSCHED_STATE_CRASHED,
			 expected, seen, actor, fn, msg, 0))
		return;
	trace_gcsched_throw(inst->id, &inst->report);
	pr_warn_ratelimited("gcsched: instance %u: fatal error: %s (G%u %s, GC cycle %llu)\n",
			    inst->id, msg, gp->goid, gcsched_status_name(seen),
			    inst->report.gc_cycle);
}

/**
 * gcsched_throw() - the runtime's throw(): the instance crashes
 * @inst: the instance
 * @gp: the G involved, or NULL
 * @expected: the status the thrower expected
 * @actor: who threw
 * @fn: the runtime function that threw
 * @msg: the runtime's words
 *
 * Context: any but NMI; does not sleep; takes report_lock (irqsave); may be
 * called with ioctl_lock or stw.gc_lock held.
 */
void gcsched_throw(struct gcsched_instance *inst, struct gcsched_g *gp,
		   u32 expected, u16 actor, const char *fn, const char *msg)
{
	if (!report(inst, gp, GCSCHED_REPORT_THROW, GCSCHED_STATE_CRASHED,
		    expected, actor, fn, msg, 0))
		return;
	trace_gcsched_throw(inst->id, &inst->report);
	pr_warn_ratelimited("gcsched: instance %u: fatal error: %s (G%u, GC cycle %llu)\n",
			    inst->id, msg, gp ? gp->goid : 0, inst->report.gc_cycle);
}

/**
 * gcsched_wedge() - a spin that would never end: the instance wedges
 * @inst: the instance
 * @gp: the G whose status was awaited
 * @expected: the status awaited
 * @actor: who spun
 * @fn: the spinning function
 * @spin_ns: how long it spun
 *
 * Context: any but NMI; does not sleep; takes report_lock (irqsave); may be
 * called with ioctl_lock or stw.gc_lock held.
 */
void gcsched_wedge(struct gcsched_instance *inst, struct gcsched_g *gp,
		   u32 expected, u16 actor, const char *fn, u64 spin_ns)
{
	char msg[96];

	snprintf(msg, sizeof(msg), "%s: waiting for G%s but is G%s", fn,
		 gcsched_status_name(expected),
		 gcsched_status_name(readgstatus(gp)));
	if (!report(inst, gp, GCSCHED_REPORT_WEDGE, GCSCHED_STATE_WEDGED,
		    expected, actor, fn, msg, spin_ns))
		return;
	trace_gcsched_wedge(inst->id, &inst->report);
	pr_warn_ratelimited("gcsched: instance %u: wedged: %s for %llu ms (G%u, GC cycle %llu)\n",
			    inst->id, msg, div_u64(spin_ns, NSEC_PER_MSEC),
			    gp->goid, inst->report.gc_cycle);
}

/**
 * gcsched_stw_stall() - a stop the world that was not acked in time
 * @inst: the instance
 * @unacked: how many participants never acked
 * @gp: a G still running on one of them, or NULL
 *
 * Context: any but NMI; does not sleep; takes report_lock (irqsave); may be
 * called with stw.gc_lock held.
 */
void gcsched_stw_stall(struct gcsched_instance *inst, u32 unacked,
		       struct gcsched_g *gp)
{
	char msg[96];

	snprintf(msg, sizeof(msg), "stopTheWorld: %u of %u Ms did not stop",
		 unacked, inst->stw.participants);
	if (!report(inst, gp, GCSCHED_REPORT_STW_STALL, GCSCHED_STATE_WEDGED,
		    0, ACTOR(GCSCHED_ACTOR_GC, 0), "stopTheWorld", msg, 0))
		return;
	atomic64_inc(&inst->stw_stalls);
	trace_gcsched_wedge(inst->id, &inst->report);
	pr_warn_ratelimited("gcsched: instance %u: wedged: %s\n", inst->id, msg);
}

/**
 * gcsched_deadlock() - a lock that would never be granted: the instance wedges
 * @inst: the instance
 * @gp: the G whose operation took the lock, or NULL
 * @actor: who asked for it
 * @fn: the runtime function asking
 * @msg: what it found, in the runtime's terms
 *
 * Go's runtime would hang here, every thread that wants the lock with
 * it; the instance wedges, the report says deadlock.
 *
 * Context: any but NMI; does not sleep; takes report_lock (irqsave).
 */
void gcsched_deadlock(struct gcsched_instance *inst, struct gcsched_g *gp,
		      u16 actor, const char *fn, const char *msg)
{
	if (!report(inst, gp, GCSCHED_REPORT_DEADLOCK, GCSCHED_STATE_WEDGED,
		    0, actor, fn, msg, 0))
		return;
	trace_gcsched_wedge(inst->id, &inst->report);
	pr_warn_ratelimited("gcsched: instance %u: wedged: %s\n", inst->id, msg);
}

/**
 * gcsched_report_reset() - forget the report, for a fresh START
 * @inst: the instance, with no thread running
 *
 * Context: holds ioctl_lock (START), no thread of the instance runs; takes
 * report_lock.
 */
void gcsched_report_reset(struct gcsched_instance *inst)
{
	unsigned long flags;

	spin_lock_irqsave(&inst->report_lock, flags);
	memset(&inst->report, 0, sizeof(inst->report));
	spin_unlock_irqrestore(&inst->report_lock, flags);
}
