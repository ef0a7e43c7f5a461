// SPDX-License-Identifier: GPL-2.0
/*
 * gcsched: a simulated GC-aware scheduler that reproduces Go issue 9186,
 * the shrinkstack-vs-netpoll wedge fixed by Go commit 2b62e1e, and shows
 * the fix holding.
 *
 * This file is the module's surface: parameters, the misc device
 * /dev/gcsched (each open() is a runtime instance), and the ioctl table.
 */
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "gcsched.h"

unsigned int gcsched_max_tasks = 1 << 20;
module_param_named(max_tasks, gcsched_max_tasks, uint, 0444);
MODULE_PARM_DESC(max_tasks, "Most Gs in one instance (default 1048576)");

/*
 * 0 until init: a quarter of RAM, at most 1 GiB. A fixed 1 GiB let 4000
 * Gs with the seed's 1000-frame bigstack and a manual GC (which seldom
 * shrinks) take all of a 1 GiB VM, and the OOM killer took the test
 * runner; past the limit a stack growth is the runtime's "cannot allocate
 * memory" throw instead, a report, as every simulated failure.
 */
unsigned int gcsched_max_stack_mib;
module_param_named(max_stack_mib, gcsched_max_stack_mib, uint, 0444);
MODULE_PARM_DESC(max_stack_mib, "Most stack memory of one instance, MiB (default: a quarter of RAM, at most 1024)");

unsigned int gcsched_max_instances = 64;
module_param_named(max_instances, gcsched_max_instances, uint, 0444);
MODULE_PARM_DESC(max_instances, "Most instances open at once (default 64)");

/*
 * 0 until init: half of RAM. What every instance together may hold:
 * stacks, descriptors and an estimate of each kthread (mem.c). Without it
 * four instances, each inside its max_stack_mib, took a 1 GiB VM and the
 * OOM killer took the shell that started them.
 */
unsigned int gcsched_max_mem_mib;
module_param_named(max_mem_mib, gcsched_max_mem_mib, uint, 0444);
MODULE_PARM_DESC(max_mem_mib, "Most memory of all instances together, MiB (default: half of RAM)");

static DEFINE_IDA(gcsched_ida);
static atomic_t gcsched_nr_instances = ATOMIC_INIT(0);

/**
 * gcsched_id_alloc() - a number for an instance, unique while it lives
 *
 * Context: process context; may sleep.
 * Return: the number, or a negative errno.
 */
int gcsched_id_alloc(void)
{
	return ida_alloc(&gcsched_ida, GFP_KERNEL);
}

/**
 * gcsched_id_free() - give back what gcsched_id_alloc() gave
 * @id: the number
 *
 * Context: any.
 */
void gcsched_id_free(u32 id)
{
	ida_free(&gcsched_ida, id);
}

static int gcsched_open(struct inode *inode, struct file *file)
{
	struct gcsched_instance *inst;
	int id, ret;

	/* Each instance can pin memory and run up to 129 kthreads. */
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (atomic_inc_return(&gcsched_nr_instances) > gcsched_max_instances) {
		ret = -EMFILE;
		goto fail_count;
	}
	id = gcsched_id_alloc();
	if (id < 0) {
		ret = id;
		goto fail_count;
	}
	inst = gcsched_instance_create();
	if (!inst) {
		ret = -ENOMEM;
		goto fail_ida;
	}
	inst->id = id;
	inst->opener_pid = task_tgid_vnr(current);
	get_task_comm(inst->opener_comm, current);
	gcsched_debugfs_add(inst);
	file->private_data = inst;
	return 0;

fail_ida:
	gcsched_id_free(id);
fail_count:
	atomic_dec(&gcsched_nr_instances);
	return ret;
}

static int gcsched_release(struct inode *inode, struct file *file)
{
	struct gcsched_instance *inst = file->private_data;
	u32 id = inst->id;

	gcsched_debugfs_remove(inst);
	gcsched_instance_destroy(inst);
	gcsched_id_free(id);
	atomic_dec(&gcsched_nr_instances);
	return 0;
}

