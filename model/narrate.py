#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the replay of a gcsched.pml trail (spin -t) into an interleaving in
gcsched's words, the words of its trace and report. Reads the replay on
stdin; prints the steps on the wedged or thrown G since the stop it failed
in, numbered, or with --all every step of the trail."""
import re
import sys

NAMES = {0: "Gidle", 1: "Grunnable", 2: "Grunning", 3: "Gsyscall",
         4: "Gwaiting", 6: "Gdead", 8: "Gcopystack", 9: "Gpreempted"}


def status(s):
    s = int(s)
    if s >= 10:
        return "Gscan" + NAMES.get(s - 10, "?")[1:]
    return NAMES.get(s, "?")


def actor(a):
    a = int(a)
    return {50: "gc", 51: "netpoll", 52: "setup",
            20: "sender0", 21: "sender1"}.get(a, "M%d" % a)


def fn(f, t):
    f, t = int(f), int(t)
    if t >= 10 and f == t - 10:
        return "castogscanstatus"
    if f >= 10 and t == f - 10:
        return "casfrom_Gscanstatus"
    return "casgstatus"


def main():
    steps, pending = [], {}
    for line in sys.stdin:
        w = line.split()
        if not w:
            continue
        if steps and "throw:" in steps[-1][1]:
            break	# spin -t may go on past the failed assertion
        if w[0] == "READ" and len(w) == 4:
            steps.append((w[2], "%s: readgstatus(%s) = %s" % (actor(w[1]), w[2], status(w[3]))))
        elif w[0] in ("MOVE", "DONE") and len(w) == 5:
            tried = pending.pop((w[1], w[2]), "")
            f = "casgcopystack" if "casgcopystack" in tried else fn(w[3], w[4])
            steps.append((w[2], "%s: %s(%s, %s -> %s)" % (actor(w[1]), f, w[2],
                                                          status(w[3]), status(w[4]))))
        elif w[0] == "TRYCOPY" and len(w) == 3:
            pending[(w[1], w[2])] = "%s: casgcopystack(%s) spins forever" % (actor(w[1]), w[2])
        elif w[0] == "TRY" and len(w) == 5:
            pending[(w[1], w[2])] = "%s: %s(%s, %s -> %s) spins forever" % (
                actor(w[1]), fn(w[3], w[4]), w[2], status(w[3]), status(w[4]))
        elif w[0] == "THROW":
            pending.pop((w[1], w[2]), None)	# it threw instead of spinning
            steps.append((w[2], "%s: throw: %s" % (actor(w[1]), " ".join(w[3:]))))
        elif w[0] == "SPIN" and len(w) == 3:
            pending[(w[1], w[2])] = ("%s: runs %s's for { i++ }, no safe point and no signal: "
                                     "the next stop, or suspendG, waits for it for ever"
                                     % (actor(w[1]), w[2]))
        elif w[0] == "SIGNAL" and len(w) == 3:
            pending.pop((w[1], w[2]), None)
            steps.append((w[2], "%s: preemption signal: %s stops in its loop" % (actor(w[1]), w[2])))
        # model/select.pml's words (the select-grow race)
        elif w[0] == "ENQUEUE" and len(w) == 3:
            steps.append((w[2], "%s: selectgo: done = 0 on %s's stack, its sudogs on c0 and c1"
                          % (actor(w[1]), w[2])))
        elif w[0] == "CLAIM" and len(w) == 5:
            steps.append((w[2], "%s: dequeue %s's sudog, CAS(selectdone, 0, 1) on the %s stack: %s"
                          % (actor(w[1]), w[2], "new" if w[3] == "1" else "old",
                             "wins" if w[4] == "1" else "loses")))
        elif w[0] == "READY" and len(w) == 4:
            if int(w[3]) == 4:
                steps.append((w[2], "%s: ready(%s)" % (actor(w[1]), w[2])))
            else:
                steps.append((w[2], "%s: ready(%s): throw: bad g->status in ready (%s)"
                              % (actor(w[1]), w[2], status(w[3]))))
        elif w[0] == "ADJUST" and len(w) == 3:
            steps.append((w[2], "%s: copystack: adjustsudogs points selectdone at the new stack,"
                          " not yet copied" % actor(w[1])))
        elif w[0] == "COPY" and len(w) == 3:
            steps.append((w[2], "%s: copystack: memmove to the new stack" % actor(w[1])))
        elif w[0] == "DEQUEUE" and len(w) == 3:
            steps.append((w[2], "%s: selectgo pass 3: off the other channel's queue" % actor(w[1])))
        elif w[0] == "STW":
            steps.append((None, "gc: %s the world" % w[1]))
    # a TRY never done is the wedge: the collector's, if it is one
    stuck = sorted(pending.items(), key=lambda kv: kv[0][0] != "50")
    victim = None
    if stuck:
        (who, g), text = stuck[0]
        steps.append((g, text))
        victim = g
    elif steps and steps[-1][1].split(": ")[1].startswith("throw"):
        victim = steps[-1][0]
    if "--all" not in sys.argv[1:] and victim:
        last_stop = max((i for i, s in enumerate(steps) if s[1] == "gc: stop the world"), default=0)
        steps = [s for s in steps[last_stop:] if s[0] == victim]
    for i, (_, text) in enumerate(steps, 1):
        print("%d. %s" % (i, text))


if __name__ == "__main__":
    main()
