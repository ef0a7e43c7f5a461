// SPDX-License-Identifier: GPL-2.0
/*
 * --timeline FILE: the instance's timeline (GCSCHED_IOC_TIMELINE) as
 * Chrome trace event JSON, which Perfetto and chrome://tracing open.
 *
 * Process 1 holds a track per actor (each M, the netpoller, the collector
 * and its helpers): its status moves, stack copies and wakeups as instant
 * events, the stops of the world as spans. Process 2 holds a track per G:
 * its statuses as spans, Go's names, from one move to the next. The
 * failure is an instant event on the failing G's track, and the move that
 * broke the protocol (the G's last before the report) is named "FAILING:"
 * and has "failing": true. One event per line, times in microseconds.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "gcschedctl.h"

#define TL_MAX		65536	/* at most 64 CPUs' rings of 1024 */
#define TID_NETPOLL	100
#define TID_GC		200
#define TID_SETUP	300
#define TID_G		1000

static uint32_t actor_tid(uint16_t a)
{
	switch (a >> 8) {
	case GCSCHED_ACTOR_WORKER: return 1 + (a & 0xff);
	case GCSCHED_ACTOR_NETPOLL: return TID_NETPOLL;
	case GCSCHED_ACTOR_GC: return TID_GC + (a & 0xff);
	default: return TID_SETUP;
	}
}

static void jstr(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static double us(uint64_t ns)
{
	return ns / 1e3;
}

/* A G's open status span. */
struct gspan {
	uint32_t goid;
	uint32_t status;
	uint64_t since;
};

static void close_span(FILE *f, const struct gspan *s, uint64_t until)
{
	fprintf(f, ",\n{\"name\": \"%s\", \"ph\": \"X\", \"pid\": 2, \"tid\": %u, \"ts\": %.3f, \"dur\": %.3f}",
		status_name(s->status), TID_G + s->goid, us(s->since),
		us(until - s->since));
}

/* The status spans: each G's moves, one span per status it was in. */
static void g_spans(FILE *f, const struct gcsched_tl_event *ev, uint32_t n)
{
	struct gspan *open = calloc(n ? n : 1, sizeof(*open));
	uint32_t nopen = 0, i, k;
	uint64_t end = n ? ev[n - 1].ns : 0;

	if (!open)
		die("out of memory");
	for (i = 0; i < n; i++) {
		if (ev[i].kind != GCSCHED_TL_STATUS)
			continue;
		for (k = 0; k < nopen && open[k].goid != ev[i].goid; k++)
			;
		if (k == nopen) {
			/* seen first here: its last status since the window began */
			open[nopen].goid = ev[i].goid;
			open[nopen].status = ev[i].from;
			open[nopen++].since = ev[0].ns;
		}
		close_span(f, &open[k], ev[i].ns);
		open[k].status = ev[i].to;
		open[k].since = ev[i].ns;
	}
	for (k = 0; k < nopen; k++)
		close_span(f, &open[k], end);
	free(open);
}

static void names(FILE *f, const struct gcsched_tl_event *ev, uint32_t n,
		  const char *policy)
{
	static uint8_t seen[TID_G];
	uint32_t i;

	fprintf(f, "{\"name\": \"process_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": 0, \"args\": {\"name\": \"gcsched %s: threads\"}}",
		policy);
	fprintf(f, ",\n{\"name\": \"process_name\", \"ph\": \"M\", \"pid\": 2, \"tid\": 0, \"args\": {\"name\": \"goroutines\"}}");
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < n; i++) {
		uint32_t t = actor_tid(ev[i].actor);

		if (t < TID_G && !seen[t]++)
			fprintf(f, ",\n{\"name\": \"thread_name\", \"ph\": \"M\", \"pid\": 1, \"tid\": %u, \"args\": {\"name\": \"%s\"}}",
				t, actor_name(ev[i].actor >> 8, ev[i].actor & 0xff));
	}
}

/*
 * Write @fd's timeline to @path. Return: the events written, or -1 with
 * errno set (the tool says so and goes on: the run's outcome stands).
 */
