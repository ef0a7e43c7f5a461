// SPDX-License-Identifier: GPL-2.0
/*
 * --svg: a timeline window (timeline.c) drawn as a self-contained SVG,
 * readable without any viewer.
 *
 * What it shows: the last moments before the failure. The window starts
 * LEAD_EVENTS events before the earliest of the failing G's last move,
 * the CAS spin the report ended and the stop of the world in force at the
 * report (no earlier than twice the time that follows), and
 * ends at the report. Time runs left to right; a stretch in which nothing
 * happens that would take most of the width (a 9186 spin that lasts until
 * the wedge timeout) is cut out and drawn as a break saying how long it
 * was. Lanes, top to bottom: the failing G (its statuses as coloured
 * spans, its moves labelled in Go's names: "Gwaiting -> Grunnable by the
 * netpoller"), then each actor with events in the window (the GC and its
 * helpers, the netpoller, each M): a tick per event, the failing G's in
 * red, CAS spins as bars ("casgstatus(Gwaiting -> Gcopystack) spins").
 * Stops of the world are shaded across every lane. A window without a
 * failure shows its last events the same way, without the failing G.
 *
 * Text is in a monospace font (DejaVu Sans Mono, 0.602 em a character),
 * so that each label's box is known here: labels are placed in rows under
 * their lane, each where it overlaps no other, inside the picture (the
 * selftests check both on a rendering, selftests/vm/timeline-check.py).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gcschedctl.h"

#define W		1200	/* the picture's width, px */
#define PAD		12
#define NAME_W		156	/* the lanes' names */
#define X0		(PAD + NAME_W)	/* the plot, from */
#define X1		(W - PAD)	/* to */
#define XR		(X1 - 16)	/* where the window's end is drawn */
#define FS		12	/* font size, px */
#define CH		(0.61 * FS)	/* a character's advance, rounded up */
#define ASC		(0.8 * FS)	/* a line's box above its baseline */
#define DESC		(0.25 * FS)	/* and below */
#define ROW		16	/* a row of text */
#define BAR		18	/* a lane's bar */
#define GAP		8	/* between lanes */
#define BREAK_W		64	/* a cut-out stretch of time */
#define MAX_BREAKS	3
#define MAX_ROWS	6	/* of labels under a lane */
/* the failing G's, each M and GC helper, the GC, the netpoller, START */
#define MAX_LANES	(1 + 2 * 256 + 3)
#define MAX_LABELS	512
#define LEAD_EVENTS	40	/* events shown before the first of interest */
#define G_LABELS	6	/* the failing G's moves labelled, the last */
#define NOLANE		0xffff	/* the failing G's lane */

/* Time to x: linear, but for the cut-out stretches. */
struct tmap {
	uint64_t t0, t1;
	int nb;
	uint64_t a[MAX_BREAKS], b[MAX_BREAKS];	/* cut out (a, b), in order */
	double scale;	/* px per ns of the time kept */
};

static double tx(const struct tmap *m, uint64_t t)
{
	uint64_t kept = 0, prev = m->t0;
	double brk = 0;
	int i;

	if (t <= m->t0)
		return X0;
	if (t > m->t1)
		t = m->t1;
	for (i = 0; i < m->nb; i++) {
		if (t <= m->a[i])
			break;
		kept += m->a[i] - prev;
		if (t < m->b[i])	/* inside the cut: across its width */
			return X0 + kept * m->scale + brk +
			       BREAK_W * (double)(t - m->a[i]) / (m->b[i] - m->a[i]);
		brk += BREAK_W;
		prev = m->b[i];
	}
	return X0 + (kept + t - prev) * m->scale + brk;
}

/*
 * Cut out the longest quiet stretches (between consecutive events
 * drawn) while one would take more than half the time left.
 */
