// SPDX-License-Identifier: GPL-2.0
/*
 * The scenario catalogue's channel rows (gcschedctl scenarios), each run
 * before its fix, where it must fail as the real runtime did, and after,
 * where it must not, on the same workload: four select groups (a G in
 * select { case <-c0: case <-c1: }, a sender per channel) beside ten
 * connection pairs, on two Ms. The tight-loop row's tests are in
 * core_test.c; shrink-netpoll's are the rest of core_test.c.
 *
 *  select-grow (Go issue 17007): go1.7's woken select re-locks its
 *  channels on its own stack, whose growth moves the sudogs' done pointer
 *  before it copies the stack; a second sender claims the select on the
 *  new stack and readies the G again: "bad g->status in ready". Widened
 *  here: race_window_ns = 1 ms between the move and the copy (SEL_WINDOW_NS).
 *  go1.7.5 (b902a63) and modern never grow a select's stack while a sudog
 *  can be claimed.
 *
 *  chan-park-shrink (40641): go1.15's G parking on a channel, v := <-c0
 *  (GCSCHED_CFG_CHAN_RECV), is Gwaiting before its activeStackChans is
 *  set; a concurrent shrink in between moves its sudog's elem without
 *  c0's lock, and puts back the pointer the sender cleared: "runtime:
 *  sudog with non-nil elem". Or the sender's write lands on the new stack
 *  before the copy overwrites it (or on the old one after): the value is
 *  lost, elem cleared, which Go lives with silently and gcsched reports,
 *  "chanrecv: the value sent is not on the receiver's stack" (3 of 600
 *  runs of this test's workload). Widened: race_window_ns = 1 ms between the
 *  park and its commit, and between adjustpointer's read and write; and
 *  the senders sleep up to 1 ms (CHAN_DELAY_NS).
 *  modern (eb3c6a9's parkingOnChan) never shrinks in the window.
 *
 *  dup-chan-shrink (16286): go1.7beta2's concurrent shrink locks a
 *  select's channel once per case naming it; a select naming c0 twice
 *  (GCSCHED_CFG_SELECT_DUP) locks it twice: the collector deadlocks.
 *  go1.7.5 (84bb9e6) locks each channel once. No window needed.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "gcsched_test.h"
#include "kselftest_harness.h"

#define SEL_WINDOW_NS	1000000		/* select-grow's widened window */
#define SEL_GROUPS	4
#define SEL_PAIRS	10
/*
 * The pairs and Ms of this test's workload: each test runs in a process
 * of its own, which chan-park-shrink's set lighter (chan_light()).
 */
static unsigned int sel_pairs = SEL_PAIRS, sel_workers = 2;
/*
 * chan-park-shrink's senders sleep up to 1 ms, not 4: a send must land
 * in the shrinker's read-to-write window once the park has committed.
 */
#define CHAN_DELAY_NS	1000000
/* The fixed runs last this long: 20x what the broken ones need (<0.5 s). */
#define SEL_SURVIVE_S	10

FIXTURE(scenario) {
	int unused;
};

FIXTURE_SETUP(scenario)
{
}

FIXTURE_TEARDOWN(scenario)
{
}

#define SCENARIO_TEST(name, secs) TEST_F_TIMEOUT(scenario, name, secs)

static void print_report(struct __test_metadata *_metadata,
			 const struct gcsched_stats *st)
{
	const struct gcsched_report *r = &st->report;

	TH_LOG("report: kind=%u \"%s\" in %s G%u expected=%#x observed=%#x cycle=%llu after %.3f s; %llu selects, %llu wakes, %llu grows, %llu shrinks in a select, %llu unlocked",
	       r->kind, r->msg, r->func, r->goid, r->expected, r->observed,
	       (unsigned long long)r->gc_cycle, r->since_start_ns / 1e9,
	       (unsigned long long)st->selects, (unsigned long long)st->select_wakes,
	       (unsigned long long)st->select_grows,
	       (unsigned long long)st->select_shrinks,
	       (unsigned long long)st->chan_unlocked_shrinks);
}

