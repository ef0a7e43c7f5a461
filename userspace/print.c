// SPDX-License-Identifier: GPL-2.0
/*
 * gcschedctl's words for the module's numbers: Go's status names, actors,
 * states and policies, durations, histogram percentiles, the runtime's
 * report as Go prints a fatal error.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gcschedctl.h"

/* The policies by number; need_info() checks them against INFO's. */
const char *const policy_names[GCSCHED_NR_POLICIES] = {
	GCSCHED_POLICY_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
};

const char *const netpoll_model_names[GCSCHED_NR_NETPOLL_MODELS] = {
	GCSCHED_NETPOLL_MODEL_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
};

/* Append @name, the @i-th of @count names, to @buf: "a, b or c". */
void list_or(char *buf, size_t n, unsigned int i, unsigned int count, const char *name)
{
	size_t len = strlen(buf);

	snprintf(buf + len, n - len, "%s%s", i ? (i + 1 == count ? " or " : ", ") : "", name);
}

/* The model a configuration runs: 0 is the policy's (the uapi header's rule). */
const char *netpoll_model_of(const struct gcsched_config *c)
{
	if (c->netpoll_model && c->netpoll_model < GCSCHED_NR_NETPOLL_MODELS)
		return netpoll_model_names[c->netpoll_model];
	return netpoll_model_names[GCSCHED_POLICY_NETPOLL(c->policy)];
}

/* Each policy as the Go code it stands for (the README's table: what differs). */
const char *const policy_descs[GCSCHED_NR_POLICIES] = {
	[GCSCHED_POLICY_MODERN] =
		"Go 1.14 and later, as go1.19 (43456202a1e5; src/runtime/mgc.go,\n"
		"\tmgcmark.go, preempt.go, proc.go, stack.go): a stop to start the mark,\n"
		"\tthe stacks scanned while the Ms run, a stop to end it; suspendG asks a\n"
		"\trunning G to stop (its M parks it Gpreempted at a safe point), then\n"
		"\tscanstack shrinks first under the Gscan bit; newstack goes Grunning ->\n"
		"\tGcopystack -> Grunning; casgstatus throws on Gwaiting -> Grunnable.\n"
		"\tA stop or a suspendG also signals the M (preemptM), which stops a G\n"
		"\tin a loop with no call (--spinners). Differs: a safe point is a\n"
		"\tnetguy step's end, not every call; no sysmon, no heap, no write\n"
		"\tbarrier",
	[GCSCHED_POLICY_MODERN_NOASYNC] =
		"modern with GODEBUG=asyncpreemptoff=1: as before Go 1.14, only a\n"
		"\tcall's safe point stops a G, and nothing stops a loop with no call\n"
		"\t(--spinners), so a stop or a suspendG waits for it for ever (Go\n"
		"\tissues 10958, 24543)",
	[GCSCHED_POLICY_GO14_BUGGY] =
		"Go 1.4 before 2b62e1e (src/runtime/stack.c and proc.c at its parent):\n"
		"\tcopystack reads the status, then casgstatus(gp, Gwaiting, Gcopystack),\n"
		"\twhich spins forever if the netpoller readied the G in between (issue\n"
		"\t9186); --throw-check adds 2b62e1e's casgstatus throw alone",
	[GCSCHED_POLICY_GO14_FIXED] =
		"Go 1.4 with 2b62e1e (src/runtime/stack.c, proc.c): copystack takes\n"
		"\tGcopystack with casgcopystack, from Gwaiting or Grunnable; casgstatus\n"
		"\tthrows on Gwaiting -> Grunnable",
	[GCSCHED_POLICY_GO17] =
		"Go 1.7 (select.go, chan.go, stack.go at b902a63^): modern-noasync's\n"
		"\tcollector and stacks, and a woken select re-locks its channels on\n"
		"\tits own stack, which may grow while another sender can still claim\n"
		"\tthe select through the moved done word: \"bad g->status in ready\"\n"
		"\t(issue 17007, --selects). Differs: Go 1.7 scanned with scang, not\n"
		"\tsuspendG",
	[GCSCHED_POLICY_GO17_BETA2] =
		"go1.7 before 84bb9e6 (go1.7beta1-2): the concurrent shrink of a G in a\n"
		"\tselect locks its channels once per case, so a select naming one\n"
		"\tchannel twice deadlocks the collector (issue 16286, --selects\n"
		"\t--select-dup)",
	[GCSCHED_POLICY_GO115] =
		"Go 1.15 (1.14 to 1.15.2; chan.go, stack.go at eb3c6a9^): modern, but\n"
		"\ta G parking on a channel is Gwaiting before its activeStackChans is\n"
		"\tset, and a concurrent shrink in between moves its sudog's elem\n"
		"\twithout the channel's lock: \"runtime: sudog with non-nil elem\"\n"
		"\t(issue 40641, --selects --chan-recv)",
	[GCSCHED_POLICY_GO175] =
		"go1.7 with b902a63 (go1.7.5's faafe0e): sellock runs on the system\n"
		"\tstack, so a select's stack cannot move while its sudogs can be\n"
		"\tclaimed; and 84bb9e6's one lock per channel",
};