static void tmap_init(struct tmap *m, const struct gcsched_tl_event *ev,
		      uint32_t lo, uint32_t hi, uint64_t t0, uint64_t t1)
{
	uint64_t kept = t1 - t0, left;
	int i, k;

	memset(m, 0, sizeof(*m));
	m->t0 = t0;
	m->t1 = t1;
	while (m->nb < MAX_BREAKS) {
		uint64_t best = 0, ba = 0, prev = t0;
		uint32_t e;

		for (e = lo; e <= hi + 1; e++) {
			uint64_t t = e <= hi ? ev[e].ns : t1;
			bool taken = false;

			for (k = 0; k < m->nb; k++)
				taken |= m->a[k] == prev;
			if (t > prev && t - prev > best && !taken) {
				best = t - prev;
				ba = prev;
			}
			if (t > prev)
				prev = t;
		}
		/* more than half the time left, and 10 us at least (not a few ns) */
		if (best < 10000 || best < kept - best)
			break;
		for (k = m->nb; k > 0 && m->a[k - 1] > ba; k--) {
			m->a[k] = m->a[k - 1];
			m->b[k] = m->b[k - 1];
		}
		m->a[k] = ba;
		m->b[k] = ba + best;
		m->nb++;
		kept -= best;
	}
	/* a sliver of each quiet stretch stays on each side of its cut */
	for (i = 0, left = kept; i < m->nb; i++) {
		uint64_t s = left / 32 + 1;

		if (m->b[i] - m->a[i] > 4 * s) {
			m->a[i] += s;
			m->b[i] -= s;
			kept += 2 * s;
		}
	}
	m->scale = (XR - X0 - m->nb * BREAK_W) / (double)(kept ? kept : 1);
}

struct label {
	double anchor;	/* the x of what it names */
	double x, w;
	int row;
	const char *fill;
	char text[160];
};

struct lane {
	char name[32];
	bool leaders;		/* its labels hang from what they name */
	uint16_t actor;		/* NOLANE: the failing G's */
	int nrows;
	double y;		/* the bar's top */
	struct label *labels[MAX_LABELS / 4];
	int nlabels;
};

struct pic {
	const struct tl_window *w;
	struct tmap m;
	uint32_t lo, hi;	/* the events drawn */
	uint32_t goid;		/* the failing G, if any */
	bool victim;
	struct lane lanes[MAX_LANES];
	int nlanes;
	struct label labels[MAX_LABELS];
	int nlabels;
	struct lane top, axis;	/* the stops' names; the time axis */
	FILE *f;
};

/* @s as SVG text: ASCII only (a byte outside it is '?'), escaped. */
static void esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '"')
			fputs("&quot;", f);
		else if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			fputc('?', f);
		else
			fputc(*s, f);
	}
}

static double text_w(const char *s)
{
	return strlen(s) * CH;
}

/* Text at (@x, baseline @y), its box inside the picture by construction. */
static void text(FILE *f, double x, double y, const char *fill, const char *s)
{
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\"%s%s%s>", x, y,
		fill ? " fill=\"" : "", fill ? fill : "", fill ? "\"" : "");
	esc(f, s);
	fputs("</text>\n", f);
}

/*
 * Put @s under @ln, at @anchor (@centred on it, or from it), in the first
 * row where it overlaps no label of that lane and no leader line (from a
 * lane to its label, straight down) crosses it; in none (MAX_ROWS rows
 * tried): not drawn. Text wider than the plot is cut.
 */
static struct label *place(struct pic *p, struct lane *ln, double anchor,
			   const char *fill, const char *s, bool centred)
{
	struct label *l;
	int row, k;

	if (p->nlabels >= MAX_LABELS || ln->nlabels >= (int)(sizeof(ln->labels) / sizeof(ln->labels[0])))
		return NULL;
	l = &p->labels[p->nlabels];
	snprintf(l->text, sizeof(l->text), "%s", s);
	/* no wider than the plot */
	if (strlen(l->text) > (size_t)((XR - 3 - X0) / CH))
		l->text[(size_t)((XR - 3 - X0) / CH)] = '\0';
	l->w = text_w(l->text);
	l->anchor = anchor;
	l->x = centred ? anchor - l->w / 2 : anchor + 3;
	/* left of the window's end, whose line runs down every lane */
	if (l->x + l->w > XR - 3)
		l->x = XR - 3 - l->w;
	if (l->x < X0)
		l->x = X0;
	l->fill = fill;
	for (row = 0; row < MAX_ROWS; row++) {
		for (k = 0; k < ln->nlabels; k++) {
			const struct label *o = ln->labels[k];

			/* its box, or a leader through one (leaders run down) */
			if (o->row == row && l->x < o->x + o->w + 6 &&
			    o->x < l->x + l->w + 6)
				break;
			if (ln->leaders && o->row < row && anchor >= o->x - 2 &&
			    anchor <= o->x + o->w + 2)
				break;
			if (ln->leaders && o->row > row && o->anchor >= l->x - 2 &&
			    o->anchor <= l->x + l->w + 2)
				break;
		}
		if (k == ln->nlabels)
			break;
	}
	if (row == MAX_ROWS)
		return NULL;
	l->row = row;
	if (row + 1 > ln->nrows)
		ln->nrows = row + 1;
	ln->labels[ln->nlabels++] = l;
	p->nlabels++;
	return l;
}

