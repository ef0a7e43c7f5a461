// SPDX-License-Identifier: GPL-2.0
/*
 * Bad input, for every ioctl: the size rules of the extensible structs,
 * bad pointers, reserved fields, and each command in each wrong state.
 * Nothing a rejected call carried is applied.
 */
#include <stddef.h>
#include <sys/mman.h>

#include "gcsched_test.h"
#include "kselftest_harness.h"

/*
 * @idle: what the command returns on an idle instance when its struct is
 * well formed. Output-only commands (INFO, GC, STATS) read nothing but
 * the size: a non-zero tail is not theirs to judge.
 */
static const struct {
	const char *name;
	unsigned long cmd;
	size_t size;
	size_t first;		/* the size of the struct's first version */
	int out_only;
	int idle;
} cmds[] = {
	{ "INFO", GCSCHED_IOC_INFO, sizeof(struct gcsched_info),
	  offsetof(struct gcsched_info, max_mem_mib), 1, 0 },
	{ "CONFIGURE", GCSCHED_IOC_CONFIGURE, sizeof(struct gcsched_config),
	  offsetof(struct gcsched_config, netpoll_model), 0, 0 },
	{ "START", GCSCHED_IOC_START, sizeof(struct gcsched_start),
	  sizeof(struct gcsched_start), 0, 0 },
	{ "STOP", GCSCHED_IOC_STOP, sizeof(struct gcsched_start),
	  sizeof(struct gcsched_start), 0, 0 },
	{ "GC", GCSCHED_IOC_GC, sizeof(struct gcsched_gc),
	  offsetof(struct gcsched_gc, stw1_ns), 1, -ESRCH },
	{ "STATS", GCSCHED_IOC_STATS, sizeof(struct gcsched_stats),
	  offsetof(struct gcsched_stats, netpoll_stw_batches), 1, 0 },
	{ "HIST", GCSCHED_IOC_HIST, sizeof(struct gcsched_hist_query),
	  sizeof(struct gcsched_hist_query), 0, 0 },
};

/* The largest size a command accepts: its struct, or a page. */
static size_t max_size(size_t i)
{
	return cmds[i].size > 4096 ? cmds[i].size : 4096;
}
#define NR_CMDS (sizeof(cmds) / sizeof(cmds[0]))

FIXTURE(bad) {
	int fd;
	unsigned char *buf;
};

FIXTURE_SETUP(bad)
{
	self->fd = gc_open();
	ASSERT_LE(0, self->fd);
	self->buf = calloc(1, 2 * sizeof(struct gcsched_stats));
	ASSERT_NE(NULL, self->buf);
}

FIXTURE_TEARDOWN(bad)
{
	close(self->fd);
	free(self->buf);
}

/*
 * Size below the first version: EINVAL. A non-zero tail: E2BIG for an
 * input struct, not read at all for an output-only one.
 */
TEST_F(bad, sizes_for_every_ioctl)
{
	for (size_t i = 0; i < NR_CMDS; i++) {
		uint32_t *size = (uint32_t *)self->buf;

		memset(self->buf, 0, 2 * sizeof(struct gcsched_stats));
		*size = cmds[i].first - 4;
		EXPECT_EQ(-EINVAL, gc_ioctl(self->fd, cmds[i].cmd, self->buf)) TH_LOG("%s", cmds[i].name);
		*size = 0;
		EXPECT_EQ(-EINVAL, gc_ioctl(self->fd, cmds[i].cmd, self->buf)) TH_LOG("%s", cmds[i].name);
		*size = cmds[i].size + 64;
		self->buf[cmds[i].size + 10] = 1;
		/* STATS is over a page: its own size is its limit */
		EXPECT_EQ(*size > max_size(i) ? -E2BIG :
			  cmds[i].out_only ? cmds[i].idle : -E2BIG,
			  gc_ioctl(self->fd, cmds[i].cmd, self->buf)) TH_LOG("%s", cmds[i].name);
	}
}

