"""Writing speed: ``sopkit checklist`` against bare openpyxl writing the same cells.

    python benchmarks/bench_checklist.py [--items 120] [--books 40] [--rounds 3]

sopkit builds the whole form (texts, formulas, layout, styles, validations, protection,
print set-up, the ``_sopkit`` sheet) and saves it. Two bare-openpyxl baselines write what
sopkit wrote, taken from a form built once beforehand, so they do no work of their own:

- same cells: every cell with its value *and* style, the same merged ranges, column
  widths, row heights, data validations, protection and print set-up, styles set the
  fastest way openpyxl has (set once, then the finished style copied to every other cell
  that has it). The files it saves are checked to hold the same sheets and styles XML as
  sopkit's. This is the comparison of the target (issue 4): within 1.2×.
- values only: the same values and formulas with no styles, validations or layout (the
  first version of this benchmark): what a form without any formatting would cost.

Each contender writes ``--books`` workbooks per round; the rounds run the contenders in
turn and the best round counts. sopkit is timed twice: ``write_checklist`` per workbook
(a whole form each time) and ``write_checklists`` with ``--books`` sites (one form per site,
as ``sopkit checklist --sites FILE`` does).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import zipfile
from copy import copy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_score import interleaved, make_library  # noqa: E402

VALIDATION = (
    "type",
    "operator",
    "formula1",
    "formula2",
    "allow_blank",
    "showInputMessage",
    "showErrorMessage",
    "errorStyle",
    "errorTitle",
    "promptTitle",
    "prompt",
    "error",
)


def sheet_plan(model) -> list[dict]:
    """Everything sopkit put into ``model``, as plain data a bare script would hold."""
    from openpyxl.cell.cell import MergedCell

    plan = []
    styles: dict[tuple, int] = {}  # the model's style indices -> a style number of the plan
    objects: list[tuple] = []
    for ws in model.worksheets:
        cells = []
        for (row, col), cell in sorted(ws._cells.items()):
            if isinstance(cell, MergedCell):
                continue  # merge_cells makes these again
            style = None
            if cell.has_style:
                style = styles.setdefault(tuple(cell._style), len(styles))
                if style == len(objects):
                    objects.append((copy(cell.font), copy(cell.fill), copy(cell.border),
                                    copy(cell.alignment), cell.number_format,
                                    copy(cell.protection)))  # fmt: skip
            cells.append((row, col, cell.value, cell.data_type, style))
        plan.append(
            {
                "title": ws.title,
                "state": ws.sheet_state,
                "cells": cells,
                "merged": [str(r) for r in ws.merged_cells.ranges],
                "columns": [(k, d.width, d.hidden) for k, d in ws.column_dimensions.items()],
                "heights": [(k, d.height) for k, d in ws.row_dimensions.items() if d.height],
                "validations": [
                    {k: getattr(dv, k) for k in VALIDATION} | {"sqref": str(dv.sqref)}
                    for dv in ws.data_validations.dataValidation
                ],
                "protection": (
                    ws.protection.sheet,
                    ws.protection.formatColumns,
                    ws.protection.formatRows,
                ),
                "titles": ws.print_title_rows,
                "area": ws.print_area,
                "freeze": ws.freeze_panes,
                "footer": (ws.oddFooter.left.text, ws.oddFooter.right.text),
            }
        )
    return [plan, objects]


def write_same_cells(plan_and_styles, path: Path) -> None:
    """Bare openpyxl: the cells, styles and sheet settings of ``plan``, saved."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    plan, styles = plan_and_styles
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in plan:
        ws = wb.create_sheet(sheet["title"])
        ws.sheet_state = sheet["state"]
        arrays: dict[int, object] = {}
        for row, col, value, data_type, style in sheet["cells"]:
            cell = ws.cell(row=row, column=col, value=value)
            if data_type == "s":
                cell.data_type = "s"
            if style is None:
                continue
            done = arrays.get(style)
            if done is not None:
                cell._style = copy(done)
                continue
            font, fill, border, alignment, number_format, protection = styles[style]
            cell.font, cell.fill, cell.border, cell.alignment = font, fill, border, alignment
            cell.number_format, cell.protection = number_format, protection
            arrays[style] = copy(cell._style)
        for ref in sheet["merged"]:
            ws.merge_cells(ref)
        for key, width, hidden in sheet["columns"]:
            ws.column_dimensions[key].width = width
            ws.column_dimensions[key].hidden = hidden
        for key, height in sheet["heights"]:
            ws.row_dimensions[key].height = height
        for kw in sheet["validations"]:
            ws.add_data_validation(DataValidation(**kw))
        ws.protection.sheet, ws.protection.formatColumns, ws.protection.formatRows = sheet[
            "protection"
        ]
        if sheet["titles"]:
            ws.print_title_rows = sheet["titles"].replace("$", "")
        if sheet["area"]:
            ws.print_area = sheet["area"].split("!")[-1].replace("$", "")
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
            ws.page_setup.orientation = "portrait"
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.print_options.horizontalCentered = True
            ws.page_margins.left = ws.page_margins.right = 0.4
            ws.page_margins.top = ws.page_margins.bottom = 0.6
            ws.oddFooter.left.text, ws.oddFooter.right.text = sheet["footer"]
        ws.freeze_panes = sheet["freeze"]
    wb.save(path)


