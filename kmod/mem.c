// SPDX-License-Identifier: GPL-2.0
/*
 * The module's memory: every allocation goes through here, so that
 *
 *  - all instances together stay inside one budget, max_mem_mib (default
 *    half of RAM): stacks, descriptors, the ioctl buffers, and, charged by
 *    instance.c, an estimate of each kthread's stack and task_struct. A
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
 */
void gcsched_uncharge(size_t bytes)
{
	atomic_long_sub(bytes, &gcsched_mem_charged);
}

/**
 * gcsched_mem_fits() - would @bytes fit the budget now?
 * @bytes: how much
 *
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
 * Return: the bytes.
 */
unsigned long gcsched_mem_charged_bytes(void)
{
	return atomic_long_read(&gcsched_mem_charged);
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
 * gcsched_alloc() - zeroed memory inside the budget, charged to the
 *	caller's memory cgroup
 * @inst: the instance it is for (its fail_nth applies, and its
 *	alloc_errno says why the allocation failed), or NULL
 * @size: bytes
 *
 * Return: the memory, or NULL: then @inst->alloc_errno is -ENOSPC if the
 * budget had no room, -ENOMEM otherwise.
 */
void *gcsched_alloc(struct gcsched_instance *inst, size_t size)
{
	void *p;

	if (should_fail(inst))
		goto fail_nomem;
	if (!gcsched_charge(size)) {
		if (inst)
			inst->alloc_errno = -ENOSPC;
		return NULL;
	}
	p = kvzalloc(size, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!p) {
		gcsched_uncharge(size);
		goto fail_nomem;
	}
	atomic_long_inc(&gcsched_live_objs);
	atomic_long_add(size, &gcsched_live_bytes);
	return p;

fail_nomem:
	if (inst)
		inst->alloc_errno = -ENOMEM;
	return NULL;
}

/**
 * gcsched_free() - free what gcsched_alloc() gave
 * @p: the memory, or NULL
 * @size: the size it was allocated with
 */
void gcsched_free(void *p, size_t size)
{
	if (!p)
		return;
	kvfree(p);
	gcsched_uncharge(size);
	atomic_long_dec(&gcsched_live_objs);
	atomic_long_sub(size, &gcsched_live_bytes);
}
