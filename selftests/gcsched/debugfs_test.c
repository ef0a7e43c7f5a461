// SPDX-License-Identifier: GPL-2.0
/*
 * Observability: every debugfs file of an instance exists and parses, the
 * tasks file agrees with STATS, a wedged instance's report shows the
 * wedge, a GC produces its stw_start/stw_done trace events, gc_procs
 * threads share a stop (their threads and their names in the trace), an
 * instance's directory goes with its close(), and bench prints what it
 * promises.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include "gcsched_test.h"
#include "kselftest_harness.h"

#define DBG GCSCHED_DBG
#define TRACING "/sys/kernel/tracing"

static char *slurp(const char *path)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || !buf) {
		free(buf);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	while ((n = read(fd, buf + len, cap - 1 - len)) > 0) {
		len += n;
		if (len + 1 >= cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = 0;
	close(fd);
	return buf;
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_TRUNC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -EIO;
}

static void path_of(char *buf, size_t n, unsigned int id, const char *file)
{
	snprintf(buf, n, DBG "/%u/%s", id, file);
}

FIXTURE(dbg) {
	int fd;
	unsigned int id;
};

FIXTURE_SETUP(dbg)
{
	struct gcsched_stats *st;

	self->fd = gc_open();
	ASSERT_LE(0, self->fd);
	st = gc_stats(self->fd);
	ASSERT_NE(NULL, st);
	self->id = st->instance_id;
	free(st);
}

FIXTURE_TEARDOWN(dbg)
{
	if (self->fd >= 0)
		close(self->fd);
}

TEST_F(dbg, files_exist_parse_and_are_root_only)
{
	static const char *const files[] = { "config", "stats", "tasks", "sched", "report" };
	struct gcsched_config c = gc_config(GCSCHED_POLICY_GO14_FIXED);
	char path[128], line[64], *text;
	const char *p;
	struct stat sb;
	size_t i;

	c.nr_pairs = 20;
	c.nr_workers = 2;
	c.gc_mode = GCSCHED_GC_MANUAL;
	ASSERT_EQ(0, gc_configure(self->fd, &c));
	ASSERT_EQ(0, gc_start(self->fd));
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		path_of(path, sizeof(path), self->id, files[i]);
		ASSERT_EQ(0, stat(path, &sb)) TH_LOG("%s", path);
		EXPECT_EQ(0400, sb.st_mode & 0777) TH_LOG("%s", path);
		text = slurp(path);
		ASSERT_NE(NULL, text) TH_LOG("%s", path);
		/* no raw kernel pointer anywhere */
		EXPECT_EQ(NULL, strstr(text, "ffff")) TH_LOG("%s: %s", path, text);
		free(text);
	}
	text = slurp(DBG "/instances");
	ASSERT_NE(NULL, text);
	snprintf(line, sizeof(line), "\n%u %d ", self->id, getpid());
	EXPECT_NE(NULL, strstr(text, line)) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, " go1.4-fixed running 40 2 ")) TH_LOG("%s", text);
	free(text);

	path_of(path, sizeof(path), self->id, "config");
	text = slurp(path);
	EXPECT_NE(NULL, strstr(text, "policy go1.4-fixed\n"));
	EXPECT_NE(NULL, strstr(text, "nr_pairs 20\n"));
	EXPECT_NE(NULL, strstr(text, "gc_mode manual\n"));
	free(text);

	path_of(path, sizeof(path), self->id, "sched");
	text = slurp(path);
	EXPECT_EQ(0, strncmp(text, "SCHED ", 6)) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, "gomaxprocs=2 idleprocs=")) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, " runqueue=")) TH_LOG("%s", text);
	free(text);

	path_of(path, sizeof(path), self->id, "stats");
	text = slurp(path);
	EXPECT_NE(NULL, strstr(text, "state running\n"));
	EXPECT_NE(NULL, strstr(text, "nr_gs 40\n"));
	EXPECT_NE(NULL, strstr(text, "transitions (from -> to: count)\n"));
	EXPECT_NE(NULL, strstr(text, "  idle -> dead: 40\n")) TH_LOG("%s", text);
	/* Every G owns a stack of at least stack_min (2 KiB) while it runs. */
	p = strstr(text, "\nstack_bytes ");
	ASSERT_NE(NULL, p) TH_LOG("%s", text);
	EXPECT_LE(40 * 2048, strtoll(p + 13, NULL, 10)) TH_LOG("%s", text);
	EXPECT_GE(1LL << 30, strtoll(p + 13, NULL, 10)) TH_LOG("%s", text);
	free(text);

	path_of(path, sizeof(path), self->id, "report");
	text = slurp(path);
	EXPECT_STREQ("", text);
	free(text);

	/* Not root: no file opens, for reading or writing. */
	if (!fork()) {
		static const char *const all[] = {
			"config", "stats", "tasks", "sched", "report", "fail_nth",
		};

		if (setgid(65534) || setuid(65534))
			_exit(2);
		for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
			path_of(path, sizeof(path), self->id, all[i]);
			if (open(path, O_RDONLY) >= 0 || errno != EACCES ||
			    open(path, O_WRONLY) >= 0 || errno != EACCES)
				_exit(10 + i);
		}
		if (open(DBG "/instances", O_RDONLY) >= 0 || errno != EACCES ||
		    open(DBG "/memory", O_RDONLY) >= 0 || errno != EACCES ||
		    open(DBG "/bench", O_RDONLY) >= 0 || errno != EACCES ||
		    open(DBG "/bench_alloc", O_RDONLY) >= 0 || errno != EACCES ||
		    open(DBG "/bench_alloc_mib", O_RDONLY) >= 0 || errno != EACCES)
			_exit(3);
		_exit(0);
	}
	int status;

	wait(&status);
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* The number after "name " in a debugfs report, 0 if it is not there. */
static unsigned long long report_u64(const char *text, const char *name)
{
	const char *p = text;
	size_t n = strlen(name);

	while (p && *p) {
		if (!strncmp(p, name, n) && p[n] == ' ')
			return strtoull(p + n + 1, NULL, 10);
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return 0;
}

/* A wedged instance stands still: tasks agrees with STATS to the G. */
TEST_F_TIMEOUT(dbg, wedged_tasks_agree_with_stats_and_report_shows_wedge, 120)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_GO14_BUGGY);
	unsigned long long by_status[GCSCHED_NR_SLOTS] = {};
	struct gcsched_stats *st;
	char path[128], *text, *p;
	unsigned int lines = 0, goid, status;
	unsigned long long last, spin, now;

	/* the forced schedule: a natural race is slow on a KCSAN kernel */
	c.flags = GCSCHED_CFG_FORCED;
	c.netpoll_model = GCSCHED_NETPOLL_THREAD;
	ASSERT_EQ(0, gc_configure(self->fd, &c));
	ASSERT_EQ(0, gc_start(self->fd));
	ASSERT_EQ(1, gc_wait_failure(self->fd, 100));
	usleep(300000);	/* let the Ms reach their safe points and stop */
	st = gc_stats(self->fd);
	ASSERT_NE(NULL, st);
	ASSERT_EQ(GCSCHED_STATE_WEDGED, st->state);

	path_of(path, sizeof(path), self->id, "tasks");
	text = slurp(path);
	ASSERT_NE(NULL, text);
	for (p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (sscanf(p, "G%u: status=%u(", &goid, &status) != 2)
			break;
		EXPECT_EQ(lines, goid);
		by_status[(status & GCSCHED_GSCAN) ? 10 + (status & 0xf) : status]++;
		lines++;
	}
	EXPECT_EQ(st->nr_gs, lines) TH_LOG("%.300s", text);
	EXPECT_NE(NULL, strstr(text, "wait=\"IO wait\"")) TH_LOG("%.300s", text);
	free(text);
	free(st);
	st = gc_stats(self->fd);
	for (int slot = 0; slot < GCSCHED_NR_SLOTS; slot++) {
		EXPECT_EQ(st->gs_by_status[slot], by_status[slot]) TH_LOG("slot %d", slot);
	}

	path_of(path, sizeof(path), self->id, "report");
	text = slurp(path);
	EXPECT_NE(NULL, strstr(text, "kind wedge\n")) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, "message casgstatus: waiting for Gwaiting but is Grunnable\n"));
	EXPECT_NE(NULL, strstr(text, "last_writer netpoll0\n"));
	/* The netpoller's write came before the spin that wedged on it:
	 * its time, scaled from a cycle stamp, is within the run and at
	 * least the spin before the report (1 ms for the clocks' rounding).
	 */
	last = report_u64(text, "last_write_ns");
	spin = report_u64(text, "spin_ns");
	now = report_u64(text, "since_start_ns");
	EXPECT_LT(0, last) TH_LOG("%s", text);
	EXPECT_LE(last, now) TH_LOG("%s", text);
	EXPECT_LE(spin, now - last + 1000000) TH_LOG("%s", text);
	free(text);
	free(st);
}

