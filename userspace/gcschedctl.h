/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gcschedctl's parts: what the command files (run.c, repro.c, info.c)
 * share with the dispatch (gcschedctl.c), options (opts.c), the device
 * (dev.c), the words (print.c), JSON (json.c) and --gctrace (gctrace.c).
 */
#ifndef GCSCHEDCTL_H
#define GCSCHEDCTL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/gcsched.h>

#include "parse.h"

#define DEV_PATH	"/dev/gcsched"
#define EXIT_HEALTHY	0
#define EXIT_ERROR	1
#define EXIT_WEDGED	2
#define EXIT_CRASHED	3
#define EXIT_INTERRUPTED 130	/* 128 + SIGINT, as a shell says it */
#ifndef GCSCHED_VERSION
#define GCSCHED_VERSION	"unknown"	/* the Makefile passes kmod/gcsched.h's */
#endif

/* gcschedctl.c */
extern const char *dev_path;		/* --device */
extern bool json;			/* --json: one document on stdout */
extern volatile sig_atomic_t interrupted;	/* Ctrl-C or SIGTERM came */
void __attribute__((noreturn, format(printf, 1, 2))) die(const char *fmt, ...);
double now_s(void);

struct run_opts {
	struct gcsched_config cfg;
	uint64_t duration_ns;	/* 0: until it fails */
	bool gctrace;
	const struct scenario *scenario;	/* --scenario, or NULL */
	bool before_fix;	/* --before-fix */
	bool policy_set;	/* --policy given */
	bool spinners_set;	/* --spinners given, 0 included */
	bool selects_set;	/* --selects given, 0 included */
	const char *timeline;	/* --timeline FILE, or NULL */
	const char *svg;	/* --svg FILE, or NULL */
	bool all;		/* repro --all */
};

/* scenario.c: a Go runtime race, its workload and its before and after */
struct scenario {
	const char *name;
	const char *issues;		/* Go issue numbers */
	const char *fix;		/* the fix's commits (Go's hashes) */
	const char *release;		/* the first Go release with the fix */
	const char *race;		/* what races, in a line or two */
	unsigned int before;		/* enum gcsched_policy: before the fix */
	unsigned int before_flags;	/* GCSCHED_CFG_* it runs with */
	const char *before_outcome;	/* what the real runtime did */
	unsigned int after[2];		/* the policies with the fix */
	int nr_after;
	const char *after_outcome;
	unsigned int nr_spinners;	/* the workload, besides the pairs */
	unsigned int nr_selects;	/* select groups, besides those */
	unsigned int after_flags;	/* GCSCHED_CFG_* the fixed runs use */
};
extern const struct scenario scenarios[];
extern const unsigned int nr_scenarios;
const struct scenario *scenario_by_name(const char *name);
void scenario_apply(const struct scenario *s, struct run_opts *o, bool before);
int cmd_scenarios(int argc, char **argv);

struct run_result {
	const char *policy;
	uint32_t state;
	double seconds;		/* to failure, or survived */
	double start_s;		/* CONFIGURE + START: creating the Gs */
	double stop_s;		/* STOP: tearing them down */
	uint32_t gc_procs;	/* the effective one, from CONFIGURE */
	bool interrupted;	/* Ctrl-C ended it, not --duration or a failure */
	struct gcsched_config cfg;	/* as CONFIGURE made it: every default filled in */
	struct gcsched_stats st;
	struct gcsched_hist hists[GCSCHED_NR_HISTS];	/* HIST, with the last STATS */
};

enum {
	OPT_POLICY = 256, OPT_THROW, OPT_PAIRS, OPT_WORKERS, OPT_DURATION, OPT_GC,
	OPT_WINDOW, OPT_NDELAY, OPT_STWSTOP, OPT_SMIN, OPT_SMAX, OPT_DEPTH,
	OPT_FRAME, OPT_SEED, OPT_JSON, OPT_WEDGE, OPT_NOVERIFY, OPT_GCTRACE,
	OPT_RUNS, OPT_TIMEOUT, OPT_GCPROCS, OPT_NMODEL, OPT_FORCED, OPT_SPINNERS, OPT_SELECTS, OPT_SELECT_DUP, OPT_CHAN_RECV, OPT_NO_TIMELINE, OPT_TIMELINE, OPT_SVG,
	OPT_SCENARIO, OPT_BEFORE_FIX, OPT_ALL, OPT_HELP,
};


