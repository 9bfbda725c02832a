"""Excel checklists (FORMAT.md §6): write the form inspectors fill in, read a filled one back.

openpyxl writes; python-calamine reads (about ten times faster, and it reads .xls and .ods
too). Neither computes formulas, so the reader never looks at the score column: the
scorer recomputes everything from the answers.

The form: a header block (organization, title, document control, labelled input cells),
one table row per item, a summary block with live formulas, and signature lines. A
very-hidden sheet ``_sopkit`` records what the scorer needs to recognise the form.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sopkit.atomic import safe_name, write_with
from sopkit.checklist.answers import FAIL_WORDS, PASS_WORDS, normalize, shown, units
from sopkit.diagnostics import Diagnostic, Location, Severity
from sopkit.documents.models.checklist import Checklist, Item
from sopkit.locale import LANGS, catalogue, labels, normalize_lang
from sopkit.reporters import width

META_SHEET = "_sopkit"
LISTS_SHEET = "_lists"
META_FORMAT = "1"
INLINE_LIST_LIMIT = 255  # Excel's limit for a list written inside the validation rule
READABLE = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")
HEADER_FIELDS = ("site", "date", "inspector", "inspected")

# Columns of the form (1-based), and hidden helper columns the summary formulas add up.
COL_ID, COL_ITEM, COL_STANDARD, COL_POINTS, COL_RESULT, COL_SCORE, COL_REMARKS = range(1, 8)
COL_APPLICABLE, COL_CRITICAL, COL_UNANSWERED, COL_NUMBER = 8, 9, 10, 11
# Character widths of the seven columns by language (English labels are longer, Chinese
# text wraps in fewer): either way about 104, so that "fit to one page wide" prints A4
# portrait at about 94 % (136 printed at 75 %, about 8 pt).
WIDTHS = {
    "zh-CN": {1: 8, 2: 34, 3: 25, 4: 6, 5: 9, 6: 8, 7: 14},
    "en": {1: 12, 2: 31, 3: 24, 4: 6, 5: 9, 6: 10, 7: 12},
}
TABLE_COLUMNS = ("id", "item", "standard", "points", "result", "score", "remarks")
HEADER_ROW = 7


_FINGERPRINTS: dict[int, tuple[Checklist, str]] = {}


def fingerprint(checklist: Checklist) -> str:
    """A short hash of everything that decides how a sheet is scored (items and scoring)."""
    cached = _FINGERPRINTS.get(id(checklist))
    if cached is not None and cached[0] is checklist:
        return cached[1]
    value = _fingerprint(checklist)
    if len(_FINGERPRINTS) >= 256:  # the cache keeps its checklists alive: keep it small
        _FINGERPRINTS.clear()
    _FINGERPRINTS[id(checklist)] = (checklist, value)
    return value


def _fingerprint(checklist: Checklist) -> str:
    data = {
        "scoring": checklist.scoring.model_dump(mode="json", by_alias=True),
        "sections": [
            {
                "title": s.title,
                "weight": s.weight,
                "items": [i.model_dump(mode="json", exclude={"step"}) for i in s.items],
            }
            for s in checklist.sections
        ],
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# --- file names ------------------------------------------------------------------------


def checklist_filename(checklist_id: str, site: str | None = None) -> str:
    stem = safe_name(checklist_id)
    if site:
        stem += "-" + safe_name(site)
    return stem + ".xlsx"


def read_sites(path: str | Path) -> list[str]:
    """Sites from a text file: one per line; blank lines and ``#`` comments are skipped."""
    text = Path(path).read_text(encoding="utf-8-sig")
    sites: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and line not in sites:
            sites.append(line)
    return sites


# --- writing ---------------------------------------------------------------------------


def _number(value: float | int | None) -> float | int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _fmt(value: float | int | None) -> str:
    value = _number(value)
    return "" if value is None else str(value)


def target_text(item: Item, lab: dict[str, str]) -> str:
    target = item.target
    unit = item.unit or ""
    low, high = (target.min, target.max) if target else (None, None)
    if low is not None and high is not None:
        return lab["sheet.target_between"].format(min=_fmt(low), max=_fmt(high), unit=unit)
    if low is not None:
        return lab["sheet.target_min"].format(min=_fmt(low), unit=unit)
    if high is not None:
        return lab["sheet.target_max"].format(max=_fmt(high), unit=unit)
    return ""


def _states_range(standard: str | None, points: float | int | None) -> bool:
    """Whether a scale item's own standard already gives its range ("按0-10分评定")."""
    if not standard:
        return False
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", standard)).casefold()
    top = re.escape(_fmt(points))
    return re.search(rf"(?<![\d.])0分?(?:-|–|—|~|至|到|to){top}(?![\d.])", text) is not None


