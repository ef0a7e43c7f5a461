/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the gcsched kselftests. */
#ifndef GCSCHED_TEST_H
#define GCSCHED_TEST_H

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/gcsched.h>

#define GCSCHED_DEV "/dev/gcsched"
#define GCSCHED_KSFT_SKIP 4	/* kselftest.h's KSFT_SKIP */

/*
 * Every program needs the module: without /dev/gcsched (on a machine where
 * it is not loaded) it skips, the kselftest way, before any test runs. In
 * the VM, where the module is always loaded, run-vm.sh counts any skip as
 * a failure: a module that failed to load is never a quiet pass.
 */
__attribute__((constructor)) static void gcsched_need_device(void)
{
	if (!access(GCSCHED_DEV, F_OK))
		return;
	printf("1..0 # SKIP %s is absent: load the module first (modprobe gcsched)\n",
	       GCSCHED_DEV);
	exit(GCSCHED_KSFT_SKIP);
}

/*
 * The uapi header's range table of CONFIGURE fields (GCSCHED_CONFIG_RANGES),
 * as the config-space test and the fuzzer walk it.
 */
struct range {
	const char *name;
	size_t offset, width;
	unsigned int field;
	unsigned long long least, greatest, def;
};

static const struct range ranges[] = {
#define X(f, F, lo, hi, d)						\
	{ #f, offsetof(struct gcsched_config, f),			\
	  sizeof(((struct gcsched_config *)0)->f),			\
	  GCSCHED_FIELD_##F, lo, hi, d },
	GCSCHED_CONFIG_RANGES(X)
#undef X
};
#define NR_RANGES (sizeof(ranges) / sizeof(ranges[0]))

static inline unsigned long long range_get(const struct gcsched_config *c,
					   const struct range *r)
{
	const void *p = (const char *)c + r->offset;

	return r->width == 8 ? *(const uint64_t *)p : *(const uint32_t *)p;
}

static inline void range_set(struct gcsched_config *c, const struct range *r,
			     unsigned long long v)
{
	void *p = (char *)c + r->offset;

	if (r->width == 8)
		*(uint64_t *)p = v;
	else
		*(uint32_t *)p = v;
}

static inline const struct range *range_of(const char *name)
{
	for (size_t i = 0; i < NR_RANGES; i++)
		if (!strcmp(ranges[i].name, name))
			return &ranges[i];
	return NULL;
}

/* ioctl() as 0 or -errno. */
static inline int gc_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

static inline int gc_open(void)
{
	return open(GCSCHED_DEV, O_RDWR | O_CLOEXEC);
}

static inline struct gcsched_config gc_config(unsigned int policy)
{
	struct gcsched_config c;

	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.policy = policy;
	c.seed = 1;
	return c;
}

static inline int gc_configure(int fd, struct gcsched_config *c)
{
	return gc_ioctl(fd, GCSCHED_IOC_CONFIGURE, c);
}

static inline int gc_start(int fd)
{
	struct gcsched_start s = { .size = sizeof(s) };

	return gc_ioctl(fd, GCSCHED_IOC_START, &s);
}

static inline int gc_stop(int fd)
{
	struct gcsched_start s = { .size = sizeof(s) };

	return gc_ioctl(fd, GCSCHED_IOC_STOP, &s);
}

/* STATS into a heap buffer the caller frees; NULL on error. */
static inline struct gcsched_stats *gc_stats(int fd)
{
	struct gcsched_stats *st = calloc(1, sizeof(*st));

	if (!st)
		return NULL;
	st->size = sizeof(*st);
	if (gc_ioctl(fd, GCSCHED_IOC_STATS, st)) {
		free(st);
		return NULL;
	}
	return st;
}

/*
 * A debug, KCSAN or coverage kernel (run-vm's SLOW=1): tests size their
 * largest instances for it, and make natural races likelier.
 */
static inline int slow_kernel(void)
{
	return getenv("GCSCHED_SLOW") != NULL;
}

static inline double gc_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Wait up to @secs for the instance to wedge or crash (poll on EPOLLPRI).
 * Return: 1 if it did, 0 on timeout, -errno on error.
 */
static inline int gc_wait_failure(int fd, double secs)
{
	struct pollfd p = { .fd = fd, .events = POLLPRI };
	int r = poll(&p, 1, (int)(secs * 1000));

	if (r < 0)
		return -errno;
	return r > 0 && (p.revents & POLLPRI);
}

/*
 * Run until @cycles GC cycles completed, the instance failed, or @secs
 * passed. Return: the last STATS (caller frees), or NULL.
 */
static inline struct gcsched_stats *gc_run_cycles(int fd, unsigned long long cycles,
						  double secs)
{
	double end = gc_now() + secs;
	struct gcsched_stats *st = NULL;

	for (;;) {
		free(st);
		st = gc_stats(fd);
		if (!st || st->gc_cycles >= cycles ||
		    st->state != GCSCHED_STATE_RUNNING || gc_now() > end)
			return st;
		if (gc_wait_failure(fd, 0.2) < 0)
			return st;
	}
}

#define GCSCHED_DBG "/sys/kernel/debug/gcsched"

/* The module's live allocations (debugfs memory), or -1. */
static inline long gc_live_objects(void)
{
	char buf[128];
	long objs = -1;
	FILE *f = fopen(GCSCHED_DBG "/memory", "r");

	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f))
		sscanf(buf, "objects %ld", &objs);
	fclose(f);
	return objs;
}

