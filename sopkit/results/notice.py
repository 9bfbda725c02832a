"""整改通知单: a site's open corrective actions as a workbook to fill in, and back.

The manager writes, per row, the status (已整改 / closed), the date it was corrected and a
note; ``sopkit actions import`` closes those actions. The id column ties a row to its
action, so rows may be sorted or deleted; the file may come back saved by Excel, WPS or
LibreOffice (read with python-calamine: .xlsx, .xls, .ods).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Engine, select, update

from sopkit.atomic import write_with
from sopkit.diagnostics import Diagnostic, Location
from sopkit.documents.library import Library
from sopkit.documents.suggest import closest
from sopkit.locale import catalogue
from sopkit.results.actions import list_actions
from sopkit.results.report import item_info
from sopkit.results.tables import actions
from sopkit.results.workbook import _put

CLOSED_WORDS = {"closed", "done", "已整改", "已关闭", "已完成", "完成", "关闭", "是", "√"}
OPEN_WORDS = {"", "open", "未整改", "整改中", "否"}
_COLUMNS = ("id", "site", "checklist", "item", "text", "found", "due", "owner", "status",
            "closed_on", "note")  # fmt: skip


class NoticeError(Exception):
    """The notice cannot be read at all (exit 2)."""


def _labels(lang: str) -> list[str]:
    L = catalogue(lang).LABELS
    return [L[f"notice.{c}"] for c in _COLUMNS]


def write_notice(
    engine: Engine, library: Library, site: str, out: str | Path, *, today: dt.date, lang: str
) -> int:
    """Write the open actions of ``site`` to ``out``; returns how many rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    L = catalogue(lang).LABELS
    info = item_info(library.checklists, library.procedures)
    rows = list_actions(engine, today=today, status="open", sites=[site])
    wb = Workbook()
    ws = wb.active
    ws.title = L["notice.sheet"]
    _put(ws, 1, 1, f"{L['notice.title']} · {site} · {today.isoformat()}")
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    for c, h in enumerate(_labels(lang), 1):
        _put(ws, 3, c, h)
        ws.cell(row=3, column=c).font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    status = DataValidation(type="list", formula1=f'"{L["notice.open"]},{L["notice.done"]}"',
                            allow_blank=True)  # fmt: skip
    ws.add_data_validation(status)
    for r, a in enumerate(rows, 4):
        text = info.get((a.checklist, a.item))
        values = [a.id, a.site, a.checklist, a.item, a.text or (text.text if text else ""),
                  a.found.isoformat(), a.due.isoformat(), a.owner or "",
                  L["notice.open"], "", ""]  # fmt: skip
        for c, v in enumerate(values, 1):
            _put(ws, r, c, v)
        for c in (9, 10, 11):
            ws.cell(row=r, column=c).fill = fill
        status.add(f"I{r}")
    for letter, width in zip("ABCDEFGHIJK", (6, 10, 12, 8, 40, 12, 12, 10, 10, 12, 30),
                             strict=True):  # fmt: skip
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A4"
    write_with(out, wb.save)
    return len(rows)


def _cell(row: int, col: int) -> str:
    return f"{'ABCDEFGHIJK'[col]}{row}"


def _day(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    from sopkit.results.record import parse_day  # 2026/11/25, 2026年11月25日: as on the sheets

    return parse_day(str(value))


def read_notice(engine: Engine, path: str | Path) -> tuple[list[int], list[Diagnostic]]:
    """Close the actions a filled notice marks done; returns (closed ids, problems)."""
    from python_calamine import CalamineWorkbook

    if not Path(path).is_file():
        raise NoticeError(f"{path}: no such file / 找不到文件")
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheet_name = book.sheet_names[0]
        table = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
    except Exception as exc:  # the reader's errors have no common base class
        raise NoticeError(f"{path}: not a workbook sopkit can read ({exc})") from None
    header = next((n for n, r in enumerate(table) if r and str(r[0]).strip() in
                   {catalogue(x).LABELS["notice.id"] for x in ("en", "zh-CN")}), None)  # fmt: skip
    if header is None:
        raise NoticeError(f"{path}: no 整改通知单 table (its first column is headed 编号 / id)")
    diags, closes = [], []
    for n, row in enumerate(table[header + 1 :], header + 2):
        row = list(row) + [""] * (11 - len(row))
        if str(row[0]).strip() == "":
            continue
        where = Location(str(path), cell=f"{sheet_name}!{_cell(n, 0)}")
        try:
            action_id = int(float(row[0]))
        except ValueError:
            diags.append(Diagnostic("action-import-unknown", where, {"row": n, "id": row[0]}))
            continue
        word = str(row[8]).strip().lower()
        if word in OPEN_WORDS:
            continue
        if word not in CLOSED_WORDS:
            where = Location(str(path), cell=f"{sheet_name}!{_cell(n, 8)}")
            allowed = "已整改 / closed"
            guess = closest(str(row[8]).strip(), (CLOSED_WORDS | OPEN_WORDS) - {""})
            diags.append(Diagnostic("action-import-status", where, {"row": n, "value": row[8],
                                    "allowed": allowed, "suggestion": guess}))  # fmt: skip
            continue
        day = _day(row[9])
        if day is None:
            where = Location(str(path), cell=f"{sheet_name}!{_cell(n, 9)}")
            diags.append(Diagnostic("action-import-date", where, {"row": n, "value": row[9]}))
            continue
        closes.append((action_id, day, str(row[10]).strip() or None, str(row[7]).strip(), n))
    return _apply(engine, closes, path, sheet_name, diags), diags


def _apply(engine, closes, path, sheet_name, diags) -> list[int]:
    done = []
    with engine.begin() as conn:
        ids = [c[0] for c in closes]
        state = dict(conn.execute(select(actions.c.id, actions.c.status)
                                  .where(actions.c.id.in_(ids))).all())  # fmt: skip
        for action_id, day, note, owner, n in closes:
            if action_id not in state:
                where = Location(str(path), cell=f"{sheet_name}!A{n}")
                diags.append(Diagnostic("action-import-unknown", where,
                                        {"row": n, "id": action_id}))  # fmt: skip
                continue
            if state[action_id] == "closed":
                continue  # imported before, or closed by a later inspection
            conn.execute(
                update(actions).where(actions.c.id == action_id).values(
                    status="closed", closed_on=day, note=note,
                    closed_by=owner or Path(path).name)
            )  # fmt: skip
            done.append(action_id)
    return done