def rule_text(item: Item, lab: dict[str, str]) -> str:
    """How the item is scored, printed under its standard (unless the standard says it)."""
    if item.type == "scale":
        if _states_range(item.standard, item.points):
            return ""
        return lab["sheet.rule_scale"].format(points=_fmt(item.points))
    if item.type == "count":
        return lab["sheet.rule_count"].format(per=_fmt(item.per), points=_fmt(item.points))
    if item.type == "measure":
        return lab["sheet.rule_measure"].format(target=target_text(item, lab))
    return ""


def prompt_text(item: Item, lab: dict[str, str]) -> str:
    """The input message shown when the result cell is selected (Excel: ≤ 255 characters)."""
    words = {"pass": lab["sheet.pass"], "fail": lab["sheet.fail"], "na": lab["sheet.na"]}
    if item.type == "check":
        text = lab["sheet.prompt_check"].format(**words)
    elif item.type == "scale":
        text = lab["sheet.prompt_scale"].format(points=_fmt(item.points), **words)
    elif item.type == "count":
        text = lab["sheet.prompt_count"].format(
            per=_fmt(item.per), points=_fmt(item.points), **words
        )
    elif item.type == "measure":
        text = lab["sheet.prompt_measure"].format(
            unit=item.unit or "", target=target_text(item, lab), **words
        )
    else:
        text = lab["sheet.prompt_info"]
    return text[:255]


_SEEN: set[str] = set()
_WIDE: dict[int, str] = {}  # every wide character seen -> two characters


def _width(text: str) -> int:
    """:func:`sopkit.reporters.width` (CJK characters count two), by ``str.translate``."""
    if text.isascii():
        return len(text)
    new = set(text).difference(_SEEN)
    if new:
        _SEEN.update(new)
        _WIDE.update((ord(c), "  ") for c in new if width(c) == 2)
    return len(text.translate(_WIDE))


def _lines(text: str, col_width: float) -> int:
    # Column width is in digit widths; a CJK character takes two.
    # A CJK character is about 1.75 column units wide at 11 pt (measured in LibreOffice).
    return sum(max(1, math.ceil(_width(part) / (col_width * 1.15))) for part in text.split("\n"))


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


class Formula(str):
    """A formula sopkit wrote itself; any other text is stored as text."""


# The characters XML 1.0 forbids (openpyxl raises IllegalCharacterError on them).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def set_text(cell, value: Any) -> None:
    """Write ``value``; text is always stored as text, so ``=…`` from YAML never runs."""
    if isinstance(value, Formula):
        cell.value = str(value)
        return
    if isinstance(value, str):
        # Control characters (a "\a" escape in YAML, a pasted remark) are not allowed in
        # a worksheet's XML: drop them rather than fail the whole file.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def list_formula(wb, values: Sequence[str], name: str = LISTS_SHEET) -> str:
    """The ``formula1`` of a dropdown offering ``values``.

    Excel stores a list inline only up to 255 characters; a longer one (or one whose
    values hold a comma or a quote) goes to a hidden sheet and is referenced as a range.
    """
    inline = ",".join(values)
    if (
        len(inline) <= INLINE_LIST_LIMIT
        and not any(c in inline for c in '"')
        and all("," not in v for v in values)
    ):
        return f'"{inline}"'
    ws = wb[name] if name in wb.sheetnames else wb.create_sheet(name)
    ws.sheet_state = "hidden"
    col = ws.max_column + 1 if ws.max_row > 1 or ws["A1"].value is not None else 1
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(col)
    for row, value in enumerate(values, start=1):
        set_text(ws.cell(row=row, column=col), value)
    return f"'{name}'!${letter}$1:${letter}${len(values)}"


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
    return _build(checklist, organization, lang, site, inspector, inspected, day)[0]