TEST_F(dbg, gc_emits_stw_trace_events_with_its_cycle)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_MODERN);
	struct gcsched_gc gc = { .size = sizeof(gc) };
	char want[96], *text;

	if (access(TRACING "/events/gcsched", F_OK))
		SKIP(return, "no tracefs with gcsched events");
	c.nr_pairs = 10;
	c.gc_mode = GCSCHED_GC_MANUAL;
	ASSERT_EQ(0, gc_configure(self->fd, &c));
	ASSERT_EQ(0, gc_start(self->fd));
	ASSERT_EQ(0, write_file(TRACING "/trace", ""));
	ASSERT_EQ(0, write_file(TRACING "/events/gcsched/gcsched_stw_start/enable", "1"));
	ASSERT_EQ(0, write_file(TRACING "/events/gcsched/gcsched_stw_done/enable", "1"));
	ASSERT_EQ(0, write_file(TRACING "/tracing_on", "1"));
	ASSERT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_GC, &gc));
	ASSERT_EQ(1, gc.cycle);
	write_file(TRACING "/events/gcsched/enable", "0");
	text = slurp(TRACING "/trace");
	ASSERT_NE(NULL, text);
	snprintf(want, sizeof(want), "gcsched_stw_start: inst=%u cycle=1 ", self->id);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	snprintf(want, sizeof(want), "gcsched_stw_done: inst=%u cycle=1 ", self->id);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	snprintf(want, sizeof(want), "scanned=%llu ", (unsigned long long)gc.scanned);
	EXPECT_NE(NULL, strstr(text, want)) TH_LOG("%s", text);
	free(text);
}

