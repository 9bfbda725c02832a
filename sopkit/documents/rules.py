"""Rules inside one document: version history, weights, step and item consistency.

Each rule yields :class:`Finding` values (code, path in the document, arguments); the
caller locates them in the YAML source. Rules between documents live in
:mod:`sopkit.documents.library`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sopkit.diagnostics import Severity
from sopkit.documents.itemtypes import TYPE_FIELDS
from sopkit.documents.models import Checklist, Document, Procedure, Role
from sopkit.documents.models.types import version_key
from sopkit.reporters import format_number as _num


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    loc: tuple
    args: dict[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR
    on_key: bool = False


def check_versions(doc: Document) -> Iterator[Finding]:
    style, key = version_key(doc.version)
    if doc.approval and doc.approval.approved_on and doc.approval.approved_on > doc.effective:
        yield Finding(
            "approved-after-effective",
            ("approval", "approved_on"),
            {"approved_on": str(doc.approval.approved_on), "effective": str(doc.effective)},
            Severity.WARNING,
        )
    if not doc.revisions:
        return
    first = doc.revisions[0]
    if version_key(first.version) != (style, key):
        yield Finding(
            "revision-version-mismatch",
            ("revisions", 0, "version"),
            {"first": first.version, "version": doc.version},
        )
    previous = None
    for i, rev in enumerate(doc.revisions):
        rev_style, rev_key = version_key(rev.version)
        loc = ("revisions", i, "version")
        if rev_style != style:
            yield Finding(
                "version-style-mixed",
                loc,
                {"value": rev.version, "found": "§" + rev_style, "style": "§" + style},
            )
        elif previous is not None and previous[0] == style and rev_key >= previous[1]:
            yield Finding("revision-order", loc, {"version": rev.version, "previous": previous[2]})
        if previous is not None and rev.date > previous[3]:
            yield Finding(
                "revision-date-order",
                ("revisions", i, "date"),
                {"date": str(rev.date), "previous": str(previous[3])},
            )
        previous = (rev_style, rev_key, rev.version, rev.date)


def check_role(role: Role) -> Iterator[Finding]:
    weights = [k.weight for k in role.kpis]
    if any(w is not None for w in weights):
        missing = [i for i, w in enumerate(weights) if w is None]
        for i in missing:
            yield Finding("kpi-weights-partial", ("kpis", i))
        total = sum(w for w in weights if w is not None)
        if not missing and abs(total - 100) > 1e-9:
            yield Finding("kpi-weights-sum", ("kpis",), {"total": _num(total)}, on_key=True)


def check_procedure(proc: Procedure) -> Iterator[Finding]:
    record_ids: dict[str, tuple] = {}
    for i, record in enumerate(proc.records):
        loc = ("records", i, "id")
        if record.id in record_ids:
            yield Finding(
                "duplicate-record-id", loc, {"id": record.id, "first_loc": record_ids[record.id]}
            )
        else:
            record_ids[record.id] = loc
    step_ids: dict[str, tuple] = {}
    for view in proc.walk():
        step = view.step
        if step.text is None and step.title is None:
            yield Finding("step-empty", view.loc)
        if step.steps is not None and not step.steps:
            yield Finding("empty-group", (*view.loc, "steps"), on_key=True)
        if step.id is not None:
            loc = (*view.loc, "id")
            if step.id in step_ids:
                yield Finding(
                    "duplicate-step-id", loc, {"id": step.id, "first_loc": step_ids[step.id]}
                )
            else:
                step_ids[step.id] = loc


MAX_GRADES = 20  # grade bands of a checklist
MAX_GRADE_CHARS = 1_000  # characters of all band names together


def check_checklist(chk: Checklist) -> Iterator[Finding]:
    scoring = chk.scoring
    top = scoring.maximum
    if not 0 <= scoring.pass_ <= top:
        yield Finding(
            "pass-range", ("scoring", "pass"), {"value": _num(scoring.pass_), "max": _num(top)}
        )
    if scoring.grades:
        previous = None
        for i, grade in enumerate(scoring.grades):
            if previous is not None and grade.min >= previous:
                yield Finding(
                    "grades-order",
                    ("scoring", "grades", i, "min"),
                    {"name": grade.name, "min": _num(grade.min), "previous": _num(previous)},
                )
            previous = grade.min
        chars = sum(len(g.name) for g in scoring.grades)
        if len(scoring.grades) > MAX_GRADES or chars > MAX_GRADE_CHARS:
            # The form's grade cell nests one IF per band: Excel holds 64 levels and
            # 8,192 characters, LibreOffice shows Err:514 well before a hundred bands.
            yield Finding(
                "grades-too-many",
                ("scoring", "grades"),
                {"count": len(scoring.grades), "limit": MAX_GRADES, "chars": chars,
                 "max_chars": MAX_GRADE_CHARS},
            )  # fmt: skip
        last = scoring.grades[-1]
        if last.min != 0:
            yield Finding(
                "grades-last",
                ("scoring", "grades", len(scoring.grades) - 1, "min"),
                {"name": last.name, "min": _num(last.min)},
            )
    weighted = [s.weight is not None for s in chk.sections]
    if any(weighted) and not all(weighted):
        for i, has in enumerate(weighted):
            if not has:
                yield Finding("section-weights-partial", ("sections", i))
    item_ids: dict[str, tuple] = {}
    for si, section in enumerate(chk.sections):
        for ii, item in enumerate(section.items):
            loc = ("sections", si, "items", ii)
            if item.id in item_ids:
                yield Finding(
                    "duplicate-item-id",
                    (*loc, "id"),
                    {"id": item.id, "first_loc": item_ids[item.id]},
                )
            else:
                item_ids[item.id] = (*loc, "id")
            yield from _check_item(item, loc)


def _check_item(item, loc: tuple) -> Iterator[Finding]:
    kind = item.kind  # the fields and checks of each type: sopkit.documents.itemtypes
    if kind.scored and (item.points is None or item.points <= 0):
        where = (*loc, "points") if item.points is not None else loc
        yield Finding("item-points", where, {"id": item.id, "type": item.type})
    if not kind.scored and item.points is not None:
        yield Finding(
            "field-not-for-type", (*loc, "points"), {"field": "points", "type": item.type},
            Severity.WARNING, on_key=True,
        )  # fmt: skip
    for code, below, args in kind.check(item):
        yield Finding(code, (*loc, *below), args)
    for name in TYPE_FIELDS:
        if getattr(item, name) is not None and name not in kind.fields:
            yield Finding(
                "field-not-for-type", (*loc, name), {"field": name, "type": item.type},
                Severity.WARNING, on_key=True,
            )  # fmt: skip
    if item.step is not None and (item.step.count("#") != 1 or item.step.startswith("#")):
        yield Finding("bad-step-link", (*loc, "step"), {"value": item.step})


# Fields a document in force needs and a draft may still lack (an imported draft is filled
# in step by step): a warning while ``status: draft``, an error otherwise.
ACTIVE_REQUIRED = {
    "role": ("department", "summary", "duties"),
    "procedure": ("purpose", "scope"),
}
_DRAFT_WORDS = frozenset({"draft", "草稿"})


def check_required(data: dict, misspelt: set[str] = frozenset()) -> Iterator[Finding]:
    """Required-when-active fields of the raw ``data`` (it need not be a valid document, so
    they are reported together with its other errors). ``misspelt``: fields whose key is
    already reported as an unknown key with this field as the suggestion."""
    status = data.get("status")
    draft = isinstance(status, str) and status.strip() in _DRAFT_WORDS
    severity = Severity.WARNING if draft else Severity.ERROR
    for name in ACTIVE_REQUIRED.get(str(data.get("kind")), ()):
        value = data.get(name)
        if value is None and name not in misspelt:
            kind = str(data.get("kind")).capitalize()
            yield Finding(
                "missing-field", (), {"field": name, "meaning": f"§{kind}.{name}"}, severity
            )
        elif value == []:
            yield Finding("empty-value", (name,), {"field": name}, severity)


_CHECKS = {Role: check_role, Procedure: check_procedure, Checklist: check_checklist}


def check_document(doc: Document) -> Iterator[Finding]:
    """Every single-document rule for ``doc``."""
    yield from check_versions(doc)
    yield from _CHECKS[type(doc)](doc)
