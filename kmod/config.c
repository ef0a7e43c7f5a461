// SPDX-License-Identifier: GPL-2.0
/*
 * An instance's configuration: the defaults zero stands for, and the
 * checks every configuration passes before anything runs with it, derived
 * from the uapi header's range table (GCSCHED_CONFIG_RANGES) and from the
 * invariants the code relies on, each named below and again where it is
 * relied on.
 */
#include <linux/cpumask.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/sched/task.h>
#include <linux/thread_info.h>

#include "gcsched.h"

/* The range table, as the checks walk it. */
struct config_range {
	size_t offset;
	size_t width;		/* 4 or 8 */
	u32 field;		/* enum gcsched_field */
	u64 least;
	u64 greatest;
	u64 def;
};

static const struct config_range config_ranges[] = {
#define X(f, F, lo, hi, d)						\
	{ offsetof(struct gcsched_config, f),				\
	  sizeof_field(struct gcsched_config, f),			\
	  GCSCHED_FIELD_##F, lo, hi, d },
	GCSCHED_CONFIG_RANGES(X)
#undef X
};

static u64 range_get(const struct gcsched_config *c, const struct config_range *r)
{
	const void *p = (const u8 *)c + r->offset;

	return r->width == 8 ? *(const u64 *)p : *(const u32 *)p;
}

static void range_set(struct gcsched_config *c, const struct config_range *r,
		      u64 v)
{
	void *p = (u8 *)c + r->offset;

	if (r->width == 8)
		*(u64 *)p = v;
	else
		*(u32 *)p = v;
}

/**
 * gcsched_config_defaults() - the configuration zero stands for
 * @cfg: filled in
 *
 * nr_workers is Go's GOMAXPROCS, the online CPUs, as many as the module
 * allows.
 *
 * Context: any.
 */
void gcsched_config_defaults(struct gcsched_config *cfg)
{
	const struct config_range *r;

	memset(cfg, 0, sizeof(*cfg));
	cfg->size = sizeof(*cfg);
	for (r = config_ranges; r < config_ranges + ARRAY_SIZE(config_ranges); r++)
		range_set(cfg, r, r->def);
	cfg->policy = GCSCHED_POLICY_MODERN;
	cfg->nr_workers = min_t(u32, num_online_cpus(), GCSCHED_MAX_WORKERS);
	cfg->gc_mode = GCSCHED_GC_CONTINUOUS;
}

/**
 * gcsched_thread_cost() - what one kthread is charged to the budget
 *
 * Its kernel stack and task_struct, rounded up, with a page for the rest
 * (the kthread's own struct, its pid, its name).
 *
 * Context: any.
 * Return: bytes.
 */
u32 gcsched_thread_cost(void)
{
	return THREAD_SIZE + ALIGN(sizeof(struct task_struct), PAGE_SIZE) +
	       PAGE_SIZE;
}

/* Threads an instance with @cfg runs: Ms, helpers, netpoller, collector. */
static u32 nr_threads(const struct gcsched_config *cfg)
{
	return cfg->nr_workers + cfg->gc_procs - 1 + 1 +
	       (cfg->gc_mode != GCSCHED_GC_MANUAL);
}

/**
 * gcsched_config_threads_bytes() - the budget's charge for the threads
 * @cfg: a checked configuration
 *
 * Context: any.
 * Return: bytes.
 */
u64 gcsched_config_threads_bytes(const struct gcsched_config *cfg)
{
	return (u64)nr_threads(cfg) * gcsched_thread_cost();
}

/**
 * gcsched_config_nr_gs() - the Gs START creates for @cfg
 * @cfg: a configuration whose fields are in range
 *
 * Two per connection pair, then the spinners, then three per select group
 * (instance.c, create_gs()).
 *
 * Context: any.
 * Return: how many, under 2^33: not a u32 until INV_TASKS held.
 */
u64 gcsched_config_nr_gs(const struct gcsched_config *cfg)
{
	return (u64)cfg->nr_pairs * 2 + cfg->nr_spinners +
	       (u64)cfg->nr_selects * 3;
}

/**
 * gcsched_config_need() - the memory START takes for @cfg
 * @cfg: a checked configuration
 *
 * Descriptors, every G's first stack, the teardown record and the
 * threads: what must fit the budget before any G runs. Stack growth comes
 * on top, charged as it happens.
 *
 * Context: any.
 * Return: bytes.
 */
u64 gcsched_config_need(const struct gcsched_config *cfg)
{
	u64 nr_gs = gcsched_config_nr_gs(cfg);

	return nr_gs * (GCSCHED_G_COST + gcsched_charge_of(cfg->stack_min)) +
	       (u64)cfg->nr_workers * sizeof(struct gcsched_m) +
	       (cfg->nr_selects ? gcsched_charge_of(cfg->nr_selects *
						    sizeof(struct gcsched_select)) : 0) +
	       (cfg->flags & GCSCHED_CFG_NO_TIMELINE ? 0 :
		gcsched_charge_of(gcsched_tl_bytes())) +
	       sizeof(struct gcsched_remains) +
	       gcsched_config_threads_bytes(cfg);
}

#define REJECT(f, err)	do { in->bad_field = GCSCHED_FIELD_##f; return -(err); } while (0)

/*
 * A rule on all the Gs broken, which allows @max_gs of them: blamed on the
 * first of the pairs, the spinners and the selects whose Gs, with those
 * before it, break it.
 */
static int reject_gs(struct gcsched_config *in, u64 max_gs)
{
	u64 pairs = (u64)in->nr_pairs * 2;

	if (pairs > max_gs)
		in->bad_field = GCSCHED_FIELD_NR_PAIRS;
	else if (pairs + in->nr_spinners > max_gs)
		in->bad_field = GCSCHED_FIELD_NR_SPINNERS;
	else
		in->bad_field = GCSCHED_FIELD_NR_SELECTS;
	return -E2BIG;
}

/**
 * gcsched_config_check() - replace zeros by defaults and check every field
 * @in: the configuration; on error, @in->bad_field names the field
 *
 * A value outside the range table is ERANGE, outside a field's domain
 * EINVAL, past a limit that is a module parameter E2BIG. Then the
 * invariants that tie fields together:
 *
 *  INV_STACK_ORDER   stack_min <= stack_max: shrinkstack never goes below
 *                    stack_min, newstack never above stack_max.
 *  INV_FRAMES_FIT    bigstack_depth * frame_size + GCSCHED_BASE_FRAME <=
 *                    stack_max: the whole of bigstack() fits the largest
 *                    stack, which newstack() grows to, a doubling at a
 *                    time, until each frame fits (gcsched_bigstack()).
 *  INV_GC_PROCS      gc_procs <= nr_workers: helper i runs on M i.
 *  INV_TASKS         nr_gs = 2 * nr_pairs + nr_spinners + 3 * nr_selects
 *                    <= max_tasks (and so fits inst->nr_gs, a u32).
 *  INV_STACK_LIMIT   nr_gs * stack_min <= max_stack_mib: every G starts
 *                    with stack_min.
 *  INV_SELECT_ERA    nr_selects only under a policy that models select
 *                    (GCSCHED_POLICY_HAS_SELECT): chan.c follows Go 1.7's
 *                    select; the go1.4 ones have none.
 *  INV_SELECT_FRAMES nr_selects only if two frames fit stack_max (2 *
 *                    frame_size + GCSCHED_BASE_FRAME): a channel
 *                    operation pushes at most max(bigstack_depth, 2)
 *                    frames (chan.c, push_callers(), and sellock's in
 *                    selectgo_woken()), and INV_FRAMES_FIT covers the rest.
 *  SELECT_DUP, CHAN_RECV  the flags only with nr_selects, which they
 *                    change, and not together (a receive has one
 *                    channel).
 *  INV_BUDGET        gcsched_config_need() + gcsched_instance_bytes() <=
 *                    max_mem_mib: START can succeed when no other
 *                    instance holds memory.
 *  INV_FORCED_POLLER FORCED only with netpoll_model thread and without
 *                    NETPOLL_STW_STOP: gcsched_forced_window() waits for
 *                    the netpoller to wake a G while the world is stopped.
 *
 * Context: any; reads the module parameters, the budget and the online
 * CPUs besides @in.
 * Return: 0, or the errno of the first bad field.
 */
int gcsched_config_check(struct gcsched_config *in)
{
	u64 stack_limit = (u64)gcsched_max_stack_mib << 20, nr_gs;
	const struct config_range *r;
	struct gcsched_config def;

	gcsched_config_defaults(&def);
	in->bad_field = GCSCHED_FIELD_NONE;
	for (r = config_ranges; r < config_ranges + ARRAY_SIZE(config_ranges); r++) {
		u64 v = range_get(in, r);

		if (!v) {
			v = range_get(&def, r);
			range_set(in, r, v);
		}
		if (v < r->least || v > r->greatest) {
			in->bad_field = r->field;
			return -ERANGE;
		}
	}
	if (in->policy >= GCSCHED_NR_POLICIES)
		REJECT(POLICY, EINVAL);
	if (in->flags & ~GCSCHED_CFG_ALL)
		REJECT(FLAGS, EINVAL);
	if (in->gc_mode > GCSCHED_GC_INTERVAL)
		REJECT(GC_MODE, EINVAL);
	if (in->netpoll_model >= GCSCHED_NR_NETPOLL_MODELS)
		REJECT(NETPOLL_MODEL, EINVAL);
	if (!in->netpoll_model)
		in->netpoll_model = gcsched_policies[in->policy].netpoll_model;
	/* INV_FORCED_POLLER: the forced wakeup needs a poller in the stop */
	if ((in->flags & GCSCHED_CFG_FORCED) &&
	    in->netpoll_model != GCSCHED_NETPOLL_THREAD)
		REJECT(NETPOLL_MODEL, EINVAL);
	if ((in->flags & GCSCHED_CFG_FORCED) &&
	    (in->flags & GCSCHED_CFG_NETPOLL_STW_STOP))
		REJECT(FLAGS, EINVAL);
	if (in->__reserved)
		REJECT(RESERVED, EINVAL);
	if ((in->flags & (GCSCHED_CFG_SELECT_DUP | GCSCHED_CFG_CHAN_RECV)) &&
	    !in->nr_selects)
		REJECT(FLAGS, EINVAL);
	if ((in->flags & GCSCHED_CFG_SELECT_DUP) &&
	    (in->flags & GCSCHED_CFG_CHAN_RECV))
		REJECT(FLAGS, EINVAL);
	if (in->nr_selects && !GCSCHED_POLICY_HAS_SELECT(in->policy))
		REJECT(NR_SELECTS, EINVAL);		/* INV_SELECT_ERA */
	if (!is_power_of_2(in->stack_min))
		REJECT(STACK_MIN, EINVAL);
	if (!is_power_of_2(in->stack_max))
		REJECT(STACK_MAX, EINVAL);
	if (in->frame_size % 8)
		REJECT(FRAME_SIZE, EINVAL);

	if (in->stack_min > in->stack_max)		/* INV_STACK_ORDER */
		REJECT(STACK_MIN, ERANGE);
	if ((u64)in->bigstack_depth * in->frame_size + GCSCHED_BASE_FRAME >
	    in->stack_max)				/* INV_FRAMES_FIT */
		REJECT(BIGSTACK_DEPTH, ERANGE);
	if (in->nr_selects && 2ULL * in->frame_size + GCSCHED_BASE_FRAME >
	    in->stack_max)				/* INV_SELECT_FRAMES */
		REJECT(NR_SELECTS, ERANGE);
	if (in->gc_procs > in->nr_workers)		/* INV_GC_PROCS */
		REJECT(GC_PROCS, ERANGE);
	nr_gs = gcsched_config_nr_gs(in);
	if (nr_gs > gcsched_max_tasks)				/* INV_TASKS */
		return reject_gs(in, gcsched_max_tasks);
	if (nr_gs * in->stack_min > stack_limit)		/* INV_STACK_LIMIT */
		return reject_gs(in, div_u64(stack_limit, in->stack_min));
	if (gcsched_config_need(in) + gcsched_instance_bytes() >
	    gcsched_mem_budget)				/* INV_BUDGET */
		REJECT(NR_PAIRS, E2BIG);
	return 0;
}
