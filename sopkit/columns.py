"""Spreadsheet column letters: ``0 → A``, ``26 → AA`` and back (0-based indexes).

One owner for the forms (``checklist``), the Word importer's cell names and the bounds
check of untrusted workbooks (``safeio``).
"""

from __future__ import annotations


def column_letter(index: int) -> str:
    """0-based column index → letters."""
    if index < 0:  # the loop below would never end
        raise ValueError(f"column index {index}")
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """Letters → 0-based column index."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1
