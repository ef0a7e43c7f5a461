// SPDX-License-Identifier: GPL-2.0
/*
 * Runtime instances: one per open() of /dev/gcsched. This file owns their
 * life: configuration, START (Gs, stacks, Ms and threads) and STOP (threads
 * gone, memory handed to the teardown workqueue). STATS is stats.c's.
 *
 * State machine (inst->state):
 *
 *   idle --START--> running --STOP--> stopped --START--> running ...
 *                      |
 *                      +-- a wedge --> wedged  --STOP--> stopped
 *                      +-- a throw --> crashed --STOP--> stopped
 *
 * Only an ioctl (under ioctl_lock) leaves idle, stopped, wedged or crashed;
 * only a report leaves running for wedged or crashed.
 */
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "gcsched.h"

#define SETUP_ACTOR	ACTOR(GCSCHED_ACTOR_SETUP, 0)

#define PCPU_BYTES	(sizeof(struct gcsched_pcpu) * num_possible_cpus())

/**
 * gcsched_instance_bytes() - what an open instance holds of the budget
 *
 * Its struct and its per-CPU counters, charged at open().
 *
 * Context: any.
 * Return: bytes.
 */
u64 gcsched_instance_bytes(void)
{
	return sizeof(struct gcsched_instance) + PCPU_BYTES;
}

/**
 * gcsched_state_check() - may an ioctl that changes things run now?
 * @inst: the instance; the caller holds ioctl_lock
 *
 * Context: holds ioctl_lock; does not sleep.
 * Return: 0 if idle or stopped; -EBUSY if running; -EDEADLK if wedged;
 * -ENOTRECOVERABLE if crashed.
 */
int gcsched_state_check(struct gcsched_instance *inst)
{
	lockdep_assert_held(&inst->ioctl_lock);
	switch (atomic_read(&inst->state)) {
	case GCSCHED_STATE_RUNNING:
		return -EBUSY;
	case GCSCHED_STATE_WEDGED:
		return -EDEADLK;
	case GCSCHED_STATE_CRASHED:
		return -ENOTRECOVERABLE;
	default:
		return 0;
	}
}

/**
 * gcsched_configure() - validate and apply a configuration
 * @inst: the instance; the caller holds ioctl_lock
 * @cfg: the request; on return it holds the effective values, or the
 *	rejected field in @cfg->bad_field
 *
 * Nothing is applied unless every field is valid.
 *
 * Context: holds ioctl_lock; does not sleep.
 * Return: 0, or the errno of the state or of the first bad field.
 */
int gcsched_configure(struct gcsched_instance *inst, struct gcsched_config *cfg)
{
	int ret;

	lockdep_assert_held(&inst->ioctl_lock);
	ret = gcsched_state_check(inst);
	if (ret)
		return ret;
	ret = gcsched_config_check(cfg);
	if (ret)
		return ret;
	inst->cfg = *cfg;
	inst->cfg.size = sizeof(inst->cfg);
	return 0;
}

/* Stop and forget every thread that START created. */
static void threads_stop(struct gcsched_instance *inst)
{
	u32 i;

	atomic_set(&inst->dying, 1);
	wake_up_all(&inst->gc_wq);
	wake_up_all(&inst->sched.idle_wq);
	wake_up_all(&inst->netpoll.wq);
	wake_up_all(&inst->stw.ack_wq);
	wake_up_all(&inst->stw.start_wq);
	if (inst->gc_thread)
		kthread_stop(inst->gc_thread);
	inst->gc_thread = NULL;
	if (inst->netpoll.thread)
		kthread_stop(inst->netpoll.thread);
	inst->netpoll.thread = NULL;
	for (i = 0; inst->allm && i < inst->nr_ms; i++) {
		if (inst->allm[i].thread)
			kthread_stop(inst->allm[i].thread);
		inst->allm[i].thread = NULL;
		/* After the collector: no cycle waits for a helper now. */
		if (inst->allm[i].gchelper)
			kthread_stop(inst->allm[i].gchelper);
		inst->allm[i].gchelper = NULL;
	}
	gcsched_uncharge(inst->threads_charged);
	inst->threads_charged = 0;
}

/*
 * The teardown: STOP and close() hand the Gs, their stacks and the Ms to
 * a workqueue and return. Module unload waits for it (destroy_workqueue()),
 * START waits for it when the budget is short (wait_for_budget()), and
 * debugfs "memory" flushes it first, so that its counts are settled.
 */
