"""The PDF handbook of a whole library: time and memory by size, one process per run.

    pip install -e ".[pdf]"
    python benchmarks/bench_handbook_pdf.py [--roles 50,100,250,500] [--rounds 1]

For each size, a synthetic library (benchmarks/synth.py) of about that many roles (six in ten
documents are roles; the rest are the procedures and checklists they take part in), then
``sopkit manual LIB --all --format pdf`` in a child process. From the child's resource usage
(``os.wait4``): wall time, CPU time (user + system) and peak memory (max RSS); from the PDF:
pages and size. Printed as a table, then per role and per page. Extra ``--env NAME=VALUE``
settings go to the child (to compare one rendering mode with another). Not a test: run it by
hand, alone on the machine if the wall times matter (500 roles take minutes).
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate

ROLE_SHARE = 0.6  # synth.generate: roles are 6 in 10 documents


def pdf_pages(path: Path) -> int:
    """Number of pages of a PDF (pdfinfo, from poppler-utils)."""
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    for line in out.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise ValueError(f"pdfinfo gave no page count for {path}")


def run_handbook(lib: Path, out: Path, env: dict[str, str]) -> dict:
    """Wall and CPU seconds, peak RSS (bytes) of one ``sopkit manual --all -f pdf`` process."""
    args = [sys.executable, "-m", "sopkit", "manual", str(lib), "--all", "--format", "pdf",
            "--out", str(out), "--date", "2026-05-01"]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **env})  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err}")
    pdf = out / "handbook.pdf"
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss * 1024,
        "pages": pdf_pages(pdf),
        "size": pdf.stat().st_size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", default="50,100,250,500")
    parser.add_argument("--rounds", type=int, default=1, help="best of N runs per size")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    env = dict(item.split("=", 1) for item in args.env)
    tmp = Path(tempfile.mkdtemp(prefix="sopkit-bench-handbook-"))
    if env:
        print("env: " + " ".join(args.env))
    # each row as soon as it is measured: a run stopped at the largest size keeps the others
    print(f"{'roles':>6} {'pages':>6} {'PDF MB':>7} {'wall s':>7} {'CPU s':>7} {'peak RSS MB':>12}"
          f" {'ms/page':>8} {'MB/role':>8} {'KB/page':>8}", flush=True)  # fmt: skip
    try:
        for roles in (int(n) for n in args.roles.split(",")):
            lib = generate(tmp / f"lib{roles}", math.ceil(roles / ROLE_SHARE))
            runs = [run_handbook(lib, tmp / f"out{roles}", env) for _ in range(args.rounds)]
            r = min(runs, key=lambda r: r["wall"])
            r["rss"] = max(r["rss"] for r in runs)
            print(
                f"{roles:>6} {r['pages']:>6} {r['size'] / 1e6:>7.1f} {r['wall']:>7.1f}"
                f" {r['cpu']:>7.1f} {r['rss'] / 1e6:>12.0f} {r['cpu'] / r['pages'] * 1000:>8.0f}"
                f" {r['rss'] / 1e6 / roles:>8.2f} {r['rss'] / 1e3 / r['pages']:>8.0f}",
                flush=True,
            )
            shutil.rmtree(lib, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
