// SPDX-License-Identifier: GPL-2.0
/*
 * gcschedctl as its users meet it: each exit status comes from a real run,
 * --json parses and says what STATS said, and mistakes get a sentence
 * that names what to change.
 */
#include <sys/wait.h>

#include <glob.h>

#include "gcsched_test.h"
#include "kselftest_harness.h"

#define TOOL "gcschedctl"

struct out {
	int status;
	char text[65536];
};

/* Run a shell command line, capturing stdout and stderr. */
static void run(struct out *o, const char *cmd)
{
	char line[512];
	size_t len = 0;
	FILE *p = popen(cmd, "r");

	o->text[0] = 0;
	o->status = -1;
	if (!p)
		return;
	while (fgets(line, sizeof(line), p)) {
		size_t n = strlen(line);

		if (len + n < sizeof(o->text)) {
			memcpy(o->text + len, line, n + 1);
			len += n;
		}
	}
	o->status = pclose(p);
	o->status = WIFEXITED(o->status) ? WEXITSTATUS(o->status) : -1;
}

/* Run @prog @arg as uid and gid 65534, as a user who is not root. */
static void run_as_nobody(struct out *o, const char *prog, const char *arg)
{
	int fds[2], status;
	ssize_t n;
	size_t len = 0;
	pid_t pid;

	o->status = -1;
	o->text[0] = 0;
	if (pipe(fds))
		return;
	pid = fork();
	if (!pid) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		if (setgid(65534) || setuid(65534))
			_exit(99);
		execlp(prog, prog, arg, (char *)NULL);
		_exit(98);
	}
	close(fds[1]);
	while ((n = read(fds[0], o->text + len, sizeof(o->text) - 1 - len)) > 0)
		len += n;
	o->text[len] = 0;
	close(fds[0]);
	if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status))
		o->status = WEXITSTATUS(status);
}

/* The number after "key": in a JSON document, or -1. */
static double jnum(const char *doc, const char *key)
{
	char pat[64];
	const char *p;

	snprintf(pat, sizeof(pat), "\"%s\": ", key);
	p = strstr(doc, pat);
	return p ? strtod(p + strlen(pat), NULL) : -1;
}

/* The string after "key": in a JSON document, into buf. */
static const char *jstr(const char *doc, const char *key, char *buf, size_t n)
{
	char pat[64];
	const char *p, *e;

	snprintf(pat, sizeof(pat), "\"%s\": \"", key);
	p = strstr(doc, pat);
	buf[0] = 0;
	if (!p)
		return buf;
	p += strlen(pat);
	e = strchr(p, '"');
	if (e && (size_t)(e - p) < n) {
		memcpy(buf, p, e - p);
		buf[e - p] = 0;
	}
	return buf;
}

FIXTURE(tool) {
	struct out o;
};
FIXTURE_SETUP(tool) {}
FIXTURE_TEARDOWN(tool) {}

