// SPDX-License-Identifier: GPL-2.0
/*
 * The edges and the aggregate, where users once hurt the kernel with
 * valid input:
 *  - a frame larger than the stack it is pushed on (an oops before);
 *  - every output struct is the kernel's alone (STATS once added into the
 *    caller's buffer);
 *  - a killed GC, START or STOP, and a close(), return within a second
 *    with the widest window and the most Gs the VM allows (a GC once
 *    ignored SIGKILL for 16-31 s);
 *  - one memory budget for the whole module: max_instances instances,
 *    each asking for all it may, neither OOM-kill anyone nor start more
 *    than fit (four once OOM-killed the shell that started them);
 *  - open() asks for CAP_SYS_ADMIN, not only the node's mode.
 */
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>

#include "gcsched_test.h"
#include "kselftest_harness.h"

/* A fixture of nothing: the harness gives a timeout only to TEST_F. */
FIXTURE(edge) {
	int unused;
};

FIXTURE_SETUP(edge)
{
}

FIXTURE_TEARDOWN(edge)
{
}

static struct gcsched_info info_of(int fd)
{
	struct gcsched_info info;

	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	gc_ioctl(fd, GCSCHED_IOC_INFO, &info);
	return info;
}

/* Run until @steps steps and @cycles GC cycles, a failure, or @secs. */
static struct gcsched_stats *run_until(int fd, unsigned long long steps,
				       unsigned long long cycles, double secs)
{
	double end = gc_now() + secs;
	struct gcsched_stats *st = NULL;

	for (;;) {
		free(st);
		st = gc_stats(fd);
		if (!st || (st->steps >= steps && st->gc_cycles >= cycles) ||
		    st->state != GCSCHED_STATE_RUNNING || gc_now() > end)
			return st;
		usleep(20000);
	}
}

/*
 * A frame larger than the first stack, or than twice it: the stack grows
 * until the frame fits, as Go's newstack does. Each of these oopsed the
 * kernel when bigstack() grew once per frame and then pushed regardless.
 */