def write_values(plan_and_styles, path: Path) -> None:
    """Bare openpyxl: the values and formulas only."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in plan_and_styles[0]:
        ws = wb.create_sheet(sheet["title"])
        for row, col, value, _, _ in sheet["cells"]:
            if value is not None:
                ws.cell(row=row, column=col, value=value)
    wb.save(path)


def same_xml(a: Path, b: Path) -> list[str]:
    """The parts of two .xlsx files that differ (sheets, styles, workbook)."""
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        names = [n for n in za.namelist() if n.startswith("xl/")]
        return [n for n in names if n not in zb.namelist() or za.read(n) != zb.read(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=120)
    parser.add_argument("--books", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (best of)")
    args = parser.parse_args()

    from sopkit.app import load_library
    from sopkit.checklist.writer import build_workbook, write_checklist, write_checklists

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        checklist = load_library(make_library(tmp / "lib", args.items)).get("BENCH-CHK")
        options = {"organization": "基准物业", "site": "一号楼"}
        plan = sheet_plan(build_workbook(checklist, **options))
        sites = [f"{n}号楼" for n in range(args.books)]

        write_same_cells(plan, tmp / "same.xlsx")
        write_checklist(checklist, tmp / "sopkit.xlsx", **options)
        differ = same_xml(tmp / "sopkit.xlsx", tmp / "same.xlsx")

        def books(fn):
            return lambda: [fn(n) for n in range(args.books)]

        contenders = {
            "bare openpyxl, values only": books(lambda n: write_values(plan, tmp / f"v{n}.xlsx")),
            "bare openpyxl, same cells": books(
                lambda n: write_same_cells(plan, tmp / f"b{n}.xlsx")
            ),
            "sopkit write_checklist": books(
                lambda n: write_checklist(checklist, tmp / f"s{n}.xlsx", **options)
            ),
            "sopkit write_checklists, sites": lambda: write_checklists(
                [checklist], tmp / "sites", organization="基准物业", sites=sites
            ),
        }
        for fn in contenders.values():
            fn()  # warm-up
        load = os.getloadavg()[0]
        best = interleaved(contenders, args.rounds)
        rate = {name: args.books / t for name, t in best.items()}
        count = sum(len(s["cells"]) for s in plan[0])
        print(f"checklist of {args.items} items: {count} cells in {len(plan[0])} sheets")
        print(f"best of {args.rounds} interleaved rounds; load average at start {load:.2f}")
        width = max(len(k) for k in rate)
        for name, value in rate.items():
            print(f"  {name:<{width}}  {value:7.1f} workbooks/s")
        print("same cells: the saved files hold " + (
            "the same sheets and styles XML as sopkit's" if not differ
            else f"different XML in {', '.join(differ)}"
        ))  # fmt: skip
        same = best["bare openpyxl, same cells"]
        for name in ("sopkit write_checklist", "sopkit write_checklists, sites"):
            print(f"{name}: {best[name] / same:.2f}× the time of bare openpyxl, same cells"
                  f" (target ≤ 1.2); {best[name] / best['bare openpyxl, values only']:.2f}×"
                  " values only")  # fmt: skip


if __name__ == "__main__":
    main()
