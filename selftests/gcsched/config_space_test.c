// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration space, at its edges: every CONFIGURE field at its
 * least and greatest, just inside and just outside, and its default,
 * taken from the uapi header's range table (GCSCHED_CONFIG_RANGES), never
 * from literals; then the pairs of fields that interact:
 *   stack_min x stack_max x frame_size x bigstack_depth x nr_pairs,
 *   nr_workers x gc_procs, policy x race_window x wedge_timeout x gc_mode
 *   (half of them with each netpoller model).
 *
 * An independent oracle says, for each configuration, which rules it
 * breaks; the module must refuse it exactly when it breaks one, naming
 * one of them in bad_field with that rule's errno. Every accepted one
 * runs until it made min(nr_gs, 20000) steps and one GC cycle, or ended
 * in a runtime failure (a throw or a wedge is data), then STOPs, and the
 * module's live allocations are back to zero. The console scan of the
 * runner catches what this cannot see (an oops, a lockup, a warning).
 *
 * On a debug kernel (GCSCHED_SLOW) each runs to 50 steps at most, and
 * one of over 20000 Gs need not progress in its 30 s: its START and STOP
 * are checked there, its progress on the other kernels.
 * Running is time-boxed (GCSCHED_SPACE_SECONDS, 170 by default): the
 * boundaries first, then the pairs in an order shuffled by
 * GCSCHED_SPACE_SEED (1), so that a shorter box on a debug kernel runs a
 * seeded subset. Every configuration is still checked against the oracle.
 */
#include "gcsched_test.h"
#include "kselftest_harness.h"

static int pow2(unsigned long long v)
{
	return v && !(v & (v - 1));
}

/* The rules a configuration breaks, as (field, errno) pairs. */
struct verdict {
	int n;
	unsigned int field[16];
	int err[16];
	int maybe_budget;	/* near the budget: either answer is right */
};

static void broken(struct verdict *v, unsigned int field, int err)
{
	if (v->n < 16) {
		v->field[v->n] = field;
		v->err[v->n++] = err;
	}
}

static struct gcsched_info info;

/*
 * The CPUs the kernel may ever have (nr_cpu_ids): the timeline keeps a
 * ring on each, charged to the budget. From /sys's "possible" list.
 */
static unsigned long long possible_cpus(void)
{
	unsigned long long last = 0, a, b;
	char buf[256], *p = buf;
	FILE *f = fopen("/sys/devices/system/cpu/possible", "r");

	if (!f)
		return 1;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	while (*p) {
		int n = 0;

		if (sscanf(p, "%llu-%llu%n", &a, &b, &n) == 2 || sscanf(p, "%llu%n", &b, &n) == 1) {
			if (b > last)
				last = b;
			p += n;
		}
		if (*p != ',')
			break;
		p++;
	}
	return last + 1;
}
static unsigned int online;

/* The oracle: the documented rules, written again from the header. */
/* The field whose Gs, with the fields' before it, pass @most Gs. */
static unsigned int blame_gs(const struct gcsched_config *c, unsigned long long most)
{
	if (2ULL * c->nr_pairs > most)
		return GCSCHED_FIELD_NR_PAIRS;
	if (2ULL * c->nr_pairs + c->nr_spinners > most)
		return GCSCHED_FIELD_NR_SPINNERS;
	return GCSCHED_FIELD_NR_SELECTS;
}

static struct verdict judge(struct gcsched_config c)
{
	struct verdict v = { 0 };
	unsigned long long nr_gs, need_lo, threads;

