// SPDX-License-Identifier: GPL-2.0
/*
 * gcschedctl: drive gcsched, the simulated GC-aware scheduler that
 * reproduces Go issue 9186 (the shrinkstack-vs-netpoll wedge fixed by Go
 * commit 2b62e1e).
 *
 *   gcschedctl info                 the module's version, limits, policies
 *   gcschedctl run [options]        one instance, with progress and a report
 *   gcschedctl repro [options]      the seed's experiment, side by side
 *
 * Exit status: 0 healthy, 2 wedged, 3 crashed, 1 usage or system error.
 * See gcschedctl(8).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
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

static const char *dev_path = DEV_PATH;
static bool json;
static volatile sig_atomic_t interrupted;

static const char *const policy_names[GCSCHED_NR_POLICIES] = {
	[GCSCHED_POLICY_MODERN] = "modern",
	[GCSCHED_POLICY_GO14_BUGGY] = "go1.4-buggy",
	[GCSCHED_POLICY_GO14_FIXED] = "go1.4-fixed",
};

static const char *const state_names[] = {
	[GCSCHED_STATE_IDLE] = "idle",
	[GCSCHED_STATE_RUNNING] = "running",
	[GCSCHED_STATE_STOPPED] = "stopped",
	[GCSCHED_STATE_WEDGED] = "wedged",
	[GCSCHED_STATE_CRASHED] = "crashed",
};

static const char *const actor_names[] = {
	[GCSCHED_ACTOR_NONE] = "nobody",
	[GCSCHED_ACTOR_WORKER] = "M",
	[GCSCHED_ACTOR_NETPOLL] = "the netpoller",
	[GCSCHED_ACTOR_GC] = "the GC",
	[GCSCHED_ACTOR_SETUP] = "START",
};

static void __attribute__((noreturn, format(printf, 1, 2))) die(const char *fmt, ...)
{
	va_list ap;

	fputs("gcschedctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_ERROR);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- names and numbers -------------------------------------------------- */

static const char *status_name(uint32_t s)
{
	static char buf[8][24];
	static int n;
	static const char *const base[] = {
		"Gidle", "Grunnable", "Grunning", "Gsyscall", "Gwaiting",
		"G5", "Gdead", "G7", "Gcopystack", "Gpreempted",
	};
	char *b = buf[n++ % 8];
	uint32_t v = s & ~GCSCHED_GSCAN;

	if (v >= 10) {
		snprintf(b, sizeof(buf[0]), "%#x", s);
		return b;
	}
	if (s & GCSCHED_GSCAN)
		snprintf(b, sizeof(buf[0]), "Gscan%s", base[v] + 1);
	else
		snprintf(b, sizeof(buf[0]), "%s", base[v]);
	return b;
}

static const char *actor_name(uint32_t actor, uint32_t id)
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

static const char *state_name(uint32_t s)
{
	return s < sizeof(state_names) / sizeof(state_names[0]) ? state_names[s] : "?";
}

/* How a run ended: a run still running at its end survived. */
static const char *outcome_name(uint32_t state)
{
	return state == GCSCHED_STATE_RUNNING ? "survived" : state_name(state);
}

static int policy_from_name(const char *s)
{
	for (int i = 0; i < GCSCHED_NR_POLICIES; i++)
		if (!strcmp(s, policy_names[i]))
			return i;
	return -1;
}

static void fmt_ns(char *buf, size_t n, double ns)
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

/* ---- histograms ---------------------------------------------------------- */

/* The smallest value of a log-linear bucket (see gcsched_hist_bucket()). */
static double bucket_lo(int b)
{
	int octave, sub;

	if (b < GCSCHED_HIST_SUB)
		return b;
	octave = b / GCSCHED_HIST_SUB + 2;	/* the msb */
	sub = b % GCSCHED_HIST_SUB;
	return ldexp(GCSCHED_HIST_SUB + sub, octave - 3);
}

/* A percentile, as the midpoint of its bucket; 0 without samples. */
static double hist_pct(const __u64 *h, double pct)
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
			return (bucket_lo(b) + bucket_lo(b + 1)) / 2;
	}
	return bucket_lo(GCSCHED_HIST_BUCKETS - 1);
}

/* ---- the device -------------------------------------------------------- */