/* opts.c */
#define CMD_RUN		(1U << 0)
#define CMD_REPRO	(1U << 1)
struct option;
const struct option *longopts(unsigned int cmd);
void print_options(FILE *f, unsigned int cmd);
void defaults(struct gcsched_config *c);
uint64_t need_count(const char *opt, const char *arg, uint64_t lo, uint64_t hi);
/* A numeric option that sets a CONFIGURE field, in the field's unit. */
struct knob {
	int opt;		/* OPT_* */
	const char *name;	/* "--frame-size" */
	unsigned int field;	/* GCSCHED_FIELD_*: its range, and bad_field */
	enum { KNOB_COUNT, KNOB_SIZE, KNOB_DURATION } kind;
	uint64_t unit_ns;	/* KNOB_DURATION: ns in one unit of the field */
};
const struct knob *knob_by_field(unsigned int field);
void knob_value(const struct knob *k, uint64_t v, char *buf, size_t n);
void knob_range(const struct knob *k, char *buf, size_t n);
void print_knobs(FILE *f);
uint64_t need_duration(const char *opt, const char *arg, uint64_t lo, uint64_t hi);
bool parse_common(int opt, const char *arg, struct run_opts *o);

/* dev.c */
int dev_open(void);
void get_stats(int fd, struct gcsched_stats *st);
void get_hists(int fd, struct gcsched_hist *h);
const struct gcsched_info *need_info(void);
void configure_and_start(int fd, struct gcsched_config *c,
			 const struct gcsched_info *info);
void stop_instance(int fd);

/* timeline.c: an instance's recent events, as GCSCHED_IOC_TIMELINE gives them */
#define TL_MAX		65536	/* at most 64 CPUs' rings of 1024 */
struct tl_window {
	char policy[32];
	uint32_t flags;		/* GCSCHED_TL_* */
	uint64_t total, lost;
	struct gcsched_report report;	/* kind 0: no failure */
	struct gcsched_tl_event *ev;	/* oldest first; room for TL_MAX */
	uint32_t n;
	int failing;		/* the move that broke the protocol, or -1 */
	int spin;		/* the CAS spin the report ended, or -1 */
	uint32_t *spin_end;	/* per CAS_SPIN event: where it ended (an index) */
};
int timeline_read(int fd, const struct gcsched_stats *st, const char *policy,
		  struct tl_window *w);
int timeline_json(const struct tl_window *w, const char *path);
int timeline_load(const char *path, struct tl_window *w, char *why, size_t n);
void timeline_free(struct tl_window *w);
const char *tl_actor(uint16_t actor);
const char *tl_cas_words(const struct tl_window *w, uint32_t i);
int cmd_timeline(int argc, char **argv);

/* svg.c */
int timeline_svg(const struct tl_window *w, const char *path);

/* print.c */
extern const char *const policy_names[GCSCHED_NR_POLICIES];
extern const char *const policy_descs[GCSCHED_NR_POLICIES];
extern const char *const netpoll_model_names[GCSCHED_NR_NETPOLL_MODELS];
const char *netpoll_model_of(const struct gcsched_config *c);
void list_or(char *buf, size_t n, unsigned int i, unsigned int count, const char *name);
const char *status_name(uint32_t s);
const char *actor_name(uint32_t actor, uint32_t id);
const char *state_name(uint32_t s);
const char *outcome_name(uint32_t state);
int policy_from_name(const char *s);
void fmt_ns(char *buf, size_t n, double ns);
void fmt_duration(char *buf, size_t n, uint64_t ns);
double hist_pct(const __u64 *h, double pct);
void print_report(const struct gcsched_report *r, const struct gcsched_stats *st);
void print_phases(const struct gcsched_hist *h, const struct gcsched_stats *st);
extern const char *const hist_names[GCSCHED_NR_HISTS];

/* json.c */
void json_chars(const char *v);
void json_str(const char *key, const char *v, bool comma);
void json_run(const struct run_result *r);

/* gctrace.c */
FILE *gctrace_open(void);
void gctrace_drain(FILE *f, unsigned int inst_id, double t0);
void gctrace_remove(void);

/* run.c */
int exit_status(uint32_t state);
void run_one(const struct run_opts *o, const struct gcsched_info *info,
	     bool quiet, struct run_result *res);
int cmd_run(int argc, char **argv);

/* repro.c */
int cmd_repro(int argc, char **argv);

/* info.c */
int cmd_info(int argc, char **argv);

#endif
