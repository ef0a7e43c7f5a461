// SPDX-License-Identifier: GPL-2.0
/*
 * The policies: each runtime gcsched can be, as a table of what differs,
 * chosen once at START (inst->policy). The actors read the table; none
 * compares policy numbers. A new policy (a fix, or its absence) is one
 * entry here plus the functions that are new.
 *
 * What differs between the eras, from Go's code:
 *  - markroot, and when it runs. Go 1.4 (src/runtime/mgc0.c at 2b62e1e,
 *    markroot), inside the one stop of the world, shrinks a G's stack
 *    before it scans it: shrinkstack, whose copystack takes Gcopystack
 *    itself, then stopg, scanstack, restartg. Modern Go (go1.19's
 *    src/runtime/mgcmark.go, markroot; preempt.go, suspendG) marks while
 *    the world runs, between two short stops: suspendG (which asks a
 *    running G to stop at a safe point, Gpreempted), scanstack (which
 *    shrinks first, under the Gscan bit, and never changes the status
 *    for it), resumeG.
 *  - newstack. Go 1.4 (stack.c, newstack) parks the growing G as Gwaiting
 *    "stack growth" and lets copystack take Gcopystack; modern Go goes
 *    from Grunning to Gcopystack and back (stack.go, newstack).
 *  - copystack's status step, the code Go commit 2b62e1e changed: before
 *    it, readgstatus then casgstatus(gp, oldstatus, Gcopystack); after it,
 *    casgcopystack, which takes either Gwaiting or Grunnable.
 *  - casgstatus's check. The same commit made casgstatus throw "casgstatus:
 *    waiting for Gwaiting but is Grunnable" (src/runtime/proc.c at
 *    2b62e1e), and Go has kept it (src/runtime/proc.go, casgstatus): on in
 *    go1.4-fixed and modern. go1.4-buggy is the runtime before the commit,
 *    without it; its throw_check flag adds the check alone, the state
 *    "after the throw, before casgcopystack", which turns the silent wedge
 *    into a crash.
 *  - the network poller: Go 1.4 had none of its own; an M without work
 *    blocked in netpoll(true) and, woken in a stop, injected one batch and
 *    parked (src/runtime/proc.c, findrunnable; docs/fidelity.md): the go14
 *    model, the go1.4 policies' default. modern keeps the thread model.
 *  - preemption. Every policy stops a G at a safe point (the M's check
 *    between steps: Go's stack-bound check in a function's prologue).
 *    Since Go 1.14 a stop or a suspendG also signals the M (preemptall,
 *    preemptM: src/runtime/preempt.go, signal_unix.go), which stops a G
 *    in a loop without a call (async_preempt; spinner.c). Go 1.4 had no
 *    such signal, nor has modern-noasync (GODEBUG=asyncpreemptoff=1).
 *  - select (chan.c). Go 1.7's woken select re-locked its channels on the
 *    G's stack, which could grow while a sudog could still be claimed
 *    (select_grow_in_sellock; 17007, fixed by b902a63); go1.7's betas'
 *    concurrent shrink locked a channel once per case naming it
 *    (!shrink_locks_once; 16286, fixed by 84bb9e6). From Go 1.14 the
 *    shrink locks them only for a G whose activeStackChans is set
 *    (shrink_sync_if_active, 36a432f), which a G parking on a channel
 *    sets only after it is Gwaiting: Go 1.15 could shrink it unlocked
 *    in between (40641); eb3c6a9 keeps the shrink away (parking_on_chan).
 *    The go1.4 policies have no channels here (config.c refuses
 *    nr_selects).
 */
#include "gcsched.h"

/*
 * Go 1.4's copystack before 2b62e1e (src/runtime/stack.c at its parent):
 *
 *	oldstatus = readgstatus(gp);
 *	oldstatus &= ~Gscan;
 *	if(oldstatus == Gwaiting || oldstatus == Grunnable)
 *		casgstatus(gp, oldstatus, Gcopystack);
 *	else
 *		runtime·throw("copystack: bad status, not Gwaiting or Grunnable");
 */
static int copy_lock_go14_buggy(struct gcsched_instance *inst,
				struct gcsched_g *gp, u16 actor, u32 *oldstatus)
{
	u32 old = readgstatus(gp) & ~Gscan;
	int ret;

	if (old != Gwaiting && old != Grunnable) {
		gcsched_throw(inst, gp, Gwaiting, actor, "copystack",
			      "copystack: bad status, not Gwaiting or Grunnable");
		return -EPROTO;
	}
	/* Here the netpoller may make a Gwaiting G Grunnable, for good. */
	gcsched_race_window(inst);
	gcsched_forced_window(inst, gp, old);
	ret = casgstatus(inst, gp, old, Gcopystack, actor);
	if (!ret)
		*oldstatus = old;
	return ret;
}

/* The names, from the uapi header's list (INFO, debugfs, the tool). */
static const char *const policy_names[GCSCHED_NR_POLICIES] = {
	GCSCHED_POLICY_NAMES(GCSCHED_NAME_AT, GCSCHED_NAME_AT)
};

/* The uapi header says which era a policy is of (GCSCHED_POLICY_IS_GO14). */
#define ERA_OF(p) (GCSCHED_POLICY_IS_GO14(p) ? GCSCHED_ERA_GO14 : GCSCHED_ERA_MODERN)

