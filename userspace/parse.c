// SPDX-License-Identifier: GPL-2.0
/* gcschedctl's numbers, read strictly (parse.h says the rules). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <linux/gcsched.h>

#include "parse.h"

static const char out_of_range[] = "out of range";

/* Decimal digits, at least one, into *v; NULL, @none if there are none, or why not. */
static const char *digits(const char **sp, uint64_t *v, const char *none)
{
	const char *s = *sp;

	if (*s < '0' || *s > '9')
		return none;
	for (*v = 0; *s >= '0' && *s <= '9'; s++) {
		if (*v > (UINT64_MAX - (*s - '0')) / 10)
			return "too large";
		*v = *v * 10 + (*s - '0');
	}
	*sp = s;
	return NULL;
}

static const char *in_range(uint64_t v, uint64_t lo, uint64_t hi, uint64_t *out)
{
	if (v < lo || v > hi)
		return out_of_range;
	*out = v;
	return NULL;
}

const char *parse_count(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	const char *why;
	uint64_t v;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return "counts are decimal";
	why = digits(&s, &v, "not a whole number");
	if (why)
		return why;
	if (*s)
		return "not a whole number";
	return in_range(v, lo, hi, out);
}

const char *parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	const char *why;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		if (!*s)
			return "not a number";
		for (; *s; s++) {
			int d = *s >= '0' && *s <= '9' ? *s - '0' :
				*s >= 'a' && *s <= 'f' ? *s - 'a' + 10 :
				*s >= 'A' && *s <= 'F' ? *s - 'A' + 10 : -1;

			if (d < 0)
				return "not a number";
			if (v >> 60)
				return "too large";
			v = v << 4 | d;
		}
		*out = v;
		return NULL;
	}
	why = digits(&s, &v, "not a number");
	if (why)
		return why;
	if (*s)
		return "not a number";
	*out = v;
	return NULL;
}

const char *parse_size(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	unsigned int shift = 0;
	const char *why;
	uint64_t v;

	why = digits(&s, &v, "not a size");
	if (why)
		return why;
	switch (*s) {
	case 'k': case 'K': shift = 10; s++; break;
	case 'm': case 'M': shift = 20; s++; break;
	case 'g': case 'G': shift = 30; s++; break;
	default: break;
	}
	/* "2K", "2KB", "2KiB", "2048B"; not "2iB" */
	if (*s && strcmp(s, "B") && (!shift || strcmp(s, "iB")))
		return "not a size";
	if (v > UINT64_MAX >> shift)
		return "too large";
	return in_range(v << shift, lo, hi, out);
}

const char *parse_duration(const char *s, uint64_t lo, uint64_t hi, uint64_t *ns)
{
	static const struct { const char *unit; uint64_t ns; } units[] = {
		{ "ns", 1 }, { "us", 1000 }, { "ms", 1000000 },
		{ "s", 1000000000ULL }, { "m", 60000000000ULL },
		{ "h", 3600000000000ULL },
	};
	uint64_t whole, frac = 0, scale = 1, mult = 0;
	const char *why;
	size_t i;

	why = digits(&s, &whole, "not a duration");
	if (why)
		return why;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return "not a duration";
		for (; *s >= '0' && *s <= '9'; s++) {
			if (scale < 1000000000000000000ULL) {
				frac = frac * 10 + (*s - '0');
				scale *= 10;
			}
		}
	}
	if (!*s) {
		if (whole || frac)
			return "needs a unit (ns, us, ms, s, m or h)";
		return in_range(0, lo, hi, ns);
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(s, units[i].unit))
			mult = units[i].ns;
	if (!mult)
		return "not a duration: its unit is ns, us, ms, s, m or h";
	if (whole > UINT64_MAX / mult)
		return "too long";
	whole *= mult;
	/* the fraction, rounded to the nearest ns */
	frac = (uint64_t)(((long double)frac * mult) / scale + 0.5L);
	if (whole > UINT64_MAX - frac)
		return "too long";
	return in_range(whole + frac, lo, hi, ns);
}

int config_range(unsigned int field, uint64_t *least, uint64_t *greatest)
{
	switch (field) {
#define X(f, F, lo, hi, d)				\
	case GCSCHED_FIELD_##F:				\
		*least = lo;				\
		*greatest = hi;				\
		return 1;
	GCSCHED_CONFIG_RANGES(X)
#undef X
	default:
		return 0;
	}
}

uint64_t config_default(unsigned int field)
{
	switch (field) {
#define X(f, F, lo, hi, d)	case GCSCHED_FIELD_##F: return d;
	GCSCHED_CONFIG_RANGES(X)
#undef X
	default:
		return 0;
	}
}

uint64_t config_field(const struct gcsched_config *c, unsigned int field)
{
	switch (field) {
#define X(f, F, lo, hi, d)	case GCSCHED_FIELD_##F: return c->f;
	GCSCHED_CONFIG_RANGES(X)
#undef X
	default:
		return 0;
	}
}