static struct lane *lane_of(struct pic *p, uint16_t actor)
{
	int i;

	for (i = 0; i < p->nlanes; i++)
		if (p->lanes[i].actor == actor)
			return &p->lanes[i];
	return NULL;
}

/* Actors in order: the GC and its helpers, the netpoller, the Ms, START. */
static int actor_rank(uint16_t a)
{
	static const int rank[] = {
		[GCSCHED_ACTOR_GC] = 0, [GCSCHED_ACTOR_NETPOLL] = 1,
		[GCSCHED_ACTOR_WORKER] = 2, [GCSCHED_ACTOR_SETUP] = 3,
		[GCSCHED_ACTOR_NONE] = 4,
	};
	unsigned int k = a >> 8;

	return (k < sizeof(rank) / sizeof(rank[0]) ? rank[k] : 4) * 256 + (a & 0xff);
}

static int cmp_lane(const void *x, const void *y)
{
	return actor_rank(((const struct lane *)x)->actor) -
	       actor_rank(((const struct lane *)y)->actor);
}

static void add_lanes(struct pic *p)
{
	const struct gcsched_tl_event *ev = p->w->ev;
	uint32_t i;
	int k;

	p->nlanes = 0;
	if (p->victim) {
		struct lane *ln = &p->lanes[p->nlanes++];

		ln->actor = NOLANE;
		ln->leaders = true;
		snprintf(ln->name, sizeof(ln->name), "G%u (fails)", p->goid);
	}
	for (i = p->lo; i <= p->hi; i++) {
		if (lane_of(p, ev[i].actor) || p->nlanes == MAX_LANES)
			continue;
		p->lanes[p->nlanes].actor = ev[i].actor;
		p->lanes[p->nlanes].leaders = true;
		snprintf(p->lanes[p->nlanes].name, sizeof(p->lanes[0].name), "%s",
			 tl_actor(ev[i].actor));
		p->nlanes++;
	}
	k = p->victim;
	qsort(&p->lanes[k], p->nlanes - k, sizeof(p->lanes[0]), cmp_lane);
}

/* The stop of the world in force at @t, if any: its start's index. */
static int stop_at(const struct tl_window *w, uint64_t t)
{
	int start = -1;
	uint32_t i;

	for (i = 0; i < w->n && w->ev[i].ns <= t; i++) {
		if (w->ev[i].kind == GCSCHED_TL_STW_START)
			start = i;
		else if (w->ev[i].kind == GCSCHED_TL_STW_DONE)
			start = -1;
	}
	return start;
}

/* The events to draw: lo..hi, and the time they span. */
static void choose_window(struct pic *p)
{
	const struct tl_window *w = p->w;
	const struct gcsched_tl_event *ev = w->ev;
	uint64_t t1 = ev[w->n - 1].ns, key = t1, t0;
	uint32_t i0;
	int s;

	p->hi = w->n - 1;
	if (p->victim) {
		if (w->failing >= 0 && ev[w->failing].ns < key)
			key = ev[w->failing].ns;
		if (w->spin >= 0 && ev[w->spin].ns < key)
			key = ev[w->spin].ns;
		s = stop_at(w, t1);
		if (s >= 0 && ev[s].ns < key)
			key = ev[s].ns;
	} else {
		key = ev[w->n > 200 ? w->n - 200 : 0].ns;
	}
	for (i0 = 0; i0 < w->n && ev[i0].ns < key; i0++)
		;
	i0 = i0 > LEAD_EVENTS ? i0 - LEAD_EVENTS : 0;
	t0 = ev[i0].ns;
	/* no more lead than twice what follows (halved: no overflow) */
	if (t1 > key && (key - t0) / 2 > t1 - key)
		t0 = key - 2 * (t1 - key);
	if (t0 >= t1)
		t0 = t1 > 1000 ? t1 - 1000 : 0;
	for (p->lo = 0; p->lo < w->n && ev[p->lo].ns < t0; p->lo++)
		;
	tmap_init(&p->m, ev, p->lo, p->hi, t0, t1 > t0 ? t1 : t0 + 1);
}