TEST_F_TIMEOUT(tool, healthy_run_exits_0_and_json_matches, 60)
{
	char buf[64];

	run(&self->o, TOOL " run --policy go1.4-fixed --pairs 30 --workers 2 --duration 3s --json 2>&1");
	EXPECT_EQ(0, self->o.status) TH_LOG("%s", self->o.text);
	EXPECT_STREQ("go1.4-fixed", jstr(self->o.text, "policy", buf, sizeof(buf)));
	EXPECT_STREQ("survived", jstr(self->o.text, "outcome", buf, sizeof(buf)));
	EXPECT_STREQ("none", jstr(self->o.text, "kind", buf, sizeof(buf)));
	EXPECT_EQ(60, jnum(self->o.text, "nr_gs"));
	EXPECT_EQ(2, jnum(self->o.text, "nr_workers"));
	EXPECT_EQ(1, jnum(self->o.text, "gc_procs"));	/* the default: no helpers */
	EXPECT_LT(0, jnum(self->o.text, "gc_cycles"));
	EXPECT_LE(2.9, jnum(self->o.text, "seconds"));
	/* START made 60 Gs and 2 Ms, STOP stopped them: neither is free. */
	EXPECT_LT(0, jnum(self->o.text, "start_ms"));
	EXPECT_GT(2000, jnum(self->o.text, "start_ms"));
	EXPECT_LT(0, jnum(self->o.text, "stop_ms"));
	EXPECT_GT(2000, jnum(self->o.text, "stop_ms"));
	EXPECT_LT(0, jnum(self->o.text, "stack_shrinks"));
	EXPECT_EQ(0, jnum(self->o.text, "verify_failures"));
	/* One document: it starts with { and has nothing after its close. */
	EXPECT_EQ('{', self->o.text[0]);
	/* its version, and the whole configuration, defaults filled in */
	EXPECT_NE(NULL, jstr(self->o.text, "version", buf, sizeof(buf)));
	EXPECT_NE(NULL, strstr(self->o.text, "\"config\": {")) TH_LOG("%s", self->o.text);
	EXPECT_EQ(30, jnum(self->o.text, "nr_pairs"));
	EXPECT_EQ(2048, jnum(self->o.text, "stack_min"));
	EXPECT_EQ(1000, jnum(self->o.text, "wedge_timeout_ms"));
	/* HIST's figures: a cycle is one sample of the pause and of each phase */
	const char *h = strstr(self->o.text, "\"hist\": {\"pause\": {");

	ASSERT_NE(NULL, h) TH_LOG("%s", self->o.text);
	EXPECT_EQ(jnum(self->o.text, "gc_cycles"), jnum(h, "samples"));
	EXPECT_EQ(jnum(self->o.text, "pause_total_ns"), jnum(h, "total"));
	for (int k = GCSCHED_HIST_PHASE; k < GCSCHED_HIST_SPIN; k++) {
		static const char *const names[] = { "stop", "scan", "shrink", "start" };
		char key[32];

		snprintf(key, sizeof(key), "\"%s\": {", names[k - GCSCHED_HIST_PHASE]);
		ASSERT_NE(NULL, strstr(h, key)) TH_LOG("%s", h);
		EXPECT_EQ(jnum(self->o.text, "gc_cycles"), jnum(strstr(h, key), "samples"))
			TH_LOG("%s", key);
	}
	EXPECT_LT(0, jnum(strstr(h, "\"scan\": {"), "total"));
	ASSERT_NE(NULL, strstr(h, "\"spin\": {"));
	EXPECT_EQ(jnum(self->o.text, "spins"), jnum(strstr(h, "\"spin\": {"), "samples"));
}

/* Ctrl-C ends a run as "interrupted", exit status 130: never "survived". */
TEST_F_TIMEOUT(tool, ctrl_c_is_interrupted_exit_130, 60)
{
	run(&self->o, TOOL " run --policy modern --pairs 10 --workers 2 2>&1 & pid=$!; sleep 2; "
		      "kill -INT $pid; wait $pid; echo \"status=$?\"");
	EXPECT_NE(NULL, strstr(self->o.text, "status=130")) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "interrupted")) TH_LOG("%s", self->o.text);
	EXPECT_EQ(NULL, strstr(self->o.text, "survived")) TH_LOG("%s", self->o.text);
}

/*
 * The race at the first stop, by the forced schedule (--forced: the
 * model's trail), and --duration bounds the run so that a run that
 * survives says so instead of timing out. These tests are about the
 * tool's words. They used a 20 us window with the thread poller, which
 * on the KCSAN kernel did not race within 100 s (2026-12-03); core_test
 * measures the natural race.
 */
#define RACE_RUN(args)							\
	TOOL " run --policy go1.4-buggy --forced --duration 100s " args

TEST_F_TIMEOUT(tool, wedge_exits_2_with_the_runtime_words, 120)
{
	char buf[96];

	run(&self->o, RACE_RUN("--json 2>&1"));
	EXPECT_EQ(2, self->o.status) TH_LOG("%s", self->o.text);
	EXPECT_STREQ("wedged", jstr(self->o.text, "outcome", buf, sizeof(buf)));
	EXPECT_STREQ("wedge", jstr(self->o.text, "kind", buf, sizeof(buf)));
	EXPECT_STREQ("Gwaiting", jstr(self->o.text, "expected", buf, sizeof(buf)));
	EXPECT_STREQ("Grunnable", jstr(self->o.text, "observed", buf, sizeof(buf)));
	EXPECT_STREQ("the netpoller", jstr(self->o.text, "last_writer", buf, sizeof(buf)));
	EXPECT_LE(1e9, jnum(self->o.text, "spin_ns"));
}

