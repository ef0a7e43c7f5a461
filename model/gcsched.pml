/*
 * gcsched's status protocol as a Promela model, for spin (make model).
 *
 * Actors, as in kmod/: NM Ms running NG Gs (sched.c: run, yield, park on
 * the netpoller, grow the stack; modern: park for suspendG at a safe
 * point), a netpoller that wakes a parked G at any time, the world
 * stopped or not (stw.c), and a collector running K cycles (gc.c,
 * policy.c): Go 1.4's markroot inside one stop (shrink through the
 * policy's copy_lock, then stopg, scan, restartg) or modern's concurrent
 * markroot between two stops (suspendG, scanstack, resumeG: preempt.c).
 *
 * Build-time switches: POLICY_GO14_BUGGY, POLICY_GO14_FIXED or
 * POLICY_MODERN; SPINNER and NOASYNC (the tight-loop scenario, below);
 * BROKEN_CASGCOPYSTACK (go1.4-fixed's casgcopystack
 * accepting only Gwaiting: a check that must fail), BROKEN_PREEMPTPARK
 * (below); LIVENESS (below); REPLAY (model/replay.py); NG, NM, K (bounds);
 * (model/narrate.py turns a trail's replay into an interleaving).
 *
 * A spin in casgstatus is a blocking guard: the CAS happens only once the
 * status is the expected one. So a spin that never ends is a process
 * blocked for good, and a wedge is an invalid end state (Ms and the
 * netpoller idle at their loop's top are valid end states; an M waiting
 * for the world to start, or a collector blocked in a CAS, is not). A
 * throw (casgstatus's "waiting for Gwaiting but is Grunnable", copystack's
 * bad status, stopg's "goroutine not stopped") is an assertion. No
 * non-progress search is made: the legitimate waits on a Gscan bit or a
 * Gcopystack are blocking guards too, and end when their holder moves on.
 *
 * What it abstracts away: run queues (an M takes any Grunnable G, which
 * allows more interleavings than the code); stacks (a shrink is a choice,
 * not a size); the pd protocol beyond "parked" (readiness before the park
 * commits is the M cancelling its park); time.
 */
#include "transitions.pml"

#ifndef NG
#define NG 2
#endif
#if NG > 3
#error "PICK() chooses among 3 Gs at most"
#endif
#ifndef NM
#define NM 1
#endif
#ifndef K
#define K 2
#endif

/* Status slots: s, or 10 + s with Gscan (the uapi header's GCSCHED_SLOT). */
#define Gidle		0
#define Grunnable	1
#define Grunning	2
#define Gwaiting	4
#define Gdead		6
#define Gcopystack	8
#define Gpreempted	9
#define SCAN(s)		(10 + (s))

/*
 * BROKEN_PREEMPTPARK: an M that never heeds suspendG's request at its
 * safe point (a check that must fail: modern's liveness then fails).
 */
#ifdef BROKEN_PREEMPTPARK
#define HEEDS(p)	0
#else
#define HEEDS(p)	(p)
#endif

/*
 * SPINNER: the last G runs for { i++ } (kmod/spinner.c, the tight-loop
 * scenario): an M running it reaches no safe point until a preemption
 * signal, which only modern without NOASYNC sends (a stop's preemptall,
 * suspendG's preemptM). NOASYNC: modern with GODEBUG=asyncpreemptoff=1.
 */
#ifdef SPINNER
#define SPINS(g)	((g) == NG - 1)
#if defined(POLICY_MODERN) && !defined(NOASYNC)
#define SIGNALLED(g)	(stopping || preempt[g])
#else
#define SIGNALLED(g)	0
#endif
#else
#define SPINS(g)	0
#endif

/* Who moves, in the narration: an M's number, or one of these. */
#define GC_ACTOR	50
#define NETPOLL_ACTOR	51
#define SETUP_ACTOR	52

#if defined(POLICY_MODERN)
#define LEGAL(f, t)	LEGAL_MODERN(f, t)
#define WAITING_THROW	1
#elif defined(POLICY_GO14_FIXED)
#define LEGAL(f, t)	LEGAL_GO14(f, t)
#define WAITING_THROW	1
#elif defined(POLICY_GO14_BUGGY)
#define LEGAL(f, t)	LEGAL_GO14(f, t)
#define WAITING_THROW	0
#else
#error "define one of POLICY_MODERN, POLICY_GO14_FIXED, POLICY_GO14_BUGGY"
#endif

byte status[NG];
bit parked[NG];		/* on the netpoller (pd: a G is parked here) */
bit preempt[NG];	/* modern: suspendG's request, gp.preemptStop */
bit stopping;		/* a stop is asked for or in force */
byte acks;		/* Ms that acked it and wait for the start */

