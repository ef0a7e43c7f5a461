// SPDX-License-Identifier: GPL-2.0
/*
 * The device and the ioctl envelope: /dev/gcsched exists with mode 0600,
 * INFO answers, and the size-prefixed struct rules and unknown commands
 * get their errnos.
 */
#include <sys/stat.h>
#include <sys/sysmacros.h>

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
	/* larger, non-zero tail: E2BIG */
	memset(&big, 0, sizeof(big));
	big.info.size = sizeof(big);
	big.tail[10] = 1;
	EXPECT_EQ(-E2BIG, gc_ioctl(fd, GCSCHED_IOC_INFO, &big));
	/* bad pointers: EFAULT */
	EXPECT_EQ(-EFAULT, gc_ioctl(fd, GCSCHED_IOC_INFO, NULL));
	EXPECT_EQ(-EFAULT, gc_ioctl(fd, GCSCHED_IOC_INFO, (void *)16));
	EXPECT_EQ(-EFAULT, gc_ioctl(fd, GCSCHED_IOC_STATS,
				    (void *)0xffffffff81000000UL));
	close(fd);
}

TEST_HARNESS_MAIN
