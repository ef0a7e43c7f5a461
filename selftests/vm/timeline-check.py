#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check timelines that gcschedctl wrote in the VM, outside it (make check).

  timeline-check.py TOOL DIR NAME[:LABEL|LABEL...] ...

For each NAME, DIR/NAME.json (run --timeline) and DIR/NAME.svg (run --svg):

JSON, as the trace event format asks: every event has ph, ts, pid and tid;
the spans (ph X) of each track nest; when the window ends in a failure, the
report is an instant on the failing G's track, exactly one move is marked
failing, it is that G's, and it is the last of that G's moves before the
report; the G's last status span starts with it.

SVG, as a person sees it: rendered to a PNG with rsvg-convert, the picture
is not blank; each LABEL is the text of one of its labels (the failing
transition's words); every text's box lies inside the viewBox and overlaps
no other; and drawn alone, the texts leave ink only inside their boxes (so
that the boxes, computed from the monospace font's advance, are the ones
the reader sees). Then TOOL timeline DIR/NAME.json --svg draws it again
from the JSON alone: the same picture, byte for byte. Last, the reader of that
command, on variants of the first NAME's JSON (check_reader()).

Exit status 0 when every check holds; each failure is said in a line.
"""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

SVGNS = "{http://www.w3.org/2000/svg}"
ADV = 0.61      # a character's advance, em (svg.c's CH: DejaVu Sans Mono's 0.602)
ASC, DESC = 0.8, 0.25   # a line's box around its baseline, em (svg.c)
EPS = 0.002     # us: ts and dur are printed to the ns

failures = []


def fail(name, why):
    failures.append(f"{name}: {why}")
    print(f"timeline-check: FAIL {name}: {why}")


def check_json(name, path):
    with open(path) as f:
        doc = json.load(f)
    evs = doc.get("traceEvents")
    if not isinstance(evs, list) or not evs:
        return fail(name, "no traceEvents")
    for i, e in enumerate(evs):
        for k in ("ph", "ts", "pid", "tid"):
            if k not in e:
                return fail(name, f"event {i} has no {k}: {e}")
        if e["ph"] == "X" and not e.get("dur", -1) >= 0:
            return fail(name, f"span {i} without a dur >= 0: {e}")
    # spans nest on each track
    tracks = {}
    for e in evs:
        if e["ph"] == "X":
            tracks.setdefault((e["pid"], e["tid"]), []).append(e)
    for key, spans in tracks.items():
        spans.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []
        for e in spans:
            b, end = e["ts"], e["ts"] + e["dur"]
            while stack and stack[-1] <= b + EPS:
                stack.pop()
            if stack and end > stack[-1] + EPS:
                return fail(name, f"track {key}: span {e['name']!r} at {b} "
                            f"ends at {end}, past its parent's end {stack[-1]}")
            stack.append(end)
    raw = doc.get("gcsched", {})
    rep = raw.get("report", {})
    if not rep.get("kind"):
        return
    goid = rep["goid"]
    reports = [e for e in evs if e["pid"] == 2 and e["ph"] == "i"]
    if len(reports) != 1 or reports[0]["tid"] != 1000 + goid:
        return fail(name, f"the report is not one instant on G{goid}'s track: {reports}")
    t_rep = reports[0]["ts"]
    failing = [e for e in evs if e.get("args", {}).get("failing") is True]
    moves = [e for e in evs if e["pid"] == 1 and e["ph"] == "i" and
             e.get("args", {}).get("goid") == goid and "by" in e.get("args", {}) and
             e["ts"] <= t_rep + EPS]
    if not moves:
        if failing:
            return fail(name, f"a move marked failing, but G{goid} made none: {failing}")
        print(f"timeline-check: {name}: G{goid} made no move in the window (its report says when it last did)")
        return
    if len(failing) != 1:
        return fail(name, f"{len(failing)} moves marked failing, not one")
    if failing[0] is not moves[-1]:
        return fail(name, f"the failing move {failing[0]['name']!r} is not G{goid}'s last "
                    f"before the report ({moves[-1]['name']!r})")
    m = re.match(r"FAILING: G(\d+) (\S+) -> (\S+)$", failing[0]["name"])
    if not m or int(m.group(1)) != goid:
        return fail(name, f"the failing move's name {failing[0]['name']!r}")
    gspans = sorted((e for e in tracks.get((2, 1000 + goid), [])), key=lambda e: e["ts"])
    if not gspans or gspans[-1]["name"] != m.group(3) or \
            abs(gspans[-1]["ts"] - failing[0]["ts"]) > EPS:
        return fail(name, f"G{goid}'s last status span is not the failing move's {m.group(3)}")
    print(f"timeline-check: {name}: JSON ok ({len(evs)} events; failing: "
          f"{failing[0]['name']} by {failing[0]['args']['by']})")


def png_pixels(path):
    """The RGBA rows of a PNG as rsvg-convert writes it (8 bits, RGBA)."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), f"PNG depth {depth} type {ctype}"
            bpp = 4 if ctype == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ft == 1:
                line[x] = (line[x] + a) & 0xff
            elif ft == 2:
                line[x] = (line[x] + b) & 0xff
            elif ft == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xff
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xff
        rows.append([tuple(line[i:i + 3]) for i in range(0, stride, bpp)])
        prev = line
    return w, h, rows


def render(svg, png):
    subprocess.run(["rsvg-convert", "-b", "white", "-o", png, svg], check=True)


def text_boxes(root, fs_default):
    boxes = []
    for t in root.iter(SVGNS + "text"):
        s = "".join(t.itertext())
        fs = float(t.get("font-size", fs_default))
        x, y = float(t.get("x")), float(t.get("y"))
        boxes.append((x, y - ASC * fs, x + len(s) * ADV * fs, y + DESC * fs, s))
    return boxes


def check_svg(name, path, labels, tool, json_path):
    before = len(failures)
    root = ET.parse(path).getroot()
    vb = [float(v) for v in root.get("viewBox").split()]
    fs = float(root.get("font-size", 16))
    boxes = text_boxes(root, fs)
    texts = [b[4] for b in boxes]
    for want in labels:
        if not any(want in s for s in texts):
            fail(name, f"no label {want!r} in the picture (its texts: {texts[:12]}...)")
    for (x0, y0, x1, y1, s) in boxes:
        if x0 < vb[0] or y0 < vb[1] or x1 > vb[0] + vb[2] or y1 > vb[1] + vb[3]:
            fail(name, f"label {s!r} at ({x0:.1f},{y0:.1f})-({x1:.1f},{y1:.1f}) "
                 f"is not inside the viewBox {vb}")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                fail(name, f"labels {a[4]!r} and {b[4]!r} overlap")
    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "p.png")
        render(path, png)
        w, h, rows = png_pixels(png)
        colours = {}
        for r in rows:
            for px in r:
                colours[px] = colours.get(px, 0) + 1
        ink = w * h - colours.get((255, 255, 255), 0)
        if ink < 0.01 * w * h or len(colours) < 5:
            fail(name, f"the rendering is blank: {ink} of {w * h} pixels inked, "
                 f"{len(colours)} colours")
        # the texts alone: ink only inside their boxes
        alone = ET.Element(root.tag, {k: v for k, v in root.attrib.items()})
        for t in root.iter(SVGNS + "text"):
            alone.append(t)
        solo = os.path.join(tmp, "t.svg")
        ET.ElementTree(alone).write(solo)
        render(solo, png)
        w2, h2, rows = png_pixels(png)
        sx, sy = w2 / vb[2], h2 / vb[3]
        stray = 0
        for y, r in enumerate(rows):
            for x, px in enumerate(r):
                if min(px) >= 235:  # white, or antialiasing's faintest edge
                    continue
                ux, uy = x / sx, y / sy
                if not any(b[0] - 1.5 <= ux <= b[2] + 1.5 and b[1] - 1.5 <= uy <= b[3] + 1.5
                           for b in boxes):
                    stray += 1
                    if stray == 1:
                        first = (ux, uy)
        if stray:
            fail(name, f"{stray} pixels of text outside every label's box (first at "
                 f"{first[0]:.0f},{first[1]:.0f}): the boxes are not what is drawn")
        again = os.path.join(tmp, "again.svg")
        r = subprocess.run([tool, "timeline", json_path, "--svg", again],
                           capture_output=True, text=True)
        if r.returncode:
            fail(name, f"gcschedctl timeline {json_path}: {r.stderr.strip()}")
        elif open(again, "rb").read() != open(path, "rb").read():
            fail(name, "gcschedctl timeline FILE --svg draws another picture than run --svg")
    if len(failures) == before:
        print(f"timeline-check: {name}: SVG ok ({len(boxes)} labels, {w}x{h} px, "
              f"{100 * ink / (w * h):.1f}% inked, {len(colours)} colours)")


