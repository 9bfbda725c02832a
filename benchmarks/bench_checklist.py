"""Writing speed: ``sopkit checklist`` against bare openpyxl writing the same cells.

    python benchmarks/bench_checklist.py [--items 120] [--books 40]

sopkit builds the whole form (styles, validations, formulas, protection, print set-up, the
``_sopkit`` sheet) and saves it. The baseline writes the same cell values and formulas into
a new openpyxl workbook, with nothing else, and saves it. Target (issue 4): within 1.2×.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_score import make_library  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=120)
    parser.add_argument("--books", type=int, default=40)
    args = parser.parse_args()

    import openpyxl

    from sopkit.library import load_library
    from sopkit.workbook import build_workbook, write_checklist

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        checklist = load_library(make_library(tmp / "lib", args.items)).get("BENCH-CHK")
        # The cells sopkit writes, to be written again by bare openpyxl.
        model = build_workbook(checklist, organization="基准物业", site="一号楼")
        cells = [
            (ws.title, [(c.row, c.column, c.value) for row in ws.iter_rows() for c in row
                        if c.value is not None])
            for ws in model.worksheets
        ]  # fmt: skip

        def bare(n: int) -> None:
            wb = openpyxl.Workbook()
            wb.remove(wb.active)
            for title, values in cells:
                ws = wb.create_sheet(title)
                for row, col, value in values:
                    ws.cell(row=row, column=col, value=value)
            wb.save(tmp / f"bare-{n}.xlsx")

        def sopkit(n: int) -> None:
            write_checklist(checklist, tmp / f"sopkit-{n}.xlsx", organization="基准物业",
                            site="一号楼")  # fmt: skip

        def rate(fn) -> float:
            fn(-1)  # warm-up
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                for n in range(args.books):
                    fn(n)
                best = min(best, time.perf_counter() - start)
            return args.books / best

        r_bare, r_sopkit = rate(bare), rate(sopkit)
        count = sum(len(v) for _, v in cells)
        print(f"checklist of {args.items} items: {count} cells in {len(cells)} sheets")
        print(f"  bare openpyxl, same cells   {r_bare:7.1f} workbooks/s")
        print(f"  sopkit checklist            {r_sopkit:7.1f} workbooks/s")
        print(f"sopkit takes {r_bare / r_sopkit:.2f}× the time of bare openpyxl (target ≤ 1.2)")


if __name__ == "__main__":
    main()
