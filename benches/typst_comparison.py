#!/usr/bin/env python3
"""Whole-process comparison of `integrity-planner export` with the Typst command-line compiler on
the same pages (issue: an export as fast as native Typst).

What it does, so anyone can repeat it:
  1. writes the large generated plan (`large_plan --scale N`, N = 1 by default) with the release
     build of this repository;
  2. exports its full PDF once and reads the text of every page back with `pdftotext -layout`;
  3. writes a Typst source with the same pages: each page's text, line for line, on an A4 page,
     then a page break (`typst compile --ignore-system-fonts`, Typst's own fonts);
  4. runs the two whole commands in turn, A B A B ..., and prints the median wall and CPU time of
     each and the median of the paired wall-time ratios.

Needs: a release build (`cargo build --release --bin integrity-planner --example large_plan`),
`pdftotext` (poppler-utils) and `typst` on the PATH (`cargo install typst-cli --locked`).
Usage: python3 benches/typst_comparison.py [--scale N] [--runs R] [--typst PATH]
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "integrity-planner")
GENERATOR = os.path.join(ROOT, "target", "release", "examples", "large_plan")


def typst_string(text):
    """A Typst string literal holding `text`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def typst_source(pages):
    out = [
        '#set page(paper: "a4", margin: (x: 15mm, y: 12mm))',
        "#set text(size: 7pt)",
        "#set par(leading: 0.35em)",
    ]
    for i, page in enumerate(pages):
        if i:
            out.append("#pagebreak()")
        out.append("#text(" + typst_string(page.rstrip("\n")) + ")")
    return "\n".join(out) + "\n"


def timed(command):
    """Wall and CPU seconds of one run of `command` (its output thrown away)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--typst", default="typst")
    args = parser.parse_args()
    for tool in (BIN, GENERATOR):
        if not os.path.exists(tool):
            sys.exit(f"{tool} is missing: cargo build --release --bin integrity-planner --example large_plan")
    work = tempfile.mkdtemp(prefix="typst-comparison-")
    plan = os.path.join(work, "large.plan.ron")
    pdf = os.path.join(work, "large.pdf")
    subprocess.run([GENERATOR, plan, "--scale", str(args.scale)], check=True, stdout=subprocess.DEVNULL)
    export = [BIN, "export", plan, "-o", pdf, "--no-record", "--force"]
    subprocess.run(export, check=True, stdout=subprocess.DEVNULL)
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    source = os.path.join(work, "same-pages.typ")
    with open(source, "w", encoding="utf-8") as f:
        f.write(typst_source(pages))
    typst_pdf = os.path.join(work, "same-pages.pdf")
    compile_ = [args.typst, "compile", "--ignore-system-fonts", source, typst_pdf]
    subprocess.run(compile_, check=True)
    typst_pages = subprocess.run(["pdfinfo", typst_pdf], capture_output=True, text=True).stdout
    typst_pages = next((l.split()[-1] for l in typst_pages.splitlines() if l.startswith("Pages:")), "?")
    print(f"plan: N = {args.scale}; export: {len(pages)} pages; Typst source: {typst_pages} pages")
    # One warm-up run each, then the pairs.
    timed(export)
    timed(compile_)
    rows = []
    for _ in range(args.runs):
        rows.append((timed(export), timed(compile_)))
    export_wall = statistics.median(r[0][0] for r in rows)
    export_cpu = statistics.median(r[0][1] for r in rows)
    typst_wall = statistics.median(r[1][0] for r in rows)
    typst_cpu = statistics.median(r[1][1] for r in rows)
    ratio = statistics.median(r[0][0] / r[1][0] for r in rows)
    print(f"{args.runs} paired runs, medians:")
    print(f"  integrity-planner export  wall {export_wall:.3f} s  cpu {export_cpu:.3f} s")
    print(f"  typst compile             wall {typst_wall:.3f} s  cpu {typst_cpu:.3f} s")
    print(f"  export / typst wall (paired): {ratio:.2f}")
    print(f"  load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