static int dev_open(void)
{
	int fd = open(dev_path, O_RDWR | O_CLOEXEC);

	if (fd >= 0)
		return fd;
	switch (errno) {
	case ENOENT:
		if (strcmp(dev_path, DEV_PATH))
			die("%s: no such file (--device names gcsched's device node, %s)",
			    dev_path, DEV_PATH);
		die("the gcsched module is not loaded (no %s): modprobe gcsched, after make install",
		    dev_path);
	case ENXIO:
	case ENODEV:
		die("%s: no device behind this node: is the gcsched module loaded? (modprobe gcsched)",
		    dev_path);
	case EACCES:
	case EPERM:
		die("%s is root's alone (mode 0600): run gcschedctl as root", dev_path);
	case EMFILE:
		die("too many gcsched instances are open (module parameter max_instances); close one, or reload the module with a larger max_instances=");
	default:
		die("cannot open %s: %s", dev_path, strerror(errno));
	}
	return -1;
}

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

static struct gcsched_info get_info(int fd)
{
	struct gcsched_info info = { .size = sizeof(info) };
	int err = xioctl(fd, GCSCHED_IOC_INFO, &info);

	if (err == -ENOTTY || err == -EINVAL)
		die("%s is not gcsched's device: INFO is not a command it knows (%s)",
		    dev_path, strerror(-err));
	if (err)
		die("INFO failed: %s", strerror(-err));
	return info;
}

static void get_stats(int fd, struct gcsched_stats *st)
{
	int err;

	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	err = xioctl(fd, GCSCHED_IOC_STATS, st);
	if (err)
		die("STATS failed: %s", strerror(-err));
}

/* INFO, read once the command line has been checked. */
static const struct gcsched_info *need_info(void)
{
	static struct gcsched_info info;
	int fd;

	if (info.size)
		return &info;
	fd = dev_open();
	info = get_info(fd);
	close(fd);
	if (info.abi_version != GCSCHED_ABI_VERSION)
		die("the module speaks ABI %u, this gcschedctl ABI %u: rebuild one to match the other",
		    info.abi_version, GCSCHED_ABI_VERSION);
	return &info;
}

/* ---- configuration and what the module says of it ----------------------- */

struct run_opts {
	struct gcsched_config cfg;
	uint64_t duration_ns;	/* 0: until it fails */
	bool gctrace;
};

/* The sentence for a rejected CONFIGURE: which option, why, what to do. */
static void explain_config(int err, const struct gcsched_config *c,
			   const struct gcsched_info *info)
{
	const char *why = strerror(err);

	switch (c->bad_field) {
	case GCSCHED_FIELD_POLICY:
		die("--policy %u is not a policy: use modern, go1.4-buggy or go1.4-fixed", c->policy);
	case GCSCHED_FIELD_FLAGS:
		die("unknown flags %#x: this module knows %#x; update gcschedctl or the module",
		    c->flags, GCSCHED_CFG_ALL);
	case GCSCHED_FIELD_NR_WORKERS:
		die("--workers %u is more than %u: lower --workers", c->nr_workers, info->max_workers);
	case GCSCHED_FIELD_NR_PAIRS:
		if ((uint64_t)c->nr_pairs * 2 > info->max_tasks)
			die("--pairs %u exceeds max_tasks (%u tasks, 2 per pair); lower --pairs or load the module with max_tasks=%llu",
			    c->nr_pairs, info->max_tasks, (unsigned long long)c->nr_pairs * 2);
		if ((uint64_t)c->nr_pairs * 2 * c->stack_min > (uint64_t)info->max_stack_mib << 20)
			die("--pairs %u with --stack-min %u needs %llu MiB of stacks, over max_stack_mib (%u); lower --pairs or --stack-min, or load the module with a larger max_stack_mib=",
			    c->nr_pairs, c->stack_min,
			    (unsigned long long)c->nr_pairs * 2 * c->stack_min >> 20, info->max_stack_mib);
		die("--pairs %u with --stack-min %u and %u workers needs more than the module's whole memory budget (max_mem_mib %u); lower --pairs, --stack-min or --workers, or load the module with a larger max_mem_mib=",
		    c->nr_pairs, c->stack_min, c->nr_workers, info->max_mem_mib);
	case GCSCHED_FIELD_STACK_MIN:
		die("--stack-min %u: %s; it must be a power of two from 512 to --stack-max (%u)",
		    c->stack_min, err == EINVAL ? "not a power of two" : "out of range", c->stack_max);
	case GCSCHED_FIELD_STACK_MAX:
		die("--stack-max %u: %s; it must be a power of two up to 64 MiB",
		    c->stack_max, err == EINVAL ? "not a power of two" : "out of range");
	case GCSCHED_FIELD_BIGSTACK_DEPTH:
		die("--depth %u frames of %u bytes do not fit in --stack-max %u; lower --depth or raise --stack-max",
		    c->bigstack_depth, c->frame_size, c->stack_max);
	case GCSCHED_FIELD_FRAME_SIZE:
		die("--frame-size %u: use a multiple of 8 from 32 to 4096", c->frame_size);
	case GCSCHED_FIELD_WEDGE_TIMEOUT_MS:
		die("--wedge-timeout %ums: use 1ms to 10s", c->wedge_timeout_ms);
	case GCSCHED_FIELD_GC_MODE:
		die("--gc: use continuous, manual or an interval such as 10ms");
	case GCSCHED_FIELD_GC_INTERVAL_US:
		die("--gc interval %uus: use 1us to 10s", c->gc_interval_us);
	case GCSCHED_FIELD_NETPOLL_DELAY_NS:
		die("--netpoll-delay %lluns: use 0 to 10ms", (unsigned long long)c->netpoll_delay_ns);
	case GCSCHED_FIELD_RACE_WINDOW_NS:
		die("--race-window %lluns: use 0 to 1ms", (unsigned long long)c->race_window_ns);
	case GCSCHED_FIELD_GC_PROCS:
		die("--gc-procs %u is more than the %u worker Ms: lower --gc-procs or raise --workers",
		    c->gc_procs, c->nr_workers);
	default:
		break;
	}
	switch (err) {
	case EBUSY:
		die("the instance is running: STOP it first");
	case EDEADLK:
		die("the instance is wedged: only STATS and STOP work on it now");
	case ENOTRECOVERABLE:
		die("the instance crashed: only STATS and STOP work on it now");
	default:
		die("CONFIGURE failed: %s", why);
	}
}