static struct workqueue_struct *gcsched_teardown_wq;
static atomic_t gcsched_teardowns = ATOMIC_INIT(0);	/* queued, not done */
static DECLARE_WAIT_QUEUE_HEAD(gcsched_teardown_done);

static void remains_free(struct work_struct *work)
{
	struct gcsched_remains *r = container_of(work, struct gcsched_remains,
						 work);

	gcsched_remains_free_stacks(r);
	gcsched_free(r->allg, array_size(r->nr_gs, sizeof(*r->allg)));
	gcsched_free(r->allm, array_size(r->nr_ms, sizeof(*r->allm)));
	gcsched_selects_free(r->selects, r->nr_selects);
	gcsched_free(r, sizeof(*r));
	atomic_dec(&gcsched_teardowns);
	wake_up_all(&gcsched_teardown_done);
}

/**
 * gcsched_teardown_init() - create the teardown workqueue, at module init
 *
 * Context: module init; process context, may sleep.
 * Return: 0, or -ENOMEM.
 */
int gcsched_teardown_init(void)
{
	gcsched_teardown_wq = alloc_workqueue("gcsched_teardown", WQ_UNBOUND, 0);
	return gcsched_teardown_wq ? 0 : -ENOMEM;
}

/**
 * gcsched_teardown_exit() - wait for every teardown, at module exit
 *
 * Context: module exit; process context; sleeps until every queued teardown
 * is done.
 */
void gcsched_teardown_exit(void)
{
	destroy_workqueue(gcsched_teardown_wq);
}

/**
 * gcsched_teardown_flush() - wait for the teardowns queued so far
 *
 * Context: process context; not killable, bounded by the largest instance
 * (a million Gs: about a second under emulation).
 */
void gcsched_teardown_flush(void)
{
	flush_workqueue(gcsched_teardown_wq);
}

/*
 * Hand what START allocated to its remains and queue their teardown. No
 * thread of the instance runs. Safe on a partial START: what was not
 * allocated is NULL or zero.
 */
static void runtime_free(struct gcsched_instance *inst)
{
	struct gcsched_remains *r = inst->remains;

	lockdep_assert_held(&inst->ioctl_lock);
	if (!r)
		return;
	r->allg = inst->allg;
	r->nr_gs = inst->allg ? inst->nr_gs : 0;
	r->allm = inst->allm;
	r->nr_ms = inst->allm ? inst->nr_ms : 0;
	r->selects = inst->selects;
	r->nr_selects = inst->selects ? inst->cfg.nr_selects : 0;
	inst->selects = NULL;
	gcsched_stacks_hand_over(inst, r);
	inst->allg = NULL;
	inst->allm = NULL;
	inst->remains = NULL;
	INIT_WORK(&r->work, remains_free);
	atomic_inc(&gcsched_teardowns);
	queue_work(gcsched_teardown_wq, &r->work);
}

/*
 * START's memory, @need bytes, must fit the budget. Memory of instances
 * stopped a moment ago may still be on its way back: wait for it, killably.
 *
 * Return: 0; -ENOSPC if it does not fit once the teardowns are done;
 * -EINTR if the caller was killed.
 */
static int wait_for_budget(u64 need)
{
	if (wait_event_killable(gcsched_teardown_done,
				gcsched_mem_fits(need) ||
				!atomic_read(&gcsched_teardowns)))
		return -EINTR;
	return gcsched_mem_fits(need) ? 0 : -ENOSPC;
}

/*
 * The Gs of nr_pairs connection pairs, each with one message in flight,
 * then nr_spinners Gs with a loop and no connection, then nr_selects
 * select groups (chan.c) of three.
 */