/* Five instances of up to 30 s each: the debug kernel is slow. */
TEST_F_TIMEOUT(edge, frames_larger_than_the_stack, 300)
{
	static const struct { unsigned int stack_min, frame, depth; } cases[] = {
		{ 512, 1024, 1 },	/* twice the stack */
		{ 512, 4096, 1 },	/* eight times */
		{ 2048, 4040, 3 },	/* the default stack, a frame near it */
		{ 2048, 4096, 250 },
		{ 512, 2048, 100 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gcsched_config c = gc_config(GCSCHED_POLICY_GO14_FIXED);
		struct gcsched_stats *st;
		int fd = gc_open();

		ASSERT_LE(0, fd);
		c.stack_min = cases[i].stack_min;
		c.frame_size = cases[i].frame;
		c.bigstack_depth = cases[i].depth;
		c.nr_pairs = 10;
		ASSERT_EQ(0, gc_configure(fd, &c)) TH_LOG("case %zu", i);
		ASSERT_EQ(0, gc_start(fd));
		st = run_until(fd, 100, 5, 30);
		ASSERT_NE(NULL, st);
		EXPECT_EQ(GCSCHED_STATE_RUNNING, st->state)
			TH_LOG("case %zu: %s", i, (char *)st->report.msg);
		EXPECT_LE(100, st->steps) TH_LOG("case %zu", i);
		EXPECT_LT(0, st->stack_grows) TH_LOG("case %zu", i);
		EXPECT_EQ(0, st->verify_failures);
		free(st);
		EXPECT_EQ(0, gc_stop(fd));
		close(fd);
	}
	EXPECT_EQ(0, gc_live_objects());
}

/*
 * Every output struct is written whole by the kernel: a buffer full of
 * 0xff, used twice, reads the same twice, and nothing of the 0xff is left
 * in a reserved field or a counter.
 */
TEST_F_TIMEOUT(edge, outputs_are_the_kernels_alone, 120)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_GO14_FIXED);
	struct gcsched_stats *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	struct gcsched_info info;
	struct gcsched_gc gc;
	int fd = gc_open();

	ASSERT_LE(0, fd);
	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	c.nr_pairs = 5;
	c.gc_mode = GCSCHED_GC_MANUAL;
	ASSERT_EQ(0, gc_configure(fd, &c));
	ASSERT_EQ(0, gc_start(fd));
	memset(&gc, 0xff, sizeof(gc));
	gc.size = sizeof(gc);
	ASSERT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_GC, &gc));
	EXPECT_EQ(GCSCHED_GC_OK, gc.outcome);
	EXPECT_EQ(1, gc.cycle);
	EXPECT_EQ(10, gc.scanned);
	EXPECT_GE(10, gc.shrinks);	/* at most every G, not 0xff... */
	ASSERT_EQ(0, gc_stop(fd));

	/* stopped: nothing moves between the two calls */
	memset(a, 0xff, sizeof(*a));
	a->size = sizeof(*a);
	ASSERT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_STATS, a));
	memset(b, 0xff, sizeof(*b));
	b->size = sizeof(*b);
	ASSERT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_STATS, b));
	EXPECT_EQ(0, memcmp(a, b, sizeof(*a)));
	/* and the same buffer again, without clearing it: not doubled */
	ASSERT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_STATS, b));
	EXPECT_EQ(0, memcmp(a, b, sizeof(*a)));
	EXPECT_EQ(0, a->__reserved);
	EXPECT_EQ(1, a->gc_cycles);
	EXPECT_EQ(10, gc_sum(a->gs_by_status, GCSCHED_NR_SLOTS));
	EXPECT_EQ(1, gc_sum(a->pause_hist, GCSCHED_HIST_BUCKETS));
	EXPECT_EQ(GCSCHED_REPORT_NONE, a->report.kind);
	EXPECT_EQ(0, a->report.msg[0]);
	EXPECT_EQ(0, a->stw_stalls);

	memset(&info, 0xff, sizeof(info));
	info.size = sizeof(info);
	ASSERT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_INFO, &info));
	EXPECT_EQ(0, info.alloc_overhead & 7);	/* a kernel constant, not 0xff.. */
	EXPECT_EQ(GCSCHED_NR_POLICIES, info.nr_policies);
	for (int i = GCSCHED_NR_POLICIES; i < GCSCHED_INFO_MAX_POLICIES; i++)
		EXPECT_EQ(0, GCSCHED_INFO_POLICY_NAME(&info, i)[0]);
	free(a);
	free(b);
	close(fd);
}

static long meminfo_kib(const char *key)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)))
			sscanf(line + strlen(key), " %ld", &v);
	fclose(f);
	return v;
}

/*
 * The most Gs this VM allows in one instance: stack_min 512 and one-frame
 * stacks that never grow, as many as max_tasks, max_stack_mib and the
 * budget (a third of it, for a little room) let.
 */
static unsigned int most_pairs(const struct gcsched_info *info, unsigned int share)
{
	unsigned long long by_stack = ((unsigned long long)info->max_stack_mib << 20) / 1024;
	unsigned long long by_budget = ((unsigned long long)info->max_mem_mib << 20) / share /
				       (2ULL * (512 + info->alloc_overhead + info->g_cost));
	unsigned long long n = info->max_tasks / 2;

	if (by_stack < n)
		n = by_stack;
	if (by_budget < n)
		n = by_budget;
	return n;
}

/* A child does @what; the parent kills it after @after s: how long to die? */
enum { KILL_GC, KILL_START, KILL_STOP, KILL_CLOSE };

