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
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/wait.h>

#include "gcsched.h"

atomic_long_t gcsched_live_objs = ATOMIC_LONG_INIT(0);
atomic_long_t gcsched_live_bytes = ATOMIC_LONG_INIT(0);

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
