/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gcsched internals: one struct per runtime concept, named as in Go's
 * runtime (G, M, sched, netpoll, STW), with the rule that protects each
 * field written next to it.
 */
#ifndef _GCSCHED_H
#define _GCSCHED_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/ktime.h>
#include <linux/llist.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/sched/clock.h>
#include <linux/spinlock.h>
#include <linux/timex.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

struct seq_file;
#include <linux/gcsched.h>
#include "counters.h"

#define GCSCHED_VERSION		"0.1.0"
#define GCSCHED_MAX_WORKERS	GCSCHED_WORKERS_GREATEST
#define GCSCHED_RUNQ_SIZE	256	/* as Go's p.runq */
#define GCSCHED_BASE_FRAME	64	/* the netguy frame bigstack() returns to */
#define GCSCHED_TIMESLICE_NS	(10 * NSEC_PER_MSEC)	/* Go's forcePreemptNS */
/*
 * How long an M may take to reach its next safe point: to ack a stop
 * (stw.c), or to park a G that suspendG asked for (preempt.c), before it
 * is a stall or a wedge.
 */
#define GCSCHED_SAFEPOINT_TIMEOUT_MS	10000

/* Short names for the status values, as Go spells them. */
enum {
	Gidle		= GCSCHED_GIDLE,
	Grunnable	= GCSCHED_GRUNNABLE,
	Grunning	= GCSCHED_GRUNNING,
	Gsyscall	= GCSCHED_GSYSCALL,
	Gwaiting	= GCSCHED_GWAITING,
	Gdead		= GCSCHED_GDEAD,
	Gcopystack	= GCSCHED_GCOPYSTACK,
	Gpreempted	= GCSCHED_GPREEMPTED,
	Gscan		= GCSCHED_GSCAN,
};

/* Wait reasons, as the strings of Go's waitReasonStrings. */
enum gcsched_waitreason {
	WAIT_NONE = 0,
	WAIT_IO,		/* "IO wait": parked on the netpoller */
	WAIT_STACK_GROWTH,	/* "stack growth": Go 1.4's newstack */
	WAIT_PREEMPTED,		/* "preempted": suspendG claimed it (preempt.c) */
	WAIT_SELECT,		/* "select": parked in a select (chan.c) */
	WAIT_CHAN_RECEIVE,	/* "chan receive": parked in <-c (chan.c) */
};

/*
 * Poll descriptor states, after Go's pollDesc.rg: pdNil, pdReady, pdWait,
 * and "a G is parked here". Only the G's own M moves NIL -> WAIT -> PARKED
 * and consumes READY; only the netpoller moves PARKED -> NIL (and wakes the
 * G) or WAIT/NIL -> READY (and lets the parking M see it).
 */
enum {
	PD_NIL = 0,
	PD_READY,
	PD_WAIT,
	PD_PARKED,
};

/*
 * struct gcsched_g - a goroutine: a status word, a stack and a connection
 *
 * @atomicstatus is written only through status.c once a thread can see the
 * G (START and the bench set a first value before). The stack (@stack_lo,
 * @stack_size, @sp, frame contents) belongs to whoever "owns" the G in the
 * sense of Go's runtime: the M that set it Grunning, or the party that holds
 * Gcopystack or the Gscan bit; so do @gen and @pc. @goid, @peer and @kind
 * are immutable after START; @schedlink is the run queue's (under sched.lock
 * while queued, the netpoller's own while in its batch). The rest says
 * its rule beside it, or is atomic.
 */
struct gcsched_g {
	atomic_t atomicstatus;
	u32 goid;
	u32 peer;		/* goid of the G at the other end */
	u32 schedlink;		/* next in a run queue, goid + 1; 0 ends it */
	atomic_t rbuf;		/* messages readable on our connection */
	atomic_t pd;		/* PD_*: our read side's poll descriptor */
	atomic_t pollpending;	/* on the netpoller's event list */
	/* Go's gp.preemptStop: suspendG asks, the M running the G consumes
	 * it at a safe point (preempt.c)
	 */
	atomic_t preempt_stop;
	/* 1: the suspendG that asked gave up; its M readies the G (preempt.c) */
	atomic_t preempt_orphan;
	/* enum gcsched_waitreason: the owner's, and the netpoller's as it
	 * makes the G runnable
	 */
	u8 waitreason;
	u8 pc;			/* netguy workload state; owner only */
	u8 kind;		/* enum gcsched_g_kind: what it runs; immutable */
	/* LAST_MAKE() of the last status write, by its writer once its CAS
	 * won (WRITE_ONCE); and about when, its gcsched_stamp(): a word of
	 * its own, which may already be the next write's
	 */
	u64 last;
	u64 last_stamp;
	struct llist_node pollnode;
	/* ktime of the write that posted the G: written by the poster that
	 * set @pollpending, read by the netpoller before it clears it
	 */
	u64 poll_ns;
	u8 *stack_lo;		/* the buffer; the stack grows down from its top */
	u32 stack_size;
	u32 sp;			/* offset of the lowest used byte */
	u32 gen;		/* bigstack() generation, part of the pattern */
	/* the M running it, -1: none; written by that M only while it owns
	 * the G, set before the G turns Grunning and cleared just before it
	 * leaves it (so -1 for a moment while still Grunning); read by
	 * debugfs and by suspendG, to signal that M (preemptM)
	 */
	s16 curm;
	u8 selc;		/* a sender's channel in its group; immutable */
	u8 __pad2;
	u32 sel;		/* selector and senders: the group; immutable */
	/* Go's gp.waiting: the G's sudogs while it is in a select (chan.c);
	 * written by the G's owner, read by whoever owns its stack
	 * (copystack adjusts what they point to)
	 */
	struct gcsched_sudog *waiting;
	u32 depth;		/* selector: frames its select pushed; owner only */
	/*
	 * Go's gp.activeStackChans: sudogs on channels point into our stack,
	 * so a shrink must lock them (Go 1.14 on); set by the parking M in
	 * the park's commit, after the G is Gwaiting, cleared by its owner
	 * when woken; read by the shrinker, racily by design (chan.c)
	 */
	u8 active_stack_chans;
	/* Go's gp.parkingOnChan (eb3c6a9): set from before the park until
	 * its commit, which clears it with release after setting
	 * @active_stack_chans; the shrinker reads it with acquire
	 */
	u8 parking_on_chan;
};

