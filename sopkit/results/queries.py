"""The report's aggregate queries (SQLAlchemy Core): the store does the counting.

Only aggregates come back to Python — never the inspections or their items one by one —
so memory stays bounded however many inspections the store holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Integer, and_, case, cast, func, select

from sopkit.results.tables import actions, added, inspections, items


@dataclass
class Filters:
    """What a report covers: ``start``/``end`` inclusive, ``period`` month or week."""

    start: dt.date | None = None
    end: dt.date | None = None
    period: str = "month"
    sites: list[str] = field(default_factory=list)
    checklists: list[str] = field(default_factory=list)


def _where(f: Filters) -> list:
    i = inspections.c
    out = [i.draft.is_(False), i.status == "ok"]  # drafts stay out of every figure
    if f.start:
        out.append(i.day >= f.start)
    if f.end:
        out.append(i.day <= f.end)
    if f.sites:
        out.append(i.site.in_(f.sites))
    if f.checklists:
        out.append(i.checklist.in_(f.checklists))
    return out


def period_col(f: Filters):
    return inspections.c.week if f.period == "week" else inspections.c.month


def _int(expr):
    return func.sum(cast(case((expr, 1), else_=0), Integer))


def periods_query(f: Filters):
    """Per site × checklist × period: inspections, score in tenths, passes, criticals."""
    i, p = inspections.c, period_col(f).label("period")
    return (
        select(i.site, i.checklist, p, func.count().label("inspections"),
               func.sum(func.round(i.score * 10)).label("tenths"),
               _int(i.passed.is_(True)).label("passes"),
               func.sum(i.critical_failures).label("critical"))
        .where(*_where(f))
        .group_by(i.site, i.checklist, p)
    )  # fmt: skip


def items_query(f: Filters):
    """Per checklist × item: failures and answers (an answered item has points earned)."""
    t = items.c
    return (
        select(inspections.c.checklist, t.item, _int(t.failed.is_(True)).label("failures"),
               func.count(t.earned).label("answered"), func.min(t.position).label("position"))
        .join(inspections, inspections.c.id == t.inspection_id)
        .where(*_where(f))
        .group_by(inspections.c.checklist, t.item)
    )  # fmt: skip


def heatmap_query(f: Filters):
    """Per checklist × site × item: failures and answers."""
    t = items.c
    return (
        select(inspections.c.checklist, inspections.c.site, t.item,
               _int(t.failed.is_(True)).label("failures"), func.count(t.earned).label("answered"))
        .join(inspections, inspections.c.id == t.inspection_id)
        .where(*_where(f))
        .group_by(inspections.c.checklist, inspections.c.site, t.item)
    )  # fmt: skip


def recurring_query(f: Filters, n: int):
    """Runs of at least ``n`` consecutive failed inspections of one item at one site
    (gaps and islands: the difference of two row numbers is constant along a run)."""
    t, i = items.c, inspections.c
    part = (i.site, i.checklist, t.item)
    order = (i.day, i.id)
    runs = (
        select(i.site, i.checklist, t.item, t.failed, i.day,
               (func.row_number().over(partition_by=part, order_by=order)
                - func.row_number().over(partition_by=(*part, t.failed), order_by=order)
                ).label("grp"))
        .join(inspections, inspections.c.id == t.inspection_id)
        .where(*_where(f), t.earned.is_not(None))
        .subquery()
    )  # fmt: skip
    r = runs.c
    return (
        select(r.site, r.checklist, r.item, func.count().label("streak"),
               func.min(r.day).label("first"), func.max(r.day).label("last"))
        .where(r.failed.is_(True))
        .group_by(r.site, r.checklist, r.item, r.grp)
        .having(func.count() >= n)
        .order_by(r.site, r.checklist, r.item, func.min(r.day))
    )  # fmt: skip


def received_query(f: Filters, period: str):
    """Inspections received per site × checklist × ``period`` (week or month)."""
    i = inspections.c
    col = i.week if period == "week" else i.month
    return (
        select(i.site, i.checklist, col.label("period"), func.count().label("received"))
        .where(*_where(Filters(f.start, f.end, period, f.sites, f.checklists)))
        .group_by(i.site, i.checklist, col)
    )


def span_query(f: Filters):
    i = inspections.c
    return select(func.min(i.day), func.max(i.day)).where(*_where(f))


def action_summary_query(f: Filters, today: dt.date):
    """Per site and owner: open, overdue, closed within the report's dates."""
    a = actions.c
    closed_in = [a.status == "closed"]
    if f.start:
        closed_in.append(a.closed_on >= f.start)
    if f.end:
        closed_in.append(a.closed_on <= f.end)
    q = select(
        a.site,
        a.owner,
        _int(a.status == "open").label("open"),
        _int(and_(a.status == "open", a.due < today)).label("overdue"),
        _int(and_(*closed_in)).label("closed"),
    ).group_by(a.site, a.owner)
    if f.sites:
        q = q.where(a.site.in_(f.sites))
    if f.checklists:
        q = q.where(a.checklist.in_(f.checklists))
    return q.order_by(a.site)


def added_query(f: Filters):
    """The inspectors' added findings of the inspections the report covers, in date order
    (few: rows written beyond the items, so they come back one by one)."""
    i, a = inspections.c, added.c
    return (
        select(i.site, i.checklist, i.day, i.file, i.sheet, a.cell, a.text, a.answer,
               a.remarks)
        .select_from(inspections.join(added, a.inspection_id == i.id))
        .where(*_where(f))
        .order_by(i.day, i.file, i.sheet, a.position)
    )  # fmt: skip
