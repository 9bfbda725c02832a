"""Scaling curve: cost per document from 2,000 to 30,000 documents, side by side.

    python benchmarks/bench_scaling.py [--sizes 2000,10000,30000] [--rounds 1]

For each size, one synthetic library (benchmarks/synth.py) and a copy of it in which 3% of
the documents hold a broken reference (a did-you-mean each); then each command runs as its
own process and its wall time and peak memory (max RSS) are divided by the number of
documents:

* floor — read and parse every file with ``yaml.CSafeLoader``, nothing else;
* ``sopkit validate`` on the clean library and on the broken one;
* ``sopkit coverage -f json``;
* ``sopkit diff OLD NEW`` of two libraries (both loaded, both linted).

The figure that matters is the last column: cost per document at the largest size over the
cost at the smallest. Linear scaling gives 1.0; the target is at most 1.3. Not a test: run
it by hand, one benchmark at a time (30,000 documents take minutes and gigabytes).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate

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


def run(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss * 1024


def commands(lib: Path, broken: Path) -> dict[str, list[str]]:
    py = sys.executable
    return {
        "floor (parse only)": [py, "-c", FLOOR, str(lib)],
        "validate": [py, "-m", "sopkit", "validate", str(lib), "-f", "json"],
        "validate, 3% broken refs": [py, "-m", "sopkit", "validate", str(broken), "-f", "json"],
        "coverage": [py, "-m", "sopkit", "coverage", str(lib), "-f", "json"],
        "diff of two libraries": [py, "-m", "sopkit", "diff", str(lib), str(broken)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000,30000")
    parser.add_argument("--rounds", type=int, default=1)
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]
    figures: dict[str, dict[int, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            lib = generate(Path(tmp, f"lib{size}"), size)
            broken = generate(Path(tmp, f"broken{size}"), size)
            count = break_references(broken)
            print(f"{size} documents ({count} broken references)", flush=True)
            for name, args in commands(lib, broken).items():
                runs = [run(args) for _ in range(options.rounds)]
                seconds, rss = min(r[0] for r in runs), min(r[1] for r in runs)
                figures.setdefault(name, {})[size] = (seconds / size * 1e3, rss / size / 1e3)
                print(f"  {name:28} {seconds:8.2f} s  {rss / 1e6:8.0f} MB", flush=True)
    print()
    head = "".join(f"{s:>10} ms/doc KB/doc" for s in sizes)
    print(f"{'':28}{head}   time ratio  memory ratio")
    for name, by_size in figures.items():
        cells = "".join(f"{by_size[s][0]:>17.3f} {by_size[s][1]:>6.0f}" for s in sizes)
        first, last = by_size[sizes[0]], by_size[sizes[-1]]
        print(f"{name:28}{cells}   {last[0] / first[0]:10.2f}  {last[1] / first[1]:12.2f}")


if __name__ == "__main__":
    main()
