"""Write the form inspectors fill in (FORMAT.md §6), with openpyxl.

The form: a header block (organization, title, document control, labelled input cells),
one table row per item (columns from :mod:`sopkit.checklist.layout`), a summary block with
live formulas, and signature lines. A very-hidden sheet ``_sopkit``
(:mod:`sopkit.checklist.meta`) records what the scorer needs to recognise the form.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sopkit.atomic import safe_name
from sopkit.checklist import formulas
from sopkit.checklist.cells import Formula, fast_cells, list_formula, save_atomic, set_text
from sopkit.checklist.layout import (
    COL,
    COLUMNS,
    HEADER_ROW,
    LAST_PRINTED,
    TABLE_COLUMNS,
    WIDTHS,
    fmt,
    letter,
    lines,
    method_text,
    number,
    status_mark,
    text_width,
)
from sopkit.checklist.meta import form_fingerprint, meta_rows, write_meta
from sopkit.diagnostics import Diagnostic, Location, Severity
from sopkit.documents.models.checklist import Checklist
from sopkit.locale import labels, normalize_lang, render_message
from sopkit.safeio import Refused, decode_text, read_bytes

# --- file names ------------------------------------------------------------------------


def checklist_filename(checklist_id: str, site: str | None = None) -> str:
    stem = safe_name(checklist_id)
    if site:
        stem += "-" + safe_name(site)
    return stem + ".xlsx"


def read_sites(path: str | Path) -> list[str]:
    """Sites from a text file: one per line; blank lines and ``#`` comments are skipped (a
    comment after a name follows a space, as in YAML: ``5#楼`` is a name).

    UTF-8, UTF-16 (with BOM) and GB18030 are read; a device, a folder or a file over 1 MB
    raises ``ValueError`` saying so."""
    try:
        text = decode_text(read_bytes(path))
    except Refused as exc:
        raise ValueError(render_message(exc.code, "message", exc.args_, "en")) from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"not text ({exc.reason})") from None
    sites: list[str] = []
    for line in text.splitlines():
        line = line.replace("\t", " ").split(" #")[0].strip()
        if line and not line.startswith("#") and line not in sites:
            sites.append(line)
    return sites


def status_notices(
    checklists: Iterable[Checklist], path_of: Mapping[str, str] | None = None
) -> list[Diagnostic]:
    """A warning for each draft or retired checklist among ``checklists``: its forms are
    marked, but they should not be handed out as if it were in force.

    ``path_of`` (lower-case id -> YAML file) locates the warnings.
    """
    notices = []
    for checklist in checklists:
        if checklist.status in ("draft", "retired"):
            where = (path_of or {}).get(checklist.id.lower(), checklist.id)
            notices.append(
                Diagnostic(
                    f"checklist-{checklist.status}",
                    Location(where),
                    {"id": checklist.id, "version": checklist.version},
                    Severity.WARNING,
                )
            )
    return notices


# --- the form --------------------------------------------------------------------------


@dataclass
class _Styles:
    title: Any
    org: Any
    bold: Any
    header: Any
    section: Any
    border: Any
    wrap: Any
    center: Any
    right: Any
    label: Any
    label_right: Any
    input_fill: Any
    unlocked: Any


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="808080")
    return _Styles(
        title=Font(bold=True, size=15),
        org=Font(size=11, color="404040"),
        bold=Font(bold=True),
        header=PatternFill("solid", fgColor="D9E1F2"),
        section=PatternFill("solid", fgColor="F2F2F2"),
        border=Border(left=thin, right=thin, top=thin, bottom=thin),
        wrap=Alignment(wrap_text=True, vertical="top"),
        center=Alignment(horizontal="center", vertical="center", wrap_text=True),
        right=Alignment(horizontal="right", vertical="center"),
        # Header labels shrink rather than be cut off where a column is narrow.
        label=Alignment(vertical="center", shrink_to_fit=True),
        label_right=Alignment(horizontal="right", vertical="center", shrink_to_fit=True),
        input_fill=PatternFill("solid", fgColor="FFF9E5"),
        unlocked=Protection(locked=False),
    )


class _Form:
    """One form being written: the sheet, its styles and labels, and what it records."""

    def __init__(self, wb, checklist: Checklist, lang: str) -> None:
        self.wb, self.checklist, self.lang = wb, checklist, lang
        self.lab = labels(lang)
        self.st = _styles()
        self.ws = wb.active
        self.ws.title = self.lab["sheet.form"]
        self.widths = WIDTHS[lang]
        self.style_of, self.place = fast_cells(self.ws)
        self.styles: dict[tuple, Any] = {}
        self.cells: dict[str, str] = {}  # header field -> input cell
        self.item_rows: list[tuple[str, int]] = []
        self.section_rows: list[tuple[int, int]] = []  # first and last item row
        self.validations: dict[tuple, Any] = {}
        self.targets: dict[tuple, list[int]] = {}  # the rows of each validation
        for col, column in enumerate(COLUMNS, start=1):
            dim = self.ws.column_dimensions[letter(column.key)]
            if column.hidden:
                dim.hidden = True
            else:
                dim.width = self.widths[col]

    def put(self, row: int, col: int, value: Any, *, font=None, fill=None, align=None,
            border: bool = False, fmt: str | None = None, unlocked: bool = False):  # fmt: skip
        # Each distinct style is made once, and every cell gets a copy of its style array.
        key = (id(font), id(fill), id(align), border, fmt, unlocked)
        style = self.styles.get(key)
        if style is None:
            st = self.st
            attributes = {"font": font, "fill": fill, "alignment": align}
            attributes = {k: v for k, v in attributes.items() if v is not None}
            if border:
                attributes["border"] = st.border
            if fmt:
                attributes["number_format"] = fmt
            if unlocked:  # an input cell
                attributes.update(protection=st.unlocked, fill=st.input_fill, border=st.border)
            style = self.styles[key] = self.style_of(**attributes)
        cell = self.place(row, col, style)
        if value is not None:
            set_text(cell, value)
        return cell

    def formula(self, row: int, col: int, text: str) -> None:
        """A formula in a cell without style (the hidden helper columns)."""
        self.place(row, col).value = text

    def validation(self, key: tuple, **kw) -> list[int]:
        """The rows of the data validation ``key`` (made with ``kw`` the first time)."""
        if key not in self.validations:
            from openpyxl.worksheet.datavalidation import DataValidation

            lab = self.lab
            dv = DataValidation(
                allow_blank=True,
                showInputMessage=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle=lab["sheet.error_title"][:32],
                promptTitle=lab["sheet.prompt_title"][:32],
                **kw,
            )
            self.validations[key] = dv
            self.targets[key] = []
            self.ws.add_data_validation(dv)
        return self.targets[key]

    def header(self, organization: str | None, values: Mapping[str, Any]) -> None:
        """Rows 1-6: organization, title, document control, input cells, scoring method."""
        ws, st, lab, checklist = self.ws, self.st, self.lab, self.checklist
        last = letter(LAST_PRINTED)
        self.put(1, 1, organization or "", font=st.org, align=st.center)
        ws.merge_cells(f"A1:{last}1")
        title = self.put(2, 1, checklist.title, font=st.title, align=st.center)
        ws.merge_cells(f"A2:{last}2")
        ws.row_dimensions[2].height = 24
        self.mark = status_mark(checklist, lab)
        if self.mark:
            self._marked_title(title)
        put = self.put
        put(3, 1, lab["sheet.doc_id"], font=st.bold, align=st.label)
        put(3, 2, checklist.id)
        put(3, 3, lab["sheet.version"], font=st.bold, align=st.label_right)
        put(3, 4, checklist.version)
        put(3, 5, lab["sheet.effective"], font=st.bold, align=st.label_right)
        put(3, 6, checklist.effective.isoformat())
        ws.merge_cells("F3:G3")
        inputs = (("site", 4, 1), ("date", 4, 3), ("inspector", 5, 1), ("inspected", 5, 3))
        for key, row, col in inputs:
            align = st.label_right if col > 1 else st.label
            put(row, col, lab[f"sheet.{key}"], font=st.bold, align=align)
            fmt = "yyyy-mm-dd" if key == "date" else None
            cell = put(row, col + 1, values.get(key), fmt=fmt, unlocked=True)
            self.cells[key] = cell.coordinate
        ws.merge_cells("D4:E4")
        ws.merge_cells("D5:E5")
        if checklist.frequency:
            put(4, 6, lab["sheet.frequency"], font=st.bold, align=st.label_right)
            put(4, 7, checklist.frequency)
        method = method_text(checklist, lab)
        put(6, 1, method, align=st.wrap)
        ws.merge_cells(f"A6:{last}6")
        ws.row_dimensions[6].height = 15 * lines(method, sum(self.widths.values()))

    def _marked_title(self, title) -> None:
        """In red after the title: a draft or withdrawn form is not taken for one in force."""
        from openpyxl.cell.rich_text import CellRichText, TextBlock
        from openpyxl.cell.text import InlineFont

        text, mark = self.checklist.title, self.mark
        title.value = CellRichText(
            TextBlock(InlineFont(b=True, sz=15), text + "  "),
            TextBlock(InlineFont(b=True, sz=15, color="FFC00000"), mark),
        )
        # The 15 pt title is about 1.4 times as wide as the text the widths are made for.
        wide = (text_width(text) + text_width(mark) + 2) * 1.4
        height = 24 * math.ceil(wide / (sum(self.widths.values()) * 1.15))
        self.ws.row_dimensions[2].height = height

    def table(self) -> int:
        """The item table under the header; returns its last row."""
        st, lab = self.st, self.lab
        for col, key in enumerate(TABLE_COLUMNS, start=1):
            self.put(HEADER_ROW, col, lab[f"sheet.col_{key}"], font=st.bold, fill=st.header,
                     align=st.center, border=True)  # fmt: skip
        self.check_list = list_formula(
            self.wb, [lab["sheet.pass"], lab["sheet.fail"], lab["sheet.na"]]
        )
        row = HEADER_ROW
        for n, section in enumerate(self.checklist.sections, start=1):
            row += 1
            title = lab["sheet.section_title"].format(n=n, title=section.title)
            if section.weight is not None:
                title += lab["sheet.section_weight"].format(weight=fmt(section.weight))
            for col in range(1, COL[LAST_PRINTED] + 1):
                self.put(row, col, None, fill=st.section, border=True)
            self.put(row, 1, title, font=st.bold, fill=st.section, border=True)
            first = row + 1
            for item in section.items:
                row += 1
                self.item_row(item, row)
            self.section_rows.append((first, row))
        from openpyxl.worksheet.cell_range import MultiCellRange

        for key, dv in self.validations.items():
            dv.sqref = MultiCellRange(_runs(letter("result"), self.targets[key]))
        return row

    def item_row(self, item, row: int) -> None:
        """One item's row: its texts, the input cells, the score and helper formulas."""
        st, lab = self.st, self.lab
        self.item_rows.append((item.id, row))
        text = ("★ " if item.critical else "") + item.text
        rule = formulas.rule_text(item, lab)
        standard = "\n".join(x for x in (item.standard or "", rule) if x)
        put = self.put
        put(row, COL["id"], item.id, align=st.center, border=True)
        put(row, COL["item"], text, align=st.wrap, border=True)
        put(row, COL["standard"], standard, align=st.wrap, border=True)
        points = number(item.points) if item.scored else None
        put(row, COL["points"], points, align=st.center, border=True)
        put(row, COL["result"], None, align=st.center, border=True, unlocked=True)
        put(row, COL["remarks"], None, align=st.wrap, border=True, unlocked=True)
        score = put(row, COL["score"], None, align=st.center, border=True, fmt="0.0#")
        height = max(
            lines(text, self.widths[COL["item"]]), lines(standard, self.widths[COL["standard"]])
        )
        self.ws.row_dimensions[row].height = max(20, 15 * height + 4)
        cells = formulas.item_cells(item, row, lab, self.check_list)
        key, kw = cells.validation
        self.validation(key, **kw).append(row)
        if cells.score:
            score.value = Formula(cells.score)
        for column, text in cells.helpers.items():
            self.formula(row, COL[column], text)

    def summary(self, row: int) -> int:
        """Live totals under the table, from ``row``; returns the last row used."""
        block = formulas.summary_block(
            self.checklist, self.lab, self.widths, self.section_rows, row
        )
        st = self.st
        for cell in block.cells:
            font = st.bold if cell.bold else None
            fill = st.header if cell.head else None
            align = {"center": st.center, "right": st.right, "wrap": st.wrap}.get(cell.align)
            value = Formula(cell.value) if cell.formula else cell.value
            self.put(cell.row, COL[cell.column], value, font=font, fill=fill, align=align,
                     border=cell.border, fmt=cell.fmt)  # fmt: skip
        for row_, height in block.heights.items():
            self.ws.row_dimensions[row_].height = height
        for cell in block.helpers:
            self.ws.cell(row=cell.row, column=COL[cell.column]).value = cell.value
        return block.last_row

    def signatures(self, row: int) -> int:
        lab, st = self.lab, self.st
        width = self.widths[COL["item"]]
        for key in ("sheet.inspector", "sheet.inspected", "sheet.reviewer"):
            text = lab["sheet.signature"].format(who=lab[key])
            line = "_" * max(6, int(width) - text_width(text) - 2)  # not running into the date
            self.put(row, COL["item"], text + line, font=st.bold)
            self.put(row, COL["standard"], lab["sheet.sign_date"] + "_" * 14, font=st.bold)
            self.ws.row_dimensions[row].height = 30
            row += 1
        return row - 1

    def finish(self, last_row: int, last_item_row: int) -> None:
        """Protection, print set-up and the ``_sopkit`` sheet."""
        ws, lab, checklist = self.ws, self.lab, self.checklist
        ws.protection.sheet = True  # no password: a user can still unprotect it deliberately
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        ws.print_area = f"A1:{letter(LAST_PRINTED)}{last_row}"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.oddFooter.left.text = f"{checklist.id}  {lab['sheet.version']} {checklist.version}"
        ws.oddFooter.right.text = lab["sheet.page"]
        if self.mark:  # on every printed page
            ws.oddFooter.center.text = self.mark
            ws.oddFooter.center.color = "C00000"
        ws.freeze_panes = f"A{HEADER_ROW + 1}"
        rows = meta_rows(checklist, form_fingerprint(checklist), self.lang, ws.title,
                         self.cells, self.item_rows, last_item_row)  # fmt: skip
        write_meta(self.wb, rows, set_text)