/* Is there a live thread whose comm is @comm? */
static bool thread_named(const char *comm)
{
	return gc_live_threads(comm, 0) > 0;
}

/*
 * Three manual GCs of 4000 Gs with @procs gc procs; the trace of the
 * collector's transitions (actor gc, 3) they left.
 */
static char *gc_with_procs(struct __test_metadata *_metadata, int fd,
			   unsigned int id, unsigned int procs)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_GO14_FIXED);
	struct gcsched_gc gc;
	char comm[32], filter[64];
	int i;

	c.nr_workers = 3;
	c.gc_procs = procs;
	c.nr_pairs = 2000;
	c.bigstack_depth = 10;	/* 2 KiB stacks: a manual GC seldom shrinks */
	c.gc_mode = GCSCHED_GC_MANUAL;
	if (gc_configure(fd, &c) || c.gc_procs != procs)
		return NULL;
	/*
	 * gcsched_status sits on the Ms' hottest path: it is switched on and
	 * off only while no M runs. Patching its jump label under running Ms
	 * made TCG execute a stale int3 in record() and the guest panicked.
	 */
	write_file(TRACING "/trace", "");
	snprintf(filter, sizeof(filter), "inst == %u && actor == 3", id);
	EXPECT_EQ(0, write_file(TRACING "/events/gcsched/gcsched_status/filter", filter));
	write_file(TRACING "/events/gcsched/gcsched_status/enable", "1");
	write_file(TRACING "/tracing_on", "1");
	if (gc_start(fd))
		return NULL;
	/* gc1 .. gc<procs-1>: the helpers; gc0 is whoever runs the cycle. */
	for (i = 1; i <= 3; i++) {
		snprintf(comm, sizeof(comm), "gcsched%u/gc%d", id, i);
		EXPECT_EQ(i < (int)procs, thread_named(comm)) TH_LOG("%s", comm);
	}
	for (i = 0; i < 3; i++) {
		memset(&gc, 0, sizeof(gc));
		gc.size = sizeof(gc);
		EXPECT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_GC, &gc));
		EXPECT_EQ(GCSCHED_GC_OK, gc.outcome);
		/* shared or not, every G is scanned once per cycle */
		EXPECT_EQ(4000, gc.scanned);
	}
	EXPECT_EQ(0, gc_stop(fd));
	write_file(TRACING "/events/gcsched/enable", "0");
	write_file(TRACING "/events/gcsched/gcsched_status/filter", "0");
	return slurp(TRACING "/trace");
}