/*
 * A size past max(struct, page) is E2BIG before anything past the size is
 * read: the size field is the last mapped word, and 1 GiB (as INFO was
 * once accepted with, after a scan of 1 GiB) is refused at once.
 */
TEST_F(bad, size_past_a_page_is_e2big_unread)
{
	unsigned char *m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint32_t *size = (uint32_t *)(m + 4096 - sizeof(uint32_t));

	ASSERT_NE(MAP_FAILED, m);
	ASSERT_EQ(0, munmap(m + 4096, 4096));
	for (size_t i = 0; i < NR_CMDS; i++) {
		uint32_t sizes[] = { max_size(i) + 1, 1U << 30, UINT32_MAX };

		for (size_t j = 0; j < 3; j++) {
			double t0 = gc_now();

			*size = sizes[j];
			EXPECT_EQ(-E2BIG, gc_ioctl(self->fd, cmds[i].cmd, size))
				TH_LOG("%s size %u", cmds[i].name, sizes[j]);
			EXPECT_GT(0.1, gc_now() - t0) TH_LOG("%s", cmds[i].name);
		}
	}
	munmap(m, 4096);
}

/*
 * A size whose zero tail runs into unmapped memory: EFAULT, not E2BIG, for
 * an input struct. An output-only command reads nothing past the size and
 * writes only its own struct: the unmapped tail is never touched.
 */
TEST_F(bad, tail_into_unmapped_memory)
{
	const size_t mapped = 4 * 4096;
	unsigned char *m = mmap(NULL, mapped + 4096, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, m);
	ASSERT_EQ(0, munmap(m + mapped, 4096));
	for (size_t i = 0; i < NR_CMDS; i++) {
		/* the struct ends 64 zero bytes before the unmapped page */
		unsigned char *arg = m + mapped - cmds[i].size - 64;

		memset(m, 0, mapped);
		*(uint32_t *)arg = max_size(i);
		EXPECT_EQ(cmds[i].out_only ? cmds[i].idle : -EFAULT,
			  gc_ioctl(self->fd, cmds[i].cmd, arg)) TH_LOG("%s", cmds[i].name);
	}
	munmap(m, mapped);
}

/* A larger struct with a zero tail is what a newer caller sends: accepted. */
TEST_F(bad, zero_tail_is_accepted)
{
	struct gcsched_config *c = (struct gcsched_config *)self->buf;
	struct gcsched_stats *st;

	memset(self->buf, 0, 2 * sizeof(struct gcsched_stats));
	*(uint32_t *)self->buf = sizeof(struct gcsched_info) + 128;
	EXPECT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_INFO, self->buf));
	EXPECT_EQ(sizeof(struct gcsched_info), *(uint32_t *)self->buf);

	memset(self->buf, 0, 2 * sizeof(struct gcsched_stats));
	c->size = sizeof(*c) + 256;
	c->nr_pairs = 3;
	c->gc_mode = GCSCHED_GC_MANUAL;
	EXPECT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_CONFIGURE, c));

	memset(self->buf, 0, 2 * sizeof(struct gcsched_stats));
	*(uint32_t *)self->buf = sizeof(struct gcsched_start) + 8;
	EXPECT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_START, self->buf));

	memset(self->buf, 0, 2 * sizeof(struct gcsched_stats));
	*(uint32_t *)self->buf = sizeof(struct gcsched_gc) + 8;
	EXPECT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_GC, self->buf));

	/* STATS is larger than a page: its own size is its largest */
	memset(self->buf, 0, 2 * sizeof(struct gcsched_stats));
	*(uint32_t *)self->buf = sizeof(struct gcsched_stats);
	EXPECT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_STATS, self->buf));
	st = (struct gcsched_stats *)self->buf;
	EXPECT_EQ(6, st->nr_gs);
	EXPECT_EQ(1, st->gc_cycles);

	memset(self->buf, 0, 2 * sizeof(struct gcsched_stats));
	*(uint32_t *)self->buf = sizeof(struct gcsched_start) + 8;
	EXPECT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_STOP, self->buf));
}

