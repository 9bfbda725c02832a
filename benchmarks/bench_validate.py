"""Validation speed, side by side in one run (ratios, not absolute seconds).

    pip install -e ".[bench]"
    python benchmarks/bench_validate.py [--docs 2000] [--rounds 3]

Compares, on one synthetic library (benchmarks/synth.py):

* floor — reading and parsing every file with ``yaml.CSafeLoader`` in this process, nothing
  else (and the same with the garbage collector off, as sopkit runs its loading);
* sopkit, one process — ``load_library(jobs=1)``: parse, validate, every rule;
* sopkit, all cores — ``load_library()``;
* ``sopkit validate`` as a command (start-up included);
* check-jsonschema with sopkit's exported schema (it checks the shape of each file only);
* start-up: ``sopkit --version`` against a bare ``python -c pass``.

Each figure is the best of ``--rounds`` runs, taken in interleaved order.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import best, generate

from sopkit.app import load_library
from sopkit.documents.library import discover
from sopkit.documents.schema import json_schema
from sopkit.documents.source import LoadError, load_bytes

BIN = Path(sys.executable).parent


def floor(lib: Path) -> None:
    for path in discover(lib):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def floor_without_gc(lib: Path) -> None:
    gc.disable()
    try:
        floor(lib)
    finally:
        gc.enable()


def _rejects(raw: bytes) -> None:
    try:
        load_bytes(raw, "laughs.yaml")
    except LoadError:
        return
    raise SystemExit("the billion laughs file was accepted")


def run(cmd: list[str], ok=(0,)) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in ok:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sopkit-bench-"))
    try:
        lib = generate(work / "lib", args.docs)
        files = [str(p) for p in discover(lib)]
        schema = work / "schema.json"
        schema.write_text(json.dumps(json_schema()), encoding="utf-8")
        sopkit = shutil.which("sopkit", path=str(BIN)) or "sopkit"
        cjs = shutil.which("check-jsonschema", path=str(BIN))

        def one_process():
            assert load_library(lib, jobs=1).report.ok()

        def all_cores():
            assert load_library(lib).report.ok()

        cases = {
            "floor: yaml.CSafeLoader, one process": lambda: floor(lib),
            "floor with the garbage collector off": lambda: floor_without_gc(lib),
            "sopkit, one process (library)": one_process,
            f"sopkit, all cores ({os.cpu_count()}) (library)": all_cores,
            "sopkit validate (command)": lambda: run([sopkit, "validate", str(lib)]),
        }
        if cjs:
            cases["check-jsonschema (exported schema)"] = lambda: run(
                [cjs, "--schemafile", str(schema), *files]
            )
        results = dict.fromkeys(cases, float("inf"))
        for _ in range(args.rounds):
            for name, fn in cases.items():
                results[name] = min(results[name], best(fn, 1))

        base = results["floor: yaml.CSafeLoader, one process"]
        print(f"{args.docs} documents, {sum(Path(f).stat().st_size for f in files) / 1e6:.1f} MB")
        print(f"{'case':45} {'seconds':>8} {'× floor':>8}")
        for name, seconds in results.items():
            print(f"{name:45} {seconds:8.2f} {seconds / base:8.2f}")
        if cjs:
            command = results["sopkit validate (command)"]
            ratio = results["check-jsonschema (exported schema)"] / command
            print(f"sopkit validate is {ratio:.1f}× faster than check-jsonschema")
        else:
            print("check-jsonschema not installed: pip install -e '.[bench]'")

        laughs = Path(__file__).resolve().parent.parent / "tests/corpus/invalid/too-many-nodes.yaml"
        raw = laughs.read_bytes()
        tracemalloc.start()
        seconds = best(lambda: _rejects(raw), 1)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        print(f"billion laughs: rejected in {seconds:.3f} s, peak {peak:.0f} MB traced")

        startup = best(lambda: run([sopkit, "--version"]), 10)
        bare = best(lambda: run([sys.executable, "-c", "pass"]), 10)
        print(f"start-up: sopkit --version {startup:.3f} s (bare python {bare:.3f} s)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