def _build(
    checklist: Checklist,
    organization: str | None,
    lang: str,
    site: str | None,
    inspector: str | None,
    inspected: str | None,
    day: date | None,
):
    """The form and the coordinates of its header input cells (``site``, ``date`` …)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.cell_range import MultiCellRange
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = normalize_lang(lang)
    lab = labels(lang)
    st = _styles()
    wb = Workbook()
    ws = wb.active
    ws.title = lab["sheet.form"]
    last_col = get_column_letter(COL_REMARKS)
    widths = WIDTHS[lang]
    for col, w in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = w
    for col in (COL_APPLICABLE, COL_CRITICAL, COL_UNANSWERED, COL_NUMBER):
        ws.column_dimensions[get_column_letter(col)].hidden = True

    from openpyxl.cell.cell import Cell

    cell_map = ws._cells
    scratch = Cell(ws)  # styles are made on a cell outside the sheet, then shared
    style_cache: dict[tuple, Any] = {}

    def put(
        row: int,
        col: int,
        value: Any,
        *,
        font=None,
        fill=None,
        align=None,
        border: bool = False,
        fmt: str | None = None,
        unlocked: bool = False,
    ):
        # openpyxl hashes every style object it is given: each distinct style is made once,
        # and every cell gets a copy of its finished style array.
        key = (id(font), id(fill), id(align), border, fmt, unlocked)
        style = style_cache.get(key)
        if style is None:
            scratch._style = None
            if font is not None:
                scratch.font = font
            if fill is not None:
                scratch.fill = fill
            if align is not None:
                scratch.alignment = align
            if border:
                scratch.border = st.border
            if fmt:
                scratch.number_format = fmt
            if unlocked:  # an input cell
                scratch.protection = st.unlocked
                scratch.fill = st.input_fill
                scratch.border = st.border
            style = style_cache[key] = scratch._style
        cell = cell_map[row, col] = Cell(ws, row, col, None, style)
        if value is not None:
            set_text(cell, value)
        return cell

    def formula(row: int, col: int, text: str) -> None:
        """A formula in a cell without style (the hidden helper columns)."""
        cell = cell_map[row, col] = Cell(ws, row, col)
        cell.value = text

    # Header block.
    put(1, 1, organization or "", font=st.org, align=st.center)
    ws.merge_cells(f"A1:{last_col}1")
    title = put(2, 1, checklist.title, font=st.title, align=st.center)
    ws.merge_cells(f"A2:{last_col}2")
    ws.row_dimensions[2].height = 24
    mark = status_mark(checklist, lab)
    if mark:
        # In red after the title: a draft or a withdrawn form is not mistaken for one in force.
        from openpyxl.cell.rich_text import CellRichText, TextBlock
        from openpyxl.cell.text import InlineFont

        title.value = CellRichText(
            TextBlock(InlineFont(b=True, sz=15), checklist.title + "  "),
            TextBlock(InlineFont(b=True, sz=15, color="FFC00000"), mark),
        )
        # The 15 pt title is about 1.4 times as wide as the text the widths are made for.
        wide = (_width(checklist.title) + _width(mark) + 2) * 1.4
        ws.row_dimensions[2].height = 24 * math.ceil(wide / (sum(widths.values()) * 1.15))
    put(3, 1, lab["sheet.doc_id"], font=st.bold, align=st.label)
    put(3, 2, checklist.id)
    put(3, 3, lab["sheet.version"], font=st.bold, align=st.label_right)
    put(3, 4, checklist.version)
    put(3, 5, lab["sheet.effective"], font=st.bold, align=st.label_right)
    put(3, 6, checklist.effective.isoformat())
    ws.merge_cells("F3:G3")
    cells: dict[str, str] = {}
    inputs = (
        ("site", 4, 1, site),
        ("date", 4, 3, day),
        ("inspector", 5, 1, inspector),
        ("inspected", 5, 3, inspected),
    )
    for key, row, col, value in inputs:
        put(
            row,
            col,
            lab[f"sheet.{key}"],
            font=st.bold,
            align=st.label_right if col > 1 else st.label,
        )
        cell = put(row, col + 1, value, fmt="yyyy-mm-dd" if key == "date" else None, unlocked=True)
        cells[key] = cell.coordinate
    ws.merge_cells("D4:E4")
    ws.merge_cells("D5:E5")
    if checklist.frequency:
        put(4, 6, lab["sheet.frequency"], font=st.bold, align=st.label_right)
        put(4, 7, checklist.frequency)
    put(6, 1, method_text(checklist, lab), align=st.wrap)
    ws.merge_cells(f"A6:{last_col}6")
    ws.row_dimensions[6].height = 15 * _lines(method_text(checklist, lab), sum(widths.values()))

    # Item table.
    for col, key in enumerate(TABLE_COLUMNS, start=1):
        put(
            HEADER_ROW,
            col,
            lab[f"sheet.col_{key}"],
            font=st.bold,
            fill=st.header,
            align=st.center,
            border=True,
        )
    validations: dict[tuple, DataValidation] = {}
    targets: dict[tuple, list[int]] = {}  # the rows of each validation, set once at the end

    def validation(key: tuple, **kw) -> list[int]:
        if key not in validations:
            dv = DataValidation(
                allow_blank=True,
                showInputMessage=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle=lab["sheet.error_title"][:32],
                promptTitle=lab["sheet.prompt_title"][:32],
                **kw,
            )
            validations[key] = dv
            targets[key] = []
            ws.add_data_validation(dv)
        return targets[key]

    check_list = list_formula(wb, [lab["sheet.pass"], lab["sheet.fail"], lab["sheet.na"]])
    row = HEADER_ROW
    section_rows: list[tuple[int, int]] = []  # first and last item row of each section
    item_rows: list[tuple[str, int]] = []
    pass_words = _formula_words("pass")
    fail_words = _formula_words("fail")
    for number, section in enumerate(checklist.sections, start=1):
        row += 1
        title = lab["sheet.section_title"].format(n=number, title=section.title)
        if section.weight is not None:
            title += lab["sheet.section_weight"].format(weight=_fmt(section.weight))
        for col in range(1, COL_REMARKS + 1):
            put(row, col, None, fill=st.section, border=True)
        put(row, 1, title, font=st.bold, fill=st.section, border=True)
        first = row + 1
        for item in section.items:
            row += 1
            item_rows.append((item.id, row))
            text = ("★ " if item.critical else "") + item.text
            standard = "\n".join(x for x in (item.standard or "", rule_text(item, lab)) if x)
            put(row, COL_ID, item.id, align=st.center, border=True)
            put(row, COL_ITEM, text, align=st.wrap, border=True)
            put(row, COL_STANDARD, standard, align=st.wrap, border=True)
            put(
                row,
                COL_POINTS,
                _number(item.points) if item.scored else None,
                align=st.center,
                border=True,
            )
            put(row, COL_RESULT, None, align=st.center, border=True, unlocked=True)
            put(row, COL_REMARKS, None, align=st.wrap, border=True, unlocked=True)
            score = put(row, COL_SCORE, None, align=st.center, border=True, fmt="0.0#")
            lines = max(_lines(text, widths[COL_ITEM]), _lines(standard, widths[COL_STANDARD]))
            ws.row_dimensions[row].height = max(20, 15 * lines + 4)
            e, d, f, k = f"E{row}", f"D{row}", f"F{row}", f"K{row}"
            if item.scored:
                # The answer as a number, also when typed as text, in full-width digits or
                # with a unit the scorer accepts (3次, 50分钟, 96%).
                formula(row, COL_NUMBER, _number_formula(e, item))
            prompt = prompt_text(item, lab)
            if item.type == "check":
                validation(
                    ("check",),
                    type="list",
                    formula1=check_list,
                    prompt=prompt,
                    error=lab["sheet.error_check"][:255],
                ).append(row)
                key = f"TRIM(ASC({e}))"
                score.value = Formula(
                    f"=IF(OR({_eq(key, pass_words)},{k}=1),{d},"
                    f'IF(OR({_eq(key, fail_words)},{k}=0),0,""))'
                )
            elif item.type == "scale":
                validation(
                    ("scale", prompt),
                    type="decimal",
                    operator="between",
                    formula1="0",
                    formula2=_fmt(item.points),
                    prompt=prompt,
                    error=lab["sheet.error_number"][:255],
                ).append(row)
                score.value = Formula(f'=IF(ISNUMBER({k}),MIN(MAX({k},0),{d}),"")')
            elif item.type == "count":
                validation(
                    ("count", prompt),
                    type="whole",
                    operator="greaterThanOrEqual",
                    formula1="0",
                    prompt=prompt,
                    error=lab["sheet.error_count"][:255],
                ).append(row)
                score.value = Formula(f'=IF(ISNUMBER({k}),{d}-MIN({k}*{_fmt(item.per)},{d}),"")')
            elif item.type == "measure":
                validation(
                    ("measure", prompt),
                    type="decimal",
                    operator="between",
                    formula1="-1E+300",
                    formula2="1E+300",
                    prompt=prompt,
                    error=lab["sheet.error_number"][:255],
                ).append(row)
                low = item.target.min if item.target else None
                high = item.target.max if item.target else None
                conds = [f"{k}>={_fmt(low)}"] * (low is not None)
                conds += [f"{k}<={_fmt(high)}"] * (high is not None)
                inside = f"AND({','.join(conds)})" if conds else "TRUE"
                score.value = Formula(f'=IF(ISNUMBER({k}),IF({inside},{d},0),"")')
            else:
                validation(("info", prompt), type=None, prompt=prompt).append(row)
            if item.scored:
                formula(row, COL_APPLICABLE, f"=IF(ISNUMBER({f}),{d},0)")
                formula(row, COL_UNANSWERED, f'=IF(TRIM({e})="",1,0)')
                if item.critical:
                    limit = f"{d}/2" if item.type == "scale" else d
                    formula(row, COL_CRITICAL, f"=IF(ISNUMBER({f}),IF({f}<{limit},1,0),0)")
        section_rows.append((first, row))
    last_item_row = row
    result_letter = get_column_letter(COL_RESULT)
    for key, dv in validations.items():
        dv.sqref = MultiCellRange(_runs(result_letter, targets[key]))
    row = _summary(ws, checklist, lab, st, put, section_rows, row + 2)
    row = _signatures(ws, lab, st, put, row + 2)

    # Protection and print set-up.
    ws.protection.sheet = True  # no password: a user can still unprotect it deliberately
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{last_col}{row}"
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
    if mark:  # on every printed page
        ws.oddFooter.center.text = mark
        ws.oddFooter.center.color = "C00000"
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    _meta(wb, checklist, lang, ws.title, cells, item_rows, last_item_row)
    return wb, cells


def _runs(letter: str, rows: list[int]) -> str:
    """Rows of one column as ranges: ``E9:E12 E14`` (a short list that is quick to parse)."""
    parts = []
    start = prev = rows[0]
    for row in [*rows[1:], None]:
        if row is not None and row == prev + 1:
            prev = row
            continue
        parts.append(f"{letter}{start}:{letter}{prev}" if prev > start else f"{letter}{start}")
        if row is not None:
            start = prev = row
    return " ".join(parts)


def status_mark(checklist: Checklist, lab: dict[str, str]) -> str:
    """The mark a draft or retired checklist's form carries ("" when it is in force)."""
    if checklist.status in ("draft", "retired"):
        return lab[f"sheet.status_{checklist.status}"]
    return ""


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