TEST_F_TIMEOUT(tool, throw_exits_3_and_prints_fatal_error, 120)
{
	run(&self->o, RACE_RUN("--throw-check 2>&1"));
	EXPECT_EQ(3, self->o.status) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text,
			       "fatal error: casgstatus: waiting for Gwaiting but is Grunnable"));
	EXPECT_NE(NULL, strstr(self->o.text, "Gwaiting -> Grunnable by the netpoller"));
	EXPECT_NE(NULL, strstr(self->o.text, "go1.4-buggy: crashed after"));
}

/*
 * --timeline FILE: the forced throw's window as Chrome trace JSON, an
 * event a line: each has ph, pid and tid, and ts unless it is metadata;
 * the move that broke the protocol is marked, and it is the netpoller's
 * Gwaiting -> Grunnable.
 */
TEST_F_TIMEOUT(tool, timeline_json_marks_the_failing_move, 120)
{
	char line[4096];
	int events = 0, failing = 0, spans = 0;
	FILE *f;

	unlink("/tmp/tl.json");
	unlink("/tmp/tl.svg");
	run(&self->o, RACE_RUN("--throw-check --timeline /tmp/tl.json --svg /tmp/tl.svg 2>&1"));
	EXPECT_EQ(3, self->o.status) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, " events in /tmp/tl.json")) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "timeline picture: /tmp/tl.svg")) TH_LOG("%s", self->o.text);
	/*
	 * The picture names the move and the CAS in Go's words (it is drawn
	 * and checked as a person sees it outside the VM: make timeline-check);
	 * drawn again from the JSON, it is the same.
	 */
	run(&self->o, "grep -c -e 'Gwaiting -&gt; Grunnable by the netpoller' "
		      "-e 'casgstatus(Gwaiting -&gt; Gcopystack) finds Grunnable: throw' /tmp/tl.svg");
	EXPECT_EQ(0, strcmp(self->o.text, "2\n")) TH_LOG("%s", self->o.text);
	run(&self->o, TOOL " timeline /tmp/tl.json --svg /tmp/tl2.svg && cmp /tmp/tl.svg /tmp/tl2.svg 2>&1");
	EXPECT_EQ(0, self->o.status) TH_LOG("%s", self->o.text);
	unlink("/tmp/tl.svg");
	unlink("/tmp/tl2.svg");
	f = fopen("/tmp/tl.json", "r");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(line, sizeof(line), f));
	EXPECT_EQ(0, strncmp(line, "{\"displayTimeUnit\": \"ns\",", 25)) TH_LOG("%s", line);
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, "\"ph\": "))
			continue;
		events++;
		EXPECT_NE(NULL, strstr(line, "\"pid\": ")) TH_LOG("%s", line);
		EXPECT_NE(NULL, strstr(line, "\"tid\": ")) TH_LOG("%s", line);
		if (!strstr(line, "\"ph\": \"M\""))
			EXPECT_NE(NULL, strstr(line, "\"ts\": ")) TH_LOG("%s", line);
		if (strstr(line, "\"ph\": \"X\"") && strstr(line, "\"pid\": 2"))
			spans++;
		if (strstr(line, "FAILING: ")) {
			failing++;
			EXPECT_NE(NULL, strstr(line, "Gwaiting -> Grunnable")) TH_LOG("%s", line);
			EXPECT_NE(NULL, strstr(line, "\"by\": \"the netpoller\"")) TH_LOG("%s", line);
			EXPECT_NE(NULL, strstr(line, "\"failing\": true")) TH_LOG("%s", line);
		}
	}
	fclose(f);
	EXPECT_LT(10, events);
	EXPECT_LT(0, spans);
	EXPECT_EQ(1, failing);
	unlink("/tmp/tl.json");
}