/* "1.5 ms", "10 s": @ns with the unit that reads best. */
static void fmt_t(char *b, size_t n, double ns)
{
	double a = ns < 0 ? -ns : ns;

	if (a >= 1e9)
		snprintf(b, n, "%.4g s", ns / 1e9);
	else if (a >= 1e6)
		snprintf(b, n, "%.4g ms", ns / 1e6);
	else if (a >= 1e3)
		snprintf(b, n, "%.4g us", ns / 1e3);
	else
		snprintf(b, n, "%.4g ns", ns);
}

/*
 * The failing G did not move in the whole window, and the report says its
 * last move came before (a G that a loop keeps running moved long ago).
 */
static bool quiet_g(const struct pic *p)
{
	const struct gcsched_report *r = &p->w->report;
	uint32_t i;

	for (i = 0; i < p->w->n; i++)
		if (p->w->ev[i].kind == GCSCHED_TL_STATUS && p->w->ev[i].goid == p->goid)
			return false;
	return r->last_write_ns <= p->m.t0 && (r->last_from || r->last_to);
}

/* The failing G's moves, the spin the report ended and the report. */
static void victim_labels(struct pic *p)
{
	const struct tl_window *w = p->w;
	const struct gcsched_tl_event *ev = w->ev;
	struct lane *g = &p->lanes[0];
	const struct gcsched_report *r = &w->report;
	char s[192];
	int i, nmoves = 0;

	/* the report is the title's; its mark, the reporter's lane's X */
	if (w->spin >= 0) {
		struct lane *ln = lane_of(p, ev[w->spin].actor);

		if (r->kind == GCSCHED_REPORT_THROW)
			snprintf(s, sizeof(s), "%s finds %s: throw",
				 tl_cas_words(w, w->spin), status_name(ev[w->spin].arg));
		else
			snprintf(s, sizeof(s), "%s spins", tl_cas_words(w, w->spin));
		if (ln)
			place(p, ln, tx(&p->m, ev[w->spin].ns), "#c62828", s, false);
	}
	if (quiet_g(p)) {
		char ago[32];

		fmt_t(ago, sizeof(ago), (double)(p->m.t1 - r->last_write_ns));
		snprintf(s, sizeof(s), "%s since %s before the end (%s -> %s by %s)",
			 status_name(r->last_to), ago, status_name(r->last_from),
			 status_name(r->last_to), actor_name(r->last_actor, r->last_actor_id));
		place(p, g, X0, "#333", s, false);
	}
	/* its moves, the last first, the failing one red */
	for (i = p->hi; i >= (int)p->lo && nmoves < G_LABELS; i--) {
		const struct gcsched_tl_event *e = &ev[i];

		if (e->kind != GCSCHED_TL_STATUS || e->goid != p->goid)
			continue;
		snprintf(s, sizeof(s), "%s -> %s by %s", status_name(e->from),
			 status_name(e->to), tl_actor(e->actor));
		place(p, g, tx(&p->m, e->ns), i == w->failing ? "#c62828" : "#333", s, false);
		nmoves++;
	}
}

static const char *status_fill(uint32_t s)
{
	switch (s & ~GCSCHED_GSCAN) {
	case GCSCHED_GIDLE: return "#cfcfcf";
	case GCSCHED_GRUNNABLE: return "#f6c343";
	case GCSCHED_GRUNNING: return "#66bb6a";
	case GCSCHED_GSYSCALL: return "#ba68c8";
	case GCSCHED_GWAITING: return "#64b5f6";
	case GCSCHED_GDEAD: return "#9e9e9e";
	case GCSCHED_GCOPYSTACK: return "#ff8a65";
	case GCSCHED_GPREEMPTED: return "#f48fb1";
	default: return "#e0e0e0";
	}
}

