// SPDX-License-Identifier: GPL-2.0
/*
 * Faults: a process killed during a GC, during stop-the-world and during
 * STOP; close() while the continuous GC runs; a forked child that keeps
 * the fd after its parent exits; modprobe -r while an instance is open. Each
 * leaves no thread, no memory and no debugfs entry behind.
 */
#include <signal.h>
#include <sys/wait.h>

#include "gcsched_test.h"
#include "kselftest_harness.h"

#define DBG GCSCHED_DBG

/* The module's live threads: named gcsched*, anywhere on the system. */
static int gcsched_threads(void)
{
	return gc_live_threads("gcsched", 1);
}

/* Instance directories under debugfs. */
static int debugfs_dirs(void)
{
	struct dirent *d;
	int n = 0;
	DIR *dir = opendir(DBG);

	if (!dir)
		return -1;
	while ((d = readdir(dir)))
		n += d->d_name[0] >= '0' && d->d_name[0] <= '9';
	closedir(dir);
	return n;
}

FIXTURE(fault) {
	long objs;
};

FIXTURE_SETUP(fault)
{
	ASSERT_EQ(0, gcsched_threads());
	ASSERT_EQ(0, debugfs_dirs());
	self->objs = gc_live_objects();
	ASSERT_LE(0, self->objs);
}

/* Nothing may be left once every process that held an fd is gone. */
FIXTURE_TEARDOWN(fault)
{
	EXPECT_EQ(0, gcsched_threads());
	EXPECT_EQ(0, debugfs_dirs());
	EXPECT_EQ(self->objs, gc_live_objects());
}

static int start(unsigned int policy, unsigned int pairs, unsigned int mode,
		 unsigned long long window)
{
	struct gcsched_config c = gc_config(policy);
	int fd = gc_open();

	if (fd < 0)
		return -1;
	c.nr_pairs = pairs;
	c.gc_mode = mode;
	c.race_window_ns = window;
	if (gc_configure(fd, &c) || gc_start(fd)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* A child that runs @what, killed after @delay_us. */
static void kill_during(struct __test_metadata *_metadata, int what, int delay_us)
{
	struct gcsched_gc gc = { .size = sizeof(gc) };
	int status;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (!pid) {
		/* a 1 ms window per G: a GC cycle spends its time stopped */
		int fd = start(GCSCHED_POLICY_MODERN, what == 2 ? 500 : 50,
			       GCSCHED_GC_MANUAL, 1000000);

		if (fd < 0)
			_exit(1);
		for (;;) {
			if (what == 2)
				gc_stop(fd), gc_start(fd);
			else
				gc_ioctl(fd, GCSCHED_IOC_GC, &gc);
		}
	}
	usleep(delay_us);
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

TEST_F_TIMEOUT(fault, sigkill_during_gc, 60)
{
	kill_during(_metadata, 1, 700000);
}

TEST_F_TIMEOUT(fault, sigkill_during_stw_many_times, 120)
{
	for (int i = 0; i < 5; i++)
		kill_during(_metadata, 1, 300000 + 97000 * i);
}

TEST_F_TIMEOUT(fault, sigkill_during_stop, 120)
{
	for (int i = 0; i < 4; i++)
		kill_during(_metadata, 2, 400000 + 150000 * i);
}

TEST_F_TIMEOUT(fault, close_while_continuous_gc_runs, 60)
{
	for (int i = 0; i < 5; i++) {
		int fd = start(GCSCHED_POLICY_GO14_FIXED, 100, GCSCHED_GC_CONTINUOUS,
			       i * 1000);

		ASSERT_LE(0, fd);
		usleep(50000 * i);
		close(fd);
	}
}

TEST_F_TIMEOUT(fault, forked_child_keeps_the_fd_after_parent_exits, 60)
{
	int status, pipefd[2];
	char ok;
	pid_t parent;

	ASSERT_EQ(0, pipe(pipefd));
	parent = fork();
	ASSERT_LE(0, parent);
	if (!parent) {
		int fd = start(GCSCHED_POLICY_MODERN, 20, GCSCHED_GC_CONTINUOUS, 0);

		if (fd < 0)
			_exit(1);
		if (!fork()) {
			struct gcsched_stats *st;

			usleep(300000);	/* the parent is gone by now */
			st = gc_stats(fd);
			ok = st && st->state == GCSCHED_STATE_RUNNING && st->gc_cycles > 0;
			free(st);
			if (write(pipefd[1], &ok, 1) != 1)
				_exit(1);
			_exit(0);	/* the last holder: its exit frees it all */
		}
		_exit(0);
	}
	ASSERT_EQ(parent, waitpid(parent, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(pipefd[1]);
	ASSERT_EQ(1, read(pipefd[0], &ok, 1));
	EXPECT_TRUE(ok);
	close(pipefd[0]);
	usleep(200000);	/* the grandchild is reaped by init */
}

TEST_F(fault, unload_while_open_is_busy)
{
	int fd = gc_open();
	int ret;

	ASSERT_LE(0, fd);
	ret = system("modprobe -r gcsched 2>/dev/null");
	EXPECT_NE(0, ret);
	EXPECT_EQ(0, access("/dev/gcsched", F_OK));
	close(fd);
}

TEST_HARNESS_MAIN