static void configure_and_start(int fd, struct gcsched_config *c,
				const struct gcsched_info *info)
{
	struct gcsched_start s = { .size = sizeof(s) };
	int err;

	err = xioctl(fd, GCSCHED_IOC_CONFIGURE, c);
	if (err)
		explain_config(-err, c, info);
	err = xioctl(fd, GCSCHED_IOC_START, &s);
	if (err == -ENOMEM)
		die("START: out of memory for %u Gs and their stacks; lower --pairs or --stack-min",
		    c->nr_pairs * 2);
	if (err == -ENOSPC)
		die("START: other gcsched instances hold too much of the module's memory budget (max_mem_mib %u) for %u more Gs; stop one, lower --pairs, or load the module with a larger max_mem_mib=",
		    info->max_mem_mib, c->nr_pairs * 2);
	if (err)
		die("START failed: %s", strerror(-err));
}

static void stop_instance(int fd)
{
	struct gcsched_start s = { .size = sizeof(s) };
	int err = xioctl(fd, GCSCHED_IOC_STOP, &s);

	if (err)
		die("STOP failed: %s", strerror(-err));
}

/* ---- one run ------------------------------------------------------------- */

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
};

static int exit_status(uint32_t state)
{
	if (state == GCSCHED_STATE_WEDGED)
		return EXIT_WEDGED;
	if (state == GCSCHED_STATE_CRASHED)
		return EXIT_CRASHED;
	return EXIT_HEALTHY;
}

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
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
 * Go's gctrace, one line per cycle, from the module's stw_done event in a
 * tracefs instance of our own (instances/gcschedctl-PID): the global
 * buffer is left to its other readers. The event is enabled before START
 * and the instance removed at exit, whatever the way out.
 */
static char gctrace_dir[128];
static FILE *gctrace_pipe;

static void gctrace_remove(void)
{
	char path[192];
	FILE *f;

	if (!gctrace_dir[0])
		return;
	if (gctrace_pipe)
		fclose(gctrace_pipe);
	gctrace_pipe = NULL;
	snprintf(path, sizeof(path), "%s/events/gcsched/gcsched_stw_done/enable", gctrace_dir);
	f = fopen(path, "w");
	if (f) {
		fputs("0", f);
		fclose(f);
	}
	rmdir(gctrace_dir);
	gctrace_dir[0] = 0;
}

