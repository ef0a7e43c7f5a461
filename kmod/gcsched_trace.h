/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gcsched tracepoints: TRACE_SYSTEM gcsched, under tracefs events/gcsched/.
 * trace.c defines CREATE_TRACE_POINTS; everyone else just includes this.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM gcsched

#if !defined(_GCSCHED_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _GCSCHED_TRACE_H

#include <linux/tracepoint.h>
#include <linux/gcsched.h>

/*
 * The uapi header's name lists, in the kernel's EM()/EMe() way: the last
 * element without its comma, for the format trace-cmd and perf parse. The
 * indirection expands the lists before __print_symbolic() splits them.
 */
#define GCSCHED_TRACE_ENUM(v, ...)		TRACE_DEFINE_ENUM(v);
GCSCHED_STATUS_NAMES(GCSCHED_TRACE_ENUM, GCSCHED_TRACE_ENUM)
GCSCHED_ACTOR_NAMES(GCSCHED_TRACE_ENUM, GCSCHED_TRACE_ENUM)
TRACE_DEFINE_ENUM(GCSCHED_GSCAN);
TRACE_DEFINE_ENUM(GCSCHED_GC_OK);
TRACE_DEFINE_ENUM(GCSCHED_GC_WEDGED);
TRACE_DEFINE_ENUM(GCSCHED_GC_CRASHED);
TRACE_DEFINE_ENUM(GCSCHED_GC_ABORTED);

#define GCSCHED_TRACE_SYM(v, name, ...)		{ v, name },
#define GCSCHED_TRACE_SYM_LAST(v, name, ...)	{ v, name }
#define GCSCHED_TRACE_GO(v, name, constant)	{ v, constant },
#define GCSCHED_TRACE_SCAN(v, name, constant)	{ GCSCHED_GSCAN | (v), constant },
#define GCSCHED_TRACE_SCAN_LAST(v, name, constant) { GCSCHED_GSCAN | (v), constant }
#define gcsched_print_symbolic(...)		__print_symbolic(__VA_ARGS__)

#define show_gstatus(s) gcsched_print_symbolic(s,			\
	GCSCHED_STATUS_NAMES(GCSCHED_TRACE_GO, GCSCHED_TRACE_GO)	\
	GCSCHED_SCAN_NAMES(GCSCHED_TRACE_SCAN, GCSCHED_TRACE_SCAN_LAST))

#define show_gc_outcome(o) __print_symbolic(o,				\
	{ GCSCHED_GC_OK, "ok" }, { GCSCHED_GC_WEDGED, "wedged" },	\
	{ GCSCHED_GC_CRASHED, "crashed" }, { GCSCHED_GC_ABORTED, "aborted" })

#define show_actor(a) gcsched_print_symbolic(a,			\
	GCSCHED_ACTOR_NAMES(GCSCHED_TRACE_SYM, GCSCHED_TRACE_SYM_LAST))

TRACE_EVENT(gcsched_status,
	TP_PROTO(u32 inst, u32 goid, u32 from, u32 to, u16 actor),
	TP_ARGS(inst, goid, from, to, actor),
	TP_STRUCT__entry(
		__field(u32, inst)
		__field(u32, goid)
		__field(u32, from)
		__field(u32, to)
		__field(u8, actor)
		__field(u8, m)
	),
	TP_fast_assign(
		__entry->inst = inst;
		__entry->goid = goid;
		__entry->from = from;
		__entry->to = to;
		__entry->actor = ACTOR_KIND(actor);
		__entry->m = ACTOR_ID(actor);
	),
	TP_printk("inst=%u G%u %s->%s by %s%u", __entry->inst, __entry->goid,
		  show_gstatus(__entry->from), show_gstatus(__entry->to),
		  show_actor(__entry->actor), __entry->m)
);

TRACE_EVENT(gcsched_stw_start,
	TP_PROTO(u32 inst, u64 cycle, u32 workers),
	TP_ARGS(inst, cycle, workers),
	TP_STRUCT__entry(
		__field(u32, inst)
		__field(u32, workers)
		__field(u64, cycle)
	),
	TP_fast_assign(
		__entry->inst = inst;
		__entry->workers = workers;
		__entry->cycle = cycle;
	),
	TP_printk("inst=%u cycle=%llu workers=%u", __entry->inst,
		  __entry->cycle, __entry->workers)
);

/*
 * A cycle's end: its pause (both stops, for modern), each phase of it, and
 * for modern each stop and the concurrent mark between them (stw1_ns,
 * mark_ns, stw2_ns: Go's three gctrace clock fields); the go1.4 policies'
 * one stop is stw1_ns, with mark_ns and stw2_ns 0. A cycle that did not
 * end as it should is traced too, with its outcome: a wedge's pause holds
 * the spin; an aborted one (the run stopped) holds what was done.
 */
