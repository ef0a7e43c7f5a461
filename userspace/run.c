// SPDX-License-Identifier: GPL-2.0
/*
 * gcschedctl run: one instance, its progress once a second, a summary and
 * the runtime's report.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gcschedctl.h"

int exit_status(uint32_t state)
{
	if (state == GCSCHED_STATE_WEDGED)
		return EXIT_WEDGED;
	if (state == GCSCHED_STATE_CRASHED)
		return EXIT_CRASHED;
	return EXIT_HEALTHY;
}

static void progress(const struct gcsched_stats *st, const struct gcsched_stats *prev,
		     double t, double dt, bool tty)
{
	char p50[16], pmax[16];

	fmt_ns(p50, sizeof(p50), hist_pct(st->pause_hist, 50));
	fmt_ns(pmax, sizeof(pmax), st->pause_max_ns);
	/*
	 * At most 79 columns, fixed widths (a tty's line is rewritten in
	 * place): time since START; GC cycles in all, and per second over
	 * the last interval; the pause median and maximum so far; netpoll
	 * wakeups per second, all and while the world was stopped; state.
	 */
	printf("%s%6.1fs GC %6llu %4.0f/s p50 %7s max %7s net %5.0f/s stw %4.0f/s %-7s%s",
	       tty ? "\r" : "", t, (unsigned long long)st->gc_cycles,
	       dt > 0 ? (st->gc_cycles - prev->gc_cycles) / dt : 0, p50, pmax,
	       dt > 0 ? (st->netpoll_wakeups - prev->netpoll_wakeups) / dt : 0,
	       dt > 0 ? (st->netpoll_wakeups_stw - prev->netpoll_wakeups_stw) / dt : 0,
	       state_name(st->state), tty ? "" : "\n");
	fflush(stdout);
}

/*
 * --timeline, --svg: the window STOP kept, as JSON and as a picture. A
 * failure to write is said, and the run's outcome stands.
 */
static void write_timeline(int fd, const struct run_opts *o,
			   const struct run_result *res, bool quiet)
{
	struct tl_window w;

	if (timeline_read(fd, &res->st, res->policy, &w) < 0) {
		fprintf(stderr, "gcschedctl: reading the timeline: %s\n", strerror(errno));
		return;
	}
	if (o->timeline && timeline_json(&w, o->timeline))
		fprintf(stderr, "gcschedctl: --timeline %s: %s\n", o->timeline,
			strerror(errno));
	else if (o->timeline && !quiet && !json)
		printf("timeline: %u events in %s\n", w.n, o->timeline);
	if (o->svg && timeline_svg(&w, o->svg))
		fprintf(stderr, "gcschedctl: --svg %s: %s\n", o->svg,
			errno == ENODATA ? "no events to draw (--no-timeline?)" : strerror(errno));
	else if (o->svg && !quiet && !json)
		printf("timeline picture: %s\n", o->svg);
	timeline_free(&w);
}

/*
 * Configure, start, watch until the duration or a failure (poll on
 * EPOLLPRI), stop. Progress goes to stdout once a second unless quiet.
 */
void run_one(const struct run_opts *o, const struct gcsched_info *info,
		    bool quiet, struct run_result *res)
{
	struct gcsched_config cfg = o->cfg;
	struct gcsched_stats prev;
	bool tty = !quiet && !json && isatty(STDOUT_FILENO);
	double t0, t0_run, last, end;
	FILE *trace = NULL;
	int fd = dev_open();

	memset(res, 0, sizeof(*res));
	if (o->gctrace && !json)
		trace = gctrace_open();
	t0 = now_s();
	configure_and_start(fd, &cfg, info);
	res->start_s = now_s() - t0;
	res->gc_procs = cfg.gc_procs;
	res->cfg = cfg;
	t0 = t0_run = last = now_s();
	end = o->duration_ns ? t0 + o->duration_ns / 1e9 : INFINITY;
	memset(&prev, 0, sizeof(prev));
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLPRI };
		double t = now_s(), wait = fmin(last + 1 - t, end - t);
		int r = poll(&p, 1, wait > 0 ? (int)(wait * 1000) + 1 : 0);

		if (r < 0 && errno != EINTR)
			die("poll: %s", strerror(errno));
		get_stats(fd, &res->st);
		if (trace)
			gctrace_drain(trace, res->st.instance_id, t0);
		t = now_s();
		if (!quiet && !json && !trace && t - last >= 1) {
			progress(&res->st, &prev, t - t0, t - last, tty);
			prev = res->st;
			last = t;
		} else if (t - last >= 1) {
			last = t;
		}
		if (res->st.state != GCSCHED_STATE_RUNNING || t >= end || interrupted)
			break;
	}
	if (tty)
		printf("\n");
	res->policy = policy_names[cfg.policy];
	res->state = res->st.state;
	res->interrupted = res->state == GCSCHED_STATE_RUNNING && interrupted;
	res->seconds = res->st.report.kind ? res->st.report.since_start_ns / 1e9
					   : res->st.uptime_ns / 1e9;
	t0 = now_s();
	stop_instance(fd);
	res->stop_s = now_s() - t0;
	/* The final figures, which STOP froze: STATS and HIST agree. */
	get_stats(fd, &res->st);
	get_hists(fd, res->hists);
	/* the window STOP kept: the failure's, or the run's last events */
	if (o->timeline || o->svg)
		write_timeline(fd, o, res, quiet);
	if (trace) {
		gctrace_drain(trace, res->st.instance_id, t0_run);
		gctrace_remove();
	}
	close(fd);
}

