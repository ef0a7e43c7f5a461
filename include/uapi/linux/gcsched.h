/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * gcsched: a simulated GC-aware scheduler that reproduces Go issue 9186.
 *
 * Every open() of /dev/gcsched is an independent runtime instance (one "Go
 * process"). It is driven by the ioctls below. Each ioctl argument is an
 * extensible struct whose first member is its size in bytes: the kernel
 * accepts any size from the first version of the struct up (a larger struct
 * must have a zero tail, see copy_struct_from_user()), and fields a caller
 * does not know about read as zero. Zero therefore always means "the
 * default" in an input field.
 *
 * A size over max(the command's struct, PAGE_SIZE) is E2BIG, before anything is
 * read. Output-only commands (INFO, GC, STATS) read nothing but the size:
 * the kernel writes every byte it returns, so no input is ever echoed.
 *
 * Errors (besides EFAULT for a bad pointer and ENOTTY for an unknown command):
 *   EINVAL    size below the first version, or a field outside its domain
 *   E2BIG     a size past the limit above, a larger input struct with a
 *             non-zero tail, or a field past a limit that is a module
 *             parameter (max_tasks, max_stack_mib, max_mem_mib)
 *   ERANGE    a numeric field outside its documented range
 *   ENOSPC    START: the module-wide memory budget (max_mem_mib) has not
 *             room for the instance now; other instances hold the rest
 *   EBUSY     CONFIGURE or START while the instance is running
 *   ESRCH     GC while the instance is not running
 *   EDEADLK   anything but INFO, STATS, HIST, TIMELINE and STOP on a wedged
 *             instance
 *   ENOTRECOVERABLE  anything but INFO, STATS, HIST, TIMELINE and STOP on
 *             a crashed one
 *   EINTR     the caller was killed while the command waited or worked
 *   ENOMEM    TIMELINE: no room to copy the rings
 *   EMFILE    open() beyond max_instances
 *   EPERM     open() without CAP_SYS_ADMIN
 * CONFIGURE names the field it rejected in gcsched_config.bad_field.
 */
#ifndef _UAPI_LINUX_GCSCHED_H
#define _UAPI_LINUX_GCSCHED_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define GCSCHED_ABI_VERSION	1
#define GCSCHED_IOC_TYPE	0xC7

enum {
	GCSCHED_CMD_BASE = 0x80,
	GCSCHED_CMD_INFO = GCSCHED_CMD_BASE,
	GCSCHED_CMD_CONFIGURE,
	GCSCHED_CMD_START,
	GCSCHED_CMD_STOP,
	GCSCHED_CMD_GC,
	GCSCHED_CMD_STATS,
	GCSCHED_CMD_HIST,
	GCSCHED_CMD_TIMELINE,
};

/*
 * G status values, as in Go's runtime2.go, so that a trace of gcsched reads
 * like a trace of the runtime. Gscan is a bit ORed into Grunnable, Grunning,
 * Gsyscall or Gwaiting: whoever sets it owns the G's stack until it clears it.
 */
enum {
	GCSCHED_GIDLE		= 0,
	GCSCHED_GRUNNABLE	= 1,
	GCSCHED_GRUNNING	= 2,
	GCSCHED_GSYSCALL	= 3,
	GCSCHED_GWAITING	= 4,
	GCSCHED_GDEAD		= 6,
	GCSCHED_GCOPYSTACK	= 8,
	GCSCHED_GPREEMPTED	= 9,
	GCSCHED_GSCAN		= 0x1000,
};

/*
 * Statuses are counted in "slots": slot s (0..9) is status s, slot 10 + s is
 * Gscan|s. Slots that Go does not define (5, 7, ...) stay zero.
 */
#define GCSCHED_NR_SLOTS	20

/*
 * A status's slot, for a status Go defines: a constant expression, which
 * evaluates @status twice.
 */
#define GCSCHED_SLOT(status)						\
	((status) & GCSCHED_GSCAN ? 10 + ((status) & ~GCSCHED_GSCAN) : (status))

/*
 * The status protocol: every transition each era's runtime makes, as
 * X(era, from, to), and nothing else: the module refuses any other (it is
 * counted in illegal_transitions and thrown, as Go's casgstatus throws),
 * and a model of the protocol can be generated from the same list. @era is
 * a bare word for the user of the list to paste into its own names (the
 * module's enum gcsched_era): GO14 is Go 1.4 (runtime/proc.c and stack.c
 * as of 2b62e1e), MODERN is Go since 1.14 (runtime/proc.go, stack.go,
 * preempt.go).
 */
#define GCSCHED_GSCAN_OF(s)	(GCSCHED_GSCAN | (s))	/* Gscan + status s */
#define GCSCHED_TRANSITIONS(X)						\
	/* START: malg() makes a Gidle G, newproc1 a Gdead then Grunnable */ \
	X(GO14, GCSCHED_GIDLE, GCSCHED_GDEAD)				\
	X(GO14, GCSCHED_GDEAD, GCSCHED_GRUNNABLE)			\
	/* an M runs it (execute), yields it, or parks it */		\
	X(GO14, GCSCHED_GRUNNABLE, GCSCHED_GRUNNING)			\
	X(GO14, GCSCHED_GRUNNING, GCSCHED_GRUNNABLE)			\
	X(GO14, GCSCHED_GRUNNING, GCSCHED_GWAITING)			\
	/* netpoll wakes it, or an M cancels its park */		\
	X(GO14, GCSCHED_GWAITING, GCSCHED_GRUNNABLE)			\
	/* newstack: Gwaiting "stack growth" -> Grunning */		\
	X(GO14, GCSCHED_GWAITING, GCSCHED_GRUNNING)			\
	/* copystack, by the grower or by the shrinker */		\
	X(GO14, GCSCHED_GWAITING, GCSCHED_GCOPYSTACK)			\
	X(GO14, GCSCHED_GRUNNABLE, GCSCHED_GCOPYSTACK)			\
	X(GO14, GCSCHED_GCOPYSTACK, GCSCHED_GWAITING)			\
	X(GO14, GCSCHED_GCOPYSTACK, GCSCHED_GRUNNABLE)			\
	/* the collector's scan */					\
	X(GO14, GCSCHED_GRUNNABLE, GCSCHED_GSCAN_OF(GCSCHED_GRUNNABLE))	\
	X(GO14, GCSCHED_GWAITING, GCSCHED_GSCAN_OF(GCSCHED_GWAITING))	\
	X(GO14, GCSCHED_GSCAN_OF(GCSCHED_GRUNNABLE), GCSCHED_GRUNNABLE)	\
	X(GO14, GCSCHED_GSCAN_OF(GCSCHED_GWAITING), GCSCHED_GWAITING)	\
	/* modern: the same life, run and park */			\
	X(MODERN, GCSCHED_GIDLE, GCSCHED_GDEAD)				\
	X(MODERN, GCSCHED_GDEAD, GCSCHED_GRUNNABLE)			\
	X(MODERN, GCSCHED_GRUNNABLE, GCSCHED_GRUNNING)			\
	X(MODERN, GCSCHED_GRUNNING, GCSCHED_GRUNNABLE)			\
	X(MODERN, GCSCHED_GRUNNING, GCSCHED_GWAITING)			\
	X(MODERN, GCSCHED_GWAITING, GCSCHED_GRUNNABLE)			\
	/* newstack: only the owner copies, from and back to Grunning */ \
	X(MODERN, GCSCHED_GRUNNING, GCSCHED_GCOPYSTACK)			\
	X(MODERN, GCSCHED_GCOPYSTACK, GCSCHED_GRUNNING)			\
	/* suspendG's scan; a shrink happens under it */		\
	X(MODERN, GCSCHED_GRUNNABLE, GCSCHED_GSCAN_OF(GCSCHED_GRUNNABLE))	\
	X(MODERN, GCSCHED_GWAITING, GCSCHED_GSCAN_OF(GCSCHED_GWAITING))	\
	X(MODERN, GCSCHED_GSCAN_OF(GCSCHED_GRUNNABLE), GCSCHED_GRUNNABLE)	\
	X(MODERN, GCSCHED_GSCAN_OF(GCSCHED_GWAITING), GCSCHED_GWAITING)	\
	/* suspendG asks a running G to stop, under Gscanrunning */	\
	X(MODERN, GCSCHED_GRUNNING, GCSCHED_GSCAN_OF(GCSCHED_GRUNNING))	\
	X(MODERN, GCSCHED_GSCAN_OF(GCSCHED_GRUNNING), GCSCHED_GRUNNING)	\
	/* its M stops it at a safe point (preemptPark) */		\
	X(MODERN, GCSCHED_GRUNNING, GCSCHED_GSCAN_OF(GCSCHED_GPREEMPTED))	\
	X(MODERN, GCSCHED_GSCAN_OF(GCSCHED_GPREEMPTED), GCSCHED_GPREEMPTED)	\
	/* suspendG claims it (casGFromPreempted); resumeG readies it */	\
	X(MODERN, GCSCHED_GPREEMPTED, GCSCHED_GWAITING)

/*
 * Histograms are log-linear: bucket b < GCSCHED_HIST_SUB holds the value b;
 * above, each power of two is split into GCSCHED_HIST_SUB equal buckets:
 * with S = GCSCHED_HIST_SUB and s = b % S, bucket b holds
 * [(S + s) << (b / S - 1), (S + s + 1) << (b / S - 1)). The rule is these
 * two functions, for the module, which fills the buckets, and for every
 * reader (debugfs, gcschedctl).
 */
#define GCSCHED_HIST_SUB_SHIFT	3
#define GCSCHED_HIST_SUB	(1U << GCSCHED_HIST_SUB_SHIFT)	/* per power of two */
#define GCSCHED_HIST_BUCKETS	320

/* The bucket of @v, clamped to the last. */
static __inline__ __u32 gcsched_hist_bucket(__u64 v)
{
	__u32 msb, b;

	if (v < GCSCHED_HIST_SUB)
		return v;
	msb = 63 - __builtin_clzll(v);
	b = (msb + 1 - GCSCHED_HIST_SUB_SHIFT) * GCSCHED_HIST_SUB +
	    ((v >> (msb - GCSCHED_HIST_SUB_SHIFT)) & (GCSCHED_HIST_SUB - 1));
	return b < GCSCHED_HIST_BUCKETS ? b : GCSCHED_HIST_BUCKETS - 1;
}

/* The smallest value bucket @b holds. */
static __inline__ __u64 gcsched_hist_bucket_lo(__u32 b)
{
	if (b < GCSCHED_HIST_SUB)
		return b;
	return (__u64)(GCSCHED_HIST_SUB + b % GCSCHED_HIST_SUB) <<
	       (b / GCSCHED_HIST_SUB - 1);
}

enum gcsched_policy {
	/* Today's Go: a shrink runs under the Gscan bit taken to scan. */
	GCSCHED_POLICY_MODERN		= 0,
	/* Go 1.4 before 2b62e1e: readgstatus, then casgstatus (may wedge). */
	GCSCHED_POLICY_GO14_BUGGY	= 1,
	/* Go 1.4 after 2b62e1e: casgcopystack accepts Gwaiting or Grunnable. */
	GCSCHED_POLICY_GO14_FIXED	= 2,
	/*
	 * Today's Go with GODEBUG=asyncpreemptoff=1: no preemption by signal,
	 * only at a safe point; a loop without one keeps a stop waiting (Go
	 * issues 10958, 24543; asynchronous preemption came with Go 1.14).
	 */
	GCSCHED_POLICY_MODERN_NOASYNC	= 3,
	/*
	 * Go 1.7 (through go1.7.4): a select, woken, re-locks its channels on
	 * its own stack, which may grow while a second waker can still claim
	 * the select through the moved done word (Go issue 17007; fixed by
	 * b902a63, go1.7.5 and Go 1.8): the race needs nr_selects.
	 */
	GCSCHED_POLICY_GO17		= 4,
	/*
	 * Go 1.7beta2: go1.7, and the concurrent shrink locks each channel a
	 * select waits on once per case, so a select that names one channel
	 * twice deadlocks the collector (Go issue 16286; fixed by 84bb9e6,
	 * go1.7rc1): the race needs nr_selects and GCSCHED_CFG_SELECT_DUP.
	 */
	GCSCHED_POLICY_GO17_BETA2	= 5,
	/* Go 1.7.5: go1.7 with b902a63 (as faafe0e): sellock on the system stack */
	GCSCHED_POLICY_GO175		= 6,
	/*
	 * Go 1.15 (1.14 to 1.15.2): modern, but a G parking on a channel is
	 * Gwaiting before its activeStackChans is set, and a shrink in
	 * between moves its sudogs without the channel's lock (Go issue
	 * 40641; fixed by eb3c6a9, go1.15.3 and Go 1.16): the race needs
	 * nr_selects and GCSCHED_CFG_CHAN_RECV.
	 */
	GCSCHED_POLICY_GO115		= 7,
	GCSCHED_NR_POLICIES,
};

/* A Go 1.4 policy (the GO14 era of GCSCHED_TRANSITIONS), else a modern one. */
#define GCSCHED_POLICY_IS_GO14(p)					\
	((p) == GCSCHED_POLICY_GO14_BUGGY || (p) == GCSCHED_POLICY_GO14_FIXED)

enum gcsched_gc_mode {
	GCSCHED_GC_CONTINUOUS	= 0,	/* for { runtime.GC() } in a kthread */
	GCSCHED_GC_MANUAL	= 1,	/* only GCSCHED_IOC_GC */
	GCSCHED_GC_INTERVAL	= 2,	/* one cycle every gc_interval_us */
};

/*
 * gcsched_config.netpoll_model: the network poller's shape.
 * THREAD: a kthread that wakes each G as its message arrives, whenever
 * that is, for the whole of a stop; today's Go has no such thread, but it
 * is the shape that makes the 9186 race likeliest.
 * GO14: Go 1.4's: one poller, like an M blocked in netpoll(true), that
 * wakes the Gs whose messages have arrived as one batch (epoll's), and
 * after a batch that woke a G during a stop parks until the world starts,
 * as findrunnable's injectglist + stopm did (docs/fidelity.md).
 * 0 is the policy's own: GO14 for the go1.4 policies, THREAD for the
 * modern ones (GCSCHED_POLICY_NETPOLL).
 */
enum gcsched_netpoll_model {
	GCSCHED_NETPOLL_DEFAULT	= 0,
	GCSCHED_NETPOLL_THREAD	= 1,
	GCSCHED_NETPOLL_GO14	= 2,
	GCSCHED_NR_NETPOLL_MODELS,
};

/*
 * A policy that models channels and select (nr_selects): those of the
 * modern era, whose select code (Go 1.7's select.go and chan.go on) the
 * module follows; the go1.4 ones refuse nr_selects.
 */
#define GCSCHED_POLICY_HAS_SELECT(p)	(!GCSCHED_POLICY_IS_GO14(p))

/* The poller a policy runs when gcsched_config.netpoll_model is 0. */
#define GCSCHED_POLICY_NETPOLL(p)					\
	(GCSCHED_POLICY_IS_GO14(p) ? GCSCHED_NETPOLL_GO14 : GCSCHED_NETPOLL_THREAD)

/* gcsched_config.flags */
/*
 * THROW_CHECK: go1.4-buggy with 2b62e1e's check in casgstatus ("waiting for
 * Gwaiting but is Grunnable"), but not its fix. go1.4-fixed and modern
 * have the check always, as Go has since that commit: there it changes
 * nothing.
 */
#define GCSCHED_CFG_THROW_CHECK		(1U << 0)
#define GCSCHED_CFG_NETPOLL_STW_STOP	(1U << 1) /* netpoller joins STW */
#define GCSCHED_CFG_NO_VERIFY		(1U << 2) /* skip stack verification */
/*
 * FORCED: the model's counterexample (make model) as a schedule, not luck.
 * The first time a read-then-CAS of the collector (go1.4's copystack,
 * go1.4-fixed's casgcopystack, modern's suspendG) reads Gwaiting on a G
 * parked on the netpoller, the collector posts a wakeup for that G and
 * waits until the netpoller has made it Grunnable, then does its CAS:
 * go1.4-buggy wedges (or throws, with THROW_CHECK) at the first stop that
 * reaches such a G; the fixes hold. Needs netpoll_model thread: go14's
 * poller may be parked for the rest of the stop.
 */
#define GCSCHED_CFG_FORCED		(1U << 3)
/*
 * SELECT_DUP: every select names its first channel twice, select { case
 * <-c0: case <-c0: } (Go issue 16286's shape); its second channel's
 * sender sends to nobody.
 */
#define GCSCHED_CFG_SELECT_DUP		(1U << 4)
/*
 * CHAN_RECV: each group's G receives, v := <-c0, instead of selecting
 * (Go issue 40641's shape); the sender writes the value into its stack.
 * Not with SELECT_DUP.
 */
#define GCSCHED_CFG_CHAN_RECV		(1U << 5)
/*
 * NO_TIMELINE: keep no timeline of recent events (GCSCHED_IOC_TIMELINE
 * then returns none); it is kept by default.
 */
#define GCSCHED_CFG_NO_TIMELINE		(1U << 6)
#define GCSCHED_CFG_ALL			0x7fU

/* gcsched_config.bad_field: which field a CONFIGURE rejected */
enum gcsched_field {
	GCSCHED_FIELD_NONE = 0,
	GCSCHED_FIELD_POLICY,
	GCSCHED_FIELD_FLAGS,
	GCSCHED_FIELD_NR_WORKERS,
	GCSCHED_FIELD_NR_PAIRS,
	GCSCHED_FIELD_STACK_MIN,
	GCSCHED_FIELD_STACK_MAX,
	GCSCHED_FIELD_BIGSTACK_DEPTH,
	GCSCHED_FIELD_FRAME_SIZE,
	GCSCHED_FIELD_WEDGE_TIMEOUT_MS,
	GCSCHED_FIELD_GC_MODE,
	GCSCHED_FIELD_GC_INTERVAL_US,
	GCSCHED_FIELD_NETPOLL_DELAY_NS,
	GCSCHED_FIELD_RACE_WINDOW_NS,
	GCSCHED_FIELD_RESERVED,		/* __reserved (first: what gc_procs took) */
	GCSCHED_FIELD_GC_PROCS,
	GCSCHED_FIELD_NETPOLL_MODEL,
	GCSCHED_FIELD_NR_SPINNERS,
	GCSCHED_FIELD_NR_SELECTS,
	GCSCHED_NR_FIELDS,
};

/*
 * The range of every numeric CONFIGURE field, the one table the module
 * checks against and the tests and the tool read:
 *   X(field, GCSCHED_FIELD_ suffix, least, greatest, default)
 * 0 in a field means its default (nr_workers: the online CPUs); a value
 * outside [least, greatest] is ERANGE. A field's domain (a power of two, a
 * multiple of 8, an enum) is EINVAL; the rules that tie fields together
 * are listed in the kernel's gcsched_config_check() (kmod/config.c).
 */
#define GCSCHED_STACK_LEAST	512U
#define GCSCHED_STACK_GREATEST	(64U << 20)
#define GCSCHED_WORKERS_GREATEST	64U
#define GCSCHED_SELECTS_GREATEST	1024U
/*
 * netpoll_delay_ns's default, 4 ms, is the network's latency in the seed's
 * program as a VM under software emulation sees it: long enough that a
 * message written while the world runs arrives while it is stopped, which
 * is how the seed's netpoller came to wake Gs during stop-the-world.
 */
#define GCSCHED_CONFIG_RANGES(X)						\
	X(nr_workers,       NR_WORKERS,       1, GCSCHED_WORKERS_GREATEST, 0) \
	X(gc_procs,         GC_PROCS,         1, GCSCHED_WORKERS_GREATEST, 1) \
	X(nr_pairs,         NR_PAIRS,         1, 0x7fffffffU, 100)		\
	X(stack_min,        STACK_MIN,        GCSCHED_STACK_LEAST,		\
	  GCSCHED_STACK_GREATEST, 2048)						\
	X(stack_max,        STACK_MAX,        GCSCHED_STACK_LEAST,		\
	  GCSCHED_STACK_GREATEST, 1U << 20)					\
	X(bigstack_depth,   BIGSTACK_DEPTH,   1,				\
	  GCSCHED_STACK_GREATEST / 32, 1000)					\
	X(frame_size,       FRAME_SIZE,       32, 4096, 128)			\
	X(wedge_timeout_ms, WEDGE_TIMEOUT_MS, 1, 10000, 1000)			\
	X(gc_interval_us,   GC_INTERVAL_US,   1, 10000000, 10000)		\
	X(netpoll_delay_ns, NETPOLL_DELAY_NS, 1, 10000000, 4000000)		\
	X(race_window_ns,   RACE_WINDOW_NS,   0, 1000000, 0)			\
	X(nr_spinners,      NR_SPINNERS,      0, GCSCHED_WORKERS_GREATEST, 0) \
	X(nr_selects,       NR_SELECTS,       0, GCSCHED_SELECTS_GREATEST, 0)

/**
 * struct gcsched_info - GCSCHED_IOC_INFO: what this module offers
 * @size: sizeof(struct gcsched_info)
 * @abi_version: GCSCHED_ABI_VERSION
 * @max_tasks: module parameter: Gs per instance
 * @max_stack_mib: module parameter: stack memory per instance
 * @max_instances: module parameter: open instances
 * @max_workers: largest nr_workers accepted
 * @nr_policies: GCSCHED_NR_POLICIES
 * @online_cpus: the default nr_workers (Go's GOMAXPROCS)
 * @module_version: NUL-terminated version string
 * @policy_names: NUL-terminated name of each policy, by enum gcsched_policy
 * @max_mem_mib: module parameter: memory of all instances together (stacks,
 *	descriptors, and an estimate of each kthread's stack and task_struct)
 * @mem_used_kib: of which in use or reserved now, KiB
 * @thread_cost: the estimate charged per kthread, bytes
 * @g_cost: bytes charged per G besides its stack
 * @alloc_overhead: bytes charged per allocation beyond its size (a stack
 *	of stack_min costs stack_min + alloc_overhead); 0 but on a debug
 *	kernel (KASAN, kmemleak)
 * @more_policy_names: the names of policies 4 to 15, as @policy_names
 *	(GCSCHED_INFO_POLICY_NAME() reads either); a caller whose struct
 *	ends before it sees the first four and @nr_policies
 */
struct gcsched_info {
	__u32 size;
	__u32 abi_version;
	__u32 max_tasks;
	__u32 max_stack_mib;
	__u32 max_instances;
	__u32 max_workers;
	__u32 nr_policies;
	__u32 online_cpus;
	__u8 module_version[32];
	__u8 policy_names[4][16];
	__u32 max_mem_mib;
	__u32 thread_cost;
	__u64 mem_used_kib;
	__u32 g_cost;
	__u32 alloc_overhead;
	__u8 more_policy_names[12][16];
};

/* The name of policy @i in INFO's answer @info (not NUL-terminated if 16). */
#define GCSCHED_INFO_POLICY_NAME(info, i)				\
	((i) < 4 ? (info)->policy_names[i] : (info)->more_policy_names[(i) - 4])
#define GCSCHED_INFO_MAX_POLICIES	16

/**
 * struct gcsched_config - GCSCHED_IOC_CONFIGURE: the knobs of an instance
 * @size: sizeof(struct gcsched_config)
 * @policy: enum gcsched_policy
 * @flags: GCSCHED_CFG_*
 * @nr_workers: worker kthreads (Ms); 0: online CPUs; 1..max_workers
 * @nr_pairs: connection pairs, two Gs each; 0: 100; 2 * nr_pairs +
 *	nr_spinners + 3 * nr_selects <= max_tasks (E2BIG names the first of
 *	nr_pairs, nr_spinners, nr_selects whose Gs, with those before it,
 *	pass the limit)
 * @stack_min: initial and smallest stack, a power of two; 0: 2048; 512..stack_max
 * @stack_max: largest stack, a power of two; 0: 1 MiB; up to 64 MiB
 * @bigstack_depth: frames bigstack() pushes; 0: 1000; must fit in stack_max
 * @frame_size: bytes per frame, a multiple of 8; 0: 128; 32..4096
 * @wedge_timeout_ms: how long a spin may last before it is a wedge; 0: 1000;
 *	1..10000
 * @gc_mode: enum gcsched_gc_mode
 * @gc_interval_us: GCSCHED_GC_INTERVAL period; 0: 10000; 1..10000000
 * @netpoll_delay_ns: the network's latency: a message is readable this long
 *	after its write; 0: 4000000 (4 ms); up to 10000000
 * @race_window_ns: delay between a status read and its CAS: in copystack
 *	(the Go 1.4 policies) or in the scan's stopg (modern);
 *	0 (the natural race)..1000000
 * @seed: PRNG seed of the workload
 * @bad_field: out: enum gcsched_field of the rejected field, on error
 * @gc_procs: threads that scan and shrink stacks in a stop, the collector's
 *	own included (Go 1.4's gcprocs(): min(GOMAXPROCS, the CPUs,
 *	MaxGcproc = 32, idle Ms + 1)); 0: 1, the collector alone; up to
 *	nr_workers. Was a reserved zero field.
 * @netpoll_model: enum gcsched_netpoll_model; 0: the policy's
 * @__reserved: zero
 * @nr_spinners: Gs that run a loop with no safe point in it, for { i++ }
 *	(Go issue 10958), besides the pairs; 0 (none)..64; only a policy
 *	with asynchronous preemption can stop them
 * @nr_selects: select groups, besides the pairs and the spinners: each a G
 *	in a loop of select { case <-c0: case <-c1: } and a sender G per
 *	channel, which sends, then sleeps up to netpoll_delay_ns (Go
 *	issues 17007, 16286; with GCSCHED_CFG_CHAN_RECV the G receives
 *	instead: 40641);
 *	0 (none)..1024; only a policy that models select
 *	(GCSCHED_POLICY_HAS_SELECT), else EINVAL; ERANGE if two frames
 *	(2 * frame_size + 64) do not fit stack_max. Was __reserved2, zero
 */
struct gcsched_config {
	__u32 size;
	__u32 policy;
	__u32 flags;
	__u32 nr_workers;
	__u32 nr_pairs;
	__u32 stack_min;
	__u32 stack_max;
	__u32 bigstack_depth;
	__u32 frame_size;
	__u32 wedge_timeout_ms;
	__u32 gc_mode;
	__u32 gc_interval_us;
	__u64 netpoll_delay_ns;
	__u64 race_window_ns;
	__u64 seed;
	__u32 bad_field;
	__u32 gc_procs;
	__u32 netpoll_model;
	__u32 __reserved;
	__u32 nr_spinners;
	__u32 nr_selects;
};

/**
 * struct gcsched_start - GCSCHED_IOC_START, GCSCHED_IOC_STOP
 * @size: sizeof(struct gcsched_start)
 * @__reserved: must be zero
 */
struct gcsched_start {
	__u32 size;
	__u32 __reserved;
};

/*
 * WEDGED: a spin ran past wedge_timeout_ms, or the stop was never acked;
 * ABORTED: the instance was stopped meanwhile, or the caller was killed.
 */
enum gcsched_gc_outcome {
	GCSCHED_GC_OK		= 0,
	GCSCHED_GC_WEDGED	= 1,
	GCSCHED_GC_CRASHED	= 2,	/* the runtime threw */
	GCSCHED_GC_ABORTED	= 3,
};

/**
 * struct gcsched_gc - GCSCHED_IOC_GC: one synchronous cycle, as runtime.GC()
 * @size: sizeof(struct gcsched_gc)
 * @outcome: out: enum gcsched_gc_outcome
 * @cycle: out: this cycle's number
 * @pause_ns: out: how long the world was stopped
 * @scanned: out: Gs whose stack was scanned
 * @shrinks: out: stacks shrunk
 * @bytes_copied: out: bytes the shrinks copied
 * @netpoll_wakeups_stw: out: netpoll wakeups while the world was stopped
 * @stw1_ns: out: the first stop: the go1.4 policies' only one; modern's
 *	sweep termination (Go's first gctrace clock field)
 * @mark_ns: out: modern's concurrent mark, between its two stops; 0 for
 *	the go1.4 policies
 * @stw2_ns: out: modern's mark termination; 0 for the go1.4 policies.
 *	@pause_ns is @stw1_ns + @stw2_ns, as Go's PauseNs sums a cycle's stops
 * @scanned_stw: out: of @scanned, the Gs scanned while the world was
 *	stopped: all of them in the go1.4 policies, none in modern
 */
struct gcsched_gc {
	__u32 size;
	__u32 outcome;
	__u64 cycle;
	__u64 pause_ns;
	__u64 scanned;
	__u64 shrinks;
	__u64 bytes_copied;
	__u64 netpoll_wakeups_stw;
	__u64 stw1_ns;
	__u64 mark_ns;
	__u64 stw2_ns;
	__u64 scanned_stw;
};

enum gcsched_state {
	GCSCHED_STATE_IDLE	= 0,	/* never started */
	GCSCHED_STATE_RUNNING	= 1,
	GCSCHED_STATE_STOPPED	= 2,
	GCSCHED_STATE_WEDGED	= 3,	/* a spin never ended: terminal */
	GCSCHED_STATE_CRASHED	= 4,	/* the runtime threw: terminal */
};

/*
 * The names of the numbers above, one list each for every reader (the
 * module's INFO, debugfs and tracepoints, gcschedctl): X(value, name, ...)
 * for each but the last, L(...) for the last (the kernel's EM() and EMe(),
 * for the tracepoints' lists, which end without a comma; a table passes
 * the same macro twice). A status's name is Go's (gstatusStrings,
 * runtime/traceback.go): "runnable" for Grunnable; its third field is Go's
 * constant, which the tracepoints print. GCSCHED_SCAN_NAMES are the
 * statuses Gscan is set on, by their base value.
 */
#define GCSCHED_STATUS_NAMES(X, L)					\
	X(GCSCHED_GIDLE, "idle", "Gidle")				\
	X(GCSCHED_GRUNNABLE, "runnable", "Grunnable")			\
	X(GCSCHED_GRUNNING, "running", "Grunning")			\
	X(GCSCHED_GSYSCALL, "syscall", "Gsyscall")			\
	X(GCSCHED_GWAITING, "waiting", "Gwaiting")			\
	X(GCSCHED_GDEAD, "dead", "Gdead")				\
	X(GCSCHED_GCOPYSTACK, "copystack", "Gcopystack")		\
	L(GCSCHED_GPREEMPTED, "preempted", "Gpreempted")
#define GCSCHED_SCAN_NAMES(X, L)					\
	X(GCSCHED_GRUNNABLE, "scanrunnable", "Gscanrunnable")		\
	X(GCSCHED_GRUNNING, "scanrunning", "Gscanrunning")		\
	X(GCSCHED_GSYSCALL, "scansyscall", "Gscansyscall")		\
	X(GCSCHED_GWAITING, "scanwaiting", "Gscanwaiting")		\
	L(GCSCHED_GPREEMPTED, "scanpreempted", "Gscanpreempted")
#define GCSCHED_ACTOR_NAMES(X, L)					\
	X(GCSCHED_ACTOR_NONE, "none") X(GCSCHED_ACTOR_WORKER, "M")		\
	X(GCSCHED_ACTOR_NETPOLL, "netpoll") X(GCSCHED_ACTOR_GC, "gc")	\
	L(GCSCHED_ACTOR_SETUP, "setup")
#define GCSCHED_NETPOLL_MODEL_NAMES(X, L)				\
	X(GCSCHED_NETPOLL_DEFAULT, "default")				\
	X(GCSCHED_NETPOLL_THREAD, "thread") L(GCSCHED_NETPOLL_GO14, "go14")
#define GCSCHED_POLICY_NAMES(X, L)					\
	X(GCSCHED_POLICY_MODERN, "modern")					\
	X(GCSCHED_POLICY_GO14_BUGGY, "go1.4-buggy")				\
	X(GCSCHED_POLICY_GO14_FIXED, "go1.4-fixed")				\
	X(GCSCHED_POLICY_MODERN_NOASYNC, "modern-noasync")			\
	X(GCSCHED_POLICY_GO17, "go1.7")						\
	X(GCSCHED_POLICY_GO17_BETA2, "go1.7beta2")				\
	X(GCSCHED_POLICY_GO175, "go1.7.5")					\
	L(GCSCHED_POLICY_GO115, "go1.15")
#define GCSCHED_STATE_NAMES(X, L)					\
	X(GCSCHED_STATE_IDLE, "idle") X(GCSCHED_STATE_RUNNING, "running")	\
	X(GCSCHED_STATE_STOPPED, "stopped") X(GCSCHED_STATE_WEDGED, "wedged")	\
	L(GCSCHED_STATE_CRASHED, "crashed")
/*
 * The phases of a cycle's pause, as the --gctrace line and the per-phase
 * histograms name them: stopping the Ms; the work done while the world is
 * stopped (the go1.4 policies' markroot over every G, with the shrinks it
 * does; for modern, whose scan is concurrent, only what sweep and mark
 * termination do, which here is nothing); the shrinks' share of it,
 * summed over the threads that scan (with gc_procs > 1, CPU time, not
 * wall time); and starting the world again. modern stops the world twice
 * per cycle, and each phase is the sum over both stops.
 */
enum gcsched_phase {
	GCSCHED_PHASE_STOP,
	GCSCHED_PHASE_SCAN,
	GCSCHED_PHASE_SHRINK,
	GCSCHED_PHASE_START,
	GCSCHED_NR_PHASES
};

#define GCSCHED_PHASE_NAMES(X, L)					\
	X(GCSCHED_PHASE_STOP, "stop") X(GCSCHED_PHASE_SCAN, "scan")	\
	X(GCSCHED_PHASE_SHRINK, "shrink") L(GCSCHED_PHASE_START, "start")

/*
 * The histograms GCSCHED_IOC_HIST returns, in this order: the whole pause
 * of each cycle, each enum gcsched_phase of it, the spins of casgstatus and
 * its kin, and modern's concurrent mark (no sample for the go1.4 policies,
 * whose mark is the pause's scan).
 */
enum gcsched_hist_kind {
	GCSCHED_HIST_PAUSE	= 0,
	GCSCHED_HIST_PHASE	= 1,	/* + enum gcsched_phase: 1..4 */
	GCSCHED_HIST_SPIN	= 5,
	GCSCHED_HIST_MARK	= 6,	/* modern's concurrent mark, not a pause */
	GCSCHED_NR_HISTS
};

#define GCSCHED_HIST_NAMES(X, L)					\
	X(GCSCHED_HIST_PAUSE, "pause")					\
	X(GCSCHED_HIST_PHASE + GCSCHED_PHASE_STOP, "stop")		\
	X(GCSCHED_HIST_PHASE + GCSCHED_PHASE_SCAN, "scan")		\
	X(GCSCHED_HIST_PHASE + GCSCHED_PHASE_SHRINK, "shrink")		\
	X(GCSCHED_HIST_PHASE + GCSCHED_PHASE_START, "start")		\
	X(GCSCHED_HIST_SPIN, "spin") L(GCSCHED_HIST_MARK, "mark")

#define GCSCHED_REPORT_NAMES(X, L)					\
	X(GCSCHED_REPORT_NONE, "none") X(GCSCHED_REPORT_WEDGE, "wedge")	\
	X(GCSCHED_REPORT_THROW, "throw")				\
	X(GCSCHED_REPORT_STW_STALL, "stw-stall")			\
	L(GCSCHED_REPORT_DEADLOCK, "deadlock")
/*
 * For a table indexed by value:
 *   { GCSCHED_STATE_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT) }
 */
#define GCSCHED_NAME_AT(value, name, ...)					\
	[value] = name,

enum gcsched_report_kind {
	GCSCHED_REPORT_NONE	= 0,
	GCSCHED_REPORT_WEDGE	= 1,	/* casgstatus spun past the timeout */
	GCSCHED_REPORT_THROW	= 2,	/* the runtime's throw() */
	GCSCHED_REPORT_STW_STALL = 3,	/* a participant never acked a stop */
	/* a runtime lock asked for by its holder (state WEDGED) */
	GCSCHED_REPORT_DEADLOCK	= 4,
};

/* Who wrote a status: an actor kind, and for workers the M's number. */
enum gcsched_actor {
	GCSCHED_ACTOR_NONE	= 0,
	GCSCHED_ACTOR_WORKER	= 1,	/* an M running Gs */
	GCSCHED_ACTOR_NETPOLL	= 2,	/* the network poller */
	GCSCHED_ACTOR_GC	= 3,	/* the stop-the-world collector */
	GCSCHED_ACTOR_SETUP	= 4,	/* START, creating Gs */
};

/**
 * struct gcsched_report - why an instance wedged or crashed
 * @kind: enum gcsched_report_kind
 * @goid: the G involved; for a STW_STALL, a G still running on an M that
 *	did not stop, when @observed is Grunning (else none was found)
 * @expected: the status the spinning CAS expected (0 for a DEADLOCK)
 * @observed: the status it found instead
 * @actor: enum gcsched_actor of the party that spun or threw
 * @actor_id: its M number, for a worker
 * @last_actor: enum gcsched_actor of the last writer of the G's status
 * @last_actor_id: its M number, for a worker
 * @last_from: the last write's old status
 * @last_to: the last write's new status
 * @last_write_ns: when, since START
 * @spin_ns: how long the CAS spun before the report
 * @gc_cycle: the GC cycle in progress
 * @since_start_ns: when the report was made, since START
 * @func: the runtime function that spun or threw, NUL-terminated
 * @msg: the runtime's words, NUL-terminated
 */
struct gcsched_report {
	__u32 kind;
	__u32 goid;
	__u32 expected;
	__u32 observed;
	__u32 actor;
	__u32 actor_id;
	__u32 last_actor;
	__u32 last_actor_id;
	__u32 last_from;
	__u32 last_to;
	__u64 last_write_ns;
	__u64 spin_ns;
	__u64 gc_cycle;
	__u64 since_start_ns;
	__u8 func[32];
	__u8 msg[96];
};

/**
 * struct gcsched_stats - GCSCHED_IOC_STATS: counters of an instance
 * @size: sizeof(struct gcsched_stats)
 * @state: enum gcsched_state
 * @nr_gs: Gs of the current or last run
 * @nr_workers: Ms of the current or last run
 * @instance_id: this instance's number, as in debugfs and the tracepoints
 * @__reserved: zero
 * @uptime_ns: time since START set the world running, after creating the Gs
 *	(frozen at STOP)
 * @gc_cycles: completed GC cycles
 * @pause_total_ns: sum of all pauses
 * @pause_last_ns: the last pause
 * @pause_max_ns: the longest pause
 * @pause_hist: pauses, log-linear histogram (ns)
 * @gs_by_status: Gs in each status slot, sampled now
 * @transitions: transitions[from slot][to slot]: every status change
 * @illegal_transitions: transitions refused by the era's table
 * @spins: waits in casgstatus and its kin (a CAS that failed, then
 *	spun until it won), one per wait
 * @spin_max_ns: the longest spin
 * @spin_hist: spins, log-linear histogram (ns)
 * @netpoll_wakeups: Gs made runnable by the netpoller
 * @netpoll_wakeups_stw: of which while the world was stopped
 * @runq_injections: Gs injected into the global run queue
 * @steps: netguy steps run (bigstack + read + write)
 * @messages: messages consumed
 * @stack_grows: stack growths
 * @stack_shrinks: stack shrinks
 * @stack_bytes_copied: bytes moved by copystack
 * @verifications: stacks verified (on copy, scan and return)
 * @verify_failures: stacks found corrupt
 * @stw_stalls: stops a worker failed to ack in time
 * @report: the wedge or throw report, kind NONE while healthy
 * @netpoll_stw_batches: netpoller batches that woke a G while the world
 *	was stopped
 * @netpoll_stw_batch_repeats: of which the second or later of one stop
 *	(netpoll_model go14 never has one)
 * @mark_total_ns: modern's concurrent marks, summed (the pause's sums are
 *	@pause_total_ns)
 * @mark_max_ns: the longest of them
 * @stw2_total_ns: modern's mark termination stops, summed; its sweep
 *	termination stops are @pause_total_ns minus this
 * @scans: Gs whose stack the collector scanned
 * @scans_stw: of which while the world was stopped (0 in modern)
 * @preempt_requests: running Gs suspendG asked to stop (modern)
 * @preempt_parks: Gs their M stopped at a safe point for it (preemptPark)
 * @forced_wakes: CFG_FORCED's wakeups made (at most 1 per START)
 * @forced_timeouts: of which the netpoller did not answer in time (the
 *	schedule did not happen)
 * @selects: selects that completed (woken, their channels re-locked and
 *	their cases dequeued: select.go's pass 3)
 * @select_wakes: sends that claimed a waiting select (the selectdone CAS
 *	won) and readied its G
 * @select_grows: stack growths of a G whose sudogs could still be claimed
 *	(go1.7's sellock on the G's stack): each opens 17007's window
 * @select_shrinks: the collector's shrinks of a G in a select, under its
 *	channels' locks (syncadjustsudogs): each is where 16286 deadlocked
 * @chan_unlocked_shrinks: the collector's shrinks that moved a G's sudogs
 *	without its channels' locks (Go 1.14 on, activeStackChans unset):
 *	only in the window of 40641, where a fixed policy never shrinks
 */
struct gcsched_stats {
	__u32 size;
	__u32 state;
	__u32 nr_gs;
	__u32 nr_workers;
	__u32 instance_id;
	__u32 __reserved;
	__u64 uptime_ns;
	__u64 gc_cycles;
	__u64 pause_total_ns;
	__u64 pause_last_ns;
	__u64 pause_max_ns;
	__u64 pause_hist[GCSCHED_HIST_BUCKETS];
	__u64 gs_by_status[GCSCHED_NR_SLOTS];
	__u64 transitions[GCSCHED_NR_SLOTS][GCSCHED_NR_SLOTS];
	__u64 illegal_transitions;
	__u64 spins;
	__u64 spin_max_ns;
	__u64 spin_hist[GCSCHED_HIST_BUCKETS];
	__u64 netpoll_wakeups;
	__u64 netpoll_wakeups_stw;
	__u64 runq_injections;
	__u64 steps;
	__u64 messages;
	__u64 stack_grows;
	__u64 stack_shrinks;
	__u64 stack_bytes_copied;
	__u64 verifications;
	__u64 verify_failures;
	__u64 stw_stalls;
	struct gcsched_report report;
	__u64 netpoll_stw_batches;
	__u64 netpoll_stw_batch_repeats;
	__u64 mark_total_ns;
	__u64 mark_max_ns;
	__u64 stw2_total_ns;
	__u64 scans;
	__u64 scans_stw;
	__u64 preempt_requests;
	__u64 preempt_parks;
	__u64 forced_wakes;
	__u64 forced_timeouts;
	__u64 selects;
	__u64 select_wakes;
	__u64 select_grows;
	__u64 select_shrinks;
	__u64 chan_unlocked_shrinks;
};

/*
 * The counters of struct gcsched_stats (its __u64 scalars), in its order,
 * each under the macro that says where the module keeps it: PCPU(f), a
 * per-CPU counter that STATS sums; INST(f), the instance's own. debugfs
 * "stats" and gcschedctl --json print every one: a new counter is its
 * field above and its line here (and, if INST, a line in the kernel's
 * gcsched_get_stats()).
 */
#define GCSCHED_STATS_COUNTERS(PCPU, INST)				\
	INST(uptime_ns) INST(gc_cycles)					\
	INST(pause_total_ns) INST(pause_last_ns)			\
	INST(pause_max_ns) PCPU(illegal_transitions)			\
	PCPU(spins) INST(spin_max_ns)					\
	PCPU(netpoll_wakeups) PCPU(netpoll_wakeups_stw)			\
	PCPU(runq_injections) PCPU(steps) PCPU(messages)		\
	PCPU(stack_grows) PCPU(stack_shrinks)				\
	PCPU(stack_bytes_copied) PCPU(verifications)			\
	PCPU(verify_failures) INST(stw_stalls)				\
	PCPU(netpoll_stw_batches) PCPU(netpoll_stw_batch_repeats)	\
	INST(mark_total_ns) INST(mark_max_ns) INST(stw2_total_ns)	\
	PCPU(scans)							\
	PCPU(scans_stw) PCPU(preempt_requests) PCPU(preempt_parks)	\
	PCPU(forced_wakes) PCPU(forced_timeouts)			\
	PCPU(selects) PCPU(select_wakes) PCPU(select_grows)		\
	PCPU(select_shrinks) PCPU(chan_unlocked_shrinks)

/**
 * struct gcsched_hist - one histogram of GCSCHED_IOC_HIST, written whole
 * @kind: enum gcsched_hist_kind
 * @__reserved: zero
 * @samples: values counted (the sum of @buckets)
 * @sum_ns: their sum
 * @max_ns: the largest
 * @buckets: the counts, by the rule of gcsched_hist_bucket()
 */
struct gcsched_hist {
	__u32 kind;
	__u32 __reserved;
	__u64 samples;
	__u64 sum_ns;
	__u64 max_ns;
	__u64 buckets[GCSCHED_HIST_BUCKETS];
};

/**
 * struct gcsched_hist_query - GCSCHED_IOC_HIST: the instance's histograms
 * @size: sizeof(struct gcsched_hist_query)
 * @count: in, the entries @hists has room for; out, GCSCHED_NR_HISTS, the
 *	entries the kernel has (0 in: ask only that)
 * @entry_size: sizeof(struct gcsched_hist) as the caller knows it, from
 *	its first version up to PAGE_SIZE (E2BIG past it): each entry gets
 *	min(@entry_size, the kernel's) bytes, and a zeroed tail past the
 *	kernel's
 * @__reserved: zero
 * @hists: a user pointer to @count entries; the kernel writes the first
 *	min(@count, GCSCHED_NR_HISTS), by enum gcsched_hist_kind, and no
 *	other byte
 *
 * Large outputs get a command of their own, taking a pointer and a count,
 * rather than a larger STATS (see the size rule at the top). A snapshot of
 * counters that the running instance bumps meanwhile: one histogram's
 * @samples is the sum of its buckets as copied, but histograms are not
 * taken at one instant with each other, nor with STATS.
 */
struct gcsched_hist_query {
	__u32 size;
	__u32 count;
	__u32 entry_size;
	__u32 __reserved;
	__aligned_u64 hists;
};

/*
 * The timeline: a bounded ring of an instance's recent events, per CPU,
 * kept from START while the instance runs and frozen at its wedge, throw
 * or deadlock (the report's event is then the last), readable until the
 * next START. STATUS: G @goid moved @from -> @to, by @actor.
 * STW_START, STW_DONE: a stop of the world asked for, and the world
 * running again (@arg: the stop's epoch). STACK_COPY: G @goid's stack
 * moved, @arg its new size (@from, @to: 0). NETPOLL_WAKE: the netpoller
 * woke G @goid (@arg: 1 in a stop). REPORT: the failure, @arg its enum
 * gcsched_report_kind, @from the status the reporter expected, @to the
 * one it found. CAS_SPIN: a casgstatus() (or casGToPreempt's loop) by
 * @actor found G @goid not in @from and began to retry its move @from ->
 * @to; @arg: the status it found (Go 1.4's 9186 wedge is such a spin that
 * never ends; 2b62e1e's throw ends it at once).
 */
enum gcsched_tl_kind {
	GCSCHED_TL_NONE		= 0,
	GCSCHED_TL_STATUS	= 1,
	GCSCHED_TL_STW_START	= 2,
	GCSCHED_TL_STW_DONE	= 3,
	GCSCHED_TL_STACK_COPY	= 4,
	GCSCHED_TL_NETPOLL_WAKE	= 5,
	GCSCHED_TL_REPORT	= 6,
	GCSCHED_TL_CAS_SPIN	= 7,
	GCSCHED_NR_TL_KINDS
};

#define GCSCHED_TL_KIND_NAMES(X, L)					\
	X(GCSCHED_TL_NONE, "none") X(GCSCHED_TL_STATUS, "status")		\
	X(GCSCHED_TL_STW_START, "stw-start")				\
	X(GCSCHED_TL_STW_DONE, "stw-done")				\
	X(GCSCHED_TL_STACK_COPY, "stack-copy")				\
	X(GCSCHED_TL_NETPOLL_WAKE, "netpoll-wake")			\
	X(GCSCHED_TL_REPORT, "report")					\
	L(GCSCHED_TL_CAS_SPIN, "cas-spin")

/**
 * struct gcsched_tl_event - one event of the timeline
 * @ns: when, since START
 * @goid: the G, or 0 for an event of no G (STW_*)
 * @cpu: the CPU whose ring holds it
 * @actor: enum gcsched_actor << 8 | its number (an M's, a helper's)
 * @kind: enum gcsched_tl_kind
 * @__reserved: zero
 * @from: STATUS: the old status; REPORT: the status expected
 * @to: STATUS: the new status; REPORT: the status found
 * @arg: as the kind says (above)
 * @__reserved2: zero
 */
struct gcsched_tl_event {
	__u64 ns;
	__u32 goid;
	__u32 cpu;
	__u16 actor;
	__u8 kind;
	__u8 __reserved;
	__u16 from;
	__u16 to;
	__u32 arg;
	__u32 __reserved2;
};

/* gcsched_timeline_query.flags, out */
#define GCSCHED_TL_FROZEN	(1U << 0)	/* the failure froze it */
#define GCSCHED_TL_OFF		(1U << 1)	/* NO_TIMELINE, or never started */

/**
 * struct gcsched_timeline_query - GCSCHED_IOC_TIMELINE: recent events
 * @size: sizeof(struct gcsched_timeline_query)
 * @count: in, the entries @events has room for; out, how many the kernel
 *	wrote: the most recent, oldest first, by @ns; 0 in: how many there
 *	are, and nothing written
 * @entry_size: sizeof(struct gcsched_tl_event) as the caller knows it,
 *	from its first version up to PAGE_SIZE (E2BIG past it), as HIST's;
 *	not checked when @count is 0
 * @flags: out: GCSCHED_TL_* (ignored in)
 * @total: out: events recorded since START (ignored in)
 * @lost: out: of those, how many this read cannot return: overwritten in
 *	their ring, or older than the window every ring still covers
 *	(ignored in)
 * @events: a user pointer to @count entries; no other byte is written
 *
 * ENOMEM if the kernel has no room for its copy of the rings.
 */
struct gcsched_timeline_query {
	__u32 size;
	__u32 count;
	__u32 entry_size;
	__u32 flags;
	__u64 total;
	__u64 lost;
	__aligned_u64 events;
};

#define GCSCHED_IOC_INFO	_IO(GCSCHED_IOC_TYPE, GCSCHED_CMD_INFO)
#define GCSCHED_IOC_CONFIGURE	_IO(GCSCHED_IOC_TYPE, GCSCHED_CMD_CONFIGURE)
#define GCSCHED_IOC_START	_IO(GCSCHED_IOC_TYPE, GCSCHED_CMD_START)
#define GCSCHED_IOC_STOP	_IO(GCSCHED_IOC_TYPE, GCSCHED_CMD_STOP)
#define GCSCHED_IOC_GC		_IO(GCSCHED_IOC_TYPE, GCSCHED_CMD_GC)
#define GCSCHED_IOC_STATS	_IO(GCSCHED_IOC_TYPE, GCSCHED_CMD_STATS)
#define GCSCHED_IOC_HIST	_IO(GCSCHED_IOC_TYPE, GCSCHED_CMD_HIST)
#define GCSCHED_IOC_TIMELINE	_IO(GCSCHED_IOC_TYPE, GCSCHED_CMD_TIMELINE)

#endif /* _UAPI_LINUX_GCSCHED_H */
