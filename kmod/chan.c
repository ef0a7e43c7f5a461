// SPDX-License-Identifier: GPL-2.0
/*
 * Channels and select: the select-grow (Go issue 17007) and dup-chan-shrink
 * (16286) scenarios' Gs, after Go's code just before 17007's fix, read at
 * b902a63^ in uber-research/go (Go 1.8 development; go1.7's code is the
 * same in these places, its stack.go lines 30 lower):
 *
 *	for { select { case <-c0: case <-c1: } }	// the selector
 *	for { c0 <- v; time.Sleep(d) }			// a sender per channel
 *
 * select.go, selectgo: pass 1 locks the channels (sellock, in lock
 * order, each once) and finds none ready; pass 2 sets done = 0 in its own
 * frame (L388), points each case's sudog at it (selectdone, L399), queues
 * the sudogs on the channels and on gp.waiting, and parks
 * (gopark(selparkcommit), L423), which unlocks the channels once the G is
 * Gwaiting. A sender dequeues a sudog under its channel's lock and claims
 * the select by atomic.Cas(sgp.selectdone, 0, 1) (chan.go, dequeue,
 * L714-716); the winner readies the G (goready: ready() throws "bad
 * g->status in ready" unless the G is Gwaiting, proc.go L561-563), a
 * loser drops the sudog. Woken, the selector locks its channels again
 * (sellock, L426), dequeues the sudogs the other senders left (pass 3)
 * and unlocks.
 *
 * The race: in Go 1.7 that second sellock runs on the G's stack, whose
 * growth (newstack, Grunning -> Gcopystack -> Grunning) moves the sudogs'
 * selectdone to the new stack before it copies the stack there
 * (stack.go, copystack: adjustsudogs L885, memmove L901). A sender on a
 * channel not locked yet CASes the new, zero word, wins, and readies the
 * G a second time: ready() finds it Gcopystack (or Grunning, if the copy
 * is done) and throws. (A second waker slow enough to find the G parked
 * in its next select readies it without a throw: a spurious wakeup, which
 * the model does not detect.) The fix, b902a63 (go1.7.5's faafe0e, Go 1.8):
 * sellock on the system stack, so no growth while a sudog can be claimed
 * (policy: select_grow_in_sellock off).
 *
 * The collector shrinks a selector's stack while it waits, concurrently:
 * copystack(gp, newsize, false) locks the G's channels around the move
 * of the sudogs and the copy (syncadjustsudogs, stack.go L777-819, from
 * 276b1777, go1.7beta1). Before 84bb9e6 (go1.7rc1) it locked each
 * sudog's channel, so a select naming one channel twice locked it twice:
 * the collector deadlocked (16286; policy: shrink_locks_once off). A real
 * lock would hang the kthread; here a lock knows its holder, and taking
 * it again is reported as the deadlock it would be.
 *
 * chan-park-shrink (40641), with GCSCHED_CFG_CHAN_RECV: the group's G
 * receives, v := <-c0 (chan.go, chanrecv at eb3c6a9^): its sudog's elem
 * points at v on its stack, and the G parks while holding c0's lock,
 * gopark(chanparkcommit): Gwaiting first (proc.go, park_m), then the
 * commit sets gp.activeStackChans and unlocks. A sender writes the value
 * through elem (sendDirect), clears elem and readies the G, which throws
 * "runtime: sudog with non-nil elem" in releaseSudog if elem is set.
 * From Go 1.14 (36a432f) a concurrent shrink locks the channels only if
 * activeStackChans is set; in the window between the park and its commit
 * it moves elem without the lock (adjustpointer: read, then write back),
 * and a sender that clears elem in between has it set again. eb3c6a9
 * (go1.15.3, Go 1.16) marks the window (gp.parkingOnChan) and
 * isShrinkStackSafe refuses it (policy parking_on_chan).
 *
 * Differences from Go: channels are unbuffered and only the group's G
 * receives (no sendq: a send with no receiver is dropped, as select with a
 * default); a sender sleeps between sends on the netpoller, as a timer
 * (a random time up to netpoll_delay_ns); the select frame's caller depth is random, which is
 * where a stack boundary falls; modern Go (since 1.11) keeps the select's
 * done word in the G (gp.selectDone) rather than on its stack, where the
 * model keeps b902a63's shape for modern too.
 */
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/prandom.h>

