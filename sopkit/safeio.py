"""Opening files nobody vouches for: regular files only, size-checked, zip archives bounded.

A filled checklist comes from anyone (a mail attachment, a shared folder), so before a
reader touches it: it must be a regular file (a FIFO would block forever, ``/dev/zero``
would read until memory runs out), of a plausible size, and — for the zip-based workbook
formats — every member must decompress within a cap and every sheet's cells must lie
within the range a form can have (a single cell at ``XFD1048576`` would make the reader
allocate hundreds of gigabytes). Everything here raises :class:`Refused`, which carries a
diagnostic code, before a byte is parsed.
"""

from __future__ import annotations

import html
import os
import re
import stat
import zipfile
from pathlib import Path
from typing import Any

from sopkit.columns import column_index

MAX_WORKBOOK_BYTES = 50 * 10**6  # a filled form is ~20 KB; a photo pasted in, a few MB
MAX_TEXT_BYTES = 10**6  # a list of sites, a .csv form
MAX_MEMBER_BYTES = 100 * 10**6  # decompressed, one member of a workbook
MAX_TOTAL_BYTES = 200 * 10**6  # decompressed, all members together
MAX_ROWS = 100_000  # a form has a row per item: thousands at most
MAX_COLUMNS = 1_024  # a form has a dozen columns ("AMJ")
_CHUNK = 1 << 16
# Cells only: LibreOffice writes an empty <row r="1048576"> (and a dimension to match) after a
# row is deleted, which costs the reader nothing; a cell out there would.
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Za-z]*)([0-9]+)"')


class Refused(Exception):
    """A file sopkit will not read; ``code`` and ``args`` make its diagnostic."""

    def __init__(self, code: str, **args: Any) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = args


def megabytes(size: int) -> str:
    """``5.1 MB``, never a rounded figure that equals the limit it exceeds."""
    return f"{size / 1e6:.1f} MB"


def regular_file(path: str | Path, limit: int) -> int:
    """The size of ``path`` when it is a regular file (after links) of at most ``limit``
    bytes; else :class:`Refused` (``unreadable`` or ``file-too-large``)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise Refused("unreadable", error=exc.strerror or str(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a device, pipe or socket"
        raise Refused("unreadable", error=f"not a regular file ({kind})")
    if info.st_size > limit:
        raise Refused("file-too-large", size=megabytes(info.st_size), limit=megabytes(limit))
    return info.st_size


def read_bytes(path: str | Path, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (read no further, in case it
    grows while being read)."""
    regular_file(path, limit)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise Refused("unreadable", error=exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise Refused("file-too-large", size=f"> {megabytes(limit)}", limit=megabytes(limit))
    return data


ErrorCells = dict[str, dict[tuple[int, int], str]]
"""Sheet name -> {(0-based row, 0-based column): the error a cell shows ("#N/A")}."""


def check_workbook_zip(path: str | Path) -> ErrorCells:
    """Refuse a zip-based workbook (.xlsx, .xlsm, .ods) that decompresses past the caps, or
    whose sheets hold a cell beyond :data:`MAX_ROWS` × :data:`MAX_COLUMNS`; return the
    cells of an .xlsx that hold an error value (``#N/A``, ``#DIV/0!``), which readers
    otherwise show as blank.

    Every member is decompressed (counting, not keeping, the bytes): the sizes a zip
    header claims can lie. A file that is not a zip at all is left to the reader.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return {}
    total, errors = 0, {}
    with archive:
        for info in archive.infolist():
            if info.file_size > MAX_MEMBER_BYTES:
                raise _too_large(info.filename, info.file_size)
            cells = info.filename.startswith("xl/worksheets/")  # .ods cells carry no address
            try:
                size, found = _member(archive, info, total, cells)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                return {}  # damaged or encrypted: the reader says so in its own words
            total += size
            if found:
                errors[info.filename] = found
        return _by_sheet_name(archive, errors) if errors else {}


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, total: int, cells: bool):
    size, rows, cols, tail = 0, 0, 0, b""
    errors: dict[tuple[int, int], str] = {}
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > MAX_MEMBER_BYTES or total + size > MAX_TOTAL_BYTES:
                raise _too_large(info.filename, size)
            if cells:
                data = tail + chunk
                for letters, number in _CELL_REF.findall(data):
                    rows = max(rows, int(number) if len(number) < 10 else 10**10)
                    wide = len(letters) >= 5
                    cols = max(cols, 10**10 if wide else column_index(letters.decode()) + 1)
                if b't="e"' in data:
                    _error_cells(data, errors)
                tail = data[-4096:]
    if rows > MAX_ROWS or cols > MAX_COLUMNS:
        raise Refused("sheet-too-large", member=info.filename, rows=rows, columns=cols,
                      max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)  # fmt: skip
    return size, errors


_ERROR_CELL = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(.*?)</c>', re.S)
_ADDRESS = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_VALUE = re.compile(rb"<v>([^<]{1,40})</v>")


def _error_cells(data: bytes, errors: dict[tuple[int, int], str]) -> None:
    for attributes, body in _ERROR_CELL.findall(data):
        address, value = _ADDRESS.search(attributes), _VALUE.search(body)
        if address:
            cell = (int(address.group(2)) - 1, column_index(address.group(1).decode()))
            errors[cell] = value.group(1).decode("utf-8", "replace") if value else "#ERROR"


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")


def _attribute(tag: bytes, name: bytes) -> bytes:
    match = re.search(rb"(?:^|\s)" + name + rb'="([^"]*)"', tag)
    return match.group(1) if match else b""


def _by_sheet_name(archive: zipfile.ZipFile, errors: dict) -> ErrorCells:
    """Member names (``xl/worksheets/sheet1.xml``) → sheet names, through workbook.xml."""
    try:
        book = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except (KeyError, OSError, zipfile.BadZipFile):
        return {}
    target = {}
    for tag in _REL.findall(rels):
        where = _attribute(tag, b"Target").decode("utf-8", "replace").lstrip("/")
        target[_attribute(tag, b"Id")] = where if where.startswith("xl/") else "xl/" + where
    out = {}
    for tag in _SHEET.findall(book):
        name, member = _attribute(tag, b"name"), target.get(_attribute(tag, b"r:id"))
        if member in errors:
            out[html.unescape(name.decode("utf-8", "replace"))] = errors[member]
    return out


def _too_large(member: str, size: int) -> Refused:
    limit = min(MAX_MEMBER_BYTES, MAX_TOTAL_BYTES)
    return Refused("file-unpacks-too-large", member=member, size=megabytes(size),
                   limit=megabytes(limit))  # fmt: skip


def display_name(path: str | Path) -> str:
    """``path`` as text that can be printed and saved: a name that is not UTF-8 (GBK bytes
    from a Windows zip) shows its odd bytes as ``\\xb2`` instead of breaking the output."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def decode_text(data: bytes) -> str:
    """Text as Windows editors save it: UTF-8 (with or without BOM), UTF-16 with its BOM,
    else GB18030 (Notepad's "ANSI" on Chinese Windows)."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")
