"""Number formats of cells, which python-calamine does not expose: is a cell a percentage?

An inspector who types ``97%`` gets 0.97 stored with a percent format (Excel, WPS and
LibreOffice alike); read without its format the answer would be 0.97. Looked up only for
the few cells that need it, from the workbook's XML: ``.xlsx`` / ``.xlsm`` (the cell's
style → its number format) and ``.ods`` (the cell's value type); ``.xls`` and ``.xlsb``
from their records (:mod:`sopkit.checklist.xlsformats`, :mod:`sopkit.checklist.xlsbformats`).
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections.abc import Collection
from pathlib import Path
from xml.etree import ElementTree

from sopkit.checklist import xlsbformats as xlsb
from sopkit.checklist.xlsformats import xls_percent_cells
from sopkit.columns import column_index, column_letter

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PERCENT_IDS = {9, 10}  # the built-in formats 0% and 0.00%
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_MAX_PART = 64 * 1024 * 1024  # bytes of XML read from one part of the archive
_CELL = re.compile(r"([A-Z]+)([0-9]+)\Z")


class PercentCells:
    """Which cells of one workbook's sheets show a percentage; its styles are read once.

    Every number answer is looked up (``100%`` typed into a count item is 1 shown as a
    percentage), so the common case must be cheap: a workbook whose styles hold no percent
    format (an ``.xlsx``) or no percentage value (an ``.ods``) is never read further.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.suffix = Path(path).suffix.lower()
        self._styles: set[int] | None = None  # .xlsx, .xlsb: the percent styles, once known

    def __call__(self, sheet: str, cells: Collection[str]) -> set[str]:
        """Which of ``cells`` (``"E9"``) of ``sheet`` show a percentage; empty when unknown."""
        if not cells or self._styles == set():
            return set()
        if self.suffix == ".xls":
            return xls_percent_cells(self.path, sheet, cells, is_percent_format)
        try:
            with zipfile.ZipFile(self.path) as archive:
                if self.suffix in (".xlsx", ".xlsm"):
                    if self._styles is None:
                        self._styles = _percent_styles(archive)
                    return _xlsx(archive, sheet, set(cells), self._styles)
                if self.suffix == ".ods":
                    return _ods(archive, sheet, set(cells))
                if self.suffix == ".xlsb":
                    if self._styles is None:
                        styles = _read(archive, "xl/styles.bin")
                        self._styles = xlsb.percent_styles(styles, is_percent_format)
                    return _xlsb(archive, sheet, cells, self._styles)
        except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError,
                struct.error, IndexError):  # fmt: skip
            self._styles = set()  # a damaged part: the reader has already said what it could
        return set()


def percent_cells(path: str | Path, sheet: str, cells: Collection[str]) -> set[str]:
    """Which of ``cells`` (``"E9"``) of ``sheet`` show a percentage; empty when unknown."""
    return PercentCells(path)(sheet, cells)


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    if archive.getinfo(name).file_size > _MAX_PART:
        raise ValueError(name)
    return archive.read(name)


def is_percent_format(code: str) -> bool:
    """Whether a number format code shows its value as a percentage."""
    return "%" in _QUOTED.sub("", code)


def _percent_styles(archive: zipfile.ZipFile) -> set[int]:
    root = ElementTree.fromstring(_read(archive, "xl/styles.xml"))
    custom = {
        int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in root.iter(f"{_MAIN}numFmt")
    }
    xfs = root.find(f"{_MAIN}cellXfs")
    styles = set()
    for index, xf in enumerate(xfs if xfs is not None else ()):
        fmt = int(xf.get("numFmtId", "0"))
        if fmt in _PERCENT_IDS or is_percent_format(custom.get(fmt, "")):
            styles.add(index)
    return styles


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str:
    book = ElementTree.fromstring(_read(archive, "xl/workbook.xml"))
    rid = next(s.get(f"{_REL}id") for s in book.iter(f"{_MAIN}sheet") if s.get("name") == sheet)
    rels = ElementTree.fromstring(_read(archive, "xl/_rels/workbook.xml.rels"))
    target = next(
        r.get("Target") for r in rels.iter(f"{_PKG_REL}Relationship") if r.get("Id") == rid
    )
    target = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return posixpath.normpath(target)


def _xlsx(archive: zipfile.ZipFile, sheet: str, cells: set[str], styles: set[int]) -> set[str]:
    if not styles:
        return set()
    found = set()
    part = _sheet_part(archive, sheet)
    if archive.getinfo(part).file_size > _MAX_PART:
        return set()
    with archive.open(part) as fh:
        for _, element in ElementTree.iterparse(fh):
            if element.tag == f"{_MAIN}c":
                ref = element.get("r")
                if ref in cells and int(element.get("s", "0")) in styles:
                    found.add(ref)
                element.clear()
    return found


def _xlsb(
    archive: zipfile.ZipFile, sheet: str, cells: Collection[str], styles: set[int]
) -> set[str]:
    if not styles:
        return set()
    book, rels = _read(archive, "xl/workbook.bin"), _read(archive, "xl/_rels/workbook.bin.rels")
    wanted = {}
    for ref in cells:
        match = _CELL.match(ref)
        if match:
            wanted[int(match.group(2)) - 1, column_index(match.group(1))] = ref
    return xlsb.percent_numbers(_read(archive, xlsb.sheet_part(book, rels, sheet)), wanted, styles)


def _ods(archive: zipfile.ZipFile, sheet: str, cells: set[str]) -> set[str]:
    """Cells whose value type is ``percentage`` in an OpenDocument spreadsheet."""
    wanted = {}
    for ref in cells:
        match = _CELL.match(ref)
        if match:
            wanted[ref] = (int(match.group(2)) - 1, match.group(1))
    rows = {r for r, _ in wanted.values()}
    found: set[str] = set()
    content = _read(archive, "content.xml")
    if b"percentage" not in content:  # no cell of any sheet holds one (either quote)
        return found
    root = ElementTree.fromstring(content)
    for table in root.iter(f"{_TABLE}table"):
        if table.get(f"{_TABLE}name") != sheet:
            continue
        r = 0
        for row in table.iter(f"{_TABLE}table-row"):
            repeat = int(row.get(f"{_TABLE}number-rows-repeated", "1"))
            if r in rows:
                c = 0
                for cell in row:
                    span = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
                    if cell.get(f"{_OFFICE}value-type") == "percentage":
                        for k in range(min(span, 64)):
                            ref = f"{column_letter(c + k)}{r + 1}"
                            if ref in wanted:
                                found.add(ref)
                    c += span
            r += repeat
            if r > max(rows):
                break
    return found
