#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Collect the BENCH lines of make bench's VM runs into a table, a JSON file
of every figure, and gnuplot plots. Usage: report.py OUTDIR LOG [LOG...]
where each LOG is a VM console log; its vCPU count comes from its lines."""
import json
import math
import os
import subprocess
import sys


def kv(fields):
    out = {}
    for f in fields:
        if "=" in f:
            k, v = f.split("=", 1)
            try:
                out[k] = float(v)
            except ValueError:
                out[k] = v
    return out


# The pause's phases (enum gcsched_phase); shrink is a part of scan.
PHASES = ("stop", "scan", "shrink", "start")

QUANTILES = (("min", 0.0), ("median", 0.5), ("p90", 0.9), ("max", 1.0))


def nearest_rank(xs, p):
    """The one quantile rule, gcschedctl's too: of n values in order, the
    ceil(p*n)-th (the first for p = 0). No interpolation: every quantile
    is a value that was measured."""
    return xs[max(0, math.ceil(p * len(xs)) - 1)]


def spread(xs):
    xs = sorted(xs)
    if not xs:
        return None
    out = {"n": len(xs)}
    for name, p in QUANTILES:
        out[name] = nearest_rank(xs, p)
    return out


def censored_spread(times, failed):
    """Quantiles of a time to failure where the runs that survived the limit
    are censored: they only say "longer than this". A quantile that lands
    on one of them is reported as None with its lower bound beside it."""
    runs = sorted(zip(times, failed), key=lambda r: (not r[1], r[0]))
    if not runs:
        return None
    n = len(runs)
    out = {"n": n, "failed": sum(1 for r in runs if r[1])}
    for name, p in QUANTILES:
        t, ok = nearest_rank(runs, p)
        out[name] = t if ok else None
        if not ok:
            out[name + "_above"] = t
    return out


def linear_fit(xs, ys):
    """y = a*x + b by least squares on the relative error (weights 1/y^2:
    points four decades apart count alike, where a plain fit would be the
    largest point's alone), with R^2; and the exponent k of the power law
    y = c*x^k fitted on log-log axes, which is 1 for a linear cost."""
    pts = [(x, y) for x, y in zip(xs, ys) if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    w = [1 / (y * y) for _, y in pts]
    sw = sum(w)
    mx = sum(wi * x for wi, (x, _) in zip(w, pts)) / sw
    my = sum(wi * y for wi, (_, y) in zip(w, pts)) / sw
    sxx = sum(wi * (x - mx) ** 2 for wi, (x, _) in zip(w, pts))
    if not sxx:
        return None
    a = sum(wi * (x - mx) * (y - my) for wi, (x, y) in zip(w, pts)) / sxx
    b = my - a * mx
    ss = sum(wi * (y - my) ** 2 for wi, (_, y) in zip(w, pts))
    res = sum(wi * (y - a * x - b) ** 2 for wi, (x, y) in zip(w, pts))
    lx = [math.log(x) for x, _ in pts]
    ly = [math.log(y) for _, y in pts]
    mlx, mly = sum(lx) / len(lx), sum(ly) / len(ly)
    k = (sum((u - mlx) * (v - mly) for u, v in zip(lx, ly)) /
         sum((u - mlx) ** 2 for u in lx))
    return {"slope": a, "intercept": b, "r2": 1 - res / ss if ss else 1.0,
            "loglog_exponent": k}


def parse(path):
    r = {"ttf_natural": [], "ttf_outcomes": [], "ttf_natural_go14": [],
         "ttf_outcomes_go14": [], "ttf_window_1us": [],
         "ttf_window_10us": [], "tput": {}, "scale": [],
         "micro": {}, "go": [], "floor": {}, "modern": [], "gomodern": [],
         "scen_before": {}, "scen_after": {}}
    for line in open(path, errors="replace"):
        if not line.startswith("BENCH "):
            continue
        f = line.split()[1:]
        if not f:
            continue
        k = f[0]
        if k == "vcpus":
            r["vcpus"] = int(f[1])
        elif k in ("ttf_natural", "ttf_natural_go14"):
            r[k].append(float(f[1]))
            r[k.replace("natural", "outcomes")].append(f[2] if len(f) > 2 else "?")
        elif k.startswith("ttf_window_"):
            r[k].append(float(f[1]))
        elif k.startswith("tput_"):
            r["tput"].setdefault(k[5:], []).append(kv(f[1:]))
        elif k == "scale":
            r["scale"].append(kv(f[1:]))
        elif k == "floor":
            d = kv(f[1:])
            r["floor"][d.get("pass", "?")] = d
        elif k == "micro" and len(f) >= 3:
            r["micro"].setdefault(f[1], []).append(float(f[2]))
        elif k == "go":
            r["go"].append(kv(f[1:]))
        elif k in ("modern", "gomodern"):
            r[k].append(kv(f[1:]))
        elif k in ("scen_before", "scen_after") and len(f) >= 4:
            # scenario, seconds, outcome, policy=
            r[k].setdefault(f[1], []).append(
                (float(f[2]), f[3], kv(f[4:]).get("policy", "?")))
    return r


def scenarios(r):
    """Each scenario's natural time to failure before its fix (censored
    runs kept as such) and its outcome after."""
    out = {}
    for name, xs in r["scen_before"].items():
        failed = [o in ("crashed", "wedged") for _, o, _ in xs]
        out[name] = {"before_policy": xs[0][2],
                     "ttf_s": censored_spread([s for s, _, _ in xs], failed),
                     "after": [{"policy": p, "seconds": s, "outcome": o}
                               for s, o, p in r["scen_after"].get(name, [])]}
    return out


def med(runs, key):
    vals = [x[key] for x in runs if isinstance(x.get(key), float)]
    return spread(vals)


def main():
    outdir, logs = os.path.abspath(sys.argv[1]), sys.argv[2:]
    os.makedirs(outdir, exist_ok=True)
    runs = [parse(p) for p in logs]
    result = {"machine": os.uname().nodename, "runs": []}
    for r in runs:
        failed = [o in ("crashed", "wedged") for o in r["ttf_outcomes"]]
        failed14 = [o in ("crashed", "wedged") for o in r["ttf_outcomes_go14"]]
        entry = {"vcpus": r.get("vcpus"),
                 "ttf_natural_s": censored_spread(r["ttf_natural"], failed),
                 "ttf_natural_go14_s": censored_spread(r["ttf_natural_go14"], failed14),
                 "ttf_window_1us_s": spread(r["ttf_window_1us"]),
                 "ttf_window_10us_s": spread(r["ttf_window_10us"]),
                 "throughput": {}, "scaling": r["scale"],
                 "scaling_fit": None,
                 "micro_ns": {k: spread(v) for k, v in r["micro"].items()},
                 "floor": r["floor"], "go": {},
                 "modern_vs_go": modern_vs_go(r),
                 "scenarios": scenarios(r)}
        pts = [(x["gs"], x["p50_ns"]) for x in r["scale"]
               if isinstance(x.get("p50_ns"), float)]
        if pts:
            entry["scaling_fit"] = linear_fit([p[0] for p in pts],
                                              [p[1] for p in pts])
        # the same fit for each phase's median: where the ns per G go
        entry["scaling_fit_phase"] = {}
        for ph in PHASES:
            pp = [(x["gs"], x[ph + "_p50_ns"]) for x in r["scale"]
                  if isinstance(x.get(ph + "_p50_ns"), float)]
            if pp:
                entry["scaling_fit_phase"][ph] = linear_fit([p[0] for p in pp],
                                                            [p[1] for p in pp])
        for pol, xs in r["tput"].items():
            d = {}
            for key in ("cycles_per_s", "p50_ns", "p99_ns", "max_ns") + tuple(
                    "%s_%s_ns" % (ph, q) for ph in PHASES for q in ("p50", "p99")):
                d[key] = med(xs, key)
            for ph in PHASES:
                d[ph + "_share"] = spread([x[ph + "_total_ns"] / x["pause_total_ns"]
                                           for x in xs if x.get("pause_total_ns")
                                           and isinstance(x.get(ph + "_total_ns"), float)])
            for key in ("wakeups", "wakeups_stw", "steps", "transitions"):
                d[key + "_per_s"] = spread([x[key] / x["seconds"] for x in xs
                                            if x.get("seconds")])
            entry["throughput"][pol] = d
        if r["go"]:
            for key in ("cycles_per_s", "pause_p50_ns", "pause_p99_ns",
                        "pause_max_ns", "roundtrips_per_s"):
                entry["go"][key] = med(r["go"], key)
        result["runs"].append(entry)

    def fmt(s, unit="", scale=1.0, digits=2):
        if not s:
            return "-"
        return "%.*f%s (%.*f-%.*f)" % (digits, s["median"] / scale, unit,
                                       digits, s["min"] / scale,
                                       digits, s["max"] / scale)

    for e in result["runs"]:
        print("== %s vCPUs" % e["vcpus"])
        for name, sc in e.get("scenarios", {}).items():
            t = sc["ttf_s"]

            def sq(k):
                if t is None:
                    return "-"
                if t[k] is None:
                    return ">%.0f s" % t[k + "_above"]
                return "%.2f s" % t[k]
            after = ", ".join("%s %s %.0f s" % (a["policy"], a["outcome"], a["seconds"])
                              for a in sc["after"])
            print("scenario %-16s before (%s): %d of %d runs failed, ttf min %s median %s max %s; after: %s"
                  % (name, sc["before_policy"], t["failed"] if t else 0,
                     t["n"] if t else 0, sq("min"), sq("median"), sq("max"), after))
        for model, key in (("thread", "ttf_natural_s"), ("go14", "ttf_natural_go14_s")):
            t = e[key]
            if not t:
                continue

            def tq(name):
                if t[name] is None:
                    return ">%.0f s" % t[name + "_above"]
                return "%.2f s" % t[name]
            print("time to failure, natural race, netpoller %s (%d runs, %d failed within the limit):"
                  % (model, t["n"], t["failed"]))
            print("   min %s  median %s  p90 %s  max %s"
                  % (tq("min"), tq("median"), tq("p90"), tq("max")))
        for w in ("1us", "10us"):
            s = e["ttf_window_%s_s" % w]
            if s:
                print("time to failure, %s window: median %.3f s (%.3f-%.3f), %d runs"
                      % (w, s["median"], s["min"], s["max"], s["n"]))
        for pol, d in e["throughput"].items():
            print("%-20s GC %s/s  pause p50 %s  p99 %s  max %s" % (
                pol, fmt(d["cycles_per_s"], digits=1),
                fmt(d["p50_ns"], "ms", 1e6), fmt(d["p99_ns"], "ms", 1e6),
                fmt(d["max_ns"], "ms", 1e6)))
            print("%-20s wakeups %s/s (STW %s/s)  transitions %s/s  steps %s/s" % (
                "", fmt(d["wakeups_per_s"], digits=0),
                fmt(d["wakeups_stw_per_s"], digits=0),
                fmt(d["transitions_per_s"], digits=0),
                fmt(d["steps_per_s"], digits=0)))
            if d.get("scan_share"):
                print("%-20s by phase, p99 (share of the pause): %s" % ("", "; ".join(
                    "%s%s %s (%.0f%%)" % ("of which " if ph == "shrink" else "", ph,
                                          fmt(d[ph + "_p99_ns"], "ms", 1e6, 3),
                                          100 * d[ph + "_share"]["median"])
                    for ph in PHASES if d.get(ph + "_share"))))
        for s in e["scaling"]:
            gs = s["gs"]
            stk = s.get("stack_bytes") if isinstance(s.get("stack_bytes"), float) else 0
            print("scaling: %7d Gs  pause p50 %9.3f ms  %7.1f cycles/s  %5.0f B/G (stack %4.0f)"
                  "  start %8.1f ms  stop %7.1f ms  teardown %7.0f ms"
                  % (gs, s["p50_ns"] / 1e6, s["cycles_per_s"],
                     s["bytes"] / gs if s.get("bytes") else 0, stk / gs,
                     s.get("start_ms", 0), s.get("stop_ms", 0),
                     s.get("teardown_ms", 0) if isinstance(s.get("teardown_ms"), float) else 0))
        for p, d in sorted(e["floor"].items()):
            print("floor (%s, %d MiB): zeroed pages %.0f ns and free %.0f ns per 2 KiB;"
                  " START's stacks %.0f ns and free %.0f ns each; a read of each stack %.0f ns"
                  % (p, d.get("page_mib", 0), d.get("page_alloc_zero_2k_ns", 0),
                     d.get("page_free_2k_ns", 0), d.get("stack_alloc_bulk_ns", 0),
                     d.get("stack_free_bulk_ns", 0), d.get("stack_walk_ns", 0)))
        f = e["scaling_fit"]
        if f:
            print("scaling fit: pause = %.1f ns/G x Gs + %.3f ms  (R^2 %.4f, relative);"
                  " log-log exponent %.3f" % (f["slope"], f["intercept"] / 1e6,
                                              f["r2"], f["loglog_exponent"]))
            fp = e.get("scaling_fit_phase", {})
            if fp:
                print("scaling fit by phase, ns/G: " + ", ".join(
                    "%s%s %.1f" % ("of which " if ph == "shrink" else "", ph, fp[ph]["slope"])
                    for ph in PHASES if fp.get(ph)))
        if e["micro_ns"]:
            print("machinery (ns/op): " + "  ".join(
                "%s %.1f" % (k[:-3] if k.endswith("_ns") else k, v["median"])
                for k, v in e["micro_ns"].items()))
        g = e["go"]
        if g and g.get("cycles_per_s"):
            print("real Go (%s) seed: GC %.2f/s  pause p50 %.2f ms  p99 %.2f ms  round trips %.0f/s"
                  % ("Debian golang-go", g["cycles_per_s"]["median"],
                     g["pause_p50_ns"]["median"] / 1e6,
                     g["pause_p99_ns"]["median"] / 1e6,
                     g["roundtrips_per_s"]["median"]))
            for pol, gc in e["throughput"].items():
                if not pol.startswith("go1.4-fixed") or not g["cycles_per_s"]["median"]:
                    continue
                ratio = {"cycles": gc["cycles_per_s"]["median"] / g["cycles_per_s"]["median"],
                         "p99": gc["p99_ns"]["median"] / max(g["pause_p99_ns"]["median"], 1)}
                e.setdefault("vs_go", {})[pol] = ratio
                print("gcsched %s / Go: %.0fx the GC cycles/s, %.2fx the p99 pause"
                      % (pol, ratio["cycles"], ratio["p99"]))
        for row in e["modern_vs_go"]:
            print("modern, %6d Gs: %s" % (row["gs"], "; ".join(
                "%s pause p50 %s p99 %s, mark p50 %s p99 %s" % (
                    who, ms(d.get("pause_p50_ns")), ms(d.get("pause_p99_ns")),
                    ms(d.get("mark_p50_ns")), ms(d.get("mark_p99_ns")))
                for who, d in (("gcsched", row["gcsched"]), ("Go 1.19", row["go"])) if d)))
    # The p99 tail against the vCPUs, phase by phase: which phase grows
    # when the VM has more vCPUs than the host has cores.
    tail = [(e["vcpus"], e["throughput"].get("go1.4-fixed")) for e in result["runs"]]
    tail = [(v, d) for v, d in tail if d and d.get("stop_p99_ns")]
    if len(tail) > 1:
        print("== the p99 pause by vCPUs (go1.4-fixed, median of runs; host cores: %d)"
              % os.cpu_count())
        for v, d in sorted(tail):
            print("%2d vCPUs: pause p99 %s = stop %s + scan %s + start %s (p99 each)"
                  % (v, fmt(d["p99_ns"], "ms", 1e6, 3), fmt(d["stop_p99_ns"], "ms", 1e6, 3),
                     fmt(d["scan_p99_ns"], "ms", 1e6, 3), fmt(d["start_p99_ns"], "ms", 1e6, 3)))
    if result["runs"]:
        result["targets"] = targets(result["runs"][0])
        print("== targets (the performance issue), %s vCPUs" % result["runs"][0]["vcpus"])
        for t in result["targets"]:
            print("%-32s %-52s %-32s %s" % (t["what"], t["measured"], t["target"],
                                             {True: "met", False: "NOT met",
                                              None: "-"}[t["met"]]))
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump(result, f, indent=1)
    plot(outdir, result)


def ms(v):
    return "%.3f ms" % (v / 1e6) if isinstance(v, float) else "-"


def modern_vs_go(r):
    """modern's pause (both stops) and concurrent mark beside Go 1.19's
    (its gctrace clock fields), by the number of Gs."""
    rows = []
    for m in r["modern"]:
        g = next((x for x in r["gomodern"] if x.get("gs") == m.get("gs")), {})
        rows.append({"gs": int(m.get("gs", 0)), "gcsched": m, "go": g})
    return rows


def targets(e):
    """The performance issue's table: each row's measure, its target and
    whether it is met (None: a row with no target, or nothing measured)."""
    rows = []

    def row(what, measured, target, met):
        rows.append({"what": what, "measured": measured, "target": target,
                     "met": met})

    m = {k: v["median"] for k, v in e["micro_ns"].items() if v}
    cas = m.get("atomic_cmpxchg_ns")
    if cas:
        for name, what, n in (("casgstatus_uncontended_ns", "casgstatus, uncontended", 1),
                              ("castogscanstatus_pair_ns", "castogscanstatus + casfrom", 2)):
            if name in m:
                row(what, "%.1f ns (%.1fx %d bare CAS of %.1f ns)" % (m[name], m[name] / (n * cas), n, cas),
                    "within 2x of %d bare CAS" % n, m[name] <= 2 * n * cas)
        # where the distance goes: casgstatus's parts, added one by one
        steps = [(k.split("_")[2], m[k]) for k in sorted(m)
                 if k.startswith("casgstatus_step")]
        if len(steps) > 1 and "casgstatus_uncontended_ns" in m:
            parts = ["%s %.1f" % (steps[0][0], steps[0][1])]
            parts += ["+%s %+.1f" % (steps[i][0], steps[i][1] - steps[i - 1][1])
                      for i in range(1, len(steps))]
            parts.append("+call %+.1f" % (m["casgstatus_uncontended_ns"] - steps[-1][1]))
            row("  casgstatus, part by part", ", ".join(parts) + " ns",
                "(the distance explained)", None)
    if "casgstatus_contended_ns" in m and m.get("atomic_cmpxchg_contended_ns"):
        c, b = m["casgstatus_contended_ns"], m["atomic_cmpxchg_contended_ns"]
        row("casgstatus, contended", "%.1f ns (%.1fx a contended bare CAS of %.1f ns)" % (c, c / b, b),
            "measured against the bare CAS", None)
    # the timeline's cost (issue 18): the same runs with the ring and without
    tp = e.get("throughput", {})
    on, off = tp.get("go1.4-fixed", {}), tp.get("go1.4-fixed-notimeline", {})
    a = (on.get("cycles_per_s") or {}).get("median")
    b = (off.get("cycles_per_s") or {}).get("median")
    if a and b:
        row("timeline's cost, go1.4-fixed GC cycles/s",
            "%.1f with, %.1f without (%+.1f%%)" % (a, b, 100 * (a - b) / b),
            "under 10% fewer", a >= 0.9 * b)
    if "casgstatus_uncontended_ns" in m and "casgstatus_no_timeline_ns" in m:
        a, b = m["casgstatus_uncontended_ns"], m["casgstatus_no_timeline_ns"]
        row("timeline's cost, casgstatus uncontended",
            "%.1f ns with, %.1f ns without (%+.1f ns: the ring's write)" % (a, b, a - b),
            "measured", None)
    f = e.get("scaling_fit")
    if f:
        fp = e.get("scaling_fit_phase", {})
        by = ", ".join("%s %.0f" % (ph, fp[ph]["slope"]) for ph in ("scan", "shrink")
                       if fp.get(ph))
        row("pause per G (go1.4-fixed, fit)", "%.0f ns/G (R^2 %.3f)%s" % (
            f["slope"], f["r2"], " (%s)" % by if by else ""),
            "300 ns/G or less", f["slope"] <= 300)
        # where the distance goes: the machinery warm, and memory cold
        walk = e.get("floor", {}).get("warm", {}).get("stack_walk_ns")
        warm = [m.get(k) for k in ("castogscanstatus_pair_ns", "stack_verify_at_rest_ns")]
        if walk and all(warm):
            row("  pause per G, explained",
                "scan, warm: Gscan pair %.0f + verify at rest %.0f = %.0f ns; cold: a read of each "
                "2 KiB stack %.0f ns (all the stacks of the largest run)"
                % (warm[0], warm[1], sum(warm), walk), "(the distance explained)", None)
    big = [s for s in e["scaling"] if s.get("gs", 0) >= 1000000]
    floor = e.get("floor", {}).get("warm", {})
    if big:
        s = big[-1]
        gs = s["gs"]
        fz = floor.get("page_alloc_zero_2k_ns")
        fl = fz * gs / 1e6 if fz else None
        row("START of %d Gs" % gs, "%.0f ms" % s.get("start_ms", 0) +
            (" (floor %.0f ms: %.1fx)" % (fl, s.get("start_ms", 0) / fl) if fl else ""),
            "1 s, or within 2x of the floor",
            s.get("start_ms", 1e12) <= 1000 or bool(fl and s["start_ms"] <= 2 * fl))
        ff = floor.get("page_free_2k_ns")
        td = s.get("teardown_ms")
        row("STOP of %d Gs" % gs, "%.0f ms to return" % s.get("stop_ms", 0) +
            (", teardown %.0f ms after" % td if isinstance(td, float) else "") +
            (" (free floor %.0f ms)" % (ff * gs / 1e6) if ff else ""),
            "0.3 s or less", s.get("stop_ms", 1e12) <= 300)
    else:
        row("START / STOP of 1,000,000 Gs", "not measured (QUICK)", "1 s / 0.3 s", None)
    vs = e.get("vs_go", {}).get("go1.4-fixed")
    if vs:
        row("go1.4-fixed GC cycles/s vs Go", "%.0fx" % vs["cycles"], "a sanity row", None)
    return rows


def plot(outdir, result):
    if subprocess.call(["sh", "-c", "command -v gnuplot >/dev/null"]) != 0:
        print("(gnuplot missing: no plots)")
        return
    e = result["runs"][0]
    fit = e.get("scaling_fit") or {"slope": 0, "intercept": 0}
    fa, fb = fit["slope"] / 1e6, fit["intercept"] / 1e6	# ms per G, ms
    ttf = os.path.join(outdir, "ttf.dat")
    with open(ttf, "w") as f:
        for r in result["runs"]:
            t = r["ttf_natural_s"]
            if t:
                # A censored quantile is drawn at its lower bound, and
                # told apart by the fifth column (1: "more than").
                def v(name):
                    return t[name] if t[name] is not None else t[name + "_above"]
                f.write("%s %f %f %f %d\n" % (r["vcpus"], v("min"), v("median"),
                                               v("max"), t["median"] is None))
    # gnuplot gives up on a plot whose points are all undefined
    censored = ""
    if any(r["ttf_natural_s"] and r["ttf_natural_s"]["median"] is None
           for r in result["runs"]):
        censored = (", \\\n     '' using 1:($5 != 0 ? $3 : 1/0) with points pt 9 ps 2"
                    " title 'median above the limit (most runs survived)'")
    scale = os.path.join(outdir, "scale.dat")
    with open(scale, "w") as f:
        for s in e["scaling"]:
            f.write("%d %f\n" % (s["gs"], s["p50_ns"] / 1e6))
    script = """
set terminal png size 800,500
set output '%s/ttf.png'
set title 'go1.4-buggy + throw check: time to failure, natural race'
set xlabel 'vCPUs'; set ylabel 'seconds'; set logscale y
set xrange [1:9]; set xtics (2, 4, 8)
plot '%s' using 1:3:2:4 with yerrorbars pt 7 title 'median (min-max; a censored max is drawn at the limit)'%s
set autoscale x; set xtics autofreq
unset logscale
set output '%s/scaling.png'
set title 'modern: stop-the-world pause against Gs'
set xlabel 'Gs'; set ylabel 'pause p50 (ms)'
set logscale xy
f(x) = a*x + b
a = %g; b = %g
plot '%s' using 1:2 with points pt 7 title 'measured', f(x) title sprintf('fit (relative error): %%.0f ns/G', a*1e6)
""" % (outdir, ttf, censored, outdir, fa, fb, scale)
    subprocess.run(["gnuplot"], input=script, text=True, cwd=outdir)
    print("plots: %s/ttf.png %s/scaling.png" % (outdir, outdir))


if __name__ == "__main__":
    main()