/* What a G runs (sched.c: a step function per kind). */
enum gcsched_g_kind {
	G_NETGUY = 0,	/* the seed's netguy(r, w): a connection pair's end */
	G_SPINNER,	/* for { i++ }: no safe point (spinner.c) */
	G_SELECTOR,	/* for { select { case <-c0: case <-c1: } } (chan.c) */
	G_SENDER,	/* for { c <- v; time.Sleep() } (chan.c) */
	G_NR_KINDS,
};

/*
 * Channels and select (chan.c), after Go 1.7's chan.go and select.go.
 *
 * struct gcsched_chan - an unbuffered channel that only selects receive on
 * @lock: Go's c.lock: protects @recvq and the queued sudogs' @node; a
 *	mutex, since the collector copies a stack under it (syncadjustsudogs)
 * @owner: the actor holding @lock, + 1; 0: none. Written by the holder
 *	under @lock; read without it only to ask "do I hold it?" (a lock
 *	taken twice by one actor is the deadlock of Go issue 16286)
 * @recvq: the sudogs of the selects waiting on it, Go's c.recvq
 * @id: its number in the instance, for reports
 */
struct gcsched_chan {
	struct mutex lock;	/* Go's c.lock: @recvq, queued sudogs' @node */
	u32 owner;
	u32 id;
	struct list_head recvq;
};

/*
 * struct gcsched_sudog - a G waiting on one channel, Go's sudog
 * @g: the selecting G; immutable
 * @c: the channel; set by @g's owner before the sudog is queued
 * @elem: where a sender puts the value, on @g's stack, or NULL: set by
 *	@g's owner before the sudog is queued; the sender writes through it
 *	and clears it under @c's lock; copystack moves it (adjustsudogs),
 *	under @c's lock or, in go1.15's window, without (chan.c)
 * @selectdone: the select's done word, on @g's stack: a waker claims the
 *	select by a CAS 0 -> 1 on it (chan.go, dequeue). Set by @g's owner
 *	before the sudog is queued; moved by copystack (adjustsudogs), by
 *	the owner in a growth or under @c's lock in a shrink; a waker uses
 *	it under @c's lock
 * @node: in @c->recvq, under @c->lock; empty when not queued
 * @waitlink: the next of @g's sudogs (gp.waiting), in lock order; set by
 *	@g's owner before the sudogs are queued
 */
struct gcsched_sudog {
	struct gcsched_g *g;
	struct gcsched_chan *c;
	u64 *elem;
	u64 *selectdone;
	struct list_head node;
	struct gcsched_sudog *waitlink;
};

/*
 * struct gcsched_select - one select group: a G selecting on two channels,
 * the sudogs of its select, and a sender G per channel (goids: selector,
 * sender of c[0], sender of c[1]). With GCSCHED_CFG_SELECT_DUP both
 * sudogs are on c[0].
 */
struct gcsched_select {
	struct gcsched_chan c[2];
	struct gcsched_sudog sg[2];
};

/*
 * The select frame's word that holds done (or a receive's v); frame_ok()
 * checks words 0, 1 and the last, and the smallest frame_size, 32, has 4.
 */
#define GCSCHED_SELECT_DONE_WORD	2
static_assert(GCSCHED_SELECT_DONE_WORD > 1 &&
	      GCSCHED_SELECT_DONE_WORD < 32 / sizeof(u64) - 1);

/* What the budget charges per G besides its stack. */
#define GCSCHED_G_COST	sizeof(struct gcsched_g)

/*
 * What the allocator spends per allocation beyond its rounded size where
 * that matters: KASAN's redzone and metadata, and the kmemleak object
 * that shadows every allocation. On the debug kernel a 512-byte stack
 * took 1.26 KiB of slab (seen at the OOM that charging only the size let
 * happen there). mem.c charges it on every counted allocation (scratch buffers are not).
 */
#define GCSCHED_ALLOC_OVERHEAD						\
	((IS_ENABLED(CONFIG_KASAN) ? 256 : 0) +				\
	 (IS_ENABLED(CONFIG_DEBUG_KMEMLEAK) ? 512 : 0))

/* P status for stop-the-world, as Go's _Prunning, _Pidle, _Pgcstop. */
enum { P_RUNNING = 0, P_IDLE, P_GCSTOP };
/* gcsched_p.status: the P_* state in the low two bits, the epoch above. */
#define P_STATE(s)	((s) & 3)
#define P_EPOCH(s)	((unsigned long)(s) >> 2)
#define P_MAKE(e, st)	((long)(((e) << 2) | (st)))

