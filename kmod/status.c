// SPDX-License-Identifier: GPL-2.0
/*
 * The G status protocol: the only code that writes gcsched_g.atomicstatus
 * once a thread can see the G.
 *
 * The status word says who owns a G and, through the Gscan bit, who owns its
 * stack. As in Go's runtime2.go:
 *
 * Gidle      just allocated; only START sees it, and moves it to Gdead.
 * Grunnable  on a run queue, not running; its stack is not in use. Set by
 *            START (Gdead -> Grunnable), by an M yielding its G, by the
 *            netpoller waking a parked G (Gwaiting -> Grunnable: in Go 1.4,
 *            injectglist's casgstatus on the list netpoll() returned, its
 *            netpollready/netpollunblock having only taken the G from its
 *            poll descriptor), or by an M whose park was cancelled by a
 *            wakeup.
 * Grunning   owned by the M running it; only that M changes it again,
 *            but for modern's suspendG, which takes Gscan for an instant
 *            to ask it to stop (Gscanrunning).
 * Gpreempted modern: parked by its M for a suspendG (preempt.c), on no run
 *            queue; the suspendG claims it (Gpreempted -> Gwaiting).
 * Gwaiting   blocked in the runtime: parked on the netpoller ("IO wait"),
 *            or, in Go 1.4, growing its own stack ("stack growth"). Not on
 *            a run queue; its stack is not in use. The netpoller may make
 *            it Grunnable at any time, even while the world is stopped:
 *            stopping the world stops Ms, not the network.
 * Gdead      unused.
 * Gcopystack its stack is being moved. Go 1.4: whoever copies (the owner
 *            growing its stack, or the collector shrinking it) moves the G
 *            from Gwaiting or Grunnable to Gcopystack and back. Modern Go:
 *            only the owner, from and back to Grunning, when it grows.
 * Gscan      ORed into Grunnable, Grunning, Gsyscall or Gwaiting by the
 *            collector (castogscanstatus) while it scans the stack, and
 *            cleared by it (casfrom_Gscanstatus); into Gpreempted by the M
 *            parking its G, until it has let go of it. While it is set, nobody
 *            else may move the G: casgstatus spins until it is clear.
 *
 * casgstatus() assumes that a status other than the one it expects is
 * transient (a Gscan bit, a Gcopystack) and spins until it returns. That
 * assumption is what Go issue 9186 broke: the netpoller's Gwaiting ->
 * Grunnable is not transient, so a collector that read Gwaiting and then
 * asked casgstatus for Gwaiting -> Gcopystack waited forever. Here no spin
 * is forever: past wedge_timeout_ms it becomes a wedge report.
 */
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

#include "gcsched.h"
#include "gcsched_trace.h"

/*
 * Which transitions each era allows, by slot (gcsched_status_slot()):
 * the uapi header's GCSCHED_TRANSITIONS, where each one is explained.
 */