static int create_gs(struct gcsched_instance *inst)
{
	u32 i;
	int ret;

	inst->allg = gcsched_alloc_why(inst, array_size(inst->nr_gs,
							sizeof(*inst->allg)),
				       &ret);
	if (!inst->allg)
		return ret;
	for (i = 0; i < inst->nr_gs; i++) {
		struct gcsched_g *gp = &inst->allg[i];

		gp->goid = i;
		gp->curm = -1;
		gcsched_status_init(gp);
		if (i >= inst->cfg.nr_pairs * 2 + inst->cfg.nr_spinners) {
			gcsched_select_gs_init(inst, gp);
		} else if (i >= inst->cfg.nr_pairs * 2) {
			/* go func() { for { i++ } }(): no peer, no message */
			gp->kind = G_SPINNER;
			gp->peer = i;
		} else {
			gp->kind = G_NETGUY;
			gp->peer = i ^ 1;
			/* c1.Write(make([]byte, 100)): the odd G reads first */
			atomic_set(&gp->rbuf, i & 1);
		}
		gp->schedlink = i + 2 <= inst->nr_gs ? i + 2 : 0;
		if (!(i % 1024))
			cond_resched();
	}
	/* The stacks, a batch at a time (their patterns need the goids). */
	for (i = 0; i < inst->nr_gs; i++) {
		struct gcsched_g *gp = &inst->allg[i];

		/* A million Gs take seconds: yield, and die when killed. */
		if (!(i % 1024)) {
			if (fatal_signal_pending(current))
				return -EINTR;
			cond_resched();
		}
		if (!(i % GCSCHED_STACK_BATCH)) {
			ret = gcsched_stack_init(inst, gp,
						 min_t(u32, inst->nr_gs - i,
						       GCSCHED_STACK_BATCH));
			if (ret)
				return ret;
		}
		ret = casgstatus(inst, gp, Gidle, Gdead, SETUP_ACTOR);
		if (!ret)
			ret = casgstatus(inst, gp, Gdead, Grunnable, SETUP_ACTOR);
		if (ret)
			return ret;
	}
	/* All of them start on the global run queue: the go statements. */
	inst->sched.head = 1;
	inst->sched.tail = inst->nr_gs;
	inst->sched.size = inst->nr_gs;
	return 0;
}

static int create_ms(struct gcsched_instance *inst)
{
	u32 i;
	int ret;

	inst->allm = gcsched_alloc_why(inst, array_size(inst->nr_ms,
							sizeof(*inst->allm)),
				       &ret);
	if (!inst->allm)
		return ret;
	for (i = 0; i < inst->nr_ms; i++) {
		struct gcsched_m *mp = &inst->allm[i];

		mp->inst = inst;
		mp->id = i;
		spin_lock_init(&mp->runq_lock);
		prandom_seed_state(&mp->rnd, inst->cfg.seed + i);
	}
	return 0;
}

/* kthread_create() fails with -EINTR when the caller is killed. */
static int thread_create(struct task_struct **t, struct gcsched_instance *inst,
			 int (*fn)(void *), void *arg, const char *what, u32 n)
{
	*t = kthread_create(fn, arg, "gcsched%u/%s%u", inst->id, what, n);
	if (IS_ERR(*t)) {
		int ret = PTR_ERR(*t);

		*t = NULL;
		return ret;
	}
	return 0;
}

/* The threads' memory is charged to the budget before they exist. */
static int create_threads(struct gcsched_instance *inst)
{
	u64 cost = gcsched_config_threads_bytes(&inst->cfg);
	u32 i;
	int ret;

	if (!gcsched_charge(cost))
		return -ENOSPC;
	inst->threads_charged = cost;
	for (i = 0; i < inst->nr_ms; i++) {
		ret = thread_create(&inst->allm[i].thread, inst, gcsched_worker,
				    &inst->allm[i], "m", i);
		if (ret)
			return ret;
	}
	for (i = 1; i < inst->cfg.gc_procs; i++) {
		/* gc1, gc2, ...: the collector is gc0, as in the traces. */
		ret = thread_create(&inst->allm[i].gchelper, inst,
				    gcsched_gchelper, &inst->allm[i], "gc", i);
		if (ret)
			return ret;
	}
	ret = thread_create(&inst->netpoll.thread, inst, gcsched_netpoller,
			    inst, "netpoll", 0);
	if (ret)
		return ret;
	if (inst->cfg.gc_mode != GCSCHED_GC_MANUAL)
		ret = thread_create(&inst->gc_thread, inst, gcsched_gc_thread,
				    inst, "gc", 0);
	return ret;
}

static void wake_threads(struct gcsched_instance *inst)
{
	u32 i;

	for (i = 0; i < inst->nr_ms; i++) {
		wake_up_process(inst->allm[i].thread);
		if (inst->allm[i].gchelper)
			wake_up_process(inst->allm[i].gchelper);
	}
	wake_up_process(inst->netpoll.thread);
	if (inst->gc_thread)
		wake_up_process(inst->gc_thread);
}