/* NULL, unmapped and kernel addresses: EFAULT, for every ioctl. */
TEST_F(bad, bad_pointers_for_every_ioctl)
{
	void *unmapped = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *ptrs[] = { NULL, (void *)1, unmapped, (void *)0xffffffff81000000UL,
			 (void *)0xffff888000000000UL };

	ASSERT_NE(MAP_FAILED, unmapped);
	for (size_t i = 0; i < NR_CMDS; i++)
		for (size_t j = 0; j < sizeof(ptrs) / sizeof(ptrs[0]); j++) {
			EXPECT_EQ(-EFAULT, gc_ioctl(self->fd, cmds[i].cmd, ptrs[j]))
				TH_LOG("%s with pointer #%zu", cmds[i].name, j);
		}
	/* A struct that straddles into an unmapped page: EFAULT too. */
	unsigned char *two = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct gcsched_config *c;

	ASSERT_NE(MAP_FAILED, two);
	munmap(two + 4096, 4096);
	c = (struct gcsched_config *)(two + 4096 - 16);
	c->size = sizeof(*c);
	EXPECT_EQ(-EFAULT, gc_ioctl(self->fd, GCSCHED_IOC_CONFIGURE, c));
	munmap(two, 4096);
	munmap(unmapped, 4096);
}

TEST_F(bad, reserved_fields_are_einval)
{
	struct gcsched_start s = { .size = sizeof(s), .__reserved = 1 };
	struct gcsched_hist_query q = { .size = sizeof(q), .__reserved = 1 };

	EXPECT_EQ(-EINVAL, gc_ioctl(self->fd, GCSCHED_IOC_START, &s));
	EXPECT_EQ(-EINVAL, gc_ioctl(self->fd, GCSCHED_IOC_STOP, &s));
	EXPECT_EQ(-EINVAL, gc_ioctl(self->fd, GCSCHED_IOC_HIST, &q));

	/* CONFIGURE's reserved word, and a netpoller model past the last */
	struct gcsched_config c = gc_config(GCSCHED_POLICY_GO14_BUGGY);

	c.__reserved = 1;
	EXPECT_EQ(-EINVAL, gc_configure(self->fd, &c));
	EXPECT_EQ(GCSCHED_FIELD_RESERVED, c.bad_field);
	/* what was __reserved2, nr_selects: a go1.4 policy has no select */
	c = gc_config(GCSCHED_POLICY_GO14_BUGGY);
	c.nr_selects = 1;
	EXPECT_EQ(-EINVAL, gc_configure(self->fd, &c));
	EXPECT_EQ(GCSCHED_FIELD_NR_SELECTS, c.bad_field);
	c = gc_config(GCSCHED_POLICY_GO14_BUGGY);
	c.netpoll_model = GCSCHED_NR_NETPOLL_MODELS;
	EXPECT_EQ(-EINVAL, gc_configure(self->fd, &c));
	EXPECT_EQ(GCSCHED_FIELD_NETPOLL_MODEL, c.bad_field);
	c = gc_config(GCSCHED_POLICY_MODERN);
	EXPECT_EQ(0, gc_configure(self->fd, &c));
	EXPECT_EQ(GCSCHED_NETPOLL_THREAD, c.netpoll_model);
	c = gc_config(GCSCHED_POLICY_MODERN_NOASYNC);
	EXPECT_EQ(0, gc_configure(self->fd, &c));
	EXPECT_EQ(GCSCHED_NETPOLL_THREAD, c.netpoll_model);
}

/*
 * HIST: the entries the caller has room for, each as long as it says, and
 * not one byte more; every byte of an entry is the kernel's, twice alike;
 * the figures agree with STATS once the instance is stopped.
 */
#define HIST_ESIZE (sizeof(struct gcsched_hist) + 64)

static struct gcsched_hist *hist_at(unsigned char *buf, size_t k)
{
	return (struct gcsched_hist *)(buf + k * HIST_ESIZE);
}