def method_text(checklist: Checklist, lab: dict[str, str]) -> str:
    scoring = checklist.scoring
    weighted = any(s.weight is not None for s in checklist.sections)
    if scoring.method == "deduct":
        method = lab["sheet.method_deduct"].format(total=_fmt(scoring.total))
    else:
        method = lab["sheet.method_weighted" if weighted else "sheet.method_percent"]
    parts = [method, lab["sheet.pass_mark_text"].format(value=_fmt(scoring.pass_))]
    if any(i.critical for _, i in checklist.items()):
        parts.append(lab[f"sheet.critical_{scoring.critical}"])
    if scoring.grades:
        bands = lab["sheet.band_sep"].join(
            lab["sheet.band"].format(name=g.name, min=_fmt(g.min)) for g in scoring.grades
        )
        parts.append(lab["sheet.grades_text"].format(bands=bands))
    return lab["sheet.part_sep"].join(parts)


def _number_formula(cell: str, item: Item) -> str:
    text = f"TRIM(ASC({cell}))"
    if item.type != "check":
        accepted = sorted(units(item.type, item.unit), key=len, reverse=True)  # 人次 before 次
        if accepted:
            text = f"LOWER({text})"
        for unit in accepted:
            text = f'SUBSTITUTE({text},"{unit.lower().replace(chr(34), chr(34) * 2)}","")'
        if accepted:
            text = f"TRIM({text})"
    return f'=IF(ISNUMBER({cell}),{cell},IFERROR(VALUE({text}),""))'


