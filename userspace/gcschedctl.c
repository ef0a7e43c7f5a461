// SPDX-License-Identifier: GPL-2.0
/*
 * gcschedctl: drive gcsched, the simulated GC-aware scheduler that
 * reproduces Go issue 9186 (the shrinkstack-vs-netpoll wedge fixed by Go
 * commit 2b62e1e).
 *
 *   gcschedctl info                 the module's version, limits, policies
 *   gcschedctl run [options]        one instance, with progress and a report
 *   gcschedctl repro [options]      the seed's experiment, side by side
 *   gcschedctl scenarios            the catalogue of races
 *   gcschedctl timeline FILE --svg OUT   a --timeline window, drawn
 *
 * Exit status: 0 healthy, 2 wedged, 3 crashed, 1 usage or system error.
 * See gcschedctl(8). This file: the globals and the dispatch; each command
 * has a file (run.c, repro.c, info.c), and they share opts.c (options),
 * dev.c (the device), print.c (words), json.c and gctrace.c.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <getopt.h>

#include "gcschedctl.h"

const char *dev_path = DEV_PATH;
bool json;
volatile sig_atomic_t interrupted;

void die(const char *fmt, ...)
{
	va_list ap;

	fputs("gcschedctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_ERROR);
}

double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static const char usage[] =
"usage: gcschedctl [--device PATH] COMMAND [options]   (or --version)\n"
"Drive gcsched, the simulated GC-aware scheduler that reproduces Go issue\n"
"9186 (the shrinkstack-vs-netpoll wedge fixed by Go commit 2b62e1e).\n"
"\n"
"  info     the module's version, limits and policies\n"
"  run      one instance with progress, a summary and the runtime's report\n"
"  repro    the seed's experiment: buggy fails, both fixes hold\n"
"           (--scenario NAME: another race of the catalogue; --all: each)\n"
"  scenarios  the catalogue of Go runtime races gcsched reproduces\n"
"  timeline FILE --svg OUT.svg  draw a window that --timeline wrote\n"
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
	if (strcmp(cmd, "info") && strcmp(cmd, "run") && strcmp(cmd, "repro") &&
	    strcmp(cmd, "scenarios") && strcmp(cmd, "timeline")) {
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
	if (!strcmp(cmd, "scenarios"))
		return cmd_scenarios(argc, argv);
	if (!strcmp(cmd, "timeline"))
		return cmd_timeline(argc, argv);
	return cmd_repro(argc, argv);
}