TEST_F(bad, hist_writes_its_entries_only)
{
	const size_t room = GCSCHED_NR_HISTS + 1, len = room * HIST_ESIZE;
	unsigned char *buf = malloc(len), *again = malloc(len);
	struct gcsched_config c = gc_config(GCSCHED_POLICY_GO14_FIXED);
	struct gcsched_hist_query q = { .size = sizeof(q) };
	unsigned long long phases = 0;
	struct gcsched_stats *st;

	ASSERT_NE(NULL, buf);
	ASSERT_NE(NULL, again);
	/* asking only: nothing is read or written at @hists */
	q.hists = 1;
	EXPECT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_HIST, &q));
	EXPECT_EQ(GCSCHED_NR_HISTS, q.count);

	c.nr_pairs = 16;
	c.gc_mode = GCSCHED_GC_MANUAL;
	ASSERT_EQ(0, gc_configure(self->fd, &c));
	ASSERT_EQ(0, gc_start(self->fd));
	for (int i = 0; i < 20; i++) {
		struct gcsched_gc gc = { .size = sizeof(gc) };

		ASSERT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_GC, &gc));
		ASSERT_EQ(GCSCHED_GC_OK, gc.outcome);
	}
	ASSERT_EQ(0, gc_stop(self->fd));
	st = gc_stats(self->fd);
	ASSERT_NE(NULL, st);

	for (int pass = 0; pass < 2; pass++) {
		memset(buf, 0xff, len);
		q.count = room;
		q.entry_size = HIST_ESIZE;
		q.hists = (uintptr_t)buf;
		ASSERT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_HIST, &q));
		EXPECT_EQ(GCSCHED_NR_HISTS, q.count);
		EXPECT_EQ(sizeof(q), q.size);
		if (pass)
			EXPECT_EQ(0, memcmp(buf, again, len));
		memcpy(again, buf, len);
	}
	for (size_t k = 0; k < GCSCHED_NR_HISTS; k++) {
		struct gcsched_hist *h = hist_at(buf, k);
		unsigned long long n = 0;

		EXPECT_EQ(k, h->kind);
		EXPECT_EQ(0, h->__reserved);
		for (int b = 0; b < GCSCHED_HIST_BUCKETS; b++)
			n += h->buckets[b];
		EXPECT_EQ(n, h->samples) TH_LOG("histogram %zu", k);
		EXPECT_LE(h->max_ns, h->sum_ns) TH_LOG("histogram %zu", k);
		for (size_t i = sizeof(*h); i < HIST_ESIZE; i++) {
			ASSERT_EQ(0, buf[k * HIST_ESIZE + i]) TH_LOG("entry %zu byte %zu", k, i);
		}
	}
	for (size_t i = GCSCHED_NR_HISTS * HIST_ESIZE; i < len; i++) {
		ASSERT_EQ(0xff, buf[i]) TH_LOG("past the last entry, byte %zu", i);
	}

	/* the same figures as STATS, and the phases add up to the pause */
	EXPECT_EQ(20, st->gc_cycles);
	EXPECT_EQ(st->gc_cycles, hist_at(buf, GCSCHED_HIST_PAUSE)->samples);
	EXPECT_EQ(st->pause_total_ns, hist_at(buf, GCSCHED_HIST_PAUSE)->sum_ns);
	EXPECT_EQ(st->pause_max_ns, hist_at(buf, GCSCHED_HIST_PAUSE)->max_ns);
	EXPECT_EQ(0, memcmp(st->pause_hist, hist_at(buf, GCSCHED_HIST_PAUSE)->buckets,
			    sizeof(st->pause_hist)));
	EXPECT_EQ(0, memcmp(st->spin_hist, hist_at(buf, GCSCHED_HIST_SPIN)->buckets,
			    sizeof(st->spin_hist)));
	EXPECT_EQ(st->spins, hist_at(buf, GCSCHED_HIST_SPIN)->samples);
	EXPECT_EQ(st->spin_max_ns, hist_at(buf, GCSCHED_HIST_SPIN)->max_ns);
	for (int p = 0; p < GCSCHED_NR_PHASES; p++) {
		struct gcsched_hist *h = hist_at(buf, GCSCHED_HIST_PHASE + p);

		EXPECT_EQ(st->gc_cycles, h->samples) TH_LOG("phase %d", p);
		EXPECT_GE(st->pause_max_ns, h->max_ns) TH_LOG("phase %d", p);
		if (p != GCSCHED_PHASE_SHRINK)
			phases += h->sum_ns;
	}
	EXPECT_EQ(st->pause_total_ns, phases);
	EXPECT_LT(0, hist_at(buf, GCSCHED_HIST_PHASE + GCSCHED_PHASE_SCAN)->sum_ns);

	/* entry sizes: below the first version, past a page, a page (each
	 * call sets count again: it comes back as the kernel's number) */
	q.count = 1;
	q.entry_size = sizeof(struct gcsched_hist) - 8;
	EXPECT_EQ(-EINVAL, gc_ioctl(self->fd, GCSCHED_IOC_HIST, &q));
	EXPECT_EQ(GCSCHED_NR_HISTS, q.count);
	q.count = 1;
	q.entry_size = 4096 + 8;
	EXPECT_EQ(-E2BIG, gc_ioctl(self->fd, GCSCHED_IOC_HIST, &q));
	q.count = 1;
	q.entry_size = 4096;
	q.hists = (uintptr_t)again;
	EXPECT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_HIST, &q));
	EXPECT_EQ(0, memcmp(again, buf, sizeof(struct gcsched_hist)));

	/* a second entry that runs into an unmapped page: EFAULT, the first written */
	unsigned char *m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(MAP_FAILED, m);
	ASSERT_EQ(0, munmap(m + 4096, 4096));
	q.count = 2;
	q.entry_size = sizeof(struct gcsched_hist);
	q.hists = (uintptr_t)(m + 4096 - sizeof(struct gcsched_hist) - 8);
	EXPECT_EQ(-EFAULT, gc_ioctl(self->fd, GCSCHED_IOC_HIST, &q));
	EXPECT_EQ(GCSCHED_NR_HISTS, q.count);
	EXPECT_EQ(0, memcmp((void *)(uintptr_t)q.hists, buf, sizeof(struct gcsched_hist)));
	q.hists = 0;
	EXPECT_EQ(-EFAULT, gc_ioctl(self->fd, GCSCHED_IOC_HIST, &q));
	munmap(m, 4096);
	free(st);
	free(buf);
	free(again);
}