/*
 * What each actor did, for a trail's replay (make model turns it into the
 * interleaving), and every move, MODEL-TRANSITION from to, for the
 * agreement with the table: printed by spin's simulation, and by a pan
 * built with -DPRINTF, which make model runs once per policy to collect
 * the moves every path made. A verdict's pan is built without it.
 */
#define say(...)	printf(__VA_ARGS__)

#ifdef REPLAY
#include "replay.pml"
/* a replay that left the trace stops there: its states are of no use */
#define LIVE			(!rp_dead)
#else
#define rp_event(k, who, f, t)	skip
#define rp_try(who, g, f)	skip
#define LIVE			1
#endif

/* Every move: legal in its era's table, and counted once. */
inline rec(who, g, f, t)
{
	assert(LEGAL(f, t));
	printf("MODEL-TRANSITION %d %d\n", f, t);
	rp_event(g, who, f, t)
}

/* A move whose CAS cannot fail (the mover owns the G). */
inline move(who, g, f, t)
{
	atomic {
		assert(status[g] == (f));
		status[g] = t;
		rec(who, g, f, t);
		say("MOVE %d G%d %d %d\n", who, g, f, t)
	}
}

/*
 * casgstatus(): wait until the status is @f, then move it to @t. With
 * 2b62e1e's check (WAITING_THROW), finding Grunnable while waiting for
 * Gwaiting is a throw.
 */
inline casgstatus(who, g, f, t)
{
	d_step { say("TRY %d G%d %d %d\n", who, g, f, t); rp_try(who, g, f) };
	if
	:: atomic {
		status[g] == (f) -> status[g] = t;
		rp_try(who, 255, 0);
		rec(who, g, f, t);
		say("DONE %d G%d %d %d\n", who, g, f, t)
	   }
	:: WAITING_THROW && (f) == Gwaiting && status[g] == Grunnable ->
		say("THROW %d G%d casgstatus: waiting for Gwaiting but is Grunnable\n", who, g);
		assert(false)
	fi
}

/* copystack's status step, the policy's copy_lock (policy.c). */
inline copy_lock(who, g, old)
{
#if defined(POLICY_GO14_BUGGY)
	/* readgstatus, then casgstatus(gp, oldstatus, Gcopystack) */
	atomic {
		old = status[g];
		say("READ %d G%d %d\n", who, g, old)
	}
	assert(old == Gwaiting || old == Grunnable);	/* copystack: bad status */
	casgstatus(who, g, old, Gcopystack)
#else
	/* casgcopystack: either Gwaiting or Grunnable */
#ifdef BROKEN_CASGCOPYSTACK
	/* broken: the status read, then a CAS that takes only that one */
	atomic {
		old = status[g];
		say("READ %d G%d %d\n", who, g, old)
	}
	casgstatus(who, g, old, Gcopystack)
#else
	d_step { say("TRYCOPY %d G%d\n", who, g); rp_try(who, g, Gwaiting) };
	atomic {
		(status[g] == Gwaiting || status[g] == Grunnable) ->
		old = status[g];
		status[g] = Gcopystack;
		rp_try(who, 255, 0);
		rec(who, g, old, Gcopystack);
		say("DONE %d G%d %d %d\n", who, g, old, Gcopystack)
	}
#endif
#endif
}

/* newstack: the G's own M grows its stack. */
inline grow(who, g, old)
{
#if defined(POLICY_MODERN)
	/* casgstatus: suspendG may hold Gscanrunning for an instant */
	casgstatus(who, g, Grunning, Gcopystack);
	casgstatus(who, g, Gcopystack, Grunning)
#else
	casgstatus(who, g, Grunning, Gwaiting);	/* "stack growth" */
	copy_lock(who, g, old);
	casgstatus(who, g, Gcopystack, old);
	casgstatus(who, g, Gwaiting, Grunning)
#endif
}

/* One of the Gs that satisfies @cond, chosen by the scheduler. */
#define PICK(g, cond)							\
	if								\
	:: NG > 0 && (cond(0)) -> g = 0					\
	:: NG > 1 && (cond(1)) -> g = 1					\
	:: NG > 2 && (cond(2)) -> g = 2					\
	fi
#define RUNNABLE(i)	(status[i] == Grunnable)
#define PARKED(i)	(LIVE && parked[i])

