// SPDX-License-Identifier: GPL-2.0
/*
 * The options run and repro share, read strictly (parse.c) into a
 * configuration, before the device is opened.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gcschedctl.h"

/*
 * Every long option, once, with the commands that take it. run takes all
 * but --runs and --timeout; repro the workload's and its own.
 */
static const struct {
	struct option o;
	unsigned int cmds;
} options[] = {
	{ { "policy", required_argument, NULL, OPT_POLICY }, CMD_RUN },
	{ { "throw-check", no_argument, NULL, OPT_THROW }, CMD_RUN },
	{ { "pairs", required_argument, NULL, OPT_PAIRS }, CMD_RUN | CMD_REPRO },
	{ { "workers", required_argument, NULL, OPT_WORKERS }, CMD_RUN | CMD_REPRO },
	{ { "duration", required_argument, NULL, OPT_DURATION }, CMD_RUN | CMD_REPRO },
	{ { "gc", required_argument, NULL, OPT_GC }, CMD_RUN },
	{ { "gc-procs", required_argument, NULL, OPT_GCPROCS }, CMD_RUN | CMD_REPRO },
	{ { "race-window", required_argument, NULL, OPT_WINDOW }, CMD_RUN | CMD_REPRO },
	{ { "netpoll-delay", required_argument, NULL, OPT_NDELAY }, CMD_RUN | CMD_REPRO },
	{ { "netpoll-stw-stop", no_argument, NULL, OPT_STWSTOP }, CMD_RUN },
	{ { "stack-min", required_argument, NULL, OPT_SMIN }, CMD_RUN },
	{ { "stack-max", required_argument, NULL, OPT_SMAX }, CMD_RUN },
	{ { "depth", required_argument, NULL, OPT_DEPTH }, CMD_RUN | CMD_REPRO },
	{ { "frame-size", required_argument, NULL, OPT_FRAME }, CMD_RUN },
	{ { "wedge-timeout", required_argument, NULL, OPT_WEDGE }, CMD_RUN },
	{ { "no-verify", no_argument, NULL, OPT_NOVERIFY }, CMD_RUN },
	{ { "seed", required_argument, NULL, OPT_SEED }, CMD_RUN | CMD_REPRO },
	{ { "gctrace", no_argument, NULL, OPT_GCTRACE }, CMD_RUN },
	{ { "runs", required_argument, NULL, OPT_RUNS }, CMD_REPRO },
	{ { "timeout", required_argument, NULL, OPT_TIMEOUT }, CMD_REPRO },
	{ { "json", no_argument, NULL, OPT_JSON }, CMD_RUN | CMD_REPRO },
	{ { "help", no_argument, NULL, OPT_HELP }, CMD_RUN | CMD_REPRO },
};

/* getopt_long()'s table for one command (CMD_RUN or CMD_REPRO). */
const struct option *longopts(unsigned int cmd)
{
	static struct option out[sizeof(options) / sizeof(options[0]) + 1];
	size_t i, n = 0;

	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if (options[i].cmds & cmd)
			out[n++] = options[i].o;
	memset(&out[n], 0, sizeof(out[n]));
	return out;
}

void defaults(struct gcsched_config *c)
{
	memset(c, 0, sizeof(*c));
	c->size = sizeof(*c);
	c->policy = GCSCHED_POLICY_MODERN;
	c->seed = 1;
}

/*
 * The option's text read strictly (parse.c), in a range: a malformed or
 * out-of-range value is refused with the reason and the range, never
 * guessed. A CONFIGURE field's range is the uapi header's table.
 */
static void range_of(const char *field, uint64_t *lo, uint64_t *hi)
{
	if (!config_range(field, lo, hi))
		die("internal: no range for %s", field);
}

uint64_t need_count(const char *opt, const char *arg, uint64_t lo, uint64_t hi)
{
	uint64_t v;
	const char *why = parse_count(arg, lo, hi, &v);

	if (why)
		die("%s %s: %s; give a whole number from %llu to %llu", opt, arg, why,
		    (unsigned long long)lo, (unsigned long long)hi);
	return v;
}

static uint32_t need_field(const char *opt, const char *arg, const char *field)
{
	uint64_t lo, hi;

	range_of(field, &lo, &hi);
	return need_count(opt, arg, lo, hi);
}

static uint32_t need_size(const char *opt, const char *arg, const char *field)
{
	uint64_t lo, hi, v;
	const char *why;

	range_of(field, &lo, &hi);
	why = parse_size(arg, lo, hi, &v);
	if (why)
		die("%s %s: %s; give a size from %llu to %llu bytes, such as 2048, 2K or 1M",
		    opt, arg, why, (unsigned long long)lo, (unsigned long long)hi);
	return v;
}