static __poll_t gcsched_poll(struct file *file, poll_table *wait)
{
	struct gcsched_instance *inst = file->private_data;
	int state;

	poll_wait(file, &inst->report_wq, wait);
	state = atomic_read(&inst->state);
	if (state == GCSCHED_STATE_WEDGED || state == GCSCHED_STATE_CRASHED)
		return EPOLLPRI;
	return 0;
}

/* OP_MODULE: @inst is NULL. */
static int ioctl_info(struct gcsched_instance *inst, void *arg)
{
	struct gcsched_info *info = arg;
	int i;

	info->abi_version = GCSCHED_ABI_VERSION;
	info->max_tasks = gcsched_max_tasks;
	info->max_stack_mib = gcsched_max_stack_mib;
	info->max_instances = gcsched_max_instances;
	info->max_workers = GCSCHED_MAX_WORKERS;
	info->nr_policies = GCSCHED_NR_POLICIES;
	info->online_cpus = num_online_cpus();
	strscpy(info->module_version, GCSCHED_VERSION,
		sizeof(info->module_version));
	/* INFO has a slot per policy: a seventeenth needs a new field */
	static_assert(ARRAY_SIZE(info->policy_names) +
		      ARRAY_SIZE(info->more_policy_names) ==
		      GCSCHED_INFO_MAX_POLICIES);
	static_assert(GCSCHED_INFO_MAX_POLICIES >= GCSCHED_NR_POLICIES);
	for (i = 0; i < GCSCHED_NR_POLICIES; i++)
		strscpy(GCSCHED_INFO_POLICY_NAME(info, i),
			gcsched_policy_name(i), sizeof(info->policy_names[0]));
	info->max_mem_mib = gcsched_max_mem_mib;
	info->thread_cost = gcsched_thread_cost();
	info->mem_used_kib = gcsched_mem_charged_bytes() >> 10;
	info->g_cost = GCSCHED_G_COST;
	info->alloc_overhead = GCSCHED_ALLOC_OVERHEAD;
	return 0;
}

static int ioctl_configure(struct gcsched_instance *inst, void *arg)
{
	return gcsched_configure(inst, arg);
}

static int ioctl_start(struct gcsched_instance *inst, void *arg)
{
	struct gcsched_start *cmd = arg;

	if (cmd->__reserved)
		return -EINVAL;
	return gcsched_start(inst);
}

static int ioctl_stop(struct gcsched_instance *inst, void *arg)
{
	struct gcsched_start *cmd = arg;

	if (cmd->__reserved)
		return -EINVAL;
	return gcsched_stop(inst);
}

static int ioctl_gc(struct gcsched_instance *inst, void *arg)
{
	return gcsched_gc_command(inst, arg);
}

static int ioctl_stats(struct gcsched_instance *inst, void *arg)
{
	gcsched_get_stats(inst, arg);
	return 0;
}

/*
 * HIST writes its entries itself, each as long as the caller's entry_size
 * says (struct gcsched_hist_query): the dispatcher below copies back only
 * the query.
 */
static int ioctl_hist(struct gcsched_instance *inst, void *arg)
{
	struct gcsched_hist_query *q = arg;
	u8 __user *dst = u64_to_user_ptr(q->hists);
	size_t esize = q->entry_size;
	struct gcsched_hist *h;
	u32 k, n;
	int ret = 0;

	if (q->__reserved)
		return -EINVAL;
	n = min_t(u32, q->count, GCSCHED_NR_HISTS);
	q->count = GCSCHED_NR_HISTS;
	if (!n)
		return 0;
	if (esize < sizeof(*h))
		return -EINVAL;
	/* The size rule, per entry: nothing past a page is written for one. */
	if (esize > PAGE_SIZE)
		return -E2BIG;
	h = gcsched_scratch_alloc(sizeof(*h));
	if (!h)
		return -ENOMEM;
	for (k = 0; k < n; k++, dst += esize) {
		gcsched_get_hist(inst, k, h);
		if (copy_to_user(dst, h, sizeof(*h)) ||
		    clear_user(dst + sizeof(*h), esize - sizeof(*h))) {
			ret = -EFAULT;
			break;
		}
	}
	gcsched_scratch_free(h, sizeof(*h));
	return ret;
}