/*
 * struct gcsched_p - a stop-the-world participant's status, Go's p.status
 * @status: P_* in the low two bits, the stop's epoch above them (gcstop);
 *	see stw.c for who may change it when
 */
struct gcsched_p {
	atomic_long_t status;
};

/*
 * struct gcsched_m - a worker kthread, Go's M together with its P
 * @runq is Go's p.runq: only this M puts, any M may steal, all under
 * @runq_lock.
 */
struct gcsched_m {
	struct gcsched_instance *inst;
	struct task_struct *thread;
	struct task_struct *gchelper;	/* for id 1..gc_procs-1: gc.c */
	u32 id;
	/* 1: a preemption signal is pending (preemptM, spinner.c): set by
	 * a stop or a suspendG, consumed by the M's own G in a tight loop
	 */
	atomic_t sigpreempt;
	struct gcsched_p p;
	struct rnd_state rnd;
	spinlock_t runq_lock;	/* protects runqhead, runqtail, runq */
	u32 runqhead;		/* protected by runq_lock */
	u32 runqtail;		/* protected by runq_lock */
	u32 runq[GCSCHED_RUNQ_SIZE];
};

/*
 * struct gcsched_remains - what STOP leaves to be freed
 * @work: the teardown, on the module's workqueue (instance.c)
 * @allg: the Gs, with their stacks
 * @nr_gs: how many
 * @allm: the Ms
 * @nr_ms: how many
 * @pool: the instance's pooled free stacks, by log2 of their size
 *
 * Allocated at START, so that STOP never allocates; freed by a work item,
 * because freeing a million stacks takes a second that STOP and close(),
 * which cannot be interrupted, must not spend. Everything in it stays
 * charged to the budget until it is freed. Owned by nobody but the work.
 */
struct gcsched_remains {
	struct work_struct work;
	struct gcsched_g *allg;
	u32 nr_gs;
	u32 nr_ms;
	struct gcsched_m *allm;
	struct gcsched_select *selects;
	u32 nr_selects;
	u8 *pool[32];
};

/*
 * The timeline (timeline.c): a ring of GCSCHED_TL_RING events per possible
 * CPU. Only its CPU writes a ring, with preemption off; readers copy it
 * and check @head again for what was overwritten meanwhile.
 */
#define GCSCHED_TL_RING		1024	/* events per CPU, a power of two */

/**
 * struct gcsched_tl_slot - an event as a ring keeps it
 * @stamp: gcsched_stamp() when it happened
 * @ev: the event; its ns is filled in at read time
 */
struct gcsched_tl_slot {
	u64 stamp;
	struct gcsched_tl_event ev;
};

/**
 * struct gcsched_tl_ring - one CPU's ring
 * @head: events written to it; written by its CPU (WRITE_ONCE, after the
 *	slot, smp_wmb()), read by anyone
 * @slot: the last GCSCHED_TL_RING of them
 */
struct gcsched_tl_ring {
	u64 head;
	struct gcsched_tl_slot slot[GCSCHED_TL_RING];
} ____cacheline_aligned;
static_assert(sizeof(struct gcsched_tl_event) == 32);

/* Hot counters, per CPU, summed by STATS (the list: counters.h). */
struct gcsched_pcpu {
	GCSCHED_PCPU_FIELDS
	u64 transitions[GCSCHED_NR_SLOTS][GCSCHED_NR_SLOTS];
	u64 spin_hist[GCSCHED_HIST_BUCKETS];
	u64 spin_total_ns;		/* the spins' sum, for HIST */
};

#define gstat_inc(inst, field)		this_cpu_inc((inst)->pcpu->field)
#define gstat_add(inst, field, v)	this_cpu_add((inst)->pcpu->field, (v))

/* The transition table a policy follows (status.c). */
enum gcsched_era { GCSCHED_ERA_GO14, GCSCHED_ERA_MODERN, GCSCHED_NR_ERAS };

struct gcsched_instance;

struct gcsched_gc_work;

/**
 * struct gcsched_policy_ops - what one runtime does differently (policy.c)
 * @era: the transition table its statuses follow
 * @markroot: the collector's work on one G's stack: Go 1.4's shrink, stopg,
 *	scanstack, restartg, or modern's suspendG, scanstack (which shrinks
 *	first), resumeG (gc.c)
 * @concurrent_mark: markroot runs while the world runs, between two short
 *	stops (modern's gcStart and gcMarkDone); false: inside the one stop
 * @grow_status: the status newstack gives a G while its stack grows:
 *	Gwaiting "stack growth" (Go 1.4) or Gcopystack (modern)
 * @copy_lock: copystack's status step: move a Gwaiting or Grunnable G to
 *	Gcopystack, saying which it was in *@oldstatus; NULL if the caller
 *	already owns the stack (modern)
 * @waiting_throw: casgstatus throws "waiting for Gwaiting but is
 *	Grunnable", the check 2b62e1e added: every runtime since (for the
 *	one before, the throw_check flag adds it)
 * @netpoll_model: the enum gcsched_netpoll_model that 0 stands for
 * @async_preempt: a stop or a suspendG also signals the M (preemptM), which
 *	stops a G in a loop with no safe point (spinner.c): Go since 1.14
 * @select_grow_in_sellock: a woken select re-locks its channels on the G's
 *	own stack, which may grow while its sudogs can still be claimed (Go
 *	1.7; b902a63 moved sellock to the system stack)
 * @shrink_locks_once: the concurrent shrink's syncadjustsudogs locks each
 *	distinct channel once (84bb9e6); without, once per sudog
 * @shrink_sync_if_active: the concurrent shrink locks the channels only
 *	if the G's activeStackChans is set (Go 1.14's 36a432f); without, it
 *	always locks them (Go 1.7 to 1.13)
 * @parking_on_chan: isShrinkStackSafe refuses a G between its park on a
 *	channel and the park's commit (eb3c6a9, Go 1.16, go1.15.3)
 */
