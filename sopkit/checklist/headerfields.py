"""A header field's value (站点, 检查日期 …) on a filled form, found from its label.

The form prints each value in the cell right of its label. An inspector who inserts a column
in the header (or inserts cells there, shifting them right) moves a value away from its
label: the cell right of the label is then empty and the value sits further right, before
the next label. It is read from there, and the reader says from where
(``sheet-header-moved``): never a field left blank, nor another field's label read, silently.
"""

from __future__ import annotations

import functools
from typing import Any

from sopkit.checklist.answers import normalize
from sopkit.locale import LANGS, catalogue

_KEYS = ("doc_id", "version", "effective", "frequency", "site", "date", "inspector",
         "inspected", "reviewer")  # fmt: skip


@functools.cache
def header_labels() -> frozenset[str]:
    """Every label the form's header prints, in any language (normalized)."""
    return frozenset(
        normalize(catalogue(lang).LABELS[f"sheet.{key}"]) for lang in LANGS for key in _KEYS
    )


def _is_label(value: Any) -> bool:
    return value.__class__ is str and normalize(value) in header_labels()


def field_cell(row: list[Any], c: int) -> tuple[int | None, bool]:
    """The column of the value labelled at column ``c`` (None: blank) and whether it moved.

    The cell right of the label; when that is empty, the first filled cell after it that is
    not the next label. A label right of a label is the next field's, not a value.
    """
    for k in range(c + 1, len(row)):
        value = row[k]
        if value is None or value == "":
            continue
        return (None, False) if _is_label(value) else (k, k > c + 1)
    return None, False