static double kill_latency(struct __test_metadata *_metadata, int what,
			   double after)
{
	struct gcsched_info info;
	int ready[2], status, fd;
	double t0;
	pid_t pid;
	char c;

	fd = gc_open();
	ASSERT_LE(0, fd);
	info = info_of(fd);
	close(fd);
	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		struct gcsched_config cfg = gc_config(GCSCHED_POLICY_MODERN);
		struct gcsched_gc gc = { .size = sizeof(gc) };

		fd = gc_open();
		if (fd < 0)
			_exit(1);
		cfg.gc_mode = GCSCHED_GC_MANUAL;
		cfg.stack_min = 512;
		cfg.frame_size = 32;
		cfg.bigstack_depth = 1;
		cfg.nr_workers = 1;
		cfg.nr_pairs = most_pairs(&info, slow_kernel() ? 24 : 3);
		if (what == KILL_GC) {
			/* the widest window: modern's is in every G's scan */
			cfg.race_window_ns = 1000000;
			cfg.nr_pairs = 10000;
		}
		if (gc_configure(fd, &cfg))
			_exit(2);
		if (what != KILL_START && gc_start(fd))
			_exit(3);
		if (write(ready[1], "r", 1) != 1)
			_exit(4);
		switch (what) {
		case KILL_GC:
			gc_ioctl(fd, GCSCHED_IOC_GC, &gc);
			break;
		case KILL_START:
			gc_start(fd);
			break;
		case KILL_STOP:
			gc_stop(fd);
			break;
		case KILL_CLOSE:
			close(fd);
			break;
		}
		pause();
		_exit(0);
	}
	close(ready[1]);
	EXPECT_EQ(1, read(ready[0], &c, 1));
	close(ready[0]);
	usleep(after * 1e6);
	t0 = gc_now();
	kill(pid, SIGKILL);
	EXPECT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status)) TH_LOG("child status %#x", status);
	return gc_now() - t0;
}

/*
 * SIGKILL ends a long command within a second (typically well under a
 * fifth of that): the GC with 20,000 Gs and a 1 ms window (20 s of work),
 * START and STOP and close() of the largest instance the VM allows.
 * Release cannot be interrupted, so STOP and close hand the teardown to a
 * workqueue; the memory is back once it ran.
 */
