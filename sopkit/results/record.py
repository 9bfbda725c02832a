"""``sopkit record``: store scored inspections, one transaction per batch.

An inspection is keyed by its content (:meth:`Inspection.content_key`), so recording the
same sheet again — renamed, copied, saved again — adds nothing and is reported as a
duplicate. Every failed item opens a corrective action unless one is already open for that
site and item; a later inspection that passes the item closes it, with itself as evidence.
"""

from __future__ import annotations

import calendar
import datetime as dt
import gc
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine, and_, select, tuple_, update
from sqlalchemy.exc import SQLAlchemyError

from sopkit.diagnostics import Diagnostic, Location, Severity
from sopkit.documents.fingerprint import fingerprint
from sopkit.documents.models import Checklist
from sopkit.results.bulk import insert_rows
from sopkit.results.scored import Inspection
from sopkit.results.sites import SiteIndex
from sopkit.results.store import StoreError, lock_for_writing
from sopkit.results.tables import actions, added, inspections, items

DEFAULT_FIX = "7d"
_CHUNK = 500  # rows per INSERT: well under every driver's parameter limit
_ITEM_COLUMNS = ("inspection_id", "item", "position", "answer", "earned", "points", "failed",
                 "critical")  # fmt: skip
_ACTION_COLUMNS = ("inspection_id", "site", "checklist", "item", "found", "due", "owner",
                   "status", "closed_on", "evidence_id", "text")  # fmt: skip
_STATES = {"skipped": "skipped", "duplicate": "duplicate"}  # sheet-duplicate: said already
_ADDED_COLUMNS = ("inspection_id", "position", "cell", "text", "answer", "remarks")