#include "gcsched.h"

/* What a selector does next: its workload state. */
enum { SEL_SELECT = 0, SEL_WOKEN };

/* The value a sender sends on @c: the receiver knows what to expect. */
#define CHAN_VALUE(c)	(0x5e4d000000000000ULL | (c)->id)

/* The most caller frames above which a select is made. */
#define SEL_MAX_CALLERS	62

/*
 * lock(&c.lock), for the actor @actor. A runtime lock taken again by its
 * holder never returns: reported as a deadlock, and not taken.
 *
 * Return: 0 with the lock held, or -EDEADLK.
 */
static int chan_lock(struct gcsched_instance *inst, struct gcsched_chan *c,
		     struct gcsched_g *gp, unsigned int subclass, u16 actor,
		     const char *fn)
{
	char msg[96];

	/* Only the holder wrote its own name there. */
	if (READ_ONCE(c->owner) == (u32)actor + 1) {
		snprintf(msg, sizeof(msg),
			 "%s: lock of chan %u, held by its caller: all goroutines hang",
			 fn, c->id);
		gcsched_deadlock(inst, gp, actor, fn, msg);
		return -EDEADLK;
	}
	mutex_lock_nested(&c->lock, subclass);
	WRITE_ONCE(c->owner, (u32)actor + 1);
	return 0;
}

static void chan_unlock(struct gcsched_chan *c)
{
	WRITE_ONCE(c->owner, 0);
	mutex_unlock(&c->lock);
}

static struct gcsched_select *sel_of(struct gcsched_instance *inst,
				     struct gcsched_g *gp)
{
	return &inst->selects[gp->sel];
}

/* The distinct channels of a select, in lock order: 1 or 2. */
static u32 sel_nchans(struct gcsched_instance *inst)
{
	return inst->cfg.flags & GCSCHED_CFG_SELECT_DUP ? 1 : 2;
}

/* sellock: each distinct channel once, in lock order (select.go). */
static void sellock(struct gcsched_instance *inst, struct gcsched_select *s,
		    u16 actor)
{
	u32 i;

	for (i = 0; i < sel_nchans(inst); i++) {
		mutex_lock_nested(&s->c[i].lock, i);
		WRITE_ONCE(s->c[i].owner, (u32)actor + 1);
	}
}

static void selunlock(struct gcsched_instance *inst, struct gcsched_select *s)
{
	u32 i = sel_nchans(inst);

	while (i--)
		chan_unlock(&s->c[i]);
}

/* adjustpointer: a sudog pointer into the stack moves with it; NULL stays */
static void move_ptr(u64 **pp, long delta)
{
	u64 *p = READ_ONCE(*pp);

	if (p)
		WRITE_ONCE(*pp, (u64 *)((u8 *)p + delta));
}

/**
 * gcsched_sudogs_move_back() - undo a move of the sudogs, the copy failed
 * @inst: the instance
 * @gp: the G, its sudogs moved by @delta into a stack about to be released
 * @delta: how far they were moved
 *
 * Under each channel's lock, so that no sender uses a pointer into the
 * released stack.
 *
 * Context: the owner of @gp's stack, holding no channel's lock; may sleep.
 */
void gcsched_sudogs_move_back(struct gcsched_instance *inst,
			      struct gcsched_g *gp, long delta)
{
	struct gcsched_sudog *sg;

	for (sg = gp->waiting; sg; sg = sg->waitlink) {
		mutex_lock(&sg->c->lock);
		move_ptr(&sg->selectdone, -delta);
		move_ptr(&sg->elem, -delta);
		mutex_unlock(&sg->c->lock);
	}
}

/**
 * gcsched_sudogs_quiesce() - wait out the wakers that may hold an old pointer
 * @inst: the instance
 * @gp: the G, its sudogs just moved by a growth (gcsched_adjustsudogs(),
 *	sync), its new stack in place of the old
 *
 * A waker reads a sudog's selectdone under its channel's lock; a growth
 * moved it without that lock, so a waker may still be about to CAS the
 * old stack, which must not be freed under it. Taking and dropping each
 * channel's lock waits for such a waker. Not Go's (whose old stack stays
 * memory of the heap): the kernel's safety, not the model's.
 *
 * Context: the owner of @gp's stack (its M growing it, or a shrinker),
 * holding no channel's lock: a growth runs before sellock, a shrink
 * outside syncadjustsudogs; may sleep.
 */