struct gcsched_policy_ops {
	enum gcsched_era era;
	int (*markroot)(struct gcsched_instance *inst, struct gcsched_g *gp,
			struct gcsched_gc_work *w, u16 actor);
	bool concurrent_mark;
	u32 grow_status;
	int (*copy_lock)(struct gcsched_instance *inst, struct gcsched_g *gp,
			 u16 actor, u32 *oldstatus);
	bool waiting_throw;
	u32 netpoll_model;
	bool async_preempt;
	bool select_grow_in_sellock;
	bool shrink_locks_once;
	bool shrink_sync_if_active;
	bool parking_on_chan;
};

/*
 * What a cycle's markroot did, as the GC command reports it: each thread
 * counts its own share, and the shares are added under mark.lock. The
 * collector alone counts @wakeups_stw, once the world runs again.
 */
struct gcsched_gc_work {
	u32 scanned;		/* Gs scanned */
	u32 scanned_stw;	/* of which while the world was stopped */
	u32 shrunk;		/* stacks shrunk */
	u64 copied;		/* bytes their copies moved */
	u64 wakeups_stw;	/* netpoll wakeups while the world was stopped */
	u64 shrink_stamps;	/* gcsched_stamp() time spent shrinking */
};

/*
 * struct gcsched_instance - one runtime, one open() of /dev/gcsched
 *
 * @ioctl_lock serializes ioctls, hence START, STOP and CONFIGURE: the
 * arrays below exist exactly while @threads_live is true, and so do the
 * threads, except in the bench's instance, which has none
 * (gcsched_start_threadless()); only a holder of @ioctl_lock creates or
 * destroys them. The threads
 * themselves never take @ioctl_lock.
 *
 * Lock order (an arrow: the right one may be taken while holding the
 * left, never the other way):
 *
 *   ioctl_lock -> stw.gc_lock -> mark.lock | stackpool.lock | report_lock
 *   ioctl_lock -> stackpool.lock | report_lock | runq_lock (debugfs)
 *
 * The spinlocks (report_lock, stackpool.lock, sched.lock, runq_lock,
 * mark.lock) never nest in one another; the kthreads take only
 * stw.gc_lock (the collector) and spinlocks. gcsched_instances_lock
 * (debugfs.c) nests in nothing and holds nothing. debugfs file removal
 * waits for readers, who may hold ioctl_lock: it runs without it.
 */
struct gcsched_instance {
	u32 id;
	pid_t opener_pid;
	char opener_comm[16];
	struct list_head node;		/* in gcsched_instances, under its lock */
	struct dentry *debugfs;		/* our directory in debugfs */
	atomic_t fail_nth;		/* >0: that allocation fails (mem.c) */
	atomic_t inject_wake;		/* 1: a wake under a casgstatus (status.c) */
	atomic_t forced_done;		/* CFG_FORCED's wakeup was made (status.c) */

	struct mutex ioctl_lock;	/* serializes ioctls, see above */
	struct gcsched_config cfg;	/* under ioctl_lock; fixed while running */
	const struct gcsched_policy_ops *policy;	/* cfg.policy's; set by START */
	bool threads_live;		/* under ioctl_lock */

	atomic_t state;			/* enum gcsched_state */
	atomic_t dying;			/* STOP asked the threads to finish */
	wait_queue_head_t report_wq;	/* poll(): the state became terminal */
	spinlock_t report_lock;		/* protects report */
	struct gcsched_report report;

	u64 start_ns;			/* local_clock() when the world started */
	u64 start_stamp;		/* gcsched_stamp() then */
	u64 stop_ns;			/* local_clock() of STOP, 0 running */

	/* The Gs and Ms; immutable while running. */
	u32 nr_gs;
	u32 nr_ms;
	struct gcsched_g *allg;
	struct gcsched_m *allm;
	/* the select groups (chan.c), cfg.nr_selects of them */
	struct gcsched_select *selects;
	struct gcsched_remains *remains; /* under ioctl_lock; for STOP */
	u64 threads_charged;		/* under ioctl_lock: the threads' charge */
	atomic64_t stack_bytes;		/* bytes of stacks, pooled ones too */
	atomic64_t stack_given_back;	/* bytes the pool freed to make room */
	struct {
		spinlock_t lock;	/* protects free and nr_free */
		u8 *free[32];		/* free stacks by log2 of their size */
		u32 nr_free[32];	/* how many on each list (debugfs) */
	} stackpool;
	u64 stack_limit;		/* max_stack_mib, in bytes */

