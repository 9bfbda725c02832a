"""Recording speed: ``sopkit record`` against scoring the same sheets alone.

    python benchmarks/bench_record.py [--sheets 10000] [--items 120] [--rounds 2] [--db URL]

Fills one checklist of ~120 items in ten different ways, then copies the ten forms to N
files, each with its own site (50 sites) and date (through the year) written into the
workbook's strings, so that every file is a distinct inspection. Then, in turn and
``--rounds`` times (best time counts):

- scoring alone: ``score_paths`` over the N files (what ``sopkit score`` does);
- recording: ``record_inputs`` — the same scoring, then every inspection, its items and its
  corrective actions written to a fresh store in one transaction (SQLite, or ``--db`` a
  PostgreSQL URL whose database is emptied before each round).

Target (issue 11): recording adds at most 25 % to scoring alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_score import fill_variants, interleaved, make_library  # noqa: E402

SITE, DAY = "SITE-PLACEHOLDER", "2099-12-31"


def make_variants(lib: Path, out: Path) -> list[bytes]:
    """Ten filled forms with placeholder site and date, as bytes."""
    return [path.read_bytes() for path in fill_variants(lib, out, site=SITE, day=DAY)]


def personalise(data: bytes, site: str, day: str, dest: Path) -> None:
    """Copy a form, with its site and date strings replaced (a different inspection)."""
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(dest, "w") as out:
        for info in src.infolist():
            body = src.read(info)
            if info.filename in ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"):
                body = body.replace(SITE.encode(), site.encode()).replace(
                    DAY.encode(), day.encode()
                )
            out.writestr(info, body)


def make_sheets(lib: Path, out: Path, count: int) -> list[Path]:
    variants = make_variants(lib, out)
    sheets = out / "sheets"
    sheets.mkdir()
    start = dt.date(2026, 1, 1)
    paths = []
    for n in range(count):
        day = start + dt.timedelta(days=(n // 50) % 365)
        path = sheets / f"sheet-{n:05d}.xlsx"
        personalise(variants[(n + n // 50) % 10], f"站点{n % 50:02d}", day.isoformat(), path)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=10000)
    parser.add_argument("--items", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--db", help="a PostgreSQL URL (default: a SQLite file)")
    args = parser.parse_args()

    from sqlalchemy import text

    from sopkit.app import load_library
    from sopkit.results.scored import score_for_record
    from sopkit.results.service import record_inputs
    from sopkit.results.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        lib = make_library(tmp / "lib", args.items)
        paths = make_sheets(lib, tmp, args.sheets)
        library = load_library(lib)
        outcome = {}

        def score_alone() -> None:
            found = score_for_record(paths, library.checklists)
            assert all(f.scored for f in found)

        def record_all() -> None:
            db = args.db or str(tmp / "store.sqlite")
            if not args.db:
                shutil.rmtree(tmp / "store.sqlite", ignore_errors=True)
                (tmp / "store.sqlite").unlink(missing_ok=True)
            engine = open_store(db)
            if args.db:
                with engine.begin() as conn:
                    conn.execute(text("TRUNCATE actions, inspection_items, inspections"))
            outcome["r"] = record_inputs(library, paths, engine)
            engine.dispose()

        best = interleaved({"score": score_alone, "record": record_all}, args.rounds)
        r = outcome["r"]
        n = len(paths)
        print(f"{n} sheets of {args.items} items; store: {'PostgreSQL' if args.db else 'SQLite'}")
        print(f"recorded {r.count('recorded')}, duplicates {r.count('duplicate')}, "
              f"actions opened {r.opened}, closed {r.closed}")  # fmt: skip
        for name, seconds in best.items():
            print(f"  {name:7s} {seconds:7.2f} s  {n / seconds:7.0f} sheets/s")
        ratio = best["record"] / best["score"]
        print(f"recording / scoring alone: {ratio:.2f} (target ≤ 1.25)")


if __name__ == "__main__":
    main()
