// SPDX-License-Identifier: GPL-2.0
/*
 * Every allocation of the module goes through here, so that its live
 * objects and bytes can be counted (debugfs "memory": every test expects
 * them back at zero once its instances are closed) and, for testing, the
 * Nth allocation of an instance made to fail (debugfs "<id>/fail_nth", in
 * the manner of the kernel's fail_nth).
 */
#include <linux/mm.h>
#include <linux/slab.h>

#include "gcsched.h"

atomic_long_t gcsched_live_objs = ATOMIC_LONG_INIT(0);
atomic_long_t gcsched_live_bytes = ATOMIC_LONG_INIT(0);

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
 * gcsched_alloc() - zeroed memory, charged to the caller's memory cgroup
 * @inst: the instance it is for (its fail_nth applies), or NULL
 * @size: bytes
 *
 * Return: the memory, or NULL.
 */
void *gcsched_alloc(struct gcsched_instance *inst, size_t size)
{
	void *p;

	if (should_fail(inst))
		return NULL;
	p = kvzalloc(size, GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!p)
		return NULL;
	atomic_long_inc(&gcsched_live_objs);
	atomic_long_add(size, &gcsched_live_bytes);
	return p;
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
	atomic_long_dec(&gcsched_live_objs);
	atomic_long_sub(size, &gcsched_live_bytes);
}
