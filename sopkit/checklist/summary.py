"""Reports of scored sheets: a table, JSON (FORMAT.md §7), CSV, and a summary workbook.

Writers take the stream (or path) to write to; nothing here knows about the terminal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from sopkit.checklist.cells import save_atomic, set_text
from sopkit.checklist.jsonout import encoded, write_json
from sopkit.checklist.scoring import as_number
from sopkit.checklist.sheet import SheetScore
from sopkit.documents.models.checklist import Checklist
from sopkit.locale import labels as _labels
from sopkit.locale import normalize_lang
from sopkit.reporters import diagnostic_text, visible, write_csv, write_table

COLUMNS = (
    "file",
    "checklist",
    "version",
    "status",
    "score",
    "passed",
    "grade",
    "critical_failed",
    "missing",
    "invalid",
    "site",
    "date",
    "inspector",
    "inspected",
    "warnings",
    "sheet",
    "added",
)


def summary_rows(scores: Sequence[SheetScore], lang: str) -> list[dict[str, Any]]:
    """One flat row per file, for the table, CSV and summary sheet."""
    lab = _labels(lang)
    rows = []
    for s in scores:
        r = s.result
        passed = None
        if r is not None and r.passed is not None:
            passed = lab["score.yes" if r.passed else "score.no"]
        rows.append(
            {
                "file": s.file,
                "checklist": s.checklist,
                "version": s.version,
                "status": lab[f"score.status_{s.status}"],
                "score": as_number(r.score) if r else None,
                "passed": passed,
                "grade": r.grade if r else None,
                "critical_failed": " ".join(r.critical_failed) if r else "",
                "missing": len(r.missing) if r and r.missing else None,
                "invalid": len(r.invalid) if r and r.invalid else None,
                "site": s.header.get("site"),
                "date": s.header.get("date"),
                "inspector": s.header.get("inspector"),
                "inspected": s.header.get("inspected"),
                "warnings": " ".join(d.code for d in s.warnings),
                "sheet": s.sheet,
                "added": "; ".join(f"{a.cell} {a.text}: {a.answer}" for a in s.added) or None,
            }
        )
    return rows


def _headers(lang: str) -> list[tuple[str, str]]:
    lab = _labels(lang)
    return [(key, lab[f"score.{key}"]) for key in COLUMNS]


def counted(scores: Sequence[SheetScore], include_drafts: bool = False) -> list[SheetScore]:
    """The sheets the summary figures count: each inspection once (not a duplicate), not a
    skipped file, and not of a draft or retired checklist unless ``include_drafts``."""
    return [
        s
        for s in scores
        if s.outcome in ("scored", "not-scored") and (include_drafts or not s.excluded)
    ]


def totals(scores: Sequence[SheetScore], include_drafts: bool = False) -> dict[str, int]:
    files = len({s.file for s in scores})
    scores = counted(scores, include_drafts)
    scored = [s for s in scores if s.outcome == "scored"]
    return {
        "files": files,
        "scored": len(scored),
        "passed": sum(1 for s in scored if s.result.passed),
        "failed": sum(1 for s in scored if not s.result.passed),
        "problems": sum(1 for s in scores if s.outcome == "not-scored"),
    }


def write_scores(
    scores: Sequence[SheetScore],
    out: TextIO,
    fmt: str = "table",
    lang: str = "zh-CN",
    include_drafts: bool = False,
) -> None:
    """Write ``scores`` as ``table`` (with every diagnostic and added row below it),
    ``json`` or ``csv``; the totals count what :func:`counted` keeps."""
    lang = normalize_lang(lang)
    if fmt == "json":
        write_json((encoded(s, lang) for s in scores), out)
        return
    if fmt == "csv":
        rows = ([row.get(key) for key in COLUMNS] for row in summary_rows(scores, lang))
        write_csv([header for _, header in _headers(lang)], rows, out)
        return
    hidden = ("inspected", "warnings", "version", "added")
    columns = [c for c in _headers(lang) if c[0] not in hidden]
    write_table(summary_rows(scores, lang), columns, out, "table")
    diagnostics = [d for s in scores for d in s.diagnostics]
    if diagnostics:
        out.write("\n")
    for d in diagnostics:
        out.write(diagnostic_text(d, lang) + "\n")
    added = [(s, a) for s in scores for a in s.added]
    for s, a in added:
        text = f"{s.file}:{a.cell}: {_labels(lang)['score.added']}: {a.text}: {a.answer}"
        out.write(visible(text) + "\n")
    out.write(_labels(lang)["score.total"].format(**totals(scores, include_drafts)) + "\n")


def corrective_actions(
    scores: Sequence[SheetScore], checklists: Mapping[str, Checklist]
) -> list[dict[str, Any]]:
    """Every failed item and every row an inspector added, of every sheet (整改清单).

    An inspection met twice is listed once; ``deadline`` (整改期限) is left for the
    supervisor to fill in.
    """
    rows = []
    for s in scores:
        checklist = checklists.get((s.checklist or "").lower())
        if checklist is None or s.outcome == "duplicate":
            continue
        base = {
            "file": s.file,
            "site": s.header.get("site"),
            "date": s.header.get("date"),
            "inspector": s.header.get("inspector"),
            "inspected": s.header.get("inspected"),
            "checklist": checklist.id,
        }
        items = {item.id: item for _, item in checklist.items()}
        for result in s.failed_items():
            item = items.get(result.id)  # None: an item of the older version that scored it
            rows.append(
                base
                | {
                    "item_id": result.id,
                    "item": item.text if item else result.id,
                    "standard": item.standard if item else None,
                    "answer": result.answer,
                    "earned": as_number(result.earned),
                    "points": as_number(result.points),
                    "critical": result.critical,
                    "remarks": s.remarks.get(result.id),
                    "sheet": s.sheet,
                    "deadline": None,
                }
            )
        for added in s.added:
            rows.append(
                base
                | {
                    "item_id": added.cell,
                    "item": added.text,
                    "standard": None,
                    "answer": added.answer,
                    "earned": None,
                    "points": None,
                    "critical": False,
                    "remarks": added.remarks,
                    "sheet": s.sheet,
                    "deadline": None,
                }
            )
    return rows


ACTION_COLUMNS = (
    "file",
    "site",
    "date",
    "inspector",
    "inspected",
    "checklist",
    "item_id",
    "item",
    "standard",
    "answer",
    "earned",
    "points",
    "critical",
    "remarks",
    "sheet",
    "deadline",
)


_BAD = "F8CBAD"  # a failed, invalid or unscored sheet: highlighted on screen and on paper
_LEFT_OUT = "EDEDED"  # a duplicate, a draft's sheet, a skipped file: greyed


def write_summary_workbook(
    scores: Sequence[SheetScore],
    path: str | Path,
    checklists: Mapping[str, Checklist],
    lang: str = "zh-CN",
    include_drafts: bool = False,
) -> Path:
    """A workbook with one row per sheet and, on a second sheet, the corrective actions.

    Printable: A4 landscape, fit to the page width, the header row on every page. Failed,
    invalid and unscored sheets are highlighted; sheets the figures leave out are grey.
    """
    from openpyxl import Workbook

    lang = normalize_lang(lang)
    lab = _labels(lang)
    wb = Workbook()
    summary = wb.active
    summary.title = lab["score.summary_sheet"]
    kept = {id(s) for s in counted(scores, include_drafts)}
    fills = []
    for s in scores:
        bad = s.outcome == "not-scored" or (s.result is not None and s.result.passed is False)
        fills.append(_BAD if bad and id(s) in kept else None if id(s) in kept else _LEFT_OUT)
    _table(
        summary,
        [h for _, h in _headers(lang)],
        [[row[k] for k in COLUMNS] for row in summary_rows(scores, lang)],
        [36, 12, 8, 12, 8, 10, 10, 14, 8, 8, 14, 12, 10, 10, 20, 12, 30],
        fills,
    )
    actions = wb.create_sheet(lab["score.actions_sheet"])
    yes, no = lab["score.yes"], lab["score.no"]
    action_rows = []
    for row in corrective_actions(scores, checklists):
        row["critical"] = yes if row["critical"] else no
        action_rows.append([row[k] for k in ACTION_COLUMNS])
    action_headers = [lab["score." + k] for k in ACTION_COLUMNS]
    widths = [30, 12, 12, 10, 10, 12, 8, 36, 28, 10, 8, 8, 8, 24, 12, 12]
    _table(actions, action_headers, action_rows, widths, [None] * len(action_rows))
    return save_atomic(wb, path)


def _table(ws, headers: list[str], rows: list[list[Any]], widths: list[int], fills: list) -> None:
    """A header row and ``rows`` (each with its fill colour or None), set up to print."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, head = Font(bold=True), PatternFill("solid", fgColor="D9E1F2")
    wrap = Alignment(wrap_text=True, vertical="top")
    for c, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=c)
        set_text(cell, header)
        cell.font, cell.fill = bold, head
        ws.column_dimensions[get_column_letter(c)].width = widths[c - 1]
    for r, (values, colour) in enumerate(zip(rows, fills, strict=True), start=2):
        fill = PatternFill("solid", fgColor=colour) if colour else None
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            set_text(cell, value)  # text from sheets and YAML never becomes a formula
            cell.alignment = wrap
            if fill is not None:
                cell.fill = fill
    last = get_column_letter(len(headers))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 1)}"
    ws.print_title_rows = "1:1"
    ws.print_area = f"A1:{last}{len(rows) + 1}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.right.text = "&P / &N"