/* A rejected CONFIGURE changes nothing: the last good one is what runs. */
TEST_F(bad, rejected_calls_apply_nothing)
{
	struct gcsched_config good = gc_config(GCSCHED_POLICY_GO14_FIXED);
	struct gcsched_config *c = (struct gcsched_config *)self->buf;
	struct gcsched_stats *st;

	good.nr_pairs = 4;
	good.gc_mode = GCSCHED_GC_MANUAL;
	ASSERT_EQ(0, gc_configure(self->fd, &good));
	/* E2BIG for the tail, with a valid head asking for 50 pairs */
	memset(self->buf, 0, 2 * sizeof(struct gcsched_stats));
	*c = gc_config(GCSCHED_POLICY_MODERN);
	c->nr_pairs = 50;
	c->size = sizeof(*c) + 16;
	self->buf[sizeof(*c) + 3] = 7;
	EXPECT_EQ(-E2BIG, gc_ioctl(self->fd, GCSCHED_IOC_CONFIGURE, c));
	/* a bad last field after good ones */
	*c = gc_config(GCSCHED_POLICY_MODERN);
	c->nr_pairs = 50;
	c->race_window_ns = 5000000;
	EXPECT_EQ(-ERANGE, gc_configure(self->fd, c));
	ASSERT_EQ(0, gc_start(self->fd));
	st = gc_stats(self->fd);
	ASSERT_NE(NULL, st);
	EXPECT_EQ(8, st->nr_gs);
	free(st);
}

