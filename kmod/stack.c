// SPDX-License-Identifier: GPL-2.0
/*
 * G stacks: real buffers that grow down, filled by the workload's
 * bigstack() with frames an emulated traceback can walk and check.
 *
 * A frame is frame_size bytes: word 0 links to the caller's frame (an
 * emulated frame pointer, an absolute address inside the stack), word 1
 * and the last word hold a pattern derived from (G, frame index,
 * generation). The base frame, the netguy loop's own, sits at the top and
 * links to nothing.
 *
 * copystack() moves a stack as Go's does: copy the used part, then adjust
 * every frame link by the distance the stack moved (adjustpointers). A copy
 * that does not verify, or a frame found wrong when bigstack() returns
 * through it, is stack corruption: two parties touched one stack at once.
 */
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "gcsched.h"
#include "gcsched_trace.h"

static inline u64 frame_pattern(const struct gcsched_g *gp, u32 idx, u32 gen)
{
	u64 x = ((u64)gp->goid << 32 | idx) ^ ((u64)gen << 17);

	return x * 0x9e3779b97f4a7c15ULL | 1;
}

static inline u32 frame_words(struct gcsched_instance *inst)
{
	return inst->cfg.frame_size / sizeof(u64);
}

/*
 * Stack memory comes from a per-instance pool of free stacks, one list per
 * power of two, as Go's stackpool: a GC that shrinks a hundred stacks per
 * cycle must not spend its pause in the page allocator. A free stack's
 * first word links it to the next. Pooled stacks stay counted in
 * stack_bytes, so the limit covers them; STOP gives them all back.
 *
 * Go pools only stacks under 32 KiB (src/runtime/stack.c at 2b62e1e,
 * stackalloc/stackfree: n < FixedStack << NumStackOrders && n <
 * StackCacheSize); a larger one is a span of its own, which the heap
 * reuses. Here every size is pooled, since allocating and zeroing a large
 * stack anew after every shrink cost the collector two thirds of its
 * cycles (make bench, go1.4-fixed: 68 vs 175 GC cycles/s). What that
 * costs instead: a pool keeps each size a G grew through, so live stacks
 * that fit max_stack_mib (or the module's budget) could be refused for the
 * pooled ones; an allocation that finds the limit full gives pooled stacks
 * back, largest first, until it fits (pool_give_back()). So an allocation
 * fails only when the live stacks alone leave no room.
 */
/* Take a stack off the list of 2^@order bytes; NULL if it is empty. */
static u8 *pool_pop(struct gcsched_instance *inst, u32 order)
{
	u8 *p = inst->stackpool.free[order];

	lockdep_assert_held(&inst->stackpool.lock);
	if (p) {
		inst->stackpool.free[order] = *(u8 **)p;
		inst->stackpool.nr_free[order]--;
	}
	return p;
}

/* Free the largest pooled stack. Return: false if the pool was empty. */
static bool pool_give_back(struct gcsched_instance *inst)
{
	int order;
	u8 *p = NULL;

	spin_lock(&inst->stackpool.lock);
	for (order = ARRAY_SIZE(inst->stackpool.free) - 1; order >= 0; order--) {
		p = pool_pop(inst, order);
		if (p)
			break;
	}
	spin_unlock(&inst->stackpool.lock);
	if (!p)
		return false;
	gcsched_stack_mem_free(p, 1UL << order);
	atomic64_sub(1UL << order, &inst->stack_bytes);
	atomic64_add(1UL << order, &inst->stack_given_back);
	return true;
}

/*
 * On failure *@why is -ENOSPC (the budget), -E2BIG (max_stack_mib) or
 * -ENOMEM (the kernel, or fail_nth: not retried, so an injected failure
 * is the one the caller sees).
 */