static const char *const state_names[] = {
	GCSCHED_STATE_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
};

/* Who did it, in the words of a report ("by the netpoller"). */
static const char *const actor_names[] = {
	[GCSCHED_ACTOR_NONE] = "nobody",
	[GCSCHED_ACTOR_WORKER] = "M",
	[GCSCHED_ACTOR_NETPOLL] = "the netpoller",
	[GCSCHED_ACTOR_GC] = "the GC",
	[GCSCHED_ACTOR_SETUP] = "START",
};


const char *status_name(uint32_t s)
{
	static char buf[8][24];
	static int n;
	/* Go's gstatusStrings; G and the name is the constant's name */
	static const char *const base[10] = {
		GCSCHED_STATUS_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
	};
	char *b = buf[n++ % 8];
	uint32_t v = s & ~GCSCHED_GSCAN;

	if (v >= 10) {
		snprintf(b, sizeof(buf[0]), "%#x", s);
		return b;
	}
	if (!base[v])
		snprintf(b, sizeof(buf[0]), "%s%u", s & GCSCHED_GSCAN ? "Gscan" : "G", v);
	else
		snprintf(b, sizeof(buf[0]), "%s%s", s & GCSCHED_GSCAN ? "Gscan" : "G", base[v]);
	return b;
}

const char *actor_name(uint32_t actor, uint32_t id)
{
	static char buf[4][32];
	static int n;
	char *b = buf[n++ % 4];

	if (actor == GCSCHED_ACTOR_WORKER)
		snprintf(b, sizeof(buf[0]), "M%u", id);
	else if (actor < sizeof(actor_names) / sizeof(actor_names[0]))
		snprintf(b, sizeof(buf[0]), "%s", actor_names[actor]);
	else
		snprintf(b, sizeof(buf[0]), "actor %u", actor);
	return b;
}

const char *state_name(uint32_t s)
{
	return s < sizeof(state_names) / sizeof(state_names[0]) ? state_names[s] : "?";
}

/* How a run ended: a run still running at its end survived. */
const char *outcome_name(uint32_t state)
{
	return state == GCSCHED_STATE_RUNNING ? "survived" : state_name(state);
}

int policy_from_name(const char *s)
{
	for (int i = 0; i < GCSCHED_NR_POLICIES; i++)
		if (!strcmp(s, policy_names[i]))
			return i;
	return -1;
}

void fmt_ns(char *buf, size_t n, double ns)
{
	if (ns < 1e3)
		snprintf(buf, n, "%.0fns", ns);
	else if (ns < 1e6)
		snprintf(buf, n, "%.1fus", ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, n, "%.2fms", ns / 1e6);
	else
		snprintf(buf, n, "%.3fs", ns / 1e9);
}

/* A duration as written: the largest unit that says it exactly ("10ms"). */
void fmt_duration(char *buf, size_t n, uint64_t ns)
{
	static const struct {
		const char *unit;
		uint64_t ns;
	} units[] = { { "s", 1000000000 }, { "ms", 1000000 }, { "us", 1000 }, { "ns", 1 } };

	if (!ns) {
		snprintf(buf, n, "0");
		return;
	}
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!(ns % units[i].ns)) {
			snprintf(buf, n, "%llu%s", (unsigned long long)(ns / units[i].ns),
				 units[i].unit);
			return;
		}
}

/* A percentile, as the midpoint of its bucket; 0 without samples. */
double hist_pct(const __u64 *h, double pct)
{
	uint64_t total = 0, seen = 0, want;

	for (int b = 0; b < GCSCHED_HIST_BUCKETS; b++)
		total += h[b];
	if (!total)
		return 0;
	want = (uint64_t)ceil(total * pct / 100.0);
	if (!want)
		want = 1;
	for (int b = 0; b < GCSCHED_HIST_BUCKETS; b++) {
		seen += h[b];
		if (seen >= want)
			return ((double)gcsched_hist_bucket_lo(b) + (double)gcsched_hist_bucket_lo(b + 1)) / 2;
	}
	return (double)gcsched_hist_bucket_lo(GCSCHED_HIST_BUCKETS - 1);
}

const char *const hist_names[GCSCHED_NR_HISTS] = {
	GCSCHED_HIST_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
};

/*
 * Where the pause went, phase by phase: each one's median, tail and
 * maximum, and its share of all the pause time. The shrinks are inside
 * the scan (CPU time of every scanning thread, see enum gcsched_phase).
 */
