// SPDX-License-Identifier: GPL-2.0
/*
 * The device: open, INFO, STATS, CONFIGURE and START, STOP; each errno
 * turned into a sentence that says what to change.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "gcschedctl.h"

int dev_open(void)
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

void get_stats(int fd, struct gcsched_stats *st)
{
	int err;

	memset(st, 0, sizeof(*st));
	st->size = sizeof(*st);
	err = xioctl(fd, GCSCHED_IOC_STATS, st);
	if (err)
		die("STATS failed: %s", strerror(-err));
}

/* HIST: every histogram, GCSCHED_NR_HISTS of them, in their kinds' order. */
void get_hists(int fd, struct gcsched_hist *h)
{
	struct gcsched_hist_query q = {
		.size = sizeof(q),
		.count = GCSCHED_NR_HISTS,
		.entry_size = sizeof(*h),
		.hists = (uintptr_t)h,
	};
	int err;

	memset(h, 0, GCSCHED_NR_HISTS * sizeof(*h));
	err = xioctl(fd, GCSCHED_IOC_HIST, &q);
	if (err)
		die("HIST failed: %s", strerror(-err));
}

/* INFO, read once the command line has been checked. */
const struct gcsched_info *need_info(void)
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
	/* The options were checked against our names: they must be its. */
	for (uint32_t i = 0; i < GCSCHED_NR_POLICIES; i++)
		if (i >= info.nr_policies || (i >= 4 && info.size < sizeof(info)) ||
		    strncmp((const char *)GCSCHED_INFO_POLICY_NAME(&info, i), policy_names[i],
			    sizeof(info.policy_names[0])))
			die("the module's policy %u is not this gcschedctl's %s: rebuild one to match the other (same ABI %u, different policies)",
			    i, policy_names[i], info.abi_version);
	return &info;
}

/*
 * A field's value refused, in the option's words: "--frame-size 100: not
 * a multiple of 8; use a size from 32 to 4096 bytes".
 */
static void __attribute__((noreturn)) refuse(const struct gcsched_config *c, const char *why)
{
	const struct knob *k = knob_by_field(c->bad_field);
	char v[32], range[96];

	knob_value(k, config_field(c, c->bad_field), v, sizeof(v));
	knob_range(k, range, sizeof(range));
	die("%s %s: %s; use %s", k->name, v, why, range);
}

/*
 * The sentence for a rejected CONFIGURE: which option, why, what to do.
 * A value outside the uapi header's range table is ERANGE with the field
 * in bad_field; the rest are the rules of gcsched_config_check()
 * (kmod/config.c) that tie fields together or to the module's limits.
 */