static u8 *stack_alloc(struct gcsched_instance *inst, u32 size, int *why)
{
	u32 order = ilog2(size);
	u8 *p;

	spin_lock(&inst->stackpool.lock);
	p = pool_pop(inst, order);
	spin_unlock(&inst->stackpool.lock);
	if (p)
		return p;

	do {
		*why = -E2BIG;
		if (atomic64_add_return(size, &inst->stack_bytes) <= inst->stack_limit) {
			p = gcsched_stack_mem_alloc(inst, size, why);
			if (p)
				return p;
		}
		atomic64_sub(size, &inst->stack_bytes);
	} while (*why != -ENOMEM && pool_give_back(inst));
	return NULL;
}

static void stack_release(struct gcsched_instance *inst, u8 *p, u32 size)
{
	u32 order = ilog2(size);

	spin_lock(&inst->stackpool.lock);
	*(u8 **)p = inst->stackpool.free[order];
	inst->stackpool.free[order] = p;
	inst->stackpool.nr_free[order]++;
	spin_unlock(&inst->stackpool.lock);
}

/**
 * gcsched_stacks_hand_over() - give every stack of an instance to its remains
 * @inst: the instance; the caller holds ioctl_lock and no thread runs
 * @r: the remains, which already hold the Gs
 *
 * The pooled stacks move to @r; the Gs' own stacks go with the Gs. The
 * instance's stack_bytes starts again from zero: what @r holds is charged
 * to the module's budget until gcsched_remains_free_stacks(), no longer to
 * the instance's max_stack_mib.
 *
 * Context: holds ioctl_lock, no thread of the instance runs; takes
 * stackpool.lock.
 */
void gcsched_stacks_hand_over(struct gcsched_instance *inst,
			      struct gcsched_remains *r)
{
	lockdep_assert_held(&inst->ioctl_lock);
	BUILD_BUG_ON(sizeof(r->pool) != sizeof(inst->stackpool.free));
	/* No thread runs, but debugfs stats may be reading the counts. */
	spin_lock(&inst->stackpool.lock);
	memcpy(r->pool, inst->stackpool.free, sizeof(r->pool));
	memset(inst->stackpool.free, 0, sizeof(inst->stackpool.free));
	memset(inst->stackpool.nr_free, 0, sizeof(inst->stackpool.nr_free));
	spin_unlock(&inst->stackpool.lock);
	atomic64_set(&inst->stack_bytes, 0);
}

/* Stacks of one size on their way to gcsched_stack_mem_free_bulk(). */
struct stack_batch {
	u32 size;
	u32 n;
	void *p[GCSCHED_STACK_BATCH];
};

static void batch_flush(struct stack_batch *b)
{
	gcsched_stack_mem_free_bulk(b->size, b->n, b->p);
	b->n = 0;
}

static void batch_free(struct stack_batch *b, void *p, u32 size)
{
	if (b->n && (b->size != size || b->n == ARRAY_SIZE(b->p)))
		batch_flush(b);
	b->size = size;
	b->p[b->n++] = p;
}

/**
 * gcsched_remains_free_stacks() - free the stacks of a stopped runtime
 * @r: the remains, owned by the caller
 *
 * Context: process context, may sleep; yields every so often, since a
 * million stacks take about a second.
 */
void gcsched_remains_free_stacks(struct gcsched_remains *r)
{
	struct stack_batch b = {};
	u32 i, order;
	u8 *p;

	for (i = 0; r->allg && i < r->nr_gs; i++) {
		struct gcsched_g *gp = &r->allg[i];

		if (gp->stack_lo)
			batch_free(&b, gp->stack_lo, gp->stack_size);
		gp->stack_lo = NULL;
		if (!(i % 1024))
			cond_resched();
	}
	for (order = 0; order < ARRAY_SIZE(r->pool); order++) {
		while ((p = r->pool[order])) {
			r->pool[order] = *(u8 **)p;
			batch_free(&b, p, 1UL << order);
			cond_resched();
		}
	}
	batch_flush(&b);
}