	/* Go's sched: the global run queue. */
	struct {
		spinlock_t lock;	/* sched.lock: protects head, tail, size */
		u32 head;		/* goid + 1; 0: empty */
		u32 tail;
		u32 size;
		wait_queue_head_t idle_wq; /* idle Ms wait here for work */
	} sched;

	/* The network poller. */
	struct {
		struct task_struct *thread;
		struct llist_head events;	/* Gs whose connection is readable */
		wait_queue_head_t wq;
		struct gcsched_p p;	/* with netpoll_stw_stop */
		/* the netpoller's own: the stop of its last batch that woke a G */
		unsigned long stw_epoch;
	} netpoll;

	/*
	 * Stop-the-world (stw.c). @gc_lock is Go's worldsema: one stopper at
	 * a time, and only the holder writes @epoch and @done_epoch, except
	 * gcsched_stw_reset() while no thread runs (instance creation, START).
	 */
	struct {
		struct mutex gc_lock;	/* worldsema: one stopper */
		atomic_t stopping;	/* a stop is asked for or in force */
		atomic_long_t pending;	/* epoch << 8 | participants yet to
					 * ack (stw.c)
					 */
		unsigned long epoch;	/* the stop asked for last */
		unsigned long done_epoch; /* the last stop the world left */
		wait_queue_head_t ack_wq;	/* the stopper waits here */
		wait_queue_head_t start_wq;	/* stopped participants wait here */
		u32 participants;
		/* test only (debugfs stw_ack_delay_us): gcsched_stw_park() */
		atomic_t ack_delay_us;
	} stw;

	/*
	 * markroot's parallel part, Go 1.4's work.markfor: the collector and
	 * its gchelper threads take Gs from @next until none are left or one
	 * of them failed. The collector writes @next, @err and the sums under
	 * gc_lock before it sets @busy; a helper joins a cycle only by raising
	 * a non-zero @busy and leaves it by lowering it, so that a helper that
	 * is late, or stopping, is never waited for.
	 */
	struct {
		atomic_t next;		/* the next G to take */
		atomic_t busy;		/* threads working on the cycle */
		atomic_t err;		/* the cycle's first error, or 0 */
		/* bumped per cycle with helpers (gc_procs > 1), under gc_lock */
		unsigned long gen;
		spinlock_t lock;	/* protects @sum */
		struct gcsched_gc_work sum;	/* every thread's share, added */
		wait_queue_head_t help_wq;	/* helpers wait for a cycle */
		wait_queue_head_t done_wq;	/* the collector waits for busy 0 */
	} mark;

	/* The GC. */
	struct task_struct *gc_thread;
	wait_queue_head_t gc_wq;	/* the interval collector sleeps here */
	atomic64_t gc_cycle;		/* cycles begun */
	u64 gc_cycles;			/* cycles completed; under gc_lock */
	/* under gc_lock (zeroed under ioctl_lock at START), read racily by STATS */
	u64 pause_total_ns;
	u64 pause_last_ns;
	u64 pause_max_ns;
	u64 pause_hist[GCSCHED_HIST_BUCKETS];
	/* each cycle's enum gcsched_phase durations (ns), as pause_hist */
	u64 phase_hist[GCSCHED_NR_PHASES][GCSCHED_HIST_BUCKETS];
	u64 phase_total_ns[GCSCHED_NR_PHASES];
	u64 phase_max_ns[GCSCHED_NR_PHASES];
	/* modern's concurrent marks (gc.c), as pause_* */
	u64 mark_total_ns;
	u64 mark_max_ns;
	u64 mark_hist[GCSCHED_HIST_BUCKETS];
	u64 stw2_total_ns;		/* modern's mark termination stops */
	atomic64_t spin_max_ns;
	atomic64_t stw_stalls;
	u64 final_by_status[GCSCHED_NR_SLOTS];	/* Gs by status at STOP */

	struct gcsched_pcpu __percpu *pcpu;

	/*
	 * The timeline: @rings (nr_cpu_ids of them, NULL when off) are
	 * allocated by START and freed by the next START or the instance's
	 * end, under ioctl_lock, so that the frozen window of a failure
	 * stays readable after STOP. @frozen: set once by the first report
	 * (report_lock), read by every writer.
	 */
	struct {
		struct gcsched_tl_ring *rings;
		atomic_t frozen;
		/* at the freeze, under report_lock: the rate a frozen window's
		 * stamps are read at, the same at every read
		 */
		u64 freeze_ns;
		u64 freeze_stamp;
	} tl;
};

/* mem.c */
extern atomic_long_t gcsched_live_objs;
extern atomic_long_t gcsched_live_bytes;
extern unsigned long gcsched_mem_budget;
void *gcsched_alloc(struct gcsched_instance *inst, size_t size);
void *gcsched_alloc_why(struct gcsched_instance *inst, size_t size, int *why);
void *gcsched_scratch_alloc(size_t size);
void gcsched_scratch_free(void *p, size_t size);
void gcsched_free(void *p, size_t size);
bool gcsched_charge(size_t bytes);
void gcsched_uncharge(size_t bytes);
bool gcsched_mem_fits(u64 bytes);
size_t gcsched_charge_of(size_t size);
unsigned long gcsched_mem_charged_bytes(void);
int gcsched_mem_init(void);
void gcsched_mem_exit(void);
void *gcsched_stack_mem_alloc(struct gcsched_instance *inst, size_t size,
			      int *why);
u32 gcsched_stack_mem_alloc_bulk(struct gcsched_instance *inst, size_t size,
				 u32 n, void **p, int *why);
