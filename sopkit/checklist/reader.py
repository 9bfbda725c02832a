"""Read a filled checklist (.xlsx, .xlsm, .xls, .xlsb, .ods or .csv) back: FORMAT.md §6.

python-calamine reads (about ten times faster than openpyxl, and it reads .xls and .ods too).
It does not compute formulas, so the reader never looks at the score column: the scorer
recomputes everything from the answers. The reader finds the table by its column labels (in
any language) and each item by its id, so inserted or sorted rows do not matter.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sopkit.checklist.answers import normalize, shown
from sopkit.checklist.formats import PercentCells
from sopkit.checklist.headerfields import field_cell
from sopkit.checklist.layout import COL, HEADER_FIELDS, TABLE_COLUMNS
from sopkit.checklist.meta import LISTS_SHEET, META_SHEET, read_meta
from sopkit.columns import column_index, column_letter
from sopkit.locale import LANGS, catalogue
from sopkit.safeio import (
    MAX_COLUMNS,
    MAX_WORKBOOK_BYTES,
    ErrorCells,
    Refused,
    check_workbook_zip,
    decode_text,
    display_name,
    regular_file,
)

READABLE = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv")


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
    cell: str  # the result cell: 检查表!E9
    text: Any = None  # what the item column holds


@dataclass(frozen=True, slots=True)
class Added:
    """A row the inspector added: text and an answer, but no item id of the checklist."""

    cell: str  # its item cell: 检查表!B14
    id: str | None
    text: str
    answer: str
    remarks: str | None


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
    added: list[Added] = field(default_factory=list)  # rows without an item id
    primary: bool = True  # the form's own sheet (not a copy of it in the same workbook)
    # Which of some cells ("E9") show their number as a percentage (None: not known).
    percent: Callable[[Collection[str]], set[str]] | None = None
    # Header fields read away from their label: (label, the empty cell, the cell read).
    moved: list[tuple[str, str, str]] = field(default_factory=list)


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


def _scan(grid: list[list[Any]], moved: list[tuple[str, int, int, int]]) -> tuple | None:
    """The table header row, the column of each label in it, and the header fields above it.

    A header field is the cell right of its label (the first such label found), or further
    right when a column was inserted between them: (label, row, its column, the value's) in
    ``moved``, for the fields read (not those of the table's own row, nor of a sheet without
    the table's labels, whose header is not read: a label typed below is no field).
    """
    index = label_index()
    header: dict[str, str | None] = {}
    shifted_fields: list[tuple[str, int, int, int]] = []
    for r, row in enumerate(grid[:200]):
        found: dict[str, int] = {}
        fields: dict[str, str | None] = {}
        row_moved: list[tuple[str, int, int, int]] = []
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
                    k, shifted = field_cell(row, c)
                    fields[name] = None if k is None else _cell_text(row[k])
                    if shifted:
                        row_moved.append((value.strip(), r, c, k))
        if "col_id" in found and "col_result" in found:
            moved.extend(shifted_fields)
            return r, found, header
        header.update(fields)
        shifted_fields += row_moved
    return None


Addresses = Callable[[str, str, int], list[str]]


def addresses(sheet: str, letter: str, rows: int) -> list[str]:
    """``sheet!E1``, ``sheet!E2`` … by 0-based row (a batch shares them: see batch.py)."""
    return [f"{sheet}!{letter}{r + 1}" for r in range(rows)]


def parse_grid(
    grid: list[list[Any]],
    sheet: str,
    meta: dict[str, list[str]] | None,
    *,
    require_table: bool = False,
    cells: Addresses = addresses,
) -> FilledSheet:
    """Find the checklist, the header fields and each item's row in a sheet's cell values.

    Without the table's column labels, a sheet is read by the columns ``meta`` records
    (unless ``require_table``: a second sheet of a workbook is a form only with its labels).
    """
    moved: list[tuple[str, int, int, int]] = []
    table = _scan(grid, moved)
    if table is not None:
        header_row, cols, header = table
    elif meta is not None and not require_table:
        header_row, cols, header = -1, {}, {}
    else:
        raise SheetError("sheet-not-checklist", sheet=sheet)
    columns = _meta_columns(meta)
    id_col = cols.get("col_id", column_index(columns[0]) if columns else COL["id"] - 1)
    result_col = cols.get(
        "col_result", column_index(columns[1]) if len(columns) > 1 else COL["result"] - 1
    )
    remarks_col = cols.get("col_remarks", column_index(columns[2]) if len(columns) > 2 else -1)
    item_col = cols.get("col_item", COL["item"] - 1)
    recorded = (meta.get("checklist") or [None])[0] if meta is not None else None
    printed = header.get("doc_id")
    if meta is not None and require_table and printed and recorded and printed != recorded:
        # A sheet of another checklist pasted into the workbook: the hidden sheet is not
        # its own, so it is read by the id and version printed on it.
        checklist_id, version, print_ = printed, header.get("version"), None
    elif meta is not None:
        checklist_id = recorded or printed
        version = (meta.get("version") or [None])[0]
        print_ = (meta.get("fingerprint") or [None])[0]
    else:
        checklist_id, version, print_ = header.get("doc_id"), header.get("version"), None
        if not checklist_id:
            raise SheetError("sheet-not-checklist", sheet=sheet)
    filled = FilledSheet(sheet, checklist_id, version, print_, meta is not None)
    filled.header = {k: header.get(k) for k in HEADER_FIELDS}
    if filled.header.get("date"):
        filled.header["date"] = iso_date(filled.header["date"])
    filled.doc_id = header.get("doc_id")
    filled.moved = [(label, f"{sheet}!{column_letter(c + 1)}{r + 1}",
                     f"{sheet}!{column_letter(k)}{r + 1}") for label, r, c, k in moved]  # fmt: skip
    found = cells(filled.sheet, column_letter(result_col), len(grid))
    _rows(filled, grid, header_row, (id_col, result_col, remarks_col, item_col), found)
    return filled


_LETTERS = re.compile(r"[A-Z]{1,3}\Z")


def _meta_columns(meta: dict[str, list[str]] | None) -> list[str]:
    """The id/result/remarks columns ``meta`` records, when all are column letters a form
    can have; else none (the defaults are used). Cells are untrusted: "1" is not a column."""
    columns = (meta or {}).get("columns") or []
    if all(
        isinstance(c, str) and _LETTERS.match(c) and column_index(c) < MAX_COLUMNS
        for c in columns[:3]
    ):
        return columns[:3]
    return []


def _rows(
    filled: FilledSheet, grid: list[list[Any]], header_row: int, cols: tuple, where: list[str]
) -> None:
    """Each item's row by its id (``where``: the result cell of each row), and the rows an
    inspector added to the table."""
    id_col, result_col, remarks_col, item_col = cols
    rows = filled.rows
    end = _summary_row(grid, id_col, header_row)
    for r in range(header_row + 1, len(grid)):
        row = grid[r]
        width = len(row)
        try:
            value = row[id_col]
        except IndexError:  # a short row of a .csv file
            continue
        item_id = value.strip() if value.__class__ is str else _cell_text(value)
        if not item_id:
            if (
                r < end
                and item_col < width
                and result_col < width
                and row[result_col] not in (None, "")
            ):
                _added(filled, row, r, None, cols)
            continue
        cell = where[r]
        if item_id in rows:
            filled.duplicates.append((item_id, cell, rows[item_id].cell))
            continue
        rows[item_id] = Row(
            row[result_col] if result_col < width else None,
            row[remarks_col] if 0 <= remarks_col < width else None,
            cell,
            row[item_col] if item_col < width else None,
        )


def _summary_row(grid: list[list[Any]], id_col: int, header_row: int) -> int:
    """The row of the summary block under the table (len(grid) when there is none)."""
    labels = _summary_labels()
    for r in range(len(grid) - 1, header_row, -1):
        row = grid[r]
        value = row[id_col] if id_col < len(row) else None
        if value.__class__ is str and value and normalize(value) in labels:
            return r
    return len(grid)


_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?)?\Z"
)


def iso_date(text: str) -> str:
    """A date typed as text (``2026/5/1``, ``2026.05.01``, ``2026年5月1日``) or with a time
    (``2026-05-01 08:30:00``) as the ISO date, as a date cell reads; other text as it is."""
    match = _DATE.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return text
    try:
        return date(*map(int, match.groups())).isoformat()
    except ValueError:  # 2026/13/40
        return text


def _finding(row: list[Any], cols: tuple) -> str | None:
    """The text of an added row: its item cell, else any other text typed in the row (the
    standard column), else its remark."""
    _, _, remarks_col, item_col = cols
    text = _cell_text(row[item_col])
    if text:
        return text
    for c, value in enumerate(row):
        if c not in cols and value.__class__ is str and value.strip():
            return value.strip()
    return _cell_text(row[remarks_col]) if 0 <= remarks_col < len(row) else None


def _added(filled: FilledSheet, row: list[Any], r: int, item_id: str | None, cols: tuple) -> None:
    _, result_col, remarks_col, item_col = cols
    text = _finding(row, cols)
    answer = _cell_text(row[result_col])
    if not text or not answer:
        return
    remarks = _cell_text(row[remarks_col]) if 0 <= remarks_col < len(row) else None
    if remarks == text:  # the finding was written in the remarks column: said once
        remarks = None
    cell = f"{filled.sheet}!{column_letter(item_col)}{r + 1}"
    filled.added.append(Added(cell, item_id, text, answer, remarks))


_SUMMARY: set[str] | None = None


def _summary_labels() -> set[str]:
    global _SUMMARY
    if _SUMMARY is None:
        _SUMMARY = {normalize(catalogue(lang).LABELS["sheet.summary"]) for lang in LANGS}
    return _SUMMARY


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
        data = path.read_bytes()
        # An encrypted .xlsx is an OLE container holding the encrypted package.
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise SheetError("file-encrypted")
        if "WordDocument".encode("utf-16-le") in data:  # a .doc renamed .xls
            raise SheetError("file-word", ext=suffix)
        return
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                word = "word/document.xml" in archive.namelist()
        except (OSError, zipfile.BadZipFile):
            word = False
        if word:  # a .docx renamed .xlsx
            raise SheetError("file-word", ext=suffix)
    if suffix in (".xlsx", ".xlsm", ".xlsb", ".ods") and not head.startswith(b"PK"):
        raise SheetError("file-corrupt", error="not a zip archive")


def _csv_grid(path: Path) -> list[list[Any]]:
    try:  # UTF-8, UTF-16 with its BOM (Excel's "Unicode text"), else GB18030
        text = decode_text(path.read_bytes())
    except UnicodeDecodeError:  # a Windows code page (Excel's plain "CSV" outside China)
        raise SheetError("file-csv-encoding") from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(r) for r in csv.reader(io.StringIO(text), dialect)]


def read_filled(path: str | Path) -> FilledSheet:
    """The form of a filled checklist (the first inspection of :func:`read_workbook`)."""
    return read_workbook(path)[0]


def read_workbook(path: str | Path, cells: Addresses = addresses) -> list[FilledSheet]:
    """Every inspection in a filled checklist (.xlsx, .xlsm, .xls, .xlsb, .ods or .csv).

    The form's own sheet comes first (``primary``); then each other sheet that carries the
    form's table (a second visit pasted in as ``检查表 (2)``). Raises :class:`SheetError` for
    a file that is not a readable checklist.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    errors = {}
    try:  # a FIFO, /dev/zero, a zip bomb, a cell at XFD1048576: refused before reading
        regular_file(path, MAX_WORKBOOK_BYTES)
        if suffix in (".xlsx", ".xlsm", ".ods"):
            errors = check_workbook_zip(path)
    except Refused as exc:
        raise SheetError(exc.code, **exc.args_) from None
    if suffix not in READABLE:
        _sniff(path)  # a Word document renamed .xlsx says so
        raise SheetError("file-format", ext=suffix or path.name)
    if suffix == ".csv":
        _sniff(path)
        return [parse_grid(_csv_grid(path), path.stem, None, cells=cells)]
    from python_calamine import CalamineWorkbook, PasswordError

    try:
        if display_name(path) == str(path):
            wb = CalamineWorkbook.from_path(str(path))
        else:  # a name that is not UTF-8 cannot be passed to the reader: the file can
            with path.open("rb") as handle:
                wb = CalamineWorkbook.from_filelike(io.BytesIO(handle.read()))
    except PasswordError:
        raise SheetError("file-encrypted") from None
    except Exception as exc:  # calamine raises several types for damaged files
        _sniff(path)  # empty, encrypted, not a zip: a reason the user understands
        raise SheetError("file-corrupt", error=_short(exc)) from None
    try:
        sheets = _sheets(wb, path, cells, errors)
    except SheetError:
        raise
    except Exception as exc:
        raise SheetError("file-corrupt", error=_short(exc)) from None
    finally:
        wb.close()
    if suffix in (".xlsx", ".xlsm", ".ods", ".xls", ".xlsb"):
        lookup = PercentCells(path)  # one per file: its styles are read once
        for filled in sheets:
            filled.percent = functools.partial(lookup, filled.sheet)
    return sheets


def _sheets(wb, path: Path, cells: Addresses, errors: ErrorCells) -> list[FilledSheet]:
    names = wb.sheet_names
    meta = None
    form = None
    if META_SHEET in names:
        meta = read_meta(wb.get_sheet_by_name(META_SHEET).to_python(skip_empty_area=False))
        recorded = meta.get("sheet") or [None]
        if recorded[0] in names:
            form = recorded[0]
    candidates = [n for n in names if n not in (META_SHEET, LISTS_SHEET)]
    if form:  # the form first, then the sheets after it
        candidates.remove(form)
        candidates.insert(0, form)
    first_error: SheetError | None = None
    found: list[FilledSheet] = []
    for name in candidates:
        grid = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for (r, c), error in errors.get(name, {}).items():  # read as blank, but not blank
            if r < len(grid) and c < len(grid[r]):
                grid[r][c] = error
        try:
            # Only the recorded form may have lost its labels (read by the recorded columns).
            filled = parse_grid(grid, name, meta, require_table=name != form, cells=cells)
        except SheetError as exc:
            first_error = first_error or exc
            continue
        filled.primary = not found
        found.append(filled)
    if not found:
        raise first_error or SheetError("sheet-not-checklist", sheet=path.name)
    return found


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