def _runs(column: str, rows: list[int]) -> str:
    """Rows of one column as ranges: ``E9:E12 E14`` (a short list that is quick to parse)."""
    parts = []
    start = prev = rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row == prev + 1:
            prev = row
            continue
        parts.append(f"{column}{start}:{column}{prev}" if prev > start else f"{column}{start}")
        if row is not None:
            start = prev = row
    return " ".join(parts)


def build_workbook(
    checklist: Checklist,
    *,
    organization: str | None = None,
    lang: str = "zh-CN",
    site: str | None = None,
    inspector: str | None = None,
    inspected: str | None = None,
    day: date | None = None,
):
    """The checklist form as an openpyxl ``Workbook`` (not saved)."""
    values = {"site": site, "date": day, "inspector": inspector, "inspected": inspected}
    return _build(checklist, organization, lang, values)[0]


def _build(checklist: Checklist, organization: str | None, lang: str, values: Mapping[str, Any]):
    """The form and the coordinates of its header input cells (``site``, ``date`` …)."""
    from openpyxl import Workbook

    form = _Form(Workbook(), checklist, normalize_lang(lang))
    form.header(organization, values)
    last_item_row = form.table()
    row = form.summary(last_item_row + 2)
    row = form.signatures(row + 2)
    form.finish(row, last_item_row)
    return form.wb, form.cells


