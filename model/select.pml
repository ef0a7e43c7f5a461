/*
 * The select-grow race (Go issue 17007) as a Promela model, for spin
 * (make model): a design check of the scenarios issue's select-grow row
 * before gcsched simulates it. Go's code just before the fix, read at
 * b902a63^ in uber-research/go (the same hashes as golang/go; Go 1.8
 * development, with go1.7's shape in these places: the line numbers below
 * are b902a63^'s, stack.go's are 30 lower at go1.7):
 *
 *  - select.go selectgo, pass 2: done = 0 on the selecting G's stack
 *    (L388), each sudog's selectdone = &done (L399), the sudogs on every
 *    channel's queue and on gp.waiting; gopark(selparkcommit) (L423)
 *    unlocks the channels once the G is Gwaiting.
 *  - chan.go (q *waitq) dequeue, L714-716: a waker claims the select by
 *    atomic.Cas(sgp.selectdone, 0, 1) under its channel's lock; the one
 *    that wins readies the G (goready -> ready, proc.go L561-563: a status
 *    other than Gwaiting throws "bad g->status in ready").
 *  - woken, selectgo calls sellock(scases, lockorder) (L426) on the G's
 *    own stack: its calls may grow the stack. newstack (stack.go L1094,
 *    L1102): Grunning -> Gcopystack -> Grunning around copystack, which
 *    moves every sudog.selectdone to the new stack (adjustsudogs, L885)
 *    before it copies the stack there (memmove, L901).
 *
 * So a second waker, on a channel sellock has not locked yet, can read
 * the new stack's done before the copy (0), win its CAS and ready the G
 * a second time: ready() finds it Gcopystack (17007's report: status 8).
 * The fix, b902a63 (go1.8rc1; go1.7.5's faafe0e): sellock runs on the
 * system stack (select.go L477-478), so no growth while a sudog may
 * still be claimed.
 *
 * Switches: FIXED (b902a63: no growth in sellock; the stack may still
 * grow once sellock holds every channel lock, before pass 3). One select
 * of G0 on two channels, each with one waker (a sender); one stack growth
 * at most. A throw is an assertion, and so is a second winner of the
 * select; the status moves are the modern era's table's.
 */
#include "transitions.pml"

#define Grunnable	1
#define Grunning	2
#define Gwaiting	4
#define Gcopystack	8

#define OLD	0
#define NEW	1

byte status = Grunning;	/* G0, running on its M, about to select */
bit lk[2];		/* each channel's lock */
bit queued[2];		/* G0's sudog on channel c's queue */
bit sd[2];		/* that sudog's selectdone: OLD or NEW stack's done */
bit on_waiting;		/* the sudogs are on gp.waiting (copystack adjusts them) */
byte done[2];		/* the done word on the old and the new stack */
bit stack = OLD;	/* where G0's stack is */
bit grown;		/* one growth at most */
byte readied;		/* how many wakers readied G0 */

#define say(...)	printf(__VA_ARGS__)

inline lock(c)
{
	atomic { lk[c] == 0 -> lk[c] = 1 }
}

inline unlock(c)
{
	lk[c] = 0
}

inline move(who, f, t)
{
	atomic {
		assert(status == f && LEGAL_MODERN(f, t));
		status = t;
		say("MOVE %d G0 %d %d\n", who, f, t)
	}
}

/* newstack + copystack: adjustsudogs before the memmove, as Go 1.7 */
inline grow(who)
{
	move(who, Grunning, Gcopystack);
	atomic {
		if
		:: on_waiting -> sd[0] = NEW; sd[1] = NEW
		:: else -> skip
		fi;
		say("ADJUST %d G0\n", who)
	};
	atomic {
		done[NEW] = done[OLD];
		stack = NEW;
		grown = 1;
		say("COPY %d G0\n", who)
	};
	move(who, Gcopystack, Grunning)
}

/* sellock: lock both channels in lock order; Go 1.7 may grow meanwhile */
inline sellock(who)
{
#ifndef FIXED
	if
	:: !grown -> grow(who)
	:: skip
	fi;
#endif
	lock(0);
#ifndef FIXED
	if
	:: !grown -> grow(who)
	:: skip
	fi;
#endif
	lock(1);
#ifdef FIXED
	/* b902a63: sellock on the system stack; G0's own code may grow it
	 * after, with every channel locked (the fix's comment) */
	if
	:: !grown -> grow(who)
	:: skip
	fi
#endif
}

/* G0 on its M: select { case <-c0: case <-c1: } */
proctype Selector()
{
	byte c;

	/* pass 1 found nothing ready; pass 2: enqueue on both, then park */
	lock(0);
	lock(1);
	atomic {
		done[stack] = 0;
		for (c : 0 .. 1) {
			queued[c] = 1;
			sd[c] = stack
		}
		on_waiting = 1;
		say("ENQUEUE 0 G0\n")
	};
	move(0, Grunning, Gwaiting);	/* gopark */
	unlock(1);			/* selparkcommit */
	unlock(0);
	/* someone woke us up: an M runs G0 again */
	(status == Grunnable);
	move(0, Grunnable, Grunning);
	sellock(0);
	/* pass 3: off the queues of the channels that did not fire */
	atomic {
		for (c : 0 .. 1) {
			queued[c] = 0
		}
		on_waiting = 0;
		say("DEQUEUE 0 G0\n")
	};
	unlock(1);
	unlock(0);
end_sel:
	skip
}

/* A sender on channel @c: dequeue G0's sudog, claim the select, ready G0. */
proctype Waker(byte c)
{
	bit won;

	/* a sender comes once G0 waits on its channel (none may come) */
end_idle:
	(queued[c]);
	lock(c);
	atomic {
		if
		:: queued[c] ->
			queued[c] = 0;
			/* CAS(sg.selectdone, 0, 1) */
			if
			:: done[sd[c]] == 0 -> done[sd[c]] = 1; won = 1
			:: else -> won = 0
			fi;
			say("CLAIM %d G0 %d %d\n", 20 + c, sd[c], won)
		:: else -> won = 0
		fi
	};
	unlock(c);
	if
	:: won ->
		/* goready -> ready: readgstatus, then the throw or the CAS */
		atomic {
			say("READY %d G0 %d\n", 20 + c, status);
			assert(status == Gwaiting);	/* bad g->status in ready */
			status = Grunnable;
			readied++;
			assert(readied == 1);	/* one winner per select */
			say("MOVE %d G0 %d %d\n", 20 + c, Gwaiting, Grunnable)
		}
	:: else -> skip
	fi
end_waker:
	skip
}

init
{
	atomic {
		run Selector();
		run Waker(0);
		run Waker(1)
	}
}