/* The failing G's statuses, as spans on its lane. */
static void victim_spans(struct pic *p, const struct lane *g)
{
	const struct gcsched_report *r = &p->w->report;
	const struct gcsched_tl_event *ev = p->w->ev;
	uint32_t i, status = UINT32_MAX;
	uint64_t since = p->m.t0;
	bool known = false;
	FILE *f = p->f;

	/* its status when the window opens: its last move before, or the next's from */
	for (i = 0; i < p->w->n; i++) {
		if (ev[i].kind != GCSCHED_TL_STATUS || ev[i].goid != p->goid)
			continue;
		if (i < p->lo) {
			status = ev[i].to;
			known = true;
		} else {
			if (!known)
				status = ev[i].from;
			break;
		}
	}
	/*
	 * No move of it in the whole window: the report says its last, and
	 * when (a G a loop keeps running moved last long before).
	 */
	if (status == UINT32_MAX && quiet_g(p))
		status = r->last_to;
	for (i = p->lo; i <= p->hi + 1; i++) {
		bool end = i > p->hi;
		uint64_t t = end ? p->m.t1 : ev[i].ns;
		double a, b;

		if (!end && (ev[i].kind != GCSCHED_TL_STATUS || ev[i].goid != p->goid))
			continue;
		a = tx(&p->m, since);
		b = tx(&p->m, t);
		if (status != UINT32_MAX && b > a) {
			const char *name = status_name(status);

			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"%s/>\n",
				a, g->y, b - a, BAR, status_fill(status),
				status & GCSCHED_GSCAN ? " stroke=\"#333\" stroke-dasharray=\"3 2\"" : "");
			if (b - a >= text_w(name) + 6)
				text(f, a + 3, g->y + BAR / 2 + 4, "#111", name);
		}
		if (!end) {
			status = ev[i].to;
			since = t;
		}
	}
}

/* A lane's events: ticks, the failing G's red, CAS spins as bars. */
static void ticks(struct pic *p, const struct lane *ln)
{
	const struct tl_window *w = p->w;
	const struct gcsched_tl_event *ev = w->ev;
	double last_x[GCSCHED_NR_TL_KINDS + 1] = { 0 };
	double mid = ln->y + BAR / 2.0;
	FILE *f = p->f;
	uint32_t i;

	fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
		X0, mid, XR, mid);
	for (i = p->lo; i <= p->hi; i++) {
		const struct gcsched_tl_event *e = &ev[i];
		bool mine = p->victim && e->goid == p->goid && e->kind != GCSCHED_TL_STW_START &&
			    e->kind != GCSCHED_TL_STW_DONE;
		double x = tx(&p->m, e->ns);
		const char *c;

		if (e->actor != ln->actor)
			continue;
		if (e->kind == GCSCHED_TL_CAS_SPIN) {
			double b = tx(&p->m, ev[w->spin_end[i]].ns);

			/* one bar a pixel, but the G's */
			if (!mine && x - last_x[GCSCHED_TL_CAS_SPIN] < 1)
				continue;
			if (!mine)
				last_x[GCSCHED_TL_CAS_SPIN] = x;

			fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\" fill-opacity=\"0.45\"/>\n",
				x, ln->y + 3, b - x > 2 ? b - x : 2, BAR - 6,
				mine ? "#e53935" : "#fb8c00");
			continue;
		}
		if (e->kind == GCSCHED_TL_REPORT) {
			fprintf(f, "<path d=\"M%.1f %.1f l8 8 m0 -8 l-8 8\" stroke=\"#c62828\" stroke-width=\"2.5\"/>\n",
				x - 4, mid - 4);
			continue;
		}
		/* one tick a pixel, of each kind, but every one of the G's */
		if (!mine && e->kind <= GCSCHED_NR_TL_KINDS && x - last_x[e->kind] < 1)
			continue;
		if (!mine && e->kind <= GCSCHED_NR_TL_KINDS)
			last_x[e->kind] = x;
		c = mine ? "#c62828" : e->kind == GCSCHED_TL_STACK_COPY ? "#1e88e5" :
		    e->kind == GCSCHED_TL_NETPOLL_WAKE ? "#00897b" : "#888";
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n",
			x, mine ? ln->y : mid - 5, x, mine ? ln->y + BAR : mid + 5, c,
			mine ? " stroke-width=\"2\"" : "");
	}
}