static const char run_usage[] =
"usage: gcschedctl run [options]\n"
"Configure and start one runtime instance, show its progress once a second,\n"
"stop at --duration or as soon as it wedges or crashes, and print a summary\n"
"and the runtime's report. Exit status: 0 healthy, 2 wedged, 3 crashed.\n"
"\n";

static void summary(const struct run_result *r)
{
	const struct gcsched_stats *st = &r->st;
	char p50[16], p99[16], pmax[16];

	fmt_ns(p50, sizeof(p50), hist_pct(st->pause_hist, 50));
	fmt_ns(p99, sizeof(p99), hist_pct(st->pause_hist, 99));
	fmt_ns(pmax, sizeof(pmax), st->pause_max_ns);
	printf("\n%s: %s after %.3f s: %llu GC cycles (%.1f/s), pause p50 %s p99 %s max %s\n",
	       r->policy, r->interrupted ? "interrupted" : outcome_name(r->state), r->seconds,
	       (unsigned long long)st->gc_cycles,
	       r->seconds > 0 ? st->gc_cycles / r->seconds : 0, p50, p99, pmax);
	printf("  %u Gs on %u Ms: %llu steps, %llu netpoll wakeups (%llu while the world was stopped)\n",
	       st->nr_gs, st->nr_workers, (unsigned long long)st->steps,
	       (unsigned long long)st->netpoll_wakeups,
	       (unsigned long long)st->netpoll_wakeups_stw);
	printf("  stacks: %llu grown, %llu shrunk, %llu bytes copied; %llu verified, %llu corrupt; %llu illegal transitions\n",
	       (unsigned long long)st->stack_grows, (unsigned long long)st->stack_shrinks,
	       (unsigned long long)st->stack_bytes_copied,
	       (unsigned long long)st->verifications,
	       (unsigned long long)st->verify_failures,
	       (unsigned long long)st->illegal_transitions);
	printf("  collector: %llu stacks scanned, %llu of them while the world was stopped; %llu running Gs asked to stop, %llu parked at a safe point\n",
	       (unsigned long long)st->scans, (unsigned long long)st->scans_stw,
	       (unsigned long long)st->preempt_requests,
	       (unsigned long long)st->preempt_parks);
	print_phases(r->hists, st);
	print_report(&st->report, st);
}

int cmd_run(int argc, char **argv)
{
	const struct gcsched_info *info;
	struct run_opts o = {};
	struct run_result r;
	int opt;

	defaults(&o.cfg);
	while ((opt = getopt_long(argc, argv, "h", longopts(CMD_RUN), NULL)) != -1) {
		if (opt == 'h' || opt == OPT_HELP) {
			fputs(run_usage, stdout);
			print_options(stdout, CMD_RUN);
			print_knobs(stdout);
			return EXIT_HEALTHY;
		}
		if (!parse_common(opt, optarg, &o)) {
			fputs(run_usage, stderr);
			return EXIT_ERROR;
		}
	}
	if (optind < argc)
		die("run: unexpected argument '%s' (see gcschedctl run --help)", argv[optind]);
	if (json && o.gctrace)
		die("run: --gctrace prints a line per cycle and --json one document: choose one");
	if (o.before_fix && !o.scenario)
		die("run: --before-fix needs a --scenario (gcschedctl scenarios lists them)");
	if (o.scenario && o.policy_set)
		die("run: --scenario %s picks the policy (%s; --before-fix: %s): drop --policy",
		    o.scenario->name, policy_names[o.scenario->after[0]],
		    policy_names[o.scenario->before]);
	if (o.scenario && o.scenario != &scenarios[0] && (o.cfg.flags & GCSCHED_CFG_FORCED))
		die("run: --forced is the seed's schedule (shrink-netpoll's): drop it or --scenario %s",
		    o.scenario->name);
	if (o.scenario)
		scenario_apply(o.scenario, &o, o.before_fix);
	info = need_info();
	if (!json)
		printf("gcsched: %s%s%s%s%s, netpoller %s, %u pairs, %u Ms, race window %lluns%s; Ctrl-C stops\n",
		       o.scenario ? o.scenario->name : "",
		       o.scenario ? (o.before_fix ? " before its fix, " : " with its fix, ") : "",
		       policy_names[o.cfg.policy],
		       o.cfg.flags & GCSCHED_CFG_THROW_CHECK ? " + throw check" : "",
		       o.cfg.flags & GCSCHED_CFG_FORCED ? " + forced schedule" : "",
		       netpoll_model_of(&o.cfg),
		       o.cfg.nr_pairs ? o.cfg.nr_pairs : 100,
		       o.cfg.nr_workers ? o.cfg.nr_workers : info->online_cpus,
		       (unsigned long long)o.cfg.race_window_ns,
		       o.cfg.flags & GCSCHED_CFG_NETPOLL_STW_STOP ? ", netpoller stops with the world" : "");
	run_one(&o, info, false, &r);
	if (json) {
		json_run(&r);
		printf("\n");
	} else {
		summary(&r);
	}
	return r.interrupted ? EXIT_INTERRUPTED : exit_status(r.state);
}