/*
 * The module's threads that are still alive: kthreads (not gcschedctl)
 * named @name, or whose name starts with @name when @prefix; -1 if /proc
 * cannot be read.
 *
 * A thread that has begun to exit (PF_EXITING in /proc/PID/stat's flags) is
 * not counted. kthread_stop() returns once the thread's function has
 * returned and the thread is in do_exit(); the task stays in /proc until
 * exit_notify() reaps it, and under TCG that tail was seen to outlive the
 * close() that stopped it (15 closes in 1500 in the VM). Such a thread runs no
 * module code and is gone a moment later: counting it made "nothing is left
 * behind" fail now and then, while a thread the module forgot to stop never
 * has the flag and is always counted.
 */
#define GC_PF_EXITING 0x00000004	/* include/linux/sched.h */
#define GC_PF_KTHREAD 0x00200000
static inline int gc_live_threads(const char *name, int prefix)
{
	char path[64], buf[512], *comm, *end;
	unsigned long flags;
	struct dirent *d;
	int n = 0;
	DIR *dir = opendir("/proc");
	FILE *f;

	if (!dir)
		return -1;
	while ((d = readdir(dir))) {
		size_t len;

		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%.20s/stat", d->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;	/* reaped since readdir() */
		len = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		buf[len] = 0;
		/* "pid (comm) state ppid pgrp session tty_nr tpgid flags ..." */
		comm = strchr(buf, '(');
		end = strrchr(buf, ')');
		if (!comm || !end || end < comm)
			continue;
		*end = 0;
		comm++;
		if (prefix ? strncmp(comm, name, strlen(name)) : strcmp(comm, name))
			continue;
		if (sscanf(end + 1, " %*c %*d %*d %*d %*d %*d %lu", &flags) != 1)
			continue;
		n += (flags & GC_PF_KTHREAD) && !(flags & GC_PF_EXITING);
	}
	closedir(dir);
	return n;
}

/* Make the instance's @n-th allocation from now fail (0: none). */
/* Write @n to the instance's debugfs knob @name (fail_nth, inject_wake). */
static inline int gc_set_knob(int fd, const char *name, int n)
{
	struct gcsched_stats *st = gc_stats(fd);
	char path[96];
	FILE *f;

	if (!st)
		return -1;
	snprintf(path, sizeof(path), GCSCHED_DBG "/%u/%s", st->instance_id, name);
	free(st);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%d\n", n);
	return fclose(f) ? -1 : 0;
}

static inline int gc_set_fail_nth(int fd, int n)
{
	return gc_set_knob(fd, "fail_nth", n);
}

static inline unsigned long long gc_sum(const unsigned long long *v, int n)
{
	unsigned long long s = 0;

	while (n--)
		s += v[n];
	return s;
}

#endif /* GCSCHED_TEST_H */
