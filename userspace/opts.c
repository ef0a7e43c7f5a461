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
 * Every long option, once, with the commands that take it and its line in
 * their --help. run takes all but --runs and --timeout; repro the
 * workload's and its own.
 */
static const struct {
	struct option o;
	unsigned int cmds;
	const char *arg;	/* its argument in --help, or NULL */
	const char *help;	/* lines after the first start a new line */
} options[] = {
	{ { "policy", required_argument, NULL, OPT_POLICY }, CMD_RUN,
	  "P", "modern (default), go1.4-buggy, go1.4-fixed,\n"
	       "modern-noasync (modern, GODEBUG=asyncpreemptoff=1),\n"
	       "go1.7, go1.7beta2, go1.7.5 or go1.15 (gcschedctl info\n"
	       "says what each is)" },
	{ { "throw-check", no_argument, NULL, OPT_THROW }, CMD_RUN,
	  NULL, "go1.4-buggy: casgstatus throws instead of spinning (2b62e1e's check; always on in the other policies)" },
	{ { "pairs", required_argument, NULL, OPT_PAIRS }, CMD_RUN | CMD_REPRO,
	  "N", "connection pairs, two Gs each" },
	{ { "workers", required_argument, NULL, OPT_WORKERS }, CMD_RUN | CMD_REPRO,
	  "N", "worker Ms" },
	{ { "scenario", required_argument, NULL, OPT_SCENARIO }, CMD_RUN | CMD_REPRO,
	  "NAME", "a Go runtime race of the catalogue (gcschedctl scenarios):\n"
		  "its workload, and the policy with its fix (run) or\n"
		  "before and after it (repro)" },
	{ { "before-fix", no_argument, NULL, OPT_BEFORE_FIX }, CMD_RUN,
	  NULL, "with --scenario: the policy before the fix" },
	{ { "all", no_argument, NULL, OPT_ALL }, CMD_REPRO,
	  NULL, "every scenario, then one table of them" },
	{ { "spinners", required_argument, NULL, OPT_SPINNERS }, CMD_RUN,
	  "N", "Gs in a loop with no safe point, for { i++ } (Go\n"
	       "issue 10958): only asynchronous preemption stops them\n"
	       "(modern does; go1.4-* and modern-noasync stall the stop)" },
	{ { "selects", required_argument, NULL, OPT_SELECTS }, CMD_RUN,
	  "N", "select groups: a G in select { case <-c0: case <-c1: }\n"
	       "and a sender per channel (Go issues 17007, 16286);\n"
	       "not under the go1.4 policies" },
	{ { "select-dup", no_argument, NULL, OPT_SELECT_DUP }, CMD_RUN,
	  NULL, "with --selects: each select names c0 twice (16286)" },
	{ { "chan-recv", no_argument, NULL, OPT_CHAN_RECV }, CMD_RUN,
	  NULL, "with --selects: each group's G receives, v := <-c0,\n"
		"instead of selecting (40641)" },
	{ { "duration", required_argument, NULL, OPT_DURATION }, CMD_RUN | CMD_REPRO,
	  "D", "how long, e.g. 30s, 2m (run: until it fails; repro: each\n"
	       "fixed policy, default 10s)" },
	{ { "gc", required_argument, NULL, OPT_GC }, CMD_RUN,
	  "MODE", "continuous (default), manual, or an interval: 10ms" },
	{ { "gc-procs", required_argument, NULL, OPT_GCPROCS }, CMD_RUN | CMD_REPRO,
	  "N", "threads that scan and shrink in a stop (1: the\n"
	       "collector alone; Go 1.4's gcprocs(): min(GOMAXPROCS,\n"
	       "CPUs, 32, idle Ms + 1))" },
	{ { "race-window", required_argument, NULL, OPT_WINDOW }, CMD_RUN | CMD_REPRO,
	  "D", "delay between status read and CAS (0: the\n"
	       "natural race; e.g. 20us)" },
	{ { "netpoll-delay", required_argument, NULL, OPT_NDELAY }, CMD_RUN | CMD_REPRO,
	  "D", "network latency of a message" },
	{ { "netpoll-model", required_argument, NULL, OPT_NMODEL }, CMD_RUN | CMD_REPRO,
	  "M", "thread (a poller thread waking each G as its message\n"
	       "arrives, all through a stop) or go14 (Go 1.4's: one batch\n"
	       "per stop, then parked); default: go14 for the go1.4\n"
	       "policies, thread for modern" },
	{ { "forced", no_argument, NULL, OPT_FORCED }, CMD_RUN | CMD_REPRO,
	  NULL, "the model's trail as a schedule (make model): the first\n"
	       "stop that reads a parked G Gwaiting has the netpoller wake\n"
	       "it before the CAS; go1.4-buggy fails there, every time\n"
	       "(implies --netpoll-model thread)" },
	{ { "netpoll-stw-stop", no_argument, NULL, OPT_STWSTOP }, CMD_RUN,
	  NULL, "stop the netpoller with the world (hides the bug)" },
	{ { "stack-min", required_argument, NULL, OPT_SMIN }, CMD_RUN,
	  "B", "smallest stack" },
	{ { "stack-max", required_argument, NULL, OPT_SMAX }, CMD_RUN,
	  "B", "largest stack" },
	{ { "depth", required_argument, NULL, OPT_DEPTH }, CMD_RUN | CMD_REPRO,
	  "N", "bigstack() frames" },
	{ { "frame-size", required_argument, NULL, OPT_FRAME }, CMD_RUN,
	  "B", "bytes of each bigstack() frame" },
	{ { "wedge-timeout", required_argument, NULL, OPT_WEDGE }, CMD_RUN,
	  "D", "how long a spin may last before it is a wedge" },
	{ { "no-verify", no_argument, NULL, OPT_NOVERIFY }, CMD_RUN,
	  NULL, "do not verify stacks" },
	{ { "no-timeline", no_argument, NULL, OPT_NO_TIMELINE }, CMD_RUN | CMD_REPRO,
	  NULL, "keep no timeline of recent events (its cost)" },
	{ { "timeline", required_argument, NULL, OPT_TIMELINE }, CMD_RUN | CMD_REPRO,
	  "FILE", "write the last events before the end (the failure's\n"
		  "window) as Chrome trace JSON, for Perfetto (repro: of the\n"
		  "runs before the fix, the last)" },
	{ { "svg", required_argument, NULL, OPT_SVG }, CMD_RUN | CMD_REPRO,
	  "FILE", "draw the same window as a picture (SVG): lanes per\n"
		  "actor, the failing G's moves in Go's names" },
	{ { "seed", required_argument, NULL, OPT_SEED }, CMD_RUN | CMD_REPRO,
	  "S", "workload seed" },
	{ { "gctrace", no_argument, NULL, OPT_GCTRACE }, CMD_RUN,
	  NULL, "print one line per GC cycle, from the tracepoints" },
	{ { "runs", required_argument, NULL, OPT_RUNS }, CMD_REPRO,
	  "N", "go1.4-buggy runs (default 1)" },
	{ { "timeout", required_argument, NULL, OPT_TIMEOUT }, CMD_REPRO,
	  "D", "how long each go1.4-buggy run may take (default 120s)" },
	{ { "json", no_argument, NULL, OPT_JSON }, CMD_RUN | CMD_REPRO,
	  NULL, "one JSON document on stdout instead" },
	{ { "help", no_argument, NULL, OPT_HELP }, CMD_RUN | CMD_REPRO,
	  NULL, "this text" },
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

/* The options of @cmd, one line each (and the lines of a long help). */
void print_options(FILE *f, unsigned int cmd)
{
	for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		const char *h = options[i].help, *nl;
		char name[32];

		if (!(options[i].cmds & cmd))
			continue;
		snprintf(name, sizeof(name), "--%s%s%s", options[i].o.name,
			 options[i].arg ? " " : "", options[i].arg ? options[i].arg : "");
		fprintf(f, "  %-21s ", name);
		while ((nl = strchr(h, '\n'))) {
			fprintf(f, "%.*s\n%24s", (int)(nl - h), h, "");
			h = nl + 1;
		}
		fprintf(f, "%s\n", h);
	}
}