/* Each lane's labels, with a leader from what each names. */
static void draw_labels(FILE *f, const struct lane *ln)
{
	int k;

	for (k = 0; k < ln->nlabels; k++) {
		const struct label *l = ln->labels[k];
		double base = ln->y + BAR + ROW * (l->row + 1) - 4;

		if (ln->leaders)
			fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"0.8\"/>\n",
				l->anchor, ln->y + BAR, l->anchor, base - ASC,
				l->fill ? l->fill : "#333");
		text(f, l->x, base, l->fill, l->text);
	}
}

/* The stops of the world in the window: shaded, named above the lanes. */
static void stops(struct pic *p, double top, double bottom, bool draw)
{
	const struct gcsched_tl_event *ev = p->w->ev;
	bool open = stop_at(p->w, p->m.t0) >= 0;
	uint64_t since = p->m.t0;
	uint32_t i;

	/* a stop whose start the window lost: from the window's start, as the JSON */
	for (i = p->lo; i <= p->hi && !open; i++) {
		if (ev[i].kind == GCSCHED_TL_STW_START)
			break;
		open = ev[i].kind == GCSCHED_TL_STW_DONE;
	}

	for (i = p->lo; i <= p->hi + 1; i++) {
		bool end = i > p->hi;
		double a, b;

		if (!end && ev[i].kind == GCSCHED_TL_STW_START) {
			open = true;
			since = ev[i].ns;
			continue;
		}
		if (!(end || ev[i].kind == GCSCHED_TL_STW_DONE) || !open)
			continue;
		open = false;
		a = tx(&p->m, since);
		b = tx(&p->m, end ? p->m.t1 : ev[i].ns);
		if (draw)
			fprintf(p->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#607d8b\" fill-opacity=\"0.16\"/>\n",
				a, top, b - a > 1 ? b - a : 1, bottom - top);
		else if (b - a > 20)
			place(p, &p->top, a, "#455a64", "the world stopped", false);
	}
}

/*
 * A tick's label, "-2001.5 ms": its distance back from the end in the
 * unit in which @step is at least 0.1, to the digit that tells one tick
 * from the next.
 */
static void tick_label(char *b, size_t n, double back, double step)
{
	static const struct { double ns; const char *unit; } units[] = {
		{ 1e9, "s" }, { 1e6, "ms" }, { 1e3, "us" }, { 1, "ns" },
	};
	size_t u = 0;

	while (u + 1 < sizeof(units) / sizeof(units[0]) && step / units[u].ns < 0.1)
		u++;
	snprintf(b, n, "-%.*f %s", step / units[u].ns >= 1 ? 0 : 1,
		 back / units[u].ns, units[u].unit);
}

