"""One filled sheet judged against the library: a :class:`SheetScore` (FORMAT.md §7).

What a reader found (:mod:`sopkit.checklist.reader`) is matched to its checklist in the
library (the source of truth for points and types), checked against the form it was printed
from, and scored (:mod:`sopkit.checklist.scoring`). Everything that goes wrong becomes the
sheet's status and diagnostics. Pure: the caches of a batch come in as :class:`Hooks`.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sopkit.checklist.answers import (
    INVALID,
    normalize,
    number_and_unit,
    shown,
    suggest,
    to_number,
    units,
)
from sopkit.checklist.meta import form_fingerprint
from sopkit.checklist.reader import Added, FilledSheet
from sopkit.checklist.scoring import (
    ItemResult,
    Plan,
    ScoreResult,
    Spec,
    as_number,
    plan,
    raw_result,
    score_raw,
)
from sopkit.diagnostics import Diagnostic, Findings, Location, Severity
from sopkit.documents.models.checklist import Checklist

FILE_STATUSES = ("ok", "incomplete", "invalid", "outdated", "unreadable", "unknown", "skipped")

_INVALID_CODES = {
    "§choice": "answer-invalid-check",
    "§number": "answer-invalid-number",
    "§unit": "answer-wrong-unit",
    "§integer": "answer-invalid-count",
    "§range": "answer-out-of-range",
}
# A cell that holds only these looks empty but is not: said plainly (issue 9, item 24).
_INVISIBLE = re.compile(r"[\s\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]+")
_MISSING_CODES = {  # --missing mode -> how unanswered items are reported
    "error": ("answers-missing", Severity.ERROR),
    "fail": ("answers-missing-failed", Severity.WARNING),
    "na": ("answers-missing-left-out", Severity.WARNING),
}


@dataclass
class SheetScore(Findings):
    """The outcome for one file (``errors``, ``warnings``, ``notices`` as a report's)."""

    file: str
    status: str
    checklist: str | None = None
    sheet: str | None = None  # the worksheet of the inspection (a workbook may hold several)
    title: str | None = None
    version: str | None = None  # the version printed on the form
    library_version: str | None = None
    header: dict[str, str | None] = field(default_factory=dict)
    result: ScoreResult | None = None
    cells: dict[str, str] = field(default_factory=dict)  # item id -> result cell
    remarks: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    added: list[Added] = field(default_factory=list)  # rows the inspector added
    rules_version: str | None = None  # the version whose rules scored it (None: the library's)
    excluded: bool = False  # of a draft or retired checklist: not in the summary figures
    duplicate_of: str | None = None  # the same inspection seen first there: counted once
    encoded: tuple | None = field(default=None, repr=False, compare=False)  # see jsonout

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def outcome(self) -> str:
        """Where a batch puts this sheet, for ``score``'s totals and ``record``'s states
        alike: ``skipped`` (not a workbook), ``duplicate`` (the same inspection met before:
        counted once), ``scored`` (a score to count and record), else ``not-scored``."""
        if self.status == "skipped":
            return "skipped"
        if self.duplicate_of is not None:
            return "duplicate"
        scored = self.ok and self.result is not None and self.result.score is not None
        return "scored" if scored else "not-scored"

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The JSON object of FORMAT.md §7."""
        r = self.result
        items = []
        if r is not None:
            for i in r.items:
                items.append(
                    {
                        "id": i.id,
                        "type": i.type,
                        "answer": i.answer,
                        "earned": as_number(i.earned),
                        "points": as_number(i.points),
                        "failed": i.failed,
                        "cell": self.cells.get(i.id),
                    }
                )
        return {
            "file": self.file,
            "sheet": self.sheet,
            "checklist": self.checklist,
            "title": self.title,
            "version": self.version,
            "library_version": self.library_version,
            "rules_version": self.rules_version or (self.library_version if self.result else None),
            "status": self.status,
            "duplicate_of": self.duplicate_of,
            "score": as_number(r.score) if r else None,
            "maximum": as_number(r.maximum) if r else None,
            "pass": as_number(r.pass_mark) if r else None,
            "passed": r.passed if r else None,
            "grade": r.grade if r else None,
            "critical_failed": r.critical_failed if r else [],
            "missing": r.missing if r else [],
            "invalid": [
                {"id": i.id, "answer": i.answer, "cell": self.cells.get(i.id)}
                for i in (r.items if r else ())
                if i.state == INVALID
            ],
            "header": dict(self.header),
            "items": items,
            "added": [asdict(a) for a in self.added],
            "errors": [_diag(d, lang) for d in self.errors],
            "warnings": [_diag(d, lang) for d in self.warnings],
        }

    def failed_items(self) -> list[ItemResult]:
        return [i for i in self.result.items if i.failed] if self.result else []


def _diag(d: Diagnostic, lang: str) -> dict[str, Any]:
    return {
        "code": d.code,
        "cell": d.location.cell,
        "message": d.message(lang),
        "hint": d.hint(lang),
    }


@dataclass(frozen=True)
class Hooks:
    """How a sheet gets its checklist's scoring plan, form fingerprint and item results.

    The defaults compute them; a batch passes cached ones (:mod:`sopkit.checklist.batch`).
    """

    plan: Callable[[Checklist], Plan] = plan
    fingerprint: Callable[[Checklist], str] = form_fingerprint
    result_of: Callable[[Spec, Any, str], ItemResult] = raw_result


PURE = Hooks()


def at(
    path: str, code: str, cell: str | None = None, severity: Severity = Severity.ERROR, **args: Any
) -> Diagnostic:
    return Diagnostic(code, Location(path, cell=cell), args, severity)


Older = Callable[[str, str], Checklist | None]  # (checklist id, version) -> that version


def score_filled(
    name: str,
    filled: FilledSheet,
    checklists: Mapping[str, Checklist],
    missing: str = "error",
    library_name: str = "",
    broken: Collection[str] = frozenset(),
    hooks: Hooks = PURE,
    older: Older | None = None,
) -> SheetScore:
    """Score what :func:`~sopkit.checklist.reader.read_filled` found in file ``name``.

    ``older`` finds an earlier version of a checklist (from git history): a form printed
    from it is scored by its rules; without it, such a form is ``outdated``.
    """
    out = SheetScore(
        name,
        "unknown",
        filled.checklist_id,
        sheet=filled.sheet,
        version=filled.version,
        header=filled.header,
    )
    for label, empty, cell in filled.moved:  # a column inserted in the header
        out.diagnostics.append(at(name, "sheet-header-moved", cell, Severity.WARNING,
                                  label=label, empty=empty))  # fmt: skip
    checklist = _match(out, filled, checklists, library_name, broken)
    if checklist is None:
        return out
    _status_warning(out, checklist)
    if not _form_checks(out, filled, checklist, hooks.plan(checklist).ids):
        return out
    rules = _rules(out, filled, checklist, hooks, older)
    if rules is None:
        return out
    scoring_plan = hooks.plan(rules)
    raws = _answers(out, filled, scoring_plan.ids)
    _percentages(raws, filled, out.cells)
    result = score_raw(scoring_plan, raws, missing, result_of=hooks.result_of)
    out.result = result
    out.status = result.status
    _answer_findings(out, rules, result, missing)
    return out


def _match(
    out: SheetScore,
    filled: FilledSheet,
    checklists: Mapping[str, Checklist],
    library_name: str,
    broken: Collection[str],
) -> Checklist | None:
    """The sheet's checklist in the library, or None (with the reason in ``out``)."""
    name, diags = out.file, out.diagnostics
    key = (filled.checklist_id or "").lower()
    checklist = checklists.get(key)
    if checklist is None and key in broken:
        out.status = "invalid"
        diags.append(at(name, "sheet-checklist-has-errors", id=filled.checklist_id))
        return None
    if checklist is None:
        ids = [c.id for c in checklists.values()]
        guess = difflib.get_close_matches(filled.checklist_id or "", ids, n=1, cutoff=0.6)
        diags.append(
            at(
                name,
                "sheet-unknown-checklist",
                id=filled.checklist_id,
                library=library_name,
                suggestion=guess[0] if guess else "",
            )
        )
        return None
    out.checklist, out.title, out.library_version = checklist.id, checklist.title, checklist.version
    return checklist


def _status_warning(out: SheetScore, checklist: Checklist) -> None:
    """A sheet of a draft or retired checklist: warned, and kept out of summary figures."""
    if checklist.status in ("draft", "retired"):
        out.excluded = True
        out.diagnostics.append(
            at(out.file, f"sheet-checklist-{checklist.status}", None, Severity.WARNING,
               id=checklist.id, version=checklist.version)
        )  # fmt: skip


def _form_checks(
    out: SheetScore, filled: FilledSheet, checklist: Checklist, ids: list[str]
) -> bool:
    """Warnings about the form itself; False when it is not a form of ``checklist``."""
    name, diags = out.file, out.diagnostics
    if not filled.has_meta:
        why = "§meta-csv" if name.lower().endswith(".csv") else "§meta-deleted"
        diags.append(at(name, "sheet-meta-missing", severity=Severity.WARNING, why=why))
    rows = filled.rows
    printed = (filled.doc_id or checklist.id).lower()
    if printed != checklist.id.lower() or not any(item_id in rows for item_id in ids):
        # The header of another checklist, or none of this checklist's ids: the wrong form.
        diags.append(at(name, "sheet-wrong-items", id=checklist.id, sheet=filled.sheet))
        return False
    known = set(ids)
    twice = [
        (item_id, cell, other) for item_id, cell, other in filled.duplicates if item_id in known
    ]
    if twice:  # one warning for every row met twice (a pasted section repeats many)
        _, cell, other = twice[0]
        every = ", ".join(dict.fromkeys(item_id for item_id, _, _ in twice))
        diags.append(at(name, "sheet-duplicate-row", cell, Severity.WARNING, id=every, other=other))
    return True


def _rules(
    out: SheetScore, filled: FilledSheet, checklist: Checklist, hooks: Hooks, older: Older | None
) -> Checklist | None:
    """The version of the checklist whose rules score the sheet (None: ``outdated``)."""
    name, diags, warn = out.file, out.diagnostics, Severity.WARNING
    current = hooks.fingerprint(checklist)
    if not filled.version or filled.version == checklist.version:
        if filled.fingerprint and filled.fingerprint != current:
            diags.append(at(name, "sheet-fingerprint", None, warn, id=checklist.id,
                            version=checklist.version))  # fmt: skip
        return checklist
    args = {"id": checklist.id, "sheet": filled.version, "library": checklist.version}
    if filled.fingerprint == current:  # only the version changed: the same rules
        diags.append(at(name, "sheet-version", None, warn, **args))
        return checklist
    if _newer(filled.version, checklist.version):  # the library is behind the form
        out.status = "outdated"
        diags.append(at(name, "sheet-newer-version", **args))
        return None
    old = older(checklist.id, filled.version) if older is not None else None
    if old is not None and filled.fingerprint in (None, hooks.fingerprint(old)):
        diags.append(at(name, "sheet-older-version", None, warn, **args))
        out.rules_version = old.version
        return old
    out.status = "outdated"
    diags.append(at(name, "sheet-outdated", **args))
    return None


def _newer(sheet: str, library: str) -> bool:
    """Whether version ``sheet`` comes after ``library`` ("2.1" after "2.0"; False when
    either has no number to compare)."""
    a, b = re.findall(r"\d+", sheet), re.findall(r"\d+", library or "")
    return bool(a and b) and tuple(map(int, a)) > tuple(map(int, b))


def _answers(out: SheetScore, filled: FilledSheet, ids: list[str]) -> dict[str, Any]:
    """Each item's raw answer; its cell and remark go to ``out``."""
    raws: dict[str, Any] = {}
    cells, remarks, rows = out.cells, out.remarks, filled.rows
    known = set(ids)
    lost: list[str] = []
    out.added = list(filled.added)
    for item_id, row in rows.items():  # a row with an id of its own: an added finding too
        if item_id not in known and row.result not in (None, "") and row.text not in (None, ""):
            text, answer = shown(row.text), shown(row.result)
            if text and answer:
                remark = shown(row.remarks) or None
                out.added.append(Added(row.cell, item_id, text, answer, remark))
    for item_id in ids:
        row = rows.get(item_id)
        if row is None:
            lost.append(item_id)
            continue
        cells[item_id] = row.cell
        raws[item_id] = row.result
        if row.remarks is not None and row.remarks != "":
            remark = shown(row.remarks)
            if remark:
                remarks[item_id] = remark
    warn = Severity.WARNING
    if lost:  # one warning for every row that is gone
        out.diagnostics.append(
            at(out.file, "sheet-item-row-missing", None, warn, id=", ".join(lost))
        )
    if out.added:
        first = out.added[0]
        out.diagnostics.append(at(out.file, "sheet-added-rows", first.cell, warn,
                                  count=len(out.added), text=first.text))  # fmt: skip
    return raws


def _percentages(raws: dict[str, Any], filled: FilledSheet, cells: Mapping[str, str]) -> None:
    """Numbers shown as percentages (97% typed, 0.97 stored) read as the text shown.

    Looked up for every number answer: on a % item 97% reads 97; on an item of another
    unit ``100%`` or ``150%`` (1 and 1.5 stored) is then reported as a wrong unit.
    """
    if filled.percent is None:
        return
    wanted = {
        cells[item_id].rpartition("!")[2]: item_id
        for item_id, raw in raws.items()
        if raw.__class__ in (float, int)
    }
    if not wanted:
        return
    for ref in filled.percent(wanted.keys()):
        item_id = wanted[ref]
        hundred = Decimal(repr(raws[item_id])) * 100
        raws[item_id] = f"{hundred.normalize():f}%"


def _answer_findings(
    out: SheetScore, checklist: Checklist, result: ScoreResult, missing: str
) -> None:
    """A diagnostic per invalid answer, and one for the unanswered items."""
    name, diags = out.file, out.diagnostics
    if result.invalid:
        defined = {i.id: i for _, i in checklist.items()}
        for item in result.items:
            if item.state != INVALID:
                continue
            unit = defined[item.id].unit
            found = number_and_unit(item.answer) if item.reason == "§unit" else None
            diags.append(
                at(
                    name,
                    "answer-invisible"
                    if _INVISIBLE.fullmatch(str(item.answer))
                    else _INVALID_CODES[item.reason],
                    out.cells.get(item.id),
                    answer=item.answer,
                    id=item.id,
                    type=f"§item-{item.type}",
                    points=as_number(item.points),
                    found=found[1] if found else "",
                    units=" ".join(units(item.type, unit)),
                    suggestion=suggest(item.answer, item.type, unit),
                )
            )
    if result.unfilled:
        first = out.cells.get(result.missing[0])
        diags.append(at(name, "sheet-not-filled", first, count=len(result.missing)))
    elif result.missing:
        # Listed whatever the status (also next to invalid answers), so that the table
        # names the items its "not answered" column counts.
        code, severity = _MISSING_CODES[missing]
        first = out.cells.get(result.missing[0])
        diags.append(at(name, code, first, severity, count=len(result.missing),
                        ids=", ".join(result.missing)))  # fmt: skip


def _same_answer(text: str | None) -> Any:
    """An answer as two copies of one sheet hold it: ``97%`` and ``97.00%`` (a CSV export
    writes the number as its cell shows it) are the same answer."""
    if not text:
        return text
    found = number_and_unit(text)
    if found is not None:
        return (found[0].normalize(), normalize(found[1]))
    number = to_number(text)
    return number.normalize() if number is not None else normalize(text)


def _fingerprint_of(score: SheetScore) -> tuple:
    """What makes two sheets the same inspection: checklist, header, answers, added rows."""
    answers = (
        tuple((i.id, _same_answer(i.answer)) for i in score.result.items) if score.result else ()
    )
    # １号楼 and 1号楼, 张敏 and 张敏 with a full-width space: the same header.
    header = tuple(sorted((k, normalize(v) if v else v) for k, v in score.header.items()))
    added = tuple((a.text, _same_answer(a.answer)) for a in score.added)
    return (score.checklist.lower(), header, answers, added)


def _where(score: SheetScore) -> str:
    return f"{score.file} [{score.sheet}]" if score.sheet else score.file


def flag_duplicates(scores: list[SheetScore]) -> None:
    """Mark repeated inspections (``sheet-duplicate``: counted once) and different sheets of
    the same checklist, site and date (``sheet-same-visit``: one warning on each, naming the
    others).

    The same inspection: the same checklist, header fields, answers and added rows."""
    seen: dict[tuple, SheetScore] = {}
    visits: dict[tuple, list[SheetScore]] = {}
    warn = Severity.WARNING
    # The shortest name is taken for the original: "a.xlsx", not "a - 副本.xlsx".
    for score in sorted(scores, key=lambda s: (len(s.file), s.file)):
        if score.checklist is None or score.result is None:
            continue
        key = _fingerprint_of(score)
        first = seen.get(key)
        if first is not None:
            score.duplicate_of = _where(first)
            score.diagnostics.append(at(score.file, "sheet-duplicate", None, warn,
                                        other=score.duplicate_of))  # fmt: skip
            continue
        seen[key] = score
        site, day = score.header.get("site"), score.header.get("date")
        if site and day:
            visit = (score.checklist.lower(), normalize(site), normalize(day))
            visits.setdefault(visit, []).append(score)
    for group in visits.values():
        if len(group) < 2:
            continue
        for score in group:
            # A folder of one site's day: name a few, count the rest (not a list of them all
            # for each sheet, which would be quadratic in the size of the folder).
            others = (o for o in group if o is not score)
            names = [_where(o) for o in itertools.islice(others, 4)]
            if len(names) > 3:
                names[3:] = [f"… (+{len(group) - 4})"]
            others = ", ".join(names)
            score.diagnostics.append(at(score.file, "sheet-same-visit", None, warn,
                                        id=score.checklist, site=score.header.get("site"),
                                        date=score.header.get("date"), other=others))  # fmt: skip
