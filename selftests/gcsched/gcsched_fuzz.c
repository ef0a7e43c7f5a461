// SPDX-License-Identifier: GPL-2.0
/*
 * gcsched_fuzz: random ioctls against /dev/gcsched from several processes
 * and threads, on shared and separate fds, with random close, fork and
 * kill. Real commands with random sizes and contents, random commands, bad
 * pointers. Seeded and reproducible in its choices (--seed); bounded by
 * --seconds and --iterations; prints the iterations done.
 *
 *   gcsched_fuzz [--seed S] [--seconds T] [--iterations N] [--procs P]
 *                [--threads K] [--lives K] [--storm K]
 *
 * Each process runs --threads threads of every kind of call (whole
 * lives on fds of their own, random ioctls on the shared fds, closes),
 * --lives threads of whole lives only (CONFIGURE, START, GCs, STOP: the
 * accepted START, GC and STOP counts), and --storm threads of every
 * command but START, on fds of their own that therefore never run: calls
 * that wait for no instance's thread, which make most of the count (the
 * parsing, the checks and the idle paths).
 *
 * It checks nothing itself: the kernel must survive it, and whoever runs
 * it checks afterwards that no thread, memory or debugfs entry is left.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/gcsched.h>

#include "gcsched_test.h"

#define MAX_FDS		8
#define STORM_FDS	3
#define BUF_SIZE	(3 * sizeof(struct gcsched_stats))

static uint64_t seed = 1, max_iters = ~0ULL;
static double seconds = 10;
static int nprocs = 3, nthreads = 2, nlives = 3, nstorm = 2;
static double deadline;
static void *unmapped;

struct rng {
	uint64_t s;
};

static uint64_t next(struct rng *r)
{
	/* splitmix64 */
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t below(struct rng *r, uint64_t n)
{
	return n ? next(r) % n : 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Calls and successes per kind, shared by every process (mmap): the six
 * commands, then any other number.
 */
enum { K_INFO, K_CONFIGURE, K_START, K_STOP, K_GC, K_STATS, K_HIST, K_TIMELINE, K_OTHER,
       NR_KINDS };
static const char *const kind_names[NR_KINDS] = {
	"INFO", "CONFIGURE", "START", "STOP", "GC", "STATS", "HIST", "TIMELINE", "other",
};
static struct counts {
	unsigned long long calls[NR_KINDS];
	unsigned long long ok[NR_KINDS];
	unsigned long long ns[NR_KINDS];	/* time inside the ioctl */
	/* fuzz_life()'s: STARTs, and GCs and STOPs of a running instance */
	unsigned long long life_starts, life_gcs, life_stops;
} *counts;

static const unsigned long cmds[] = {
	[K_INFO] = GCSCHED_IOC_INFO, [K_CONFIGURE] = GCSCHED_IOC_CONFIGURE,
	[K_START] = GCSCHED_IOC_START, [K_STOP] = GCSCHED_IOC_STOP,
	[K_GC] = GCSCHED_IOC_GC, [K_STATS] = GCSCHED_IOC_STATS,
	[K_HIST] = GCSCHED_IOC_HIST, [K_TIMELINE] = GCSCHED_IOC_TIMELINE,
};
#define NR_CMDS (sizeof(cmds) / sizeof(cmds[0]))
_Static_assert(NR_CMDS == K_OTHER, "a kind per command");
static const size_t sizes[] = {
	[K_INFO] = sizeof(struct gcsched_info),
	[K_CONFIGURE] = sizeof(struct gcsched_config),
	[K_START] = sizeof(struct gcsched_start),
	[K_STOP] = sizeof(struct gcsched_start),
	[K_GC] = sizeof(struct gcsched_gc),
	[K_STATS] = sizeof(struct gcsched_stats),
	[K_HIST] = sizeof(struct gcsched_hist_query),
	[K_TIMELINE] = sizeof(struct gcsched_timeline_query),
};

static int is_stack(size_t i)
{
	return !strcmp(ranges[i].name, "stack_min") || !strcmp(ranges[i].name, "stack_max");
}

/*
 * A value for field @i, biased to where bugs live: the edges of its range
 * (least, greatest, one step inside and outside), its default, a small
 * value, or anything at all.
 */
static uint64_t edge_value(struct rng *r, size_t i)
{
	uint64_t lo = ranges[i].least, hi = ranges[i].greatest;
	uint64_t step = !strcmp(ranges[i].name, "frame_size") ? 8 : 1;

	if (is_stack(i)) {
		switch (below(r, 6)) {
		case 0: return lo;
		case 1: return hi;
		case 2: return lo << below(r, 6);
		case 3: return hi >> below(r, 6);
		case 4: return 0;
		default: return 1ULL << below(r, 28);
		}
	}
	switch (below(r, 10)) {
	case 0: return lo;
	case 1: return hi;
	case 2: return lo + step;
	case 3: return hi - step;
	case 4: return lo ? lo - step : 0;
	case 5: return hi + step;
	case 6: return 0;
	case 7: return ranges[i].def;
	case 8: return next(r);
	default: return lo + below(r, 64) * step;
	}
}

/*
 * A configuration: every field at an edge now and then, and, more often
 * than not, the rules that tie fields together kept, so that such edges
 * do start and run (small instances, to keep the rate up).
 */
static void random_config(struct rng *r, struct gcsched_config *c)
{
	c->policy = below(r, 10) ? below(r, GCSCHED_NR_POLICIES) : below(r, 256);
	c->flags = below(r, 10) ? below(r, GCSCHED_CFG_ALL + 1) : next(r);
	c->gc_mode = below(r, 10) ? below(r, GCSCHED_GC_INTERVAL + 1) : next(r);
	c->netpoll_model = below(r, 10) ? below(r, GCSCHED_NR_NETPOLL_MODELS) : next(r);
	c->__reserved = below(r, 32) ? 0 : next(r);
	c->nr_selects = below(r, 32) ? 0 : next(r);
	c->seed = next(r);
	for (size_t i = 0; i < NR_RANGES; i++)
		range_set(c, &ranges[i], below(r, 3) ? 0 : edge_value(r, i));
	if (below(r, 4)) {
		/* mostly valid: small, and the cross-field rules kept */
		uint32_t smin = c->stack_min ? c->stack_min : 2048;
		uint32_t fs = c->frame_size & ~7u;

		c->nr_pairs = below(r, 10) ? 1 + below(r, 16) : c->nr_pairs % 4096;
		/* few Ms: the fuzzer's own threads need the CPUs to call */
		c->nr_workers = below(r, 8) ? 1 + below(r, 2) : c->nr_workers % 5;
		c->gc_procs %= c->nr_workers ? c->nr_workers + 1 : 2;
		/* a spinner stalls a go1.4 stop for 10 s: now and then */
		c->nr_spinners = below(r, 16) ? 0 : below(r, 3);
		/* a select group now and then, under a policy with select */
		c->nr_selects = below(r, 4) ? 0 : below(r, 4);
		if (c->nr_selects && below(r, 2))
			c->policy = below(r, 2) ? GCSCHED_POLICY_GO17 : GCSCHED_POLICY_GO17_BETA2;
		if (c->stack_max && c->stack_max < smin)
			c->stack_max = smin;
		c->frame_size = fs;
		if (!fs)
			fs = 128;
		/*
		 * Shallow: the seed's depth (the default, 1000) makes every
		 * step a large memset, and an instance on a shared fd runs
		 * until someone stops it, with its Ms taking the CPUs.
		 */
		if (!c->bigstack_depth ||
		    c->bigstack_depth > (c->stack_max ? c->stack_max : 1 << 20) / fs / 2)
			c->bigstack_depth = 1 + below(r, 64);
		/*
		 * The edges between fields: a frame as large as the first
		 * stack or several times it, or a bigstack that fills
		 * stack_max to the byte.
		 */
		switch (below(r, 4)) {
		case 0:
			c->frame_size = smin << below(r, 4);
			if (c->frame_size > 4096)
				c->frame_size = 4096 - 8 * below(r, 2);
			c->bigstack_depth = 1 + below(r, 4);
			break;
		case 1:
			/* at most 1 MiB: a 64 MiB bigstack per step would take the CPUs */
			if (!c->stack_max || c->stack_max > 1 << 20)
				c->stack_max = 1 << 20;
			if (c->stack_min > c->stack_max)
				c->stack_min = 0;
			fs = c->frame_size ? c->frame_size : 128;
			c->bigstack_depth = (c->stack_max - 64) / fs;
			c->nr_pairs = 1 + below(r, 2);
			break;
		default:
			break;
		}
		if (c->wedge_timeout_ms > 2000)
			c->wedge_timeout_ms = 1 + below(r, 2000);
		/*
		 * What keeps a CPU busy for as long as the instance runs,
		 * now and then only: a network faster than 100 us (the Ms
		 * never sleep), a collector that never rests (continuous,
		 * the default, or a short interval).
		 */
		if (c->netpoll_delay_ns && c->netpoll_delay_ns < 100000 && below(r, 8))
			c->netpoll_delay_ns = 100000 + below(r, 4000000);
		if (c->gc_mode == GCSCHED_GC_CONTINUOUS && below(r, 8))
			c->gc_mode = GCSCHED_GC_MANUAL;
		if (c->gc_mode == GCSCHED_GC_INTERVAL && c->gc_interval_us < 1000 &&
		    below(r, 8))
			c->gc_interval_us = 1000 + below(r, 10000);
		/*
		 * A GC's race windows add up to nr_gs x race_window_ns: keep
		 * that near 2 ms, or a few GCs take all of the run's time.
		 */
		if ((uint64_t)c->nr_pairs * 2 * c->race_window_ns > 2000000)
			c->race_window_ns = below(r, 2) ? 0 :
				2000000 / (2 * (uint64_t)(c->nr_pairs ? c->nr_pairs : 100));
	}
}

/*
 * A small configuration that keeps every rule: one that starts. Cheap to
 * start and cheap to run, since the rate of accepted STARTs is what this
 * bounds: mostly the fewest kthreads (one M, the netpoller, a manual GC;
 * each is a kthread_create() made by kthreadd, one after the other), a
 * shallow bigstack and a network slow enough that the Ms mostly sleep
 * (an M that never sleeps takes a CPU from the fuzzer's own threads).
 * Now and then the seed's depth or a fast network, which do run hot.
 */
static void valid_config(struct rng *r, struct gcsched_config *c)
{
	int few = below(r, 4);

	memset(c, 0, sizeof(*c));
	c->size = sizeof(*c);
	c->policy = below(r, GCSCHED_NR_POLICIES);
	c->gc_mode = few || below(r, 2) ? GCSCHED_GC_MANUAL :
		below(r, GCSCHED_GC_INTERVAL + 1);
	c->seed = next(r);
	c->nr_workers = few ? 1 : 1 + below(r, 2);
	c->gc_procs = 1 + below(r, c->nr_workers);
	c->nr_pairs = 1 + below(r, 8);
	c->race_window_ns = below(r, 2) ? 0 : below(r, 100000);
	c->netpoll_delay_ns = below(r, 8) ? 100000 + below(r, 4000000) :
		1 + below(r, 100000);
	c->gc_interval_us = 100 + below(r, 10000);
	c->wedge_timeout_ms = 1 + below(r, 200);
	c->bigstack_depth = below(r, 16) ? 1 + below(r, 8) : 0;
	if (below(r, 2)) {
		c->stack_min = GCSCHED_STACK_LEAST << below(r, 3);
		c->frame_size = 32 + 8 * below(r, 4096 / 8 - 4);
		c->bigstack_depth = 1 + below(r, 4);
	}
}

static void count(unsigned long long *n)
{
	__atomic_fetch_add(n, 1, __ATOMIC_RELAXED);
}

static int counted_ioctl(int fd, unsigned long cmd, void *arg, size_t kind)
{
	double t = now();
	int ret = ioctl(fd, cmd, arg);

	__atomic_fetch_add(&counts->ns[kind], (unsigned long long)((now() - t) * 1e9),
			   __ATOMIC_RELAXED);
	count(&counts->calls[kind]);
	if (!ret)
		count(&counts->ok[kind]);
	return ret;
}

/*
 * HIST's entries go where its query points: somewhere of the buffer's
 * (past the query), or nowhere the process has. Never a random address,
 * which could be one of the fuzzer's own. Entry sizes near the limits;
 * counts around GCSCHED_NR_HISTS, clamped to what the buffer holds.
 */
#define HIST_AT 64
static void hist_query(struct rng *r, unsigned char *buf)
{
	struct gcsched_hist_query *q = (struct gcsched_hist_query *)buf;
	const uint32_t first = sizeof(struct gcsched_hist);
	uint32_t esize = (uint32_t[]){ first, first - 8, first + 8 * below(r, 64),
				       4096, 4096 + 8, next(r) }[below(r, 6)];
	uint32_t count = below(r, 4) ? below(r, GCSCHED_NR_HISTS + 3) : next(r);

	if (esize >= first && esize <= 4096 &&
	    HIST_AT + (uint64_t)esize * (count < GCSCHED_NR_HISTS ? count : GCSCHED_NR_HISTS) > BUF_SIZE)
		count = (BUF_SIZE - HIST_AT) / esize;
	q->count = count;
	q->entry_size = esize;
	q->__reserved = below(r, 32) ? 0 : next(r);
	q->hists = below(r, 8) ? (uintptr_t)(buf + HIST_AT) :
		(uintptr_t)(void *[]){ NULL, unmapped,
				       (void *)0xffffffff81000000UL }[below(r, 3)];
}

/* TIMELINE's events, as HIST's entries: into the buffer, or nowhere. */
static void timeline_query(struct rng *r, unsigned char *buf)
{
	struct gcsched_timeline_query *q = (struct gcsched_timeline_query *)buf;
	const uint32_t first = sizeof(struct gcsched_tl_event);
	uint32_t esize = (uint32_t[]){ first, first - 8, first + 8 * below(r, 64),
				       4096, 4096 + 8, next(r) }[below(r, 6)];
	uint32_t count = below(r, 4) ? below(r, 64) : next(r);

	if (esize >= first && esize <= 4096 && HIST_AT + (uint64_t)esize * count > BUF_SIZE)
		count = (BUF_SIZE - HIST_AT) / esize;
	q->count = count;
	q->entry_size = esize;
	q->flags = below(r, 32) ? 0 : next(r);
	q->events = below(r, 8) ? (uintptr_t)(buf + HIST_AT) :
		(uintptr_t)(void *[]){ NULL, unmapped,
				       (void *)0xffffffff81000000UL }[below(r, 3)];
}

/*
 * One random ioctl. A storm thread's are every command but START, on fds
 * that only storm threads use: their instances never run, so no call
 * waits for a START, a GC or a STOP (on a debug kernel under emulation
 * those take 0.1-0.2 s, and a call behind one on the same fd waits that
 * long).
 */
static void fuzz_ioctl(struct rng *r, int fd, unsigned char *buf, int storm)
{
	static const size_t storm_cmds[] = { K_INFO, K_CONFIGURE, K_STOP, K_GC, K_STATS,
					     K_HIST, K_TIMELINE };
	size_t i = storm ? storm_cmds[below(r, sizeof(storm_cmds) / sizeof(storm_cmds[0]))] :
		below(r, NR_CMDS), kind = i;
	unsigned long cmd = cmds[i];
	void *arg = buf;
	uint32_t size = sizes[i];

	memset(buf, 0, BUF_SIZE);
	switch (below(r, 12)) {
	case 0:		/* random command number */
		cmd = below(r, 2) ? _IO(GCSCHED_IOC_TYPE, below(r, 256)) : next(r);
		kind = K_OTHER;
		for (size_t k = 0; k < NR_CMDS; k++)
			if (cmd == cmds[k])
				kind = k;
		break;
	case 1:		/* bad pointer */
		arg = (void *[]){ NULL, (void *)1, unmapped,
				  (void *)0xffffffff81000000UL }[below(r, 4)];
		break;
	case 2:		/* random size */
		size = below(r, BUF_SIZE);
		break;
	case 3:		/* larger, random tail */
		size = sizes[i] + 1 + below(r, 64);
		buf[sizes[i] + below(r, size - sizes[i])] = next(r);
		break;
	case 4:		/* random contents */
		for (size_t k = 0; k < sizes[i]; k++)
			buf[k] = next(r);
		break;
	default:
		break;
	}
	if (arg == buf) {
		/*
		 * Zeros are a valid config, the defaults, which run hot
		 * (an M per CPU, the seed's depth, a continuous GC): now
		 * and then only.
		 */
		if (cmd == GCSCHED_IOC_CONFIGURE && below(r, 16))
			random_config(r, (struct gcsched_config *)buf);
		if (cmd == GCSCHED_IOC_HIST)
			hist_query(r, buf);
		if (cmd == GCSCHED_IOC_TIMELINE)
			timeline_query(r, buf);
		memcpy(buf, &size, sizeof(size));
	}
	counted_ioctl(fd, cmd, arg, kind);
}

static int simple_ioctl(int fd, size_t kind)
{
	union {
		struct gcsched_info info;
		struct gcsched_start start;
		struct gcsched_gc gc;
		struct gcsched_stats stats;
		struct gcsched_hist_query hist;
		struct gcsched_timeline_query timeline;
	} u;

	memset(&u, 0, sizeof(u));
	u.start.size = sizes[kind];
	return counted_ioctl(fd, cmds[kind], &u, kind);
}

/*
 * A whole life on an fd of its own: CONFIGURE a valid small instance,
 * then one to three runs of START, a few GCs, STATS and INFO, STOP (the
 * last run sometimes just closed). Random ioctls rarely line these up;
 * this is what makes the accepted START, GC and STOP counts, and what the
 * other threads race with.
 */
static void fuzz_life(struct rng *r, unsigned char *buf)
{
	int fd = open("/dev/gcsched", O_RDWR | O_CLOEXEC);
	int runs = 1 + below(r, 3);

	if (fd < 0)
		return;
	valid_config(r, (struct gcsched_config *)buf);
	counted_ioctl(fd, GCSCHED_IOC_CONFIGURE, buf, K_CONFIGURE);
	while (runs--) {
		int n = below(r, 8), started = !simple_ioctl(fd, K_START);

		if (started)
			count(&counts->life_starts);
		while (n--) {
			size_t k = below(r, 2) ? K_GC :
				(size_t[]){ K_STATS, K_HIST, K_INFO, K_TIMELINE }[below(r, 4)];

			if (!simple_ioctl(fd, k) && started && k == K_GC)
				count(&counts->life_gcs);
		}
		if ((runs || below(r, 8)) && !simple_ioctl(fd, K_STOP) && started)
			count(&counts->life_stops);
	}
	close(fd);
}

/*
 * A thread's role: MIXED, any call (lives, random ioctls on the shared
 * fds, closes); LIFE, fuzz_life() only, which no random ioctl on a shared
 * fd holds up; STORM, fuzz_ioctl()'s storm, on fds of its own.
 */
enum { MIXED, LIFE, STORM };

struct worker {
	struct rng rng;
	int *fds;		/* the process's shared fds (a storm's own set) */
	int nfds;		/* how many */
	pthread_mutex_t *lock;	/* protects fds */
	int role;		/* MIXED, LIFE or STORM */
	unsigned long long iters;
};

static int pick_fd(struct worker *w)
{
	int i = below(&w->rng, w->nfds), fd;

	pthread_mutex_lock(w->lock);
	if (w->fds[i] < 0) {
		/*
		 * Mostly configured small at once: START with the defaults
		 * runs an M per CPU at the seed's depth until someone stops
		 * it, which leaves the fuzzer's threads little CPU.
		 */
		w->fds[i] = open("/dev/gcsched", O_RDWR | O_CLOEXEC);
		if (w->fds[i] >= 0 && below(&w->rng, 32)) {
			struct gcsched_config c;

			valid_config(&w->rng, &c);
			counted_ioctl(w->fds[i], GCSCHED_IOC_CONFIGURE, &c, K_CONFIGURE);
		}
	}
	fd = w->fds[i] >= 0 ? dup(w->fds[i]) : -1;
	pthread_mutex_unlock(w->lock);
	return fd;
}

static void close_random(struct worker *w)
{
	int i = below(&w->rng, w->nfds);

	pthread_mutex_lock(w->lock);
	if (w->fds[i] >= 0)
		close(w->fds[i]);
	w->fds[i] = -1;
	pthread_mutex_unlock(w->lock);
}

static void *thread_main(void *p)
{
	struct worker *w = p;
	unsigned char *buf = malloc(BUF_SIZE);

	while (buf && w->iters < max_iters && now() < deadline) {
		int fd;

		w->iters++;
		switch (w->role == STORM ? (below(&w->rng, 400) ? 40 : 0) :
			w->role == LIFE ? 2 : below(&w->rng, 40)) {
		case 0:
			close_random(w);
			continue;
		case 1:	/* an fd of its own, used once and closed */
			fd = open("/dev/gcsched", O_RDWR | O_CLOEXEC);
			break;
		case 2 ... 5:
			fuzz_life(&w->rng, buf);
			continue;
		default:
			fd = pick_fd(w);
		}
		if (fd < 0)
			continue;
		/*
		 * A burst on the fd: its ioctls race with the other
		 * threads' on the same instance, and the dup() and close()
		 * around them are paid once.
		 */
		for (int n = 1 + below(&w->rng, 16); n--; )
			fuzz_ioctl(&w->rng, fd, buf, w->role == STORM);
		close(fd);
	}
	free(buf);
	return NULL;
}

/* One process: threads on shared fds; sometimes a child that is killed. */
static unsigned long long process_main(uint64_t pseed)
{
	pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_t storm_lock = PTHREAD_MUTEX_INITIALIZER;
	int nt = nthreads + nlives + nstorm, storm_fds[MAX_FDS];
	struct worker *w = calloc(nt, sizeof(*w));
	pthread_t *t = calloc(nt, sizeof(*t));
	int fds[MAX_FDS];
	unsigned long long total = 0;
	struct rng r = { pseed };

	for (int i = 0; i < MAX_FDS; i++)
		fds[i] = storm_fds[i] = -1;
	for (int i = 0; i < nt; i++) {
		w[i].rng.s = pseed * 1000 + i;
		w[i].role = i < nthreads ? MIXED : i < nthreads + nlives ? LIFE : STORM;
		w[i].fds = w[i].role == STORM ? storm_fds : fds;
		/* a few: max_instances (64) is shared by every process */
		w[i].nfds = w[i].role == STORM ? STORM_FDS : MAX_FDS;
		w[i].lock = w[i].role == STORM ? &storm_lock : &lock;
		pthread_create(&t[i], NULL, thread_main, &w[i]);
	}
	/* meanwhile: fork children that hold the fds, and kill some */
	while (now() < deadline && total < max_iters) {
		pid_t pid;
		int fd;

		usleep(50000 + below(&r, 200000));
		pthread_mutex_lock(&lock);
		pid = fork();
		if (!pid) {
			struct worker cw = { .rng = { next(&r) }, .fds = fds, .nfds = MAX_FDS,
					     .lock = &lock };

			/* the child's copy of the lock may be held: use fresh ones */
			pthread_mutex_init(&lock, NULL);
			deadline = now() + below(&cw.rng, 1000) / 1000.0;
			max_iters = 200;
			thread_main(&cw);
			_exit(0);
		}
		fd = fds[below(&r, MAX_FDS)];
		fd = fd >= 0 ? dup(fd) : -1;
		pthread_mutex_unlock(&lock);
		/*
		 * And a STOP on a shared fd, racing with the threads: what
		 * was started there runs for a few ticks, not for the run.
		 */
		if (fd >= 0) {
			struct gcsched_start s = { .size = sizeof(s) };

			counted_ioctl(fd, GCSCHED_IOC_STOP, &s, K_STOP);
			close(fd);
		}
		if (pid > 0) {
			if (below(&r, 2)) {
				usleep(below(&r, 300000));
				kill(pid, SIGKILL);
			}
			waitpid(pid, NULL, 0);
		}
		total = 0;
		for (int i = 0; i < nt; i++)
			total += __atomic_load_n(&w[i].iters, __ATOMIC_RELAXED);
	}
	total = 0;
	for (int i = 0; i < nt; i++) {
		pthread_join(t[i], NULL);
		total += w[i].iters;
	}
	for (int i = 0; i < MAX_FDS; i++) {
		if (fds[i] >= 0)
			close(fds[i]);
		if (storm_fds[i] >= 0)
			close(storm_fds[i]);
	}
	free(w);
	free(t);
	return total;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "seconds", required_argument, NULL, 't' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "procs", required_argument, NULL, 'p' },
		{ "threads", required_argument, NULL, 'j' },
		{ "lives", required_argument, NULL, 'l' },
		{ "storm", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long total = 0, calls = 0;
	double started = now(), elapsed;
	int opt, pipes[2], status;

	while ((opt = getopt_long(argc, argv, "s:t:n:p:j:l:k:", opts, NULL)) != -1) {
		switch (opt) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 't': seconds = atof(optarg); break;
		case 'n': max_iters = strtoull(optarg, NULL, 0); break;
		case 'p': nprocs = atoi(optarg); break;
		case 'j': nthreads = atoi(optarg); break;
		case 'l': nlives = atoi(optarg); break;
		case 'k': nstorm = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: gcsched_fuzz [--seed S] [--seconds T] [--iterations N] [--procs P] [--threads K] [--lives K] [--storm K]\n");
			return 2;
		}
	}
	if (nprocs < 1 || nthreads < 1 || nlives < 0 || nstorm < 0 || seconds <= 0) {
		fprintf(stderr, "gcsched_fuzz: --procs, --threads and --seconds must be positive, --lives and --storm not negative\n");
		return 2;
	}
	unmapped = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	counts = mmap(NULL, sizeof(*counts), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counts == MAP_FAILED)
		return 1;
	deadline = now() + seconds;
	if (pipe(pipes))
		return 1;
	for (int p = 0; p < nprocs; p++) {
		if (!fork()) {
			unsigned long long n = process_main(seed * 7919 + p);

			if (write(pipes[1], &n, sizeof(n)) != sizeof(n))
				_exit(1);
			_exit(0);
		}
	}
	close(pipes[1]);
	for (int p = 0; p < nprocs; p++) {
		unsigned long long n;

		if (read(pipes[0], &n, sizeof(n)) == sizeof(n))
			total += n;
	}
	while (wait(&status) > 0)
		;
	elapsed = now() - started;
	for (int k = 0; k < NR_KINDS; k++)
		calls += counts->calls[k];
	printf("gcsched_fuzz: seed %llu, %d processes x (%d mixed + %d lives + %d storm) threads, %.0f s: %llu iterations, %llu ioctls (%.0f/s)\n",
	       (unsigned long long)seed, nprocs, nthreads, nlives, nstorm, elapsed, total, calls,
	       calls / elapsed);
	for (int k = 0; k < NR_KINDS; k++)
		printf("gcsched_fuzz:   %-9s %10llu calls %10llu accepted %9.3f ms each\n",
		       kind_names[k], counts->calls[k], counts->ok[k],
		       counts->calls[k] ? counts->ns[k] / 1e6 / counts->calls[k] : 0.0);
	printf("gcsched_fuzz:   of which whole lives: %llu STARTs, %llu GCs and %llu STOPs of a running instance\n",
	       counts->life_starts, counts->life_gcs, counts->life_stops);
	return 0;
}