TEST_F_TIMEOUT(edge, killed_commands_return_within_a_second, 300)
{
	static const struct { const char *name; int what; double after; } cases[] = {
		{ "GC", KILL_GC, 1.0 },
		{ "START", KILL_START, 0.5 },
		{ "STOP", KILL_STOP, 0.0 },
		{ "close", KILL_CLOSE, 0.0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double t = kill_latency(_metadata, cases[i].what, cases[i].after);

		TH_LOG("%s killed: exited %.3f s later", cases[i].name, t);
		EXPECT_GT(1.0, t) TH_LOG("%s", cases[i].name);
	}
	EXPECT_EQ(0, gc_live_objects());
}

/*
 * One budget for the module: max_instances instances, each configured for
 * the most Gs it may have, start one after another. No OOM kill (this
 * process survives), at least floor(free budget / one instance's need)
 * start, the rest are ENOSPC, and the budget is at most half of RAM.
 */
static void budget_round(struct __test_metadata *_metadata,
			 const struct gcsched_info *info, unsigned int share)
{
	unsigned int n = info->max_instances, started = 0, refused = 0;
	unsigned long long budget = (unsigned long long)info->max_mem_mib << 20;
	unsigned long long need, used_kib = 0;
	struct gcsched_config cfg = gc_config(GCSCHED_POLICY_GO14_FIXED);
	int *fds = calloc(n, sizeof(int));
	unsigned int expect;

	ASSERT_NE(NULL, fds);
	cfg.gc_mode = GCSCHED_GC_MANUAL;
	cfg.stack_min = 512;
	cfg.frame_size = 32;
	cfg.bigstack_depth = 1;		/* never grows: the need is START's */
	cfg.nr_workers = 1;
	cfg.nr_pairs = most_pairs(info, share);
	for (unsigned int i = 0; i < n; i++) {
		fds[i] = gc_open();
		ASSERT_LE(0, fds[i]) TH_LOG("open %u: %s", i, strerror(errno));
		ASSERT_EQ(0, gc_configure(fds[i], &cfg));
	}
	/* what is charged before any START: every open instance's counters */
	used_kib = info_of(fds[0]).mem_used_kib;
	/* an upper bound of one instance's need: 64 KiB for the small parts */
	need = 2ULL * cfg.nr_pairs * (512 + info->alloc_overhead + info->g_cost) +
	       3ULL * info->thread_cost + (64 << 10);
	expect = (budget - (used_kib << 10)) / need;
	for (unsigned int i = 0; i < n; i++) {
		int ret = gc_start(fds[i]);

		if (!ret)
			started++;
		else if (ret == -ENOSPC)
			refused++;
		else
			EXPECT_EQ(0, ret) TH_LOG("START %u", i);
	}
	TH_LOG("%u pairs each (1/%u of the budget): %u started, %u refused, %u expected at least",
	       cfg.nr_pairs, share, started, refused, expect);
	EXPECT_LE(expect, started);
	EXPECT_LE(1, started);
	EXPECT_EQ(n, started + refused);
	EXPECT_GE((unsigned long long)info->max_mem_mib << 10, info_of(fds[0]).mem_used_kib);
	/* the ones that started run: each makes its steps */
	for (unsigned int i = 0; i < n; i++) {
		struct gcsched_stats *st = gc_stats(fds[i]);

		ASSERT_NE(NULL, st);
		if (st->state == GCSCHED_STATE_RUNNING) {
			free(st);
			st = run_until(fds[i], 1, 0, 30);
			ASSERT_NE(NULL, st);
			EXPECT_EQ(GCSCHED_STATE_RUNNING, st->state);
			EXPECT_LT(0, st->steps) TH_LOG("instance %u", i);
		}
		free(st);
		close(fds[i]);
	}
	free(fds);
	EXPECT_EQ(0, gc_live_objects());
}

TEST_F_TIMEOUT(edge, one_budget_for_every_instance, 600)
{
	struct gcsched_info info;
	long total = meminfo_kib("MemTotal:");
	int fd = gc_open();

	ASSERT_LE(0, fd);
	info = info_of(fd);
	close(fd);
	ASSERT_LT(0, total);
	EXPECT_GE(total / 2 / 1024 + 1, info.max_mem_mib) TH_LOG("MemTotal %ld KiB", total);
	/*
	 * Each round fills the budget with Gs: on a debug kernel, where that
	 * takes minutes, one round of smaller instances.
	 */
	if (!slow_kernel())
		budget_round(_metadata, &info, 1);
	budget_round(_metadata, &info, 6);
	EXPECT_LT(0, meminfo_kib("MemAvailable:"));
}

/*
 * A stop aborted while it waited for acks (its GC ioctl killed) must not
 * let a participant that read its epoch ack the next stop: that stop
 * would believe every M stopped while one ran, and its scan would find a
 * Grunning G ("scanstack: goroutine not stopped"). debugfs
 * stw_ack_delay_us holds each M 5 ms between reading the epoch and
 * acking, so the kill lands in that window and the next GC begins inside
 * it. An M caught so acks twice (late for the old stop, then for the new
 * one) while others are still deep in a 16 MiB bigstack: counted, those
 * would be scanned running. Every later cycle must be whole.
 */
TEST_F_TIMEOUT(edge, a_killed_stop_leaves_no_stale_ack, 300)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_MODERN);
	struct gcsched_gc gc = { .size = sizeof(gc) };
	struct gcsched_stats *st;
	char path[96];
	int fd = gc_open(), status;
	FILE *f;

	ASSERT_LE(0, fd) TH_LOG("open: %s", strerror(errno));
	/* a debug kernel runs a bigstack several times slower: 4 MiB there */
	c.nr_workers = 4;
	c.nr_pairs = 4;
	c.stack_max = slow_kernel() ? 4 << 20 : 16 << 20;
	c.frame_size = 32;
	c.bigstack_depth = (c.stack_max - 64) / 32;
	c.gc_mode = GCSCHED_GC_MANUAL;
	ASSERT_EQ(0, gc_configure(fd, &c));
	ASSERT_EQ(0, gc_start(fd));
	st = gc_stats(fd);
	ASSERT_NE(NULL, st);
	snprintf(path, sizeof(path), GCSCHED_DBG "/%u/stw_ack_delay_us", st->instance_id);
	free(st);
	f = fopen(path, "w");
	ASSERT_NE(NULL, f);
	fprintf(f, "5000\n");
	ASSERT_EQ(0, fclose(f));
	for (int i = 0; i < 40; i++) {
		pid_t pid = fork();

		ASSERT_LE(0, pid);
		if (!pid) {
			for (;;)
				gc_ioctl(fd, GCSCHED_IOC_GC, &gc);
		}
		usleep(1000 + 400 * (i % 8));
		kill(pid, SIGKILL);
		ASSERT_EQ(pid, waitpid(pid, &status, 0));
		ASSERT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_GC, &gc)) TH_LOG("round %d", i);
		ASSERT_EQ(GCSCHED_GC_OK, gc.outcome) TH_LOG("round %d", i);
		EXPECT_EQ(2 * c.nr_pairs + c.nr_spinners, gc.scanned) TH_LOG("round %d", i);
	}
	st = gc_stats(fd);
	ASSERT_NE(NULL, st);
	EXPECT_EQ(GCSCHED_STATE_RUNNING, st->state) TH_LOG("%s", (char *)st->report.msg);
	EXPECT_EQ(0, st->stw_stalls);
	free(st);
	EXPECT_EQ(0, gc_stop(fd));
	close(fd);
}