/* @lo and @hi in ns; the message says them with units. */
uint64_t need_duration(const char *opt, const char *arg, uint64_t lo, uint64_t hi)
{
	char a[16], b[16];
	const char *why;
	uint64_t ns;

	why = parse_duration(arg, lo, hi, &ns);
	if (why) {
		if (hi == UINT64_MAX && !lo)
			die("%s %s: %s; give a duration such as 250ns, 20us, 10ms, 30s or 2m",
			    opt, arg, why);
		fmt_ns(a, sizeof(a), lo);
		fmt_ns(b, sizeof(b), hi);
		die("%s %s: %s; give a duration from %s to %s, such as 250ns, 20us, 10ms or 30s",
		    opt, arg, why, lo ? a : "0", hi == UINT64_MAX ? "any length" : b);
	}
	return ns;
}

/* Parse the options run and repro share; returns false for unknown ones. */
bool parse_common(int opt, const char *arg, struct run_opts *o)
{
	struct gcsched_config *c = &o->cfg;
	uint64_t ns, lo, hi;
	const char *why;
	int p;

	switch (opt) {
	case OPT_POLICY:
		p = policy_from_name(arg);
		if (p < 0)
			die("--policy %s: not a policy; use modern, go1.4-buggy or go1.4-fixed", arg);
		c->policy = p;
		return true;
	case OPT_THROW: c->flags |= GCSCHED_CFG_THROW_CHECK; return true;
	case OPT_STWSTOP: c->flags |= GCSCHED_CFG_NETPOLL_STW_STOP; return true;
	case OPT_NOVERIFY: c->flags |= GCSCHED_CFG_NO_VERIFY; return true;
	case OPT_PAIRS:
		c->nr_pairs = need_field("--pairs", arg, "nr_pairs");
		return true;
	case OPT_WORKERS:
		c->nr_workers = need_field("--workers", arg, "nr_workers");
		return true;
	case OPT_DURATION:
		o->duration_ns = need_duration("--duration", arg, 0, UINT64_MAX);
		return true;
	case OPT_GCPROCS:
		c->gc_procs = need_field("--gc-procs", arg, "gc_procs");
		return true;
	case OPT_GC:
		if (!strcmp(arg, "continuous")) {
			c->gc_mode = GCSCHED_GC_CONTINUOUS;
		} else if (!strcmp(arg, "manual")) {
			c->gc_mode = GCSCHED_GC_MANUAL;
		} else {
			range_of("gc_interval_us", &lo, &hi);
			why = parse_duration(arg, lo * 1000, hi * 1000, &ns);
			if (why)
				die("--gc %s: %s; use continuous, manual, or an interval from 1us to 10s such as 10ms",
				    arg, why);
			c->gc_mode = GCSCHED_GC_INTERVAL;
			c->gc_interval_us = ns / 1000;
		}
		return true;
	case OPT_WINDOW:
		range_of("race_window_ns", &lo, &hi);
		c->race_window_ns = need_duration("--race-window", arg, lo, hi);
		return true;
	case OPT_NDELAY:
		range_of("netpoll_delay_ns", &lo, &hi);
		c->netpoll_delay_ns = need_duration("--netpoll-delay", arg, 0, hi);
		if (!c->netpoll_delay_ns)
			c->netpoll_delay_ns = 1;	/* 0 means the default: 1 ns is none */
		return true;
	case OPT_SMIN: c->stack_min = need_size("--stack-min", arg, "stack_min"); return true;
	case OPT_SMAX: c->stack_max = need_size("--stack-max", arg, "stack_max"); return true;
	case OPT_DEPTH:
		c->bigstack_depth = need_field("--depth", arg, "bigstack_depth");
		return true;
	case OPT_FRAME:
		c->frame_size = need_size("--frame-size", arg, "frame_size");
		return true;
	case OPT_WEDGE:
		range_of("wedge_timeout_ms", &lo, &hi);
		ns = need_duration("--wedge-timeout", arg, lo * 1000000, hi * 1000000);
		c->wedge_timeout_ms = ns / 1000000;
		return true;
	case OPT_SEED:
		why = parse_u64(arg, &ns);
		c->seed = ns;
		if (why)
			die("--seed %s: %s; give a number from 0 to 18446744073709551615 (decimal, or hex with 0x)",
			    arg, why);
		return true;
	case OPT_GCTRACE: o->gctrace = true; return true;
	case OPT_JSON: json = true; return true;
	default:
		return false;
	}
}