proctype M(byte id)
{
	byte g, old;
#ifdef REPLAY
	byte n;		/* growths in this step */
#endif

end_m:
	do
	:: LIVE && stopping ->
		atomic { acks++ };
		(!stopping);
		atomic { acks-- }
	:: LIVE && !stopping ->
		/*
		 * findrunnable() after the check above, not with it
		 * (gcsched_worker): a stop asked for in between waits for this
		 * M's next safe point. Nothing runnable: back to the check.
		 */
		if
		:: atomic {
			PICK(g, RUNNABLE);
			status[g] = Grunning;
			rec(id, g, Grunnable, Grunning);
			say("MOVE %d G%d %d %d\n", id, g, Grunnable, Grunning)
		   }
		:: else -> goto next
		fi;
#ifdef SPINNER
		if
		:: SPINS(g) ->
			/* for { i++ }: no safe point until a signal */
			say("SPIN %d G%d\n", id, g);
			(SIGNALLED(g));
			say("SIGNAL %d G%d\n", id, g);
			goto safepoint
		:: else -> skip
		fi;
#endif
step:
		/*
		 * a netguy step: bigstack may grow the stack. gcsched's may
		 * grow it several times before its safe point; the model's
		 * once: to every other actor a run of growths with no safe
		 * point between looks like one (the G is never parked on the
		 * netpoller, a stop waits for this M meanwhile). A replay
		 * lets the victim's M grow as often as its window needs.
		 */
#ifdef REPLAY
		n = 0;
		do
		:: n < (g == RP_VICTIM && rp_on -> RP_MAXGROW : 1) ->
			grow(id, g, old);
			n++
		:: break
		od;
		n = 0;
#else
		if
		:: grow(id, g, old)
		:: skip
		fi;
#endif
		/*
		 * then its read: with no message the G parks on the netpoller
		 * (netpoll_block), whatever a stop or suspendG asks meanwhile
		 */
		if
		:: casgstatus(id, g, Grunning, Gwaiting);
			if
			:: parked[g] = 1	/* netpollblockcommit */
			:: casgstatus(id, g, Gwaiting, Grunnable)	/* cancelled */
			fi;
			goto next
		:: skip
		fi;
		/* the safe point at its end */
safepoint:
		if
		:: atomic { HEEDS(preempt[g]) -> preempt[g] = 0 };
			/* preemptPark (preempt.c) */
			casgstatus(id, g, Grunning, SCAN(Gpreempted));
			move(id, g, SCAN(Gpreempted), Gpreempted)
		:: !HEEDS(preempt[g]) && stopping ->
			casgstatus(id, g, Grunning, Grunnable)
		:: !HEEDS(preempt[g]) && !stopping ->
			if
			:: casgstatus(id, g, Grunning, Grunnable)	/* time slice */
			:: !SPINS(g) -> goto step
			fi
		fi;
next:
		skip
	od
}

proctype Netpoll()
{
	byte g;

end_np:
	do
	:: atomic { PICK(g, PARKED); parked[g] = 0 };
		casgstatus(NETPOLL_ACTOR, g, Gwaiting, Grunnable)
	od
}

/* @first: the cycle's first stop, the one gcsched_stw_start marks */
inline stop_the_world(first)
{
	atomic {
		acks == 0 && LIVE -> stopping = 1;
		if
		:: first -> rp_event(RP_STOP, GC_ACTOR, 0, 0)
		:: else -> skip
		fi
	};
	(acks == NM);
	say("STW stop\n")
}

inline start_the_world()
{
	stopping = 0;
	say("STW start\n")
}

/*
 * LIVENESS: make model's second question, "does the collector finish its
 * K cycles?" (ltl gc_ends, searched with pan -a -f: weak fairness). For
 * modern it needs an assumption: suspendG reads the status and then CASes
 * from what it read, so it loses whenever the G moves in between, and
 * weak fairness lets it lose forever (an M keeps running, parking and
 * readying the G, the netpoller with it), as Go's own loop may
 * (runtime/preempt.go, suspendG: for i := 0; ; i++). The formula assumes
 * that a G the collector could take (Grunnable or Gwaiting, while
 * markroot is on it) infinitely often is taken (strong fairness of that
 * read and CAS), and asks for the rest.
 */
#ifdef LIVENESS
bit gc_done, gc_won, gc_in;
byte gc_g;
#define lv_on(g)	gc_g = g; gc_in = 1; gc_asked = 0
#define lv_asked()	gc_won = 1; gc_asked = 1
#define lv_read()	gc_won = 0
#define lv_won()	gc_won = 1
#define lv_took()	gc_won = 1; gc_in = 0
bit gc_asked;
#define CAS_OPEN	(gc_in && (status[gc_g] == Grunnable || status[gc_g] == Gwaiting || \
			 status[gc_g] == Gpreempted || status[gc_g] == Grunning && !gc_asked))