TEST_F(tool, bad_option_exits_1_and_says_what_to_change)
{
	run(&self->o, TOOL " run --pairs many 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "--pairs many")) TH_LOG("%s", self->o.text);
	run(&self->o, TOOL " run --policy go1.5 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "use modern, go1.4-buggy, go1.4-fixed, modern-noasync, go1.7, go1.7beta2, go1.7.5 or go1.15"));
	run(&self->o, TOOL " frobnicate 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "unknown command 'frobnicate'"));
	run(&self->o, TOOL " run --no-such-option 2>&1");
	EXPECT_EQ(1, self->o.status);
	/* a scenario by a name the catalogue has, and it picks the policy */
	run(&self->o, TOOL " run --scenario nope 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text,
			       "--scenario nope: not a scenario; use shrink-netpoll, tight-loop, select-grow, dup-chan-shrink or chan-park-shrink"))
		TH_LOG("%s", self->o.text);
	run(&self->o, TOOL " run --scenario tight-loop --policy modern 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "picks the policy (modern; --before-fix: modern-noasync): drop --policy"))
		TH_LOG("%s", self->o.text);
	run(&self->o, TOOL " run --before-fix 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "--before-fix needs a --scenario"));
	/* timeline: a file --timeline wrote, and where to draw it */
	run(&self->o, "echo '{\"traceEvents\": []}' > /tmp/other.json && "
		      TOOL " timeline /tmp/other.json --svg /tmp/x.svg 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "timeline /tmp/other.json: no \"gcsched\" object: not a file that gcschedctl run --timeline wrote"))
		TH_LOG("%s", self->o.text);
	unlink("/tmp/other.json");
	run(&self->o, TOOL " timeline /tmp/other.json 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "give --svg OUT.svg, where to draw it")) TH_LOG("%s", self->o.text);
}

/*
 * The tight-loop scenario end to end: before its fix (modern-noasync) the
 * spinner's stop, or its suspendG, never completes and the tool says so in
 * the runtime's words; after it (modern) the run holds; exit 0.
 */
TEST_F_TIMEOUT(tool, repro_scenario_tight_loop, 120)
{
	run(&self->o, TOOL " repro --scenario tight-loop --pairs 10 --workers 2 --timeout 50s --duration 5s 2>&1");
	EXPECT_EQ(0, self->o.status) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "gcsched repro: tight-loop (Go issues 10958, 24543, fixed by 62e53b7, 177a36a)"))
		TH_LOG("%s", self->o.text);
	EXPECT_TRUE(strstr(self->o.text, "runtime: wedged: stopTheWorld: 1 of ") ||
		    strstr(self->o.text, "runtime: wedged: suspendG: waiting for Gpreempted but is Grunning"))
		TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "goroutine 20 [running]:"));
	EXPECT_NE(NULL, strstr(self->o.text, "reproduced: the buggy runtime failed, the fix held"));
	run(&self->o, TOOL " run --scenario tight-loop --pairs 10 --workers 2 --duration 3s 2>&1");
	EXPECT_EQ(0, self->o.status) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "gcsched: tight-loop with its fix, modern,"));
	EXPECT_NE(NULL, strstr(self->o.text, "21 Gs on 2 Ms"));
	/* an option given, 0 included, wins over the scenario's workload */
	run(&self->o, TOOL " run --scenario tight-loop --spinners 0 --pairs 10 --workers 2 --duration 1s 2>&1");
	EXPECT_EQ(0, self->o.status) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "20 Gs on 2 Ms")) TH_LOG("%s", self->o.text);
}

/*
 * The channel rows end to end: select-grow before its fix (go1.7) throws
 * "bad g->status in ready" (its window widened to 1 ms, for the test's
 * time; the natural race comes in tens of seconds), dup-chan-shrink's
 * (go1.7beta2) collector deadlocks; after them (go1.7.5, modern) the
 * same workloads hold; exit 0, the tool's words for each.
 */
