// SPDX-License-Identifier: GPL-2.0
/*
 * The instance's timeline (GCSCHED_IOC_TIMELINE), as the tool keeps it
 * (struct tl_window), written as Chrome trace event JSON (--timeline FILE,
 * which Perfetto and chrome://tracing open) and read back from it
 * (gcschedctl timeline FILE --svg OUT, svg.c draws it).
 *
 * The JSON: process 1 holds a track per actor (each M, the netpoller, the
 * collector and its helpers): its status moves, stack copies and wakeups
 * as instant events, the stops of the world and the CAS spins as spans.
 * Process 2 holds a track per G: its statuses as spans, Go's names, from
 * one move to the next. The failure is an instant event on the failing G's
 * track, and the move that broke the protocol (the G's last before the
 * report) is named "FAILING:" and has "failing": true. One event per line,
 * times in microseconds. The top-level "gcsched" object holds the window
 * itself (the kernel's events, numbers only, and the report), which trace
 * viewers ignore and `gcschedctl timeline` reads back.
 */
#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "gcschedctl.h"

#define TID_NETPOLL	100
#define TID_GC		200
#define TID_SETUP	300
#define TID_G		1000
#define TL_FORMAT	1	/* the "gcsched" object's "format" */

static uint32_t actor_tid(uint16_t a)
{
	switch (a >> 8) {
	case GCSCHED_ACTOR_WORKER: return 1 + (a & 0xff);
	case GCSCHED_ACTOR_NETPOLL: return TID_NETPOLL;
	case GCSCHED_ACTOR_GC: return TID_GC + (a & 0xff);
	default: return TID_SETUP;
	}
}

/* An actor's name: "M2", "the netpoller", "the GC", "GC helper 1". */
const char *tl_actor(uint16_t a)
{
	static char buf[4][32];
	static int n;
	char *b = buf[n++ % 4];

	if (a >> 8 == GCSCHED_ACTOR_GC && (a & 0xff))
		snprintf(b, sizeof(buf[0]), "GC helper %u", a & 0xff);
	else
		snprintf(b, sizeof(buf[0]), "%s", actor_name(a >> 8, a & 0xff));
	return b;
}