def _formula_words(kind: str) -> list[str]:
    # Every accepted word and both languages' dropdown words (spreadsheet "=" ignores case).
    words = PASS_WORDS if kind == "pass" else FAIL_WORDS
    labels = {catalogue(lang).LABELS[f"sheet.{kind}"] for lang in LANGS}
    return sorted({w.upper() for w in words} | {w.upper() for w in labels})


def _eq(cell: str, words: Iterable[str]) -> str:
    return ",".join(f'{cell}="{w}"' for w in words)


def _summary(ws, checklist: Checklist, lab, st, put, section_rows, row: int) -> int:
    """Live totals under the table; returns the last row used."""
    scoring = checklist.scoring
    first, last = section_rows[0][0], section_rows[-1][1]

    def rng(col: str) -> str:
        return f"{col}{first}:{col}{last}"

    def line(key: str, formula: str, fmt: str | None = None, bold: bool = False) -> str:
        nonlocal row
        # Right-aligned text spills left over the empty cells: no merge needed.
        put(row, COL_RESULT, lab[key], font=st.bold if bold else None, align=st.right)
        if isinstance(formula, str):
            formula = Formula(formula)
        put(
            row,
            COL_SCORE,
            formula,
            font=st.bold if bold else None,
            align=st.center,
            border=True,
            fmt=fmt,
        )
        ref = f"F{row}"
        row += 1
        return ref

    put(row, COL_ID, lab["sheet.summary"], font=st.bold)
    row += 1
    weighted = scoring.method == "percent" and any(s.weight is not None for s in checklist.sections)
    section_percent = None
    if weighted:
        # The weight (a short number) in the narrow points column: "applicable points" needs
        # the wider one.
        heads = (
            "sheet.section",
            "sheet.applicable",
            "sheet.weight",
            "sheet.earned",
            "sheet.percentage",
        )
        lines = 1
        for col, key in enumerate(heads, start=COL_ITEM):
            put(row, col, lab[key], font=st.bold, fill=st.header, align=st.center, border=True)
            width = ws.column_dimensions[column_letter(col - 1)].width
            lines = max(lines, _lines(lab[key], width))
        if lines > 1:  # 得分率(%) wraps in the narrow score column
            ws.row_dimensions[row].height = 15 * lines + 3
        row += 1
        top = row
        for section, (a, b) in zip(checklist.sections, section_rows, strict=True):
            put(row, COL_ITEM, section.title, border=True, align=st.wrap)
            put(
                row,
                COL_STANDARD,
                Formula(f"=SUM(H{a}:H{b})"),
                border=True,
                align=st.center,
                fmt="0.0#",
            )
            put(row, COL_POINTS, _number(section.weight), border=True, align=st.center)
            put(
                row,
                COL_RESULT,
                Formula(f"=SUM(F{a}:F{b})"),
                border=True,
                align=st.center,
                fmt="0.0#",
            )
            put(
                row,
                COL_SCORE,
                Formula(f'=IF(C{row}=0,"",100*E{row}/C{row})'),
                border=True,
                align=st.center,
                fmt="0.0",
            )
            ws.cell(row=row, column=COL_APPLICABLE).value = f"=IF(ISNUMBER(F{row}),D{row},0)"
            ws.cell(row=row, column=COL_CRITICAL).value = f"=IF(ISNUMBER(F{row}),D{row}*F{row},0)"
            row += 1
        bottom = row - 1
        section_percent = (f"H{top}:H{bottom}", f"I{top}:I{bottom}")
        row += 1
    earned = line("sheet.earned", f"=SUM({rng('F')})", "0.0#")
    applicable = line("sheet.applicable", f"=SUM({rng('H')})", "0.0#")
    critical = f"SUM({rng('I')})"
    if scoring.method == "deduct":
        raw = f"MAX(0,ROUND({_fmt(scoring.total)}-({applicable}-{earned}),1))"
    elif section_percent:
        weights, weighted_sum = section_percent
        raw = f"IF(SUM({weights})=0,100,ROUND(SUM({weighted_sum})/SUM({weights}),1))"
    else:
        raw = f"IF({applicable}=0,100,ROUND(100*{earned}/{applicable},1))"
    if scoring.critical == "zero":
        raw = f"IF({critical}>0,0,{raw})"
    crit = line("sheet.critical_failed", f"={critical}", "0")
    unanswered = line("sheet.unanswered", f"=SUM({rng('J')})", "0")
    # Until a scored item is answered the form shows no score, verdict or grade (sopkit
    # does not score a blank form either): a printed blank form does not read 100.
    scored = sum(1 for _, item in checklist.items() if item.scored)
    blank = f"{unanswered}>=COUNT({rng('D')})" if scored else "FALSE"
    score = line("sheet.score", f'=IF({blank},"",{raw})', "0.0", bold=True)
    if scoring.method == "deduct":
        percentage = f'=IF({score}="","",ROUND(100*{score}/{_fmt(scoring.total)},1))'
        line("sheet.percentage", percentage, "0.0")
    pass_mark = line("sheet.pass_mark", _number(scoring.pass_), "0.0#")
    verdict = (
        f'=IF({score}="","",IF({unanswered}>0,"{lab["sheet.verdict_incomplete"]}",'
        f'IF(AND({score}>={pass_mark},{crit}=0),"{lab["sheet.verdict_pass"]}",'
        f'"{lab["sheet.verdict_fail"]}")))'
    )
    line("sheet.verdict", verdict, bold=True)
    if scoring.grades:
        grade = '""'
        for band in reversed(scoring.grades):
            name = band.name.replace('"', '""')
            grade = f'IF({score}>={_fmt(band.min)},"{name}",{grade})'
        line("sheet.grade", f'=IF(OR({score}="",{unanswered}>0),"",{grade})', bold=True)
    return row - 1


