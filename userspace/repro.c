// SPDX-License-Identifier: GPL-2.0
/*
 * gcschedctl repro: the seed's experiment; go1.4-buggy until it fails, then
 * both fixes, side by side. Or the same for a scenario of the catalogue
 * (scenario.c): its policy before the fix, then each after it.
 */
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gcschedctl.h"

static const char repro_usage[] =
"usage: gcschedctl repro [options]\n"
"The seed's experiment (Go commit 2b62e1e): go1.4-buggy with the throw check\n"
"until it fails (at most --timeout), --runs times; then go1.4-fixed and\n"
"modern for --duration each. All with the seed's workload: 100 pairs,\n"
"1000-frame bigstack, continuous GC, the natural race, changed by the\n"
"options of run below (see gcschedctl run --help for their ranges). Ends\n"
"with a side-by-side table. --scenario NAME does the same for another race\n"
"of the catalogue (gcschedctl scenarios), --all for each of them, with one\n"
"table at the end.\n"
"\n";

/*
 * Time to failure over runs, some of which may have survived the timeout:
 * those are censored, they say only "longer than this". As bench/report.py
 * does: the failed runs first by time, then the survivors; a quantile is
 * the ceil(p * n)-th run, and one that lands on a survivor is a lower bound.
 */
struct ttf {
	double t;
	bool failed;
};