TEST_F_TIMEOUT(dbg, gc_procs_share_the_stop, 240)
{
	char *text;

	if (access(TRACING "/events/gcsched", F_OK))
		SKIP(return, "no tracefs with gcsched events");
	text = gc_with_procs(_metadata, self->fd, self->id, 3);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, " by gc0\n"));
	EXPECT_TRUE(strstr(text, " by gc1\n") || strstr(text, " by gc2\n"));
	free(text);

	/* The collector alone: no helper thread, no helper in the trace. */
	text = gc_with_procs(_metadata, self->fd, self->id, 1);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, " by gc0\n"));
	EXPECT_EQ(NULL, strstr(text, " by gc1\n"));
	EXPECT_EQ(NULL, strstr(text, " by gc2\n"));
	free(text);
}

/* Where @needle is in the line that begins at @line, or NULL. */
static const char *line_has(const char *line, const char *needle)
{
	size_t len = strcspn(line, "\n"), n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(line + i, needle, n))
			return line + i;
	return NULL;
}

/*
 * A running G's way through modern's concurrent scan, as suspendG and
 * resumeG (src/runtime/preempt.go) and preemptPark (proc.go) make it:
 * its M parks it at a safe point, the collector claims, scans and readies
 * it. Go never scans the stack of a G that is still running. Every park in
 * the trace must be followed, for that G, by exactly these transitions.
 */
