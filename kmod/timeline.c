// SPDX-License-Identifier: GPL-2.0
/*
 * The timeline: an instance's recent events (status moves, stops, stack
 * copies, netpoll wakeups, the failure), kept in a ring per CPU while it
 * runs, frozen by its first report, read by GCSCHED_IOC_TIMELINE and
 * debugfs <id>/timeline (debugfs.c) as one stream ordered by time.
 *
 * Writers (gcsched_tl_add(), gcsched.h) are the instance's threads and
 * its ioctls, each on the ring of the CPU it runs on, with preemption off:
 * one writer per ring at a time, no lock, no atomic read-modify-write. A
 * reader copies each ring between two reads of its head and keeps the
 * slots no write can have reached meanwhile. The rings differ in how far
 * back they reach (a busy CPU wraps sooner): the stream read starts where
 * every ring is whole, at the latest of the wrapped rings' oldest events,
 * so that no CPU's events are missing from the window shown.
 *
 * Frozen, nothing is written any more: the report's own event is the
 * last, and the window stays as the failure left it until the next START
 * (STOP keeps it; the rings belong to the instance, not to the runtime
 * STOP frees).
 */
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/uaccess.h>

#include "gcsched.h"

/**
 * gcsched_tl_bytes() - what an instance's timeline costs the budget
 *
 * Context: any.
 * Return: bytes.
 */
u64 gcsched_tl_bytes(void)
{
	return (u64)nr_cpu_ids * sizeof(struct gcsched_tl_ring);
}

/**
 * gcsched_tl_free() - forget the timeline
 * @inst: the instance; no thread of it runs
 *
 * Context: holds ioctl_lock, or the instance's end; may sleep.
 */
void gcsched_tl_free(struct gcsched_instance *inst)
{
	if (!inst->tl.rings)
		return;
	gcsched_free(inst->tl.rings, gcsched_tl_bytes());
	inst->tl.rings = NULL;
}

/**
 * gcsched_tl_start() - a fresh timeline for a START, unless NO_TIMELINE
 * @inst: the instance, its config checked; no thread of it runs
 *
 * Context: holds ioctl_lock; may sleep.
 * Return: 0, or the allocation's error.
 */
int gcsched_tl_start(struct gcsched_instance *inst)
{
	int ret = 0;

	lockdep_assert_held(&inst->ioctl_lock);
	gcsched_tl_free(inst);
	atomic_set(&inst->tl.frozen, 0);
	if (inst->cfg.flags & GCSCHED_CFG_NO_TIMELINE)
		return 0;
	/* zeroed: every head 0 */
	inst->tl.rings = gcsched_alloc_why(inst, gcsched_tl_bytes(), &ret);
	return inst->tl.rings ? 0 : ret;
}

/*
 * Stamps to ns since START, all at one rate: the freeze's for a frozen
 * window, so that every read of it gives the same times; now's otherwise.
 * (gcsched_stamp_ns() measures the rate anew at each call, which would
 * put two close events out of order.)
 */
struct tl_rate {
	s64 ns_run;
	s64 stamp_run;
};

static struct tl_rate tl_rate(struct gcsched_instance *inst)
{
	struct tl_rate r;

	/* acquire: the freeze's rate is written before frozen */
	if (atomic_read_acquire(&inst->tl.frozen)) {
		r.ns_run = inst->tl.freeze_ns - inst->start_ns;
		r.stamp_run = inst->tl.freeze_stamp - inst->start_stamp;
	} else {
		r.ns_run = local_clock() - inst->start_ns;
		r.stamp_run = gcsched_stamp() - inst->start_stamp;
	}
	return r;
}

static void tl_fill(struct gcsched_instance *inst, const struct tl_rate *r,
		    struct gcsched_tl_slot *s)
{
	s64 span = s->stamp - inst->start_stamp;

	if (span <= 0 || !inst->start_ns)
		s->ev.ns = 0;
	else if (gcsched_stamp_is_clock)
		s->ev.ns = span;
	else
		s->ev.ns = gcsched_stamp_scale(span, r->ns_run, r->stamp_run);
}

static int slot_cmp(const void *a, const void *b)
{
	const struct gcsched_tl_slot *x = a, *y = b;

	return x->stamp < y->stamp ? -1 : x->stamp > y->stamp;
}

/**
 * gcsched_tl_read() - the window: the rings copied, merged and converted
 * @inst: the instance, its timeline kept; the caller holds ioctl_lock
 * @sn: out: the slots @sn->s[@sn->first .. @sn->n), oldest first, their
 *	ns filled in; gcsched_tl_done() frees them
 *
 * Every ring's slots that no writer reached during the copy, up to the
 * report's stamp for a frozen timeline (a writer already
 * past its frozen check may add one later), now's otherwise (a ring
 * copied later would show events one copied earlier lacks); the window
 * starts where every ring is whole.
 *
 * Context: holds ioctl_lock; may sleep (the copy, the sort).
 * Return: 0, or -ENOMEM.
 */
