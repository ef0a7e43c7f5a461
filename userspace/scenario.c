// SPDX-License-Identifier: GPL-2.0
/*
 * The scenario catalogue: Go runtime races gcsched reproduces, each a
 * workload plus the policy before its fix and the policies after, with the
 * outcome the real runtime had. The policies are the module's table
 * (kmod/policy.c); a scenario only names them. docs/scenarios.md has each
 * row's sources: the Go issue, the fix's commit, file and lines.
 */
#include <stdio.h>
#include <string.h>

#include "gcschedctl.h"

const struct scenario scenarios[] = {
	{
		.name = "shrink-netpoll",
		.issues = "9186",
		.fix = "2b62e1e",
		.release = "Go 1.4",
		.race = "copystack's read + CAS during a stop vs the netpoller readying the G",
		.before = GCSCHED_POLICY_GO14_BUGGY,
		.before_flags = GCSCHED_CFG_THROW_CHECK,
		.before_outcome = "throw \"casgstatus: waiting for Gwaiting but is Grunnable\" (2b62e1e's check), or a silent wedge",
		.after = { GCSCHED_POLICY_GO14_FIXED, GCSCHED_POLICY_MODERN },
		.nr_after = 2,
		.after_outcome = "survives: casgcopystack takes either status",
	},
	{
		.name = "tight-loop",
		.issues = "10958, 24543",
		.fix = "62e53b7, 177a36a",
		.release = "Go 1.14",
		.race = "a G in a loop with no call reaches no safe point: a stop, or suspendG, waits for it",
		.before = GCSCHED_POLICY_MODERN_NOASYNC,
		.before_outcome = "a stop (or a suspendG) that never completes",
		.after = { GCSCHED_POLICY_MODERN },
		.nr_after = 1,
		.after_outcome = "survives: asynchronous preemption (preemptM)",
		.nr_spinners = 1,
	},
	{
		.name = "select-grow",
		.issues = "17007",
		.fix = "b902a63",
		.release = "Go 1.8, go1.7.5",
		.race = "a woken select's sellock grows its stack: the sudogs' done pointer moves before the copy, and a second sender claims the select on the new stack",
		.before = GCSCHED_POLICY_GO17,
		.before_outcome = "throw \"bad g->status in ready\" (Gcopystack, or Grunning once the copy is done)",
		.after = { GCSCHED_POLICY_GO175, GCSCHED_POLICY_MODERN },
		.nr_after = 2,
		.after_outcome = "survives: sellock on the system stack, no growth while a sudog can be claimed",
		.nr_selects = 4,
	},
	{
		.name = "dup-chan-shrink",
		.issues = "16286",
		.fix = "84bb9e6",
		.release = "go1.7rc1",
		.race = "the concurrent shrink of a G whose select names one channel twice locks that channel twice (syncadjustsudogs)",
		.before = GCSCHED_POLICY_GO17_BETA2,
		.before_flags = GCSCHED_CFG_SELECT_DUP,
		.before_outcome = "the collector deadlocks on the channel's lock: every goroutine hangs",
		.after = { GCSCHED_POLICY_GO175, GCSCHED_POLICY_MODERN },
		.nr_after = 2,
		.after_outcome = "survives: each distinct channel locked once",
		.nr_selects = 4,
		.after_flags = GCSCHED_CFG_SELECT_DUP,
	},
	{
		.name = "chan-park-shrink",
		.issues = "40641",
		.fix = "eb3c6a9",
		.release = "Go 1.16, go1.15.3, go1.14.10",
		.race = "a G parking on a channel is Gwaiting before activeStackChans is set; a concurrent shrink then moves its sudog's elem without the lock while the sender clears it",
		.before = GCSCHED_POLICY_GO115,
		.before_flags = GCSCHED_CFG_CHAN_RECV,
		.before_outcome = "throw \"runtime: sudog with non-nil elem\"; or, the sender's write lost to the copy, \"chanrecv: the value sent is not on the receiver's stack\" (Go went on with the lost value; rare: the natural window is a few instructions)",
		.after = { GCSCHED_POLICY_MODERN },
		.nr_after = 1,
		.after_outcome = "survives: isShrinkStackSafe refuses a G while parkingOnChan",
		.nr_selects = 4,
		.after_flags = GCSCHED_CFG_CHAN_RECV,
	},
};

const unsigned int nr_scenarios = sizeof(scenarios) / sizeof(scenarios[0]);

const struct scenario *scenario_by_name(const char *name)
{
	char list[256] = "";
	unsigned int i;

	for (i = 0; i < nr_scenarios; i++)
		if (!strcmp(name, scenarios[i].name))
			return &scenarios[i];
	for (i = 0; i < nr_scenarios; i++)
		list_or(list, sizeof(list), i, nr_scenarios, scenarios[i].name);
	die("--scenario %s: not a scenario; use %s (gcschedctl scenarios lists them)",
	    name, list);
}

/*
 * @o as @s runs it: the policy before the fix or the first after, and its
 * workload where no option set the field.
 */
void scenario_apply(const struct scenario *s, struct run_opts *o, bool before)
{
	struct gcsched_config *c = &o->cfg;

	c->policy = before ? s->before : s->after[0];
	c->flags |= before ? s->before_flags : s->after_flags;
	if (!o->spinners_set)
		c->nr_spinners = s->nr_spinners;
	if (!o->selects_set)
		c->nr_selects = s->nr_selects;
}

static void policy_list(const struct scenario *s, char *buf, size_t n)
{
	int i;

	buf[0] = '\0';
	for (i = 0; i < s->nr_after; i++)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i ? ", " : "",
			 policy_names[s->after[i]]);
}

int cmd_scenarios(int argc, char **argv)
{
	char after[64];
	unsigned int i;

	if (argc > 1 && (!strcmp(argv[1], "--json"))) {
		printf("[");
		for (i = 0; i < nr_scenarios; i++) {
			const struct scenario *s = &scenarios[i];

			policy_list(s, after, sizeof(after));
			printf("%s{", i ? ", " : "");
			json_str("name", s->name, true);
			json_str("go_issues", s->issues, true);
			json_str("fix", s->fix, true);
			json_str("release", s->release, true);
			json_str("before", policy_names[s->before], true);
			json_str("before_outcome", s->before_outcome, true);
			json_str("after", after, true);
			json_str("after_outcome", s->after_outcome, false);
			printf("}");
		}
		printf("]\n");
		return EXIT_HEALTHY;
	}
	if (argc > 1) {
		fprintf(stderr, "usage: gcschedctl scenarios [--json]\n"
			"The Go runtime races gcsched reproduces; run one with\n"
			"gcschedctl repro --scenario NAME, or run --scenario NAME [--before-fix].\n");
		return strcmp(argv[1], "--help") && strcmp(argv[1], "-h") ? EXIT_ERROR :
									    EXIT_HEALTHY;
	}
	for (i = 0; i < nr_scenarios; i++) {
		const struct scenario *s = &scenarios[i];

		policy_list(s, after, sizeof(after));
		printf("%s%s: Go issue%s %s, fixed by %s (%s)\n\t%s\n", i ? "\n" : "",
		       s->name, strchr(s->issues, ',') ? "s" : "", s->issues, s->fix,
		       s->release, s->race);
		printf("\tbefore the fix, %s: %s\n", policy_names[s->before], s->before_outcome);
		printf("\tafter it, %s: %s\n", after, s->after_outcome);
	}
	return EXIT_HEALTHY;
}
