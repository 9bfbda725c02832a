"""``sopkit score --format json``: encoded after the workers finish (before) against each
sheet's object encoded by the worker that scored it and the array streamed (after).

    python benchmarks/bench_score_json.py [--sheets 2000] [--items 120] [--rounds 3]

Each side runs in a process of its own (best time of ``--rounds``, interleaved) and
reports its wall time, the time spent writing once the workers are done, and the peak
resident memory of that main process (the workers are alike on both sides); the two
outputs must be byte-identical.

- before: ``score_paths``, then a list of every sheet's ``to_dict`` encoded in turn (what
  ``write_scores`` did until issue 9);
- after: ``score_paths(json_lang=...)`` and ``write_scores(fmt="json")``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def run(side: str, lib: str, sheets: str, out: str) -> None:
    """One side, in this process: prints seconds and peak MB as JSON."""
    from sopkit.app import load_library
    from sopkit.checklist.batch import score_paths
    from sopkit.checklist.jsonout import write_json
    from sopkit.checklist.summary import write_scores

    checklists = load_library(Path(lib)).checklists
    paths = sorted(Path(sheets).iterdir())
    lang = "zh-CN"
    start = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        if side == "before":
            scores = score_paths(paths, checklists)
            scored = time.perf_counter()
            write_json([s.to_dict(lang) for s in scores], fh)
        else:
            scores = score_paths(paths, checklists, json_lang=lang)
            scored = time.perf_counter()
            write_scores(scores, fh, "json", lang)
    end = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": end - start, "write": end - scored, "peak_mb": peak}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=2000)
    parser.add_argument("--items", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--run", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        run(*args.run)
        return
    from bench_score import make_library
    from synth import filled_sheets

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        lib = make_library(tmp / "lib", args.items)
        filled_sheets(lib, tmp, args.sheets)
        best: dict[str, dict[str, float]] = {}
        digests = {}
        for _ in range(args.rounds):
            for side in ("before", "after"):
                out = tmp / f"{side}.json"
                cmd = [sys.executable, __file__, "--run", side, str(lib), str(tmp / "sheets"),
                       str(out)]  # fmt: skip
                got = json.loads(subprocess.run(cmd, check=True, capture_output=True).stdout)
                old = best.get(side)
                if old is None or got["seconds"] < old["seconds"]:
                    best[side] = got
                for key in ("peak_mb", "write"):
                    best[side][key] = min(best[side][key], got[key])
                digests[side] = hashlib.sha256(out.read_bytes()).hexdigest()
        same = digests["before"] == digests["after"]
        b, a = best["before"], best["after"]
        print(f"{args.sheets} sheets of {args.items} items, best of {args.rounds}")
        print(f"{'':8}{'seconds':>10}{'writing':>10}{'peak MB':>10}")
        for side in ("before", "after"):
            x = best[side]
            print(f"{side:8}{x['seconds']:10.2f}{x['write']:10.3f}{x['peak_mb']:10.0f}")
        ratios = (b["seconds"] / a["seconds"], b["write"] / a["write"], b["peak_mb"] / a["peak_mb"])
        print(f"{'ratio':8}" + "".join(f"{r:9.2f}×" for r in ratios))
        print(f"output byte-identical: {same}")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