@dataclass
class RecordOutcome:
    """What a batch did: per inspection (file and sheet; no sheet for a file that is not a
    workbook) ``recorded``, ``duplicate``, ``not-recorded`` or ``skipped``."""

    files: dict[tuple[str, str | None], str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    opened: int = 0
    closed: int = 0

    def count(self, state: str) -> int:
        return sum(1 for s in self.files.values() if s == state)

    def to_dict(self, lang: str = "en") -> dict:
        return {
            "recorded": self.count("recorded"),
            "duplicates": self.count("duplicate"),
            "not_recorded": self.count("not-recorded"),
            "skipped": self.count("skipped"),
            "actions_opened": self.opened,
            "actions_closed": self.closed,
            "files": [
                {"file": f, "sheet": sheet, "state": s}
                for (f, sheet), s in sorted(
                    self.files.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
                )
            ],
            "diagnostics": [d.to_dict(lang) for d in self.diagnostics],
        }


def add_duration(start: dt.date, text: str) -> dt.date:
    """``start`` plus ``7d``, ``2w``, ``1m`` or ``1y`` (month ends are kept in the month)."""
    count, unit = int(text[:-1]), text[-1].lower()
    if unit == "d":
        return start + dt.timedelta(days=count)
    if unit == "w":
        return start + dt.timedelta(weeks=count)
    months = count * (12 if unit == "y" else 1) + start.month - 1
    year, month = start.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


_DAY = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_day(text: str | None) -> dt.date | None:
    """The inspection date as written: 2026-05-03 (a date cell), 2026/5/3, 2026.5.3 or
    2026年5月3日; ``None`` when it is none of these or not a real day."""
    match = _DAY.match(unicodedata.normalize("NFKC", text or ""))
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def period_keys(day: dt.date) -> tuple[str, str]:
    """The month (``2026-05``) and ISO week (``2026-W18``) of ``day``."""
    year, week, _ = day.isocalendar()
    return f"{day.year:04d}-{day.month:02d}", f"{year:04d}-W{week:02d}"


def _warn(found: Inspection, code: str, **args) -> Diagnostic:
    return Diagnostic(code, Location(found.file, sheet=found.sheet), args, Severity.WARNING)


def _error(found: Inspection, code: str, **args) -> Diagnostic:
    return Diagnostic(code, Location(found.file, sheet=found.sheet), args, Severity.ERROR)


def _on_sheet(diagnostic: Diagnostic, sheet: str | None) -> Diagnostic:
    """A finding of ``score`` about a sheet, with the sheet in its own field."""
    where = diagnostic.location
    if sheet is None or where.sheet is not None:
        return diagnostic
    return replace(diagnostic, location=replace(where, sheet=sheet))


@dataclass
class _Row:
    inspection: Inspection
    key: str
    values: dict


def _prepare(
    found: Inspection,
    checklist: Checklist,
    fp: str,
    sites: SiteIndex,
    now: dt.datetime,
    out: RecordOutcome,
) -> _Row | None:
    """The inspections row of a scored sheet, or ``None`` (with a diagnostic) when it
    cannot be recorded: no usable date or no site."""
    written = (found.header.get("site") or "").strip()
    day = parse_day(found.header.get("date"))
    if day is None:
        written_date = found.header.get("date") or ""
        out.diagnostics.append(_error(found, "record-no-date", value=written_date))
        return None
    if not written:
        out.diagnostics.append(_error(found, "record-no-site"))
        return None
    site = sites.find(written)
    if site is None and sites.known:
        out.diagnostics.append(
            _warn(found, "site-unknown", site=written, suggestion=sites.suggest(written))
        )
    month, week = period_keys(day)
    values = {
        "file": found.file, "sheet": found.sheet, "checklist": checklist.id,
        "version": found.version, "fingerprint": found.fingerprint or fp,
        "draft": found.excluded or checklist.status in ("draft", "retired"),
        "site": site.id if site else written, "site_known": site is not None or not sites.known,
        "day": day, "month": month, "week": week, "inspector": found.header.get("inspector"),
        "inspected": found.header.get("inspected"), "status": found.status, "score": found.score,
        "maximum": found.maximum, "passed": found.passed, "grade": found.grade,
        "critical_failures": found.critical_failures, "recorded_at": now,
    }  # fmt: skip
    return _Row(found, found.content_key(), values)


def record(
    engine: Engine,
    found: Sequence[Inspection],
    checklists: Iterable[Checklist],
    sites: SiteIndex,
    *,
    now: dt.datetime | None = None,
) -> RecordOutcome:
    """Record every scored inspection of ``found`` in one transaction.

    Sheets that were not scored (``status`` other than ok: invalid, outdated …) are not
    recorded, skipped files are named as skipped, and a sheet ``sopkit score`` flags as
    ``sheet-duplicate`` is recorded once; their own diagnostics are passed on. Sheets of
    draft and retired checklists are stored but left out of every figure. Raises
    :class:`StoreError` when the store fails; then nothing of the batch is stored.
    """
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    by_id = {c.id.lower(): c for c in checklists}
    fps = {key: fingerprint(c)[:16] for key, c in by_id.items()}
    out = RecordOutcome()
    rows: dict[str, _Row] = {}
    for one in found:
        out.diagnostics.extend(_on_sheet(d, one.sheet) for d in one.diagnostics)
        # as score counts it
        out.files[one.file, one.sheet] = _STATES.get(one.outcome, "not-recorded")
        checklist = by_id.get((one.checklist or "").lower())
        if one.outcome != "scored" or checklist is None:
            continue
        row = _prepare(one, checklist, fps[checklist.id.lower()], sites, now, out)
        if row is None:
            continue
        if row.key in rows:
            first = rows[row.key].inspection.where
            out.diagnostics.append(_warn(one, "record-duplicate", other=first))
            out.files[one.file, one.sheet] = "duplicate"
            continue
        rows[row.key] = row
    # Millions of long-lived item objects and no reference cycles: collection passes over
    # them would find nothing (about a tenth of the recording time, bench_record.py).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        with engine.begin() as conn:
            _store(conn, rows, by_id, sites, out)
    except (SQLAlchemyError, engine.dialect.loaded_dbapi.Error) as exc:
        # the driver's own errors come from PostgreSQL's COPY (sopkit.results.bulk)
        reason = getattr(exc, "orig", None) or exc
        raise StoreError(f"recording failed, nothing was stored: {reason}") from None
    finally:
        if gc_was_enabled:
            gc.enable()
    return out


def _store(conn, rows: dict[str, _Row], by_id, sites: SiteIndex, out: RecordOutcome) -> None:
    lock_for_writing(conn)
    keys = list(rows)
    known: dict[str, str] = {}
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        q = select(inspections.c.content_key, inspections.c.file, inspections.c.sheet).where(
            inspections.c.content_key.in_(chunk)
        )
        known.update((k, f"{f} [{s}]" if s else f) for k, f, s in conn.execute(q))
    fresh = [r for k, r in rows.items() if k not in known]
    for key, row in rows.items():
        if key in known:
            one = row.inspection
            out.files[one.file, one.sheet] = "duplicate"
            out.diagnostics.append(_warn(one, "record-duplicate", other=known[key]))
    fresh.sort(key=lambda r: (r.values["day"], r.values["file"], r.values["sheet"] or ""))
    ids: list[int] = []
    ins = inspections.insert().returning(inspections.c.id, sort_by_parameter_order=True)
    for start in range(0, len(fresh), _CHUNK):
        chunk = fresh[start : start + _CHUNK]
        params = [{"content_key": r.key, **r.values} for r in chunk]
        ids.extend(conn.execute(ins, params).scalars())
    for row in fresh:
        out.files[row.inspection.file, row.inspection.sheet] = "recorded"
    insert_rows(conn, items, _ITEM_COLUMNS, (
        (i, t.item, t.position, t.answer, t.earned, t.points, t.failed, t.critical)
        for i, row in zip(ids, fresh, strict=True)
        for t in row.inspection.items
    ))  # fmt: skip
    insert_rows(conn, added, _ADDED_COLUMNS, (
        (i, n, a.cell, a.text, a.answer, a.remarks)
        for i, row in zip(ids, fresh, strict=True)
        for n, a in enumerate(row.inspection.added)
    ))  # fmt: skip
    _actions(conn, list(zip(ids, fresh, strict=True)), by_id, sites, out)


def _fix_within(checklist: Checklist) -> dict[str, str]:
    """Item id → its ``fix_within``; ``""`` → the checklist's (for added findings)."""
    default = checklist.fix_within or DEFAULT_FIX
    return {"": default} | {item.id: item.fix_within or default for _, item in checklist.items()}


def _actions(conn, new: list[tuple[int, _Row]], by_id, sites: SiteIndex, out) -> None:
    """Open an action per new failure, close open ones a later pass shows fixed."""
    pairs = {(r.values["site"], r.values["checklist"]) for _, r in new if not r.values["draft"]}
    if not pairs:
        return
    open_q = select(actions.c.id, actions.c.site, actions.c.checklist, actions.c.item,
                    actions.c.found).where(
        and_(actions.c.status == "open",
             tuple_(actions.c.site, actions.c.checklist).in_(sorted(pairs)))
    )  # fmt: skip
    is_open = {(s, c, i): (a, f) for a, s, c, i, f in conn.execute(open_q)}
    opened, closes = [], []
    fix_cache: dict[str, dict[str, str]] = {}
    for inspection_id, row in new:  # sorted by day
        v = row.values
        if v["draft"]:
            continue
        chk = by_id[v["checklist"].lower()]
        fix = fix_cache.setdefault(chk.id, _fix_within(chk))
        site = sites.get(v["site"]) if v["site_known"] else None
        for t in row.inspection.items:
            key = (v["site"], v["checklist"], t.item)
            if t.failed and key not in is_open:
                action = {"inspection_id": inspection_id, "site": v["site"],
                          "checklist": v["checklist"], "item": t.item, "found": v["day"],
                          "due": add_duration(v["day"], fix.get(t.item, DEFAULT_FIX)),
                          "owner": site.manager if site else None, "status": "open",
                          "closed_on": None, "evidence_id": None, "text": None}  # fmt: skip
                is_open[key] = (action, v["day"])
                opened.append(action)
            elif not t.failed and t.earned is not None and key in is_open:
                action_id, found_on = is_open[key]
                if found_on < v["day"]:
                    del is_open[key]
                    closes.append((action_id, v["day"], inspection_id))
        opened.extend(_added_actions(inspection_id, row, fix.get("", DEFAULT_FIX), site))
    _close_and_open(conn, opened, closes, out)
    out.closed += _close_by_later_passes(conn, sorted(pairs))


def _added_actions(inspection_id: int, row: _Row, fix: str, site) -> list[dict]:
    """An open action per added finding: no later sheet has its row, so it is closed by
    hand (``sopkit actions close`` or the 整改通知单); its item is the cell it was written in."""
    v = row.values
    return [
        {"inspection_id": inspection_id, "site": v["site"], "checklist": v["checklist"],
         "item": a.cell[:64], "found": v["day"], "due": add_duration(v["day"], fix),
         "owner": site.manager if site else None, "status": "open", "closed_on": None,
         "evidence_id": None, "text": f"{a.text} ({a.answer})" if a.answer else a.text}
        for a in row.inspection.added
    ]  # fmt: skip


def _close_by_later_passes(conn, pairs: list[tuple[str, str]]) -> int:
    """Close open actions that an inspection already in the store, dated after the failure,
    shows fixed: sheets recorded out of order (a late sheet with an old failure) end as
    if recorded in date order."""
    i, t, a = inspections.c, items.c, actions.c
    later = (
        select(i.id)
        .select_from(inspections.join(items, t.inspection_id == i.id))
        .where(i.site == a.site, i.checklist == a.checklist, t.item == a.item,
               i.day > a.found, t.failed.is_(False), t.earned.is_not(None), i.draft.is_(False))
        .order_by(i.day, i.id)
        .limit(1)
        .scalar_subquery()
    )  # fmt: skip
    found = conn.execute(
        select(a.id, later.label("evidence")).where(
            a.status == "open", tuple_(a.site, a.checklist).in_(pairs)
        )
    ).all()
    fixed = {action: evidence for action, evidence in found if evidence is not None}
    if not fixed:
        return 0
    days = dict(conn.execute(select(i.id, i.day).where(i.id.in_(set(fixed.values())))).all())
    for action, evidence in fixed.items():
        conn.execute(
            update(actions)
            .where(actions.c.id == action)
            .values(status="closed", closed_on=days[evidence], evidence_id=evidence)
        )
    return len(fixed)


def _close_and_open(conn, opened: list[dict], closes: list, out: RecordOutcome) -> None:
    for action_id, day, evidence in closes:
        if isinstance(action_id, dict):  # opened and closed within this batch
            action_id.update(status="closed", closed_on=day, evidence_id=evidence)
            continue
        conn.execute(
            update(actions)
            .where(actions.c.id == action_id)
            .values(status="closed", closed_on=day, evidence_id=evidence)
        )
    rows = (tuple(a[c] for c in _ACTION_COLUMNS) for a in opened)
    insert_rows(conn, actions, _ACTION_COLUMNS, rows, dates=("found", "due", "closed_on"))
    out.opened, out.closed = len(opened), len(closes)