static void jstr(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			fprintf(f, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static double us(uint64_t ns)
{
	return ns / 1e3;
}

/*
 * Where each CAS spin ended, in one pass from the end: the spinner's
 * next move of that G (it won), the report (it never did), or the
 * window's last event. A small open-addressed table keyed by actor and
 * G holds the next such event seen. Returns 0, or -1 (out of memory).
 */
static int tl_spin_ends(struct tl_window *w)
{
	uint32_t cap = 64, i, h;
	uint64_t *key;
	uint32_t *at;

	free(w->spin_end);
	w->spin_end = NULL;
	if (!w->n)
		return 0;
	while (cap < 2 * w->n)
		cap *= 2;
	w->spin_end = calloc(w->n, sizeof(*w->spin_end));
	key = calloc(cap, sizeof(*key));
	at = calloc(cap, sizeof(*at));
	if (!w->spin_end || !key || !at) {
		free(key);
		free(at);
		return -1;
	}
	for (i = w->n; i-- > 0;) {
		const struct gcsched_tl_event *e = &w->ev[i];
		/* +1: no key is 0 */
		uint64_t k = ((uint64_t)e->actor << 32 | e->goid) + 1;

		if (e->kind != GCSCHED_TL_STATUS && e->kind != GCSCHED_TL_REPORT &&
		    e->kind != GCSCHED_TL_CAS_SPIN)
			continue;
		for (h = (uint32_t)(k * 0x9e3779b97f4a7c15ULL >> 40) & (cap - 1);
		     key[h] && key[h] != k; h = (h + 1) & (cap - 1))
			;
		if (e->kind == GCSCHED_TL_CAS_SPIN) {
			w->spin_end[i] = key[h] ? at[h] : w->n - 1;
		} else {
			key[h] = k;
			at[h] = i;
		}
	}
	free(key);
	free(at);
	return 0;
}

/*
 * The window's marks: the report's event (the last, when frozen), the
 * move that broke the protocol (the failing G's last before it) and the
 * reporter's CAS spin on that G that the report ended, if any.
 */
static int tl_mark(struct tl_window *w)
{
	const struct gcsched_tl_event *rep;
	uint32_t i;

	w->failing = w->spin = -1;
	if (tl_spin_ends(w))
		return -1;
	if (!w->report.kind || !w->n || w->ev[w->n - 1].kind != GCSCHED_TL_REPORT)
		return 0;
	rep = &w->ev[w->n - 1];
	for (i = 0; i + 1 < w->n; i++) {
		const struct gcsched_tl_event *e = &w->ev[i];

		if (e->goid != rep->goid)
			continue;
		if (e->kind == GCSCHED_TL_STATUS) {
			w->failing = i;
			/* a move by the spinner ends its spin: it won */
			if (w->spin >= 0 && e->actor == w->ev[w->spin].actor)
				w->spin = -1;
		} else if (e->kind == GCSCHED_TL_CAS_SPIN && e->actor == rep->actor) {
			w->spin = i;
		}
	}
	return 0;
}

/* The CAS's words: "casgstatus(Gwaiting -> Gcopystack)". */
const char *tl_cas_words(const struct tl_window *w, uint32_t i)
{
	static char buf[96];
	const struct gcsched_tl_event *s = &w->ev[i];
	const char *fn = "casgstatus";

	/* the report names the function that spun (casGToPreemptScan...) */
	if ((int)i == w->spin && w->report.func[0])
		fn = (const char *)w->report.func;
	snprintf(buf, sizeof(buf), "%s(%s -> %s)", fn, status_name(s->from),
		 status_name(s->to));
	return buf;
}

/*
 * Read @fd's timeline into @w. Return: the events read, or -1 with errno
 * set (the tool says so and goes on: the run's outcome stands).
 */
int timeline_read(int fd, const struct gcsched_stats *st, const char *policy,
		  struct tl_window *w)
{
	struct gcsched_timeline_query q = { .size = sizeof(q) };

	memset(w, 0, sizeof(*w));
	w->ev = calloc(TL_MAX, sizeof(*w->ev));
	if (!w->ev)
		return -1;
	q.count = TL_MAX;
	q.entry_size = sizeof(*w->ev);
	q.events = (uintptr_t)w->ev;
	if (ioctl(fd, GCSCHED_IOC_TIMELINE, &q) < 0) {
		timeline_free(w);
		return -1;
	}
	w->n = q.count;
	w->flags = q.flags;
	w->total = q.total;
	w->lost = q.lost;
	w->report = st->report;
	snprintf(w->policy, sizeof(w->policy), "%s", policy);
	if (tl_mark(w)) {
		timeline_free(w);
		errno = ENOMEM;
		return -1;
	}
	return w->n;
}

void timeline_free(struct tl_window *w)
{
	free(w->ev);
	free(w->spin_end);
	w->ev = NULL;
	w->spin_end = NULL;
	w->n = 0;
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
static void g_spans(FILE *f, const struct tl_window *w)
{
	const struct gcsched_tl_event *ev = w->ev;
	struct gspan *open = calloc(w->n ? w->n : 1, sizeof(*open));
	uint64_t end = w->n ? ev[w->n - 1].ns : 0;
	uint32_t nopen = 0, i, k;

	if (!open)
		die("out of memory");
	for (i = 0; i < w->n; i++) {
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

static void names(FILE *f, const struct tl_window *w)
{
	static uint8_t seen[TID_G];
	uint32_t i;

	fprintf(f, "{\"name\": \"process_name\", \"ph\": \"M\", \"ts\": 0, \"pid\": 1, \"tid\": 0, \"args\": {\"name\": ");
	jstr(f, w->policy);
	fprintf(f, "}}");
	fprintf(f, ",\n{\"name\": \"process_name\", \"ph\": \"M\", \"ts\": 0, \"pid\": 2, \"tid\": 0, \"args\": {\"name\": \"goroutines\"}}");
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < w->n; i++) {
		uint32_t t = actor_tid(w->ev[i].actor);

		if (t >= TID_G || seen[t])
			continue;
		seen[t] = 1;
		fprintf(f, ",\n{\"name\": \"thread_name\", \"ph\": \"M\", \"ts\": 0, \"pid\": 1, \"tid\": %u, \"args\": {\"name\": \"%s\"}}",
			t, tl_actor(w->ev[i].actor));
	}
}

/* The window itself, numbers only, for `gcschedctl timeline` to read back. */
static void raw(FILE *f, const struct tl_window *w)
{
	const struct gcsched_report *r = &w->report;
	uint32_t i;

	fprintf(f, "\"gcsched\": {\"format\": %d, \"policy\": ", TL_FORMAT);
	jstr(f, w->policy);
	fprintf(f, ", \"flags\": %u, \"total\": %llu, \"lost\": %llu,\n\"report\": {\"kind\": %u, \"goid\": %u, \"expected\": %u, \"observed\": %u, \"actor\": %u, \"actor_id\": %u, \"last_actor\": %u, \"last_actor_id\": %u, \"last_from\": %u, \"last_to\": %u, \"last_write_ns\": %llu, \"spin_ns\": %llu, \"gc_cycle\": %llu, \"since_start_ns\": %llu, \"func\": ",
		w->flags, (unsigned long long)w->total,
		(unsigned long long)w->lost, r->kind, r->goid, r->expected,
		r->observed, r->actor, r->actor_id, r->last_actor,
		r->last_actor_id, r->last_from, r->last_to,
		(unsigned long long)r->last_write_ns,
		(unsigned long long)r->spin_ns, (unsigned long long)r->gc_cycle,
		(unsigned long long)r->since_start_ns);
	jstr(f, (const char *)r->func);
	fprintf(f, ", \"msg\": ");
	jstr(f, (const char *)r->msg);
	fprintf(f, "},\n\"events\": [");
	/* ns, goid, cpu, actor, kind, from, to, arg */
	for (i = 0; i < w->n; i++) {
		const struct gcsched_tl_event *e = &w->ev[i];

		fprintf(f, "%s\n[%llu, %u, %u, %u, %u, %u, %u, %u]", i ? "," : "",
			(unsigned long long)e->ns, e->goid, e->cpu, e->actor,
			e->kind, e->from, e->to, e->arg);
	}
	fprintf(f, "]},\n");
}

/* Write @w to @path as trace event JSON. Return: 0, or -1 with errno set. */
int timeline_json(const struct tl_window *w, const char *path)
{
	const struct gcsched_tl_event *ev = w->ev;
	uint64_t stw_since = 0;
	uint32_t i, stw_tid = 0;
	bool stw_open = false;
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "{\"displayTimeUnit\": \"ns\", \"otherData\": {\"policy\": ");
	jstr(f, w->policy);
	fprintf(f, ", \"frozen\": %s, \"events\": %u, \"lost\": %llu},\n",
		w->flags & GCSCHED_TL_FROZEN ? "true" : "false", w->n,
		(unsigned long long)w->lost);
	raw(f, w);
	fprintf(f, "\"traceEvents\": [\n");
	names(f, w);
	for (i = 0; i < w->n; i++) {
		const struct gcsched_tl_event *e = &ev[i];
		uint32_t tid = actor_tid(e->actor), k;

		switch (e->kind) {
		case GCSCHED_TL_STATUS:
			fprintf(f, ",\n{\"name\": \"%sG%u %s -> %s\", \"ph\": \"i\", \"s\": \"t\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f, \"args\": {\"goid\": %u, \"by\": \"%s\"%s}}",
				(int)i == w->failing ? "FAILING: " : "", e->goid,
				status_name(e->from), status_name(e->to), tid,
				us(e->ns), e->goid, tl_actor(e->actor),
				(int)i == w->failing ? ", \"failing\": true" : "");
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
			fprintf(f, ",\n{\"name\": \"copystack G%u (%u bytes)\", \"ph\": \"i\", \"s\": \"t\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f, \"args\": {\"goid\": %u}}",
				e->goid, e->arg, tid, us(e->ns), e->goid);
			break;
		case GCSCHED_TL_NETPOLL_WAKE:
			fprintf(f, ",\n{\"name\": \"netpoll wakes G%u%s\", \"ph\": \"i\", \"s\": \"t\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f, \"args\": {\"goid\": %u}}",
				e->goid, e->arg ? " (world stopped)" : "", tid,
				us(e->ns), e->goid);
			break;
		case GCSCHED_TL_CAS_SPIN:
			/*
			 * A span on the spinner's track. It nests with the
			 * stops there: one thread does one thing at a time.
			 */
			k = w->spin_end[i];
			fprintf(f, ",\n{\"name\": \"%s spins (G%u is %s)\", \"ph\": \"X\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f, \"dur\": %.3f, \"args\": {\"goid\": %u%s}}",
				tl_cas_words(w, i), e->goid, status_name(e->arg),
				tid, us(e->ns), us(ev[k].ns - e->ns), e->goid,
				(int)i == w->spin ? ", \"reported\": true" : "");
			break;
		case GCSCHED_TL_REPORT:
			fprintf(f, ",\n{\"name\": ");
			jstr(f, (const char *)w->report.msg);
			fprintf(f, ", \"ph\": \"i\", \"s\": \"t\", \"pid\": 2, \"tid\": %u, \"ts\": %.3f, \"args\": {\"by\": \"%s\", \"in\": ",
				TID_G + e->goid, us(e->ns), tl_actor(e->actor));
			jstr(f, (const char *)w->report.func);
			fprintf(f, "}}");
			break;
		default:
			break;
		}
	}
	if (stw_open)	/* still stopped at the end: the wedge's stop */
		fprintf(f, ",\n{\"name\": \"stop the world\", \"ph\": \"X\", \"pid\": 1, \"tid\": %u, \"ts\": %.3f, \"dur\": %.3f}",
			stw_tid, us(stw_since), us(ev[w->n - 1].ns - stw_since));
	g_spans(f, w);
	fprintf(f, "\n]}\n");
	if (ferror(f) | fclose(f)) {
		int e = errno;

		unlink(path);	/* no half a file */
		errno = e;
		return -1;
	}
	return 0;
}

/*
 * Reading the window back: the "gcsched" object of a file --timeline
 * wrote, with a JSON reader just large enough for it (strings, unsigned
 * numbers, objects, arrays; keys it does not know are skipped, so that a
 * later format may add some). Anything else is refused with where.
 */
struct jr {
	const char *p, *end, *start;
	const char *why;	/* the first error */
};

static bool jr_fail(struct jr *j, const char *why)
{
	if (!j->why)
		j->why = why;
	return false;
}

static void jr_ws(struct jr *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' ||
				 *j->p == '\t' || *j->p == '\r'))
		j->p++;
}

static bool jr_lit(struct jr *j, char c)
{
	jr_ws(j);
	if (j->p < j->end && *j->p == c) {
		j->p++;
		return true;
	}
	return false;
}

/* A string into @out (bytes past @n are refused); \u only below 0x100. */
static bool jr_str(struct jr *j, char *out, size_t n)
{
	size_t k = 0;

	if (!jr_lit(j, '"'))
		return jr_fail(j, "a string expected");
	while (j->p < j->end && *j->p != '"') {
		char c = *j->p++;

		if (c == '\\') {
			unsigned int u;

			if (j->p >= j->end)
				break;
			c = *j->p++;
			if (c == 'u') {
				int k;

				/* four hex digits, of a byte other than NUL */
				for (u = 0, k = 0; k < 4; k++) {
					char h = j->p < j->end ? *j->p++ : '\0';

					if (h >= '0' && h <= '9')
						u = u * 16 + (h - '0');
					else if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f')
						u = u * 16 + ((h | 0x20) - 'a' + 10);
					else
						return jr_fail(j, "a \\u escape without four hex digits");
				}
				if (!u || u > 0xff)
					return jr_fail(j, "a \\u escape this reader cannot take");
				c = (char)u;
			} else if (c == 'n') {
				c = '\n';
			} else if (c == 't') {
				c = '\t';
			} else if (c != '"' && c != '\\' && c != '/') {
				return jr_fail(j, "an unknown escape in a string");
			}
		}
		if (out) {
			if (k + 1 >= n)
				return jr_fail(j, "a string too long");
			out[k++] = c;
		}
	}
	if (out)
		out[k] = '\0';
	return jr_lit(j, '"') || jr_fail(j, "a string without its end");
}

/*
 * A key and its colon. One longer than any this reader knows is read as
 * "" (unknown: its value is skipped), not refused.
 */
static bool jr_key(struct jr *j, char *key, size_t n)
{
	const char *at;

	jr_ws(j);
	at = j->p;
	if (!jr_str(j, key, n)) {
		if (!j->why || strcmp(j->why, "a string too long"))
			return jr_fail(j, "a key expected");
		j->why = NULL;
		j->p = at;
		if (!jr_str(j, NULL, 0))
			return false;
		key[0] = '\0';
	}
	return jr_lit(j, ':') || jr_fail(j, "a key without its colon");
}

static bool jr_num(struct jr *j, uint64_t *v, uint64_t max)
{
	uint64_t x = 0;
	const char *s;

	jr_ws(j);
	s = j->p;
	while (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
		unsigned int d = *j->p++ - '0';

		if (x > UINT64_MAX / 10 || (x == UINT64_MAX / 10 && d > UINT64_MAX % 10))
			return jr_fail(j, "a number too large");
		x = x * 10 + d;
	}
	if (j->p == s)
		return jr_fail(j, "a whole number expected");
	if (x > max)
		return jr_fail(j, "a number out of range");
	*v = x;
	return true;
}

/* Any value, skipped (a key a later format added). */
static bool jr_skip(struct jr *j, int depth)
{
	uint64_t v;

	jr_ws(j);
	if (depth > 8)
		return jr_fail(j, "nested too deep");
	if (j->p >= j->end)
		return jr_fail(j, "the file ends early");
	if (*j->p == '"')
		return jr_str(j, NULL, 0);
	if (*j->p == '{' || *j->p == '[') {
		char close = *j->p == '{' ? '}' : ']';
		bool obj = *j->p++ == '{';

		if (jr_lit(j, close))
			return true;
		do {
			if (obj && (!jr_str(j, NULL, 0) || !jr_lit(j, ':')))
				return jr_fail(j, "a key expected");
			if (!jr_skip(j, depth + 1))
				return false;
		} while (jr_lit(j, ','));
		return jr_lit(j, close) || jr_fail(j, "a list without its end");
	}
	if (!strncmp(j->p, "true", 4) || !strncmp(j->p, "null", 4)) {
		j->p += 4;
		return true;
	}
	if (!strncmp(j->p, "false", 5)) {
		j->p += 5;
		return true;
	}
	return jr_num(j, &v, UINT64_MAX);
}

#define U32 UINT32_MAX

/* The report's numbers, by name. */
static const struct {
	const char *key;
	size_t off, size;
} report_fields[] = {
#define RF(f) { #f, offsetof(struct gcsched_report, f), sizeof(((struct gcsched_report *)0)->f) }
	RF(kind), RF(goid), RF(expected), RF(observed), RF(actor), RF(actor_id),
	RF(last_actor), RF(last_actor_id), RF(last_from), RF(last_to),
	RF(last_write_ns), RF(spin_ns), RF(gc_cycle), RF(since_start_ns),
#undef RF
};

static bool jr_report(struct jr *j, struct gcsched_report *r)
{
	char key[32];
	uint64_t v;
	size_t k;

	if (!jr_lit(j, '{'))
		return jr_fail(j, "\"report\": an object expected");
	do {
		if (!jr_key(j, key, sizeof(key)))
			return false;
		if (!strcmp(key, "func")) {
			if (!jr_str(j, (char *)r->func, sizeof(r->func)))
				return false;
			continue;
		}
		if (!strcmp(key, "msg")) {
			if (!jr_str(j, (char *)r->msg, sizeof(r->msg)))
				return false;
			continue;
		}
		for (k = 0; k < sizeof(report_fields) / sizeof(report_fields[0]); k++)
			if (!strcmp(key, report_fields[k].key))
				break;
		if (k == sizeof(report_fields) / sizeof(report_fields[0])) {
			if (!jr_skip(j, 1))	/* a later format's */
				return false;
			continue;
		}
		if (report_fields[k].size == sizeof(uint32_t)) {
			uint32_t v32;

			if (!jr_num(j, &v, U32))
				return false;
			v32 = v;
			memcpy((char *)r + report_fields[k].off, &v32, sizeof(v32));
		} else {
			if (!jr_num(j, &v, UINT64_MAX))
				return false;
			memcpy((char *)r + report_fields[k].off, &v, sizeof(v));
		}
	} while (jr_lit(j, ','));
	return jr_lit(j, '}') || jr_fail(j, "\"report\" without its end");
}

static bool jr_events(struct jr *j, struct tl_window *w)
{
	/* each as raw() writes it, with each field's width */
	static const uint64_t max[8] = { UINT64_MAX, U32, U32, 0xffff, 0xff, 0xffff, 0xffff, U32 };

	if (!jr_lit(j, '['))
		return jr_fail(j, "\"events\": a list expected");
	if (jr_lit(j, ']'))
		return true;
	do {
		struct gcsched_tl_event *e;
		uint64_t v[8];
		int k;

		if (w->n >= TL_MAX)
			return jr_fail(j, "more events than a timeline holds");
		if (!jr_lit(j, '['))
			return jr_fail(j, "an event, [ns, goid, cpu, actor, kind, from, to, arg], expected");
		for (k = 0; k < 8; k++)
			if ((k && !jr_lit(j, ',')) || !jr_num(j, &v[k], max[k]))
				return jr_fail(j, "an event of eight numbers expected");
		if (!jr_lit(j, ']'))
			return jr_fail(j, "an event of eight numbers expected");
		if (w->n && v[0] < w->ev[w->n - 1].ns)
			return jr_fail(j, "events out of time order");
		e = &w->ev[w->n++];
		e->ns = v[0];
		e->goid = v[1];
		e->cpu = v[2];
		e->actor = v[3];
		e->kind = v[4];
		e->from = v[5];
		e->to = v[6];
		e->arg = v[7];
	} while (jr_lit(j, ','));
	return jr_lit(j, ']') || jr_fail(j, "\"events\" without its end");
}

static bool jr_window(struct jr *j, struct tl_window *w)
{
	bool have_events = false, have_format = false;
	char key[32];
	uint64_t v;

	if (!jr_lit(j, '{'))
		return jr_fail(j, "\"gcsched\": an object expected");
	do {
		if (!jr_key(j, key, sizeof(key)))
			return false;
		if (!strcmp(key, "format")) {
			if (!jr_num(j, &v, U32))
				return false;
			if (v != TL_FORMAT)
				return jr_fail(j, "a format this gcschedctl does not know (a newer one wrote it)");
			have_format = true;
		} else if (!strcmp(key, "policy")) {
			if (!jr_str(j, w->policy, sizeof(w->policy)))
				return false;
		} else if (!strcmp(key, "flags")) {
			if (!jr_num(j, &v, U32))
				return false;
			w->flags = v;
		} else if (!strcmp(key, "total")) {
			if (!jr_num(j, &w->total, UINT64_MAX))
				return false;
		} else if (!strcmp(key, "lost")) {
			if (!jr_num(j, &w->lost, UINT64_MAX))
				return false;
		} else if (!strcmp(key, "report")) {
			if (!jr_report(j, &w->report))
				return false;
		} else if (!strcmp(key, "events")) {
			if (have_events)
				return jr_fail(j, "\"events\" twice");
			if (!jr_events(j, w))
				return false;
			have_events = true;
		} else if (!jr_skip(j, 1)) {
			return false;
		}
	} while (jr_lit(j, ','));
	if (!jr_lit(j, '}'))
		return jr_fail(j, "\"gcsched\" without its end");
	if (!have_format || !have_events)
		return jr_fail(j, "\"gcsched\" without its format or its events");
	return true;
}

/*
 * Read @path, a file --timeline wrote, into @w. Return: 0, or -1 with a
 * sentence in @why (of @n bytes).
 */
int timeline_load(const char *path, struct tl_window *w, char *why, size_t n)
{
	static const char key[] = "\"gcsched\":";
	struct jr j = { 0 };
	char *buf = NULL, *at;
	size_t len = 0, cap = 0, got;
	FILE *f = fopen(path, "r");

	memset(w, 0, sizeof(*w));
	if (!f) {
		snprintf(why, n, "%s", strerror(errno));
		return -1;
	}
	do {
		if (len + 65536 + 1 > cap) {
			char *nb = realloc(buf, cap = 2 * cap + 65536 + 1);

			if (!nb || cap > (64u << 20)) {
				free(nb ? nb : buf);
				fclose(f);
				snprintf(why, n, "%s", nb ? "larger than any timeline (64 MiB)"
							: "out of memory");
				return -1;
			}
			buf = nb;
		}
		got = fread(buf + len, 1, 65536, f);
		len += got;
	} while (got);
	if (ferror(f)) {	/* a directory, say */
		snprintf(why, n, "%s", strerror(errno));
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	buf[len] = '\0';
	w->ev = calloc(TL_MAX, sizeof(*w->ev));
	if (!w->ev) {
		free(buf);
		snprintf(why, n, "out of memory");
		return -1;
	}
	/* the top-level key, at a line's start, as timeline_json() wrote it */
	at = strstr(buf, "\n" "\"gcsched\":");
	if (!at) {
		snprintf(why, n, "no \"gcsched\" object: not a file that gcschedctl run --timeline wrote");
		goto fail;
	}
	j.start = buf;
	j.p = at + 1 + strlen(key);
	j.end = buf + len;
	if (!jr_window(&j, w)) {
		int line = 1;

		for (const char *c = buf; c < j.p; c++)
			line += *c == '\n';
		snprintf(why, n, "line %d: %s", line, j.why ? j.why : "malformed");
		goto fail;
	}
	free(buf);
	if (tl_mark(w)) {
		timeline_free(w);
		snprintf(why, n, "out of memory");
		return -1;
	}
	return 0;
fail:
	free(buf);
	timeline_free(w);
	return -1;
}

static const char timeline_usage[] =
"usage: gcschedctl timeline FILE --svg OUT.svg\n"
"Draw the window that run --timeline FILE (or repro's) wrote as a picture:\n"
"a self-contained SVG, the actors as lanes, time left to right, the failing\n"
"G's status changes in Go's names, the stops of the world shaded.\n"
"\n"
"  --svg OUT.svg         where to write the picture\n"
"  --help                this text\n";

int cmd_timeline(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "svg", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *svg = NULL;
	struct tl_window w;
	char why[160];
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			svg = optarg;
			break;
		case 'h':
			fputs(timeline_usage, stdout);
			return EXIT_HEALTHY;
		default:
			fputs(timeline_usage, stderr);
			return EXIT_ERROR;
		}
	}
	if (optind != argc - 1 || !svg) {
		fprintf(stderr, "gcschedctl timeline: %s\n%s",
			optind != argc - 1 ? "give one FILE, a timeline that run --timeline wrote"
					   : "give --svg OUT.svg, where to draw it",
			timeline_usage);
		return EXIT_ERROR;
	}
	if (timeline_load(argv[optind], &w, why, sizeof(why)))
		die("timeline %s: %s", argv[optind], why);
	if (timeline_svg(&w, svg))
		die("--svg %s: %s", svg, errno == ENODATA ?
		    "the window holds no events to draw" : strerror(errno));
	printf("timeline: %u events of %s%s; picture in %s\n", w.n, w.policy,
	       w.report.kind ? ", to its failure" : "", svg);
	timeline_free(&w);
	return EXIT_HEALTHY;
}