void gcsched_stack_mem_free(void *p, size_t size);
void gcsched_stack_mem_free_bulk(size_t size, u32 n, void **p);

/* main.c */
extern unsigned int gcsched_max_tasks;
extern unsigned int gcsched_max_stack_mib;
extern unsigned int gcsched_max_instances;
extern unsigned int gcsched_max_mem_mib;
int gcsched_id_alloc(void);
void gcsched_id_free(u32 id);

/* config.c */
void gcsched_config_defaults(struct gcsched_config *cfg);
int gcsched_config_check(struct gcsched_config *in);
u32 gcsched_thread_cost(void);
u64 gcsched_config_threads_bytes(const struct gcsched_config *cfg);
u64 gcsched_config_nr_gs(const struct gcsched_config *cfg);
u64 gcsched_config_need(const struct gcsched_config *cfg);
u64 gcsched_instance_bytes(void);

/* gc.c and preempt.c: each era's markroot, and what modern's needs */
int gcsched_markroot_go14(struct gcsched_instance *inst, struct gcsched_g *gp,
			  struct gcsched_gc_work *w, u16 actor);
int gcsched_markroot_modern(struct gcsched_instance *inst,
			    struct gcsched_g *gp, struct gcsched_gc_work *w,
			    u16 actor);

/**
 * struct gcsched_suspendg_state - what suspendG returns, Go's suspendGState
 * @dead: the G is Gdead: nothing to scan, nothing to resume
 * @stopped: suspendG stopped it (claimed a Gpreempted G): resumeG readies it
 * @status: the status it holds with Gscan
 */
struct gcsched_suspendg_state {
	bool dead;
	bool stopped;
	u32 status;
};

int gcsched_suspendg(struct gcsched_instance *inst, struct gcsched_g *gp,
		     u16 actor, struct gcsched_suspendg_state *st);
int gcsched_resumeg(struct gcsched_instance *inst, struct gcsched_g *gp,
		    const struct gcsched_suspendg_state *st, u16 actor);
bool gcsched_preempt_requested(struct gcsched_g *gp);
int gcsched_preempt_park(struct gcsched_instance *inst, struct gcsched_g *gp,
			 u16 actor);

/* policy.c */
extern const struct gcsched_policy_ops gcsched_policies[GCSCHED_NR_POLICIES];
const char *gcsched_policy_name(u32 policy);

/* instance.c */
int gcsched_teardown_init(void);
void gcsched_teardown_exit(void);
void gcsched_teardown_flush(void);
struct gcsched_instance *gcsched_instance_create(void);
void gcsched_instance_destroy(struct gcsched_instance *inst);
int gcsched_configure(struct gcsched_instance *inst, struct gcsched_config *cfg);
int gcsched_start(struct gcsched_instance *inst);
int gcsched_start_threadless(struct gcsched_instance *inst);
int gcsched_stop(struct gcsched_instance *inst);
int gcsched_state_check(struct gcsched_instance *inst);

/* stats.c */
void gcsched_stats_reset(struct gcsched_instance *inst);
void gcsched_count_by_status(struct gcsched_instance *inst, u64 *by_status);
void gcsched_get_stats(struct gcsched_instance *inst, struct gcsched_stats *st);
void gcsched_get_hist(struct gcsched_instance *inst, u32 kind,
		      struct gcsched_hist *h);

/* rt.c */
extern bool gcsched_stamp_is_clock;

/**
 * gcsched_stamp() - a timestamp for the hot path, in the cheapest unit
 *
 * The CPU's cycle counter (get_cycles(): the TSC on x86), which costs a
 * fraction of local_clock()'s TSC read, scaling and preemption toggle; or
 * local_clock() where the architecture has no counter. Only
 * gcsched_stamp_ns() makes sense of it.
 *
 * Context: any.
 * Return: the stamp.
 */
static inline u64 gcsched_stamp(void)
{
	return gcsched_stamp_is_clock ? local_clock() : get_cycles();
}

void gcsched_stamp_init(void);
u64 gcsched_stamp_ns(struct gcsched_instance *inst, u64 stamp);
u64 gcsched_stamp_scale(u64 span, s64 ns_run, s64 cyc_run);
u64 gcsched_stamp_span_ns(struct gcsched_instance *inst, u64 span);
u64 gcsched_now(struct gcsched_instance *inst);
bool gcsched_should_quit(struct gcsched_instance *inst);
void gcsched_park_until_stop(void);

/* status.c */
u32 readgstatus(struct gcsched_g *gp);
void gcsched_status_init(struct gcsched_g *gp);
int casgstatus(struct gcsched_instance *inst, struct gcsched_g *gp,
	       u32 oldval, u32 newval, u16 actor);
bool castogscanstatus(struct gcsched_instance *inst, struct gcsched_g *gp,
		      u32 oldval, u32 newval, u16 actor);
int casfrom_Gscanstatus(struct gcsched_instance *inst, struct gcsched_g *gp,
			u32 oldval, u32 newval, u16 actor);
int casgcopystack(struct gcsched_instance *inst, struct gcsched_g *gp,
		  u16 actor, u32 *oldstatus);
int casGToPreemptScan(struct gcsched_instance *inst, struct gcsched_g *gp,
		      u16 actor);
bool casGFromPreempted(struct gcsched_instance *inst, struct gcsched_g *gp,
		       u16 actor);