/*
 * The ioctl table, in the manner of iommufd: each command's argument is a
 * size-prefixed struct; @min_size is its first version's size. An
 * OP_OUT_ONLY command reads nothing of the caller's struct but its size;
 * an OP_MODULE command reads module-wide state only, and runs without
 * the instance's ioctl_lock (INFO must not wait behind a START's
 * kthreads).
 */
#define OP_OUT_ONLY	BIT(0)
#define OP_MODULE	BIT(1)

struct gcsched_ioctl_op {
	unsigned int size;
	unsigned int min_size;
	unsigned int ioctl_num;
	unsigned int flags;
	int (*execute)(struct gcsched_instance *inst, void *arg);
};

#define IOCTL_OP(_ioctl, _fn, _struct, _last, _flags)			\
	[_IOC_NR(_ioctl) - GCSCHED_CMD_BASE] = {			\
		.size = sizeof(_struct),				\
		.min_size = offsetofend(_struct, _last),		\
		.ioctl_num = _ioctl,					\
		.flags = _flags,					\
		.execute = _fn,						\
	}

/* TIMELINE writes its entries itself, as HIST (timeline.c). */
static int ioctl_timeline(struct gcsched_instance *inst, void *arg)
{
	return gcsched_tl_query(inst, arg);
}

static const struct gcsched_ioctl_op gcsched_ioctl_ops[] = {
	IOCTL_OP(GCSCHED_IOC_INFO, ioctl_info, struct gcsched_info,
		 policy_names, OP_OUT_ONLY | OP_MODULE),
	IOCTL_OP(GCSCHED_IOC_CONFIGURE, ioctl_configure, struct gcsched_config,
		 gc_procs, 0),
	IOCTL_OP(GCSCHED_IOC_START, ioctl_start, struct gcsched_start,
		 __reserved, 0),
	IOCTL_OP(GCSCHED_IOC_STOP, ioctl_stop, struct gcsched_start,
		 __reserved, 0),
	IOCTL_OP(GCSCHED_IOC_GC, ioctl_gc, struct gcsched_gc,
		 netpoll_wakeups_stw, OP_OUT_ONLY),
	IOCTL_OP(GCSCHED_IOC_STATS, ioctl_stats, struct gcsched_stats, report,
		 OP_OUT_ONLY),
	IOCTL_OP(GCSCHED_IOC_HIST, ioctl_hist, struct gcsched_hist_query,
		 hists, 0),
	IOCTL_OP(GCSCHED_IOC_TIMELINE, ioctl_timeline,
		 struct gcsched_timeline_query, events, 0),
};

/*
 * The commands' structs that are small enough for the kernel stack, as
 * iommufd's ucmd_buffer: no allocation for them. STATS, with its report,
 * is not, and gets a scratch buffer. On a debug kernel an allocation
 * records a stack trace or two (KASAN, kmemleak), which costs more than
 * the rest of such an ioctl.
 */
union gcsched_ioctl_buffer {
	struct gcsched_info info;
	struct gcsched_config config;
	struct gcsched_start start;
	struct gcsched_gc gc;
	struct gcsched_hist_query hist;
	struct gcsched_timeline_query timeline;
};

