"""``sopkit report``: the inspection history as data (JSON first; html/xlsx render it).

The figures are aggregated in SQL (:mod:`sopkit.results.queries`); this module adds what
only the library knows (item text, the procedure step an item inspects and its roles, the
sites' schedules) and what needs the aggregates side by side (change, rank, missing).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Engine

from sopkit.documents.models import Checklist, Procedure
from sopkit.results import queries as q
from sopkit.results.actions import list_actions
from sopkit.results.sites import SiteIndex

RECURRING = 3  # consecutive failed inspections that make a recurring failure


@dataclass
class ItemInfo:
    """What the library says about one checklist item."""

    text: str = ""
    step: str | None = None  # PROC#step as written
    number: str | None = None  # 2.1.3
    roles: list[str] = field(default_factory=list)


def item_info(checklists: list[Checklist], procedures: list[Procedure]) -> dict:
    """(checklist id, item id) → :class:`ItemInfo`."""
    views = {p.id.lower(): p.step_ids() for p in procedures}
    out = {}
    for chk in checklists:
        for _, item in chk.items():
            info = ItemInfo(item.text, item.step)
            if item.step and "#" in item.step:
                proc, step = item.step.split("#", 1)
                view = views.get(proc.lower(), {}).get(step)
                if view is not None:
                    info.number, info.roles = view.number, list(view.roles)
            out[(chk.id, item.id)] = info
    return out


def _mean(tenths: float | int | None, count: int) -> float | None:
    if not count or tenths is None:
        return None
    value = Decimal(int(tenths)) / Decimal(count) / 10
    return float(value.quantize(Decimal("0.1"), ROUND_HALF_UP))


def _rate(part: int, whole: int) -> float | None:
    if not whole:
        return None
    return float((Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"), ROUND_HALF_UP))


def previous_period(period: str) -> str:
    """The month or ISO week before ``period`` (``2026-05`` → ``2026-04``)."""
    if "-W" in period:
        year, week = period.split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1) - dt.timedelta(days=7)
        y, w, _ = monday.isocalendar()
        return f"{y:04d}-W{w:02d}"
    year, month = (int(x) for x in period.split("-"))
    return f"{year - (month == 1):04d}-{(month - 2) % 12 + 1:02d}"


def periods_between(start: dt.date, end: dt.date, every: str) -> list[str]:
    """Every month or ISO week key from ``start`` to ``end``."""
    keys, day = [], start
    while day <= end:
        y, w, _ = day.isocalendar()
        key = f"{y:04d}-W{w:02d}" if every == "week" else f"{day.year:04d}-{day.month:02d}"
        if key not in keys:
            keys.append(key)
        day += dt.timedelta(days=1 if every == "month" else 7 - day.weekday())
    return keys


def _periods(conn, f: q.Filters) -> list[dict]:
    rows = []
    for r in conn.execute(q.periods_query(f)):
        rows.append({"site": r.site, "checklist": r.checklist, "period": r.period,
                     "inspections": r.inspections, "mean": _mean(r.tenths, r.inspections),
                     "pass_rate": _rate(r.passes or 0, r.inspections),
                     "critical_failures": int(r.critical or 0)})  # fmt: skip
    by_key = {(r["site"], r["checklist"], r["period"]): r for r in rows}
    groups = defaultdict(list)
    for r in rows:
        before = by_key.get((r["site"], r["checklist"], previous_period(r["period"])))
        r["change"] = (
            round(r["mean"] - before["mean"], 1) if before and r["mean"] is not None else None
        )
        groups[(r["checklist"], r["period"])].append(r)
    for group in groups.values():  # rank 1 = best mean; equal means share a rank
        group.sort(key=lambda r: -(r["mean"] or 0))
        for n, r in enumerate(group):
            same = n and group[n - 1]["mean"] == r["mean"]
            r["rank"] = group[n - 1]["rank"] if same else n + 1
    rows.sort(key=lambda r: (r["checklist"], r["period"], r["rank"], r["site"]))
    return rows


def _items(conn, f: q.Filters, info: dict) -> list[dict]:
    rows = []
    for r in conn.execute(q.items_query(f)):
        i = info.get((r.checklist, r.item), ItemInfo())
        rows.append({"checklist": r.checklist, "item": r.item, "text": i.text,
                     "failures": int(r.failures or 0), "answered": r.answered,
                     "rate": _rate(int(r.failures or 0), r.answered), "step": i.step,
                     "step_number": i.number, "roles": i.roles})  # fmt: skip
    rows.sort(key=lambda r: (-(r["rate"] or 0), -r["failures"], r["checklist"], r["item"]))
    return rows


def _missing(conn, f: q.Filters, sites: SiteIndex, span: tuple) -> list[dict]:
    start, end = f.start or span[0], f.end or span[1]
    if start is None or end is None:
        return []
    received = {}
    for every in ("month", "week"):
        for r in conn.execute(q.received_query(f, every)):
            received[(r.site, r.checklist.lower(), r.period)] = r.received
    out = []
    for site in sites.sites:
        if f.sites and site.id not in f.sites:
            continue
        for checklist, expected in site.schedule.items():
            if f.checklists and checklist not in f.checklists:
                continue
            for period in periods_between(start, end, expected.every):
                got = received.get((site.id, checklist.lower(), period), 0)
                if got < expected.times:
                    out.append({"site": site.id, "checklist": checklist, "period": period,
                                "expected": expected.times, "received": got})  # fmt: skip
    return out


def build_report(
    engine: Engine,
    f: q.Filters,
    *,
    checklists: list[Checklist],
    procedures: list[Procedure],
    sites: SiteIndex,
    today: dt.date,
    recurring: int = RECURRING,
) -> dict:
    """Every figure of the report as plain data (what ``--format json`` prints)."""
    info = item_info(checklists, procedures)
    with engine.connect() as conn:
        span = tuple(conn.execute(q.span_query(f)).one())
        periods = _periods(conn, f)
        items = _items(conn, f, info)
        heat = [
            {"checklist": r.checklist, "site": r.site, "item": r.item,
             "failures": int(r.failures or 0), "answered": r.answered,
             "rate": _rate(int(r.failures or 0), r.answered)}
            for r in conn.execute(q.heatmap_query(f))
        ]  # fmt: skip
        runs = [
            {"site": r.site, "checklist": r.checklist, "item": r.item, "streak": r.streak,
             "first": _iso(r.first), "last": _iso(r.last)}
            for r in conn.execute(q.recurring_query(f, recurring))
        ]  # fmt: skip
        missing = _missing(conn, f, sites, span)
        summary = [dict(r._mapping) for r in conn.execute(q.action_summary_query(f, today))]
        found = [
            {"site": r.site, "checklist": r.checklist, "date": _iso(r.day), "file": r.file,
             "sheet": r.sheet, "cell": r.cell, "text": r.text, "answer": r.answer,
             "remarks": r.remarks}
            for r in conn.execute(q.added_query(f))
        ]  # fmt: skip
    acts = list_actions(engine, today=today, sites=f.sites or None,
                        checklists=f.checklists or None,
                        closed_between=(f.start, f.end))  # fmt: skip
    return {
        "from": _iso(f.start or span[0]),
        "to": _iso(f.end or span[1]),
        "period": f.period,
        "today": today.isoformat(),
        "periods": periods,
        "items": items,
        "heatmap": heat,
        "recurring": runs,
        "missing": missing,
        "added": found,
        "actions": [a.to_dict() for a in acts],
        "action_summary": summary,
        "roles": retraining(items),
    }


def retraining(items: list[dict]) -> list[dict]:
    """Per role: the failed items of the steps it performs, most failed first."""
    out = defaultdict(list)
    for row in items:
        if row["failures"]:
            for role in row["roles"]:
                out[role].append({"checklist": row["checklist"], "item": row["item"],
                                  "step": row["step_number"], "rate": row["rate"]})  # fmt: skip
    return [{"role": role, "items": rows} for role, rows in sorted(out.items())]


def _iso(value) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else value.isoformat()