	for (size_t i = 0; i < NR_RANGES; i++) {
		unsigned long long x = range_get(&c, &ranges[i]);

		if (!x)
			x = ranges[i].def;
		if (!x && !strcmp(ranges[i].name, "nr_workers"))
			x = online < 64 ? online : 64;
		range_set(&c, &ranges[i], x);
		if (x < ranges[i].least || x > ranges[i].greatest)
			broken(&v, ranges[i].field, -ERANGE);
	}
	if (c.policy >= GCSCHED_NR_POLICIES)
		broken(&v, GCSCHED_FIELD_POLICY, -EINVAL);
	if (c.flags & ~GCSCHED_CFG_ALL)
		broken(&v, GCSCHED_FIELD_FLAGS, -EINVAL);
	if (c.gc_mode > GCSCHED_GC_INTERVAL)
		broken(&v, GCSCHED_FIELD_GC_MODE, -EINVAL);
	if (c.netpoll_model >= GCSCHED_NR_NETPOLL_MODELS)
		broken(&v, GCSCHED_FIELD_NETPOLL_MODEL, -EINVAL);
	/* FORCED needs the thread poller, the policy's or asked for (modern: thread) */
	if ((c.flags & GCSCHED_CFG_FORCED) && c.policy < GCSCHED_NR_POLICIES &&
	    c.netpoll_model != GCSCHED_NETPOLL_THREAD &&
	    (c.netpoll_model || GCSCHED_POLICY_NETPOLL(c.policy) != GCSCHED_NETPOLL_THREAD))
		broken(&v, GCSCHED_FIELD_NETPOLL_MODEL, -EINVAL);
	if ((c.flags & GCSCHED_CFG_FORCED) && (c.flags & GCSCHED_CFG_NETPOLL_STW_STOP))
		broken(&v, GCSCHED_FIELD_FLAGS, -EINVAL);
	if (c.__reserved)
		broken(&v, GCSCHED_FIELD_RESERVED, -EINVAL);
	/* SELECT_DUP needs selects; selects need a policy with select */
	if ((c.flags & (GCSCHED_CFG_SELECT_DUP | GCSCHED_CFG_CHAN_RECV)) && !c.nr_selects)
		broken(&v, GCSCHED_FIELD_FLAGS, -EINVAL);
	if ((c.flags & GCSCHED_CFG_SELECT_DUP) && (c.flags & GCSCHED_CFG_CHAN_RECV))
		broken(&v, GCSCHED_FIELD_FLAGS, -EINVAL);
	if (c.nr_selects && c.policy < GCSCHED_NR_POLICIES &&
	    !GCSCHED_POLICY_HAS_SELECT(c.policy))
		broken(&v, GCSCHED_FIELD_NR_SELECTS, -EINVAL);
	if (!pow2(c.stack_min))
		broken(&v, GCSCHED_FIELD_STACK_MIN, -EINVAL);
	if (!pow2(c.stack_max))
		broken(&v, GCSCHED_FIELD_STACK_MAX, -EINVAL);
	if (c.frame_size % 8)
		broken(&v, GCSCHED_FIELD_FRAME_SIZE, -EINVAL);
	if (v.n)
		return v;	/* the rules below assume sane fields */
	if (c.stack_min > c.stack_max)
		broken(&v, GCSCHED_FIELD_STACK_MIN, -ERANGE);
	if ((unsigned long long)c.bigstack_depth * c.frame_size + 64 > c.stack_max)
		broken(&v, GCSCHED_FIELD_BIGSTACK_DEPTH, -ERANGE);
	/* a select's two frames (its own, sellock's) must fit the largest stack */
	if (c.nr_selects && 2ULL * c.frame_size + 64 > c.stack_max)
		broken(&v, GCSCHED_FIELD_NR_SELECTS, -ERANGE);
	if (c.gc_procs > c.nr_workers)
		broken(&v, GCSCHED_FIELD_GC_PROCS, -ERANGE);
	nr_gs = 2ULL * c.nr_pairs + c.nr_spinners + 3ULL * c.nr_selects;
	/* blamed on the first of pairs, spinners, selects that passes a limit */
	if (nr_gs > info.max_tasks)
		broken(&v, blame_gs(&c, info.max_tasks), -E2BIG);
	if (nr_gs * c.stack_min > (unsigned long long)info.max_stack_mib << 20)
		broken(&v, blame_gs(&c, ((unsigned long long)info.max_stack_mib << 20) /
				       c.stack_min), -E2BIG);
	/* Ms, helpers (gc_procs - 1), the netpoller, the collector's kthread */
	threads = c.nr_workers + c.gc_procs + (c.gc_mode != GCSCHED_GC_MANUAL);
	/*
	 * a lower bound: the Ms' descriptors and the teardown record not
	 * counted; the timeline's rings at their events' size, a ring of
	 * GCSCHED_TL_RING (1024) per possible CPU (kmod/timeline.c)
	 */
	need_lo = nr_gs * (info.g_cost + c.stack_min + info.alloc_overhead) +
		  threads * info.thread_cost;
	if (!(c.flags & GCSCHED_CFG_NO_TIMELINE))
		need_lo += possible_cpus() * 1024 * sizeof(struct gcsched_tl_event);
	if (need_lo > (unsigned long long)info.max_mem_mib << 20)
		broken(&v, GCSCHED_FIELD_NR_PAIRS, -E2BIG);
	else if (need_lo + (1 << 20) > (unsigned long long)info.max_mem_mib << 20)
		v.maybe_budget = 1;
	return v;
}

/* The candidates: each field's edges alone, then the interacting pairs. */
static struct gcsched_config *cands;
static size_t nr_cands, cap_cands, nr_edges;

