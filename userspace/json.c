// SPDX-License-Identifier: GPL-2.0
/*
 * The one JSON writer: strings escaped, a run's result, its configuration.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gcschedctl.h"

static unsigned long long transitions_total(const struct gcsched_stats *st)
{
	unsigned long long n = 0;

	for (int i = 0; i < GCSCHED_NR_SLOTS; i++)
		for (int j = 0; j < GCSCHED_NR_SLOTS; j++)
			n += st->transitions[i][j];
	return n;
}

/* A string's characters, escaped for JSON. */
void json_chars(const char *v)
{
	for (; *v; v++) {
		if (*v == '"' || *v == '\\')
			printf("\\%c", *v);
		else if ((unsigned char)*v < 0x20 || (unsigned char)*v == 0x7f)
			printf("\\u%04x", (unsigned char)*v);
		else
			putchar(*v);
	}
}

void json_str(const char *key, const char *v, bool comma)
{
	printf("\"%s\": \"", key);
	json_chars(v);
	printf("\"%s", comma ? ", " : "");
}

/* The configuration a run had, every default filled in by CONFIGURE. */
static void json_config(const struct gcsched_config *c)
{
	printf("\"config\": {");
	json_str("policy", c->policy < GCSCHED_NR_POLICIES ? policy_names[c->policy] : "?", true);
	printf("\"throw_check\": %s, \"select_dup\": %s, \"chan_recv\": %s, \"forced\": %s, \"netpoll_stw_stop\": %s, \"verify\": %s, ",
	       c->flags & GCSCHED_CFG_THROW_CHECK ? "true" : "false",
	       c->flags & GCSCHED_CFG_SELECT_DUP ? "true" : "false",
	       c->flags & GCSCHED_CFG_CHAN_RECV ? "true" : "false",
	       c->flags & GCSCHED_CFG_FORCED ? "true" : "false",
	       c->flags & GCSCHED_CFG_NETPOLL_STW_STOP ? "true" : "false",
	       c->flags & GCSCHED_CFG_NO_VERIFY ? "false" : "true");
	printf("\"timeline\": %s, ", c->flags & GCSCHED_CFG_NO_TIMELINE ? "false" : "true");
	json_str("gc_mode", c->gc_mode == GCSCHED_GC_MANUAL ? "manual" :
		 c->gc_mode == GCSCHED_GC_INTERVAL ? "interval" : "continuous", true);
	json_str("netpoll_model", c->netpoll_model < GCSCHED_NR_NETPOLL_MODELS ?
		 netpoll_model_names[c->netpoll_model] : "?", true);
#define X(f, F, lo, hi, d) printf("\"%s\": %llu, ", #f, (unsigned long long)c->f);
	GCSCHED_CONFIG_RANGES(X)
#undef X
	printf("\"seed\": %llu}, ", (unsigned long long)c->seed);
}

void json_run(const struct run_result *r)
{
	const struct gcsched_stats *st = &r->st;
	const struct gcsched_report *rep = &st->report;
	static const char *const kinds[] = {
		GCSCHED_REPORT_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
	};

	printf("{");
	json_str("policy", r->policy, true);
	json_str("version", GCSCHED_VERSION, true);
	json_str("outcome", r->interrupted ? "interrupted" : outcome_name(r->state), true);
	printf("\"seconds\": %.3f, ", r->seconds);
	printf("\"start_ms\": %.1f, \"stop_ms\": %.1f, ", r->start_s * 1e3, r->stop_s * 1e3);
	printf("\"cycles_per_second\": %.1f, ", r->seconds > 0 ? st->gc_cycles / r->seconds : 0);
	printf("\"pause_ns\": {\"p50\": %.0f, \"p99\": %.0f, \"max\": %llu, \"total\": %llu}, ",
	       hist_pct(st->pause_hist, 50), hist_pct(st->pause_hist, 99),
	       (unsigned long long)st->pause_max_ns, (unsigned long long)st->pause_total_ns);
	/* every histogram's figures: "hist": {"pause": {...}, "stop": ...} */
	printf("\"hist\": {");
	for (int k = 0; k < GCSCHED_NR_HISTS; k++) {
		const struct gcsched_hist *h = &r->hists[k];

		printf("%s\"%s\": {\"samples\": %llu, \"p50\": %.0f, \"p99\": %.0f, \"max\": %llu, \"total\": %llu}",
		       k ? ", " : "", hist_names[k], (unsigned long long)h->samples,
		       hist_pct(h->buckets, 50), hist_pct(h->buckets, 99),
		       (unsigned long long)h->max_ns, (unsigned long long)h->sum_ns);
	}
	printf("}, ");
	printf("\"nr_gs\": %u, \"nr_workers\": %u, \"gc_procs\": %u, ",
	       st->nr_gs, st->nr_workers, r->gc_procs);
	printf("\"transitions\": %llu, ", transitions_total(st));
#define X(f) printf("\"%s\": %llu, ", #f, (unsigned long long)st->f);
	GCSCHED_STATS_COUNTERS(X, X)
#undef X
	json_config(&r->cfg);
	printf("\"report\": {");
	json_str("kind", kinds[rep->kind < sizeof(kinds) / sizeof(kinds[0]) ? rep->kind : 0], true);
	json_str("message", (const char *)rep->msg, true);
	json_str("function", (const char *)rep->func, true);
	printf("\"goid\": %u, ", rep->goid);
	json_str("expected", status_name(rep->expected), true);
	json_str("observed", status_name(rep->observed), true);
	json_str("actor", actor_name(rep->actor, rep->actor_id), true);
	json_str("last_writer", actor_name(rep->last_actor, rep->last_actor_id), true);
	json_str("last_from", status_name(rep->last_from), true);
	json_str("last_to", status_name(rep->last_to), true);
	printf("\"last_write_ns\": %llu, \"spin_ns\": %llu, \"gc_cycle\": %llu, \"since_start_ns\": %llu}}",
	       (unsigned long long)rep->last_write_ns, (unsigned long long)rep->spin_ns,
	       (unsigned long long)rep->gc_cycle, (unsigned long long)rep->since_start_ns);
}