TEST_F_TIMEOUT(dbg, suspendg_parks_a_running_g_as_go_does, 120)
{
	static const char *const want[] = {
		"Grunning->Gscanpreempted by M",
		"Gscanpreempted->Gpreempted by M",
		"Gpreempted->Gwaiting by gc",
		"Gwaiting->Gscanwaiting by gc",
		"Gscanwaiting->Gwaiting by gc",
		"Gwaiting->Grunnable by gc",
	};
	struct gcsched_config c = gc_config(GCSCHED_POLICY_MODERN);
	struct gcsched_gc gc = { .size = sizeof(gc) };
	struct gcsched_stats *st = NULL;
	char filter[64], clock[32] = "local", *text, *p, *b;
	double end = gc_now() + 60;
	unsigned int parks = 0;

	if (access(TRACING "/events/gcsched", F_OK))
		SKIP(return, "no tracefs with gcsched events");
	c.nr_pairs = 20;
	c.gc_mode = GCSCHED_GC_MANUAL;
	ASSERT_EQ(0, gc_configure(self->fd, &c));
	/* on before the Ms run: see gc_with_procs(); one clock for all CPUs */
	write_file(TRACING "/trace", "");
	text = slurp(TRACING "/trace_clock");	/* "local [global] ..." */
	b = text ? strchr(text, '[') : NULL;
	if (b)
		snprintf(clock, sizeof(clock), "%.*s", (int)strcspn(b + 1, "]"), b + 1);
	free(text);
	EXPECT_EQ(0, write_file(TRACING "/trace_clock", "global"));
	snprintf(filter, sizeof(filter), "inst == %u", self->id);
	EXPECT_EQ(0, write_file(TRACING "/events/gcsched/gcsched_status/filter", filter));
	write_file(TRACING "/events/gcsched/gcsched_status/enable", "1");
	write_file(TRACING "/tracing_on", "1");
	ASSERT_EQ(0, gc_start(self->fd));
	while (gc_now() < end) {
		ASSERT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_GC, &gc));
		ASSERT_EQ(GCSCHED_GC_OK, gc.outcome);
		free(st);
		st = gc_stats(self->fd);
		ASSERT_NE(NULL, st);
		if (st->preempt_parks)
			break;
	}
	free(st);
	EXPECT_EQ(0, gc_stop(self->fd));
	write_file(TRACING "/events/gcsched/enable", "0");
	write_file(TRACING "/events/gcsched/gcsched_status/filter", "0");
	text = slurp(TRACING "/trace");
	write_file(TRACING "/trace_clock", clock);
	ASSERT_NE(NULL, text);
	for (p = strstr(text, "->Gscanpreempted by M"); p;
	     p = strstr(p + 1, "->Gscanpreempted by M")) {
		const char *g = p, *q = p;
		char who[24];
		size_t k;

		while (g > text && g[-1] != ' ')
			g--;		/* "Grunning": the G's name is before it */
		g -= 2;
		while (g > text && g[-1] != ' ')
			g--;
		ASSERT_EQ('G', *g) TH_LOG("%.120s", g);
		snprintf(who, sizeof(who), " %.*s ", (int)strcspn(g, " "), g);
		/* from this park on, the G's own lines */
		while (q > text && q[-1] != '\n')
			q--;
		for (k = 0; k < ARRAY_SIZE(want) && *q; q += strcspn(q, "\n")) {
			const char *t;

			if (*q == '\n')
				q++;
			t = line_has(q, who);
			if (!t)
				continue;
			t += strlen(who);
			EXPECT_EQ(0, strncmp(t, want[k], strlen(want[k])))
				TH_LOG("%s step %zu: %.60s, want %s", who, k, t, want[k]);
			k++;
		}
		EXPECT_EQ(ARRAY_SIZE(want), k) TH_LOG("%s: the trace ends early", who);
		parks++;
	}
	TH_LOG("%u parks traced", parks);
	EXPECT_LT(0, parks);
	free(text);
}

TEST_F(dbg, directory_goes_with_close)
{
	char path[128];

	path_of(path, sizeof(path), self->id, "stats");
	ASSERT_EQ(0, access(path, F_OK));
	close(self->fd);
	self->fd = -1;
	snprintf(path, sizeof(path), DBG "/%u", self->id);
	EXPECT_NE(0, access(path, F_OK));
	EXPECT_EQ(ENOENT, errno);
}

/*
 * Before START: sched says the state and nothing of Ms that do not exist,
 * config shows an interval GC as such, and the test hooks read back what
 * was written (and refuse what is out of their range).
 */
TEST_F(dbg, idle_instance_files_and_hooks_read_back)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_MODERN);
	static const char *const hooks[] = { "fail_nth", "stw_ack_delay_us" };
	char path[128], *text;
	size_t i;

	c.gc_mode = GCSCHED_GC_INTERVAL;
	ASSERT_EQ(0, gc_configure(self->fd, &c));
	path_of(path, sizeof(path), self->id, "sched");
	text = slurp(path);
	ASSERT_NE(NULL, text);
	EXPECT_EQ(0, strncmp(text, "SCHED ", 6)) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, " idle\n")) TH_LOG("%s", text);
	EXPECT_EQ(NULL, strstr(text, "runqueue=")) TH_LOG("%s", text);
	free(text);
	path_of(path, sizeof(path), self->id, "config");
	text = slurp(path);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, "gc_mode interval\n")) TH_LOG("%s", text);
	free(text);
	for (i = 0; i < sizeof(hooks) / sizeof(hooks[0]); i++) {
		path_of(path, sizeof(path), self->id, hooks[i]);
		text = slurp(path);
		ASSERT_NE(NULL, text) TH_LOG("%s", path);
		EXPECT_STREQ("0\n", text) TH_LOG("%s", path);
		free(text);
		ASSERT_EQ(0, write_file(path, "7\n")) TH_LOG("%s", path);
		text = slurp(path);
		EXPECT_STREQ("7\n", text) TH_LOG("%s", path);
		free(text);
		EXPECT_NE(0, write_file(path, "99999999999\n")) TH_LOG("%s", path);
		ASSERT_EQ(0, write_file(path, "0\n")) TH_LOG("%s", path);
	}
}

