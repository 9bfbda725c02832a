"""Scaling curve: cost per document from 2,000 to 30,000 documents, side by side.

    python benchmarks/bench_scaling.py [--sizes 2000,10000,30000] [--rounds 1] [--only NAME]

For each size, one synthetic library (benchmarks/synth.py) and a copy of it in which 3% of
the documents hold a broken reference (a did-you-mean each), and an inbox of as many filled
checklist forms, each a different inspection (``synth.filled_sheets``); then each command
runs as its own process:

* floor — read and parse every file with ``yaml.CSafeLoader``, nothing else;
* ``sopkit validate`` on the clean library and on the broken one;
* ``sopkit coverage -f json``;
* ``sopkit diff OLD NEW`` of two libraries (both loaded);
* ``sopkit manual --all`` (one HTML handbook of every role, into a temporary folder);
* ``sopkit score --format json`` over the N sheets (a checklist of 120 items).

Each process is measured by ``os.wait4``: CPU time (user + sys, the process and the workers
it waited for) — the machine's other users change wall time, not this — beside wall time,
and peak resident memory (of the largest of those processes). CPU time and memory are net
of a baseline process, ``python -c "import sopkit.cli"``, so that Python's start-up does not
flatter the smallest size, and divided by the number of documents (sheets, for ``score``).

The figure that matters is the ratio: cost per document at the largest size over the cost
at the smallest. Linear scaling gives 1.0; the target (issue 9) is at most 1.3. Not a test:
run it by hand (30,000 documents take about half an hour and a few gigabytes).

Figures (2 cores shared with other work, load 6-8: CPU time still varies by ±10-20%),
per document: CPU ms / KB, both net of the baseline (0.11 s, 19 MB); ratio = 30k ÷ 2k.
Before: the code at d16bc35 (its 30k run was stopped to leave the machine to the after run).

                        before: 2k       10k | after: 2k       10k       30k | ratio: CPU   KB
    floor (parse only)    1.21  26  1.27   6 |  1.23  26  1.16   6  1.15   2 |     0.93     -
    validate              1.33  62  2.37  50 |  1.22  62  1.11  50  1.07  49 |     0.88  0.79
    validate, 3% broken   1.34  62  1.64  50 |  1.25  62  1.18  50  1.20  49 |     0.96  0.79
    coverage              1.49  64  2.39  53 |  1.51  64  1.30  53  1.39  51 |     0.92  0.80
    diff of 2 libraries   2.52 100  2.67  92 |  2.62 100  2.27  92  2.97  90 |     1.13  0.90
    manual --all (html)   4.78 190  5.29 178 |  4.25 190  4.57 178  5.08 174 |     1.20  0.92
    score --format json   7.04  42  7.08  29 |  7.20  42  7.01  29  7.55  27 |     1.05  0.64

Before, validate and coverage were 1.78× and 1.60× at 10k already (the coverage lints made
a list of every document for each procedure; a broken reference scanned every role).
``score``: per sheet of 120 items; its peak is one process's (the largest), mostly fixed,
so it falls per sheet. ``manual --all`` creeps up (4.25 → 5.08 ms): not the org
chart (0.03 ms a role at any size); the handbook of 30k documents is one 5 GB process.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_score import make_library
from synth import filled_sheets, generate

FLOOR = (
    "import sys, yaml\n"
    "from sopkit.documents.library import discover\n"
    "for p in discover(__import__('pathlib').Path(sys.argv[1])):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
)
_REF = re.compile(r"^(reports_to: R-)(\d{5})$", re.M)


def break_references(lib: Path, share: float = 0.03) -> int:
    """Misspell the ``reports_to`` of every 1/share-th role: R-00012 → R-0O012."""
    roles = sorted((lib / "roles").glob("*.yaml"))
    docs = sum(1 for _ in lib.rglob("*.yaml")) - 1
    step = max(1, round(len(roles) / (docs * share)))
    broken = 0
    for path in roles[::step]:
        text = path.read_text("utf-8")
        new = _REF.sub(lambda m: m.group(1) + m.group(2)[0] + "O" + m.group(2)[2:], text)
        if new != text:
            path.write_text(new, "utf-8")
            broken += 1
    return broken


@dataclass
class Cost:
    wall: float  # seconds
    cpu: float  # user + sys seconds of the process and the workers it waited for
    rss: int  # peak resident bytes of the largest of those processes


def run(args: list[str], cwd: str | None = None) -> Cost:
    """The cost of one process, from ``wait4``: CPU time is what the machine's other users
    do not change (wall time is, on a shared machine)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} exited {proc.returncode}")
    return Cost(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def commands(lib: Path, broken: Path, out: Path) -> dict[str, list[str]]:
    py = sys.executable
    return {
        "floor (parse only)": [py, "-c", FLOOR, str(lib)],
        "validate": [py, "-m", "sopkit", "validate", str(lib), "-f", "json"],
        "validate, 3% broken refs": [py, "-m", "sopkit", "validate", str(broken), "-f", "json"],
        "coverage": [py, "-m", "sopkit", "coverage", str(lib), "-f", "json"],
        "diff of two libraries": [py, "-m", "sopkit", "diff", str(lib), str(broken)],
        "manual --all (html)": [py, "-m", "sopkit", "manual", str(lib), "--all", "-o", str(out)],
    }


def score_command(tmp: Path, size: int) -> list[str]:
    """``sopkit score --format json`` over ``size`` filled sheets (all different)."""
    folder = Path(tmp, f"inbox{size}")
    shutil.rmtree(folder, ignore_errors=True)
    lib = make_library(folder / "lib", 120)
    filled_sheets(lib, folder, size)
    py = sys.executable
    return [py, "-m", "sopkit", "score", str(folder / "sheets"), "--lib", str(lib), "-f", "json"]


def measure(args: list[str], rounds: int) -> Cost:
    runs = [run(args) for _ in range(rounds)]
    return Cost(*(min(getattr(r, k) for r in runs) for k in ("wall", "cpu", "rss")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000,30000")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--only", help="run only the commands whose name contains this")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    # What every command pays before its first document: Python and sopkit's imports.
    base = measure([sys.executable, "-c", "import sopkit.cli"], 3)
    print(f"baseline (python -c 'import sopkit.cli'): {base.cpu:.2f} s CPU,"
          f" {base.rss / 1e6:.0f} MB", flush=True)  # fmt: skip
    figures: dict[str, dict[int, tuple[float, float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            lib = generate(Path(tmp, f"lib{size}"), size)
            broken = generate(Path(tmp, f"broken{size}"), size)
            count = break_references(broken)
            print(f"{size} documents ({count} broken references)", flush=True)
            todo = commands(lib, broken, Path(tmp, "manuals"))
            if not options.only or options.only in "score --format json":
                todo["score --format json"] = score_command(Path(tmp), size)
            for name, args in todo.items():
                if options.only and options.only not in name:
                    continue
                cost = measure(args, options.rounds)
                cpu, rss = max(cost.cpu - base.cpu, 0), max(cost.rss - base.rss, 0)
                figures.setdefault(name, {})[size] = (
                    cpu / size * 1e3, cost.wall / size * 1e3, rss / size / 1e3
                )  # fmt: skip
                print(f"  {name:28} {cost.cpu:8.2f} s CPU {cost.wall:8.2f} s wall"
                      f" {cost.rss / 1e6:8.0f} MB", flush=True)  # fmt: skip
            shutil.rmtree(lib)
            shutil.rmtree(broken)
    table(figures, sizes)


def table(figures: dict[str, dict[int, tuple[float, float, float]]], sizes: list[int]) -> None:
    """Per document: CPU ms and KB net of the baseline, wall ms; last over first size."""
    print()
    head = "".join(f"{s:>7}: CPU ms  wall ms  KB" for s in sizes)
    print(f"{'':26}{head}   CPU ratio  KB ratio")
    for name, by_size in figures.items():
        cells = "".join(
            f"{by_size[s][0]:>15.3f} {by_size[s][1]:>8.3f} {by_size[s][2]:>4.0f}" for s in sizes
        )
        first, last = by_size[sizes[0]], by_size[sizes[-1]]
        mem = last[2] / first[2] if first[2] else float("nan")
        print(f"{name:26}{cells}   {last[0] / first[0]:9.2f}  {mem:8.2f}")


if __name__ == "__main__":
    main()