def _signatures(ws, lab, st, put, row: int) -> int:
    width = ws.column_dimensions[column_letter(COL_ITEM - 1)].width
    for key in ("sheet.inspector", "sheet.inspected", "sheet.reviewer"):
        text = lab["sheet.signature"].format(who=lab[key])
        line = "_" * max(6, int(width) - _width(text) - 2)  # not running into the date
        put(row, COL_ITEM, text + line, font=st.bold)
        put(row, COL_STANDARD, lab["sheet.sign_date"] + "_" * 14, font=st.bold)
        ws.row_dimensions[row].height = 30
        row += 1
    return row - 1


def _meta(
    wb,
    checklist: Checklist,
    lang: str,
    sheet: str,
    cells: dict[str, str],
    item_rows: list[tuple[str, int]],
    last_row: int,
) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    rows: list[list[Any]] = [
        ["sopkit", META_FORMAT],
        ["checklist", checklist.id],
        ["version", checklist.version],
        ["fingerprint", fingerprint(checklist)],
        ["lang", lang],
        ["sheet", sheet],
        ["columns", "A", "E", "G"],
        ["header", *(cells[k] for k in HEADER_FIELDS)],
        ["items", len(item_rows), last_row],
    ]
    # Each item's id and row, "A1=9 A2=10 …", a few hundred per cell: a sheet of a dozen
    # rows is read in a fraction of the time a row per item would take.
    pairs = [f"{item_id}={item_row}" for item_id, item_row in item_rows]
    rows.append(["rows", *(" ".join(pairs[i : i + 400]) for i in range(0, len(pairs), 400))])
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            set_text(ws.cell(row=r, column=c), value)
    ws.protection.sheet = True