void gcsched_sudogs_quiesce(struct gcsched_instance *inst, struct gcsched_g *gp)
{
	struct gcsched_sudog *sg;

	for (sg = gp->waiting; sg; sg = sg->waitlink) {
		mutex_lock(&sg->c->lock);
		mutex_unlock(&sg->c->lock);
	}
}

/**
 * gcsched_adjustsudogs() - move a G's sudogs' pointers into its stack
 * @inst: the instance
 * @gp: the G, its stack owned by the caller, gp->waiting not NULL
 * @delta: how far the stack moves
 * @sync: the G's M grows it: move the pointers only (adjustsudogs); else
 *	the collector shrinks it: first lock the channels (syncadjustsudogs),
 *	which gcsched_sudogs_unlock() unlocks after the copy
 * @actor: who copies
 *
 * Context: the owner of @gp's stack; may sleep (!@sync); takes
 * report_lock on a deadlock.
 * Return: 0; -EDEADLK after a deadlock report, nothing left locked.
 */
int gcsched_adjustsudogs(struct gcsched_instance *inst, struct gcsched_g *gp,
			 long delta, bool sync, u16 actor)
{
	struct gcsched_chan *lastc = NULL;
	struct gcsched_sudog *sg, *held;
	u32 sub = 0;
	int ret;

	for (sg = gp->waiting; sg && !sync; sg = sg->waitlink) {
		/* 84bb9e6: the sudogs are in lock order; lock each once */
		if (inst->policy->shrink_locks_once && sg->c == lastc)
			continue;
		ret = chan_lock(inst, sg->c, gp, sub++, actor,
				"syncadjustsudogs");
		if (ret)
			goto unlock_taken;
		lastc = sg->c;
	}
	for (sg = gp->waiting; sg; sg = sg->waitlink) {
		move_ptr(&sg->selectdone, delta);
		move_ptr(&sg->elem, delta);
	}
	return 0;

unlock_taken:
	/* Release what this call took: the channels before @sg. */
	lastc = NULL;
	for (held = gp->waiting; held != sg; held = held->waitlink) {
		if (held->c != lastc)
			chan_unlock(held->c);
		lastc = held->c;
	}
	return ret;
}

/**
 * gcsched_shrink_locks_chans() - does a shrink of @gp lock its channels?
 * @inst: the instance
 * @gp: the G, its stack held by the shrinker, its sudogs linked
 *
 * Go 1.7 to 1.13: always (copystack(gp, newsize, false) ran
 * syncadjustsudogs). Since 36a432f (Go 1.14): only if the G's
 * activeStackChans is set (stack.go, copystack).
 *
 * Context: the shrinker.
 * Return: true if it locks them (gcsched_adjustsudogs(), !sync).
 */
bool gcsched_shrink_locks_chans(struct gcsched_instance *inst,
				struct gcsched_g *gp)
{
	return !inst->policy->shrink_sync_if_active ||
	       READ_ONCE(gp->active_stack_chans);
}

/**
 * gcsched_adjustsudogs_unlocked() - adjustsudogs by a shrinker, no lock
 * @inst: the instance
 * @gp: the G, its stack held by the shrinker, activeStackChans unset
 * @delta: how far the stack moves
 * @shrink: the stack gets smaller
 * @actor: the shrinker
 *
 * Go 1.14's copystack for a G without activeStackChans: adjustpointer on
 * each sudog's elem, a read and a write back with nothing between it and
 * a sender that clears elem under the channel's lock: the write puts
 * back a pointer the sender had cleared (40641). race_window_ns widens
 * the gap. eb3c6a9's defensive check is kept where its isShrinkStackSafe
 * is (policy parking_on_chan): "racy sudog adjustment due to parking on
 * channel" (stack.go L870 after it).
 *
 * Context: the shrinker; may sleep (the window).
 * Return: 0, or -EPROTO after a throw.
 */
