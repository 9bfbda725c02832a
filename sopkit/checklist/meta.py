"""The very-hidden ``_sopkit`` sheet (FORMAT.md §6) and the form fingerprint it records.

The *form fingerprint* hashes what decides how a sheet is scored (items and scoring); it is
not the document fingerprint of :mod:`sopkit.documents.fingerprint`, which hashes what an
approval vouches for.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from sopkit.checklist.answers import shown
from sopkit.checklist.layout import HEADER_FIELDS, letter
from sopkit.documents.models.checklist import Checklist

META_SHEET = "_sopkit"
LISTS_SHEET = "_lists"
META_FORMAT = "1"


def form_fingerprint(checklist: Checklist) -> str:
    """A short hash of everything that decides how a sheet is scored (items and scoring)."""
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


def meta_rows(
    checklist: Checklist,
    fingerprint: str,
    lang: str,
    sheet: str,
    cells: dict[str, str],
    item_rows: list[tuple[str, int]],
    last_row: int,
) -> list[list[Any]]:
    """The key/value lines of the ``_sopkit`` sheet of a form."""
    rows: list[list[Any]] = [
        ["sopkit", META_FORMAT],
        ["checklist", checklist.id],
        ["version", checklist.version],
        ["fingerprint", fingerprint],
        ["lang", lang],
        ["sheet", sheet],
        ["columns", letter("id"), letter("result"), letter("remarks")],
        ["header", *(cells[k] for k in HEADER_FIELDS)],
        ["items", len(item_rows), last_row],
    ]
    # Each item's id and row, "A1=9 A2=10 …", a few hundred per cell: a sheet of a dozen
    # rows is read in a fraction of the time a row per item would take.
    pairs = [f"{item_id}={item_row}" for item_id, item_row in item_rows]
    rows.append(["rows", *(" ".join(pairs[i : i + 400]) for i in range(0, len(pairs), 400))])
    return rows


def write_meta(wb, rows: list[list[Any]], set_text: Callable[[Any, Any], None]) -> None:
    """Add the very-hidden, protected ``_sopkit`` sheet holding ``rows`` to ``wb``."""
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            set_text(ws.cell(row=r, column=c), value)
    ws.protection.sheet = True


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