/* Each command in each wrong state gets the state's errno. */
TEST_F_TIMEOUT(bad, wrong_states, 120)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_GO14_BUGGY);
	struct gcsched_gc gc = { .size = sizeof(gc) };
	struct gcsched_stats *st;
	int fd2;

	/* idle: GC has nothing to collect; STOP is harmless */
	EXPECT_EQ(-ESRCH, gc_ioctl(self->fd, GCSCHED_IOC_GC, &gc));
	EXPECT_EQ(0, gc_stop(self->fd));
	/*
	 * running: CONFIGURE and START are busy. The wedge and the throw
	 * below come from the forced schedule, at the first stop: a natural
	 * race took more than 100 s on the KCSAN kernel (2026-12-03).
	 */
	c.flags = GCSCHED_CFG_FORCED;
	c.netpoll_model = GCSCHED_NETPOLL_THREAD;
	ASSERT_EQ(0, gc_configure(self->fd, &c));
	ASSERT_EQ(0, gc_start(self->fd));
	EXPECT_EQ(-EBUSY, gc_configure(self->fd, &c));
	EXPECT_EQ(-EBUSY, gc_start(self->fd));
	/* wedged: only STATS and STOP */
	ASSERT_EQ(1, gc_wait_failure(self->fd, 100));
	st = gc_stats(self->fd);
	ASSERT_NE(NULL, st);
	ASSERT_EQ(GCSCHED_STATE_WEDGED, st->state);
	free(st);
	EXPECT_EQ(-EDEADLK, gc_configure(self->fd, &c));
	EXPECT_EQ(-EDEADLK, gc_start(self->fd));
	EXPECT_EQ(-EDEADLK, gc_ioctl(self->fd, GCSCHED_IOC_GC, &gc));
	EXPECT_EQ(0, gc_stop(self->fd));
	/* stopped: START again begins afresh */
	st = gc_stats(self->fd);
	EXPECT_EQ(GCSCHED_STATE_STOPPED, st->state);
	EXPECT_EQ(GCSCHED_REPORT_WEDGE, st->report.kind);	/* kept for reading */
	free(st);
	EXPECT_EQ(-ESRCH, gc_ioctl(self->fd, GCSCHED_IOC_GC, &gc));

	/* crashed: only STATS and STOP */
	fd2 = gc_open();
	ASSERT_LE(0, fd2);
	c.flags = GCSCHED_CFG_FORCED | GCSCHED_CFG_THROW_CHECK;
	ASSERT_EQ(0, gc_configure(fd2, &c));
	ASSERT_EQ(0, gc_start(fd2));
	ASSERT_EQ(1, gc_wait_failure(fd2, 100));
	EXPECT_EQ(-ENOTRECOVERABLE, gc_configure(fd2, &c));
	EXPECT_EQ(-ENOTRECOVERABLE, gc_start(fd2));
	EXPECT_EQ(-ENOTRECOVERABLE, gc_ioctl(fd2, GCSCHED_IOC_GC, &gc));
	st = gc_stats(fd2);
	ASSERT_NE(NULL, st);
	EXPECT_EQ(GCSCHED_STATE_CRASHED, st->state);
	free(st);
	close(fd2);
}

/*
 * The timeline: a forced throw freezes it with the report's event last,
 * the victim's last move before it the netpoller's Gwaiting -> Grunnable
 * (the move 2b62e1e's check throws on), then the collector's CAS spin on
 * it (Gwaiting -> Gcopystack, finding Grunnable), events in time order; STOP keeps
 * it; NO_TIMELINE keeps none; bad queries are refused.
 */