/* A START that failed: free what it built, leave the instance stopped. */
static void runtime_abort(struct gcsched_instance *inst)
{
	runtime_free(inst);
	/* a START that failed left no failure to look at */
	gcsched_tl_free(inst);
	WRITE_ONCE(inst->stop_ns, local_clock());
	atomic_set(&inst->state, GCSCHED_STATE_STOPPED);
}

/*
 * START's first half: the runtime of @inst's config, its Gs and Ms, with
 * no thread yet; the budget must also have room for the threads if
 * @threads. On failure all of it is freed again and the instance is left
 * stopped.
 */
static int runtime_build(struct gcsched_instance *inst, bool threads)
{
	struct gcsched_config cfg = inst->cfg;
	u64 need;
	int ret;

	lockdep_assert_held(&inst->ioctl_lock);
	ret = gcsched_state_check(inst);
	if (ret)
		return ret;
	/*
	 * Without a CONFIGURE the defaults run, which were never checked
	 * against this machine (nr_workers is the online CPUs now).
	 */
	ret = gcsched_config_check(&cfg);
	if (ret)
		return ret;
	inst->cfg = cfg;
	inst->policy = &gcsched_policies[cfg.policy];
	/* the last run's window goes now: its memory is this run's */
	gcsched_tl_free(inst);
	need = gcsched_config_need(&inst->cfg);
	if (!threads)
		need -= gcsched_config_threads_bytes(&inst->cfg);
	ret = wait_for_budget(need);
	if (ret)
		return ret;

	gcsched_stats_reset(inst);
	inst->nr_gs = gcsched_config_nr_gs(&inst->cfg);	/* INV_TASKS */
	inst->nr_ms = inst->cfg.nr_workers;
	inst->stack_limit = (u64)gcsched_max_stack_mib << 20;
	inst->stw.participants = inst->nr_ms +
		!!(inst->cfg.flags & GCSCHED_CFG_NETPOLL_STW_STOP);
	atomic_long_set(&inst->netpoll.p.status, P_MAKE(0UL, P_RUNNING));
	init_llist_head(&inst->netpoll.events);
	gcsched_stw_reset(inst);
	atomic_set(&inst->dying, 0);
	/* The clock starts with the world, not with the Gs' creation: a
	 * million of them take seconds, which are no one's time to failure.
	 */
	inst->start_ns = 0;
	WRITE_ONCE(inst->stop_ns, 0);

	inst->remains = gcsched_alloc_why(inst, sizeof(*inst->remains), &ret);
	if (!inst->remains)
		goto fail_abort;
	ret = gcsched_tl_start(inst);
	if (ret)
		goto fail_abort;
	ret = gcsched_selects_create(inst);
	if (ret)
		goto fail_abort;
	ret = create_gs(inst);
	if (ret)
		goto fail_abort;
	ret = create_ms(inst);
	if (ret)
		goto fail_abort;
	return 0;

fail_abort:
	runtime_abort(inst);
	return ret;
}

/* START's end: the world begins, its clock with it. */
static void runtime_run(struct gcsched_instance *inst)
{
	inst->threads_live = true;
	atomic_set(&inst->state, GCSCHED_STATE_RUNNING);
	/* One pair, on one CPU: the rate of every stamp's conversion. */
	preempt_disable();
	inst->start_stamp = gcsched_stamp();
	inst->start_ns = local_clock();
	preempt_enable();
}

/**
 * gcsched_start() - START: build the runtime and set it running
 * @inst: the instance; the caller holds ioctl_lock
 *
 * Everything is allocated before any thread runs; on failure all of it is
 * freed again and the instance is left stopped.
 *
 * Context: process context, holds ioctl_lock; dies promptly on SIGKILL.
 * Return: 0; the errno of gcsched_state_check() or gcsched_config_check();
 * -ENOSPC if the module's memory budget has no room for it now; -ENOMEM;
 * -EINTR if the caller was killed.
 */
int gcsched_start(struct gcsched_instance *inst)
{
	int ret;

	ret = runtime_build(inst, true);
	if (ret)
		return ret;
	ret = create_threads(inst);
	if (ret)
		goto fail_stop_threads;
	runtime_run(inst);
	wake_threads(inst);
	return 0;

fail_stop_threads:
	threads_stop(inst);
	runtime_abort(inst);
	return ret;
}

