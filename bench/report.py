#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Collect the BENCH lines of make bench's VM runs into a table, a JSON file
of every figure, and gnuplot plots. Usage: report.py OUTDIR LOG [LOG...]
where each LOG is a VM console log; its vCPU count comes from its lines."""
import json
import os
import statistics
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


def spread(xs):
    xs = sorted(xs)
    if not xs:
        return None
    return {"n": len(xs), "min": xs[0], "median": statistics.median(xs),
            "p90": xs[min(len(xs) - 1, int(0.9 * len(xs)))], "max": xs[-1]}


def parse(path):
    r = {"ttf_natural": [], "ttf_outcomes": [], "ttf_window_1us": [],
         "ttf_window_10us": [], "tput": {}, "scale": [], "startstop": [],
         "micro": {}, "go": []}
    for line in open(path, errors="replace"):
        if not line.startswith("BENCH "):
            continue
        f = line.split()[1:]
        if not f:
            continue
        k = f[0]
        if k == "vcpus":
            r["vcpus"] = int(f[1])
        elif k == "ttf_natural":
            r["ttf_natural"].append(float(f[1]))
            r["ttf_outcomes"].append(f[2] if len(f) > 2 else "?")
        elif k.startswith("ttf_window_"):
            r[k].append(float(f[1]))
        elif k.startswith("tput_"):
            r["tput"].setdefault(k[5:], []).append(kv(f[1:]))
        elif k == "scale":
            r["scale"].append(kv(f[1:]))
        elif k == "startstop":
            r["startstop"].append(kv(f[1:]))
        elif k == "micro" and len(f) >= 3:
            r["micro"][f[1]] = float(f[2])
        elif k == "go":
            r["go"].append(kv(f[1:]))
    return r


def med(runs, key):
    vals = [x[key] for x in runs if isinstance(x.get(key), float)]
    return spread(vals)


def main():
    outdir, logs = sys.argv[1], sys.argv[2:]
    os.makedirs(outdir, exist_ok=True)
    runs = [parse(p) for p in logs]
    result = {"machine": os.uname().nodename, "runs": []}
    for r in runs:
        entry = {"vcpus": r.get("vcpus"),
                 "ttf_natural_s": spread(r["ttf_natural"]),
                 "ttf_natural_failed": r["ttf_outcomes"].count("crashed") +
                 r["ttf_outcomes"].count("wedged"),
                 "ttf_window_1us_s": spread(r["ttf_window_1us"]),
                 "ttf_window_10us_s": spread(r["ttf_window_10us"]),
                 "throughput": {}, "scaling": r["scale"],
                 "startstop": r["startstop"], "micro_ns": r["micro"],
                 "go": {}}
        for pol, xs in r["tput"].items():
            d = {}
            for key in ("cycles_per_s", "p50_ns", "p99_ns", "max_ns"):
                d[key] = med(xs, key)
            for key in ("wakeups", "wakeups_stw", "steps", "transitions"):
                d[key + "_per_s"] = spread([x[key] / x["seconds"] for x in xs
                                            if x.get("seconds")])
            entry["throughput"][pol] = d
        if r["go"]:
            for key in ("cycles_per_s", "pause_p50_ns", "pause_p99_ns",
                        "pause_max_ns", "roundtrips_per_s"):
                entry["go"][key] = med(r["go"], key)
        result["runs"].append(entry)
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump(result, f, indent=1)

    def fmt(s, unit="", scale=1.0, digits=2):
        if not s:
            return "-"
        return "%.*f%s (%.*f-%.*f)" % (digits, s["median"] / scale, unit,
                                       digits, s["min"] / scale,
                                       digits, s["max"] / scale)

    for e in result["runs"]:
        print("== %s vCPUs" % e["vcpus"])
        t = e["ttf_natural_s"]
        if t:
            print("time to failure, natural race (%d runs, %d failed within the limit):"
                  % (t["n"], e["ttf_natural_failed"]))
            print("   min %.2f s  median %.2f s  p90 %.2f s  max %.2f s"
                  % (t["min"], t["median"], t["p90"], t["max"]))
        for w in ("1us", "10us"):
            s = e["ttf_window_%s_s" % w]
            if s:
                print("time to failure, %s window: median %.3f s (%.3f-%.3f), %d runs"
                      % (w, s["median"], s["min"], s["max"], s["n"]))
        for pol, d in e["throughput"].items():
            print("%-12s GC %s/s  pause p50 %s  p99 %s  max %s" % (
                pol, fmt(d["cycles_per_s"], digits=1),
                fmt(d["p50_ns"], "ms", 1e6), fmt(d["p99_ns"], "ms", 1e6),
                fmt(d["max_ns"], "ms", 1e6)))
            print("%-12s wakeups %s/s (STW %s/s)  transitions %s/s  steps %s/s" % (
                "", fmt(d["wakeups_per_s"], digits=0),
                fmt(d["wakeups_stw_per_s"], digits=0),
                fmt(d["transitions_per_s"], digits=0),
                fmt(d["steps_per_s"], digits=0)))
        for s in e["scaling"]:
            print("scaling: %7d Gs  pause p50 %8.3f ms  %6.1f cycles/s  %8.0f bytes/G"
                  % (s["gs"], s["p50_ns"] / 1e6, s["cycles_per_s"],
                     s["bytes"] / s["gs"] if s.get("bytes") else 0))
        for s in e["startstop"]:
            print("start+stop: %7d pairs  %6.0f ms" % (s["pairs"], s["ms"]))
        if e["micro_ns"]:
            print("machinery (ns/op): " + "  ".join(
                "%s %.1f" % (k[:-3] if k.endswith("_ns") else k, v)
                for k, v in e["micro_ns"].items()))
        g = e["go"]
        if g and g.get("cycles_per_s"):
            gc = e["throughput"].get("go1.4-fixed", {})
            print("real Go (%s) seed: GC %.2f/s  pause p50 %.2f ms  p99 %.2f ms  round trips %.0f/s"
                  % ("Debian golang-go", g["cycles_per_s"]["median"],
                     g["pause_p50_ns"]["median"] / 1e6,
                     g["pause_p99_ns"]["median"] / 1e6,
                     g["roundtrips_per_s"]["median"]))
            if gc.get("cycles_per_s") and g["cycles_per_s"]["median"]:
                print("gcsched/Go: %.0fx the GC cycles/s, %.2fx the p99 pause"
                      % (gc["cycles_per_s"]["median"] / g["cycles_per_s"]["median"],
                         gc["p99_ns"]["median"] / max(g["pause_p99_ns"]["median"], 1)))
    plot(outdir, result)


def plot(outdir, result):
    if subprocess.call(["sh", "-c", "command -v gnuplot >/dev/null"]) != 0:
        print("(gnuplot missing: no plots)")
        return
    e = result["runs"][0]
    ttf = os.path.join(outdir, "ttf.dat")
    with open(ttf, "w") as f:
        for r in result["runs"]:
            t = r["ttf_natural_s"]
            if t:
                f.write("%s %f %f %f\n" % (r["vcpus"], t["min"], t["median"], t["max"]))
    scale = os.path.join(outdir, "scale.dat")
    with open(scale, "w") as f:
        for s in e["scaling"]:
            f.write("%d %f\n" % (s["gs"], s["p50_ns"] / 1e6))
    script = """
set terminal png size 800,500
set output '%s/ttf.png'
set title 'go1.4-buggy + throw check: time to failure, natural race'
set xlabel 'vCPUs'; set ylabel 'seconds'; set logscale y
plot '%s' using 1:3:2:4 with yerrorlines title 'median (min-max)'
unset logscale
set output '%s/scaling.png'
set title 'modern: stop-the-world pause against Gs'
set xlabel 'Gs'; set ylabel 'pause p50 (ms)'
f(x) = a*x + b
fit f(x) '%s' using 1:2 via a, b
plot '%s' using 1:2 with points pt 7 title 'measured', f(x) title 'linear fit'
""" % (outdir, ttf, outdir, scale, scale)
    subprocess.run(["gnuplot"], input=script, text=True, cwd=outdir,
                   stderr=subprocess.DEVNULL)
    print("plots: %s/ttf.png %s/scaling.png" % (outdir, outdir))


if __name__ == "__main__":
    main()