int gcsched_tl_read(struct gcsched_instance *inst, struct gcsched_tl_snap *sn)
{
	struct tl_rate rate = tl_rate(inst);
	u64 until, from = 0;
	size_t j, k;
	u32 cpu;

	lockdep_assert_held(&inst->ioctl_lock);
	memset(sn, 0, sizeof(*sn));
	/* acquire: the freeze's stamp is written before frozen */
	until = atomic_read_acquire(&inst->tl.frozen) ? inst->tl.freeze_stamp :
							 gcsched_stamp();
	sn->s = kvmalloc(array_size(nr_cpu_ids,
				    GCSCHED_TL_RING * sizeof(*sn->s)),
			 GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!sn->s)
		return -ENOMEM;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct gcsched_tl_ring *r = &inst->tl.rings[cpu];
		u64 h0 = READ_ONCE(r->head), h1, i, lo, bad;

		smp_rmb();	/* the head, then the slots it shows */
		lo = h0 > GCSCHED_TL_RING ? h0 - GCSCHED_TL_RING : 0;
		for (i = lo; i < h0; i++) {
			struct gcsched_tl_slot *src;

			src = &r->slot[i & (GCSCHED_TL_RING - 1)];
			/* a racing write is found below, by the head */
			sn->s[sn->n + i - lo] = data_race(*src);
		}
		smp_rmb();	/* the slots, then the head again */
		h1 = READ_ONCE(r->head);
		/*
		 * Writes h0 .. h1 - 1 went on during the copy, and one at h1
		 * may be half done: each overwrote the slot of its index
		 * minus GCSCHED_TL_RING. What is older than bad is not whole.
		 */
		bad = h1 + 1 > GCSCHED_TL_RING ? h1 + 1 - GCSCHED_TL_RING : 0;
		if (bad > lo) {
			u64 skip = min(bad, h0) - lo;

			memmove(sn->s + sn->n, sn->s + sn->n + skip,
				(h0 - lo - skip) * sizeof(*sn->s));
			lo += skip;
		}
		/* a ring that wrapped is whole only from its oldest slot on */
		if (lo && h0 > lo)
			from = max(from, sn->s[sn->n].stamp);
		sn->n += h0 - lo;
		sn->total += h1;
	}
	/* what came after @until is not part of this read */
	for (j = 0, k = 0; k < sn->n; k++)
		if ((s64)(sn->s[k].stamp - until) <= 0)
			sn->s[j++] = sn->s[k];
	sn->n = j;
	cond_resched();
	sort(sn->s, sn->n, sizeof(*sn->s), slot_cmp, NULL);
	while (sn->first < sn->n && sn->s[sn->first].stamp < from)
		sn->first++;
	for (k = sn->first; k < sn->n; k++)
		tl_fill(inst, &rate, &sn->s[k]);
	return 0;
}

/**
 * gcsched_tl_done() - free what gcsched_tl_read() returned
 * @sn: the snapshot
 *
 * Context: process context.
 */
void gcsched_tl_done(struct gcsched_tl_snap *sn)
{
	kvfree(sn->s);
}

/**
 * gcsched_tl_query() - GCSCHED_IOC_TIMELINE
 * @inst: the instance; the caller holds ioctl_lock
 * @q: the query, its entries written to q->events
 *
 * Context: holds ioctl_lock; may sleep (the copy, the sort).
 * Return: 0; -EINVAL or -E2BIG for a bad entry size or reserved bits;
 * -ENOMEM; -EFAULT.
 */
int gcsched_tl_query(struct gcsched_instance *inst,
		     struct gcsched_timeline_query *q)
{
	u8 __user *dst = u64_to_user_ptr(q->events);
	size_t esize = q->entry_size, n, i;
	struct gcsched_tl_snap sn;
	int ret = 0;

	lockdep_assert_held(&inst->ioctl_lock);
	/* outputs only: what the caller left there is not read */
	q->flags = 0;
	q->total = 0;
	q->lost = 0;
	if (q->count && esize < sizeof(struct gcsched_tl_event))
		return -EINVAL;
	if (q->count && esize > PAGE_SIZE)
		return -E2BIG;
	if (!inst->tl.rings) {
		q->flags = GCSCHED_TL_OFF;
		q->count = 0;
		return 0;
	}
	if (atomic_read(&inst->tl.frozen))
		q->flags |= GCSCHED_TL_FROZEN;
	ret = gcsched_tl_read(inst, &sn);
	if (ret)
		return ret;
	n = q->count ? min_t(size_t, q->count, sn.n - sn.first) : 0;
	q->total = sn.total;
	q->lost = sn.total - (sn.n - sn.first);
	q->count = q->count ? n : sn.n - sn.first;
	for (i = sn.n - n; i < sn.n; i++, dst += esize) {
		if (copy_to_user(dst, &sn.s[i].ev, sizeof(sn.s[i].ev)) ||
		    clear_user(dst + sizeof(sn.s[i].ev),
			       esize - sizeof(sn.s[i].ev))) {
			ret = -EFAULT;
			break;
		}
	}
	gcsched_tl_done(&sn);
	return ret;
}
