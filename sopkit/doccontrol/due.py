"""``sopkit due``: documents whose periodic review is due, and drafts that should be in force.

A document with ``review_every`` (``1y``, ``6m``, ``2w``, ``90d``) is reviewed that long after
it was last looked at: the latest of its ``effective`` date, ``approval.approved_on``,
``approval.reviewed_on`` and the date of its newest revision. A ``draft`` is listed once its
planned ``effective`` date is reached. Retired documents are never listed.
"""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sopkit.documents.models import Document
from sopkit.documents.models.types import DURATION_RE
from sopkit.locale import label

if TYPE_CHECKING:
    from sopkit.documents.library import Library

KEYS = ("id", "kind", "title", "state", "due", "days", "review_every", "last", "file")


def columns(lang: str) -> list[tuple[str, str]]:
    """The table's (key, header) pairs, headers in ``lang``."""
    return [(key, label(f"due.col.{key}", lang)) for key in KEYS]


def table_rows(rows: list[DueRow], lang: str) -> list[dict]:
    """Rows for the table, the state in words of ``lang`` (JSON keeps the codes)."""
    return [r.to_dict() | {"state": label(f"due.state.{r.state}", lang)} for r in rows]


# Worst first: what is already late comes before what is coming.
_ORDER = {"overdue": 0, "draft-overdue": 1, "due": 2, "draft-due": 3}


def parse_duration(text: str) -> tuple[int, str]:
    """``"6m"`` → ``(6, "m")``; raises ``ValueError`` for anything else."""
    match = DURATION_RE.match(text.strip())
    if not match:
        raise ValueError(text)
    return int(match.group(1)), match.group(2).lower()


def add_duration(start: date, text: str) -> date:
    """``start`` plus a duration; months and years keep the day of the month where they can
    (31 January + 1m = 28 or 29 February). Past the last date Python can hold, the result
    is that date (9999-12-31): ``review_every: 9999y`` means "not in our lifetime"."""
    count, unit = parse_duration(text)
    try:
        return _add(start, count, unit)
    except (OverflowError, ValueError):
        return date.max


def _add(start: date, count: int, unit: str) -> date:
    if unit == "d":
        return start + timedelta(days=count)
    if unit == "w":
        return start + timedelta(weeks=count)
    months = count * (12 if unit == "y" else 1)
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def last_reviewed(doc: Document) -> date:
    """The latest date the document was issued, revised, reviewed or approved."""
    dates = [doc.effective]
    if doc.approval:
        dates += [d for d in (doc.approval.approved_on, doc.approval.reviewed_on) if d]
    if doc.revisions:
        dates.append(doc.revisions[0].date)
    return max(dates)


@dataclass(frozen=True, slots=True)
class DueRow:
    id: str
    kind: str
    title: str
    state: str  # overdue | due | draft-overdue | draft-due
    due: str  # ISO date the review (or the entry into force) falls due
    days: int  # days from today to ``due``: negative when late
    review_every: str | None
    last: str | None  # ISO date the review period counts from
    file: str

    def to_dict(self) -> dict:
        return asdict(self)


def horizon(today: date, within: str) -> date:
    """``today + within``; ``within`` is a duration or ``0`` / ``0d`` (raises ``ValueError``)."""
    return today if within.strip().lower() in ("0", "0d") else add_duration(today, within)


def due_row(doc: Document, file: str, today: date, until: date) -> DueRow | None:
    """The row for ``doc`` when something falls due on or before ``until``, else ``None``."""
    if doc.status == "retired":
        return None
    if doc.status == "draft":
        if doc.effective > until:
            return None
        state = "draft-overdue" if doc.effective < today else "draft-due"
        return DueRow(
            doc.id, doc.kind, doc.title, state, doc.effective.isoformat(),
            (doc.effective - today).days, doc.review_every, None, file,
        )  # fmt: skip
    if not doc.review_every:
        return None
    last = last_reviewed(doc)
    when = add_duration(last, doc.review_every)
    if when > until or when == date.max:  # past 9999-12-31: never, in practice
        return None
    return DueRow(
        doc.id, doc.kind, doc.title, "overdue" if when < today else "due", when.isoformat(),
        (when - today).days, doc.review_every, last.isoformat(), file,
    )  # fmt: skip


def due(lib: Library, *, today: date | None = None, within: str = "0d") -> list[DueRow]:
    """Every document of ``lib`` due for review (or to take effect) by ``today + within``,
    most urgent first."""
    today = today or date.today()
    until = horizon(today, within)
    rows = [
        row
        for entry in lib.entries
        if entry.doc is not None
        and (row := due_row(entry.doc, entry.path, today, until)) is not None
    ]
    return sorted(rows, key=lambda r: (r.due, _ORDER[r.state], r.id.lower()))