def save_atomic(wb, path: str | Path) -> Path:
    """Save ``wb`` to ``path`` atomically, with the permissions of any file sopkit writes."""

    return write_with(path, wb.save)


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
                wb, cells = _build(checklist, organization, lang, site, inspector, None, day)
                form = wb.worksheets[0]
            else:
                set_text(form[cells["site"]], site)
                # Saving remembers the columns' outline level and writes it the next time:
                # forget it, so that every site's file is the same as one built alone.
                form.column_dimensions.max_outline = None
            written.append(save_atomic(wb, out / name))
    return written


# --- reading ---------------------------------------------------------------------------


class SheetError(Exception):
    """A file that cannot be read as a checklist: ``code`` is a diagnostic code."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


@dataclass(slots=True)
class Row:
    result: Any
    remarks: Any
    cell: str


@dataclass
class FilledSheet:
    """What a filled form holds, before scoring."""

    sheet: str
    checklist_id: str | None
    version: str | None = None
    fingerprint: str | None = None
    has_meta: bool = False
    doc_id: str | None = None  # the document number printed in the header
    header: dict[str, str | None] = field(default_factory=dict)
    rows: dict[str, Row] = field(default_factory=dict)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # id, cell, other cell


def _label_sets() -> dict[str, set[str]]:
    keys = {f"col_{k}": f"sheet.col_{k}" for k in TABLE_COLUMNS}
    keys |= {k: f"sheet.{k}" for k in (*HEADER_FIELDS, "doc_id", "version")}
    return {k: {normalize(catalogue(lang).LABELS[v]) for lang in LANGS} for k, v in keys.items()}


_LABELS: dict[str, set[str]] | None = None


def _labels_any() -> dict[str, set[str]]:
    global _LABELS
    if _LABELS is None:
        _LABELS = _label_sets()
    return _LABELS


def column_letter(index: int) -> str:
    """0-based column index → letters."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _cell_text(value: Any) -> str | None:
    text = value.strip() if type(value) is str else shown(value)
    return text or None


_TABLE_NAMES = ("col_id", "col_result", "col_remarks", "col_item")
_HEADER_NAMES = (*HEADER_FIELDS, "doc_id", "version")
_LABEL_INDEX: dict[str, tuple[str, ...]] | None = None


def label_index() -> dict[str, tuple[str, ...]]:
    """Every label in any language (normalized) -> the names it stands for."""
    global _LABEL_INDEX
    if _LABEL_INDEX is None:
        sets = _labels_any()
        index: dict[str, tuple[str, ...]] = {}
        for name in (*_TABLE_NAMES, *_HEADER_NAMES):
            for key in sets[name]:
                index[key] = (*index.get(key, ()), name)
        _LABEL_INDEX = index
    return _LABEL_INDEX


def _scan(grid: list[list[Any]]) -> tuple[int, dict[str, int], dict[str, str | None]] | None:
    """The table header row, the column of each label in it, and the header fields above it.

    A header field is the cell right of its label, the first such label found.
    """
    index = label_index()
    header: dict[str, str | None] = {}
    for r, row in enumerate(grid[:200]):
        found: dict[str, int] = {}
        fields: dict[str, str | None] = {}
        for c, value in enumerate(row):
            if value.__class__ is not str or not value:
                continue
            names = index.get(normalize(value))
            if names is None:
                continue
            for name in names:
                if name in _TABLE_NAMES:
                    found.setdefault(name, c)
                elif name not in header and name not in fields:
                    fields[name] = _cell_text(row[c + 1]) if c + 1 < len(row) else None
        if "col_id" in found and "col_result" in found:
            return r, found, header
        header.update(fields)
    return None


def read_meta(grid: list[list[Any]]) -> dict[str, list[str]]:
    """The key/value lines of the ``_sopkit`` sheet.

    The item rows it records are not used: the scorer finds every item by its id.
    """
    meta: dict[str, list[str]] = {}
    for row in grid:
        if not row or row[0] in (None, ""):
            continue
        key = shown(row[0])
        meta[key] = [shown(v) for v in row[1:6]]
        if key == "rows":
            break
    return meta


