// SPDX-License-Identifier: GPL-2.0
/*
 * The module's memory: every allocation goes through here, so that
 *
 *  - all instances together stay inside one budget, max_mem_mib (default
 *    half of RAM): stacks, descriptors, each instance's own struct and
 *    per-CPU counters, and, charged by instance.c, an estimate of each
 *    kthread's stack and task_struct (the ioctls' scratch copies, freed
 *    before they return, are outside it: see gcsched_scratch_alloc()). A
 *    request past the budget fails as an allocation failure would, and
 *    the caller turns it into ENOSPC (START) or the runtime's "cannot
 *    allocate memory" throw (a stack growth): never an OOM kill of
 *    someone else;
 *  - its live objects and bytes can be counted (debugfs "memory": every
 *    test expects them back at zero once its instances are closed);
 *  - for testing, the Nth allocation of an instance can be made to fail
 *    (debugfs "<id>/fail_nth", in the manner of the kernel's fail_nth).
 *
 * Memory an instance no longer uses but has not freed yet (a STOP hands
 * the teardown of its Gs to a workqueue) stays charged until it is freed.
 *
 * Stacks of up to 8 KiB (every first stack, at the default 2 KiB) come
 * from a kmem_cache per power of two, so that START can take a
 * million of them in batches (kmem_cache_alloc_bulk()) and the teardown
 * give them back the same way. They are slab objects as kmalloc's are:
 * KASAN's redzones still catch a write past a stack. Larger ones come
 * from kvzalloc().
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/wait.h>

#include "gcsched.h"

atomic_long_t gcsched_live_objs = ATOMIC_LONG_INIT(0);
atomic_long_t gcsched_live_bytes = ATOMIC_LONG_INIT(0);

/*
 * Stacks of 1 << STACK_CACHE_LO .. 1 << STACK_CACHE_HI bytes: set at init.
 * Up to 8 KiB, whose slabs are small; larger stacks keep kvzalloc(), which
 * falls back to vmalloc() where the page allocator is fragmented.
 */
#define STACK_CACHE_LO	9
#define STACK_CACHE_HI	13
static struct kmem_cache *stack_caches[STACK_CACHE_HI - STACK_CACHE_LO + 1];
/*
 * A new stack is zeroed, as kvzalloc() zeroed it before the caches; one
 * from an instance's pool is reused as it was left, as Go's stackpool
 * reuses its stacks (stack.c).
 */
#define STACK_GFP	(GFP_KERNEL_ACCOUNT | __GFP_ZERO | __GFP_NOWARN)

/* Bytes charged against the budget; never above gcsched_mem_budget. */
static atomic_long_t gcsched_mem_charged = ATOMIC_LONG_INIT(0);
/* The budget in bytes, set once at module init from max_mem_mib. */
unsigned long gcsched_mem_budget;

/**
 * gcsched_charge() - take @bytes of the module-wide budget
 * @bytes: how much
 *
 * Context: any; lockless.
 * Return: true if the budget had room; nothing is taken otherwise.
 */
bool gcsched_charge(size_t bytes)
{
	long old = atomic_long_read(&gcsched_mem_charged);

	do {
		if (bytes > gcsched_mem_budget - old)
			return false;
	} while (!atomic_long_try_cmpxchg(&gcsched_mem_charged, &old,
					  old + bytes));
	return true;
}

/**
 * gcsched_uncharge() - give back what gcsched_charge() took
 * @bytes: how much
 *
 * Context: any; lockless.
 */
void gcsched_uncharge(size_t bytes)
{
	atomic_long_sub(bytes, &gcsched_mem_charged);
}

/**
 * gcsched_mem_fits() - would @bytes fit the budget now?
 * @bytes: how much
 *
 * Context: any; lockless.
 * Return: true if they would; another instance may take the room first.
 */
bool gcsched_mem_fits(u64 bytes)
{
	return bytes <= gcsched_mem_budget -
			atomic_long_read(&gcsched_mem_charged);
}

/**
 * gcsched_mem_charged_bytes() - bytes of the budget in use or reserved
 *
 * Context: any; lockless.
 * Return: the bytes.
 */
unsigned long gcsched_mem_charged_bytes(void)
{
	return atomic_long_read(&gcsched_mem_charged);
}

/**
 * gcsched_charge_of() - what an allocation of @size costs the budget
 * @size: bytes asked for
 *
 * The allocator's bucket, and its per-object overhead on a debug kernel.
 *
 * Context: any.
 * Return: bytes.
 */