static void add(struct gcsched_config c)
{
	if (nr_cands == cap_cands) {
		cap_cands = cap_cands ? 2 * cap_cands : 256;
		cands = realloc(cands, cap_cands * sizeof(*cands));
		if (!cands)
			exit(1);
	}
	cands[nr_cands++] = c;
}

static struct gcsched_config base(void)
{
	struct gcsched_config c = gc_config(GCSCHED_POLICY_GO14_FIXED);

	return c;
}

/* The values at a field's edges, in its domain and just outside it. */
static int edges(const struct range *r, unsigned long long *out)
{
	unsigned long long lo = r->least, hi = r->greatest;
	int n = 0;

	out[n++] = 0;
	out[n++] = r->def;
	if (!strcmp(r->name, "stack_min") || !strcmp(r->name, "stack_max")) {
		out[n++] = lo;
		out[n++] = lo * 2;
		out[n++] = hi / 2;
		out[n++] = hi;
		out[n++] = lo / 2;
		out[n++] = hi * 2;
		out[n++] = lo + 8;	/* not a power of two */
		return n;
	}
	if (!strcmp(r->name, "frame_size")) {
		out[n++] = lo;
		out[n++] = lo + 8;
		out[n++] = hi - 8;
		out[n++] = hi;
		out[n++] = lo - 8;
		out[n++] = hi + 8;
		out[n++] = lo + 1;	/* not a multiple of 8 */
		return n;
	}
	out[n++] = lo;
	out[n++] = lo + 1;
	out[n++] = hi - 1;
	out[n++] = hi;
	if (lo > 1)
		out[n++] = lo - 1;
	if (hi + 1 <= (r->width == 8 ? ~0ULL : 0xffffffffULL))
		out[n++] = hi + 1;
	return n;
}

/* The largest nr_pairs the module's limits allow with @stack_min. */
static unsigned long long most_pairs(unsigned long long stack_min)
{
	unsigned long long n = info.max_tasks / 2;
	unsigned long long s = ((unsigned long long)info.max_stack_mib << 20) / (2 * stack_min);

	return s < n ? s : n;
}

static void add_edges(void)
{
	unsigned long long vals[16];

	for (size_t i = 0; i < NR_RANGES; i++) {
		int n = edges(&ranges[i], vals);

		for (int j = 0; j < n; j++) {
			struct gcsched_config c = base();

			range_set(&c, &ranges[i], vals[j]);
			add(c);
		}
	}
	for (unsigned int p = 0; p <= GCSCHED_NR_POLICIES; p++) {
		struct gcsched_config c = base();

		c.policy = p;
		add(c);
	}
	for (unsigned int m = 0; m <= GCSCHED_GC_INTERVAL + 1; m++) {
		struct gcsched_config c = base();

		c.gc_mode = m;
		add(c);
	}
	for (unsigned int f = 0; f <= GCSCHED_CFG_ALL + 1; f++) {
		struct gcsched_config c = base();

		c.flags = f;
		add(c);
	}
	for (unsigned int n = 0; n <= GCSCHED_NR_NETPOLL_MODELS; n++) {
		struct gcsched_config c = base();

		c.netpoll_model = n;
		add(c);
		/* FORCED against each poller, under each policy */
		for (unsigned int p = 0; p < GCSCHED_NR_POLICIES; p++) {
			c.policy = p;
			c.flags = GCSCHED_CFG_FORCED;
			add(c);
		}
	}
	{
		struct gcsched_config c = base();

		c.__reserved = 1;
		add(c);
	}
	/*
	 * The selects: under every policy (the go1.4 ones refuse them), with
	 * and without SELECT_DUP, at their edges, against a stack_max that
	 * two frames do not fit, and against max_tasks.
	 */
	for (unsigned int p = 0; p < GCSCHED_NR_POLICIES; p++)
		for (unsigned int f = 0; f < 4; f++)
			for (unsigned long long n = 0; n <= 1024; n += n ? 1023 : 1) {
				struct gcsched_config c = base();

				c.policy = p;
				c.flags = (f & 1 ? GCSCHED_CFG_SELECT_DUP : 0) |
					  (f & 2 ? GCSCHED_CFG_CHAN_RECV : 0);
				c.nr_selects = n;
				c.nr_pairs = 10;
				add(c);
			}
	{
		struct gcsched_config c = gc_config(GCSCHED_POLICY_GO17);
		unsigned long long most = most_pairs(range_of("stack_min")->def);

		c.nr_selects = 1;
		c.frame_size = 4096;
		c.bigstack_depth = 1;
		c.stack_max = 8192;		/* 2 * 4096 + 64 does not fit */
		add(c);
		c.stack_max = 16384;
		add(c);
		c = gc_config(GCSCHED_POLICY_GO17);
		c.nr_selects = 1;
		c.nr_pairs = most;		/* the select's 3 Gs pass max_tasks */
		add(c);
		c.nr_pairs = most - 2;
		add(c);
	}
	/* the spinners count against max_tasks and the stack limit, as the pairs' Gs do */
	for (unsigned long long s = 1; s <= 64; s += 63) {
		struct gcsched_config c = base();
		unsigned long long most = most_pairs(range_of("stack_min")->def);

		c.nr_spinners = s;
		c.nr_pairs = most;
		add(c);
		c.nr_pairs = most - (s + 1) / 2;
		add(c);
	}
}