int gcsched_adjustsudogs_unlocked(struct gcsched_instance *inst,
				  struct gcsched_g *gp, long delta, bool shrink,
				  u16 actor)
{
	struct gcsched_sudog *sg;
	bool racy = false;

	if (inst->policy->parking_on_chan && shrink) {
		/* acquire: pairs with the release in the park's commit */
		racy = smp_load_acquire(&gp->parking_on_chan);
	}
	if (racy) {
		gcsched_throw(inst, gp, Gwaiting, actor, "copystack",
			      "racy sudog adjustment due to parking on channel");
		return -EPROTO;
	}
	for (sg = gp->waiting; sg; sg = sg->waitlink) {
		u64 *p = READ_ONCE(sg->elem);

		/* no waker here: the G is parking */
		move_ptr(&sg->selectdone, delta);
		if (!p)
			continue;
		gcsched_race_window(inst);
		WRITE_ONCE(sg->elem, (u64 *)((u8 *)p + delta));
	}
	gstat_inc(inst, chan_unlocked_shrinks);
	return 0;
}

/**
 * gcsched_sudogs_unlock() - unlock what gcsched_adjustsudogs() locked
 * @inst: the instance
 * @gp: the G, as gcsched_adjustsudogs() left it (!sync, 0 returned)
 *
 * Context: the collector or a helper, after the copy.
 */
void gcsched_sudogs_unlock(struct gcsched_instance *inst, struct gcsched_g *gp)
{
	struct gcsched_chan *lastc = NULL;
	struct gcsched_sudog *sg;

	for (sg = gp->waiting; sg; sg = sg->waitlink) {
		if (sg->c != lastc)
			chan_unlock(sg->c);
		lastc = sg->c;
	}
}

/*
 * The select: its caller frames, the select frame with done = 0 in it,
 * pass 1 (lock), pass 2 (queue the sudogs) and the park, whose commit
 * unlocks the channels once the G is Gwaiting (selparkcommit).
 */
/*
 * The channel operation's caller frames, a random number of them, and its
 * own frame on top (gp->depth in all), whose word GCSCHED_SELECT_DONE_WORD
 * is its local, zeroed, at *@local: select's done, or the received v.
 */
static int push_callers(struct gcsched_m *mp, struct gcsched_g *gp, u16 actor,
			u64 **local)
{
	struct gcsched_instance *inst = mp->inst;
	u32 depth = inst->cfg.bigstack_depth, callers = 0, i;
	int ret;

	/*
	 * INV_SELECT_FRAMES: callers + the operation's frame + sellock's
	 * frame <= max(bigstack_depth, 2) frames, which fit stack_max.
	 */
	if (depth > 2)
		callers = prandom_u32_state(&mp->rnd) %
			  (min_t(u32, depth - 2, SEL_MAX_CALLERS) + 1);
	gp->gen++;
	for (i = 1; i <= callers + 1; i++) {
		ret = gcsched_stack_push(inst, gp, i, actor);
		if (ret)
			return ret;
	}
	gp->depth = callers + 1;
	*local = gcsched_stack_top_word(inst, gp, GCSCHED_SELECT_DONE_WORD);
	WRITE_ONCE(**local, 0);
	return 0;
}

/* Return through the frames push_callers() pushed; the step is done. */
static int pop_callers(struct gcsched_m *mp, struct gcsched_g *gp, u16 actor,
		       const char *fn)
{
	struct gcsched_instance *inst = mp->inst;
	int ret;
	u32 i;

	for (i = gp->depth; i >= 1; i--) {
		ret = gcsched_stack_pop(inst, gp, i, actor, fn);
		if (ret)
			return ret;
	}
	gp->depth = 0;
	gp->pc = SEL_SELECT;
	gstat_inc(inst, selects);
	return 0;
}