/*
 * bench: every measure it promises, a number each, from a private
 * instance that leaves nothing behind (no object, no thread). It prints
 * numbers only; how large they are is bench/'s business, not a test's.
 */
/* Each of @names in @text, followed by a number and a newline. */
static void expect_numbers(struct __test_metadata *_metadata, const char *text,
			   const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *p = strstr(text, names[i]);
		char *end;

		ASSERT_NE(NULL, p) TH_LOG("no %s in: %s", names[i], text);
		p += strlen(names[i]);
		strtod(p, &end);
		EXPECT_TRUE(end > p && *end == '\n') TH_LOG("%s%.20s", names[i], p);
	}
}

TEST_F_TIMEOUT(dbg, bench_prints_every_measure_and_leaves_nothing, 120)
{
	static const char *const names[] = {
		"atomic_cmpxchg_ns ", "local_clock_ns ", "get_cycles_ns ",
		"this_cpu_inc_ns ", "casgstatus_uncontended_ns ",
		"casgstatus_step0_cas_ns ", "casgstatus_step1_check_ns ",
		"casgstatus_step2_count_ns ", "casgstatus_step3_last_ns ",
		"casgstatus_step4_stamp_ns ", "casgstatus_step5_trace_ns ",
		"castogscanstatus_pair_ns ", "stack_verify_at_rest_ns ",
		"runq_put_get_ns ",
		"atomic_cmpxchg_contended_ns ", "casgstatus_contended_ns ",
		"contender_scans ",
	};
	static const char *const alloc_names[] = {
		"page_alloc_zero_2k_ns ", "page_free_2k_ns ", "page_mib ",
		"stack_alloc_bulk_ns ", "stack_free_bulk_ns ", "stack_mib ",
		"stack_walk_ns ", "walk_sink ",
	};
	char *before = slurp(DBG "/memory"), *text, *after;

	ASSERT_NE(NULL, before);
	text = slurp(DBG "/bench");
	ASSERT_NE(NULL, text);
	expect_numbers(_metadata, text, names, sizeof(names) / sizeof(names[0]));
	EXPECT_NE(NULL, strstr(text, "\niterations 200000\n")) TH_LOG("%s", text);
	free(text);
	/* START's allocation and its floor, 8 MiB each: all of it taken */
	ASSERT_EQ(0, write_file(DBG "/bench_alloc_mib", "8"));
	text = slurp(DBG "/bench_alloc");
	ASSERT_NE(NULL, text);
	expect_numbers(_metadata, text, alloc_names,
		       sizeof(alloc_names) / sizeof(alloc_names[0]));
	EXPECT_NE(NULL, strstr(text, "\npage_mib 8\n")) TH_LOG("%s", text);
	EXPECT_NE(NULL, strstr(text, "\nstack_mib 8\n")) TH_LOG("%s", text);
	free(text);
	ASSERT_EQ(0, write_file(DBG "/bench_alloc_mib", "64"));
	/* the bench's objects are freed before the read returns */
	after = slurp(DBG "/memory");
	ASSERT_NE(NULL, after);
	EXPECT_EQ(strtoll(strstr(before, "objects ") + 8, NULL, 10),
		  strtoll(strstr(after, "objects ") + 8, NULL, 10))
		TH_LOG("before:\n%safter:\n%s", before, after);
	EXPECT_EQ(strtoll(strstr(before, "charged_bytes ") + 14, NULL, 10),
		  strtoll(strstr(after, "charged_bytes ") + 14, NULL, 10))
		TH_LOG("before:\n%safter:\n%s", before, after);
	EXPECT_FALSE(thread_named("gcsched-bench"));
	free(before);
	free(after);
}

TEST_HARNESS_MAIN
