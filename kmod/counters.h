/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hot counters: the uapi header's GCSCHED_STATS_COUNTERS listed under
 * PCPU are the u64 members of struct gcsched_pcpu, bumped with gstat_inc()
 * or gstat_add() and summed by STATS (gcsched_get_stats()) into the field
 * of struct gcsched_stats of the same name. A new per-CPU counter is its
 * field and its line in the uapi header.
 *
 * X-macros, which checkpatch reads as complex macros: make checkpatch
 * checks this header without COMPLEX_MACRO, TRAILING_SEMICOLON and
 * MACRO_ARG_UNUSED (the macro that skips a counter), as it checks the
 * uapi header's tables without COMPLEX_MACRO.
 */
#ifndef _GCSCHED_COUNTERS_H
#define _GCSCHED_COUNTERS_H

#include <linux/gcsched.h>

#define GCSCHED_PCPU_FIELD(f)	u64 f;
/* An INST counter, which the instance keeps itself. */
#define GCSCHED_PCPU_SKIP(f)
/* The PCPU counters as members of struct gcsched_pcpu. */
#define GCSCHED_PCPU_FIELDS \
	GCSCHED_STATS_COUNTERS(GCSCHED_PCPU_FIELD, GCSCHED_PCPU_SKIP)

#endif /* _GCSCHED_COUNTERS_H */