TRACE_EVENT(gcsched_stw_done,
	TP_PROTO(u32 inst, u32 workers, const struct gcsched_gc *gc,
		 const u64 *phase_ns),
	TP_ARGS(inst, workers, gc, phase_ns),
	TP_STRUCT__entry(
		__field(u32, inst)
		__field(u32, workers)
		__field(u64, cycle)
		__field(u64, pause_ns)
		__field(u32, scanned)
		__field(u32, shrunk)
		__field(u64, copied)
		__field(u64, wakeups_stw)
		__field(u64, stop_ns)
		__field(u64, scan_ns)
		__field(u64, shrink_ns)
		__field(u64, start_ns)
		__field(u64, stw1_ns)
		__field(u64, mark_ns)
		__field(u64, stw2_ns)
		__field(u32, scanned_stw)
		__field(u32, outcome)
	),
	TP_fast_assign(
		__entry->inst = inst;
		__entry->workers = workers;
		__entry->cycle = gc->cycle;
		__entry->pause_ns = gc->pause_ns;
		__entry->scanned = gc->scanned;
		__entry->shrunk = gc->shrinks;
		__entry->copied = gc->bytes_copied;
		__entry->wakeups_stw = gc->netpoll_wakeups_stw;
		__entry->stop_ns = phase_ns[GCSCHED_PHASE_STOP];
		__entry->scan_ns = phase_ns[GCSCHED_PHASE_SCAN];
		__entry->shrink_ns = phase_ns[GCSCHED_PHASE_SHRINK];
		__entry->start_ns = phase_ns[GCSCHED_PHASE_START];
		__entry->stw1_ns = gc->stw1_ns;
		__entry->mark_ns = gc->mark_ns;
		__entry->stw2_ns = gc->stw2_ns;
		__entry->scanned_stw = gc->scanned_stw;
		__entry->outcome = gc->outcome;
	),
	TP_printk("inst=%u cycle=%llu workers=%u pause_ns=%llu scanned=%u shrunk=%u copied=%llu wakeups_stw=%llu stop_ns=%llu scan_ns=%llu shrink_ns=%llu start_ns=%llu stw1_ns=%llu mark_ns=%llu stw2_ns=%llu scanned_stw=%u outcome=%s",
		  __entry->inst, __entry->cycle, __entry->workers,
		  __entry->pause_ns, __entry->scanned, __entry->shrunk,
		  __entry->copied, __entry->wakeups_stw, __entry->stop_ns,
		  __entry->scan_ns, __entry->shrink_ns, __entry->start_ns,
		  __entry->stw1_ns, __entry->mark_ns, __entry->stw2_ns,
		  __entry->scanned_stw, show_gc_outcome(__entry->outcome))
);

TRACE_EVENT(gcsched_stack_copy,
	TP_PROTO(u32 inst, u32 goid, u32 oldsize, u32 newsize, u32 used),
	TP_ARGS(inst, goid, oldsize, newsize, used),
	TP_STRUCT__entry(
		__field(u32, inst)
		__field(u32, goid)
		__field(u32, oldsize)
		__field(u32, newsize)
		__field(u32, used)
	),
	TP_fast_assign(
		__entry->inst = inst;
		__entry->goid = goid;
		__entry->oldsize = oldsize;
		__entry->newsize = newsize;
		__entry->used = used;
	),
	TP_printk("inst=%u G%u %u->%u copied=%u %s", __entry->inst,
		  __entry->goid, __entry->oldsize, __entry->newsize,
		  __entry->used,
		  __entry->newsize > __entry->oldsize ? "grow" : "shrink")
);

TRACE_EVENT(gcsched_netpoll_wake,
	TP_PROTO(u32 inst, u32 goid, bool stw),
	TP_ARGS(inst, goid, stw),
	TP_STRUCT__entry(
		__field(u32, inst)
		__field(u32, goid)
		__field(bool, stw)
	),
	TP_fast_assign(
		__entry->inst = inst;
		__entry->goid = goid;
		__entry->stw = stw;
	),
	TP_printk("inst=%u G%u world=%s", __entry->inst, __entry->goid,
		  __entry->stw ? "stopped" : "running")
);

DECLARE_EVENT_CLASS(gcsched_report_class,
	TP_PROTO(u32 inst, const struct gcsched_report *r),
	TP_ARGS(inst, r),
	TP_STRUCT__entry(
		__field(u32, inst)
		__field(u32, goid)
		__field(u32, expected)
		__field(u32, observed)
		__field(u64, spin_ns)
		__field(u64, cycle)
		__field(u8, actor)
		__field(u8, m)
		__array(char, msg, 96)
	),
	TP_fast_assign(
		__entry->inst = inst;
		__entry->goid = r->goid;
		__entry->expected = r->expected;
		__entry->observed = r->observed;
		__entry->spin_ns = r->spin_ns;
		__entry->cycle = r->gc_cycle;
		__entry->actor = r->actor;
		__entry->m = r->actor_id;
		memcpy(__entry->msg, r->msg, sizeof(__entry->msg));
	),
	TP_printk("inst=%u G%u expected=%s observed=%s spin_ns=%llu cycle=%llu by %s%u \"%s\"",
		  __entry->inst, __entry->goid, show_gstatus(__entry->expected),
		  show_gstatus(__entry->observed), __entry->spin_ns,
		  __entry->cycle, show_actor(__entry->actor), __entry->m,
		  __entry->msg)
);

DEFINE_EVENT(gcsched_report_class, gcsched_wedge,
	TP_PROTO(u32 inst, const struct gcsched_report *r),
	TP_ARGS(inst, r));

DEFINE_EVENT(gcsched_report_class, gcsched_throw,
	TP_PROTO(u32 inst, const struct gcsched_report *r),
	TP_ARGS(inst, r));

#endif /* _GCSCHED_TRACE_H */

#undef TRACE_INCLUDE_PATH
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_PATH .
#define TRACE_INCLUDE_FILE gcsched_trace
#include <trace/define_trace.h>
