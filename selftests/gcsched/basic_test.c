// SPDX-License-Identifier: GPL-2.0
/*
 * The device and the ioctl envelope: /dev/gcsched exists with mode 0600,
 * INFO answers, and the size-prefixed struct rules and unknown commands
 * get their errnos.
 */
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include <stddef.h>

#include "gcsched_test.h"
#include "kselftest_harness.h"

TEST(device_exists)
{
	struct stat st;

	ASSERT_EQ(0, stat(GCSCHED_DEV, &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(0600, st.st_mode & 0777);
	EXPECT_EQ(0, st.st_uid);
}

TEST(info_answers)
{
	struct gcsched_info info = { .size = sizeof(info) };
	int fd = gc_open();

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_INFO, &info));
	EXPECT_EQ(GCSCHED_ABI_VERSION, info.abi_version);
	EXPECT_EQ(sizeof(info), info.size);
	EXPECT_EQ(GCSCHED_NR_POLICIES, info.nr_policies);
	EXPECT_STREQ("modern", (char *)info.policy_names[GCSCHED_POLICY_MODERN]);
	EXPECT_STREQ("go1.4-buggy", (char *)info.policy_names[GCSCHED_POLICY_GO14_BUGGY]);
	EXPECT_STREQ("go1.4-fixed", (char *)info.policy_names[GCSCHED_POLICY_GO14_FIXED]);
	EXPECT_STREQ("modern-noasync", (char *)info.policy_names[GCSCHED_POLICY_MODERN_NOASYNC]);
	/* the fifth on, in more_policy_names */
	EXPECT_STREQ("go1.7", (char *)GCSCHED_INFO_POLICY_NAME(&info, GCSCHED_POLICY_GO17));
	EXPECT_STREQ("go1.7beta2", (char *)GCSCHED_INFO_POLICY_NAME(&info, GCSCHED_POLICY_GO17_BETA2));
	EXPECT_STREQ("go1.7.5", (char *)GCSCHED_INFO_POLICY_NAME(&info, GCSCHED_POLICY_GO175));
	EXPECT_STREQ("go1.15", (char *)GCSCHED_INFO_POLICY_NAME(&info, GCSCHED_POLICY_GO115));
	EXPECT_LT(0, info.max_tasks);
	EXPECT_LT(0, info.online_cpus);
	EXPECT_NE(0, info.module_version[0]);
	close(fd);
}

TEST(unknown_command_is_enotty)
{
	struct gcsched_info info = { .size = sizeof(info) };
	int fd = gc_open();

	ASSERT_LE(0, fd);
	EXPECT_EQ(-ENOTTY, gc_ioctl(fd, _IO(GCSCHED_IOC_TYPE, 0x7f), &info));
	EXPECT_EQ(-ENOTTY, gc_ioctl(fd, _IO(GCSCHED_IOC_TYPE, 0xff), &info));
	EXPECT_EQ(-ENOTTY, gc_ioctl(fd, _IO('x', GCSCHED_CMD_INFO), &info));
	EXPECT_EQ(-ENOTTY, gc_ioctl(fd, _IOR(GCSCHED_IOC_TYPE, GCSCHED_CMD_INFO, int), &info));
	close(fd);
}

TEST(struct_size_rules)
{
	struct {
		struct gcsched_info info;
		unsigned char tail[64];
	} big;
	int fd = gc_open();

	ASSERT_LE(0, fd);
	/* below the first version: EINVAL */
	memset(&big, 0, sizeof(big));
	big.info.size = 4;
	EXPECT_EQ(-EINVAL, gc_ioctl(fd, GCSCHED_IOC_INFO, &big));
	/* larger, zero tail: accepted, and the size says what was filled */
	memset(&big, 0, sizeof(big));
	big.info.size = sizeof(big);
	EXPECT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_INFO, &big));
	EXPECT_EQ(sizeof(big.info), big.info.size);
	EXPECT_EQ(GCSCHED_ABI_VERSION, big.info.abi_version);
	/* larger, non-zero tail: INFO reads nothing but the size */
	memset(&big, 0, sizeof(big));
	big.info.size = sizeof(big);
	big.tail[10] = 1;
	EXPECT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_INFO, &big));
	EXPECT_EQ(1, big.tail[10]);
	/* the size before more_policy_names (an older tool): that much, not a byte more */
	memset(&big, 0xff, sizeof(big));
	big.info.size = offsetof(struct gcsched_info, more_policy_names);
	EXPECT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_INFO, &big));
	EXPECT_EQ(offsetof(struct gcsched_info, more_policy_names), big.info.size);
	EXPECT_STREQ("modern", (char *)big.info.policy_names[GCSCHED_POLICY_MODERN]);
	EXPECT_EQ(0xff, big.info.more_policy_names[0][0]);
	EXPECT_EQ(0xff, big.tail[0]);
	/* past a page: E2BIG */
	big.info.size = 4097;
	EXPECT_EQ(-E2BIG, gc_ioctl(fd, GCSCHED_IOC_INFO, &big));
	/* bad pointers: EFAULT */
	EXPECT_EQ(-EFAULT, gc_ioctl(fd, GCSCHED_IOC_INFO, NULL));
	EXPECT_EQ(-EFAULT, gc_ioctl(fd, GCSCHED_IOC_INFO, (void *)16));
	EXPECT_EQ(-EFAULT, gc_ioctl(fd, GCSCHED_IOC_STATS,
				    (void *)0xffffffff81000000UL));
	close(fd);
}

/* max_instances is enforced at open(), before anything is allocated. */
TEST(max_instances_is_emfile)
{
	struct gcsched_info info = { .size = sizeof(info) };
	int fds[1024], n = 0, fd, extra;

	fd = gc_open();
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_INFO, &info));
	close(fd);
	ASSERT_GT(1024, info.max_instances);
	for (n = 0; n < (int)info.max_instances; n++) {
		fds[n] = gc_open();
		ASSERT_LE(0, fds[n]) TH_LOG("open %d of %u", n + 1, info.max_instances);
	}
	extra = gc_open();
	EXPECT_EQ(-1, extra);
	EXPECT_EQ(EMFILE, errno);
	close(fds[0]);
	fds[0] = gc_open();	/* one closed: one may open again */
	EXPECT_LE(0, fds[0]);
	while (n--)
		close(fds[n]);
}

/* Only root opens the device. */
TEST(not_root_is_eacces)
{
	int status;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (!pid) {
		if (setgid(65534) || setuid(65534))
			_exit(2);
		_exit(gc_open() < 0 && errno == EACCES ? 0 : 1);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST_HARNESS_MAIN