void defaults(struct gcsched_config *c)
{
	memset(c, 0, sizeof(*c));
	c->size = sizeof(*c);
	c->policy = GCSCHED_POLICY_MODERN;
	c->seed = 1;
}

/*
 * The options that set a numeric CONFIGURE field. The field's range is the
 * uapi header's table (config_range()); the option reads it, and says it,
 * in the field's unit. The same words say why when the module refuses a
 * value (explain_config(), dev.c).
 */
static const struct knob knobs[] = {
	{ OPT_PAIRS, "--pairs", GCSCHED_FIELD_NR_PAIRS, KNOB_COUNT, 1 },
	{ OPT_WORKERS, "--workers", GCSCHED_FIELD_NR_WORKERS, KNOB_COUNT, 1 },
	{ OPT_SPINNERS, "--spinners", GCSCHED_FIELD_NR_SPINNERS, KNOB_COUNT, 1 },
	{ OPT_SELECTS, "--selects", GCSCHED_FIELD_NR_SELECTS, KNOB_COUNT, 1 },
	{ OPT_GCPROCS, "--gc-procs", GCSCHED_FIELD_GC_PROCS, KNOB_COUNT, 1 },
	{ OPT_DEPTH, "--depth", GCSCHED_FIELD_BIGSTACK_DEPTH, KNOB_COUNT, 1 },
	{ OPT_SMIN, "--stack-min", GCSCHED_FIELD_STACK_MIN, KNOB_SIZE, 1 },
	{ OPT_SMAX, "--stack-max", GCSCHED_FIELD_STACK_MAX, KNOB_SIZE, 1 },
	{ OPT_FRAME, "--frame-size", GCSCHED_FIELD_FRAME_SIZE, KNOB_SIZE, 1 },
	{ OPT_WEDGE, "--wedge-timeout", GCSCHED_FIELD_WEDGE_TIMEOUT_MS, KNOB_DURATION, 1000000 },
	{ OPT_GC, "--gc", GCSCHED_FIELD_GC_INTERVAL_US, KNOB_DURATION, 1000 },
	{ OPT_NDELAY, "--netpoll-delay", GCSCHED_FIELD_NETPOLL_DELAY_NS, KNOB_DURATION, 1 },
	{ OPT_WINDOW, "--race-window", GCSCHED_FIELD_RACE_WINDOW_NS, KNOB_DURATION, 1 },
};

