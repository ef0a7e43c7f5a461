/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gcschedctl's numbers, read strictly: the whole argument or a reason.
 * Each parser returns NULL on success, or a phrase that says what is
 * wrong with the text ("not a whole number", "needs a unit", ...), which
 * the caller puts in a sentence with the option and its range. Nothing is
 * guessed: no octal, no sign, no exponent, no silent overflow.
 *
 *   count     decimal digits: "100", "010" (ten)
 *   u64       decimal or 0x-hex, the whole 64 bits: a seed
 *   size      decimal digits and an optional K, M or G (KiB, MiB, GiB;
 *             "iB" or "B" may follow): "2048", "2K", "1MiB"
 *   duration  a decimal number and a unit: ns, us, ms, s, m, h ("10us",
 *             "1.5s"); a bare number only if it is 0
 *
 * A value outside [lo, hi] is "out of range" (the caller says the range).
 */
#ifndef GCSCHEDCTL_PARSE_H
#define GCSCHEDCTL_PARSE_H

#include <stdint.h>

const char *parse_count(const char *s, uint64_t lo, uint64_t hi, uint64_t *out);
const char *parse_u64(const char *s, uint64_t *out);
const char *parse_size(const char *s, uint64_t lo, uint64_t hi, uint64_t *out);
const char *parse_duration(const char *s, uint64_t lo, uint64_t hi, uint64_t *ns);

struct gcsched_config;

/* The uapi header's range of a CONFIGURE field (GCSCHED_FIELD_*); 0 if none. */
int config_range(unsigned int field, uint64_t *least, uint64_t *greatest);
/* Its default (0: the module's choice at CONFIGURE, as online CPUs). */
uint64_t config_default(unsigned int field);
/* A numeric CONFIGURE field's value, by GCSCHED_FIELD_*; 0 if not numeric. */
uint64_t config_field(const struct gcsched_config *c, unsigned int field);

#endif