size_t gcsched_charge_of(size_t size)
{
	return kmalloc_size_roundup(size) + GCSCHED_ALLOC_OVERHEAD;
}

/* Count @n objects of @size bytes in (n > 0) or out (n < 0) of the live set. */
static void count_live(long n, size_t size)
{
	atomic_long_add(n, &gcsched_live_objs);
	atomic_long_add(n * (long)size, &gcsched_live_bytes);
}

/* Does fail_nth say this allocation of @inst must fail? */
static bool should_fail(struct gcsched_instance *inst)
{
	int n;

	if (!inst)
		return false;
	n = atomic_read(&inst->fail_nth);
	while (n > 0) {
		if (atomic_try_cmpxchg(&inst->fail_nth, &n, n - 1))
			return n == 1;
	}
	return false;
}

/**
 * gcsched_alloc_why() - zeroed memory inside the budget, charged to the
 *	caller's memory cgroup
 * @inst: the instance it is for (its fail_nth applies), or NULL
 * @size: bytes
 * @why: out: on failure, -ENOSPC if the budget had no room, else -ENOMEM
 *
 * Context: process context, may sleep; not under a spinlock.
 * Return: the memory, or NULL.
 */
void *gcsched_alloc_why(struct gcsched_instance *inst, size_t size, int *why)
{
	void *p;

	*why = -ENOMEM;
	if (should_fail(inst))
		return NULL;
	if (!gcsched_charge(gcsched_charge_of(size))) {
		*why = -ENOSPC;
		return NULL;
	}
	p = kvzalloc(size, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!p) {
		gcsched_uncharge(gcsched_charge_of(size));
		return NULL;
	}
	count_live(1, size);
	return p;
}

/**
 * gcsched_alloc() - gcsched_alloc_why() for a caller that needs no reason
 * @inst: the instance it is for, or NULL
 * @size: bytes
 *
 * Context: process context, may sleep; not under a spinlock.
 * Return: the memory, or NULL.
 */
void *gcsched_alloc(struct gcsched_instance *inst, size_t size)
{
	int why;

	return gcsched_alloc_why(inst, size, &why);
}

/**
 * gcsched_scratch_alloc() - a short-lived buffer outside the budget
 * @size: bytes, at most a few pages
 *
 * An ioctl's or a debugfs read's copy of its struct is freed before the
 * call returns, and must not fail because the instances filled the
 * budget: STOP and STATS are how a user gets out of that. So it is
 * counted as live but not charged.
 *
 * Context: process context, may sleep; not under a spinlock.
 * Return: zeroed memory, or NULL.
 */
void *gcsched_scratch_alloc(size_t size)
{
	void *p = kvzalloc(size, GFP_KERNEL_ACCOUNT);

	if (p)
		count_live(1, size);
	return p;
}

/**
 * gcsched_scratch_free() - free what gcsched_scratch_alloc() gave
 * @p: the memory, or NULL
 * @size: the size it was allocated with
 *
 * Context: process context.
 */
void gcsched_scratch_free(void *p, size_t size)
{
	if (!p)
		return;
	kvfree(p);
	count_live(-1, size);
}

/**
 * gcsched_free() - free what gcsched_alloc() gave
 * @p: the memory, or NULL
 * @size: the size it was allocated with
 *
 * Context: process context.
 */
void gcsched_free(void *p, size_t size)
{
	if (!p)
		return;
	kvfree(p);
	gcsched_uncharge(gcsched_charge_of(size));
	count_live(-1, size);
}

/**
 * gcsched_mem_init() - create the stack caches
 *
 * Context: module init.
 * Return: 0, or -ENOMEM.
 */
int __init gcsched_mem_init(void)
{
	char name[24];
	u32 i;

	BUILD_BUG_ON(GCSCHED_STACK_LEAST != 1 << STACK_CACHE_LO);
	for (i = 0; i < ARRAY_SIZE(stack_caches); i++) {
		snprintf(name, sizeof(name), "gcsched_stack_%u",
			 1U << (STACK_CACHE_LO + i));
		stack_caches[i] = kmem_cache_create(name,
						    1U << (STACK_CACHE_LO + i),
						    sizeof(u64), SLAB_ACCOUNT,
						    NULL);
		if (!stack_caches[i])
			goto fail_cache;
	}
	return 0;

fail_cache:
	gcsched_mem_exit();
	return -ENOMEM;
}