/*
 * Run the channel workload under @policy until it fails or @secs pass;
 * @delay_ns: the senders' sleep, at most (0: netpoll_delay_ns's default).
 */
static struct gcsched_stats *sel_run_delay(struct __test_metadata *_metadata,
					   int fd, unsigned int policy,
					   unsigned int flags,
					   unsigned long long window,
					   unsigned long long delay_ns, double secs)
{
	struct gcsched_config c = gc_config(policy);
	struct gcsched_stats *st;

	c.nr_pairs = sel_pairs;
	c.nr_workers = sel_workers;
	c.nr_selects = SEL_GROUPS;
	c.flags |= flags;
	c.race_window_ns = window;
	c.netpoll_delay_ns = delay_ns;
	if (gc_configure(fd, &c) || gc_start(fd))
		return NULL;
	st = gc_run_cycles(fd, ULLONG_MAX, secs);
	if (st)
		print_report(_metadata, st);
	return st;
}


/* A selector's goid: the first of each group of three after the pairs. */
static int is_selector(unsigned int goid)
{
	return goid >= 2 * sel_pairs && (goid - 2 * sel_pairs) % 3 == 0;
}

/* What every run must show, failed or not. */
static void sel_sane(struct __test_metadata *_metadata,
		     const struct gcsched_stats *st)
{
	EXPECT_EQ(2 * sel_pairs + 3 * SEL_GROUPS, st->nr_gs);
	EXPECT_EQ(0, st->illegal_transitions);
	EXPECT_EQ(0, st->verify_failures);
	/* a select is woken once, and completes, or is still completing */
	EXPECT_LE(st->selects, st->select_wakes);
}

/*
 * Run @policy on the workload until it fails, at most 60 s: it must, with
 * @state and a report of @kind from @func, about a selector G.
 * Return: the last STATS (caller frees), or NULL.
 */
static struct gcsched_stats *sel_fails(struct __test_metadata *_metadata,
				       unsigned int policy, unsigned int flags,
				       unsigned long long window,
				       unsigned long long delay_ns,
				       unsigned int state, unsigned int kind,
				       const char *func)
{
	struct gcsched_stats *st;
	int fd = gc_open();

	if (fd < 0)
		return NULL;
	st = sel_run_delay(_metadata, fd, policy, flags, window, delay_ns, 60);
	if (st) {
		sel_sane(_metadata, st);
		EXPECT_EQ(state, st->state);
		EXPECT_EQ(kind, st->report.kind);
		if (func)
			EXPECT_STREQ(func, (char *)st->report.func);
		EXPECT_TRUE(is_selector(st->report.goid)) TH_LOG("G%u", st->report.goid);
	}
	EXPECT_EQ(0, gc_stop(fd));
	close(fd);
	return st;
}

/*
 * Run each policy of @after on the workload for SEL_SURVIVE_S: it must
 * survive, and complete selects (or receives); @check checks the rest.
 */
static void sel_survive(struct __test_metadata *_metadata,
			const unsigned int *after, size_t n, unsigned int flags,
			unsigned long long window, unsigned long long delay_ns,
			void (*check)(struct __test_metadata *_metadata,
				      const struct gcsched_stats *st))
{
	for (size_t i = 0; i < n; i++) {
		struct gcsched_stats *st;
		int fd = gc_open();

		ASSERT_LE(0, fd);
		st = sel_run_delay(_metadata, fd, after[i], flags, window, delay_ns,
				   SEL_SURVIVE_S);
		ASSERT_NE(NULL, st);
		sel_sane(_metadata, st);
		EXPECT_EQ(GCSCHED_STATE_RUNNING, st->state) TH_LOG("policy %u", after[i]);
		EXPECT_EQ(GCSCHED_REPORT_NONE, st->report.kind);
		EXPECT_LT(100, st->selects);
		check(_metadata, st);
		free(st);
		EXPECT_EQ(0, gc_stop(fd));
		close(fd);
	}
}