/*
 * The module's parameters as modprobe arguments ("max_tasks=4096 ..."),
 * their values now, so that a default computed from RAM stays what it was
 * when the module is loaded again. Return: 0, or -1.
 */
static int module_params(char *buf, size_t size)
{
	static const char * const params[] = {
		"max_tasks", "max_stack_mib", "max_instances", "max_mem_mib",
	};
	char path[96], val[32];
	size_t i, n = 0;
	FILE *f;

	buf[0] = 0;
	for (i = 0; i < sizeof(params) / sizeof(params[0]); i++) {
		snprintf(path, sizeof(path), "/sys/module/gcsched/parameters/%s", params[i]);
		f = fopen(path, "r");
		if (!f)
			return -1;
		if (!fgets(val, sizeof(val), f)) {
			fclose(f);
			return -1;
		}
		fclose(f);
		val[strcspn(val, "\n")] = 0;
		n += snprintf(buf + n, size - n, " %s=%s", params[i], val);
		if (n >= size)
			return -1;
	}
	return 0;
}

/* Load the module with @params and @more (a later one of a name wins). */
static int load_module(const char *params, const char *more)
{
	char cmd[640];

	snprintf(cmd, sizeof(cmd), "modprobe gcsched %s %s", params, more);
	return system(cmd) ? -1 : 0;
}

/* A number from debugfs <id>/stats ("name value"), or -1. */
static long long dbg_stat(unsigned int id, const char *name)
{
	char path[96], line[1024];
	size_t len = strlen(name);
	long long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), GCSCHED_DBG "/%u/stats", id);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, name, len) && line[len] == ' ')
			v = atoll(line + len + 1);
	fclose(f);
	return v;
}

/*
 * The pool keeps every stack size a G grew through, counted against
 * max_stack_mib; an allocation that finds the limit full frees pooled
 * stacks until it fits. Exact numbers, from a module loaded with
 * max_stack_mib=22: two Gs (one M, so one grows at a time) push 6 MiB of
 * frames from 512-byte stacks, so each ends on an 8 MiB stack. The last
 * growth needs 8 + 4 (its old stack) + 8 (the other G) = 20 MiB of live
 * stacks; the pool by then holds 512 B..2 MiB, 4 MiB - 512 B more: 24 MiB
 * - 512 B > 22 MiB. Without the give-back, that growth throws "runtime:
 * cannot allocate memory" (once every size was pooled and nothing given
 * back, the stale-ack test so threw at the 256 MiB limit of a 1 GiB VM).
 * Then ten manual GCs shrink the parked Gs' stacks, which grow again.
 * go1.4-fixed: its shrinks happen inside the stop, while no G grows, as
 * the arithmetic needs; modern's concurrent shrink of the parked G may
 * overlap the other's growth (8 + 4 + 8 + 4 = 24 MiB live at that moment).
 */