static int selectgo_park(struct gcsched_m *mp, struct gcsched_g *gp)
{
	struct gcsched_instance *inst = mp->inst;
	struct gcsched_select *s = sel_of(inst, gp);
	u16 actor = ACTOR(GCSCHED_ACTOR_WORKER, mp->id);
	bool dup = inst->cfg.flags & GCSCHED_CFG_SELECT_DUP;
	u64 *done;
	int ret;
	u32 i;

	ret = push_callers(mp, gp, actor, &done);
	if (ret)
		return ret;

	sellock(inst, s, actor);
	for (i = 0; i < 2; i++) {
		struct gcsched_sudog *sg = &s->sg[i];

		sg->c = &s->c[dup ? 0 : i];
		sg->elem = NULL;
		sg->selectdone = done;
		sg->waitlink = i ? NULL : &s->sg[1];
		list_add_tail(&sg->node, &sg->c->recvq);
	}
	gp->waiting = &s->sg[0];
	WRITE_ONCE(gp->parking_on_chan, 1);	/* eb3c6a9 covers select too */
	gp->waitreason = WAIT_SELECT;
	gp->pc = SEL_WOKEN;
	WRITE_ONCE(gp->curm, -1);	/* dropg, before another M can run it */
	ret = casgstatus(inst, gp, Grunning, Gwaiting, actor);
	/* selparkcommit: from the unlock on, a sender may ready the G */
	WRITE_ONCE(gp->active_stack_chans, 1);
	/* release: who reads it clear sees activeStackChans set */
	smp_store_release(&gp->parking_on_chan, 0);
	selunlock(inst, s);
	return ret ? ret : 1;
}

/*
 * Woken: sellock again (on the G's stack in Go 1.7, where it may grow),
 * pass 3 (dequeue the sudogs still queued), unlock, and return from the
 * select through its frames.
 */
static int selectgo_woken(struct gcsched_m *mp, struct gcsched_g *gp)
{
	struct gcsched_instance *inst = mp->inst;
	struct gcsched_select *s = sel_of(inst, gp);
	u16 actor = ACTOR(GCSCHED_ACTOR_WORKER, mp->id);
	bool on_stack = inst->policy->select_grow_in_sellock;
	struct gcsched_sudog *sg;
	int ret;

	if (on_stack) {
		/* sellock's frame: its prologue may grow the stack */
		ret = gcsched_stack_push(inst, gp, gp->depth + 1, actor);
		if (ret)
			return ret;
	}
	sellock(inst, s, actor);
	if (on_stack) {
		ret = gcsched_stack_pop(inst, gp, gp->depth + 1, actor, "sellock");
		if (ret)
			goto unlock;
	}
	for (sg = gp->waiting; sg; sg = sg->waitlink) {
		if (!list_empty(&sg->node))
			list_del_init(&sg->node);	/* dequeueSudoG */
		sg->selectdone = NULL;
	}
	gp->waiting = NULL;
	WRITE_ONCE(gp->active_stack_chans, 0);
	selunlock(inst, s);
	return pop_callers(mp, gp, actor, "selectgo");

unlock:
	selunlock(inst, s);
	return ret;
}

/*
 * v := <-c0: the caller frames, v in the top one, the sudog queued with
 * elem = &v, and the park: Gwaiting, then (chanparkcommit)
 * activeStackChans set and c0 unlocked. Go's window, widened by
 * race_window_ns, is between the two.
 */
static int chanrecv_park(struct gcsched_m *mp, struct gcsched_g *gp)
{
	struct gcsched_instance *inst = mp->inst;
	struct gcsched_select *s = sel_of(inst, gp);
	struct gcsched_sudog *sg = &s->sg[0];
	u16 actor = ACTOR(GCSCHED_ACTOR_WORKER, mp->id);
	u64 *v;
	int ret;

	ret = push_callers(mp, gp, actor, &v);
	if (ret)
		return ret;

	ret = chan_lock(inst, &s->c[0], gp, 0, actor, "chanrecv");
	if (ret)
		return ret;
	sg->c = &s->c[0];
	sg->elem = v;
	sg->selectdone = NULL;
	sg->waitlink = NULL;
	list_add_tail(&sg->node, &sg->c->recvq);
	gp->waiting = sg;
	/* eb3c6a9: an unsafe point for shrinking, until the commit */
	WRITE_ONCE(gp->parking_on_chan, 1);
	gp->waitreason = WAIT_CHAN_RECEIVE;
	gp->pc = SEL_WOKEN;
	WRITE_ONCE(gp->curm, -1);
	ret = casgstatus(inst, gp, Grunning, Gwaiting, actor);
	/* park_m: Gwaiting; its unlockf, chanparkcommit, comes after */
	if (!ret)
		gcsched_race_window(inst);
	WRITE_ONCE(gp->active_stack_chans, 1);
	/* release: who reads it clear sees activeStackChans set */
	smp_store_release(&gp->parking_on_chan, 0);
	chan_unlock(&s->c[0]);
	return ret ? ret : 1;
}