TEST_F_TIMEOUT(bad, timeline_freezes_at_the_failure, 120)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_GO14_BUGGY);
	struct gcsched_timeline_query q = { .size = sizeof(q) }, q2;
	struct gcsched_tl_event *ev = calloc(8192, sizeof(*ev));
	struct gcsched_tl_event *ev2 = calloc(8192, sizeof(*ev2));
	struct gcsched_stats *st;
	int victim_last = -1;
	unsigned int i;

	ASSERT_NE(NULL, ev);
	ASSERT_NE(NULL, ev2);
	c.flags = GCSCHED_CFG_FORCED | GCSCHED_CFG_THROW_CHECK;
	c.netpoll_model = GCSCHED_NETPOLL_THREAD;
	ASSERT_EQ(0, gc_configure(self->fd, &c));
	ASSERT_EQ(0, gc_start(self->fd));
	ASSERT_EQ(1, gc_wait_failure(self->fd, 100));
	st = gc_stats(self->fd);
	ASSERT_NE(NULL, st);
	ASSERT_EQ(GCSCHED_STATE_CRASHED, st->state);
	q.count = 8192;
	q.entry_size = sizeof(*ev);
	q.events = (uintptr_t)ev;
	ASSERT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_TIMELINE, &q));
	EXPECT_EQ(GCSCHED_TL_FROZEN, q.flags);
	ASSERT_LT(10, q.count);
	EXPECT_LE(q.count, q.total);
	for (i = 1; i < q.count; i++) {
		EXPECT_LE(ev[i - 1].ns, ev[i].ns) TH_LOG("event %u", i);
	}
	EXPECT_EQ(GCSCHED_TL_REPORT, ev[q.count - 1].kind);
	EXPECT_EQ(st->report.goid, ev[q.count - 1].goid);
	EXPECT_EQ(GCSCHED_REPORT_THROW, ev[q.count - 1].arg);
	for (i = 0; i + 1 < q.count; i++)
		if (ev[i].kind == GCSCHED_TL_STATUS && ev[i].goid == st->report.goid)
			victim_last = i;
	ASSERT_LE(0, victim_last);
	EXPECT_EQ(GCSCHED_GWAITING, ev[victim_last].from);
	EXPECT_EQ(GCSCHED_GRUNNABLE, ev[victim_last].to);
	EXPECT_EQ(GCSCHED_ACTOR_NETPOLL, ev[victim_last].actor >> 8);
	/*
	 * Between it and the report, the collector's CAS that lost: its
	 * spin's mark, Gwaiting -> Gcopystack, finding Grunnable.
	 */
	for (i = victim_last + 1; i + 1 < q.count; i++)
		if (ev[i].kind == GCSCHED_TL_CAS_SPIN && ev[i].goid == st->report.goid)
			break;
	ASSERT_GT(q.count - 1, i) TH_LOG("no CAS_SPIN on G%u after its last move", st->report.goid);
	EXPECT_EQ(ev[q.count - 1].actor, ev[i].actor);
	EXPECT_EQ(GCSCHED_GWAITING, ev[i].from);
	EXPECT_EQ(GCSCHED_GCOPYSTACK, ev[i].to);
	EXPECT_EQ(GCSCHED_GRUNNABLE, ev[i].arg);
	/* STOP keeps the window, whole */
	EXPECT_EQ(0, gc_stop(self->fd));
	q2 = q;		/* its outputs are not read */
	q2.count = 8192;
	q2.events = (uintptr_t)ev2;
	ASSERT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_TIMELINE, &q2));
	EXPECT_EQ(q.count, q2.count);
	EXPECT_EQ(0, memcmp(ev, ev2, q.count * sizeof(*ev)));
	/* count 0: how many there are; bad entry sizes */
	q.count = 0;
	ASSERT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_TIMELINE, &q));
	EXPECT_EQ(q2.count, q.count);
	q.count = 1;
	q.entry_size = sizeof(*ev) - 1;
	EXPECT_EQ(-EINVAL, gc_ioctl(self->fd, GCSCHED_IOC_TIMELINE, &q));
	q.entry_size = 4096 + 8;
	EXPECT_EQ(-E2BIG, gc_ioctl(self->fd, GCSCHED_IOC_TIMELINE, &q));
	q.entry_size = sizeof(*ev);
	/* NO_TIMELINE: none kept */
	c = gc_config(GCSCHED_POLICY_MODERN);
	c.flags = GCSCHED_CFG_NO_TIMELINE;
	ASSERT_EQ(0, gc_configure(self->fd, &c));
	ASSERT_EQ(0, gc_start(self->fd));
	q.flags = 0;
	q.count = 16;
	ASSERT_EQ(0, gc_ioctl(self->fd, GCSCHED_IOC_TIMELINE, &q));
	EXPECT_EQ(GCSCHED_TL_OFF, q.flags);
	EXPECT_EQ(0, q.count);
	EXPECT_EQ(0, gc_stop(self->fd));
	free(st);
	free(ev);
	free(ev2);
}

