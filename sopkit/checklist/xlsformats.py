"""Percent cells of a legacy ``.xls`` workbook (BIFF8 in an OLE compound file).

python-calamine reads the values of an ``.xls`` but not their number formats, so ``97%``
typed into a cell would read 0.97. This reads just enough of the file to tell: the number
formats (FORMAT records), the cell styles (XF records) and, for the wanted cells of one
sheet, the style of each number (NUMBER, RK, MULRK records). Anything unexpected gives
"not known" (an empty set), never an exception.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE
_MAX_BYTES = 256 * 1024 * 1024
_BOF, _EOF, _FILEPASS, _FORMAT, _XF, _SHEET = 0x0809, 0x000A, 0x002F, 0x041E, 0x00E0, 0x0085
_NUMBER, _RK, _MULRK = 0x0203, 0x027E, 0x00BD
_PERCENT_IDS = {9, 10}  # the built-in formats 0% and 0.00%


def xls_percent_cells(
    path: str | Path, sheet: str, cells: Collection[str], is_percent: Callable[[str], bool]
) -> set[str]:
    """Which of ``cells`` (``"E9"``) of ``sheet`` hold a number shown as a percentage."""
    try:
        data = Path(path).read_bytes()
        if len(data) > _MAX_BYTES or not data.startswith(_MAGIC):
            return set()
        stream = _workbook_stream(data)
        return _percent(stream, sheet, set(cells), is_percent) if stream else set()
    except (OSError, struct.error, IndexError, ValueError, KeyError):
        return set()


def _workbook_stream(data: bytes) -> bytes | None:
    """The ``Workbook`` stream of an OLE compound file (None when it is not there)."""
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    size = 1 << shift
    if size not in (512, 4096):
        return None
    first_dir, cutoff = (
        struct.unpack_from("<I", data, 0x30)[0],
        struct.unpack_from("<I", data, 0x38)[0],
    )
    difat = list(struct.unpack_from("<109I", data, 0x4C))
    next_difat, count = struct.unpack_from("<II", data, 0x44)
    per = size // 4
    for _ in range(count):  # the DIFAT sectors beyond the header's 109 entries
        if next_difat >= _END:
            break
        entries = struct.unpack_from(f"<{per}I", data, (next_difat + 1) * size)
        difat.extend(entries[:-1])
        next_difat = entries[-1]
    fat: list[int] = []
    for sector in difat:
        if sector < _END - 1:
            fat.extend(struct.unpack_from(f"<{per}I", data, (sector + 1) * size))

    def chain(start: int) -> bytes:
        parts, sector, seen = [], start, set()
        while sector < len(fat) and sector not in seen:
            seen.add(sector)
            parts.append(data[(sector + 1) * size : (sector + 2) * size])
            sector = fat[sector]
        return b"".join(parts)

    directory = chain(first_dir)
    for offset in range(0, len(directory) - 127, 128):
        length = struct.unpack_from("<H", directory, offset + 0x40)[0]
        name = directory[offset : offset + max(0, length - 2)].decode("utf-16-le", "replace")
        if name in ("Workbook", "Book"):
            start, stream_size = struct.unpack_from("<II", directory, offset + 0x74)
            if stream_size < cutoff:  # kept in the mini stream: not a real workbook
                return None
            return chain(start)[:stream_size]
    return None


def _records(stream: bytes, offset: int = 0) -> Iterator[tuple[int, int, int]]:
    """(record type, data offset, data length) from ``offset`` to the end of its substream."""
    while offset + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, offset)
        yield kind, offset + 4, length
        if kind == _EOF:
            return
        offset += 4 + length


def _text(stream: bytes, at: int, count: int) -> str:
    """A BIFF8 string of ``count`` characters whose flags byte is at ``at``."""
    wide = stream[at] & 1
    raw = stream[at + 1 : at + 1 + count * (2 if wide else 1)]
    return raw.decode("utf-16-le" if wide else "latin-1", "replace")


def _percent(stream: bytes, sheet: str, cells: set[str], is_percent) -> set[str]:
    formats: dict[int, str] = {}
    styles: list[int] = []  # the number format of each XF, in order
    where = None
    for kind, at, _ in _records(stream):
        if kind == _FILEPASS:  # encrypted
            return set()
        if kind == _FORMAT:
            ifmt, count = struct.unpack_from("<HH", stream, at)
            formats[ifmt] = _text(stream, at + 4, count)
        elif kind == _XF:
            styles.append(struct.unpack_from("<H", stream, at + 2)[0])
        elif kind == _SHEET:
            position = struct.unpack_from("<I", stream, at)[0]
            if _text(stream, at + 7, stream[at + 6]) == sheet:
                where = position
    if where is None:
        return set()
    percent = {
        index
        for index, ifmt in enumerate(styles)
        if ifmt in _PERCENT_IDS or is_percent(formats.get(ifmt, ""))
    }
    wanted = {_ref(ref): ref for ref in cells if _ref(ref) is not None}
    found = set()
    for kind, at, length in _records(stream, where):
        if kind in (_NUMBER, _RK):
            row, col, xf = struct.unpack_from("<HHH", stream, at)
            if xf in percent and (row, col) in wanted:
                found.add(wanted[row, col])
        elif kind == _MULRK:
            row, first = struct.unpack_from("<HH", stream, at)
            for k in range((length - 6) // 6):
                xf = struct.unpack_from("<H", stream, at + 4 + 6 * k)[0]
                if xf in percent and (row, first + k) in wanted:
                    found.add(wanted[row, first + k])
    return found


def _ref(ref: str) -> tuple[int, int] | None:
    """``"E9"`` -> (8, 4): 0-based row and column."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    if not letters or not digits or not letters.isalpha():
        return None
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(digits) - 1, col - 1