static FILE *gctrace_open(void)
{
	static const char *const base[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
	char path[192];
	FILE *f;

	for (size_t i = 0; i < 2; i++) {
		snprintf(gctrace_dir, sizeof(gctrace_dir), "%s/instances/gcschedctl-%d",
			 base[i], (int)getpid());
		if (mkdir(gctrace_dir, 0700) && errno != EEXIST)
			continue;
		atexit(gctrace_remove);
		snprintf(path, sizeof(path), "%s/events/gcsched/gcsched_stw_done/enable",
			 gctrace_dir);
		f = fopen(path, "w");
		if (!f || fputs("1", f) < 0 || fclose(f)) {
			gctrace_remove();
			die("--gctrace: no gcsched events in tracefs (is the module loaded?)");
		}
		snprintf(path, sizeof(path), "%s/trace_pipe", gctrace_dir);
		gctrace_pipe = fopen(path, "r");
		/* non-blocking: drain reads what is there, through stdio's buffer */
		if (gctrace_pipe &&
		    !fcntl(fileno(gctrace_pipe), F_SETFL, O_NONBLOCK))
			return gctrace_pipe;
		gctrace_remove();
	}
	gctrace_dir[0] = 0;
	die("--gctrace needs tracefs (mount -t tracefs tracefs /sys/kernel/tracing)");
	return NULL;
}

/*
 * The trace clock counts from boot, as CLOCK_MONOTONIC does in practice:
 * @t0 (the START, on CLOCK_MONOTONIC) turns its stamps into Go's "@Ns since
 * the program started", to a few microseconds.
 */
static void gctrace_drain(FILE *f, unsigned int inst_id, double t0)
{
	char line[512];

	/*
	 * Not poll() on the fd and then fgets(): stdio reads ahead, and what
	 * it holds the fd no longer shows. The fd is non-blocking instead;
	 * fgets() returns NULL (EAGAIN) once the pipe is empty.
	 */
	while (fgets(line, sizeof(line), f)) {
		unsigned int id, workers, scanned, shrunk;
		unsigned long long cycle, pause, copied, wakeups;
		char *p = strstr(line, " gcsched_stw_done: "), *ts;

		if (!p || sscanf(p, " gcsched_stw_done: inst=%u cycle=%llu workers=%u pause_ns=%llu scanned=%u shrunk=%u copied=%llu wakeups_stw=%llu",
				 &id, &cycle, &workers, &pause, &scanned, &shrunk, &copied, &wakeups) != 8 ||
		    id != inst_id)
			continue;
		/* "... [001] ..... 12.345678: gcsched_stw_done: ..." */
		*p = 0;
		ts = strrchr(line, ' ');
		if (!ts || strtod(ts + 1, NULL) < t0)
			continue;	/* an earlier instance of the same id */
		printf("gc %llu @%.3fs %.3f ms STW, %u Gs scanned, %u stacks shrunk, %llu B copied, %llu wakeups during STW, %u Ms\n",
		       cycle, strtod(ts + 1, NULL) - t0, pause / 1e6, scanned, shrunk, copied, wakeups, workers);
	}
	clearerr(f);
}

static void print_report(const struct gcsched_report *r, const struct gcsched_stats *st)
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
	else
		printf("runtime: wedged: %s\n\n", r->msg);
	if (r->kind != GCSCHED_REPORT_STW_STALL) {
		printf("goroutine %u [%s]:\n", r->goid, status_name(r->observed) + 1);
		printf("\t%s by %s expected %s, found %s\n", r->func,
		       actor_name(r->actor, r->actor_id), status_name(r->expected),
		       status_name(r->observed));
		printf("\tlast status change: %s -> %s by %s, %s before\n",
		       status_name(r->last_from), status_name(r->last_to),
		       actor_name(r->last_actor, r->last_actor_id), ago);
	}
	printf("\tGC cycle %llu, %.3f s after start (%llu cycles completed)\n",
	       (unsigned long long)r->gc_cycle, r->since_start_ns / 1e9,
	       (unsigned long long)st->gc_cycles);
}

/*
 * Configure, start, watch until the duration or a failure (poll on
 * EPOLLPRI), stop. Progress goes to stdout once a second unless quiet.
 */
static void run_one(const struct run_opts *o, const struct gcsched_info *info,
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
	if (trace) {
		gctrace_drain(trace, res->st.instance_id, t0_run);
		gctrace_remove();
	}
	close(fd);
}

/* ---- JSON ---------------------------------------------------------------- */

