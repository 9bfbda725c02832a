"""Document control costs, side by side in one run (ratios to loading the library).

    python benchmarks/bench_doccontrol.py [--docs 2000] [--rounds 3]

On one synthetic library (benchmarks/synth.py), against ``load_library(jobs=1)``:

* the coverage lints ``validate`` adds (``coverage_warnings``);
* the stale-approval check with every document approved and unchanged (``stale_approvals``:
  one fingerprint per document, no git);
* ``sopkit coverage`` (the full report);
* a semantic diff of the library with a copy in which every tenth document was edited;
* ``sopkit bump`` of one procedure (ruamel round trip, line check, re-validation).

Each figure is the best of ``--rounds`` runs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import best, generate

from sopkit.app import load_library
from sopkit.doccontrol.approve import stale_approvals
from sopkit.doccontrol.bump import bump
from sopkit.doccontrol.history import compare_paths
from sopkit.documents import fingerprint as fp
from sopkit.documents.coverage import coverage, coverage_warnings
from sopkit.documents.models.common import Approval


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        lib_dir = generate(Path(tmp) / "lib", args.docs)
        edited = Path(tmp) / "edited"
        shutil.copytree(lib_dir, edited)
        for n, path in enumerate(sorted(edited.rglob("*.yaml"))):
            if n % 10 == 0:
                text = path.read_text("utf-8")
                path.write_text(text.replace("title: ", "title: 新", 1), "utf-8")
        lib = load_library(lib_dir, jobs=1)
        for entry in lib.entries:  # every document approved, content unchanged
            if entry.doc is not None:
                entry.doc.approval = Approval(fingerprint=fp.stored(entry.doc))
        one = next(lib_dir.glob("procedures/*.yaml"))

        load = best(lambda: load_library(lib_dir, jobs=1), args.rounds)
        rows = [
            ("load_library(jobs=1)", load),
            ("coverage lints", best(lambda: coverage_warnings(lib), args.rounds)),
            ("stale-approval check", best(lambda: stale_approvals(lib), args.rounds)),
            ("coverage report", best(lambda: coverage(lib), args.rounds)),
            ("diff library vs edited copy", best(lambda: compare_paths(lib_dir, edited), 1)),
        ]
        copy = Path(tmp) / one.name
        shutil.copy(one, copy)
        rows.append(("bump one procedure", best(
            lambda: bump(copy, "minor", "x", on=date(2099, 1, 1)), args.rounds
        )))  # fmt: skip
    print(f"{args.docs} documents")
    for name, seconds in rows:
        print(f"  {name:30} {seconds * 1000:9.1f} ms  {seconds / load:6.2f} × load")


if __name__ == "__main__":
    main()