void gcsched_race_window(struct gcsched_instance *inst);
void gcsched_forced_window(struct gcsched_instance *inst, struct gcsched_g *gp,
			   u32 old);
int gcsched_status_slot(u32 status);
const char *gcsched_status_name(u32 status);
int gcsched_spin_wait(struct gcsched_instance *inst, struct gcsched_g *gp,
		      u64 *spin_start, u32 expected, u16 actor, const char *fn);
int gcsched_spin_wait_for(struct gcsched_instance *inst, struct gcsched_g *gp,
			  u64 *spin_start, u32 expected, u16 actor,
			  const char *fn, u64 timeout_ns);
void gcsched_spin_done(struct gcsched_instance *inst, u64 spin_start);

#define ACTOR(kind, id)	((u16)(((kind) << 8) | ((id) & 0xff)))
#define ACTOR_KIND(a)	((u32)(a) >> 8)		/* enum gcsched_actor */
#define ACTOR_ID(a)	((u32)(a) & 0xff)		/* the M's number */

/*
 * A G's last status write, packed in one word so that a reader never
 * pairs one writer's actor with another's statuses: actor << 32 | from <<
 * 16 | to (a status with Gscan fits 16 bits).
 */
#define LAST_MAKE(actor, from, to)	((u64)(actor) << 32 | (u64)(from) << 16 | (to))
#define LAST_ACTOR(l)			((u16)((l) >> 32))
#define LAST_FROM(l)			((u32)((l) >> 16) & 0xffff)
#define LAST_TO(l)			((u32)(l) & 0xffff)

/* report.c */
void gcsched_throw(struct gcsched_instance *inst, struct gcsched_g *gp,
		   u32 expected, u16 actor, const char *fn, const char *msg);
void gcsched_throw_seen(struct gcsched_instance *inst, struct gcsched_g *gp,
			u32 seen, u32 expected, u16 actor, const char *fn,
			const char *msg);
void gcsched_wedge(struct gcsched_instance *inst, struct gcsched_g *gp,
		   u32 expected, u16 actor, const char *fn, u64 spin_ns);
void gcsched_stw_stall(struct gcsched_instance *inst, u32 unacked,
		       struct gcsched_g *gp);
void gcsched_deadlock(struct gcsched_instance *inst, struct gcsched_g *gp,
		      u16 actor, const char *fn, const char *msg);
void gcsched_report_reset(struct gcsched_instance *inst);

/* stack.c */
/* First stacks START allocates at once (gcsched_stack_init()). */
#define GCSCHED_STACK_BATCH	32
int gcsched_stack_init(struct gcsched_instance *inst, struct gcsched_g *gp,
		       u32 n);
void gcsched_stacks_hand_over(struct gcsched_instance *inst,
			      struct gcsched_remains *r);
void gcsched_remains_free_stacks(struct gcsched_remains *r);
int gcsched_bigstack(struct gcsched_instance *inst, struct gcsched_g *gp,
		     u16 actor);
int gcsched_copystack(struct gcsched_instance *inst, struct gcsched_g *gp,
		      u32 newsize, bool sync, u16 actor);
int gcsched_stack_verify(struct gcsched_instance *inst, struct gcsched_g *gp,
			 u16 actor);
int gcsched_shrinkstack(struct gcsched_instance *inst, struct gcsched_g *gp,
			u16 actor, u64 *copied);
int gcsched_stack_push(struct gcsched_instance *inst, struct gcsched_g *gp,
		       u32 idx, u16 actor);
int gcsched_stack_pop(struct gcsched_instance *inst, struct gcsched_g *gp,
		      u32 idx, u16 actor, const char *fn);
u64 *gcsched_stack_top_word(struct gcsched_instance *inst,
			    struct gcsched_g *gp, u32 word);

/* sched.c */
void gcsched_sched_init(struct gcsched_instance *inst);
void gcsched_globrunqputbatch(struct gcsched_instance *inst, u32 head,
			      u32 tail, u32 n);
void gcsched_runqput(struct gcsched_m *mp, struct gcsched_g *gp);
struct gcsched_g *gcsched_runqget(struct gcsched_m *mp);
int gcsched_worker(void *arg);

/* netpoll.c */
void gcsched_netpoll_post(struct gcsched_instance *inst, struct gcsched_g *gp);
void gcsched_netpoll_post_early(struct gcsched_instance *inst,
				struct gcsched_g *gp, u64 early);
int gcsched_netpoll_block(struct gcsched_m *mp, struct gcsched_g *gp);
int gcsched_netpoller(void *arg);

/* stw.c */
void gcsched_stw_init(struct gcsched_instance *inst);
void gcsched_stw_reset(struct gcsched_instance *inst);
int gcsched_stop_the_world(struct gcsched_instance *inst);
void gcsched_start_the_world(struct gcsched_instance *inst);
bool gcsched_stw_requested(struct gcsched_instance *inst, struct gcsched_p *p);
void gcsched_stw_park(struct gcsched_instance *inst, struct gcsched_p *p);
void gcsched_p_idle(struct gcsched_instance *inst, struct gcsched_p *p);
bool gcsched_p_resume(struct gcsched_instance *inst, struct gcsched_p *p);
bool gcsched_world_stopped(struct gcsched_instance *inst);