static unsigned long long transitions_total(const struct gcsched_stats *st)
{
	unsigned long long n = 0;

	for (int i = 0; i < GCSCHED_NR_SLOTS; i++)
		for (int j = 0; j < GCSCHED_NR_SLOTS; j++)
			n += st->transitions[i][j];
	return n;
}

/* A string's characters, escaped for JSON. */
static void json_chars(const char *v)
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

static void json_str(const char *key, const char *v, bool comma)
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
	printf("\"throw_check\": %s, \"netpoll_stw_stop\": %s, \"verify\": %s, ",
	       c->flags & GCSCHED_CFG_THROW_CHECK ? "true" : "false",
	       c->flags & GCSCHED_CFG_NETPOLL_STW_STOP ? "true" : "false",
	       c->flags & GCSCHED_CFG_NO_VERIFY ? "false" : "true");
	json_str("gc_mode", c->gc_mode == GCSCHED_GC_MANUAL ? "manual" :
		 c->gc_mode == GCSCHED_GC_INTERVAL ? "interval" : "continuous", true);
#define X(f, F, lo, hi, d) printf("\"%s\": %llu, ", #f, (unsigned long long)c->f);
	GCSCHED_CONFIG_RANGES(X)
#undef X
	printf("\"seed\": %llu}, ", (unsigned long long)c->seed);
}

static void json_run(const struct run_result *r)
{
	const struct gcsched_stats *st = &r->st;
	const struct gcsched_report *rep = &st->report;
	static const char *const kinds[] = { "none", "wedge", "throw", "stw-stall" };

	printf("{");
	json_str("policy", r->policy, true);
	json_str("version", GCSCHED_VERSION, true);
	json_str("outcome", r->interrupted ? "interrupted" : outcome_name(r->state), true);
	printf("\"seconds\": %.3f, ", r->seconds);
	printf("\"start_ms\": %.1f, \"stop_ms\": %.1f, ", r->start_s * 1e3, r->stop_s * 1e3);
	printf("\"gc_cycles\": %llu, ", (unsigned long long)st->gc_cycles);
	printf("\"cycles_per_second\": %.1f, ", r->seconds > 0 ? st->gc_cycles / r->seconds : 0);
	printf("\"pause_ns\": {\"p50\": %.0f, \"p99\": %.0f, \"max\": %llu, \"total\": %llu}, ",
	       hist_pct(st->pause_hist, 50), hist_pct(st->pause_hist, 99),
	       (unsigned long long)st->pause_max_ns, (unsigned long long)st->pause_total_ns);
	printf("\"nr_gs\": %u, \"nr_workers\": %u, \"gc_procs\": %u, ",
	       st->nr_gs, st->nr_workers, r->gc_procs);
	printf("\"netpoll_wakeups\": %llu, \"netpoll_wakeups_stw\": %llu, ",
	       (unsigned long long)st->netpoll_wakeups, (unsigned long long)st->netpoll_wakeups_stw);
	printf("\"steps\": %llu, \"messages\": %llu, \"transitions\": %llu, ",
	       (unsigned long long)st->steps, (unsigned long long)st->messages,
	       transitions_total(st));
	printf("\"stack_grows\": %llu, \"stack_shrinks\": %llu, \"stack_bytes_copied\": %llu, ",
	       (unsigned long long)st->stack_grows, (unsigned long long)st->stack_shrinks,
	       (unsigned long long)st->stack_bytes_copied);
	printf("\"spins\": %llu, \"spin_max_ns\": %llu, ", (unsigned long long)st->spins,
	       (unsigned long long)st->spin_max_ns);
	printf("\"verifications\": %llu, \"verify_failures\": %llu, \"illegal_transitions\": %llu, ",
	       (unsigned long long)st->verifications, (unsigned long long)st->verify_failures,
	       (unsigned long long)st->illegal_transitions);
	json_config(&r->cfg);
	printf("\"report\": {");
	json_str("kind", kinds[rep->kind < 4 ? rep->kind : 0], true);
	json_str("message", (const char *)rep->msg, true);
	json_str("function", (const char *)rep->func, true);
	printf("\"goid\": %u, ", rep->goid);
	json_str("expected", status_name(rep->expected), true);
	json_str("observed", status_name(rep->observed), true);
	json_str("actor", actor_name(rep->actor, rep->actor_id), true);
	json_str("last_writer", actor_name(rep->last_actor, rep->last_actor_id), true);
	json_str("last_from", status_name(rep->last_from), true);
	json_str("last_to", status_name(rep->last_to), true);
	printf("\"spin_ns\": %llu, \"gc_cycle\": %llu, \"since_start_ns\": %llu}}",
	       (unsigned long long)rep->spin_ns, (unsigned long long)rep->gc_cycle,
	       (unsigned long long)rep->since_start_ns);
}