const struct gcsched_policy_ops gcsched_policies[GCSCHED_NR_POLICIES] = {
	[GCSCHED_POLICY_MODERN] = {
		.era = ERA_OF(GCSCHED_POLICY_MODERN),
		.markroot = gcsched_markroot_modern,
		.concurrent_mark = true,
		.grow_status = Gcopystack,
		.copy_lock = NULL,
		.waiting_throw = true,
		.netpoll_model = GCSCHED_POLICY_NETPOLL(GCSCHED_POLICY_MODERN),
		.async_preempt = true,
		.shrink_locks_once = true,
		.shrink_sync_if_active = true,
		.parking_on_chan = true,
	},
	/*
	 * Go 1.15 (1.14 to 1.15.2): modern without eb3c6a9's parkingOnChan,
	 * 40641's before.
	 */
	[GCSCHED_POLICY_GO115] = {
		.era = ERA_OF(GCSCHED_POLICY_GO115),
		.markroot = gcsched_markroot_modern,
		.concurrent_mark = true,
		.grow_status = Gcopystack,
		.copy_lock = NULL,
		.waiting_throw = true,
		.netpoll_model = GCSCHED_POLICY_NETPOLL(GCSCHED_POLICY_GO115),
		.async_preempt = true,
		.shrink_locks_once = true,
		.shrink_sync_if_active = true,
		.parking_on_chan = false,
	},
	/*
	 * Go 1.7: modern's collector and stacks, no asynchronous preemption,
	 * and select re-locking its channels on the G's stack (17007's before).
	 * Go 1.7 scanned stacks with scang and shrank them concurrently
	 * (276b1777); here the collector is modern's suspendG.
	 */
	[GCSCHED_POLICY_GO17] = {
		.era = ERA_OF(GCSCHED_POLICY_GO17),
		.markroot = gcsched_markroot_modern,
		.concurrent_mark = true,
		.grow_status = Gcopystack,
		.copy_lock = NULL,
		.waiting_throw = true,
		.netpoll_model = GCSCHED_POLICY_NETPOLL(GCSCHED_POLICY_GO17),
		.async_preempt = false,
		.select_grow_in_sellock = true,
		.shrink_locks_once = true,
	},
	/* go1.7.5: go1.7 with b902a63 (faafe0e): 17007's after, and 16286's */
	[GCSCHED_POLICY_GO175] = {
		.era = ERA_OF(GCSCHED_POLICY_GO175),
		.markroot = gcsched_markroot_modern,
		.concurrent_mark = true,
		.grow_status = Gcopystack,
		.copy_lock = NULL,
		.waiting_throw = true,
		.netpoll_model = GCSCHED_POLICY_NETPOLL(GCSCHED_POLICY_GO175),
		.async_preempt = false,
		.select_grow_in_sellock = false,
		.shrink_locks_once = true,
	},
	/* go1.7beta1-2: go1.7 before 84bb9e6 (16286's before) */
	[GCSCHED_POLICY_GO17_BETA2] = {
		.era = ERA_OF(GCSCHED_POLICY_GO17_BETA2),
		.markroot = gcsched_markroot_modern,
		.concurrent_mark = true,
		.grow_status = Gcopystack,
		.copy_lock = NULL,
		.waiting_throw = true,
		.netpoll_model = GCSCHED_POLICY_NETPOLL(GCSCHED_POLICY_GO17_BETA2),
		.async_preempt = false,
		.select_grow_in_sellock = true,
		.shrink_locks_once = false,
	},
	/* modern, GODEBUG=asyncpreemptoff=1: the tight-loop scenario's before */
	[GCSCHED_POLICY_MODERN_NOASYNC] = {
		.era = ERA_OF(GCSCHED_POLICY_MODERN_NOASYNC),
		.markroot = gcsched_markroot_modern,
		.concurrent_mark = true,
		.grow_status = Gcopystack,
		.copy_lock = NULL,
		.waiting_throw = true,
		.netpoll_model = GCSCHED_POLICY_NETPOLL(GCSCHED_POLICY_MODERN_NOASYNC),
		.async_preempt = false,
		.shrink_locks_once = true,
		.shrink_sync_if_active = true,
		.parking_on_chan = true,
	},
	[GCSCHED_POLICY_GO14_BUGGY] = {
		.era = ERA_OF(GCSCHED_POLICY_GO14_BUGGY),
		.markroot = gcsched_markroot_go14,
		.concurrent_mark = false,
		.grow_status = Gwaiting,
		.copy_lock = copy_lock_go14_buggy,
		.waiting_throw = false,
		.netpoll_model = GCSCHED_POLICY_NETPOLL(GCSCHED_POLICY_GO14_BUGGY),
		.shrink_locks_once = true,
	},
	[GCSCHED_POLICY_GO14_FIXED] = {
		.era = ERA_OF(GCSCHED_POLICY_GO14_FIXED),
		.markroot = gcsched_markroot_go14,
		.concurrent_mark = false,
		.grow_status = Gwaiting,
		.copy_lock = casgcopystack,
		.waiting_throw = true,
		.netpoll_model = GCSCHED_POLICY_NETPOLL(GCSCHED_POLICY_GO14_FIXED),
		.shrink_locks_once = true,
	},
};

/**
 * gcsched_policy_name() - the name of a policy, for INFO and debugfs
 * @policy: enum gcsched_policy, possibly read without a lock
 *
 * Context: any.
 * Return: a static string, "?" if @policy is not one.
 */
const char *gcsched_policy_name(u32 policy)
{
	if (policy >= ARRAY_SIZE(policy_names) || !policy_names[policy])
		return "?";
	return policy_names[policy];
}
