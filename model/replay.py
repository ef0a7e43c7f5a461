#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A real wedge's interleaving, from gcsched's tracepoints, as a constraint
on model/gcsched.pml (make model-replay).

Reads trace lines (tracefs's trace file, or the console's "MODEL-TRACE"
lines that selftests/gcsched/model_trace.sh prints) holding gcsched_status,
gcsched_stw_start and gcsched_wedge events. Takes the first wedge, its G
(the victim) and the victim's last --moves status changes before it, with
the stops between them; writes replay.pml for "spin -DREPLAY" and prints
the interleaving in the words of narrate.py.

replay.pml makes the model follow the trace: once armed (the victim in the
status the window starts from), each move of the victim and each stop must
be the window's next event, and after the window the victim may not move;
a path that does anything else is dead (rp_dead), not blocked, so that a
timeout is still a deadlock of the unconstrained model. The Watch process
asserts, at a timeout, that the window was not followed to a wedge of the
same actor on the same status: pan finding that assertion violated is the
verdict "the model allows this interleaving and it wedges the model as it
wedged gcsched".

The victim is the model's G0 (the Gs are alike, and the collector visits
G0 first); Ms are one class (any model M may play a traced M); the
stop-the-world marker is gcsched_stw_start, traced before the stop is
asked for, and the model's stop is the request: an M's move traced after
the marker but made before the request is allowed by the model too (an M
checks for a stop, then picks a G, in two steps). START markers are not
used: gcsched_stw_done is traced after the world started, and an M's pick
may be traced before it.
"""
import argparse
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, __file__.rsplit("/", 1)[0])
import narrate  # noqa: E402

BY_NAME = {v: k for k, v in narrate.NAMES.items()}
for _k, _v in list(narrate.NAMES.items()):
    BY_NAME["Gscan" + _v[1:]] = 10 + _k
CLASS = {"M": 0, "gc": 50, "netpoll": 51, "setup": 52}
STOP = 255

EV = re.compile(r"(gcsched_status|gcsched_stw_start|gcsched_wedge): (.*)$")
STATUS = re.compile(r"inst=(\d+) G(\d+) (\w+)->(\w+) by ([a-zA-Z]+)(\d+)")
STW = re.compile(r"inst=(\d+) cycle=(\d+)")
WEDGE = re.compile(r"inst=(\d+) G(\d+) expected=(\w+) observed=(\w+) .* by ([a-zA-Z]+)(\d+) \"(.*)\"")


def parse(lines, label=None):
    """Events of the trace, in its order: tuples (kind, inst, ...)."""
    evs = []
    for line in lines:
        if label is not None:
            m = re.search(r"MODEL-TRACE (\S+) (.*)$", line)
            if not m or m.group(1) != label:
                continue
            line = m.group(2)
        m = EV.search(line)
        if not m:
            continue
        kind, rest = m.groups()
        if kind == "gcsched_status":
            s = STATUS.match(rest)
            if s:
                evs.append(("move", int(s[1]), int(s[2]), BY_NAME[s[3]], BY_NAME[s[4]],
                            s[5], int(s[6])))
        elif kind == "gcsched_stw_start":
            s = STW.match(rest)
            if s:
                evs.append(("stop", int(s[1]), int(s[2])))
        else:
            s = WEDGE.match(rest)
            if s:
                evs.append(("wedge", int(s[1]), int(s[2]), BY_NAME[s[3]], BY_NAME[s[4]],
                            s[5], int(s[6]), s[7]))
    return evs


def chain(moves):
    """The victim's moves in the order their CASes happened: each one's
    from is the last one's to. The trace point follows the CAS, so two
    movers' lines may be swapped; swap them back, or fail."""
    out = list(moves)
    for i in range(1, len(out)):
        if out[i][3] == out[i - 1][4]:
            continue
        for j in range(i + 1, min(i + 4, len(out))):
            if out[j][3] == out[i - 1][4]:
                out.insert(i, out.pop(j))
                break
        else:
            raise SystemExit("replay: the victim's trace is not a chain at %s -> %s"
                             % (narrate.status(out[i][3]), narrate.status(out[i][4])))
    return out


def window(evs, nmoves):
    """The victim, its window (moves and stops, oldest first) and the wedge."""
    wedges = [i for i, e in enumerate(evs) if e[0] == "wedge"]
    if not wedges:
        raise SystemExit("replay: no gcsched_wedge event in the trace")
    w = evs[wedges[0]]
    inst, victim = w[1], w[2]
    before = [e for e in evs[:wedges[0]] if e[1] == inst and
              (e[0] == "stop" or e[2] == victim)]
    # the moves in CAS order, the stops where the trace put them
    seq = [e for e in before if not (e[0] == "move" and e[5] == "setup")]
    # (only the recent past: a full per-CPU buffer loses its oldest events)
    at = [i for i, e in enumerate(seq) if e[0] == "move"]
    seq = seq[at[-min(nmoves + 8, len(at))]:] if at else seq
    it = iter(chain([e for e in seq if e[0] == "move"]))
    seq = [next(it) if e[0] == "move" else e for e in seq]
    at = [i for i, e in enumerate(seq) if e[0] == "move"]
    if not at:
        raise SystemExit("replay: no move of G%d before its wedge" % victim)
    win = seq[at[-min(nmoves, len(at))]:]
    # at most two stops (the model runs two cycles): cut the oldest part,
    # so that the window starts with the older stop's marker
    while sum(1 for e in win if e[0] == "stop") > 2:
        first = next(i for i, e in enumerate(win) if e[0] == "stop")
        win = win[next(i for i, e in enumerate(win) if e[0] == "stop" and i > first):]
    # nor inside a stop whose marker is not in it (the collector's moves
    # of an earlier cycle: the model would need a cycle more)
    while win and win[0][0] == "move" and win[0][5] == "gc":
        win = win[1:]
    if not any(e[0] == "move" for e in win):
        raise SystemExit("replay: no move of G%d in its last two stops" % victim)
    return victim, win, w