/*
 * Woken: releaseSudog throws on an elem the sender did not leave cleared;
 * then v must be what was sent (Go would go on with a lost value: here it
 * is reported), and the frames are returned through.
 */
static int chanrecv_woken(struct gcsched_m *mp, struct gcsched_g *gp)
{
	struct gcsched_instance *inst = mp->inst;
	struct gcsched_select *s = sel_of(inst, gp);
	struct gcsched_sudog *sg = &s->sg[0];
	u16 actor = ACTOR(GCSCHED_ACTOR_WORKER, mp->id);
	u64 v;

	gp->waiting = NULL;
	WRITE_ONCE(gp->active_stack_chans, 0);
	/* releaseSudog (proc.go): the sender must have cleared it */
	if (READ_ONCE(sg->elem)) {
		gcsched_throw(inst, gp, Grunning, actor, "releaseSudog",
			      "runtime: sudog with non-nil elem");
		return -EPROTO;
	}
	v = READ_ONCE(*gcsched_stack_top_word(inst, gp, GCSCHED_SELECT_DONE_WORD));
	if (v != CHAN_VALUE(&s->c[0])) {
		gcsched_throw(inst, gp, Grunning, actor, "chanrecv",
			      "chanrecv: the value sent is not on the receiver's stack");
		return -EPROTO;
	}
	return pop_callers(mp, gp, actor, "chanrecv");
}

/**
 * gcsched_selector_step() - one select of a G_SELECTOR G
 * @mp: the M
 * @gp: the G, Grunning on @mp
 *
 * Context: the M's kthread; may sleep; takes the G's channels' locks.
 * Return: 0 when the select is done (the G still running), 1 when it
 * parked, or a negative error.
 */
int gcsched_selector_step(struct gcsched_m *mp, struct gcsched_g *gp)
{
	bool recv = mp->inst->cfg.flags & GCSCHED_CFG_CHAN_RECV;

	if (gp->pc == SEL_SELECT)
		return recv ? chanrecv_park(mp, gp) : selectgo_park(mp, gp);
	return recv ? chanrecv_woken(mp, gp) : selectgo_woken(mp, gp);
}

/*
 * goready -> ready (proc.go L561-563 at b902a63^): only a Gwaiting G is
 * readied; anything else is a second wakeup.
 */
static int chan_ready(struct gcsched_m *mp, struct gcsched_g *gp, u16 actor)
{
	struct gcsched_instance *inst = mp->inst;
	u32 s = readgstatus(gp);
	int ret;

	if ((s & ~Gscan) != Gwaiting) {
		/* dumpgstatus(gp): the status it found, in the report */
		gcsched_throw_seen(inst, gp, s, Gwaiting, actor, "ready",
				   "bad g->status in ready");
		return -EPROTO;
	}
	ret = casgstatus(inst, gp, Gwaiting, Grunnable, actor);
	if (ret)
		return ret;
	gp->waitreason = WAIT_NONE;
	gcsched_runqput(mp, gp);
	return 0;
}

/**
 * gcsched_sender_step() - one send of a G_SENDER G, then its sleep
 * @mp: the M
 * @gp: the G, Grunning on @mp
 *
 * c <- v with a select waiting: dequeue its sudog and claim the select
 * (chan.go, dequeue: the CAS on selectdone; a sudog whose select another
 * sender claimed is dropped), unlock, ready the G. With none, the value
 * is dropped. Then sleep up to netpoll_delay_ns: post ourselves to the
 * netpoller and park until it wakes us.
 *
 * Context: the M's kthread; may sleep; takes the channel's lock.
 * Return: 0 if the G still runs, 1 if it sleeps, or a negative error.
 */