/* ---- subcommands ---------------------------------------------------------- */

static void defaults(struct gcsched_config *c)
{
	memset(c, 0, sizeof(*c));
	c->size = sizeof(*c);
	c->policy = GCSCHED_POLICY_MODERN;
	c->seed = 1;
}

enum {
	OPT_POLICY = 256, OPT_THROW, OPT_PAIRS, OPT_WORKERS, OPT_DURATION, OPT_GC,
	OPT_WINDOW, OPT_NDELAY, OPT_STWSTOP, OPT_SMIN, OPT_SMAX, OPT_DEPTH,
	OPT_FRAME, OPT_SEED, OPT_JSON, OPT_WEDGE, OPT_NOVERIFY, OPT_GCTRACE,
	OPT_RUNS, OPT_TIMEOUT, OPT_GCPROCS, OPT_HELP,
};

static const struct option run_longopts[] = {
	{ "policy", required_argument, NULL, OPT_POLICY },
	{ "throw-check", no_argument, NULL, OPT_THROW },
	{ "pairs", required_argument, NULL, OPT_PAIRS },
	{ "workers", required_argument, NULL, OPT_WORKERS },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "gc", required_argument, NULL, OPT_GC },
	{ "gc-procs", required_argument, NULL, OPT_GCPROCS },
	{ "race-window", required_argument, NULL, OPT_WINDOW },
	{ "netpoll-delay", required_argument, NULL, OPT_NDELAY },
	{ "netpoll-stw-stop", no_argument, NULL, OPT_STWSTOP },
	{ "stack-min", required_argument, NULL, OPT_SMIN },
	{ "stack-max", required_argument, NULL, OPT_SMAX },
	{ "depth", required_argument, NULL, OPT_DEPTH },
	{ "frame-size", required_argument, NULL, OPT_FRAME },
	{ "wedge-timeout", required_argument, NULL, OPT_WEDGE },
	{ "no-verify", no_argument, NULL, OPT_NOVERIFY },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "gctrace", no_argument, NULL, OPT_GCTRACE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

static const char run_usage[] =
"usage: gcschedctl run [options]\n"
"Configure and start one runtime instance, show its progress once a second,\n"
"stop at --duration or as soon as it wedges or crashes, and print a summary\n"
"and the runtime's report. Exit status: 0 healthy, 2 wedged, 3 crashed.\n"
"\n"
"  --policy P            modern (default), go1.4-buggy or go1.4-fixed\n"
"  --throw-check         casgstatus throws instead of spinning (Go 2b62e1e)\n"
"  --pairs N             connection pairs, two Gs each (100)\n"
"  --workers N           worker Ms (online CPUs)\n"
"  --duration D          how long, e.g. 30s, 2m (default: until it fails)\n"
"  --gc MODE             continuous (default), manual, or an interval: 10ms\n"
"  --gc-procs N          threads that scan and shrink in a stop (default 1,\n"
"                        the collector alone; Go 1.4 used GOMAXPROCS)\n"
"  --race-window D       delay between status read and CAS, 0 to 1ms\n"
"                        (0: the natural race; e.g. 20us)\n"
"  --netpoll-delay D     network latency of a message, up to 10ms (4ms)\n"
"  --netpoll-stw-stop    stop the netpoller with the world (hides the bug)\n"
"  --stack-min B         smallest stack (2K)    --stack-max B   largest (1M)\n"
"  --depth N             bigstack() frames (1000)  --frame-size B  (128)\n"
"  --wedge-timeout D     how long a spin may last before it is a wedge (1s)\n"
"  --no-verify           do not verify stacks    --seed S   workload seed\n"
"  --gctrace             print one line per GC cycle, from the tracepoints\n"
"  --json                one JSON document on stdout instead\n";

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

static uint64_t need_count(const char *opt, const char *arg, uint64_t lo, uint64_t hi)
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
static uint64_t need_duration(const char *opt, const char *arg, uint64_t lo, uint64_t hi)
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
static bool parse_common(int opt, const char *arg, struct run_opts *o)
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
	print_report(&st->report, st);
}