/*
 * A frame's words that carry meaning: the link, the pattern at word 1 and
 * the pattern again in the last word. Go zeroes a frame's locals; writing
 * the two ends is enough for a copy that loses or shifts a frame to show.
 */
static void frame_write(u64 *f, u32 nwords, u64 link, u64 pat)
{
	f[0] = link;
	f[1] = pat + 1;
	f[nwords - 1] = pat + nwords - 1;
}

static bool frame_ok(const u64 *f, u32 nwords, u64 link, u64 pat)
{
	return f[0] == link && f[1] == pat + 1 &&
	       f[nwords - 1] == pat + nwords - 1;
}

static int corrupt(struct gcsched_instance *inst, struct gcsched_g *gp,
		   u16 actor, const char *fn)
{
	gstat_inc(inst, verify_failures);
	gcsched_throw(inst, gp, readgstatus(gp), actor, fn,
		      "stack corruption: frame pattern or link mismatch");
	return -EPROTO;
}

/* A new G's first stack, @size bytes at gp->stack_lo: its base frame. */
static void stack_give(struct gcsched_g *gp, u32 size)
{
	gp->stack_size = size;
	gp->sp = size - GCSCHED_BASE_FRAME;
	frame_write((u64 *)(gp->stack_lo + gp->sp),
		    GCSCHED_BASE_FRAME / sizeof(u64), 0,
		    frame_pattern(gp, 0, 0));
}

static int stack_init(struct gcsched_instance *inst, struct gcsched_g *gp)
{
	u32 size = inst->cfg.stack_min;
	int ret;

	gp->stack_lo = stack_alloc(inst, size, &ret);
	if (!gp->stack_lo)
		return ret;
	stack_give(gp, size);
	return 0;
}

/**
 * gcsched_stack_init() - give new Gs their first stacks and base frames
 * @inst: the instance
 * @gp: the first of the Gs, not yet visible to any thread
 * @n: how many, at most GCSCHED_STACK_BATCH
 *
 * In one batch where it can (gcsched_stack_mem_alloc_bulk()), one by one
 * where the batch would pass max_stack_mib, so that the Gs that fit get
 * their stacks as they would one at a time. On failure some of the Gs
 * may have a stack and the rest none; START's abort frees them.
 *
 * Context: holds ioctl_lock (START), before any thread sees the Gs; may
 * sleep; takes stackpool.lock.
 * Return: 0; -ENOSPC if the module's budget had no room, -E2BIG if the
 * instance's max_stack_mib, -ENOMEM if the allocator.
 */
int gcsched_stack_init(struct gcsched_instance *inst, struct gcsched_g *gp,
		       u32 n)
{
	u32 size = inst->cfg.stack_min, got, i;
	void *p[GCSCHED_STACK_BATCH];
	int ret = 0;

	lockdep_assert_held(&inst->ioctl_lock);
	if (WARN_ON_ONCE(n > ARRAY_SIZE(p)))
		return -EINVAL;
	if (atomic64_add_return((u64)n * size, &inst->stack_bytes) >
	    inst->stack_limit) {
		atomic64_sub((u64)n * size, &inst->stack_bytes);
		for (i = 0; i < n && !ret; i++)
			ret = stack_init(inst, gp + i);
		return ret;
	}
	got = gcsched_stack_mem_alloc_bulk(inst, size, n, p, &ret);
	atomic64_sub((u64)(n - got) * size, &inst->stack_bytes);
	for (i = 0; i < got; i++) {
		gp[i].stack_lo = p[i];
		stack_give(gp + i, size);
	}
	return got < n ? ret : 0;
}

/*
 * Walk the frames of a stack from @sp up to the base frame, checking each
 * pattern and link as a traceback would. The frame index follows from the
 * offset, so a frame in the wrong place fails too. @delta is added to each
 * link before it is followed: 0 for a stack at rest, the move distance for
 * a copy being adjusted (adjustpointers), in which case links are rewritten.
 */