/* debugfs.c */
void gcsched_debugfs_init(void);
void gcsched_debugfs_exit(void);
void gcsched_debugfs_add(struct gcsched_instance *inst);
void gcsched_debugfs_remove(struct gcsched_instance *inst);

/* chan.c */
int gcsched_selects_create(struct gcsched_instance *inst);
void gcsched_selects_free(struct gcsched_select *s, u32 n);
void gcsched_select_gs_init(struct gcsched_instance *inst, struct gcsched_g *gp);
int gcsched_selector_step(struct gcsched_m *mp, struct gcsched_g *gp);
int gcsched_sender_step(struct gcsched_m *mp, struct gcsched_g *gp);
int gcsched_adjustsudogs(struct gcsched_instance *inst, struct gcsched_g *gp,
			 long delta, bool sync, u16 actor);
void gcsched_sudogs_unlock(struct gcsched_instance *inst, struct gcsched_g *gp);
bool gcsched_shrink_locks_chans(struct gcsched_instance *inst,
				struct gcsched_g *gp);
int gcsched_adjustsudogs_unlocked(struct gcsched_instance *inst,
				  struct gcsched_g *gp, long delta, bool shrink,
				  u16 actor);
void gcsched_sudogs_quiesce(struct gcsched_instance *inst, struct gcsched_g *gp);
void gcsched_sudogs_move_back(struct gcsched_instance *inst,
			      struct gcsched_g *gp, long delta);

/* spinner.c */
int gcsched_spinner_step(struct gcsched_m *mp, struct gcsched_g *gp);
void gcsched_preempt_m(struct gcsched_instance *inst, struct gcsched_m *mp);
void gcsched_preempt_all(struct gcsched_instance *inst);

/* timeline.c */
int gcsched_tl_start(struct gcsched_instance *inst);
void gcsched_tl_free(struct gcsched_instance *inst);
int gcsched_tl_query(struct gcsched_instance *inst,
		     struct gcsched_timeline_query *q);
/**
 * struct gcsched_tl_snap - a read of the timeline (gcsched_tl_read())
 * @s: the slots copied, by stamp
 * @first: the window's first: before it, some ring is not whole
 * @n: slots in @s
 * @total: events recorded since START
 */
struct gcsched_tl_snap {
	struct gcsched_tl_slot *s;
	size_t first;
	size_t n;
	u64 total;
};

int gcsched_tl_read(struct gcsched_instance *inst, struct gcsched_tl_snap *sn);
void gcsched_tl_done(struct gcsched_tl_snap *sn);
u64 gcsched_tl_bytes(void);

/**
 * gcsched_tl_add() - record an event on the timeline, if it is kept
 * @inst: the instance
 * @stamp: gcsched_stamp() of the event
 * @kind: enum gcsched_tl_kind
 * @goid: the G, or 0
 * @actor: who
 * @from: as struct gcsched_tl_event says
 * @to: as struct gcsched_tl_event says
 * @arg: as struct gcsched_tl_event says
 *
 * A slot is written, then (smp_wmb()) the ring's head moves past it: a
 * reader that reads the head, then (smp_rmb()) the slots, then the head
 * again, knows which slots it read whole (timeline.c).
 *
 * Context: task context, or with interrupts off (report()), never from an
 * interrupt handler: one writer per CPU, preemption off for the write;
 * does not sleep.
 */
static __always_inline void gcsched_tl_add(struct gcsched_instance *inst,
					   u64 stamp, u8 kind, u32 goid,
					   u16 actor, u16 from, u16 to, u32 arg)
{
	struct gcsched_tl_ring *r = inst->tl.rings;
	struct gcsched_tl_slot *s;
	u32 cpu;
	u64 h;

	if (!r)
		return;
	cpu = get_cpu();
	/* with preemption off: a freeze waits for no writer but the ones
	 * already past this check (timeline.c drops their late events)
	 */
	if (atomic_read(&inst->tl.frozen))
		goto out;
	r += cpu;
	h = r->head;
	s = &r->slot[h & (GCSCHED_TL_RING - 1)];
	smp_wmb();	/* the last head before this slot's new contents */
	s->stamp = stamp;
	s->ev.goid = goid;
	s->ev.actor = actor;
	s->ev.kind = kind;
	s->ev.cpu = cpu;
	s->ev.from = from;
	s->ev.to = to;
	s->ev.arg = arg;
	smp_wmb();	/* the slot before the head that shows it */
	WRITE_ONCE(r->head, h + 1);
out:
	put_cpu();
}

/* bench.c */
int gcsched_bench(struct seq_file *m, u32 iters);
#define GCSCHED_BENCH_STEPS	6
void gcsched_bench_casgstatus_steps(struct gcsched_instance *inst,
				    struct gcsched_g *gp, u16 actor, u32 iters,
				    u64 *ns);
int gcsched_bench_alloc(struct seq_file *m, u32 mib);
int gcsched_kcsan_canary(struct seq_file *m);

/* gc.c */
int gcsched_gc_cycle(struct gcsched_instance *inst, struct gcsched_gc *out);
int gcsched_gc_command(struct gcsched_instance *inst, struct gcsched_gc *out);
int gcsched_gc_thread(void *arg);
int gcsched_gchelper(void *arg);
void gcsched_mark_init(struct gcsched_instance *inst);

static inline struct gcsched_g *gcsched_g(struct gcsched_instance *inst,
					  u32 goid)
{
	return &inst->allg[goid];
}

#endif /* _GCSCHED_H */