/* Ticks every step back from the window's end; the cuts say their length. */
static void axis_labels(struct pic *p)
{
	static const double nice[] = { 1, 2, 5 };
	const struct tmap *m = &p->m;
	double step = 0, want = 110 / m->scale;	/* ns between ticks */
	char s[48];
	int i, k;

	/* the end first, then the cuts, then the ticks where there is room */
	place(p, &p->axis, tx(m, m->t1), "#555", "0 (the end)", true);
	for (i = 0; i < m->nb; i++) {
		fmt_t(s, sizeof(s), (double)(m->b[i] - m->a[i]));
		memmove(s + 1, s, strlen(s) + 1);
		s[0] = '+';
		place(p, &p->axis, tx(m, m->a[i]) + BREAK_W / 2.0, "#555", s, true);
	}
	for (double d = 1; !step; d *= 10)
		for (k = 0; k < 3 && !step; k++)
			if (nice[k] * d >= want)
				step = nice[k] * d;
	/* each stretch kept (between the cuts): the ticks inside it */
	for (i = 0; i <= m->nb; i++) {
		uint64_t from = i ? m->b[i - 1] : m->t0;
		uint64_t to = i < m->nb ? m->a[i] : m->t1;
		double df = (m->t1 - to) / step, dl = (m->t1 - from) / step;
		uint64_t kf, kl, kk;

		if (dl > 1e15)	/* past any tick the loop below would reach */
			continue;
		kf = (uint64_t)df + 1;
		kl = (uint64_t)dl;

		for (kk = kf; kk <= kl && kk < kf + 64; kk++) {
			double back = kk * step;
			struct label *l;

			tick_label(s, sizeof(s), back, step);
			l = place(p, &p->axis, tx(m, m->t1 - (uint64_t)back), "#555", s, true);
			/* a tick label that would need a second row is not wanted */
			if (l && l->row > 0) {
				p->axis.nlabels--;
				p->nlabels--;
			}
		}
	}
	p->axis.nrows = 1;
	for (k = 0; k < p->axis.nlabels; k++)
		if (p->axis.labels[k]->row + 1 > p->axis.nrows)
			p->axis.nrows = p->axis.labels[k]->row + 1;
}

static void legend(struct pic *p, double y)
{
	static const uint32_t order[] = {
		GCSCHED_GRUNNABLE, GCSCHED_GRUNNING, GCSCHED_GWAITING,
		GCSCHED_GCOPYSTACK, GCSCHED_GPREEMPTED, GCSCHED_GSYSCALL,
		GCSCHED_GDEAD,
	};
	double x = X0;
	size_t i;
	FILE *f = p->f;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const char *name = status_name(order[i]);

		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
			x, y - 10, status_fill(order[i]));
		text(f, x + 16, y, NULL, name);
		x += 16 + text_w(name) + 14;
	}
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"#607d8b\" fill-opacity=\"0.3\"/>\n",
		x, y - 10);
	text(f, x + 16, y, NULL, "world stopped");
	x += 16 + text_w("world stopped") + 14;
	fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"#fb8c00\" fill-opacity=\"0.45\"/>\n",
		x, y - 10);
	text(f, x + 16, y, NULL, "CAS spin");
}

/* A report's kind, as the tool says it. */
static const char *report_words(uint32_t kind)
{
	switch (kind) {
	case GCSCHED_REPORT_THROW: return "fatal error";
	case GCSCHED_REPORT_WEDGE: return "wedged";
	case GCSCHED_REPORT_STW_STALL: return "wedged";
	case GCSCHED_REPORT_DEADLOCK: return "deadlock";
	default: return "failed";
	}
}

static void title(struct pic *p, char *t1, size_t n1, char *t2, size_t n2)
{
	const struct tl_window *w = p->w;
	const struct gcsched_report *r = &w->report;
	char span[32], at[32];
	size_t max = (size_t)((X1 - PAD) / CH);

	fmt_t(span, sizeof(span), (double)(p->m.t1 - p->m.t0));
	fmt_t(at, sizeof(at), (double)w->ev[w->n - 1].ns);
	if (r->kind)
		snprintf(t1, n1, "gcsched %s: %s: %s", w->policy, report_words(r->kind),
			 (const char *)r->msg);
	else
		snprintf(t1, n1, "gcsched %s: the last events (no failure)", w->policy);
	if (p->victim)
		snprintf(t2, n2, "G%u, GC cycle %llu, %s after START; the last %s (%u of the window's %u events; %llu older lost)",
			 p->goid, (unsigned long long)r->gc_cycle, at, span,
			 p->hi - p->lo + 1, w->n, (unsigned long long)w->lost);
	else
		snprintf(t2, n2, "%s after START; the last %s (%u of the window's %u events; %llu older lost)",
			 at, span, p->hi - p->lo + 1, w->n, (unsigned long long)w->lost);
	if (strlen(t1) > max)
		strcpy(t1 + max - 3, "...");
	if (strlen(t2) > max)
		strcpy(t2 + max - 3, "...");
}