static const unsigned int go175_and_modern[] = {
	GCSCHED_POLICY_GO175, GCSCHED_POLICY_MODERN,
};

SCENARIO_TEST(select_grow_throws_before_the_fix, 120)
{
	/* ~0.1 s with the window; 60 s is a 5x margin over the worst seen */
	struct gcsched_stats *st = sel_fails(_metadata, GCSCHED_POLICY_GO17, 0,
					     SEL_WINDOW_NS, 0, GCSCHED_STATE_CRASHED,
					     GCSCHED_REPORT_THROW, "ready");

	ASSERT_NE(NULL, st);
	EXPECT_STREQ("bad g->status in ready", (char *)st->report.msg);
	/* mid-copy (17007's report: 8), or just after it */
	EXPECT_TRUE(st->report.observed == GCSCHED_GCOPYSTACK ||
		    st->report.observed == GCSCHED_GRUNNING);
	/* the window opened: a growth with the sudogs still claimable */
	EXPECT_LT(0, st->select_grows);
	/* the second wakeup is among the wakes: more wakes than selects done */
	EXPECT_LT(st->selects, st->select_wakes);
	free(st);
}

static void no_select_grows(struct __test_metadata *_metadata,
			    const struct gcsched_stats *st)
{
	/* b902a63: no growth while a sudog can be claimed */
	EXPECT_EQ(0, st->select_grows);
	EXPECT_LE(st->select_wakes, st->selects + SEL_GROUPS);
}

SCENARIO_TEST(select_grow_fix_holds, 120)
{
	sel_survive(_metadata, go175_and_modern, ARRAY_SIZE(go175_and_modern), 0,
		    SEL_WINDOW_NS, 0, no_select_grows);
}

SCENARIO_TEST(dup_chan_shrink_deadlocks_before_the_fix, 120)
{
	/* the first shrink of a selector in its select: well under a second */
	struct gcsched_stats *st = sel_fails(_metadata, GCSCHED_POLICY_GO17_BETA2,
					     GCSCHED_CFG_SELECT_DUP, 0, 0,
					     GCSCHED_STATE_WEDGED,
					     GCSCHED_REPORT_DEADLOCK,
					     "syncadjustsudogs");

	ASSERT_NE(NULL, st);
	EXPECT_NE(NULL, strstr((char *)st->report.msg, "held by its caller"));
	/* the collector (or a helper) asked for the lock it held */
	EXPECT_EQ(GCSCHED_ACTOR_GC, st->report.actor);
	free(st);
}

static void shrunk_in_select(struct __test_metadata *_metadata,
			     const struct gcsched_stats *st)
{
	/* where go1.7beta2 deadlocked, done many times over */
	EXPECT_LT(10, st->select_shrinks);
}

SCENARIO_TEST(dup_chan_shrink_fix_holds, 120)
{
	sel_survive(_metadata, go175_and_modern, ARRAY_SIZE(go175_and_modern),
		    GCSCHED_CFG_SELECT_DUP, 0, 0, shrunk_in_select);
}

/*
 * chan-park-shrink's send must come in the shrinker's window, from an M:
 * with two Ms and ten pairs the senders waited for an M past it on the
 * debug kernels (54 unlocked shrinks in 60 s, no throw, under KCSAN).
 * Two pairs and three Ms leave an M for the senders.
 */
static void chan_light(void)
{
	sel_pairs = 2;
	sel_workers = 3;
}

/*
 * What a go1.15 receiver of the race ends in: the pointer put back
 * (releaseSudog's throw), or the value lost to the copy (gcsched's own
 * report of what Go went on with; kmod/chan.c, chanrecv_woken()).
 */
static bool chan_park_outcome(const struct gcsched_stats *st)
{
	const char *func = (const char *)st->report.func;
	const char *msg = (const char *)st->report.msg;

	return (!strcmp(func, "releaseSudog") &&
		!strcmp(msg, "runtime: sudog with non-nil elem")) ||
	       (!strcmp(func, "chanrecv") &&
		!strcmp(msg, "chanrecv: the value sent is not on the receiver's stack"));
}