static void explain_config(int err, const struct gcsched_config *c,
			   const struct gcsched_info *info)
{
	uint64_t lo, hi, v = config_field(c, c->bad_field);
	bool in_range = config_range(c->bad_field, &lo, &hi) && v >= lo && v <= hi;
	const char *why = strerror(err);

	switch (c->bad_field) {
	case GCSCHED_FIELD_POLICY:
		die("--policy %u is not a policy this module knows (it has %u): update the module",
		    c->policy, info->nr_policies);
	case GCSCHED_FIELD_FLAGS:
		if ((c->flags & GCSCHED_CFG_FORCED) && (c->flags & GCSCHED_CFG_NETPOLL_STW_STOP) &&
		    !(c->flags & ~GCSCHED_CFG_ALL))
			die("--forced needs the netpoller running while the world is stopped: drop --netpoll-stw-stop");
		if ((c->flags & GCSCHED_CFG_SELECT_DUP) && (c->flags & GCSCHED_CFG_CHAN_RECV) &&
		    !(c->flags & ~GCSCHED_CFG_ALL))
			die("--select-dup and --chan-recv: a receive names one channel; drop one of them");
		if ((c->flags & (GCSCHED_CFG_SELECT_DUP | GCSCHED_CFG_CHAN_RECV)) &&
		    !c->nr_selects && !(c->flags & ~GCSCHED_CFG_ALL))
			die("--%s changes the select groups, and there are none: add --selects N",
			    c->flags & GCSCHED_CFG_SELECT_DUP ? "select-dup" : "chan-recv");
		die("unknown flags %#x: this module knows %#x; update gcschedctl or the module",
		    c->flags, GCSCHED_CFG_ALL);
	case GCSCHED_FIELD_GC_MODE:
		die("--gc: use continuous, manual or an interval such as 10ms");
	case GCSCHED_FIELD_NETPOLL_MODEL:
		if ((c->flags & GCSCHED_CFG_FORCED) && c->netpoll_model < GCSCHED_NR_NETPOLL_MODELS)
			die("--forced needs --netpoll-model thread: go14's poller may stay parked for the rest of the stop");
		die("--netpoll-model %u is not a model this module knows: use thread or go14, or update the module",
		    c->netpoll_model);
	case GCSCHED_FIELD_RESERVED:
		die("CONFIGURE's reserved field is not zero: update gcschedctl or the module");
	case GCSCHED_FIELD_NR_PAIRS:
		if (err != E2BIG)
			break;
		if ((uint64_t)c->nr_pairs * 2 > info->max_tasks)
			die("--pairs %u exceeds max_tasks (%u tasks, 2 per pair); lower --pairs or load the module with max_tasks=%llu",
			    c->nr_pairs, info->max_tasks, (unsigned long long)c->nr_pairs * 2);
		if ((uint64_t)c->nr_pairs * 2 * c->stack_min > (uint64_t)info->max_stack_mib << 20)
			die("--pairs %u with --stack-min %u needs %llu MiB of stacks, over max_stack_mib (%u); lower --pairs or --stack-min, or load the module with a larger max_stack_mib=",
			    c->nr_pairs, c->stack_min,
			    (unsigned long long)c->nr_pairs * 2 * c->stack_min >> 20, info->max_stack_mib);
		die("--pairs %u with --stack-min %u and %u workers needs more than the module's whole memory budget (max_mem_mib %u); lower --pairs, --stack-min or --workers, or load the module with a larger max_mem_mib=",
		    c->nr_pairs, c->stack_min, c->nr_workers, info->max_mem_mib);
	case GCSCHED_FIELD_NR_SPINNERS:
		if (err != E2BIG)
			break;
		if ((uint64_t)c->nr_pairs * 2 + c->nr_spinners > info->max_tasks)
			die("--spinners %u with --pairs %u makes %llu Gs, over max_tasks (%u); lower --spinners or --pairs",
			    c->nr_spinners, c->nr_pairs,
			    (unsigned long long)c->nr_pairs * 2 + c->nr_spinners, info->max_tasks);
		die("--spinners %u with --pairs %u and --stack-min %u needs more than max_stack_mib (%u) of stacks; lower --spinners, --pairs or --stack-min",
		    c->nr_spinners, c->nr_pairs, c->stack_min, info->max_stack_mib);
	case GCSCHED_FIELD_NR_SELECTS:
		if (err == EINVAL)
			die("--selects: policy %s has no select in the model (the go1.4 ones); use modern, modern-noasync or a go1.7 one",
			    c->policy < GCSCHED_NR_POLICIES ? policy_names[c->policy] : "?");
		if (err == ERANGE && in_range)
			die("--selects: a select's two frames of --frame-size %u do not fit --stack-max %u; raise --stack-max to %u or lower --frame-size",
			    c->frame_size, c->stack_max, 2 * c->frame_size + 64);
		if (err != E2BIG)
			break;
		if ((uint64_t)c->nr_pairs * 2 + c->nr_spinners + 3ULL * c->nr_selects > info->max_tasks)
			die("--selects %u (3 Gs each) with --pairs %u and --spinners %u makes %llu Gs, over max_tasks (%u); lower one of them",
			    c->nr_selects, c->nr_pairs, c->nr_spinners,
			    (unsigned long long)c->nr_pairs * 2 + c->nr_spinners + 3ULL * c->nr_selects,
			    info->max_tasks);
		die("--selects %u with --pairs %u, --spinners %u and --stack-min %u needs more than max_stack_mib (%u) of stacks; lower one of them",
		    c->nr_selects, c->nr_pairs, c->nr_spinners, c->stack_min, info->max_stack_mib);
	case GCSCHED_FIELD_STACK_MIN:
	case GCSCHED_FIELD_STACK_MAX:
		if (err == EINVAL)
			refuse(c, "not a power of two");
		if (in_range && c->bad_field == GCSCHED_FIELD_STACK_MIN)
			die("--stack-min %u is larger than --stack-max %u: lower --stack-min or raise --stack-max",
			    c->stack_min, c->stack_max);
		break;
	case GCSCHED_FIELD_FRAME_SIZE:
		if (err == EINVAL)
			refuse(c, "not a multiple of 8");
		break;
	case GCSCHED_FIELD_BIGSTACK_DEPTH:
		if (in_range)
			die("--depth %u frames of %u bytes do not fit in --stack-max %u; lower --depth or raise --stack-max",
			    c->bigstack_depth, c->frame_size, c->stack_max);
		break;
	case GCSCHED_FIELD_GC_PROCS:
		if (in_range)
			die("--gc-procs %u is more than the %u worker Ms: lower --gc-procs or raise --workers",
			    c->gc_procs, c->nr_workers);
		break;
	default:
		break;
	}
	if (err == ERANGE && knob_by_field(c->bad_field))
		refuse(c, "out of range");
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

void configure_and_start(int fd, struct gcsched_config *c,
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
		    c->nr_pairs * 2 + c->nr_spinners + 3 * c->nr_selects);
	if (err == -ENOSPC)
		die("START: other gcsched instances hold too much of the module's memory budget (max_mem_mib %u) for %u more Gs; stop one, lower --pairs, or load the module with a larger max_mem_mib=",
		    info->max_mem_mib, c->nr_pairs * 2 + c->nr_spinners + 3 * c->nr_selects);
	if (err)
		die("START failed: %s", strerror(-err));
}

void stop_instance(int fd)
{
	struct gcsched_start s = { .size = sizeof(s) };
	int err = xioctl(fd, GCSCHED_IOC_STOP, &s);

	if (err)
		die("STOP failed: %s", strerror(-err));
}
