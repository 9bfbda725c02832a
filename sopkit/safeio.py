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

import os
import re
import stat
import zipfile
from pathlib import Path
from typing import Any

MAX_WORKBOOK_BYTES = 50 * 10**6  # a filled form is ~20 KB; a photo pasted in, a few MB
MAX_TEXT_BYTES = 10**6  # a list of sites, a .csv form
MAX_MEMBER_BYTES = 100 * 10**6  # decompressed, one member of a workbook
MAX_TOTAL_BYTES = 200 * 10**6  # decompressed, all members together
MAX_ROWS = 100_000  # a form has a row per item: thousands at most
MAX_COLUMNS = 1_024  # a form has a dozen columns ("AMJ")
_CHUNK = 1 << 16
_CELL_REF = re.compile(rb'<(?:\w+:)?(?:c|row)\b[^>]*?\br="([A-Za-z]*)([0-9]+)"')


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


def check_workbook_zip(path: str | Path) -> None:
    """Refuse a zip-based workbook (.xlsx, .xlsm, .ods) that decompresses past the caps, or
    whose sheets hold a cell beyond :data:`MAX_ROWS` × :data:`MAX_COLUMNS`.

    Every member is decompressed (counting, not keeping, the bytes): the sizes a zip
    header claims can lie. A file that is not a zip at all is left to the reader.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    total = 0
    with archive:
        for info in archive.infolist():
            if info.file_size > MAX_MEMBER_BYTES:
                raise _too_large(info.filename, info.file_size)
            cells = info.filename.startswith("xl/worksheets/")  # .ods cells carry no address
            try:
                total += _member(archive, info, total, cells)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError):
                return  # damaged or encrypted: the reader says so in its own words


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, total: int, cells: bool) -> int:
    size, rows, cols, tail = 0, 0, 0, b""
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            size += len(chunk)
            if size > MAX_MEMBER_BYTES or total + size > MAX_TOTAL_BYTES:
                raise _too_large(info.filename, size)
            if cells:
                data = tail + chunk
                for letters, number in _CELL_REF.findall(data):
                    rows = max(rows, int(number) if len(number) < 10 else 10**10)
                    cols = max(cols, _column(letters) if len(letters) < 5 else 10**10)
                tail = data[-200:]
    if rows > MAX_ROWS or cols > MAX_COLUMNS:
        raise Refused("sheet-too-large", member=info.filename, rows=rows, columns=cols,
                      max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)  # fmt: skip
    return size


def _column(letters: bytes) -> int:
    n = 0
    for byte in letters.upper():
        n = n * 26 + byte - 64
    return n


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