def check_reader(tool, json_path):
    """gcschedctl timeline's reader, on variants of a real file: what a later
    format may add is skipped, every u64 the writer writes is read, what is
    malformed is refused with the line and the reason."""
    before = len(failures)
    with open(json_path) as f:
        text = f.read()
    head, sep, rest = text.partition('\n"gcsched": {')
    assert sep, "no gcsched object"
    cases = [
        # (name, text, exit status, words in the output)
        ("a later format's long key", head + sep + '"a_key_longer_than_any_this_reader_knows": {"x": [1, "y"]}, ' + rest, 0, "picture in"),
        ("the largest u64", head + sep + re.sub(r'"total": \d+', '"total": 18446744073709551615', rest, count=1), 0, "picture in"),
        ("a u64 too large", head + sep + re.sub(r'"total": \d+', '"total": 18446744073709551616', rest, count=1), 1, "a number too large"),
        ("events twice", head + sep + '"events": [], ' + rest, 1, '"events" twice'),
        ("a lax \\u", head + sep + rest.replace('"policy": "', '"policy": "\\u0x41', 1), 1, "without four hex digits"),
        ("a NUL", head + sep + rest.replace('"policy": "', '"policy": "\\u0000', 1), 1, "cannot take"),
        # inside the events (the reader reads the gcsched object alone)
        ("cut short", head + sep + rest[:rest.index('"events": [') + 200], 1, "line "),
        ("no events", head + sep + re.sub(r'"events": \[.*?\]\},', '"events": []},', rest, count=1, flags=re.S), 1, "no events to draw"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for name, body, want_rc, words in cases:
            src, out = os.path.join(tmp, "in.json"), os.path.join(tmp, name.replace(" ", "-") + ".svg")
            with open(src, "w") as f:
                f.write(body)
            r = subprocess.run([tool, "timeline", src, "--svg", out], capture_output=True, text=True)
            said = (r.stdout + r.stderr).strip()
            if r.returncode != want_rc or words not in said:
                fail("reader", f"{name}: exit {r.returncode} ({said!r}), wanted {want_rc} and {words!r}")
            if r.returncode and os.path.exists(out):
                fail("reader", f"{name}: refused, but left {out}")
    if len(failures) == before:
        print(f"timeline-check: reader: {len(cases)} variants of {os.path.basename(json_path)} read or refused as they should")


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    tool, d = sys.argv[1], sys.argv[2]
    for arg in sys.argv[3:]:
        name, _, labels = arg.partition(":")
        labels = [s for s in labels.split("|") if s]
        j, s = os.path.join(d, name + ".json"), os.path.join(d, name + ".svg")
        for p in (j, s):
            if not os.path.exists(p):
                fail(name, f"{p} missing: the VM job did not write it")
        if not os.path.exists(j) or not os.path.exists(s):
            continue
        check_json(name, j)
        check_svg(name, s, labels, tool, j)
    first = os.path.join(d, sys.argv[3].partition(":")[0] + ".json")
    if os.path.exists(first):
        check_reader(tool, first)
    if failures:
        print(f"timeline-check: {len(failures)} failures")
        sys.exit(1)
    print("timeline-check: all checks hold")


if __name__ == "__main__":
    main()
