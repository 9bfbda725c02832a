"""Issue 13's figures, side by side in one run (a benchmark, not a test).

    pip install -e ".[pdf,docx]"
    python benchmarks/bench_manual_outputs.py [LIB] [--rounds 3] [--jobs 2] [--only docx]

On the library ``LIB`` (default: the bundled ``sops/``) it measures

* **Word vs HTML**: the whole-library handbook as docx and as HTML (target: docx within 2x),
  and every role's manual as docx;
* **diagrams' share of a PDF handbook**: the handbook as PDF with and without the org chart,
  chains and flowcharts (target: at most +20 %);
* **PDF role manuals in parallel**: every role's manual as PDF, one process vs ``--jobs``
  processes (WeasyPrint is single-threaded), and, when ``chromium`` is installed, Chromium's
  headless print of the same HTML for one manual against WeasyPrint's.

Each figure is the best of ``--rounds`` runs, in wall time and in this process's CPU time (the
machine is shared: wall times swing by 30 % between runs, CPU times by a few per cent).

Measured on the bundled library (16 roles, 3 procedures, 3 checklists), 2 cores shared with
other builds; CPU time, before -> after issue 13's speed work:

    handbook  HTML 55 ms   docx 1103 ms (20x) -> 576-636 ms (10.5-11.6x) with 144 dpi palette
              PNGs drawn with Pillow -> 70 ms (1.4x; target <= 2x: met). Back-to-back runs of
              this script (--only docx --rounds 5) on the code before and after: HTML 52 / 50 ms,
              docx 525 / 70 ms (10.2x / 1.4x). What closed the gap: the diagrams are DrawingML
              shapes written as text (no rasterising: Pillow's text alone was 0.15 s) and the
              template's package is read and written with zipfile + lxml (python-docx's section
              and save machinery was 0.13 s of the remaining 0.15 s)
    16 role manuals as docx  4.74 s -> 2.09 s (each distinct PNG drawn once per run) -> 0.32 s
              (before: 1.62 s in the same runs) -> 0.23-0.24 s with the template unzipped and
              its style names read once per run (before: 0.34-0.36 s in back-to-back runs,
              --only docx --rounds 5; parsing its 0.8 MB of styles was 8 ms of each manual)
    PDF handbook  diagrams +3.9 % of CPU before; -1 % and +8 % in two runs of a variant that
              passed them to WeasyPrint as <img> of the same SVG (no measurable gain, and it
              hid the diagrams' text from the empty-glyph check, so it was not kept). Target
              <= +20 %: met. The +35 % measured before was wall-time noise on the shared
              machine (27.4 s vs 37.0 s at load 5-7; another wall run gave -22 %). What the
              diagrams cost is WeasyPrint laying out SVG text letter by letter.

Earlier wall-time figures (load average 5-7, about 3x an idle machine's):

    PDF role manuals (16)  1 process 84.4 s   2 processes 67.7 s   speed-up 1.25x
    one role manual  WeasyPrint 3.49 s   Chromium 2.70 s   ratio 1.29x
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from sopkit.app import load_library
from sopkit.manual import figures
from sopkit.manual.render import write_manuals

DAY = date(2026, 5, 1)


def best(rounds: int, fn, clock=time.perf_counter) -> float:
    times = []
    for _ in range(rounds):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)


def cpu(rounds: int, fn) -> float:
    """CPU seconds of this process: steadier than wall time on a machine shared with others."""
    return best(rounds, fn, time.process_time)


def _pdf_of_role(args: tuple[str, str, str]) -> None:
    root, out, role = args
    write_manuals(load_library(root), out, roles=[role], fmt="pdf", issued=DAY)


def bench_docx(lib, out: Path, rounds: int) -> None:
    for name, clock in (("wall", best), ("CPU", cpu)):
        html = clock(rounds, lambda: write_manuals(lib, out, combined=True, fmt="html", issued=DAY))
        docx = clock(rounds, lambda: write_manuals(lib, out, combined=True, fmt="docx", issued=DAY))
        verdict = "met" if docx <= 2 * html else "MISSED"
        print(f"handbook ({name})  HTML {html * 1000:7.0f} ms   docx {docx * 1000:7.0f} ms   "
              f"ratio {docx / html:4.1f}x  (target <= 2x: {verdict})")  # fmt: skip
    roles = cpu(rounds, lambda: write_manuals(lib, out, fmt="docx", issued=DAY))
    print(f"{len(lib.roles)} role manuals as docx (CPU)  {roles:6.2f} s")


def bench_diagrams(lib, out: Path, rounds: int) -> None:
    def pdf() -> None:
        write_manuals(lib, out, combined=True, fmt="pdf", issued=DAY)

    for name, clock in (("wall", best), ("CPU", cpu)):
        with_d = clock(rounds, pdf)
        draw = figures.Figures._draw
        figures.Figures._draw = lambda self, kind, view: []  # the same handbook, no diagrams
        try:
            without = clock(rounds, pdf)
        finally:
            figures.Figures._draw = draw
        share = with_d / without - 1
        verdict = "met" if share <= 0.20 else "MISSED"
        print(f"PDF handbook ({name})  without diagrams {without:6.2f} s   with {with_d:6.2f} s"
              f"   {share:+5.1%}  (target <= +20 %: {verdict})")  # fmt: skip


def bench_parallel(lib, out: Path, rounds: int, jobs: int) -> None:
    roles = [r.id for r in lib.roles]
    serial = best(rounds, lambda: write_manuals(lib, out, fmt="pdf", issued=DAY))
    tasks = [(str(lib.root), str(out), r) for r in roles]

    def parallel() -> None:
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_pdf_of_role, tasks))

    par = best(rounds, parallel)
    print(f"PDF role manuals ({len(roles)})  1 process {serial:6.2f} s   {jobs} processes "
          f"{par:6.2f} s   speed-up {serial / par:4.2f}x")  # fmt: skip
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("Chromium: not installed (apt-get install -y chromium) — not measured")
        return
    (html,) = write_manuals(lib, out, roles=roles[:1], fmt="html", issued=DAY)
    weasy = best(rounds, lambda: write_manuals(lib, out, roles=roles[:1], fmt="pdf", issued=DAY))
    pdf = out / "chromium.pdf"
    chrome = best(rounds, lambda: subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}",
         "--no-pdf-header-footer", html.as_uri()], capture_output=True, check=True))  # fmt: skip
    print(f"one role manual  WeasyPrint {weasy:5.2f} s   Chromium {chrome:5.2f} s   "
          f"ratio {weasy / chrome:4.2f}x")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lib", nargs="?", default="sops")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", choices=("docx", "diagrams", "parallel"), action="append",
                        help="measure only this part (repeatable); default: all")  # fmt: skip
    args = parser.parse_args()
    only = set(args.only or ("docx", "diagrams", "parallel"))
    lib = load_library(args.lib)
    print(f"library {args.lib}: {len(lib.roles)} roles, {len(lib.procedures)} procedures, "
          f"{len(lib.checklists)} checklists; best of {args.rounds}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        if "docx" in only:
            bench_docx(lib, out, args.rounds)
        if "diagrams" in only:
            bench_diagrams(lib, out, args.rounds)
        if "parallel" in only:
            bench_parallel(lib, out, args.rounds, args.jobs)


if __name__ == "__main__":
    main()