SCENARIO_TEST(chan_park_shrink_throws_before_the_fix, 120)
{
	struct gcsched_stats *st;

	chan_light();
	/* 0.1-0.5 s (6 runs by hand); 60 s is well past 5x */
	st = sel_fails(_metadata, GCSCHED_POLICY_GO115, GCSCHED_CFG_CHAN_RECV,
		       SEL_WINDOW_NS, CHAN_DELAY_NS, GCSCHED_STATE_CRASHED,
		       GCSCHED_REPORT_THROW, NULL);

	ASSERT_NE(NULL, st);
	/* either end of the race for the receiver */
	EXPECT_TRUE(chan_park_outcome(st)) TH_LOG("%s: %s", (char *)st->report.func,
						  (char *)st->report.msg);
	/* the unlocked adjustment happened: the window's shrink */
	EXPECT_LT(0, st->chan_unlocked_shrinks);
	free(st);
}

static void never_unlocked(struct __test_metadata *_metadata,
			   const struct gcsched_stats *st)
{
	/* parked Gs shrunk under c0's lock (75 in 10 s here); none in the window */
	EXPECT_LT(0, st->select_shrinks);
	EXPECT_EQ(0, st->chan_unlocked_shrinks);
}

SCENARIO_TEST(chan_park_shrink_fix_holds, 60)
{
	static const unsigned int modern[] = { GCSCHED_POLICY_MODERN };

	chan_light();
	sel_survive(_metadata, modern, ARRAY_SIZE(modern), GCSCHED_CFG_CHAN_RECV,
		    SEL_WINDOW_NS, CHAN_DELAY_NS, never_unlocked);
}

/* A policy without select refuses the selects, and names the field. */
SCENARIO_TEST(selects_need_a_policy_with_select, 30)
{
	static const unsigned int go14[] = {
		GCSCHED_POLICY_GO14_BUGGY, GCSCHED_POLICY_GO14_FIXED,
	};
	int fd = gc_open();

	ASSERT_LE(0, fd);
	for (size_t i = 0; i < ARRAY_SIZE(go14); i++) {
		struct gcsched_config c = gc_config(go14[i]);

		c.nr_selects = 1;
		EXPECT_EQ(-EINVAL, gc_configure(fd, &c));
		EXPECT_EQ(GCSCHED_FIELD_NR_SELECTS, c.bad_field);
	}
	{
		struct gcsched_config c = gc_config(GCSCHED_POLICY_GO17);

		/* SELECT_DUP, CHAN_RECV with no select to change; not both */
		c.flags = GCSCHED_CFG_SELECT_DUP;
		EXPECT_EQ(-EINVAL, gc_configure(fd, &c));
		EXPECT_EQ(GCSCHED_FIELD_FLAGS, c.bad_field);
		c = gc_config(GCSCHED_POLICY_GO115);
		c.flags = GCSCHED_CFG_CHAN_RECV;
		EXPECT_EQ(-EINVAL, gc_configure(fd, &c));
		EXPECT_EQ(GCSCHED_FIELD_FLAGS, c.bad_field);
		c.nr_selects = 1;
		c.flags = GCSCHED_CFG_CHAN_RECV | GCSCHED_CFG_SELECT_DUP;
		EXPECT_EQ(-EINVAL, gc_configure(fd, &c));
		EXPECT_EQ(GCSCHED_FIELD_FLAGS, c.bad_field);
		c.flags = GCSCHED_CFG_CHAN_RECV;
		EXPECT_EQ(0, gc_configure(fd, &c));
		c = gc_config(GCSCHED_POLICY_GO17);
		c.nr_selects = GCSCHED_SELECTS_GREATEST + 1;
		EXPECT_EQ(-ERANGE, gc_configure(fd, &c));
		EXPECT_EQ(GCSCHED_FIELD_NR_SELECTS, c.bad_field);
	}
	close(fd);
}

TEST_HARNESS_MAIN