/**
 * gcsched_mem_exit() - destroy the stack caches, every stack freed
 *
 * Context: module exit, after the last teardown; or a failed init.
 */
void gcsched_mem_exit(void)
{
	u32 i;

	for (i = 0; i < ARRAY_SIZE(stack_caches); i++) {
		kmem_cache_destroy(stack_caches[i]);
		stack_caches[i] = NULL;
	}
}

/* The cache of stacks of @size bytes (a power of two), NULL if none. */
static struct kmem_cache *stack_cache(size_t size)
{
	u32 order = ilog2(size);

	if (order < STACK_CACHE_LO || order > STACK_CACHE_HI)
		return NULL;
	return stack_caches[order - STACK_CACHE_LO];
}

/**
 * gcsched_stack_mem_alloc() - a zeroed stack, as gcsched_alloc_why()
 * @inst: the instance it is for (its fail_nth applies)
 * @size: bytes, a power of two
 * @why: out: on failure, -ENOSPC if the budget had no room, else -ENOMEM
 *
 * Context: process context, may sleep; not under a spinlock.
 * Return: the stack, or NULL.
 */
void *gcsched_stack_mem_alloc(struct gcsched_instance *inst, size_t size,
			      int *why)
{
	struct kmem_cache *c = stack_cache(size);
	void *p;

	if (!c)
		return gcsched_alloc_why(inst, size, why);
	*why = -ENOMEM;
	if (should_fail(inst))
		return NULL;
	if (!gcsched_charge(gcsched_charge_of(size))) {
		*why = -ENOSPC;
		return NULL;
	}
	p = kmem_cache_alloc(c, STACK_GFP);
	if (!p) {
		gcsched_uncharge(gcsched_charge_of(size));
		return NULL;
	}
	count_live(1, size);
	return p;
}

/**
 * gcsched_stack_mem_alloc_bulk() - @n zeroed stacks at once
 * @inst: the instance they are for (its fail_nth applies, per stack)
 * @size: bytes each, a power of two
 * @n: how many
 * @p: out: the stacks
 * @why: out: if fewer than @n, why, as gcsched_stack_mem_alloc()'s
 *
 * As @n calls of gcsched_stack_mem_alloc() would, to the stack: fail_nth
 * counts each, and a batch that does not fit the budget is taken one by
 * one, so that the last one that fits is taken. Otherwise one charge, one
 * kmem_cache_alloc_bulk() and one count.
 *
 * Context: process context, may sleep; not under a spinlock.
 * Return: how many stacks are in @p[0..]; fewer than @n on failure.
 */
u32 gcsched_stack_mem_alloc_bulk(struct gcsched_instance *inst, size_t size,
				 u32 n, void **p, int *why)
{
	struct kmem_cache *c = stack_cache(size);
	size_t charge = gcsched_charge_of(size);
	u32 k;

	if (!c || !gcsched_charge(n * charge)) {
		for (k = 0; k < n; k++) {
			p[k] = gcsched_stack_mem_alloc(inst, size, why);
			if (!p[k])
				break;
		}
		return k;
	}
	*why = -ENOMEM;
	for (k = 0; k < n && !should_fail(inst); k++)
		;
	gcsched_uncharge((n - k) * charge);
	/* All or nothing: SLUB's bulk either fills the k slots or none. */
	if (k && !kmem_cache_alloc_bulk(c, STACK_GFP, k, p)) {
		gcsched_uncharge(k * charge);
		return 0;
	}
	count_live(k, size);
	return k;
}

/**
 * gcsched_stack_mem_free_bulk() - free what the stack allocators gave
 * @size: the size of each, as allocated
 * @n: how many
 * @p: the stacks, none NULL
 *
 * Context: process context.
 */
void gcsched_stack_mem_free_bulk(size_t size, u32 n, void **p)
{
	struct kmem_cache *c = stack_cache(size);
	u32 i;

	if (!n)
		return;
	if (c) {
		kmem_cache_free_bulk(c, n, p);
		gcsched_uncharge(n * gcsched_charge_of(size));
		count_live(-(long)n, size);
		return;
	}
	for (i = 0; i < n; i++)
		gcsched_free(p[i], size);
}

/**
 * gcsched_stack_mem_free() - free one stack
 * @p: the stack, or NULL
 * @size: its size, as allocated
 *
 * Context: process context.
 */
void gcsched_stack_mem_free(void *p, size_t size)
{
	if (p)
		gcsched_stack_mem_free_bulk(size, 1, &p);
}