struct dim {
	const char *name;
	int n;
	unsigned long long v[4];
};

static void add_pairs(struct dim *d, int nd)
{
	for (int a = 0; a < nd; a++)
		for (int b = a + 1; b < nd; b++)
			for (int i = 0; i < d[a].n; i++)
				for (int j = 0; j < d[b].n; j++) {
					struct gcsched_config c = base();

					range_set(&c, range_of(d[a].name), d[a].v[i]);
					range_set(&c, range_of(d[b].name), d[b].v[j]);
					add(c);
				}
}

static void add_interactions(void)
{
	const struct range *smax = range_of("stack_max");
	const struct range *fs = range_of("frame_size");
	struct dim stack[] = {
		{ "stack_min", 3, { range_of("stack_min")->least, 2048, smax->greatest } },
		{ "stack_max", 3, { smax->least, smax->def, smax->greatest } },
		{ "frame_size", 3, { fs->least, 1024, fs->greatest } },
		{ "bigstack_depth", 3, { 1, 1000, (smax->greatest - 64) / fs->least } },
		{ "nr_pairs", 3, { 1, 100, most_pairs(512) } },
	};
	struct dim procs[] = {
		{ "nr_workers", 3, { 1, 2, range_of("nr_workers")->greatest } },
		{ "gc_procs", 3, { 1, 2, range_of("gc_procs")->greatest } },
	};
	struct dim race[] = {
		{ "race_window_ns", 3, { 0, 1, range_of("race_window_ns")->greatest } },
		{ "wedge_timeout_ms", 2, { 1, range_of("wedge_timeout_ms")->greatest } },
	};

	add_pairs(stack, 5);
	add_pairs(procs, 2);
	/* the race group under every policy, GC mode and netpoller model */
	for (unsigned int p = 0; p < GCSCHED_NR_POLICIES; p++)
		for (unsigned int m = 0; m <= GCSCHED_GC_INTERVAL; m++)
			for (int i = 0; i < race[0].n; i++)
				for (int j = 0; j < race[1].n; j++) {
					struct gcsched_config c = base();

					c.policy = p;
					c.gc_mode = m;
					/* the policy's own, and the other one */
					c.netpoll_model = (i + j) % 2 ? GCSCHED_NETPOLL_THREAD :
									GCSCHED_NETPOLL_GO14;
					c.flags = GCSCHED_CFG_THROW_CHECK;
					c.race_window_ns = race[0].v[i];
					c.wedge_timeout_ms = race[1].v[j];
					add(c);
				}
}