const struct knob *knob_by_field(unsigned int field)
{
	for (size_t i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++)
		if (knobs[i].field == field)
			return &knobs[i];
	return NULL;
}

static const struct knob *knob_by_opt(int opt)
{
	for (size_t i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++)
		if (knobs[i].opt == opt)
			return &knobs[i];
	die("internal: option %d sets no field", opt);
}

/* @v, in the field's unit, as the option is written: "8192", "10ms". */
void knob_value(const struct knob *k, uint64_t v, char *buf, size_t n)
{
	if (k->kind == KNOB_DURATION)
		fmt_duration(buf, n, v * k->unit_ns);
	else
		snprintf(buf, n, "%llu", (unsigned long long)v);
}

/* The field's range, in the option's words: "a size from 32 to 4096 bytes". */
void knob_range(const struct knob *k, char *buf, size_t n)
{
	static const char *const what[] = {
		[KNOB_COUNT] = "a whole number", [KNOB_SIZE] = "a size",
		[KNOB_DURATION] = "a duration",
	};
	uint64_t lo, hi;
	char a[32], b[32];

	if (!config_range(k->field, &lo, &hi))
		die("internal: no range for %s", k->name);
	if (k->field == GCSCHED_FIELD_NETPOLL_DELAY_NS)
		lo = 0;		/* the tool's 0 is 1 ns: no delay */
	knob_value(k, lo, a, sizeof(a));
	knob_value(k, hi, b, sizeof(b));
	snprintf(buf, n, "%s from %s to %s%s", what[k->kind], a, b,
		 k->kind == KNOB_SIZE ? " bytes" : "");
}