TEST_F_TIMEOUT(tool, repro_scenarios_select, 150)
{
	run(&self->o, TOOL " repro --scenario select-grow --race-window 1ms --pairs 10 --workers 2 --timeout 50s --duration 3s 2>&1");
	EXPECT_EQ(0, self->o.status) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "gcsched repro: select-grow (Go issue 17007, fixed by b902a63)"))
		TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "fatal error: bad g->status in ready"));
	EXPECT_NE(NULL, strstr(self->o.text, "reproduced: the buggy runtime failed, both fixes held"))
		TH_LOG("%s", self->o.text);
	run(&self->o, TOOL " repro --scenario dup-chan-shrink --pairs 10 --workers 2 --timeout 50s --duration 3s 2>&1");
	EXPECT_EQ(0, self->o.status) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "runtime: deadlocked: syncadjustsudogs: lock of chan "))
		TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "it asked for a lock it holds"));
	EXPECT_NE(NULL, strstr(self->o.text, "reproduced: the buggy runtime failed, both fixes held"));
	/*
	 * chan-park-shrink, its two windows widened for the test's time, on
	 * two pairs and three Ms, as scenario_test (a sender needs an M in
	 * the window: with ten pairs on two Ms it timed out once)
	 */
	run(&self->o, TOOL " repro --scenario chan-park-shrink --race-window 1ms --netpoll-delay 1ms --pairs 2 --workers 3 --timeout 50s --duration 3s 2>&1");
	EXPECT_EQ(0, self->o.status) TH_LOG("%s", self->o.text);
	/* the pointer put back, or (0.5% of runs) the value lost to the copy */
	EXPECT_TRUE(strstr(self->o.text, "fatal error: runtime: sudog with non-nil elem") ||
		    strstr(self->o.text, "fatal error: chanrecv: the value sent is not on the receiver's stack"))
		TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "reproduced: the buggy runtime failed, the fix held"));
	/* the selects a scenario brings: 10 pairs + 4 groups of 3 */
	run(&self->o, TOOL " run --scenario dup-chan-shrink --pairs 10 --workers 2 --duration 1s 2>&1");
	EXPECT_EQ(0, self->o.status) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "32 Gs on 2 Ms")) TH_LOG("%s", self->o.text);
	/* the go1.4 policies have no select: the tool says what to change */
	run(&self->o, TOOL " run --policy go1.4-fixed --selects 1 --duration 1s 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "--selects: policy go1.4-fixed has no select in the model"))
		TH_LOG("%s", self->o.text);
}

/*
 * Numbers are read strictly and before the device is opened: with no
 * device at all, each malformed value is named, with the reason and the
 * range (the uapi table's), never guessed (parse_test covers the rules).
 */
TEST_F(tool, malformed_numbers_are_refused_before_the_device)
{
	static const struct { const char *args, *says; } cases[] = {
		{ "run --pairs 0x10", "--pairs 0x10: counts are decimal; give a whole number from 1 to 2147483647" },
		{ "run --pairs -1", "--pairs -1: not a whole number; give a whole number from 1 to" },
		{ "run --race-window 10000", "--race-window 10000: needs a unit" },
		{ "run --race-window 2ms", "--race-window 2ms: out of range; give a duration from 0 to 1ms" },
		{ "run --duration 1e11", "--duration 1e11: not a duration" },
		{ "run --duration 5000000000h", "--duration 5000000000h: too long" },
		{ "run --stack-min 17179869184G", "--stack-min 17179869184G: too large" },
		{ "run --stack-min 8G", "--stack-min 8G: out of range; give a size from 512 to" },
		{ "run --seed abc", "--seed abc: not a number" },
		{ "run --seed -1", "--seed -1: not a number" },
		{ "repro --runs -3", "--runs -3: not a whole number; give a whole number from 1 to 1000" },
		{ "--device", "--device needs a path" },
	};
	char cmd[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(cmd, sizeof(cmd), TOOL " --device /dev/no-gcsched %s 2>&1", cases[i].args);
		if (!strcmp(cases[i].args, "--device"))
			snprintf(cmd, sizeof(cmd), TOOL " --device 2>&1");
		run(&self->o, cmd);
		EXPECT_EQ(1, self->o.status) TH_LOG("%s", cmd);
		EXPECT_NE(NULL, strstr(self->o.text, cases[i].says))
			TH_LOG("%s said: %s", cmd, self->o.text);
	}
}

/*
 * --gctrace: Go's gctrace lines, from a tracefs instance of the tool's own,
 * removed at exit; the global buffer's event is left as it was. With
 * --json it is refused, not dropped. A go1.4 policy's line is its one stop
 * by phase; modern's is Go's since 1.5: sweep termination + concurrent
 * mark + mark termination, with no G scanned while the world is stopped.
 */
/*
 * Is the gctrace line at @p (its leading newline) a cycle the run's end
 * aborted? Only the last cycle may be one.
 */
static bool aborted_cycle(const char *p)
{
	const char *nl = strchr(p + 1, '\n'), *a = strstr(p, "s: aborted: ");

	return a && (!nl || a < nl);
}