/* Write @w to @path as SVG. Return: 0, or -1 with errno set. */
int timeline_svg(const struct tl_window *w, const char *path)
{
	struct pic *p = calloc(1, sizeof(*p));
	char t1[256], t2[256];
	double y, top, bottom, h;
	int i, k;

	if (!p)
		return -1;
	if (!w->n) {
		free(p);
		errno = ENODATA;	/* nothing to draw: the tool says so */
		return -1;
	}
	p->w = w;
	p->victim = w->report.kind && w->ev[w->n - 1].kind == GCSCHED_TL_REPORT &&
		    w->report.kind != GCSCHED_REPORT_STW_STALL;
	p->goid = w->ev[w->n - 1].goid;
	choose_window(p);
	add_lanes(p);
	if (p->victim)
		victim_labels(p);
	stops(p, 0, 0, false);
	axis_labels(p);
	title(p, t1, sizeof(t1), t2, sizeof(t2));

	/* the layout, top to bottom */
	y = PAD + 2 * ROW + 6;
	p->top.y = y - BAR;		/* its rows are under this */
	y += p->top.nrows * ROW + 4;
	top = y;
	for (i = 0; i < p->nlanes; i++) {
		p->lanes[i].y = y;
		y += BAR + p->lanes[i].nrows * ROW + GAP;
	}
	bottom = y;
	p->axis.y = bottom - BAR + 6;	/* its rows under the axis line */
	h = bottom + 6 + p->axis.nrows * ROW + 2 * ROW + PAD;

	p->f = fopen(path, "w");
	if (!p->f) {
		free(p);
		return -1;
	}
	fprintf(p->f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(p->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" viewBox=\"0 0 %d %.0f\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"%d\">\n",
		W, h, W, h, FS);
	fputs("<title>", p->f);
	esc(p->f, t1);
	fputs("</title>\n", p->f);
	fprintf(p->f, "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n");
	text(p->f, PAD, PAD + ASC, "#111", t1);
	text(p->f, PAD, PAD + ROW + ASC, "#555", t2);
	stops(p, top - 4, bottom - GAP + 4, true);
	/* the cuts: a pale band with a zigzag at each side */
	for (i = 0; i < p->m.nb; i++) {
		double a = tx(&p->m, p->m.a[i]);

		fprintf(p->f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#fafafa\"/>\n",
			a + 4, top - 4, BREAK_W - 8, bottom - top);
		for (k = 0; k < 2; k++)
			fprintf(p->f, "<path d=\"M%.1f %.1f l4 6 l-4 6 l4 6 l-4 6\" fill=\"none\" stroke=\"#999\"/>\n",
				a + 4 + k * (BREAK_W - 12), (top + bottom) / 2 - 12);
	}
	for (i = 0; i < p->nlanes; i++) {
		struct lane *ln = &p->lanes[i];

		text(p->f, PAD, ln->y + BAR / 2 + 4, ln->actor == NOLANE ? "#c62828" : "#222", ln->name);
		if (ln->actor == NOLANE)
			victim_spans(p, ln);
		else
			ticks(p, ln);
	}
	/* the end: the report, across every lane */
	if (p->victim)
		fprintf(p->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c62828\"/>\n",
			tx(&p->m, p->m.t1), top - 4, tx(&p->m, p->m.t1), bottom - GAP);
	draw_labels(p->f, &p->top);
	for (i = 0; i < p->nlanes; i++)
		draw_labels(p->f, &p->lanes[i]);
	/* the axis */
	fprintf(p->f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#555\"/>\n",
		X0, bottom, XR, bottom);
	for (k = 0; k < p->axis.nlabels; k++)
		fprintf(p->f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555\"/>\n",
			p->axis.labels[k]->anchor, bottom, p->axis.labels[k]->anchor, bottom + 4);
	for (k = 0; k < p->axis.nlabels; k++) {
		const struct label *l = p->axis.labels[k];

		text(p->f, l->x, bottom + 6 + ROW * (l->row + 1) - 4, l->fill, l->text);
	}
	legend(p, h - PAD - 4);
	fputs("</svg>\n", p->f);
	k = ferror(p->f) | fclose(p->f);
	free(p);
	if (k) {
		k = errno;
		unlink(path);	/* no half a picture */
		errno = k;
		return -1;
	}
	return 0;
}