/**
 * gcsched_start_threadless() - START without a thread, for the bench
 * @inst: the instance; the caller holds ioctl_lock
 *
 * The runtime of @inst's config, built as START builds it and marked
 * running, that no thread runs: bench.c drives the protocol on its Gs and
 * Ms by hand. gcsched_stop() (or closing the instance) frees it.
 *
 * Context: process context, holds ioctl_lock; dies promptly on SIGKILL.
 * Return: as gcsched_start().
 */
int gcsched_start_threadless(struct gcsched_instance *inst)
{
	int ret = runtime_build(inst, false);

	if (!ret)
		runtime_run(inst);
	return ret;
}

/**
 * gcsched_stop() - STOP: end every thread and free the runtime
 * @inst: the instance; the caller holds ioctl_lock
 *
 * Returns once every kthread of the instance is gone; the memory is freed
 * by the teardown workqueue, and stays charged to the budget until then.
 * Statistics and the report stay readable until the next START. Stopping
 * a stopped instance does nothing.
 *
 * Context: process context, holds ioctl_lock; not interruptible (close()
 * calls it too), bounded by how soon the threads reach a safe point.
 *
 * Return: 0.
 */
int gcsched_stop(struct gcsched_instance *inst)
{
	lockdep_assert_held(&inst->ioctl_lock);
	if (!inst->threads_live)
		return 0;
	threads_stop(inst);
	inst->threads_live = false;
	WRITE_ONCE(inst->stop_ns, local_clock());
	memset(inst->final_by_status, 0, sizeof(inst->final_by_status));
	gcsched_count_by_status(inst, inst->final_by_status);
	runtime_free(inst);
	atomic_set(&inst->state, GCSCHED_STATE_STOPPED);
	return 0;
}

/**
 * gcsched_instance_create() - a new, idle instance with the default config
 *
 * Context: process context (open()); may sleep; takes no lock.
 * Return: the instance, or NULL.
 */
struct gcsched_instance *gcsched_instance_create(void)
{
	struct gcsched_instance *inst;

	inst = gcsched_alloc(NULL, sizeof(*inst));
	if (!inst)
		return NULL;
	if (!gcsched_charge(PCPU_BYTES))
		goto fail_budget;
	inst->pcpu = alloc_percpu_gfp(struct gcsched_pcpu, GFP_KERNEL_ACCOUNT);
	if (!inst->pcpu)
		goto fail_pcpu;
	atomic_long_inc(&gcsched_live_objs);
	atomic_long_add(PCPU_BYTES, &gcsched_live_bytes);
	mutex_init(&inst->ioctl_lock);
	spin_lock_init(&inst->report_lock);
	spin_lock_init(&inst->stackpool.lock);
	init_waitqueue_head(&inst->report_wq);
	init_waitqueue_head(&inst->gc_wq);
	gcsched_sched_init(inst);
	gcsched_stw_init(inst);
	gcsched_mark_init(inst);
	init_waitqueue_head(&inst->netpoll.wq);
	init_llist_head(&inst->netpoll.events);
	atomic_set(&inst->state, GCSCHED_STATE_IDLE);
	gcsched_config_defaults(&inst->cfg);
	inst->policy = &gcsched_policies[inst->cfg.policy];
	return inst;

fail_pcpu:
	gcsched_uncharge(PCPU_BYTES);
fail_budget:
	gcsched_free(inst, sizeof(*inst));
	return NULL;
}

/**
 * gcsched_instance_destroy() - stop and free an instance, at close()
 * @inst: the instance; nobody else refers to it any more
 *
 * Context: process context (release()), without ioctl_lock or stw.gc_lock;
 * takes ioctl_lock and sleeps until the instance's kthreads are gone.
 */
void gcsched_instance_destroy(struct gcsched_instance *inst)
{
	mutex_lock(&inst->ioctl_lock);
	gcsched_stop(inst);
	gcsched_tl_free(inst);
	mutex_unlock(&inst->ioctl_lock);
	free_percpu(inst->pcpu);
	gcsched_uncharge(PCPU_BYTES);
	atomic_long_dec(&gcsched_live_objs);
	atomic_long_sub(PCPU_BYTES, &gcsched_live_bytes);
	gcsched_free(inst, sizeof(*inst));
}
