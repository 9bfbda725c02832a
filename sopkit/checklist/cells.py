"""Cells of the workbooks sopkit writes: text that never runs as a formula, dropdown lists,
fast styled cells, atomic saves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sopkit.atomic import write_with
from sopkit.checklist.meta import LISTS_SHEET

INLINE_LIST_LIMIT = 255  # Excel's limit for a list written inside the validation rule


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
    from openpyxl.utils import get_column_letter

    ws = wb[name] if name in wb.sheetnames else wb.create_sheet(name)
    ws.sheet_state = "hidden"
    col = ws.max_column + 1 if ws.max_row > 1 or ws["A1"].value is not None else 1
    column = get_column_letter(col)
    for row, value in enumerate(values, start=1):
        set_text(ws.cell(row=row, column=col), value)
    return f"'{name}'!${column}$1:${column}${len(values)}"


def fast_cells(ws):
    """``(style_of, place)``: styled cells made without openpyxl's per-attribute work.

    The one use of openpyxl's private attributes in sopkit, pinned to the openpyxl versions
    of pyproject.toml by ``tests/checklist/test_cells.py``: ``Cell._style`` (the style
    array a cell keeps; a new cell copies the one it is given) and ``Worksheet._cells`` (the
    (row, column) -> cell map). The public API hashes every style object for every cell,
    which makes a thousand-item form several times slower to build.

    ``style_of(**attributes)`` makes a style array once (attributes as on a cell:
    ``font``, ``fill``, ``alignment``, ``border``, ``number_format``, ``protection``);
    ``place(row, col, style)`` puts a new cell with that style into the sheet.
    """
    from openpyxl.cell.cell import Cell

    cell_map = ws._cells
    scratch = Cell(ws)  # styles are made on a cell outside the sheet, then shared

    def style_of(**attributes):
        scratch._style = None
        for name, value in attributes.items():
            setattr(scratch, name, value)
        return scratch._style

    def place(row: int, col: int, style=None):
        cell = cell_map[row, col] = Cell(ws, row, col, None, style)
        return cell

    return style_of, place


def save_atomic(wb, path: str | Path) -> Path:
    """Save ``wb`` to ``path`` atomically, with the permissions of any file sopkit writes."""

    return write_with(path, wb.save)