/* Run an accepted configuration; 0 if it made its progress or failed as data. */
static int run_one(struct __test_metadata *_metadata, int fd,
		   const struct gcsched_config *c, size_t idx)
{
	unsigned long long goal = 2ULL * c->nr_pairs;
	struct gcsched_gc gc = { .size = sizeof(gc) };
	unsigned long long nr_gs = goal + c->nr_spinners + 3ULL * c->nr_selects;
	struct gcsched_stats *st = NULL;
	double t0 = gc_now(), end = t0 + 30;
	int ret;

	/* a debug kernel (run-vm's SLOW=1) runs each one shorter */
	if (goal > (slow_kernel() ? 50 : 20000))
		goal = slow_kernel() ? 50 : 20000;
	ret = gc_start(fd);
	if (ret) {
		TH_LOG("config %zu: START %s", idx, strerror(-ret));
		return -1;
	}
	for (;;) {
		if (c->gc_mode == GCSCHED_GC_MANUAL) {
			ret = gc_ioctl(fd, GCSCHED_IOC_GC, &gc);
			if (ret && ret != -EDEADLK && ret != -ENOTRECOVERABLE) {
				TH_LOG("config %zu: GC %s", idx, strerror(-ret));
				break;
			}
		}
		free(st);
		st = gc_stats(fd);
		if (!st)
			break;
		if (st->state != GCSCHED_STATE_RUNNING ||
		    (st->steps >= goal && st->gc_cycles >= 1))
			break;
		if (gc_now() > end) {
			TH_LOG("config %zu: %llu of %llu steps, %llu cycles in 30 s",
			       idx, (unsigned long long)st->steps, goal,
			       (unsigned long long)st->gc_cycles);
			/*
			 * A debug kernel under TCG may not finish the first
			 * cycle of the largest instances in 30 s (214015 Gs,
			 * continuous GC: no step, no cycle; 2026-12-04). It
			 * checks their START and STOP, the others their
			 * progress.
			 */
			if (!(slow_kernel() && nr_gs > 20000)) {
				free(st);
				st = NULL;
			}
			break;
		}
		usleep(10000);
	}
	ret = st ? 0 : -1;
	free(st);
	if (gc_stop(fd))
		ret = -1;
	/* the slow ones named, for a box that a debug kernel may overrun */
	if (gc_now() - t0 > 10)
		TH_LOG("config %zu: %.1f s (policy %u, %llu Gs, stacks %u-%u, gc_mode %u)",
		       idx, gc_now() - t0, c->policy, nr_gs,
		       c->stack_min, c->stack_max, c->gc_mode);
	return ret;
}

/* A fixture of nothing: the harness gives a timeout only to TEST_F. */
FIXTURE(space) {
	int unused;
};

FIXTURE_SETUP(space)
{
}

FIXTURE_TEARDOWN(space)
{
}

static unsigned long long rnd_state;

static unsigned long long rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

TEST_F_TIMEOUT(space, every_edge_and_pair, 600)
{
	const char *secs_env = getenv("GCSCHED_SPACE_SECONDS");
	const char *seed_env = getenv("GCSCHED_SPACE_SEED");
	double box = secs_env ? atof(secs_env) : 170, t0 = gc_now();
	size_t accepted = 0, ran = 0, refused = 0;
	int fd = gc_open();

	ASSERT_LE(0, fd);
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	ASSERT_EQ(0, gc_ioctl(fd, GCSCHED_IOC_INFO, &info));
	close(fd);
	online = sysconf(_SC_NPROCESSORS_ONLN);
	rnd_state = seed_env ? strtoull(seed_env, NULL, 10) : 1;
	if (!rnd_state)
		rnd_state = 1;

	add_edges();
	nr_edges = nr_cands;
	add_interactions();
	/* the boundaries in order, the pairs shuffled by the seed */
	for (size_t i = nr_cands - 1; i > nr_edges; i--) {
		size_t j = nr_edges + rnd() % (i - nr_edges + 1);
		struct gcsched_config t = cands[i];

		cands[i] = cands[j];
		cands[j] = t;
	}

	for (size_t i = 0; i < nr_cands; i++) {
		struct gcsched_config c = cands[i];
		struct verdict v = judge(c);
		int ret, match = 0;

		fd = gc_open();
		ASSERT_LE(0, fd);
		ret = gc_configure(fd, &c);
		if (!ret && v.n)
			TH_LOG("config %zu accepted, but breaks field %u (%s)", i,
			       v.field[0], strerror(-v.err[0]));
		if (ret && !v.n && !(v.maybe_budget && ret == -E2BIG))
			TH_LOG("config %zu refused (field %u, %s), but breaks nothing",
			       i, c.bad_field, strerror(-ret));
		for (int k = 0; k < v.n; k++)
			match |= v.field[k] == c.bad_field && v.err[k] == ret;
		if (ret && v.n && !match)
			TH_LOG("config %zu refused with field %u, %s: not a rule it breaks",
			       i, c.bad_field, strerror(-ret));
		EXPECT_TRUE(ret ? (v.n ? match : v.maybe_budget && ret == -E2BIG) : !v.n)
			TH_LOG("config %zu", i);
		if (ret) {
			refused++;
			close(fd);
			continue;
		}
		accepted++;
		if (gc_now() - t0 < box) {
			EXPECT_EQ(0, run_one(_metadata, fd, &c, i));
			ran++;
		}
		close(fd);
		if (ran && gc_now() - t0 < box)
			EXPECT_EQ(0, gc_live_objects()) TH_LOG("config %zu", i);
	}
	EXPECT_EQ(0, gc_live_objects());
	TH_LOG("%zu configurations: %zu refused as the oracle said, %zu accepted, %zu run in %.0f s (box %.0f s)",
	       nr_cands, refused, accepted, ran, gc_now() - t0, box);
	free(cands);
}

TEST_HARNESS_MAIN