void print_phases(const struct gcsched_hist *h, const struct gcsched_stats *st)
{
	const struct gcsched_hist *pause = &h[GCSCHED_HIST_PAUSE];

	if (!pause->samples)
		return;
	printf("  pause by phase, p50 / p99 / max (share of all pause time):\n   ");
	for (int k = GCSCHED_HIST_PHASE; k < GCSCHED_HIST_PHASE + GCSCHED_NR_PHASES; k++) {
		char p50[16], p99[16], pmax[16];

		fmt_ns(p50, sizeof(p50), hist_pct(h[k].buckets, 50));
		fmt_ns(p99, sizeof(p99), hist_pct(h[k].buckets, 99));
		fmt_ns(pmax, sizeof(pmax), h[k].max_ns);
		printf("%s %s %s / %s / %s (%.0f%%)",
		       k == GCSCHED_HIST_PHASE ? "" :
		       k == GCSCHED_HIST_PHASE + GCSCHED_PHASE_SHRINK ? ", of which" : ";",
		       hist_names[k], p50, p99, pmax,
		       pause->sum_ns ? 100.0 * h[k].sum_ns / pause->sum_ns : 0);
	}
	printf("\n");
	if (h[GCSCHED_HIST_MARK].samples) {
		const struct gcsched_hist *m = &h[GCSCHED_HIST_MARK];
		char p50[16], p99[16], pmax[16], sweep[16], term[16];

		fmt_ns(p50, sizeof(p50), hist_pct(m->buckets, 50));
		fmt_ns(p99, sizeof(p99), hist_pct(m->buckets, 99));
		fmt_ns(pmax, sizeof(pmax), m->max_ns);
		printf("  concurrent mark (the world running), p50 / p99 / max: %s / %s / %s\n",
		       p50, p99, pmax);
		/* STATS's sum of the second stops splits the pause's sum */
		fmt_ns(sweep, sizeof(sweep),
		       (double)(pause->sum_ns - st->stw2_total_ns) / m->samples);
		fmt_ns(term, sizeof(term), (double)st->stw2_total_ns / m->samples);
		printf("  its two stops, mean: sweep termination %s, mark termination %s\n",
		       sweep, term);
	}
}

void print_report(const struct gcsched_report *r, const struct gcsched_stats *st)
{
	char spun[16], ago[16];
	double ago_ns = (double)r->since_start_ns - (double)r->last_write_ns;

	if (r->kind == GCSCHED_REPORT_NONE)
		return;
	fmt_ns(spun, sizeof(spun), r->spin_ns);
	fmt_ns(ago, sizeof(ago), ago_ns > 0 ? ago_ns : 0);
	printf("\n");
	if (r->kind == GCSCHED_REPORT_THROW)
		printf("fatal error: %s\n\n", r->msg);
	else if (r->kind == GCSCHED_REPORT_WEDGE)
		printf("runtime: wedged: %s (spun %s, never to return)\n\n", r->msg, spun);
	else if (r->kind == GCSCHED_REPORT_DEADLOCK)
		printf("runtime: deadlocked: %s\n\n", r->msg);
	else
		printf("runtime: wedged: %s\n\n", r->msg);
	if (r->kind == GCSCHED_REPORT_DEADLOCK) {
		printf("goroutine %u [%s]:\n", r->goid, status_name(r->observed) + 1);
		printf("\t%s by %s: it asked for a lock it holds\n", r->func,
		       actor_name(r->actor, r->actor_id));
	} else if (r->kind != GCSCHED_REPORT_STW_STALL) {
		printf("goroutine %u [%s]:\n", r->goid, status_name(r->observed) + 1);
		printf("\t%s by %s expected %s, found %s\n", r->func,
		       actor_name(r->actor, r->actor_id), status_name(r->expected),
		       status_name(r->observed));
		printf("\tlast status change: %s -> %s by %s, %s before\n",
		       status_name(r->last_from), status_name(r->last_to),
		       actor_name(r->last_actor, r->last_actor_id), ago);
	} else if (r->observed == GCSCHED_GRUNNING) {
		/* a G its M was running when the stop gave up on it */
		printf("goroutine %u [running]:\n", r->goid);
		printf("\tits M never reached a safe point: without asynchronous\n"
		       "\tpreemption (Go 1.14) a loop with no call keeps a stop waiting\n");
		printf("\tlast status change: %s -> %s by %s, %s before\n",
		       status_name(r->last_from), status_name(r->last_to),
		       actor_name(r->last_actor, r->last_actor_id), ago);
	}
	printf("\tGC cycle %llu, %.3f s after start (%llu cycles completed)\n",
	       (unsigned long long)r->gc_cycle, r->since_start_ns / 1e9,
	       (unsigned long long)st->gc_cycles);
}