/* Every allocation of a START, made to fail in turn: ENOMEM, no leak. */
TEST_F_TIMEOUT(bad, start_fails_cleanly_at_every_allocation, 120)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_MODERN);
	long base;
	int n, ret, fails = 0;

	c.nr_pairs = 8;
	c.gc_mode = GCSCHED_GC_MANUAL;
	ASSERT_EQ(0, gc_configure(self->fd, &c));
	base = gc_live_objects();
	ASSERT_LT(0, base);
	for (n = 1; n < 100; n++) {
		ASSERT_EQ(0, gc_set_fail_nth(self->fd, n));
		ret = gc_start(self->fd);
		if (!ret)
			break;
		EXPECT_EQ(-ENOMEM, ret) TH_LOG("allocation %d", n);
		EXPECT_EQ(base, gc_live_objects()) TH_LOG("allocation %d", n);
		fails++;
	}
	/* the teardown record, the timeline, allg, allm, a stack per G: 4 + 16 */
	EXPECT_EQ(20, fails);
	EXPECT_EQ(0, gc_stop(self->fd));
	ASSERT_EQ(0, gc_set_fail_nth(self->fd, 0));
	/* the timeline stays for reading, until the next START or close() */
	EXPECT_EQ(base + 1, gc_live_objects());
}

/* A stack that cannot grow is the runtime's throw, not a kernel problem. */
TEST_F_TIMEOUT(bad, stack_growth_failure_is_a_throw, 60)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_GO14_FIXED);
	struct gcsched_stats *st;

	c.nr_pairs = 4;
	c.gc_mode = GCSCHED_GC_MANUAL;
	ASSERT_EQ(0, gc_configure(self->fd, &c));
	/* START allocates its teardown record, the timeline, allg, allm and
	 * 8 stacks; the 13th is a growth
	 */
	ASSERT_EQ(0, gc_set_fail_nth(self->fd, 13));
	ASSERT_EQ(0, gc_start(self->fd));
	ASSERT_EQ(1, gc_wait_failure(self->fd, 30));
	st = gc_stats(self->fd);
	ASSERT_NE(NULL, st);
	EXPECT_EQ(GCSCHED_STATE_CRASHED, st->state);
	EXPECT_STREQ("runtime: cannot allocate memory", (char *)st->report.msg);
	free(st);
}

/* The deepest bigstack that fits stack_max runs; one frame more is refused. */
TEST_F_TIMEOUT(bad, deepest_bigstack_that_fits_runs, 60)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_MODERN);
	struct gcsched_stats *st;

	c.nr_pairs = 2;
	c.stack_max = 65536;
	c.bigstack_depth = 512;	/* 512 * 128 + the 64-byte base frame > 64K */
	EXPECT_EQ(-ERANGE, gc_configure(self->fd, &c));
	EXPECT_EQ(GCSCHED_FIELD_BIGSTACK_DEPTH, c.bad_field);
	c.bigstack_depth = 511;	/* 65472 bytes: fits */
	ASSERT_EQ(0, gc_configure(self->fd, &c));
	ASSERT_EQ(0, gc_start(self->fd));
	usleep(500000);
	st = gc_stats(self->fd);
	ASSERT_NE(NULL, st);
	EXPECT_EQ(GCSCHED_STATE_RUNNING, st->state);
	EXPECT_LT(0, st->steps);
	EXPECT_EQ(GCSCHED_REPORT_NONE, st->report.kind);
	free(st);
}

TEST_HARNESS_MAIN