int gcsched_sender_step(struct gcsched_m *mp, struct gcsched_g *gp)
{
	struct gcsched_instance *inst = mp->inst;
	struct gcsched_chan *c = &sel_of(inst, gp)->c[gp->selc];
	u16 actor = ACTOR(GCSCHED_ACTOR_WORKER, mp->id);
	struct gcsched_sudog *sg;
	struct gcsched_g *sgp = NULL;
	int ret;

	ret = chan_lock(inst, c, gp, 0, actor, "chansend");
	if (ret)
		return ret;
	while ((sg = list_first_entry_or_null(&c->recvq, struct gcsched_sudog,
					      node))) {
		u64 *done = READ_ONCE(sg->selectdone), *ep;

		list_del_init(&sg->node);
		if (done && cmpxchg64(done, 0, 1) != 0)
			continue;	/* a select another sender claimed */
		/* sendDirect, then sg.elem = nil (chan.go, send) */
		ep = READ_ONCE(sg->elem);
		if (ep)
			WRITE_ONCE(*ep, CHAN_VALUE(c));
		WRITE_ONCE(sg->elem, NULL);
		sgp = sg->g;
		break;
	}
	chan_unlock(c);
	if (sgp) {
		gstat_inc(inst, select_wakes);
		ret = chan_ready(mp, sgp, actor);
		if (ret)
			return ret;
	}
	/*
	 * time.Sleep(a random time up to netpoll_delay_ns), on the netpoller
	 * as a timer: a fixed period would lock the sends to the receiver's
	 * park, which the previous send started
	 */
	gcsched_netpoll_post_early(inst, gp,
				   prandom_u32_state(&mp->rnd) %
				   (inst->cfg.netpoll_delay_ns + 1));
	return gcsched_netpoll_block(mp, gp);
}

/**
 * gcsched_select_gs_init() - make @gp a select group's G
 * @inst: the instance, its selects created
 * @gp: the G, goid past the pairs and the spinners
 *
 * Context: START, before any thread sees the G.
 */
void gcsched_select_gs_init(struct gcsched_instance *inst, struct gcsched_g *gp)
{
	u32 k = gp->goid - inst->cfg.nr_pairs * 2 - inst->cfg.nr_spinners;

	gp->sel = k / 3;
	gp->peer = gp->goid;
	if (k % 3 == 0) {
		gp->kind = G_SELECTOR;
		inst->selects[gp->sel].sg[0].g = gp;
		inst->selects[gp->sel].sg[1].g = gp;
	} else {
		gp->kind = G_SENDER;
		gp->selc = k % 3 - 1;
	}
}

/**
 * gcsched_selects_create() - the select groups of a START
 * @inst: the instance, holding ioctl_lock, no thread running
 *
 * Context: START; may sleep.
 * Return: 0, or the allocation's error (-ENOSPC, -ENOMEM).
 */
int gcsched_selects_create(struct gcsched_instance *inst)
{
	u32 n = inst->cfg.nr_selects, i, j;
	int ret;

	lockdep_assert_held(&inst->ioctl_lock);
	inst->selects = NULL;
	if (!n)
		return 0;
	inst->selects = gcsched_alloc_why(inst, array_size(n, sizeof(*inst->selects)),
					  &ret);
	if (!inst->selects)
		return ret;
	for (i = 0; i < n; i++) {
		struct gcsched_select *s = &inst->selects[i];

		for (j = 0; j < 2; j++) {
			mutex_init(&s->c[j].lock);
			s->c[j].id = 2 * i + j;
			INIT_LIST_HEAD(&s->c[j].recvq);
			INIT_LIST_HEAD(&s->sg[j].node);
		}
	}
	return 0;
}

/**
 * gcsched_selects_free() - free select groups no thread uses any more
 * @s: the groups, or NULL
 * @n: how many
 *
 * Context: process context.
 */
void gcsched_selects_free(struct gcsched_select *s, u32 n)
{
	u32 i;

	if (!s)
		return;
	for (i = 0; i < n; i++) {
		mutex_destroy(&s[i].c[0].lock);
		mutex_destroy(&s[i].c[1].lock);
	}
	gcsched_free(s, array_size(n, sizeof(*s)));
}
