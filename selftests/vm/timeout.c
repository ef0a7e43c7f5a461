// SPDX-License-Identifier: GPL-2.0
/*
 * timeout: run a command with a time limit, for the VM's initramfs.
 *
 * The kselftest runner calls "timeout --foreground T timeout T test", which
 * busybox's timeout cannot do. This is just enough of coreutils' timeout:
 * [--foreground] [-s SIGNAL] [-k KILL_AFTER] DURATION COMMAND [ARG]...
 * On time it sends the signal (SIGTERM) to the command's process group,
 * or with --foreground to the command alone, and KILL after -k. Signals it
 * receives go on to the command, so that an outer timeout reaches the
 * inner one's command. It exits 124 if the command timed out, else with
 * the command's status.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child;
static volatile sig_atomic_t timed_out;
static int foreground;
static int sig = SIGTERM;
static unsigned int kill_after;

/* Signal the command: its whole process group unless --foreground. */
static void send(int s)
{
	if (foreground)
		kill(child, s);
	else
		kill(-child, s);
}

static void on_alarm(int s)
{
	(void)s;
	if (timed_out) {		/* -k: it outlived the first signal */
		send(SIGKILL);
		return;
	}
	timed_out = 1;
	send(sig);
	if (kill_after)
		alarm(kill_after);
}

/* A signal to us (an outer timeout's, say) goes on to the command. */
static void on_term(int s)
{
	send(s);
}

static double parse_duration(const char *s)
{
	char *end;
	double d = strtod(s, &end);

	if (end == s || d < 0)
		return -1;
	switch (*end) {
	case 'm': d *= 60; break;
	case 'h': d *= 3600; break;
	case 'd': d *= 86400; break;
	default: break;
	}
	return d;
}

int main(int argc, char **argv)
{
	double secs;
	int i = 1, status;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--foreground"))
			foreground = 1;
		else if (!strcmp(argv[i], "-s") && i + 1 < argc)
			sig = atoi(argv[++i]) ?: SIGTERM;
		else if (!strcmp(argv[i], "-k") && i + 1 < argc)
			kill_after = (unsigned int)(parse_duration(argv[++i]) + 0.999);
		else
			break;
	}
	if (argc - i < 2 || (secs = parse_duration(argv[i])) < 0) {
		fprintf(stderr, "usage: timeout [--foreground] DURATION COMMAND [ARG]...\n");
		return 125;
	}
	child = fork();
	if (child < 0)
		return 125;
	if (!child) {
		if (!foreground)
			setpgid(0, 0);
		execvp(argv[i + 1], &argv[i + 1]);
		fprintf(stderr, "timeout: %s: %s\n", argv[i + 1], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	signal(SIGALRM, on_alarm);
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	signal(SIGHUP, on_term);
	if (secs > 0)
		alarm((unsigned int)(secs + 0.999));
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			return 125;
	if (timed_out)
		return 124;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