int timeline_write(int fd, const char *path, const struct gcsched_stats *st,
		   const char *policy)
{
	struct gcsched_timeline_query q = { .size = sizeof(q) };
	struct gcsched_tl_event *ev = calloc(TL_MAX, sizeof(*ev));
	const struct gcsched_report *r = &st->report;
	uint64_t stw_since = 0;
	uint32_t i, stw_tid = 0;
	bool stw_open = false;
	int failing = -1;
	FILE *f;

	if (!ev)
		return -1;
	q.count = TL_MAX;
	q.entry_size = sizeof(*ev);
	q.events = (uintptr_t)ev;
	if (ioctl(fd, GCSCHED_IOC_TIMELINE, &q) < 0) {
		free(ev);
		return -1;
	}
	/* the move that broke the protocol: the failing G's last one */
	if (r->kind && q.count && ev[q.count - 1].kind == GCSCHED_TL_REPORT)
		for (i = 0; i + 1 < q.count; i++)
			if (ev[i].kind == GCSCHED_TL_STATUS && ev[i].goid == r->goid)
				failing = i;
	f = fopen(path, "w");
	if (!f) {
		free(ev);
		return -1;
	}
	fprintf(f, "{\"displayTimeUnit\": \"ns\", \"otherData\": {\"policy\": ");
	jstr(f, policy);
	fprintf(f, ", \"frozen\": %s, \"events\": %u, \"lost\": %llu},\n\"traceEvents\": [\n",
		q.flags & GCSCHED_TL_FROZEN ? "true" : "false", q.count,
		(unsigned long long)q.lost);
	names(f, ev, q.count, policy);
	for (i = 0; i < q.count; i++) {
		const struct gcsched_tl_event *e = &ev[i];
		uint32_t tid = actor_tid(e->actor);

		switch (e->kind) {
		case GCSCHED_TL_STATUS:
			fprintf(f, ",\n{\"name\": \"%sG%u %s -> %s\", \"ph\": \"i\", \"s\": \"t\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f, \"args\": {\"goid\": %u, \"by\": \"%s\"%s}}",
				(int)i == failing ? "FAILING: " : "", e->goid,
				status_name(e->from), status_name(e->to), tid,
				us(e->ns), e->goid,
				actor_name(e->actor >> 8, e->actor & 0xff),
				(int)i == failing ? ", \"failing\": true" : "");
			break;
		case GCSCHED_TL_STW_START:
			stw_open = true;
			stw_since = e->ns;
			stw_tid = tid;
			break;
		case GCSCHED_TL_STW_DONE:
			/* a stop begun before the window shows from its start */
			fprintf(f, ",\n{\"name\": \"stop the world\", \"ph\": \"X\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f, \"dur\": %.3f, \"args\": {\"epoch\": %u}}",
				tid, us(stw_open ? stw_since : ev[0].ns),
				us(e->ns - (stw_open ? stw_since : ev[0].ns)), e->arg);
			stw_open = false;
			break;
		case GCSCHED_TL_STACK_COPY:
			fprintf(f, ",\n{\"name\": \"copystack G%u (%u bytes)\", \"ph\": \"i\", \"s\": \"t\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f}",
				e->goid, e->arg, tid, us(e->ns));
			break;
		case GCSCHED_TL_NETPOLL_WAKE:
			fprintf(f, ",\n{\"name\": \"netpoll wakes G%u%s\", \"ph\": \"i\", \"s\": \"t\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f}",
				e->goid, e->arg ? " (world stopped)" : "", tid,
				us(e->ns));
			break;
		case GCSCHED_TL_REPORT:
			fprintf(f, ",\n{\"name\": ");
			jstr(f, (const char *)r->msg);
			fprintf(f, ", \"ph\": \"i\", \"s\": \"t\", \"pid\": 2, \"tid\": %u, \"ts\": %.3f, \"args\": {\"by\": \"%s\", \"in\": ",
				TID_G + e->goid, us(e->ns),
				actor_name(e->actor >> 8, e->actor & 0xff));
			jstr(f, (const char *)r->func);
			fprintf(f, "}}");
			break;
		default:
			break;
		}
	}
	if (stw_open)	/* still stopped at the end: the wedge's stop */
		fprintf(f, ",\n{\"name\": \"stop the world\", \"ph\": \"X\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f, \"dur\": %.3f}",
			stw_tid, us(stw_since), us(ev[q.count - 1].ns - stw_since));
	g_spans(f, ev, q.count);
	fprintf(f, "\n]}\n");
	free(ev);
	if (fclose(f))
		return -1;
	return q.count;
}