def max_grows(win):
    """An upper bound on the stack growths the victim's M made in one step:
    gcsched's netguy step may grow a stack several times (one frame at a
    time) before its safe point, the model's once (a run of growths with no
    safe point between looks, to every other actor, like one). The replay
    lets the victim's M grow this many times in a step."""
    GC = BY_NAME["Gcopystack"]
    n = sum(1 for e in win if e[0] == "move" and e[5] == "M" and GC in (e[3], e[4]))
    return max(1, (n + 1) // 2 + 1)


def who(name, ident):
    return "gc" if name == "gc" else "netpoll" if name == "netpoll" else "M%d" % ident


def narrate_window(victim, win, w):
    out = []
    g = "G%d" % victim
    for e in win:
        if e[0] == "stop":
            out.append("gc: stop the world (cycle %d)" % e[2])
        else:
            out.append("%s: %s(%s, %s -> %s)" % (who(e[5], e[6]), narrate.fn(e[3], e[4]), g,
                                                 narrate.status(e[3]), narrate.status(e[4])))
    fn = w[7].split(":")[0]
    out.append("%s: %s(%s, %s -> ...) spins: is %s (gcsched_wedge)" % (
        who(w[5], w[6]), fn, g, narrate.status(w[3]), narrate.status(w[4])))
    return ["%d. %s" % (i, t) for i, t in enumerate(out, 1)]


def pml(win, w, nm, source):
    n = len(win)
    lines = ["/* generated by model/replay.py from %s: do not edit */" % source,
             "#define RP_N\t\t%d" % n,
             "#define RP_VICTIM\t0",
             "/* the victim's status when the window starts */",
             "#define RP_ARM\t\t%d" % next(e for e in win if e[0] == "move")[3],
             "/* growths in one step, the victim's M (max_grows) */",
             "#define RP_MAXGROW\t%d" % max_grows(win),
             "#define RP_STOP\t\t%d" % STOP,
             "#define RP_CLASS(who)\t(who < GC_ACTOR -> 0 : who)",
             "#define RP_IDX(who)\t(who < GC_ACTOR -> who : (who == GC_ACTOR -> NM : NM + 1))",
             "byte rp_g[RP_N], rp_who[RP_N], rp_from[RP_N], rp_to[RP_N];",
             "byte rp_i;",
             "bit rp_on, rp_dead;",
             "/* who is in casgstatus (or casgcopystack) on which G, from what */",
             "byte try_g[NM + 2], try_f[NM + 2];",
             "#define rp_try(who, g, f)\ttry_g[RP_IDX(who)] = g; try_f[RP_IDX(who)] = f",
             ""]
    idx = {"gc": ["NM"], "netpoll": ["NM + 1"], "M": [str(i) for i in range(nm)]}[w[5]]
    wedged = " || ".join("(try_g[%s] == RP_VICTIM && try_f[%s] == %d)" % (i, i, w[3])
                         for i in idx)
    lines.append("/* the wedge as traced: %s spins on the victim, from %s, and it is %s */"
                 % (w[5], narrate.status(w[3]), narrate.status(w[4])))
    lines.append("#define RP_WEDGED\t((%s) && status[RP_VICTIM] == %d)" % (wedged, w[4]))
    lines += ["", "inline rp_init()", "{",
              "\t" + " ".join("try_g[%d] = 255;" % i for i in range(nm + 2))]
    for i, e in enumerate(win):
        if e[0] == "stop":
            vals = (STOP, CLASS["gc"], 0, 0)
        else:
            vals = (0, CLASS[e[5]], e[3], e[4])
        lines.append("\trp_g[%d] = %d; rp_who[%d] = %d; rp_from[%d] = %d; rp_to[%d] = %d;"
                     % (i, vals[0], i, vals[1], i, vals[2], i, vals[3]))
    lines[-1] = lines[-1].rstrip(";")
    lines += ["}", "",
              "/* @k: the G moved (or RP_STOP), by @who, from @f to @t */",
              "inline rp_event(k, who, f, t)",
              "{",
              "\tif",
              "\t:: (k == RP_VICTIM || k == RP_STOP) && rp_on && !rp_dead ->",
              "\t\tif",
              "\t\t:: rp_i < RP_N && rp_g[rp_i] == k && rp_who[rp_i] == RP_CLASS(who) &&",
              "\t\t   rp_from[rp_i] == f && rp_to[rp_i] == t -> rp_i++",
              "\t\t:: else -> rp_dead = 1",
              "\t\tfi",
              "\t:: else -> skip",
              "\tfi",
              "}", ""]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("trace", help="a trace file, or a console log with MODEL-TRACE lines")
    ap.add_argument("--label", help="the MODEL-TRACE label to read (console logs)")
    ap.add_argument("--moves", type=int, default=16, help="the victim's moves to replay")
    ap.add_argument("--nm", type=int, default=2, help="the model's Ms")
    ap.add_argument("--out", required=True, help="replay.pml to write")
    ap.add_argument("--drop", choices=["netpoll"], help="a broken window: drop the "
                    "netpoller's moves (the check must then fail)")
    a = ap.parse_args()
    with open(a.trace, errors="replace") as f:
        evs = parse(f, a.label)
    victim, win, w = window(evs, a.moves)
    if a.drop:
        win = [e for e in win if not (e[0] == "move" and e[5] == a.drop)]
    with open(a.out, "w") as f:
        f.write(pml(win, w, a.nm, a.label or a.trace))
    print("\n".join(narrate_window(victim, win, w)))


if __name__ == "__main__":
    main()
