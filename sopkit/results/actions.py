"""Corrective actions (整改): list, close by hand, export the 整改通知单 and read it back.

An action is ``open`` or ``closed`` in the store; ``overdue`` is an open action past its due
date, computed for the day asked about, never stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlalchemy import Engine, and_, case, literal, or_, select, update

from sopkit.locale import labels
from sopkit.reporters import Table
from sopkit.results.tables import actions, inspections

STATUSES = ("open", "overdue", "closed")
COLUMNS = ("id", "site", "checklist", "item", "found", "due", "owner", "status", "closed_on",
           "closed_by", "note")  # fmt: skip


class ActionError(Exception):
    """An action that cannot be changed: already closed (exit 1)."""


class UnknownAction(ActionError):
    """No action has this id: a slip in the command, not a finding (exit 2)."""


@dataclass
class Action:
    id: int
    site: str
    checklist: str
    item: str
    found: dt.date
    due: dt.date
    owner: str | None
    status: str  # open | overdue | closed
    closed_on: dt.date | None
    closed_by: str | None
    note: str | None
    file: str | None = None  # the inspection that found it
    sheet: str | None = None  # … and its worksheet
    text: str | None = None  # an added finding's own words (its item is then the cell)

    def to_dict(self) -> dict:
        data = asdict(self)
        for key in ("found", "due", "closed_on"):
            data[key] = data[key].isoformat() if data[key] else None
        return data


def actions_table(found: list[Action], lang: str) -> Table:
    """``sopkit actions``: headers in the words of the 整改通知单, statuses as the report
    says them; JSON keeps the objects (keys and statuses as stored)."""
    lab = labels(lang)
    rows = []
    for action in found:
        row = action.to_dict()
        row["status"] = lab[f"report.status_{action.status}"]
        rows.append(row)
    columns = [(key, lab[f"notice.{key}"]) for key in COLUMNS]
    return Table(rows, columns, data=[a.to_dict() for a in found])


def status_expr(today: dt.date):
    """SQL for an action's status on ``today`` (open, overdue or closed)."""
    return case(
        (actions.c.status == "closed", literal("closed")),
        (actions.c.due < today, literal("overdue")),
        else_=literal("open"),
    )


def list_actions(
    engine: Engine,
    *,
    today: dt.date,
    status: str | None = None,
    sites: list[str] | None = None,
    checklists: list[str] | None = None,
    closed_between: tuple[dt.date | None, dt.date | None] | None = None,
) -> list[Action]:
    """Actions, oldest first; ``status`` open (open and overdue), overdue or closed.

    ``closed_between`` keeps open actions and those closed within the two dates (either
    may be ``None``: no limit), as a report over a period shows them."""
    state = status_expr(today).label("state")
    q = (
        select(actions.c.id, actions.c.site, actions.c.checklist, actions.c.item,
               actions.c.found, actions.c.due, actions.c.owner, state, actions.c.closed_on,
               actions.c.closed_by, actions.c.note, inspections.c.file, inspections.c.sheet,
               actions.c.text)
        .join(inspections, inspections.c.id == actions.c.inspection_id)
        .order_by(actions.c.found, actions.c.id)
    )  # fmt: skip
    if status == "open":
        q = q.where(actions.c.status == "open")
    elif status == "overdue":
        q = q.where(and_(actions.c.status == "open", actions.c.due < today))
    elif status == "closed":
        q = q.where(actions.c.status == "closed")
    if sites:
        q = q.where(actions.c.site.in_(sites))
    if checklists:
        q = q.where(actions.c.checklist.in_(checklists))
    if closed_between is not None:
        start, end = closed_between
        closed = [actions.c.status == "closed"]
        if start:
            closed.append(actions.c.closed_on >= start)
        if end:
            closed.append(actions.c.closed_on <= end)
        q = q.where(or_(actions.c.status == "open", and_(*closed)))
    with engine.connect() as conn:
        return [Action(*row) for row in conn.execute(q)]


def close_action(
    engine: Engine, action_id: int, *, by: str, note: str | None, on: dt.date
) -> Action:
    """Close an open action by hand. Raises :class:`ActionError`."""
    with engine.begin() as conn:
        row = conn.execute(select(actions.c.status).where(actions.c.id == action_id)).first()
        if row is None:
            raise UnknownAction(
                f"there is no corrective action {action_id} (sopkit actions lists their ids)"
            )
        if row.status == "closed":
            raise ActionError(f"corrective action {action_id} is already closed")
        conn.execute(
            update(actions)
            .where(actions.c.id == action_id)
            .values(status="closed", closed_on=on, closed_by=by, note=note)
        )
    return next(a for a in list_actions(engine, today=on) if a.id == action_id)