def write_checklist(checklist: Checklist, path: str | Path, **options) -> Path:
    """Write the form of ``checklist`` to ``path`` (atomically); options as in build_workbook."""
    return save_atomic(build_workbook(checklist, **options), path)


def write_checklists(
    checklists: Sequence[Checklist],
    out: str | Path,
    *,
    organization: str | None = None,
    lang: str = "zh-CN",
    sites: Sequence[str] = (),
    inspector: str | None = None,
    day: date | None = None,
) -> list[Path]:
    """One workbook per checklist (and per site, when ``sites`` is given) under ``out``.

    The forms of one checklist for many sites differ in the site cell only: the form is
    built once and saved once per site.
    """
    out = Path(out)
    written: list[Path] = []
    taken: set[str] = set()
    for checklist in checklists:
        wb = None
        for site in sites or [None]:
            name = checklist_filename(checklist.id, site)
            stem, n = name[:-5], 2
            while name.casefold() in taken:  # two sites that differ only in unsafe characters
                name, n = f"{stem}-{n}.xlsx", n + 1
            taken.add(name.casefold())
            if wb is None:
                values = {"site": site, "date": day, "inspector": inspector}
                wb, cells = _build(checklist, organization, lang, values)
                form = wb.worksheets[0]
            else:
                set_text(form[cells["site"]], site)
                # Saving remembers the columns' outline level and writes it the next time:
                # forget it, so that every site's file is the same as one built alone.
                form.column_dimensions.max_outline = None
            written.append(save_atomic(wb, out / name))
    return written