static long gcsched_ioctl(struct file *file, unsigned int cmd,
			  unsigned long uarg)
{
	struct gcsched_instance *inst = file->private_data;
	const struct gcsched_ioctl_op *op;
	void __user *uptr = (void __user *)uarg;
	union gcsched_ioctl_buffer small;
	u32 user_size, out_size;
	unsigned int nr = _IOC_NR(cmd);
	void *buf;
	long ret;

	if (nr < GCSCHED_CMD_BASE ||
	    nr - GCSCHED_CMD_BASE >= ARRAY_SIZE(gcsched_ioctl_ops))
		return -ENOTTY;
	op = &gcsched_ioctl_ops[nr - GCSCHED_CMD_BASE];
	if (op->ioctl_num != cmd)
		return -ENOTTY;

	if (get_user(user_size, (u32 __user *)uptr))
		return -EFAULT;
	if (user_size < op->min_size)
		return -EINVAL;
	/* As openat2() and clone3(): nothing past a page is ever scanned. */
	if (user_size > max_t(u32, op->size, PAGE_SIZE))
		return -E2BIG;
	/* Zeroed: an output never carries what the caller's buffer held. */
	if (op->size <= sizeof(small)) {
		buf = memset(&small, 0, sizeof(small));
	} else {
		buf = gcsched_scratch_alloc(op->size);
		if (!buf)
			return -ENOMEM;
	}
	if (!(op->flags & OP_OUT_ONLY)) {
		ret = copy_struct_from_user(buf, op->size, uptr, user_size);
		if (ret)
			goto out_free;
	}

	if (op->flags & OP_MODULE) {
		ret = op->execute(NULL, buf);
	} else {
		if (mutex_lock_killable(&inst->ioctl_lock)) {
			ret = -EINTR;
			goto out_free;
		}
		ret = op->execute(inst, buf);
		mutex_unlock(&inst->ioctl_lock);
	}

	/* Outputs, and CONFIGURE's bad_field, go back even on an error. */
	out_size = min_t(u32, user_size, op->size);
	*(u32 *)buf = out_size;
	if (copy_to_user(uptr, buf, out_size))
		ret = ret ?: -EFAULT;
out_free:
	if (buf != &small)
		gcsched_scratch_free(buf, op->size);
	return ret;
}

static const struct file_operations gcsched_fops = {
	.owner = THIS_MODULE,
	.open = gcsched_open,
	.release = gcsched_release,
	.poll = gcsched_poll,
	.unlocked_ioctl = gcsched_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice gcsched_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "gcsched",
	.fops = &gcsched_fops,
	.mode = 0600,
};

static int __init gcsched_init(void)
{
	unsigned long ram_mib = totalram_pages() >> (20 - PAGE_SHIFT);
	int ret;

	if (!gcsched_max_stack_mib)
		gcsched_max_stack_mib = clamp_t(unsigned long, ram_mib / 4,
						16, 1024);
	if (!gcsched_max_mem_mib)
		gcsched_max_mem_mib = max(ram_mib / 2, 16UL);
	gcsched_mem_budget = (unsigned long)gcsched_max_mem_mib << 20;
	gcsched_stamp_init();
	ret = gcsched_mem_init();
	if (ret)
		return ret;
	ret = gcsched_teardown_init();
	if (ret)
		goto fail_teardown;
	gcsched_debugfs_init();
	ret = misc_register(&gcsched_misc);
	if (ret)
		goto fail_misc;
	pr_info("gcsched: %s loaded, ABI %u, max_stack_mib %u, max_mem_mib %u\n",
		GCSCHED_VERSION, GCSCHED_ABI_VERSION, gcsched_max_stack_mib,
		gcsched_max_mem_mib);
	return 0;

fail_misc:
	gcsched_debugfs_exit();
	gcsched_teardown_exit();
fail_teardown:
	gcsched_mem_exit();
	return ret;
}

static void __exit gcsched_exit(void)
{
	misc_deregister(&gcsched_misc);
	gcsched_debugfs_exit();
	/* The last close()'s teardown may still be freeing: wait for it. */
	gcsched_teardown_exit();
	gcsched_mem_exit();
	ida_destroy(&gcsched_ida);
}

module_init(gcsched_init);
module_exit(gcsched_exit);

MODULE_DESCRIPTION("A simulated GC-aware scheduler that reproduces Go issue 9186");
MODULE_AUTHOR("gcsched developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(GCSCHED_VERSION);
