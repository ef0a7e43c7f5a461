// SPDX-License-Identifier: GPL-2.0
/*
 * --gctrace: Go's gctrace lines, from the module's gcsched_stw_done event.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gcschedctl.h"

/*
 * Go's gctrace, one line per cycle, from the module's stw_done event in a
 * tracefs instance of our own (instances/gcschedctl-PID): the global
 * buffer is left to its other readers. The event is enabled before START
 * and the instance removed at exit, whatever the way out.
 */
static char gctrace_dir[128];
static FILE *gctrace_pipe;

void gctrace_remove(void)
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

FILE *gctrace_open(void)
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
void gctrace_drain(FILE *f, unsigned int inst_id, double t0)
{
	char line[512];

	/*
	 * Not poll() on the fd and then fgets(): stdio reads ahead, and what
	 * it holds the fd no longer shows. The fd is non-blocking instead;
	 * fgets() returns NULL (EAGAIN) once the pipe is empty.
	 */
	while (fgets(line, sizeof(line), f)) {
		unsigned int id, workers, scanned, shrunk, scanned_stw;
		unsigned long long cycle, pause, copied, wakeups, stop, scan, shrink, start;
		unsigned long long stw1, mark, stw2;
		char *p = strstr(line, " gcsched_stw_done: "), *ts;
		char outcome[16] = "ok", how[32] = "";
		double at;

		/*
		 * A module before the concurrent mark has 12 fields only, one
		 * before 2026-12-03 no outcome.
		 */
		stw1 = mark = stw2 = 0;
		scanned_stw = 0;

		if (!p || sscanf(p, " gcsched_stw_done: inst=%u cycle=%llu workers=%u pause_ns=%llu scanned=%u shrunk=%u copied=%llu wakeups_stw=%llu stop_ns=%llu scan_ns=%llu shrink_ns=%llu start_ns=%llu stw1_ns=%llu mark_ns=%llu stw2_ns=%llu scanned_stw=%u outcome=%15s",
				 &id, &cycle, &workers, &pause, &scanned, &shrunk, &copied, &wakeups,
				 &stop, &scan, &shrink, &start, &stw1, &mark, &stw2,
				 &scanned_stw, outcome) < 12 ||
		    id != inst_id)
			continue;
		/* "... [001] ..... 12.345678: gcsched_stw_done: ..." */
		*p = 0;
		ts = strrchr(line, ' ');
		if (!ts || strtod(ts + 1, NULL) < t0)
			continue;	/* an earlier instance of the same id */
		at = strtod(ts + 1, NULL) - t0;
		/* Go never prints a cycle it did not finish; gcsched says so */
		if (!strcmp(outcome, "aborted")) {
			printf("gc %llu @%.3fs: aborted: the run stopped during the cycle (%u Gs scanned)\n",
			       cycle, at, scanned);
			continue;
		}
		if (strcmp(outcome, "ok"))
			snprintf(how, sizeof(how), " (%s)", outcome);
		if (mark || stw2) {
			/*
			 * A concurrent cycle, with Go's clock fields since 1.5
			 * (src/runtime/mgc.go, gcMarkTermination): STW sweep
			 * termination + concurrent mark + STW mark termination.
			 */
			printf("gc %llu @%.3fs: %.3f+%.3f+%.3f ms clock, %u Gs scanned (%u while stopped), %u shrunk, %llu B copied, %llu wakeups during STW, %u Ms%s\n",
			       cycle, at, stw1 / 1e6, mark / 1e6, stw2 / 1e6, scanned,
			       scanned_stw, shrunk, copied, wakeups, workers, how);
			continue;
		}
		/* One stop, by phase: Go 1.4's mark is inside it */
		printf("gc %llu @%.3fs: %.3f+%.3f+%.3f ms stop+scan+start (shrink %.3f ms), %u Gs scanned, %u shrunk, %llu B copied, %llu wakeups during STW, %u Ms%s\n",
		       cycle, at, stop / 1e6, scan / 1e6, start / 1e6,
		       shrink / 1e6, scanned, shrunk, copied, wakeups, workers, how);
	}
	clearerr(f);
}
