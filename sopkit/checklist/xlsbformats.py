"""Percent cells of an Excel binary workbook (``.xlsb``: BIFF12 records in a zip).

python-calamine reads the values of an ``.xlsb`` but not their number formats, so ``97%``
typed into a cell would read 0.97. This reads just enough to tell: the number formats
(BrtFmt) and cell styles (BrtXF between BrtBeginCellXFs and BrtEndCellXFs) of
``xl/styles.bin``, the sheet's part from ``xl/workbook.bin`` (BrtBundleSh) and its
relationships, and for the wanted cells the style of each number (BrtCellRk, BrtCellReal,
BrtFmlaNum after their BrtRowHdr). Anything unexpected raises ``ValueError`` (the caller
reads it as "not known").
"""

from __future__ import annotations

import posixpath
import struct
from collections.abc import Callable, Iterator
from xml.etree import ElementTree

_ROW, _RK, _REAL, _FMLA_NUM = 0, 2, 5, 9
_FMT, _XF, _BEGIN_XFS, _END_XFS, _SHEET = 44, 47, 617, 618, 156
_PERCENT_IDS = {9, 10}  # the built-in formats 0% and 0.00%
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def records(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(record type, data offset, data length) of each BIFF12 record of ``data``."""
    at, end = 0, len(data)
    while at < end:
        kind = data[at]
        at += 1
        if kind & 0x80:  # a two-byte type: 7 bits each
            kind = (kind & 0x7F) | ((data[at] & 0x7F) << 7)
            at += 1
        size = shift = 0
        for _ in range(4):  # the size: up to four bytes of 7 bits
            byte = data[at]
            at += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if at + size > end:
            raise ValueError("a record runs past the end of its part")
        yield kind, at, size
        at += size


def _wide(data: bytes, at: int) -> tuple[str, int]:
    """An XLWideString at ``at``: the text and the offset after it."""
    (count,) = struct.unpack_from("<I", data, at)
    if count == 0xFFFFFFFF:  # a null XLNullableWideString
        return "", at + 4
    text = data[at + 4 : at + 4 + 2 * count].decode("utf-16-le", "replace")
    return text, at + 4 + 2 * count


def percent_styles(styles: bytes, is_percent: Callable[[str], bool]) -> set[int]:
    """The indexes of the cell styles that show a number as a percentage."""
    formats: dict[int, str] = {}
    xfs: list[int] = []
    inside = False
    for kind, at, _ in records(styles):
        if kind == _FMT:
            formats[struct.unpack_from("<H", styles, at)[0]] = _wide(styles, at + 2)[0]
        elif kind in (_BEGIN_XFS, _END_XFS):
            inside = kind == _BEGIN_XFS
        elif kind == _XF and inside:
            xfs.append(struct.unpack_from("<H", styles, at + 2)[0])
    return {i for i, f in enumerate(xfs) if f in _PERCENT_IDS or is_percent(formats.get(f, ""))}


def sheet_part(book: bytes, rels: bytes, sheet: str) -> str:
    """The part that holds ``sheet``, from ``xl/workbook.bin`` and its relationships."""
    rid = None
    for kind, at, _ in records(book):
        if kind == _SHEET:
            rel, after = _wide(book, at + 8)
            if _wide(book, after)[0] == sheet:
                rid = rel
                break
    found = ElementTree.fromstring(rels).iter(f"{_PKG_REL}Relationship")
    target = next((r.get("Target", "") for r in found if r.get("Id") == rid), None)
    if rid is None or not target:
        raise ValueError(f"no part for sheet {sheet}")
    target = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
    return posixpath.normpath(target)


def percent_numbers(data: bytes, cells: dict[tuple[int, int], str], styles: set[int]) -> set[str]:
    """Which of ``cells`` ((row, column), 0-based -> ``"E9"``) hold a number in ``styles``."""
    found = set()
    row = -1
    for kind, at, _ in records(data):
        if kind == _ROW:
            row = struct.unpack_from("<I", data, at)[0]
        elif kind in (_RK, _REAL, _FMLA_NUM):
            col, style = struct.unpack_from("<II", data, at)
            ref = cells.get((row, col))
            if ref is not None and style & 0xFFFFFF in styles:
                found.add(ref)
    return found