/* The knobs' ranges and defaults, for --help: the uapi header's table. */
void print_knobs(FILE *f)
{
	char range[96], def[32];

	fprintf(f, "\nRanges and defaults (the module's table, include/uapi/linux/gcsched.h):\n");
	for (size_t i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++) {
		const struct knob *k = &knobs[i];
		uint64_t d = config_default(k->field);

		knob_range(k, range, sizeof(range));
		knob_value(k, d, def, sizeof(def));
		if (k->opt == OPT_GC)
			snprintf(def, sizeof(def), "continuous");
		else if (k->field == GCSCHED_FIELD_NR_WORKERS && !d)
			snprintf(def, sizeof(def), "one per online CPU");
		fprintf(f, "  %-16s %s; default %s\n", k->name, range, def);
	}
}

/*
 * The option's text read strictly (parse.c), in its field's range: a
 * malformed or out-of-range value is refused with the reason and the
 * range, never guessed. Returns the value in the field's unit.
 */
static uint64_t need_knob(int opt, const char *arg)
{
	const struct knob *k = knob_by_opt(opt);
	uint64_t lo, hi, v;
	const char *why;
	char range[96];

	knob_range(k, range, sizeof(range));
	config_range(k->field, &lo, &hi);
	switch (k->kind) {
	case KNOB_COUNT:
		why = parse_count(arg, lo, hi, &v);
		break;
	case KNOB_SIZE:
		why = parse_size(arg, lo, hi, &v);
		break;
	default:
		if (k->field == GCSCHED_FIELD_NETPOLL_DELAY_NS)
			lo = 0;
		why = parse_duration(arg, lo * k->unit_ns, hi * k->unit_ns, &v);
		v /= k->unit_ns;
		break;
	}
	if (why && opt == OPT_GC)
		die("--gc %s: %s; use continuous, manual, or an interval: %s, such as 10ms",
		    arg, why, range);
	if (why)
		die("%s %s: %s; give %s%s", k->name, arg, why, range,
		    k->kind == KNOB_SIZE ? ", such as 2048, 2K or 1M" :
		    k->kind == KNOB_DURATION ? ", such as 250ns, 20us, 10ms or 30s" : "");
	return v;
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

/* @lo and @hi in ns; the message says them with units. */
uint64_t need_duration(const char *opt, const char *arg, uint64_t lo, uint64_t hi)
{
	char a[32];
	const char *why;
	uint64_t ns;

	why = parse_duration(arg, lo, hi, &ns);
	if (why) {
		if (!lo)
			die("%s %s: %s; give a duration such as 250ns, 20us, 10ms, 30s or 2m",
			    opt, arg, why);
		fmt_duration(a, sizeof(a), lo);
		die("%s %s: %s; give a duration of %s or more, such as 250ns, 20us, 10ms or 30s",
		    opt, arg, why, a);
	}
	return ns;
}

/* Parse the options run and repro share; returns false for unknown ones. */
bool parse_common(int opt, const char *arg, struct run_opts *o)
{
	struct gcsched_config *c = &o->cfg;
	const char *why;
	uint64_t v;
	int p;

	switch (opt) {
	case OPT_POLICY:
		p = policy_from_name(arg);
		if (p < 0) {
			char list[128] = "";

			for (p = 0; p < GCSCHED_NR_POLICIES; p++)
				list_or(list, sizeof(list), p, GCSCHED_NR_POLICIES, policy_names[p]);
			die("--policy %s: not a policy; use %s", arg, list);
		}
		c->policy = p;
		o->policy_set = true;
		return true;
	case OPT_SCENARIO: o->scenario = scenario_by_name(arg); return true;
	case OPT_BEFORE_FIX: o->before_fix = true; return true;
	case OPT_ALL: o->all = true; return true;
	case OPT_NMODEL:
		/* the uapi header's names, but "default", which is no choice */
		for (p = GCSCHED_NETPOLL_DEFAULT + 1; p < GCSCHED_NR_NETPOLL_MODELS; p++)
			if (!strcmp(arg, netpoll_model_names[p])) {
				c->netpoll_model = p;
				return true;
			}
		die("--netpoll-model %s: not a model; use thread or go14", arg);
	case OPT_THROW: c->flags |= GCSCHED_CFG_THROW_CHECK; return true;
	case OPT_FORCED:
		c->flags |= GCSCHED_CFG_FORCED;
		/* the wakeup needs a poller in the stop; an explicit go14 is refused */
		if (!c->netpoll_model)
			c->netpoll_model = GCSCHED_NETPOLL_THREAD;
		return true;
	case OPT_STWSTOP: c->flags |= GCSCHED_CFG_NETPOLL_STW_STOP; return true;
	case OPT_NOVERIFY: c->flags |= GCSCHED_CFG_NO_VERIFY; return true;
	case OPT_NO_TIMELINE: c->flags |= GCSCHED_CFG_NO_TIMELINE; return true;
	case OPT_TIMELINE: o->timeline = arg; return true;
	case OPT_SVG: o->svg = arg; return true;
	case OPT_PAIRS: c->nr_pairs = need_knob(opt, arg); return true;
	case OPT_WORKERS: c->nr_workers = need_knob(opt, arg); return true;
	case OPT_SPINNERS:
		c->nr_spinners = need_knob(opt, arg);
		o->spinners_set = true;
		return true;
	case OPT_SELECTS:
		c->nr_selects = need_knob(opt, arg);
		o->selects_set = true;
		return true;
	case OPT_SELECT_DUP: c->flags |= GCSCHED_CFG_SELECT_DUP; return true;
	case OPT_CHAN_RECV: c->flags |= GCSCHED_CFG_CHAN_RECV; return true;
	case OPT_GCPROCS: c->gc_procs = need_knob(opt, arg); return true;
	case OPT_DEPTH: c->bigstack_depth = need_knob(opt, arg); return true;
	case OPT_SMIN: c->stack_min = need_knob(opt, arg); return true;
	case OPT_SMAX: c->stack_max = need_knob(opt, arg); return true;
	case OPT_FRAME: c->frame_size = need_knob(opt, arg); return true;
	case OPT_WEDGE: c->wedge_timeout_ms = need_knob(opt, arg); return true;
	case OPT_WINDOW: c->race_window_ns = need_knob(opt, arg); return true;
	case OPT_NDELAY:
		c->netpoll_delay_ns = need_knob(opt, arg);
		if (!c->netpoll_delay_ns)
			c->netpoll_delay_ns = 1;	/* 0 means the default: 1 ns is none */
		return true;
	case OPT_DURATION:
		o->duration_ns = need_duration("--duration", arg, 0, UINT64_MAX);
		return true;
	case OPT_GC:
		if (!strcmp(arg, "continuous")) {
			c->gc_mode = GCSCHED_GC_CONTINUOUS;
		} else if (!strcmp(arg, "manual")) {
			c->gc_mode = GCSCHED_GC_MANUAL;
		} else {
			c->gc_mode = GCSCHED_GC_INTERVAL;
			c->gc_interval_us = need_knob(opt, arg);
		}
		return true;
	case OPT_SEED:
		why = parse_u64(arg, &v);
		c->seed = v;
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