TEST_F(tool, gctrace_uses_its_own_trace_instance)
{
	const char *global = "/sys/kernel/tracing/events/gcsched/gcsched_stw_done/enable";
	double at, stop, scan, start, shrink, stw1, mark, stw2;
	char before[8] = "", after[8] = "";
	unsigned int cycle, scanned, scanned_stw;
	const char *p;
	glob_t g;
	FILE *f;

	f = fopen(global, "r");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(before, sizeof(before), f));
	fclose(f);
	run(&self->o, TOOL " run --policy modern --pairs 10 --workers 2 --gc 10ms --duration 2s --gctrace 2>&1");
	EXPECT_EQ(0, self->o.status) TH_LOG("%s", self->o.text);
	ASSERT_NE(NULL, strstr(self->o.text, "\ngc 1 @")) TH_LOG("%s", self->o.text);
	for (p = strstr(self->o.text, "\ngc "); p; p = strstr(p + 1, "\ngc ")) {
		if (aborted_cycle(p)) {
			EXPECT_EQ(NULL, strstr(p + 1, "\ngc ")) TH_LOG("%.200s", p);
			continue;
		}
		ASSERT_EQ(7, sscanf(p, "\ngc %u @%lfs: %lf+%lf+%lf ms clock, %u Gs scanned (%u while stopped)",
				    &cycle, &at, &stw1, &mark, &stw2, &scanned, &scanned_stw))
			TH_LOG("%.200s", p);
		EXPECT_EQ(20, scanned);
		EXPECT_EQ(0, scanned_stw) TH_LOG("%.200s", p);
		EXPECT_LT(0, stw1) TH_LOG("%.200s", p);
		EXPECT_LT(0, mark) TH_LOG("%.200s", p);
		EXPECT_LT(0, stw2) TH_LOG("%.200s", p);
	}
	EXPECT_NE(NULL, strstr(self->o.text, "concurrent mark (the world running), p50 / p99 / max: "))
		TH_LOG("%s", self->o.text);

	run(&self->o, TOOL " run --policy go1.4-fixed --pairs 10 --workers 2 --gc 10ms --duration 2s --gctrace 2>&1");
	EXPECT_EQ(0, self->o.status) TH_LOG("%s", self->o.text);
	ASSERT_NE(NULL, strstr(self->o.text, "\ngc 1 @")) TH_LOG("%s", self->o.text);
	/* each pause by phase; the shrinks are a part of the scan (one proc) */
	for (p = strstr(self->o.text, "\ngc "); p; p = strstr(p + 1, "\ngc ")) {
		if (aborted_cycle(p)) {
			EXPECT_EQ(NULL, strstr(p + 1, "\ngc ")) TH_LOG("%.200s", p);
			continue;
		}
		ASSERT_EQ(7, sscanf(p, "\ngc %u @%lfs: %lf+%lf+%lf ms stop+scan+start (shrink %lf ms), %u Gs scanned",
				    &cycle, &at, &stop, &scan, &start, &shrink, &scanned))
			TH_LOG("%.200s", p);
		EXPECT_EQ(20, scanned);
		EXPECT_LT(0, stop + scan + start) TH_LOG("%.200s", p);
		EXPECT_LE(shrink, scan + 0.002) TH_LOG("%.200s", p);
	}
	EXPECT_EQ(NULL, strstr(self->o.text, "concurrent mark")) TH_LOG("%s", self->o.text);
	/* the summary's phases (HIST), whose shares add up to the pause */
	p = strstr(self->o.text, "pause by phase, p50 / p99 / max (share of all pause time):\n");
	ASSERT_NE(NULL, p) TH_LOG("%s", self->o.text);
	ASSERT_EQ(4, sscanf(strchr(p, '\n'), "\n    stop %*s / %*s / %*s (%lf%%); scan %*s / %*s / %*s (%lf%%), of which shrink %*s / %*s / %*s (%lf%%); start %*s / %*s / %*s (%lf%%)",
			    &stop, &scan, &shrink, &start)) TH_LOG("%.300s", p);
	EXPECT_LE(98, stop + scan + start) TH_LOG("%.300s", p);
	EXPECT_GE(102, stop + scan + start) TH_LOG("%.300s", p);
	EXPECT_LE(shrink, scan + 1) TH_LOG("%.300s", p);
	EXPECT_NE(0, glob("/sys/kernel/tracing/instances/gcschedctl-*", 0, NULL, &g))
		TH_LOG("an instance is left: %s", g.gl_pathv[0]);
	f = fopen(global, "r");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(after, sizeof(after), f));
	fclose(f);
	EXPECT_STREQ(before, after);
	run(&self->o, TOOL " run --gctrace --json 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "choose one")) TH_LOG("%s", self->o.text);
}