static int cmd_run(int argc, char **argv)
{
	const struct gcsched_info *info;
	struct run_opts o = {};
	struct run_result r;
	int opt;

	defaults(&o.cfg);
	while ((opt = getopt_long(argc, argv, "h", run_longopts, NULL)) != -1) {
		if (opt == 'h' || opt == OPT_HELP) {
			fputs(run_usage, stdout);
			return EXIT_HEALTHY;
		}
		if (!parse_common(opt, optarg, &o) || opt == OPT_RUNS || opt == OPT_TIMEOUT) {
			fputs(run_usage, stderr);
			return EXIT_ERROR;
		}
	}
	if (optind < argc)
		die("run: unexpected argument '%s' (see gcschedctl run --help)", argv[optind]);
	if (json && o.gctrace)
		die("run: --gctrace prints a line per cycle and --json one document: choose one");
	info = need_info();
	if (!json)
		printf("gcsched: %s%s, %u pairs, %u Ms, race window %lluns%s; Ctrl-C stops\n",
		       policy_names[o.cfg.policy],
		       o.cfg.flags & GCSCHED_CFG_THROW_CHECK ? " + throw check" : "",
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

static const char repro_usage[] =
"usage: gcschedctl repro [--runs N] [--timeout D] [--duration D] [--json]\n"
"The seed's experiment (Go commit 2b62e1e): go1.4-buggy with the throw check\n"
"until it fails (at most --timeout, default 120s), --runs times (default 1);\n"
"then go1.4-fixed and modern for --duration each (default 10s). All with the\n"
"seed's workload: 100 pairs, 1000-frame bigstack, continuous GC, the natural\n"
"race. Ends with a side-by-side table. These options of run apply to all\n"
"three: --pairs, --workers, --gc-procs, --race-window, --netpoll-delay,\n"
"--depth, --seed (see gcschedctl run --help); the others of run do not.\n";

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

static int cmd_repro(int argc, char **argv)
{
	const struct gcsched_info *info;
	struct run_opts o = {};
	uint64_t timeout_ns = 120000000000ULL, duration_ns = 10000000000ULL;
	struct run_result *buggy, fixed, modern;
	struct ttf *ttf;
	int runs = 1, opt, failed = 0, i, status;

	defaults(&o.cfg);
	while ((opt = getopt_long(argc, argv, "h", (const struct option[]){
			{ "runs", required_argument, NULL, OPT_RUNS },
			{ "timeout", required_argument, NULL, OPT_TIMEOUT },
			{ "duration", required_argument, NULL, OPT_DURATION },
			{ "pairs", required_argument, NULL, OPT_PAIRS },
			{ "workers", required_argument, NULL, OPT_WORKERS },
			{ "gc-procs", required_argument, NULL, OPT_GCPROCS },
			{ "race-window", required_argument, NULL, OPT_WINDOW },
			{ "netpoll-delay", required_argument, NULL, OPT_NDELAY },
			{ "depth", required_argument, NULL, OPT_DEPTH },
			{ "seed", required_argument, NULL, OPT_SEED },
			{ "json", no_argument, NULL, OPT_JSON },
			{ "help", no_argument, NULL, OPT_HELP },
			{ NULL, 0, NULL, 0 } }, NULL)) != -1) {
		switch (opt) {
		case 'h':
		case OPT_HELP:
			fputs(repro_usage, stdout);
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
		printf("gcsched repro: the seed of Go commit 2b62e1e, %u pairs, %u Ms, natural race%s\n\n",
		       o.cfg.nr_pairs ? o.cfg.nr_pairs : 100,
		       o.cfg.nr_workers ? o.cfg.nr_workers : info->online_cpus,
		       o.cfg.race_window_ns ? " widened" : "");
	for (i = 0; i < runs && !interrupted; i++) {
		struct run_opts b = o;

		b.cfg.policy = GCSCHED_POLICY_GO14_BUGGY;
		b.cfg.flags |= GCSCHED_CFG_THROW_CHECK;
		b.cfg.seed = o.cfg.seed + i;
		b.duration_ns = timeout_ns;
		if (!json) {
			printf("go1.4-buggy + throw check, run %d/%d: until it fails (at most %.0f s)\n",
			       i + 1, runs, timeout_ns / 1e9);
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
		printf("\nmodern (shrink under Gscan) for %.0f s\n", duration_ns / 1e9);
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
		for (i = 0; i < runs && i < 1; i++)
			table_row(&buggy[i]);
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

static int cmd_info(int argc, char **argv)
{
	const struct gcsched_info *info;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			puts("usage: gcschedctl info [--json]\nThe module's version, ABI, limits and policies.");
			return EXIT_HEALTHY;
		} else {
			die("info: unknown option '%s' (see gcschedctl info --help)", argv[i]);
		}
	}
	info = need_info();
	if (json) {
		/* The module's strings are escaped: they are not ours. */
		char name[sizeof(info->module_version)];

		printf("{");
		json_str("version", GCSCHED_VERSION, true);
		memcpy(name, info->module_version, sizeof(name));
		name[sizeof(name) - 1] = 0;
		json_str("module_version", name, true);
		printf("\"abi_version\": %u, \"max_tasks\": %u, \"max_stack_mib\": %u, \"max_instances\": %u, \"max_workers\": %u, \"online_cpus\": %u, \"max_mem_mib\": %u, \"policies\": [",
		       info->abi_version, info->max_tasks,
		       info->max_stack_mib, info->max_instances, info->max_workers,
		       info->online_cpus, info->max_mem_mib);
		for (uint32_t i = 0; i < info->nr_policies && i < GCSCHED_NR_POLICIES; i++) {
			char p[sizeof(info->policy_names[i]) + 1];

			memcpy(p, info->policy_names[i], sizeof(info->policy_names[i]));
			p[sizeof(p) - 1] = 0;
			printf("%s\"", i ? ", " : "");
			json_chars(p);
			printf("\"");
		}
		printf("]}\n");
		return EXIT_HEALTHY;
	}
	printf("gcsched %s, ABI %u\n", info->module_version, info->abi_version);
	printf("limits: max_tasks %u Gs, max_stack_mib %u MiB, max_instances %u, max_workers %u\n",
	       info->max_tasks, info->max_stack_mib, info->max_instances, info->max_workers);
	printf("online CPUs (default workers): %u\n", info->online_cpus);
	printf("policies:");
	for (uint32_t i = 0; i < info->nr_policies && i < 4; i++)
		printf(" %s", info->policy_names[i]);
	printf("\n");
	return EXIT_HEALTHY;
}

static const char usage[] =
"usage: gcschedctl [--device PATH] COMMAND [options]   (or --version)\n"
"Drive gcsched, the simulated GC-aware scheduler that reproduces Go issue\n"
"9186 (the shrinkstack-vs-netpoll wedge fixed by Go commit 2b62e1e).\n"
"\n"
"  info     the module's version, limits and policies\n"
"  run      one instance with progress, a summary and the runtime's report\n"
"  repro    the seed's experiment: buggy fails, both fixes hold\n"
"\n"
"'gcschedctl COMMAND --help' for each; man gcschedctl for all.\n"
"Exit status: 0 healthy, 2 wedged, 3 crashed, 1 usage or system error,\n"
"130 interrupted (Ctrl-C).\n";

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_sigint };
	const char *cmd;

	while (argc > 1 && argv[1][0] == '-') {
		if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
			fputs(usage, stdout);
			return EXIT_HEALTHY;
		}
		if (!strcmp(argv[1], "--version")) {
			printf("gcschedctl %s, ABI %u\n", GCSCHED_VERSION, GCSCHED_ABI_VERSION);
			return EXIT_HEALTHY;
		}
		if (!strncmp(argv[1], "--device=", 9)) {
			dev_path = argv[1] + 9;
			argc--;
			argv++;
			continue;
		}
		if (!strcmp(argv[1], "--device")) {
			if (argc < 3)
				die("--device needs a path, e.g. --device %s", DEV_PATH);
			dev_path = argv[2];
			argc -= 2;
			argv += 2;
			continue;
		}
		fprintf(stderr, "gcschedctl: unknown option '%s'\n%s", argv[1], usage);
		return EXIT_ERROR;
	}
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_ERROR;
	}
	cmd = argv[1];
	if (strcmp(cmd, "info") && strcmp(cmd, "run") && strcmp(cmd, "repro")) {
		fprintf(stderr, "gcschedctl: unknown command '%s'\n%s", cmd, usage);
		return EXIT_ERROR;
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	argc--;
	argv++;
	optind = 1;
	if (!strcmp(cmd, "info"))
		return cmd_info(argc, argv);
	if (!strcmp(cmd, "run"))
		return cmd_run(argc, argv);
	return cmd_repro(argc, argv);
}
