/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hot counters: one list for the per-CPU struct and the STATS sum.
 * Each is a u64 of struct gcsched_pcpu, bumped with gstat_inc() or
 * gstat_add(), and summed by STATS into the u64 of struct gcsched_stats
 * of the same name. A new counter is a line here and its field in the
 * uapi header.
 *
 * X-macros, which checkpatch reads as complex macros: make checkpatch
 * checks this header without COMPLEX_MACRO and TRAILING_SEMICOLON, as it
 * checks the uapi header's range table without COMPLEX_MACRO.
 */
#ifndef _GCSCHED_COUNTERS_H
#define _GCSCHED_COUNTERS_H

/* X(name, ...): each counter, with the caller's other arguments. */
#define GCSCHED_PCPU_COUNTERS(X, ...)					\
	X(illegal_transitions, ##__VA_ARGS__)				\
	X(spins, ##__VA_ARGS__)						\
	X(netpoll_wakeups, ##__VA_ARGS__)				\
	X(netpoll_wakeups_stw, ##__VA_ARGS__)				\
	X(runq_injections, ##__VA_ARGS__)				\
	X(steps, ##__VA_ARGS__)						\
	X(messages, ##__VA_ARGS__)					\
	X(stack_grows, ##__VA_ARGS__)					\
	X(stack_shrinks, ##__VA_ARGS__)					\
	X(stack_bytes_copied, ##__VA_ARGS__)				\
	X(verifications, ##__VA_ARGS__)					\
	X(verify_failures, ##__VA_ARGS__)

#define GCSCHED_PCPU_FIELD(f)		u64 f;
/* The counters as members of struct gcsched_pcpu. */
#define GCSCHED_PCPU_FIELDS		GCSCHED_PCPU_COUNTERS(GCSCHED_PCPU_FIELD)

#define GCSCHED_PCPU_ADD_ONE(f, st, pc)	((st)->f += (pc)->f);
/* Add one CPU's counters @pc into the STATS snapshot @st. */
#define GCSCHED_PCPU_ADD(st, pc)					\
	do {								\
		GCSCHED_PCPU_COUNTERS(GCSCHED_PCPU_ADD_ONE, st, pc)	\
	} while (0)

#endif /* _GCSCHED_COUNTERS_H */