TEST_F_TIMEOUT(edge, pooled_stacks_make_room_for_live_ones, 180)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_GO14_FIXED);
	struct gcsched_gc gc = { .size = sizeof(gc) };
	struct gcsched_stats *st = NULL;
	struct gcsched_info info;
	long long given = -1;
	char params[256];
	int fd, i, ok = 1;

	ASSERT_EQ(0, module_params(params, sizeof(params)));
	if (system("modprobe -r gcsched 2>/dev/null"))
		SKIP(return, "cannot unload gcsched (open elsewhere, or built in)");
	EXPECT_EQ(0, load_module(params, "max_stack_mib=22"));
	fd = gc_open();
	EXPECT_LE(0, fd);
	if (fd < 0)
		goto restore;
	info = info_of(fd);
	EXPECT_EQ(22, info.max_stack_mib);
	c.gc_mode = GCSCHED_GC_MANUAL;
	c.nr_workers = 1;
	c.nr_pairs = 1;
	c.stack_min = 512;
	c.stack_max = 8 << 20;
	c.frame_size = 4096;
	c.bigstack_depth = (6 << 20) / 4096;
	EXPECT_EQ(0, gc_configure(fd, &c));
	EXPECT_EQ(0, gc_start(fd));
	/* each G's first step grows its stack to 8 MiB */
	st = run_until(fd, 4, 0, 60);
	for (i = 0; ok && i < 10; i++) {
		ok = st && st->state == GCSCHED_STATE_RUNNING &&
		     !gc_ioctl(fd, GCSCHED_IOC_GC, &gc);
		free(st);
		st = ok ? run_until(fd, (i + 3) * 4, 0, 60) : gc_stats(fd);
	}
	EXPECT_NE(NULL, st);
	if (st) {
		given = dbg_stat(st->instance_id, "stack_given_back");
		TH_LOG("%llu grows, %llu shrinks, %llu steps; stack_given_back %lld bytes",
		       (unsigned long long)st->stack_grows,
		       (unsigned long long)st->stack_shrinks,
		       (unsigned long long)st->steps, given);
		EXPECT_EQ(GCSCHED_STATE_RUNNING, st->state)
			TH_LOG("%s", (char *)st->report.msg);
		/* each G: 14 doublings from 512 B to 8 MiB */
		EXPECT_LE(28, st->stack_grows);
		EXPECT_LT(0, st->stack_shrinks);
		EXPECT_LT(0, given);
	}
	free(st);
	EXPECT_EQ(0, gc_stop(fd));
	close(fd);
restore:
	if (system("modprobe -r gcsched"))
		TH_LOG("modprobe -r gcsched failed");
	EXPECT_EQ(0, load_module(params, ""));
}

/* The node's mode is not enough: a root without CAP_SYS_ADMIN is EPERM. */
TEST(open_needs_cap_sys_admin)
{
	pid_t pid = fork();
	int status;

	ASSERT_LE(0, pid);
	if (!pid) {
		struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
		struct __user_cap_data_struct d[2];

		if (syscall(SYS_capget, &h, d))
			_exit(10);
		d[CAP_SYS_ADMIN / 32].effective &= ~(1U << (CAP_SYS_ADMIN % 32));
		if (syscall(SYS_capset, &h, d))
			_exit(11);
		if (gc_open() >= 0)
			_exit(12);
		_exit(errno == EPERM ? 0 : 13);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