static int walk_frames(struct gcsched_instance *inst, struct gcsched_g *gp,
		       u8 *lo, u32 size, u32 sp, long delta)
{
	u32 nw = frame_words(inst), fs = inst->cfg.frame_size;
	u32 base = size - GCSCHED_BASE_FRAME;
	u32 off = sp;
	u64 *f;

	while (off < base) {
		u32 idx = (base - off) / fs;
		u64 link;

		if ((base - off) % fs)
			return -EPROTO;
		f = (u64 *)(lo + off);
		if (delta)
			f[0] += delta;
		link = (u64)(unsigned long)(lo + off + fs);
		if (!frame_ok(f, nw, link, frame_pattern(gp, idx, gp->gen)))
			return -EPROTO;
		off += fs;
	}
	f = (u64 *)(lo + base);
	if (!frame_ok(f, GCSCHED_BASE_FRAME / sizeof(u64), 0,
		      frame_pattern(gp, 0, 0)))
		return -EPROTO;
	return 0;
}

/**
 * gcsched_stack_verify() - walk and check a G's whole stack
 * @inst: the instance
 * @gp: the G; the caller owns its stack (Gscan, Gcopystack or Grunning)
 * @actor: who checks, for the report
 *
 * Context: the owner of @gp's stack; does not sleep; takes report_lock on a
 * throw.
 * Return: 0, or -EPROTO after a "stack corruption" throw.
 */
int gcsched_stack_verify(struct gcsched_instance *inst, struct gcsched_g *gp,
			 u16 actor)
{
	if (inst->cfg.flags & GCSCHED_CFG_NO_VERIFY)
		return 0;
	gstat_inc(inst, verifications);
	if (walk_frames(inst, gp, gp->stack_lo, gp->stack_size, gp->sp, 0))
		return corrupt(inst, gp, actor, "scanstack");
	return 0;
}

/*
 * Copy the used part of the stack (from gp->sp up) from @old to @new
 * (their tops), moving the sudogs that point into it (adjustsudogs) as Go did
 * (src/runtime/stack.go at b902a63^, copystack, L868-901). A growth by
 * the G's owner (@sync) moves them first and copies after, as Go 1.7:
 * between the two, a waker on a channel the G has not locked can claim
 * the select through the moved pointer, on the new stack's memory, which
 * is zero there (Go's new stacks were; 17007's reports read 0), before
 * the copy writes the old done over it. A shrink by the collector
 * (!@sync) locks the G's channels around the move and the copy
 * (syncadjustsudogs), except, since Go 1.14, for a G whose
 * activeStackChans is unset (gcsched_shrink_locks_chans()).
 */
static int copy_used(struct gcsched_instance *inst, struct gcsched_g *gp,
		     u8 *new, u32 newsize, u8 *old, u32 oldsize, bool sync,
		     u16 actor)
{
	u32 used = oldsize - gp->sp;
	long delta = (long)((new + newsize) - (old + oldsize));
	int ret;

	if (!gp->waiting) {
		memcpy(new + newsize - used, old + gp->sp, used);
		return 0;
	}
	if (sync) {
		gstat_inc(inst, select_grows);
		memset(new + newsize - used, 0, used);
		gcsched_adjustsudogs(inst, gp, delta, true, actor);
		/* the window 17007 lost in: race_window_ns widens it */
		gcsched_race_window(inst);
		/*
		 * A waker may CAS the moved done word meanwhile: the race the
		 * go1.7 policies reproduce, not one of the module's.
		 */
		data_race(memcpy(new + newsize - used, old + gp->sp, used));
		/* the old stack is released by our caller: see quiesce */
		gcsched_sudogs_quiesce(inst, gp);
		return 0;
	}
	if (!gcsched_shrink_locks_chans(inst, gp)) {
		/* Go 1.14's path for a G without activeStackChans */
		ret = gcsched_adjustsudogs_unlocked(inst, gp, delta,
						    newsize < oldsize, actor);
		if (ret)
			return ret;
		/* a sender may write the value meanwhile: go1.15's race */
		data_race(memcpy(new + newsize - used, old + gp->sp, used));
		gcsched_sudogs_quiesce(inst, gp);
		return 0;
	}
	ret = gcsched_adjustsudogs(inst, gp, delta, false, actor);
	if (ret)
		return ret;
	gstat_inc(inst, select_shrinks);
	memcpy(new + newsize - used, old + gp->sp, used);
	gcsched_sudogs_unlock(inst, gp);
	return 0;
}