TEST_F(tool, module_errnos_become_sentences)
{
	run(&self->o, TOOL " run --pairs 5000000 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text,
			       "--pairs 5000000 exceeds max_tasks (1048576 tasks")) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "load the module with max_tasks="));
	run(&self->o, TOOL " run --depth 100000 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "raise --stack-max")) TH_LOG("%s", self->o.text);
	run(&self->o, TOOL " run --stack-min 3000 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "not a power of two")) TH_LOG("%s", self->o.text);
	run(&self->o, TOOL " run --workers 2 --gc-procs 3 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text,
			       "--gc-procs 3 is more than the 2 worker Ms: lower --gc-procs or raise --workers"))
		TH_LOG("%s", self->o.text);
	run(&self->o, TOOL " --device /dev/no-gcsched info 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "/dev/no-gcsched: no such file")) TH_LOG("%s", self->o.text);
	run(&self->o, TOOL " --device /dev/null info 2>&1");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "/dev/null is not gcsched's device")) TH_LOG("%s", self->o.text);
	run_as_nobody(&self->o, TOOL, "info");
	EXPECT_EQ(1, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "run gcschedctl as root")) TH_LOG("%s", self->o.text);
}

TEST_F(tool, info_and_help)
{
	run(&self->o, TOOL " info --json 2>&1");
	EXPECT_EQ(0, self->o.status);
	EXPECT_EQ(1, jnum(self->o.text, "abi_version")) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "\"go1.4-buggy\""));
	/* each policy as the Go code it stands for, with its file */
	run(&self->o, TOOL " info 2>&1");
	EXPECT_EQ(0, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "\n  go1.4-fixed: Go 1.4 with 2b62e1e (src/runtime/stack.c"))
		TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "\n  go1.4-buggy: Go 1.4 before 2b62e1e"))
		TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "\n  modern: Go 1.14 and later")) TH_LOG("%s", self->o.text);
	/* the catalogue, each row with its Go issues, fix and release */
	run(&self->o, TOOL " scenarios 2>&1");
	EXPECT_EQ(0, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "shrink-netpoll: Go issue 9186, fixed by 2b62e1e (Go 1.4)"))
		TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text,
			       "tight-loop: Go issues 10958, 24543, fixed by 62e53b7, 177a36a (Go 1.14)"))
		TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text,
			       "select-grow: Go issue 17007, fixed by b902a63 (Go 1.8, go1.7.5)"))
		TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text,
			       "dup-chan-shrink: Go issue 16286, fixed by 84bb9e6 (go1.7rc1)"))
		TH_LOG("%s", self->o.text);
	run(&self->o, TOOL " repro --help 2>&1");
	EXPECT_EQ(0, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text, "usage: gcschedctl repro"));
	/* each command lists the options it takes, from the one table */
	EXPECT_NE(NULL, strstr(self->o.text, "\n  --race-window D ")) TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text, "\n  --runs N ")) TH_LOG("%s", self->o.text);
	EXPECT_EQ(NULL, strstr(self->o.text, "--policy")) TH_LOG("%s", self->o.text);
	/* the ranges and defaults are the uapi header's table, in units */
	run(&self->o, TOOL " run --help 2>&1");
	EXPECT_EQ(0, self->o.status);
	EXPECT_NE(NULL, strstr(self->o.text,
			       "--frame-size     a size from 32 to 4096 bytes; default 128\n"))
		TH_LOG("%s", self->o.text);
	EXPECT_NE(NULL, strstr(self->o.text,
			       "--race-window    a duration from 0 to 1ms; default 0\n"));
	EXPECT_NE(NULL, strstr(self->o.text, "\n  --policy P ")) TH_LOG("%s", self->o.text);
	EXPECT_EQ(NULL, strstr(self->o.text, "--runs")) TH_LOG("%s", self->o.text);
}

TEST_HARNESS_MAIN