def parse_grid(grid: list[list[Any]], sheet: str, meta: dict[str, list[str]] | None) -> FilledSheet:
    """Find the checklist, the header fields and each item's row in a sheet's cell values."""
    table = _scan(grid)
    if table is not None:
        header_row, cols, header = table
    elif meta is not None:
        header_row, cols, header = -1, {}, {}
    else:
        raise SheetError("sheet-not-checklist", sheet=sheet)
    columns = meta.get("columns", []) if meta else []
    id_col = cols.get("col_id", _column_index(columns[0]) if columns else 0)
    result_col = cols.get("col_result", _column_index(columns[1]) if len(columns) > 1 else 4)
    remarks_col = cols.get("col_remarks", _column_index(columns[2]) if len(columns) > 2 else -1)
    if meta is not None:
        checklist_id = (meta.get("checklist") or [None])[0] or header.get("doc_id")
        version = (meta.get("version") or [None])[0]
        print_ = (meta.get("fingerprint") or [None])[0]
    else:
        checklist_id, version, print_ = header.get("doc_id"), header.get("version"), None
        if not checklist_id:
            raise SheetError("sheet-not-checklist", sheet=sheet)
    filled = FilledSheet(sheet, checklist_id, version, print_, meta is not None)
    filled.header = {k: header.get(k) for k in HEADER_FIELDS}
    filled.doc_id = header.get("doc_id")
    addresses = _addresses(sheet, column_letter(result_col), len(grid))
    rows = filled.rows
    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        try:
            value = row[id_col]
        except IndexError:  # a short row of a .csv file
            continue
        if value.__class__ is str:
            if not value:  # most cells of the ID column below the table are empty
                continue
            item_id = value.strip()
        else:
            item_id = _cell_text(value)
        if not item_id:
            continue
        cell = addresses[r]
        if item_id in rows:
            filled.duplicates.append((item_id, cell, rows[item_id].cell))
            continue
        width = len(row)
        rows[item_id] = Row(
            row[result_col] if result_col < width else None,
            row[remarks_col] if 0 <= remarks_col < width else None,
            cell,
        )
    return filled


_ADDRESSES: dict[tuple[str, str], list[str]] = {}


def _addresses(sheet: str, letter: str, rows: int) -> list[str]:
    """``sheet!E1``, ``sheet!E2`` … by 0-based row, made once per process and column.

    The same strings in every result also pickle once per batch from a worker process.
    """
    known = _ADDRESSES.get((sheet, letter))
    if known is None:
        if len(_ADDRESSES) >= 64:  # .csv files: a sheet name per file
            _ADDRESSES.clear()
        known = _ADDRESSES[sheet, letter] = []
    if len(known) < rows:
        known.extend(f"{sheet}!{letter}{r + 1}" for r in range(len(known), rows))
    return known


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff(path: Path) -> None:
    """Reject what no reader could open, with the reason a user understands.

    Only called once a reader failed: a sound workbook never pays for the extra look.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise SheetError("unreadable", error=exc.strerror or str(exc)) from None
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise SheetError("file-format", ext=suffix or path.name)
    if size == 0:
        raise SheetError("file-empty")
    if suffix == ".csv":
        return
    if head.startswith(_OLE):
        # An encrypted .xlsx is an OLE container holding the encrypted package.
        if "EncryptionInfo".encode("utf-16-le") in path.read_bytes():
            raise SheetError("file-encrypted")
        return
    if suffix in (".xlsx", ".xlsm", ".xlsb", ".ods") and not head.startswith(b"PK"):
        raise SheetError("file-corrupt", error="not a zip archive")


def _csv_grid(path: Path) -> list[list[Any]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise SheetError("file-corrupt", error="unknown text encoding")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def read_filled(path: str | Path) -> FilledSheet:
    """Read a filled checklist (.xlsx, .xlsm, .xls, .xlsb, .ods or .csv).

    Raises :class:`SheetError` for a file that is not a readable checklist.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READABLE:
        raise SheetError("file-format", ext=suffix or path.name)
    if suffix == ".csv":
        _sniff(path)
        return parse_grid(_csv_grid(path), path.stem, None)
    from python_calamine import CalamineWorkbook, PasswordError

    try:
        wb = CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise SheetError("file-encrypted") from None
    except Exception as exc:  # calamine raises several types for damaged files
        _sniff(path)  # empty, encrypted, not a zip: a reason the user understands
        raise SheetError("file-corrupt", error=_short(exc)) from None
    try:
        names = wb.sheet_names
        meta = None
        form = None
        if META_SHEET in names:
            meta = read_meta(wb.get_sheet_by_name(META_SHEET).to_python(skip_empty_area=False))
            recorded = meta.get("sheet") or [None]
            if recorded[0] in names:
                form = recorded[0]
        candidates = [form] if form else [n for n in names if n not in (META_SHEET, LISTS_SHEET)]
        first_error: SheetError | None = None
        for name in candidates:
            grid = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            try:
                return parse_grid(grid, name, meta)
            except SheetError as exc:
                first_error = first_error or exc
        raise first_error or SheetError("sheet-not-checklist", sheet=path.name)
    except SheetError:
        raise
    except Exception as exc:
        raise SheetError("file-corrupt", error=_short(exc)) from None
    finally:
        wb.close()


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def to_iso(value: Any) -> str | None:
    """A header date cell as ISO text when it is a date; otherwise the text as typed."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return _cell_text(value)
