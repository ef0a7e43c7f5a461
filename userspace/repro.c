// SPDX-License-Identifier: GPL-2.0
/*
 * gcschedctl repro: the seed's experiment; go1.4-buggy until it fails, then
 * both fixes, side by side.
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
"with a side-by-side table.\n"
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
	printf("%-12s %-8s %8s %9llu %8.1f %9s %9s %9s %9llu\n", r->policy,
	       outcome_name(r->state), t, (unsigned long long)st->gc_cycles,
	       r->seconds > 0 ? st->gc_cycles / r->seconds : 0, p50, p99, pmax,
	       (unsigned long long)st->netpoll_wakeups_stw);
}

int cmd_repro(int argc, char **argv)
{
	const struct gcsched_info *info;
	struct run_opts o = {};
	uint64_t timeout_ns = 120000000000ULL, duration_ns = 10000000000ULL;
	struct run_result *buggy, fixed, modern;
	struct ttf *ttf;
	int runs = 1, opt, failed = 0, i, status;

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
	info = need_info();

	buggy = calloc(runs, sizeof(*buggy));
	ttf = calloc(runs, sizeof(*ttf));
	if (!buggy || !ttf)
		die("out of memory");

	if (!json)
		printf("gcsched repro: the seed of Go commit 2b62e1e, %u pairs, %u Ms, %s\n\n",
		       o.cfg.nr_pairs ? o.cfg.nr_pairs : 100,
		       o.cfg.nr_workers ? o.cfg.nr_workers : info->online_cpus,
		       o.cfg.flags & GCSCHED_CFG_FORCED ?
		       "a forced schedule (the model's trail: make model)" :
		       o.cfg.race_window_ns ? "natural race widened" : "natural race");
	for (i = 0; i < runs && !interrupted; i++) {
		struct run_opts b = o;

		b.cfg.policy = GCSCHED_POLICY_GO14_BUGGY;
		b.cfg.flags |= GCSCHED_CFG_THROW_CHECK;
		b.cfg.seed = o.cfg.seed + i;
		b.duration_ns = timeout_ns;
		if (!json) {
			printf("go1.4-buggy + throw check, netpoller %s, run %d/%d: until it fails (at most %.0f s)\n",
			       netpoll_model_of(&b.cfg), i + 1, runs, timeout_ns / 1e9);
			fflush(stdout);
		}
		run_one(&b, info, runs > 1, &buggy[i]);
		ttf[i].t = buggy[i].seconds;
		ttf[i].failed = buggy[i].state == GCSCHED_STATE_CRASHED ||
				buggy[i].state == GCSCHED_STATE_WEDGED;
		if (buggy[i].state == GCSCHED_STATE_CRASHED || buggy[i].state == GCSCHED_STATE_WEDGED)
			failed++;
		if (!json && (runs == 1 || i == 0))
			print_report(&buggy[i].st.report, &buggy[i].st);
		else if (!json)
			printf("  %s after %.3f s\n", state_name(buggy[i].state), ttf[i].t);
		if (!json)
			printf("\n");
	}
	runs = i;
	o.duration_ns = duration_ns;
	o.cfg.policy = GCSCHED_POLICY_GO14_FIXED;
	if (!json && !interrupted)
		printf("go1.4-fixed (casgcopystack) for %.0f s\n", duration_ns / 1e9);
	if (!interrupted)
		run_one(&o, info, false, &fixed);
	o.cfg.policy = GCSCHED_POLICY_MODERN;
	if (!json && !interrupted)
		printf("\nmodern (concurrent mark, suspendG) for %.0f s\n", duration_ns / 1e9);
	if (!interrupted)
		run_one(&o, info, false, &modern);
	if (interrupted) {
		fprintf(stderr, "gcschedctl: repro interrupted\n");
		return EXIT_INTERRUPTED;
	}

	qsort(ttf, runs, sizeof(*ttf), cmp_ttf);
	if (json) {
		printf("{");
		json_str("version", GCSCHED_VERSION, true);
		printf("\"runs\": %d, \"buggy_failed\": %d, \"time_to_failure_s\": {",
		       runs, failed);
		ttf_json(ttf, runs, 0, "min");
		ttf_json(ttf, runs, 0.5, "median");
		ttf_json(ttf, runs, 1, "max");
		printf("\"censored\": %d}, \"results\": [", runs - failed);
		for (i = 0; i < runs; i++) {
			json_run(&buggy[i]);
			printf(", ");
		}
		json_run(&fixed);
		printf(", ");
		json_run(&modern);
		printf("]}\n");
	} else {
		printf("\n%-12s %-8s %8s %9s %8s %9s %9s %9s %9s\n", "policy", "outcome",
		       "time", "GC cycles", "cycles/s", "pause p50", "p99", "max", "STW wakes");
		if (runs)
			table_row(&buggy[0]);
		table_row(&fixed);
		table_row(&modern);
		if (runs > 1) {
			printf("\ngo1.4-buggy time to failure over %d runs (%d failed", runs, failed);
			if (failed < runs)
				printf("; %d survived the timeout: censored, shown as > T", runs - failed);
			printf("): ");
			ttf_text(ttf, runs, 0, "min");
			ttf_text(ttf, runs, 0.5, ", median");
			ttf_text(ttf, runs, 1, ", max");
			printf("\n");
		}
	}
	/* The experiment succeeds when the bug shows and the fixes hold. */
	status = failed == runs && fixed.state == GCSCHED_STATE_RUNNING &&
		 modern.state == GCSCHED_STATE_RUNNING ? EXIT_HEALTHY : EXIT_ERROR;
	if (fixed.st.report.kind || modern.st.report.kind)
		status = exit_status(fixed.st.report.kind ? fixed.state : modern.state);
	if (!json)
		printf("\n%s\n", status == EXIT_HEALTHY ?
		       "reproduced: the buggy runtime failed, both fixes held" :
		       failed < runs ? "NOT reproduced: the buggy runtime survived its timeout; raise --timeout" :
		       "a fixed policy failed: that is a gcsched bug, please report it");
	free(buggy);
	free(ttf);
	return status;
}