static int cmp_ttf(const void *a, const void *b)
{
	const struct ttf *x = a, *y = b;

	if (x->failed != y->failed)
		return x->failed ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

static const struct ttf *ttf_quantile(const struct ttf *r, int n, double p)
{
	int k = (int)ceil(p * n) - 1;

	return &r[k < 0 ? 0 : k];
}

static void ttf_text(const struct ttf *r, int n, double p, const char *name)
{
	const struct ttf *q = ttf_quantile(r, n, p);

	printf("%s %s%.3f s", name, q->failed ? "" : "> ", q->t);
}

static void ttf_json(const struct ttf *r, int n, double p, const char *name)
{
	const struct ttf *q = ttf_quantile(r, n, p);

	if (q->failed)
		printf("\"%s\": %.3f, ", name, q->t);
	else
		printf("\"%s\": null, \"%s_above\": %.3f, ", name, name, q->t);
}

static void table_row(const struct run_result *r)
{
	const struct gcsched_stats *st = &r->st;
	char p50[16], p99[16], pmax[16], t[24];

	fmt_ns(p50, sizeof(p50), hist_pct(st->pause_hist, 50));
	fmt_ns(p99, sizeof(p99), hist_pct(st->pause_hist, 99));
	fmt_ns(pmax, sizeof(pmax), st->pause_max_ns);
	snprintf(t, sizeof(t), "%.2fs", r->seconds);
	printf("%-14s %-8s %8s %9llu %8.1f %9s %9s %9s %9llu\n", r->policy,
	       outcome_name(r->state), t, (unsigned long long)st->gc_cycles,
	       r->seconds > 0 ? st->gc_cycles / r->seconds : 0, p50, p99, pmax,
	       (unsigned long long)st->netpoll_wakeups_stw);
}

/* One scenario's experiment: before the fix --runs times, then each after. */
struct repro {
	const struct scenario *s;
	int runs, failed;
	struct ttf *ttf;
	struct run_result *before;
	struct run_result after[2];
};

static void repro_one(struct repro *x, const struct run_opts *opts, uint64_t timeout_ns,
		      uint64_t duration_ns, const struct gcsched_info *info)
{
	const struct scenario *s = x->s;
	struct run_opts o = *opts;
	int i, runs = x->runs;

	if (!json)
		printf("gcsched repro: %s%s (Go issue%s %s, fixed by %s), %u pairs, %u Ms, %s\n\n",
		       s == &scenarios[0] ? "the seed of Go commit 2b62e1e, " : "", s->name,
		       strchr(s->issues, ',') ? "s" : "", s->issues, s->fix,
		       o.cfg.nr_pairs ? o.cfg.nr_pairs : 100,
		       o.cfg.nr_workers ? o.cfg.nr_workers : info->online_cpus,
		       o.cfg.flags & GCSCHED_CFG_FORCED ?
		       "a forced schedule (the model's trail: make model)" :
		       o.cfg.race_window_ns ? "natural race widened" : "natural race");
	for (i = 0; i < runs && !interrupted; i++) {
		struct run_opts b = o;

		scenario_apply(s, &b, true);
		b.cfg.seed = o.cfg.seed + i;
		b.duration_ns = timeout_ns;
		if (!json) {
			printf("%s%s, netpoller %s, run %d/%d: until it fails (at most %.0f s)\n",
			       policy_names[b.cfg.policy],
			       b.cfg.flags & GCSCHED_CFG_THROW_CHECK ? " + throw check" : "",
			       netpoll_model_of(&b.cfg), i + 1, runs, timeout_ns / 1e9);
			fflush(stdout);
		}
		run_one(&b, info, runs > 1, &x->before[i]);
		x->ttf[i].t = x->before[i].seconds;
		x->ttf[i].failed = x->before[i].state == GCSCHED_STATE_CRASHED ||
				   x->before[i].state == GCSCHED_STATE_WEDGED;
		if (x->ttf[i].failed)
			x->failed++;
		if (!json && (runs == 1 || i == 0))
			print_report(&x->before[i].st.report, &x->before[i].st);
		else if (!json)
			printf("  %s after %.3f s\n", state_name(x->before[i].state), x->ttf[i].t);
		if (!json)
			printf("\n");
	}
	/* a run cut short by Ctrl-C is no run (the scenario is not printed) */
	x->runs = interrupted && i ? i - 1 : i;
	o.duration_ns = duration_ns;
	o.timeline = NULL;	/* the window of the runs before the fix */
	o.svg = NULL;
	scenario_apply(s, &o, false);
	for (i = 0; i < s->nr_after && !interrupted; i++) {
		o.cfg.policy = s->after[i];
		if (!json)
			printf("%s%s for %.0f s\n", i ? "\n" : "", policy_names[o.cfg.policy],
			       duration_ns / 1e9);
		run_one(&o, info, false, &x->after[i]);
		if (!json && x->after[i].st.report.kind)
			print_report(&x->after[i].st.report, &x->after[i].st);
	}
	qsort(x->ttf, x->runs, sizeof(*x->ttf), cmp_ttf);
}

/* The experiment succeeds when the bug shows and the fixes hold. */
static int repro_status(const struct repro *x)
{
	int i;

	for (i = 0; i < x->s->nr_after; i++)
		if (x->after[i].st.report.kind)
			return exit_status(x->after[i].state);
	for (i = 0; i < x->s->nr_after; i++)
		if (x->after[i].state != GCSCHED_STATE_RUNNING)
			return EXIT_ERROR;
	return x->failed == x->runs && x->runs ? EXIT_HEALTHY : EXIT_ERROR;
}

static void repro_json(const struct repro *x)
{
	int i;

	printf("{");
	json_str("version", GCSCHED_VERSION, true);
	json_str("scenario", x->s->name, true);
	printf("\"runs\": %d, \"buggy_failed\": %d, \"time_to_failure_s\": {",
	       x->runs, x->failed);
	if (x->runs) {
		ttf_json(x->ttf, x->runs, 0, "min");
		ttf_json(x->ttf, x->runs, 0.5, "median");
		ttf_json(x->ttf, x->runs, 1, "max");
	}
	printf("\"censored\": %d}, \"results\": [", x->runs - x->failed);
	for (i = 0; i < x->runs; i++) {
		json_run(&x->before[i]);
		printf(", ");
	}
	for (i = 0; i < x->s->nr_after; i++) {
		json_run(&x->after[i]);
		printf(i + 1 < x->s->nr_after ? ", " : "");
	}
	printf("]}");
}

static void repro_text(const struct repro *x, int status)
{
	int i;

	printf("\n%-14s %-8s %8s %9s %8s %9s %9s %9s %9s\n", "policy", "outcome",
	       "time", "GC cycles", "cycles/s", "pause p50", "p99", "max", "STW wakes");
	if (x->runs)
		table_row(&x->before[0]);
	for (i = 0; i < x->s->nr_after; i++)
		table_row(&x->after[i]);
	if (x->runs > 1) {
		printf("\n%s time to failure over %d runs (%d failed",
		       policy_names[x->s->before], x->runs, x->failed);
		if (x->failed < x->runs)
			printf("; %d survived the timeout: censored, shown as > T",
			       x->runs - x->failed);
		printf("): ");
		ttf_text(x->ttf, x->runs, 0, "min");
		ttf_text(x->ttf, x->runs, 0.5, ", median");
		ttf_text(x->ttf, x->runs, 1, ", max");
		printf("\n");
	}
	printf("\n%s\n", status == EXIT_HEALTHY ?
	       (x->s->nr_after == 2 ? "reproduced: the buggy runtime failed, both fixes held" :
				      "reproduced: the buggy runtime failed, the fix held") :
	       x->failed < x->runs ? "NOT reproduced: the buggy runtime survived its timeout; raise --timeout" :
	       "a fixed policy failed: that is a gcsched bug, please report it");
}

/* repro --all's table: one row per scenario. */
static void all_table(const struct repro *xs, int n)
{
	char after[96];
	int k, i;

	printf("\n%-16s %-24s %-30s %s\n", "scenario", "before the fix", "time to failure",
	       "after the fix");
	for (k = 0; k < n; k++) {
		const struct repro *x = &xs[k];
		char ttf[64] = "-";

		after[0] = '\0';
		for (i = 0; i < x->s->nr_after; i++)
			snprintf(after + strlen(after), sizeof(after) - strlen(after),
				 "%s%s %s", i ? ", " : "", policy_names[x->s->after[i]],
				 outcome_name(x->after[i].state));
		if (x->runs) {
			const struct ttf *lo = ttf_quantile(x->ttf, x->runs, 0);
			const struct ttf *md = ttf_quantile(x->ttf, x->runs, 0.5);
			const struct ttf *hi = ttf_quantile(x->ttf, x->runs, 1);

			snprintf(ttf, sizeof(ttf), "%s%.2f/%s%.2f/%s%.2f s (%d/%d)",
				 lo->failed ? "" : ">", lo->t, md->failed ? "" : ">", md->t,
				 hi->failed ? "" : ">", hi->t, x->failed, x->runs);
		}
		printf("%-16s %-24s %-30s %s\n", x->s->name,
		       x->runs ? outcome_name(x->before[0].state) : "-", ttf, after);
	}
	printf("(time to failure: min/median/max over the runs; >T: survived the timeout)\n");
}

int cmd_repro(int argc, char **argv)
{
	const struct gcsched_info *info;
	struct run_opts o = {};
	uint64_t timeout_ns = 120000000000ULL, duration_ns = 10000000000ULL;
	struct repro *xs;
	int runs = 1, opt, n, k, done, status = EXIT_HEALTHY;

	defaults(&o.cfg);
	while ((opt = getopt_long(argc, argv, "h", longopts(CMD_REPRO), NULL)) != -1) {
		switch (opt) {
		case 'h':
		case OPT_HELP:
			fputs(repro_usage, stdout);
			print_options(stdout, CMD_REPRO);
			return EXIT_HEALTHY;
		case OPT_RUNS:
			runs = need_count("--runs", optarg, 1, 1000);
			break;
		case OPT_TIMEOUT:
			timeout_ns = need_duration("--timeout", optarg, 1000000, UINT64_MAX);
			break;
		case OPT_DURATION:
			duration_ns = need_duration("--duration", optarg, 1000000, UINT64_MAX);
			break;
		default:
			if (!parse_common(opt, optarg, &o)) {
				fputs(repro_usage, stderr);
				return EXIT_ERROR;
			}
		}
	}
	if (optind < argc)
		die("repro: unexpected argument '%s' (see gcschedctl repro --help)", argv[optind]);
	if (!timeout_ns || !duration_ns)
		die("--timeout and --duration must be more than zero");
	if (o.all && o.scenario)
		die("repro: --all runs every scenario: drop --scenario %s", o.scenario->name);
	if ((o.all || (o.scenario && o.scenario != &scenarios[0])) &&
	    (o.cfg.flags & GCSCHED_CFG_FORCED))
		die("repro: --forced is the seed's schedule (shrink-netpoll's): drop --all or --scenario");
	info = need_info();

	n = o.all ? (int)nr_scenarios : 1;
	xs = calloc(n, sizeof(*xs));
	if (!xs)
		die("out of memory");
	if (json && o.all)
		printf("{\"scenarios\": [");
	done = 0;
	for (k = 0; k < n && !interrupted; k++) {
		struct repro *x = &xs[k];

		x->s = o.all ? &scenarios[k] : o.scenario ? o.scenario : &scenarios[0];
		x->runs = runs;
		x->before = calloc(runs, sizeof(*x->before));
		x->ttf = calloc(runs, sizeof(*x->ttf));
		if (!x->before || !x->ttf)
			die("out of memory");
		if (!json && k)
			printf("\n");
		repro_one(x, &o, timeout_ns, duration_ns, info);
		if (interrupted)
			break;
		done++;
		/* the worst of them: crashed (3) > wedged (2) > error (1) > 0 */
		if (repro_status(x) > status)
			status = repro_status(x);
		if (json) {
			printf(o.all && k ? ", " : "");
			repro_json(x);
			printf(o.all ? "" : "\n");
		} else {
			repro_text(x, repro_status(x));
		}
	}
	/* what finished is printed whole, and the document closed */
	if (json && o.all)
		printf("]%s}\n", interrupted ? ", \"interrupted\": true" : "");
	else if (json && interrupted)
		printf("{\"version\": \"%s\", \"scenario\": \"%s\", \"interrupted\": true}\n",
		       GCSCHED_VERSION, o.scenario ? o.scenario->name : scenarios[0].name);
	if (!json && o.all && done)
		all_table(xs, done);
	for (k = 0; k < n; k++) {
		free(xs[k].before);
		free(xs[k].ttf);
	}
	free(xs);
	if (interrupted) {
		fprintf(stderr, "gcschedctl: repro interrupted\n");
		return EXIT_INTERRUPTED;
	}
	return status;
}
