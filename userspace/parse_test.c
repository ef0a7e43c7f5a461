// SPDX-License-Identifier: GPL-2.0
/*
 * parse_test: gcschedctl's number parsers, on the host, with no device:
 * every case of the rules in parse.h, and each input a new user once saw
 * guessed wrong. Prints a line per failure; exit status 1 if any.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <linux/gcsched.h>

#include "parse.h"

static int failures;

#define CHECK(call, want_ok, want_val, text) do {				\
	uint64_t v = 0;								\
	const char *why = (call);						\
	if (!!why == !!(want_ok) || ((want_ok) && v != (want_val))) {		\
		printf("parse_test: %s: got %s, value %llu; want %s %llu\n",	\
		       text, why ? why : "ok", (unsigned long long)v,		\
		       (want_ok) ? "ok" : "an error",				\
		       (unsigned long long)(want_val));				\
		failures++;							\
	}									\
} while (0)

/* The reason matters too: it is what the user reads. */
#define WHY(call, want, text) do {						\
	uint64_t v = 0;								\
	const char *why = (call);						\
	if (!why || strcmp(why, want)) {					\
		printf("parse_test: %s: said \"%s\", want \"%s\"\n", text,	\
		       why ? why : "ok", want);					\
		failures++;							\
	}									\
	(void)v;								\
} while (0)

#define COUNT(s, ok, val)	CHECK(parse_count(s, 1, 1000000, &v), ok, val, "count " s)
#define SEED(s, ok, val)	CHECK(parse_u64(s, &v), ok, val, "seed " s)
#define SIZE(s, ok, val)	CHECK(parse_size(s, 512, 1ULL << 30, &v), ok, val, "size " s)
#define DUR(s, ok, val)		CHECK(parse_duration(s, 0, UINT64_MAX, &v), ok, val, "duration " s)

int main(void)
{
	uint64_t lo, hi;

	COUNT("100", 1, 100);
	COUNT("010", 1, 10);		/* decimal, never octal */
	COUNT("0x10", 0, 0);		/* counts are decimal */
	COUNT("-1", 0, 0);
	COUNT("0", 0, 0);		/* below the range */
	COUNT("1000001", 0, 0);		/* above it */
	COUNT("", 0, 0);
	COUNT("many", 0, 0);
	COUNT("12abc", 0, 0);
	COUNT("99999999999999999999999", 0, 0);	/* overflow */

	SEED("42", 1, 42);
	SEED("0x2a", 1, 42);
	SEED("18446744073709551615", 1, UINT64_MAX);
	SEED("18446744073709551616", 0, 0);
	SEED("0x10000000000000000", 0, 0);
	SEED("abc", 0, 0);		/* was seed 0 */
	SEED("-1", 0, 0);		/* was 2^64-1 */
	SEED("0x", 0, 0);

	SIZE("2048", 1, 2048);
	SIZE("2K", 1, 2048);
	SIZE("2KiB", 1, 2048);
	SIZE("2KB", 1, 2048);
	SIZE("1M", 1, 1 << 20);
	SIZE("1G", 1, 1 << 30);
	SIZE("8G", 0, 0);		/* out of range, not "not a size" */
	SIZE("17179869184G", 0, 0);	/* was 0 after an overflow */
	SIZE("99999999999999999999G", 0, 0);
	SIZE("2iB", 0, 0);
	SIZE("2T", 0, 0);
	SIZE("-2K", 0, 0);
	SIZE("0x800", 0, 0);
	SIZE("256", 0, 0);		/* below 512 */

	DUR("0", 1, 0);
	DUR("10us", 1, 10000);
	DUR("250ns", 1, 250);
	DUR("1.5s", 1, 1500000000);
	DUR("2m", 1, 120000000000ULL);
	DUR("1h", 1, 3600000000000ULL);
	DUR("0.5ns", 1, 1);		/* to the nearest ns */
	DUR("10000", 0, 0);		/* a bare number: which unit? */
	DUR("1e11", 0, 0);		/* was 0 */
	DUR("1e11s", 0, 0);
	DUR("5000000000h", 0, 0);	/* was 0 after an overflow */
	DUR("18446744073s", 1, 18446744073000000000ULL);
	DUR("18446744074s", 0, 0);
	DUR("10 ms", 0, 0);
	DUR("ms", 0, 0);
	DUR("-1s", 0, 0);
	DUR("1.s", 0, 0);

	WHY(parse_count("0x10", 1, 10, &v), "counts are decimal", "count 0x10");
	WHY(parse_count("0", 1, 10, &v), "out of range", "count 0");
	WHY(parse_size("8G", 512, 1ULL << 30, &v), "out of range", "size 8G");
	WHY(parse_size("17179869184G", 512, 1ULL << 30, &v), "too large", "size 17179869184G");
	WHY(parse_duration("10000", 0, UINT64_MAX, &v), "needs a unit (ns, us, ms, s, m or h)",
	    "duration 10000");
	WHY(parse_duration("5000000000h", 0, UINT64_MAX, &v), "too long", "duration 5000000000h");
	WHY(parse_u64("abc", &v), "not a number", "seed abc");

	if (!config_range(GCSCHED_FIELD_NR_PAIRS, &lo, &hi) || lo != 1 || hi != 0x7fffffff) {
		printf("parse_test: config_range(nr_pairs): %llu..%llu\n",
		       (unsigned long long)lo, (unsigned long long)hi);
		failures++;
	}
	if (config_range(GCSCHED_FIELD_POLICY, &lo, &hi)) {
		printf("parse_test: config_range(GCSCHED_FIELD_POLICY) found\n");
		failures++;
	}
	/* The uapi header's histogram rule: each bucket's lower bound is in it. */
	for (__u32 b = 0; b + 1 < GCSCHED_HIST_BUCKETS; b++) {
		__u64 lo = gcsched_hist_bucket_lo(b), next = gcsched_hist_bucket_lo(b + 1);

		if (gcsched_hist_bucket(lo) != b || gcsched_hist_bucket(next - 1) != b ||
		    next <= lo) {
			printf("parse_test: histogram bucket %u: [%llu, %llu)\n", b,
			       (unsigned long long)lo, (unsigned long long)next);
			failures++;
		}
	}
	if (gcsched_hist_bucket(17) != 16 || gcsched_hist_bucket(18) != 17 ||
	    gcsched_hist_bucket(UINT64_MAX) != GCSCHED_HIST_BUCKETS - 1) {
		printf("parse_test: histogram buckets of 17, 18, UINT64_MAX: %u %u %u\n",
		       gcsched_hist_bucket(17), gcsched_hist_bucket(18),
		       gcsched_hist_bucket(UINT64_MAX));
		failures++;
	}
	printf("parse_test: %d failures\n", failures);
	return failures ? 1 : 0;
}