/**
 * gcsched_copystack() - move a G's stack to a new buffer of @newsize
 * @inst: the instance
 * @gp: the G; the caller owns its stack
 * @newsize: the new size, a power of two that fits the used part
 * @sync: the G's own M grows it (Go's sync: no channel operation of the
 *	G's can run meanwhile), not the collector
 * @actor: who copies
 *
 * A policy with a copy_lock (Go 1.4's, with the buggy or the fixed CAS)
 * also takes Gcopystack for the swap, as Go 1.4 did. Without one (modern)
 * the caller already owns the stack (Gcopystack for growth, Gscan for a
 * shrink) and the status is left alone.
 *
 * Context: the owner of @gp's stack: an M, or the collector or a helper
 * (with stw.gc_lock held by the collector), holding no channel's lock; may
 * sleep; takes stackpool.lock, the G's channels' locks (a shrink of a G in
 * a select; a growth's wait for the wakers) and, on a throw, report_lock.
 * Return: 0; -ENOMEM (after an "out of memory" throw) if no buffer could be
 * had; -EDEADLK after a deadlock report (syncadjustsudogs); or the error
 * of the status step, in which case the G keeps its old stack.
 */
int gcsched_copystack(struct gcsched_instance *inst, struct gcsched_g *gp,
		      u32 newsize, bool sync, u16 actor)
{
	u32 oldsize = gp->stack_size, used = oldsize - gp->sp, oldstatus = 0;
	u8 *old = gp->stack_lo, *new;
	long delta;
	int ret;

	new = stack_alloc(inst, newsize, &ret);
	if (!new) {
		/* Go's words in the report; which limit it was, in the log. */
		pr_warn_ratelimited("gcsched: instance %u: no %u-byte stack for G%u: %s\n",
				    inst->id, newsize, gp->goid,
				    ret == -ENOSPC ? "the module's budget (max_mem_mib) is full" :
				    ret == -E2BIG ? "the instance's stacks reached max_stack_mib" :
				    "the kernel is out of memory");
		gcsched_throw(inst, gp, readgstatus(gp), actor, "stackalloc",
			      "runtime: cannot allocate memory");
		return -ENOMEM;
	}
	ret = copy_used(inst, gp, new, newsize, old, oldsize, sync, actor);
	if (ret) {
		stack_release(inst, new, newsize);
		return ret;
	}
	delta = (long)((new + newsize) - (old + oldsize));
	/* adjustpointers: every link into the old stack moves by delta */
	if (walk_frames(inst, gp, new, newsize, newsize - used, delta)) {
		/* no sudog may point into a stack back in the pool */
		if (gp->waiting)
			gcsched_sudogs_move_back(inst, gp, delta);
		stack_release(inst, new, newsize);
		return corrupt(inst, gp, actor, "copystack");
	}
	gstat_inc(inst, verifications);

	if (inst->policy->copy_lock) {
		/* the go1.4 policies: no sudogs (INV_SELECT_ERA) to move back */
		ret = inst->policy->copy_lock(inst, gp, actor, &oldstatus);
		if (ret) {
			stack_release(inst, new, newsize);
			return ret;
		}
	}

	gp->stack_lo = new;
	gp->stack_size = newsize;
	gp->sp = newsize - used;

	if (inst->policy->copy_lock) {
		ret = casgstatus(inst, gp, Gcopystack, oldstatus, actor);
		if (ret) {
			stack_release(inst, old, oldsize);
			return ret;
		}
	}
	stack_release(inst, old, oldsize);

	if (newsize > oldsize)
		gstat_inc(inst, stack_grows);
	else
		gstat_inc(inst, stack_shrinks);
	gstat_add(inst, stack_bytes_copied, used);
	trace_gcsched_stack_copy(inst->id, gp->goid, oldsize, newsize, used);
	gcsched_tl_add(inst, gcsched_stamp(), GCSCHED_TL_STACK_COPY, gp->goid,
		       actor, 0, 0, newsize);
	return 0;
}