ltl gc_ends { ([]<> CAS_OPEN implies []<> gc_won) implies <> gc_done }
#else
#define lv_on(g)	skip
#define lv_read()	skip
#define lv_took()	skip
#define lv_won()	skip
#define lv_asked()	skip
#endif

#if defined(POLICY_MODERN)
/* suspendG, scanstack (shrink under Gscan: no status of its own), resumeG */
inline markroot(g, s, stopped, asked)
{
	d_step { stopped = 0; asked = 0; lv_on(g) };
	do
	:: atomic {
		s = status[g];
		lv_read();
		say("READ %d G%d %d\n", GC_ACTOR, g, s)
	   };
		if
		:: s == Grunnable || s == Gwaiting ->
			if
			:: atomic {
				status[g] == s -> status[g] = SCAN(s);
				lv_took();
				rec(GC_ACTOR, g, s, SCAN(s));
				preempt[g] = 0;
				say("MOVE %d G%d %d %d\n", GC_ACTOR, g, s, SCAN(s))
			   };
				break
			:: status[g] != s -> skip	/* the CAS failed: read again */
			fi
		:: s == Gpreempted ->
			move(GC_ACTOR, g, Gpreempted, Gwaiting);
			d_step { stopped = 1; lv_won() }
		:: s == Grunning && !asked ->
			if
			:: atomic {
				status[g] == Grunning -> status[g] = SCAN(Grunning);
				lv_asked();
				rec(GC_ACTOR, g, Grunning, SCAN(Grunning));
				preempt[g] = 1;
				say("MOVE %d G%d %d %d\n", GC_ACTOR, g, Grunning, SCAN(Grunning))
			   };
				move(GC_ACTOR, g, SCAN(Grunning), Grunning);
				asked = 1
			:: status[g] != Grunning -> skip
			fi
		:: else ->
			/* Gcopystack, asked already, another's Gscan: wait */
			(status[g] != s)
		fi
	od;
	move(GC_ACTOR, g, SCAN(s), s);
	if
	:: stopped -> casgstatus(GC_ACTOR, g, Gwaiting, Grunnable)	/* ready */
	:: else -> skip
	fi
}
#else
/* shrinkstack (copystack takes Gcopystack), stopg, scanstack, restartg */
inline markroot(g, s, old, unused)
{
	if
	:: copy_lock(GC_ACTOR, g, old);
		casgstatus(GC_ACTOR, g, Gcopystack, old)
	:: skip		/* the stack did not need shrinking */
	fi;
	atomic {
		(status[g] == Grunnable || status[g] == Gwaiting ||
		 status[g] == Grunning) ->
		assert(status[g] != Grunning);	/* scanstack: goroutine not stopped */
		s = status[g];
		status[g] = SCAN(s);
		rec(GC_ACTOR, g, s, SCAN(s));
		say("MOVE %d G%d %d %d\n", GC_ACTOR, g, s, SCAN(s))
	};
	move(GC_ACTOR, g, SCAN(s), s)
}
#endif

proctype GC()
{
	byte cycle, g, s, a, b;

	for (cycle : 1 .. K) {
		stop_the_world(1);
#if defined(POLICY_MODERN)
		start_the_world();
#endif
		for (g : 0 .. NG - 1) {
			markroot(g, s, a, b)
		}
#if defined(POLICY_MODERN)
		stop_the_world(0);
#endif
		start_the_world()
	}
#ifdef LIVENESS
	;
	gc_done = 1
#endif
}

#ifdef REPLAY
/* Arm the replay once the victim is where the window starts. */
proctype Arm()
{
end_arm:
	atomic { !rp_on && status[RP_VICTIM] == RP_ARM -> rp_on = 1 }
}

/*
 * Nothing can move: if the window was followed, all of it and nothing
 * more on the victim, and its spinner is stuck as gcsched's was, this is
 * the traced wedge (the violation make model-replay looks for).
 */
proctype Watch()
{
end_watch:
	timeout -> assert(!(rp_on && !rp_dead && rp_i == RP_N && RP_WEDGED))
}
#endif

init
{
	byte i;

	atomic {
		/* START: malg's Gidle, newproc1's Gdead, then Grunnable */
		for (i : 0 .. NG - 1) {
			status[i] = Gidle;
			move(SETUP_ACTOR, i, Gidle, Gdead);
			move(SETUP_ACTOR, i, Gdead, Grunnable)
		}
		for (i : 0 .. NM - 1) {
			run M(i)
		}
		run Netpoll();
		run GC()
#ifdef REPLAY
		;
		rp_init();
		run Arm();
		run Watch()
#endif
	}
}
