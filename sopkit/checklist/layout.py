"""The layout of the form (FORMAT.md §6): one column table, and the texts printed on it.

Every column the writer, the formulas and the reader use is declared once in
:data:`COLUMNS`; a formula names a column by its key (``ref("result", 9)`` -> ``E9``), never
by a literal letter, so adding or moving a column is one edit here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sopkit.columns import column_letter
from sopkit.documents.itemtypes import fmt
from sopkit.documents.models.checklist import Checklist
from sopkit.reporters import width


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the item table: ``widths`` by language, or None for a hidden helper."""

    key: str
    widths: tuple[int, int] | None = None  # (zh-CN, en) character widths

    @property
    def hidden(self) -> bool:
        return self.widths is None


# Character widths of the seven printed columns by language (English labels are longer,
# Chinese text wraps in fewer): either way about 104, so that "fit to one page wide" prints
# A4 portrait at about 94 % (136 printed at 75 %, about 8 pt). The hidden helper columns
# hold what the summary formulas add up.
COLUMNS = (
    Column("id", (8, 12)),
    Column("item", (34, 31)),
    Column("standard", (25, 24)),
    Column("points", (6, 6)),
    Column("result", (9, 9)),  # the only cell an inspector types per item
    Column("score", (8, 10)),
    Column("remarks", (14, 12)),
    Column("applicable"),  # the points of an answered, applicable item
    Column("critical"),  # 1 for a failed critical item
    Column("unanswered"),  # 1 for a blank result
    Column("number"),  # the answer as a number (also typed as text, with a unit)
    Column("invalid"),  # 1 for an answer sopkit would reject
)
COL = {c.key: i for i, c in enumerate(COLUMNS, start=1)}
TABLE_COLUMNS = tuple(c.key for c in COLUMNS if not c.hidden)
HELPER_COLUMNS = tuple(c.key for c in COLUMNS if c.hidden)
WIDTHS = {
    lang: {COL[c.key]: c.widths[n] for c in COLUMNS if c.widths}
    for n, lang in enumerate(("zh-CN", "en"))
}
COL_ID, COL_ITEM, COL_STANDARD, COL_POINTS = COL["id"], COL["item"], COL["standard"], COL["points"]
COL_RESULT, COL_SCORE, COL_REMARKS = COL["result"], COL["score"], COL["remarks"]
COL_APPLICABLE, COL_CRITICAL, COL_UNANSWERED = COL["applicable"], COL["critical"], COL["unanswered"]
COL_NUMBER = COL["number"]
LAST_PRINTED = TABLE_COLUMNS[-1]
HEADER_ROW = 7  # the row of the table's column labels
HEADER_FIELDS = ("site", "date", "inspector", "inspected")


def letter(key: str) -> str:
    """The letter of column ``key`` (``"result"`` -> ``"E"``)."""
    return column_letter(COL[key] - 1)


def ref(key: str, row: int) -> str:
    """The address of column ``key`` in ``row`` (``ref("result", 9)`` -> ``"E9"``)."""
    return f"{letter(key)}{row}"


def span(key: str, first: int, last: int) -> str:
    """Column ``key`` from row ``first`` to ``last`` (``"F9:F20"``)."""
    return f"{letter(key)}{first}:{letter(key)}{last}"


# --- texts printed on the form -----------------------------------------------------------


def number(value: float | int | None) -> float | int | None:
    """A whole float as an int (5.0 -> 5): how a number is written into a cell."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def status_mark(checklist: Checklist, lab: dict[str, str]) -> str:
    """The mark a draft or retired checklist's form carries ("" when it is in force)."""
    if checklist.status in ("draft", "retired"):
        return lab[f"sheet.status_{checklist.status}"]
    return ""


def method_text(checklist: Checklist, lab: dict[str, str]) -> str:
    scoring = checklist.scoring
    weighted = any(s.weight is not None for s in checklist.sections)
    if scoring.method == "deduct":
        method = lab["sheet.method_deduct"].format(total=fmt(scoring.total))
    else:
        method = lab["sheet.method_weighted" if weighted else "sheet.method_percent"]
    parts = [method, lab["sheet.pass_mark_text"].format(value=fmt(scoring.pass_))]
    if any(i.critical for _, i in checklist.items()):
        parts.append(lab[f"sheet.critical_{scoring.critical}"])
    if scoring.grades:
        bands = lab["sheet.band_sep"].join(
            lab["sheet.band"].format(name=g.name, min=fmt(g.min)) for g in scoring.grades
        )
        parts.append(lab["sheet.grades_text"].format(bands=bands))
    return lab["sheet.part_sep"].join(parts)


_SEEN: set[str] = set()
_WIDE: dict[int, str] = {}  # every wide character seen -> two characters


def text_width(text: str) -> int:
    """:func:`sopkit.reporters.width` (CJK characters count two), by ``str.translate``."""
    if text.isascii():
        return len(text)
    new = set(text).difference(_SEEN)
    if new:
        _SEEN.update(new)
        _WIDE.update((ord(c), "  ") for c in new if width(c) == 2)
    return len(text.translate(_WIDE))


def lines(text: str, col_width: float) -> int:
    """How many lines ``text`` wraps to in a column ``col_width`` digits wide."""
    # A CJK character takes two digit widths; it is about 1.75 column units wide at 11 pt
    # (measured in LibreOffice).
    return sum(
        max(1, math.ceil(text_width(part) / (col_width * 1.15))) for part in text.split("\n")
    )