/*
 * newstack: the owner, running the G, needs a bigger stack. Go 1.4 parks
 * the G as Gwaiting "stack growth" and lets copystack take Gcopystack;
 * modern Go goes straight from Grunning to Gcopystack.
 */
static int newstack(struct gcsched_instance *inst, struct gcsched_g *gp,
		    u16 actor)
{
	u32 newsize = gp->stack_size * 2;
	u32 grow = inst->policy->grow_status;
	int ret;

	if (newsize > inst->cfg.stack_max) {
		gcsched_throw(inst, gp, Grunning, actor, "newstack",
			      "stack overflow");
		return -E2BIG;
	}
	ret = casgstatus(inst, gp, Grunning, grow, actor);
	if (ret)
		return ret;
	if (grow == Gwaiting)
		gp->waitreason = WAIT_STACK_GROWTH;
	ret = gcsched_copystack(inst, gp, newsize, true, actor);
	if (ret)
		return ret;
	gp->waitreason = WAIT_NONE;
	return casgstatus(inst, gp, grow, Grunning, actor);
}

/**
 * gcsched_stack_push() - call: push frame @idx of the current generation
 * @inst: the instance
 * @gp: the G, Grunning on the calling M
 * @idx: the frame's index: 1 for the first above the base frame
 * @actor: the calling M
 *
 * A frame may be larger than the stack (stack_min 512 with frame_size
 * 1024): grow until it fits, as Go's newstack does, a doubling at a time.
 * INV_FRAMES_FIT (config.c) bounds the loop for bigstack()'s frames, and
 * a channel operation pushes at most max(bigstack_depth, 2) frames, which
 * INV_SELECT_FRAMES covers: newstack() throws
 * "stack overflow" rather than pass stack_max. On return gp->sp >= 0 and
 * the frame lies inside the stack.
 *
 * Context: the M running @gp; may sleep; takes stackpool.lock and, on a
 * throw, report_lock.
 * Return: 0, or the error of a throw or a wedge.
 */
int gcsched_stack_push(struct gcsched_instance *inst, struct gcsched_g *gp,
		       u32 idx, u16 actor)
{
	u32 fs = inst->cfg.frame_size;
	u64 link;
	int ret;

	while (gp->sp < fs) {
		ret = newstack(inst, gp, actor);
		if (ret)
			return ret;
	}
	link = (u64)(unsigned long)(gp->stack_lo + gp->sp);
	gp->sp -= fs;
	frame_write((u64 *)(gp->stack_lo + gp->sp), frame_words(inst), link,
		    frame_pattern(gp, idx, gp->gen));
	return 0;
}

/**
 * gcsched_stack_pop() - return: check frame @idx at the top and pop it
 * @inst: the instance
 * @gp: the G, Grunning on the calling M, its top frame @idx
 * @idx: the frame's index
 * @actor: the calling M
 * @fn: the runtime function returning, for a report
 *
 * Context: the M running @gp; takes report_lock on a throw.
 * Return: 0, or -EPROTO after a "stack corruption" throw.
 */