#define LEGAL(era, from, to)						\
	[GCSCHED_ERA_##era][GCSCHED_SLOT(from)][GCSCHED_SLOT(to)] = true,
static const bool legal[GCSCHED_NR_ERAS][GCSCHED_NR_SLOTS][GCSCHED_NR_SLOTS] = {
	GCSCHED_TRANSITIONS(LEGAL)
};

#undef LEGAL

/* Go's gstatusStrings, from the uapi header's list. */
static const char *const status_names[] = {
	GCSCHED_STATUS_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
};

static const char *const scan_names[] = {
	GCSCHED_SCAN_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
};

/* A status Go defines, with or without Gscan: inline, every CAS asks. */
static __always_inline bool status_defined(u32 status)
{
	return !(status & ~(Gscan | 0xf)) && (status & 0xf) < 10;
}

/**
 * gcsched_status_slot() - index of a status in the transition matrix
 * @status: a status value, possibly with Gscan
 *
 * Context: any.
 * Return: 0..9 for a plain status, 10..19 for a Gscan one, -1 if undefined.
 */
int gcsched_status_slot(u32 status)
{
	return status_defined(status) ? GCSCHED_SLOT(status) : -1;
}

/**
 * gcsched_status_name() - Go's name of a status, for debugfs and traces
 * @status: a status value, possibly with Gscan
 *
 * Context: any.
 * Return: a static string, "?" if the status is not one Go defines.
 */
const char *gcsched_status_name(u32 status)
{
	u32 base = status & ~Gscan;
	const char *name = NULL;

	if (status & ~(Gscan | 0xf))
		return "?";
	if (status & Gscan) {
		if (base < ARRAY_SIZE(scan_names))
			name = scan_names[base];
	} else if (base < ARRAY_SIZE(status_names)) {
		name = status_names[base];
	}
	return name ? name : "?";
}

static __always_inline bool transition_legal(struct gcsched_instance *inst,
					     u32 from, u32 to)
{
	return status_defined(from) && status_defined(to) &&
	       legal[inst->policy->era][GCSCHED_SLOT(from)][GCSCHED_SLOT(to)];
}

/* An illegal transition is refused, counted and thrown. */
static int refuse(struct gcsched_instance *inst, struct gcsched_g *gp,
		  u32 from, u32 to, u16 actor, const char *fn)
{
	char msg[64];

	gstat_inc(inst, illegal_transitions);
	snprintf(msg, sizeof(msg), "%s: invalid transition %s -> %s", fn,
		 gcsched_status_name(from), gcsched_status_name(to));
	gcsched_throw(inst, gp, from, actor, fn, msg);
	return -EPROTO;
}

/*
 * Count a transition and remember its writer: called after the CAS won, so
 * on the hottest path there is. @from and @to passed transition_legal(), so
 * both are statuses Go defines and GCSCHED_SLOT() needs no checking.
 */
static __always_inline void record_counts(struct gcsched_instance *inst,
					  struct gcsched_g *gp, u32 from,
					  u32 to, u16 actor)
{
	u64 stamp = gcsched_stamp();

	gstat_inc(inst, transitions[GCSCHED_SLOT(from)][GCSCHED_SLOT(to)]);
	WRITE_ONCE(gp->last, LAST_MAKE(actor, from, to));
	WRITE_ONCE(gp->last_stamp, stamp);
	gcsched_tl_add(inst, stamp, GCSCHED_TL_STATUS, gp->goid, actor, from,
		       to, 0);
}

/* ... and trace it: after the CAS, as nearly every transition is traced. */
static __always_inline void record(struct gcsched_instance *inst,
				   struct gcsched_g *gp, u32 from, u32 to,
				   u16 actor)
{
	record_counts(inst, gp, from, to, actor);
	trace_gcsched_status(inst->id, gp->goid, from, to, actor);
}

/**
 * gcsched_status_init() - a new G's first status, Gidle, as Go's malg leaves it
 * @gp: the G, which no other thread can see yet
 *
 * The one plain store to a status word: nothing can race with it.
 *
 * Context: START, before the G is published.
 */
void gcsched_status_init(struct gcsched_g *gp)
{
	atomic_set(&gp->atomicstatus, Gidle);
}

/**
 * readgstatus() - the G's status, as Go's readgstatus
 * @gp: the G
 *
 * Context: any.
 * Return: the status word; it may change the moment it has been read.
 */
u32 readgstatus(struct gcsched_g *gp)
{
	return atomic_read(&gp->atomicstatus);
}

/**
 * gcsched_spin_wait_for() - one turn of a bounded wait on a G's status
 * @inst: the instance
 * @gp: the G whose status is awaited
 * @spin_start: 0 on the first turn; the wait's start time after it
 * @expected: the status the wait is for, for the report
 * @actor: who waits
 * @fn: the waiting function, for the report
 * @timeout_ns: past this long the wait is a wedge
 *
 * Context: as gcsched_spin_wait().
 * Return: as gcsched_spin_wait().
 */
int gcsched_spin_wait_for(struct gcsched_instance *inst, struct gcsched_g *gp,
			  u64 *spin_start, u32 expected, u16 actor,
			  const char *fn, u64 timeout_ns)
{
	u64 now = ktime_get_ns();

	if (!*spin_start) {
		*spin_start = now;
		return 0;
	}
	if (gcsched_should_quit(inst))
		return -ECANCELED;
	/* The collector's spins end with its cycle, when another failed. */
	if (ACTOR_KIND(actor) == GCSCHED_ACTOR_GC && atomic_read(&inst->mark.err))
		return -ECANCELED;
	/* A GC ioctl's caller (the collector) may be killed meanwhile. */
	if (fatal_signal_pending(current))
		return -EINTR;
	if (now - *spin_start > timeout_ns) {
		gcsched_spin_done(inst, *spin_start);
		gcsched_wedge(inst, gp, expected, actor, fn, now - *spin_start);
		return -EDEADLK;
	}
	cpu_relax();
	cond_resched();
	return 0;
}

/**
 * gcsched_spin_wait() - one turn of a CAS retry loop, bounded
 * @inst: the instance
 * @gp: the G whose status is awaited
 * @spin_start: 0 on the first turn; the loop's start time after it
 * @expected: the status the loop waits for, for the report
 * @actor: who spins
 * @fn: the spinning function, for the report
 *
 * A CAS loop in Go's runtime spins for as long as it takes. Here it gives up
 * when the instance is stopping, or past wedge_timeout_ms, when the spin is
 * recorded as a wedge: the simulated hang becomes data, never a real one.
 * It yields the CPU now and then, so the real kernel never sees a lockup.
 *
 * Context: process context; may sleep (cond_resched()); not under a
 * spinlock; takes report_lock on a wedge.
 * Return: 0 to try again, -EDEADLK on a wedge, -ECANCELED if stopping or
 * if the collector's cycle already failed, -EINTR if the caller was killed.
 */
int gcsched_spin_wait(struct gcsched_instance *inst, struct gcsched_g *gp,
		      u64 *spin_start, u32 expected, u16 actor, const char *fn)
{
	return gcsched_spin_wait_for(inst, gp, spin_start, expected, actor, fn,
				     (u64)inst->cfg.wedge_timeout_ms *
				     NSEC_PER_MSEC);
}

/**
 * gcsched_spin_done() - account for a finished spin
 * @inst: the instance
 * @spin_start: as left by gcsched_spin_wait(); 0 if the CAS never failed
 *
 * A spin ends when its CAS wins or when it is a wedge. One abandoned
 * because the instance stops, the cycle failed elsewhere or the caller was
 * killed (-ECANCELED, -EINTR) has no end and is not counted: spins and
 * spin_max_ns describe the protocol, not the teardown.
 *
 * Context: any; does not sleep.
 */
void gcsched_spin_done(struct gcsched_instance *inst, u64 spin_start)
{
	u64 ns, max;

	if (!spin_start)
		return;
	ns = ktime_get_ns() - spin_start;
	gstat_inc(inst, spins);
	gstat_inc(inst, spin_hist[gcsched_hist_bucket(ns)]);
	gstat_add(inst, spin_total_ns, ns);
	max = atomic64_read(&inst->spin_max_ns);
	while (ns > max && !atomic64_try_cmpxchg(&inst->spin_max_ns, &max, ns))
		;
}

/**
 * gcsched_race_window() - widen the window between a status read and its CAS
 * @inst: the instance, whose race_window_ns says by how much (0: not at all)
 *
 * A busy wait, as the instructions it stands for would be: the caller may be
 * holding the world stopped.
 *
 * Context: any; busy-waits up to race_window_ns (at most 1 ms).
 */
void gcsched_race_window(struct gcsched_instance *inst)
{
	u64 ns = inst->cfg.race_window_ns;

	if (!ns)
		return;
	if (ns < NSEC_PER_USEC)
		ndelay(ns);
	else
		udelay(div_u64(ns, NSEC_PER_USEC));
}

/**
 * gcsched_forced_window() - the model's counterexample, as a schedule
 * @inst: the instance; its config's GCSCHED_CFG_FORCED says whether
 * @gp: the G whose status the collector has just read
 * @old: what it read
 *
 * The trail make model prints for go1.4-buggy: the collector reads
 * Gwaiting, the netpoller makes the G Grunnable, the collector's CAS
 * waits for Gwaiting forever. The first time a read-then-CAS of the
 * collector reads Gwaiting on a G parked on the netpoller, this posts a
 * readiness event for the G (no message: the G finds nothing to read and
 * parks again, a spurious wakeup) and waits until the netpoller has made
 * it Grunnable; then the caller does its CAS. Once per START.
 *
 * Context: the collector or a helper, between its read and its CAS; may
 * sleep (cond_resched()) up to GCSCHED_SAFEPOINT_TIMEOUT_MS, less if the
 * instance stops or the caller is killed.
 */
void gcsched_forced_window(struct gcsched_instance *inst, struct gcsched_g *gp,
			   u32 old)
{
	u64 deadline, last = READ_ONCE(gp->last);

	/* @last before the checks: a wakeup between them ends the wait */
	if (!(inst->cfg.flags & GCSCHED_CFG_FORCED) || old != Gwaiting ||
	    READ_ONCE(gp->waitreason) != WAIT_IO ||
	    atomic_read(&gp->pd) != PD_PARKED ||
	    atomic_read(&inst->forced_done) ||
	    atomic_xchg(&inst->forced_done, 1))
		return;
	/*
	 * Wait for the G's next status write, the netpoller's: while the
	 * world runs (modern) an M may run the G and park it again before
	 * this loop looks, so its status alone could read Gwaiting again.
	 */
	gstat_inc(inst, forced_wakes);
	gcsched_netpoll_post(inst, gp);
	deadline = ktime_get_ns() + GCSCHED_SAFEPOINT_TIMEOUT_MS * NSEC_PER_MSEC;
	while (READ_ONCE(gp->last) == last && !gcsched_should_quit(inst) &&
	       !fatal_signal_pending(current)) {
		if (ktime_get_ns() > deadline) {
			gstat_inc(inst, forced_timeouts);
			break;
		}
		cond_resched();
	}
}

/*
 * casgstatus() with arguments its fast test refused: a Gscan bit, twice
 * the same status, or (the rest) a move the era's table does not have.
 */
static noinline int casgstatus_refuse(struct gcsched_instance *inst,
				      struct gcsched_g *gp, u32 oldval,
				      u32 newval, u16 actor)
{
	if ((oldval & Gscan) || (newval & Gscan) || oldval == newval) {
		gcsched_throw(inst, gp, oldval, actor, "casgstatus",
			      "casgstatus: bad incoming values");
		return -EPROTO;
	}
	return refuse(inst, gp, oldval, newval, actor, "casgstatus");
}

/*
 * The test-only knob debugfs <id>/inject_wake: the next casgstatus() that
 * waits for Gwaiting, on a G that is Gwaiting (and not one suspendG
 * stopped, which no netpoller could wake), finds it made Grunnable
 * just before its CAS, as a second netpoll wakeup would make it (Go
 * issue 9186's shape, and 17007's). The move is the netpoller's, recorded
 * as its. A runtime with 2b62e1e's check must then throw; one without it
 * spins until the wedge timeout.
 */
static noinline void inject_wake(struct gcsched_instance *inst,
				 struct gcsched_g *gp)
{
	/* One suspendG stopped, or a select, is no netpoller's to wake. */
	if (readgstatus(gp) != Gwaiting ||
	    READ_ONCE(gp->waitreason) == WAIT_PREEMPTED ||
	    READ_ONCE(gp->waitreason) == WAIT_SELECT ||
	    READ_ONCE(gp->waitreason) == WAIT_CHAN_RECEIVE ||
	    atomic_cmpxchg(&inst->inject_wake, 1, 0) != 1)
		return;
	if (atomic_cmpxchg(&gp->atomicstatus, Gwaiting, Grunnable) != Gwaiting) {
		atomic_set(&inst->inject_wake, 1);	/* not this one: the next */
		return;
	}
	record(inst, gp, Gwaiting, Grunnable,
	       ACTOR(GCSCHED_ACTOR_NETPOLL, 0));
}

/*
 * casgstatus() after its first CAS failed: Go's loop from its first
 * retry, which may spin. Out of line, so that the fast path keeps no frame
 * for the spin. @fn names the caller in a wedge's report (casgstatus, or
 * casGToPreemptScan, which loops the same way).
 */
static noinline int casgstatus_spin(struct gcsched_instance *inst,
				    struct gcsched_g *gp, u32 oldval,
				    u32 newval, u16 actor, const char *fn)
{
	u64 spin_start = 0;
	int ret;

	/* the timeline's mark of a CAS that lost: where a 9186 spin begins */
	gcsched_tl_add(inst, gcsched_stamp(), GCSCHED_TL_CAS_SPIN, gp->goid,
		       actor, oldval, newval, readgstatus(gp));
	do {
		if ((inst->policy->waiting_throw ||
		     (inst->cfg.flags & GCSCHED_CFG_THROW_CHECK)) &&
		    oldval == Gwaiting && readgstatus(gp) == Grunnable) {
			gcsched_spin_done(inst, spin_start);
			gcsched_throw(inst, gp, oldval, actor, "casgstatus",
				      "casgstatus: waiting for Gwaiting but is Grunnable");
			return -EPROTO;
		}
		ret = gcsched_spin_wait(inst, gp, &spin_start, oldval, actor,
					fn);
		if (ret)
			return ret;
	} while (atomic_cmpxchg(&gp->atomicstatus, oldval, newval) != oldval);
	gcsched_spin_done(inst, spin_start);
	record(inst, gp, oldval, newval, actor);
	return 0;
}

/**
 * casgstatus() - move a G from one status to another, as Go's casgstatus
 * @inst: the instance
 * @gp: the G
 * @oldval: the status it must have; never with Gscan
 * @newval: the status to give it; never with Gscan
 * @actor: who asks (ACTOR())
 *
 * If the status is not @oldval, it is assumed to be on its way back to it
 * (the collector holds Gscan, or a copy holds Gcopystack), and the CAS is
 * retried until it is. Finding Grunnable while waiting for Gwaiting is the
 * throw that Go commit 2b62e1e added (the policy's waiting_throw, or
 * throw_check): that change is not transient, and waiting for it to undo
 * itself is the 9186 wedge.
 *
 * Context: process context; may sleep while it spins (cond_resched()); not
 * under a spinlock; takes report_lock on a throw or a wedge; may be called
 * with ioctl_lock or stw.gc_lock held.
 * Return: 0 once moved; -EPROTO after a throw; -EDEADLK after a wedge;
 * -ECANCELED if the instance stopped meanwhile.
 */
int casgstatus(struct gcsched_instance *inst, struct gcsched_g *gp,
	       u32 oldval, u32 newval, u16 actor)
{
	int old = oldval;

	/*
	 * Two different plain statuses (slots 0..9, the table's indexes as
	 * they are) and a legal move, or casgstatus_refuse() says what is
	 * wrong. Then one CAS, which nearly always wins; if it does not,
	 * casgstatus_spin() goes on exactly as the loop would have.
	 */
	if (unlikely(oldval >= 10 || newval >= 10 || oldval == newval ||
		     !legal[inst->policy->era][oldval][newval]))
		return casgstatus_refuse(inst, gp, oldval, newval, actor);
	if (unlikely(oldval == Gwaiting && atomic_read(&inst->inject_wake)))
		inject_wake(inst, gp);
	if (unlikely(!atomic_try_cmpxchg(&gp->atomicstatus, &old, newval)))
		return casgstatus_spin(inst, gp, oldval, newval, actor,
				       "casgstatus");
	record(inst, gp, oldval, newval, actor);
	return 0;
}

/*
 * One Grunnable <-> Grunning move of gcsched_bench_casgstatus_steps(), with
 * casgstatus()'s parts up to @parts (a constant: each loop is compiled for
 * its own): 0 the CAS, 1 the checks before it, 2 the transition counter,
 * 3 the last writer, 4 its stamp, 5 the tracepoint (off in the bench).
 */
static __always_inline void bench_move(struct gcsched_instance *inst,
				       struct gcsched_g *gp, u32 from, u32 to,
				       u16 actor, int parts)
{
	int old;

	/* as a caller's arguments are: not constants the compiler can fold */
	OPTIMIZER_HIDE_VAR(from);
	OPTIMIZER_HIDE_VAR(to);
	old = from;
	if (parts >= 1 &&
	    unlikely(from >= 10 || to >= 10 || from == to ||
		     !legal[inst->policy->era][from][to] ||
		     (from == Gwaiting && atomic_read(&inst->inject_wake))))
		return;
	if (!atomic_try_cmpxchg(&gp->atomicstatus, &old, to))
		return;
	if (parts >= 2)
		gstat_inc(inst, transitions[GCSCHED_SLOT(from)][GCSCHED_SLOT(to)]);
	if (parts >= 3)
		WRITE_ONCE(gp->last, LAST_MAKE(actor, from, to));
	if (parts >= 4)
		WRITE_ONCE(gp->last_stamp, gcsched_stamp());
	if (parts >= 5)
		trace_gcsched_status(inst->id, gp->goid, from, to, actor);
}

#define BENCH_STEP(k)							\
	do {								\
		u64 t0 = ktime_get_ns();				\
		u32 i;							\
									\
		for (i = 0; i < iters / 2; i++) {			\
			bench_move(inst, gp, Grunnable, Grunning, actor, k); \
			bench_move(inst, gp, Grunning, Grunnable, actor, k); \
		}							\
		ns[k] = ktime_get_ns() - t0;				\
	} while (0)

/**
 * gcsched_bench_casgstatus_steps() - casgstatus()'s fast path, built up
 * @inst: the bench's private instance
 * @gp: a Grunnable G of it that nothing else moves
 * @actor: the bench's actor
 * @iters: moves per step
 * @ns: out: each step's total time, GCSCHED_BENCH_STEPS of them
 *
 * Step k makes @iters moves with casgstatus()'s parts 0..k, inline (see
 * bench_move()): what a part adds is the difference of two steps, and what
 * the real casgstatus() costs beyond the last step is its call. The
 * bench's answer to "where does the distance from a bare CAS go".
 *
 * Context: process context; @gp is the caller's alone.
 */
void gcsched_bench_casgstatus_steps(struct gcsched_instance *inst,
				    struct gcsched_g *gp, u16 actor, u32 iters,
				    u64 *ns)
{
	BENCH_STEP(0);
	BENCH_STEP(1);
	BENCH_STEP(2);
	BENCH_STEP(3);
	BENCH_STEP(4);
	BENCH_STEP(5);
	static_assert(GCSCHED_BENCH_STEPS == 6);
}

/**
 * castogscanstatus() - set the Gscan bit, taking the G's stack for the scan
 * @inst: the instance
 * @gp: the G
 * @oldval: Grunnable or Gwaiting
 * @newval: @oldval | Gscan
 * @actor: who asks, the collector
 *
 * One attempt, as Go's castogscanstatus: the caller re-reads and retries.
 *
 * Context: any; does not sleep; takes report_lock on a throw.
 * Return: true if the bit is now set by this call.
 */
bool castogscanstatus(struct gcsched_instance *inst, struct gcsched_g *gp,
		      u32 oldval, u32 newval, u16 actor)
{
	if (newval != (oldval | Gscan) || !transition_legal(inst, oldval, newval)) {
		refuse(inst, gp, oldval, newval, actor, "castogscanstatus");
		return false;
	}
	if (atomic_cmpxchg(&gp->atomicstatus, oldval, newval) != oldval)
		return false;
	record(inst, gp, oldval, newval, actor);
	return true;
}

/**
 * casfrom_Gscanstatus() - clear the Gscan bit the caller set
 * @inst: the instance
 * @gp: the G
 * @oldval: Gscan | @newval
 * @newval: the status without the bit
 * @actor: who asks, the collector
 *
 * Only the holder of the bit clears it, so the CAS cannot fail unless the
 * protocol was broken, which is a throw.
 *
 * Clearing the bit hands the G on: the next writer (the netpoller waiting
 * in casgstatus, the suspendG waiting for Gpreempted) may move it the
 * instant the CAS lands, and trace its move before this one's tracepoint
 * ran. So this one is traced before its CAS, which cannot fail but in a
 * throw (whose report says what the word held): the hand-offs out of a
 * Gscan status are in the trace in the order of the status word. Other
 * transitions are traced after their CAS, and two writers' moves of one G
 * in quick succession may show in either order.
 *
 * Context: any; does not sleep; takes report_lock on a throw.
 * Return: 0, or -EPROTO after a throw.
 */
int casfrom_Gscanstatus(struct gcsched_instance *inst, struct gcsched_g *gp,
			u32 oldval, u32 newval, u16 actor)
{
	if (oldval != (newval | Gscan) || !transition_legal(inst, oldval, newval))
		return refuse(inst, gp, oldval, newval, actor,
			      "casfrom_Gscanstatus");
	trace_gcsched_status(inst->id, gp->goid, oldval, newval, actor);
	if (atomic_cmpxchg(&gp->atomicstatus, oldval, newval) != oldval) {
		gcsched_throw(inst, gp, oldval, actor, "casfrom_Gscanstatus",
			      "casfrom_Gscanstatus: gp->status is not in scan state");
		return -EPROTO;
	}
	record_counts(inst, gp, oldval, newval, actor);
	return 0;
}

/**
 * casgcopystack() - the fix of Go commit 2b62e1e
 * @inst: the instance
 * @gp: the G, Gwaiting or Grunnable
 * @actor: who copies
 * @oldstatus: out: the status to restore after the copy
 *
 * casgstatus(gp, oldstatus, Gcopystack) after a readgstatus() races with a
 * netpoll wakeup: the G read as Gwaiting may be Grunnable by the CAS, and
 * casgstatus would wait for a Gwaiting that never comes back. So accept
 * either, re-reading on every failure. A Gscan bit held by someone else is
 * still waited out, boundedly.
 *
 * Context: process context; may sleep while it spins (cond_resched()); not
 * under a spinlock; takes report_lock on a throw or a wedge.
 * Return: 0 with *@oldstatus set; -EPROTO after a throw; -EDEADLK after a
 * wedge; -ECANCELED if the instance stopped meanwhile.
 */
int casgcopystack(struct gcsched_instance *inst, struct gcsched_g *gp,
		  u16 actor, u32 *oldstatus)
{
	u64 spin_start = 0;
	u32 old;
	int ret;

	for (;;) {
		old = readgstatus(gp) & ~Gscan;
		if (old != Gwaiting && old != Grunnable) {
			gcsched_throw(inst, gp, Gwaiting, actor, "casgcopystack",
				      "copystack: bad status, not Gwaiting or Grunnable");
			return -EPROTO;
		}
		gcsched_race_window(inst);
		gcsched_forced_window(inst, gp, old);
		if (atomic_cmpxchg(&gp->atomicstatus, old, Gcopystack) == old)
			break;
		ret = gcsched_spin_wait(inst, gp, &spin_start, old, actor,
					"casgcopystack");
		if (ret)
			return ret;
	}
	gcsched_spin_done(inst, spin_start);
	record(inst, gp, old, Gcopystack, actor);
	*oldstatus = old;
	return 0;
}

/**
 * casGToPreemptScan() - Grunning -> Gscan|Gpreempted, by the G's own M
 * @inst: the instance
 * @gp: the G, Grunning on the calling M
 * @actor: that M
 *
 * Go's casGToPreemptScan (src/runtime/proc.go:1053 at go1.19,
 * 43456202a1e5), for preemptPark: the Gscan bit keeps the G from being
 * claimed before its M has let go of it. The CAS fails only while
 * suspendG holds Gscanrunning for an instant; Go loops on it, here the
 * loop is bounded as every spin is.
 *
 * Context: the M running @gp; may sleep while it spins (cond_resched());
 * takes report_lock on a wedge.
 * Return: 0; -EPROTO (a throw) in an era without the move; -EDEADLK after
 * a wedge; -ECANCELED if the instance stopped.
 */
int casGToPreemptScan(struct gcsched_instance *inst, struct gcsched_g *gp,
		      u16 actor)
{
	u32 newval = Gscan | Gpreempted;
	int old = Grunning;

	if (!transition_legal(inst, Grunning, newval))
		return refuse(inst, gp, Grunning, newval, actor,
			      "casGToPreemptScan");
	if (!atomic_try_cmpxchg(&gp->atomicstatus, &old, newval))
		return casgstatus_spin(inst, gp, Grunning, newval, actor,
				       "casGToPreemptScan");
	record(inst, gp, Grunning, newval, actor);
	return 0;
}

/**
 * casGFromPreempted() - Gpreempted -> Gwaiting: suspendG claims the G
 * @inst: the instance
 * @gp: the G
 * @actor: the collector
 *
 * Go's casGFromPreempted (proc.go:1065 at go1.19): one attempt; a G
 * preempted for suspendG is claimed by one suspendG (or, if that gave up,
 * by its M), which then owns it until it readies it.
 *
 * Context: any; does not sleep; takes report_lock on a throw.
 * Return: true if this call claimed it; false if it was not Gpreempted,
 * or (after a throw) if the era has no such move.
 */
bool casGFromPreempted(struct gcsched_instance *inst, struct gcsched_g *gp,
		       u16 actor)
{
	if (!transition_legal(inst, Gpreempted, Gwaiting)) {
		refuse(inst, gp, Gpreempted, Gwaiting, actor, "casGFromPreempted");
		return false;
	}
	if (atomic_cmpxchg(&gp->atomicstatus, Gpreempted, Gwaiting) != Gpreempted)
		return false;
	/* Go sets it before the CAS; here the G is not ours until it won. */
	gp->waitreason = WAIT_PREEMPTED;
	record(inst, gp, Gpreempted, Gwaiting, actor);
	return true;
}