int gcsched_stack_pop(struct gcsched_instance *inst, struct gcsched_g *gp,
		      u32 idx, u16 actor, const char *fn)
{
	u32 fs = inst->cfg.frame_size;
	u64 link = (u64)(unsigned long)(gp->stack_lo + gp->sp + fs);

	if (!(inst->cfg.flags & GCSCHED_CFG_NO_VERIFY) &&
	    !frame_ok((u64 *)(gp->stack_lo + gp->sp), frame_words(inst), link,
		      frame_pattern(gp, idx, gp->gen)))
		return corrupt(inst, gp, actor, fn);
	gp->sp += fs;
	return 0;
}

/**
 * gcsched_stack_top_word() - a word of the top frame, a local variable
 * @inst: the instance
 * @gp: the G; the caller owns its stack
 * @word: 2 .. frame_size / 8 - 2: a word frame_ok() does not check
 *	(frame_size >= 32 leaves at least word 2)
 *
 * Context: the owner of @gp's stack.
 * Return: its address, valid until the stack moves.
 */
u64 *gcsched_stack_top_word(struct gcsched_instance *inst,
			    struct gcsched_g *gp, u32 word)
{
	return (u64 *)(gp->stack_lo + gp->sp) + word;
}

/**
 * gcsched_bigstack() - the seed's bigstack(n): n frames deep and back
 * @inst: the instance
 * @gp: the G, Grunning on the calling M
 * @actor: the calling M
 *
 * Pushes bigstack_depth frames, growing the stack when the next frame does
 * not fit, then returns through every frame, checking it, to the base
 * frame: an idle G uses a small part of a large stack, which is what the
 * collector shrinks.
 *
 * Context: the M running @gp; may sleep; takes stackpool.lock and, on a
 * throw, report_lock.
 * Return: 0, or the error of a throw or a wedge.
 */
int gcsched_bigstack(struct gcsched_instance *inst, struct gcsched_g *gp,
		     u16 actor)
{
	u32 depth = inst->cfg.bigstack_depth, fs = inst->cfg.frame_size;
	u32 nw = frame_words(inst);
	bool verify = !(inst->cfg.flags & GCSCHED_CFG_NO_VERIFY);
	u32 i;
	int ret;

	gp->gen++;
	for (i = 1; i <= depth; i++) {
		ret = gcsched_stack_push(inst, gp, i, actor);
		if (ret)
			return ret;
		/* A deep bigstack takes long under emulation: STOP may not wait. */
		if (!(i % 4096) && gcsched_should_quit(inst))
			return -ECANCELED;
	}
	for (i = depth; i >= 1; i--) {
		u64 link = (u64)(unsigned long)(gp->stack_lo + gp->sp + fs);

		if (verify && !frame_ok((u64 *)(gp->stack_lo + gp->sp), nw,
					link, frame_pattern(gp, i, gp->gen)))
			return corrupt(inst, gp, actor, "bigstack");
		gp->sp += fs;
	}
	if (verify)
		gstat_inc(inst, verifications);
	return 0;
}

/**
 * gcsched_shrinkstack() - halve a stack that uses less than a quarter of it
 * @inst: the instance
 * @gp: the G; the world is stopped (Go 1.4), or the caller holds its Gscan
 *	bit (modern)
 * @actor: the collector
 * @copied: out: bytes copied, 0 if not shrunk
 *
 * Go's shrinkstack: never below stack_min, never a stack in use.
 *
 * Context: the collector (holding stw.gc_lock) or a helper; may sleep; takes
 * stackpool.lock and, on a throw, report_lock.
 * Return: 0, or the error of copystack.
 */
int gcsched_shrinkstack(struct gcsched_instance *inst, struct gcsched_g *gp,
			u16 actor, u64 *copied)
{
	u32 oldsize = gp->stack_size, used = oldsize - gp->sp;
	int ret;

	*copied = 0;
	if ((readgstatus(gp) & ~Gscan) == Gdead)
		return 0;
	if (oldsize / 2 < inst->cfg.stack_min || used >= oldsize / 4)
		return 0;
	ret = gcsched_copystack(inst, gp, oldsize / 2, false, actor);
	if (!ret)
		*copied = used;
	return ret;
}
