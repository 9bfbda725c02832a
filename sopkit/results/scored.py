"""The one place that touches :mod:`sopkit.checklist`: scored sheets as plain records.

Everything else in :mod:`sopkit.results` works on :class:`Inspection` values, so when the
checklist package moves its batch code or changes its result types, only this module follows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sopkit.checklist.batch import NoInputError, SheetScore, expand_inputs, score_paths
from sopkit.checklist.sheet import Older
from sopkit.diagnostics import Diagnostic
from sopkit.documents.fingerprint import stored
from sopkit.documents.models import Checklist

__all__ = ["AddedFinding", "InspectedItem", "Inspection", "NoInputError", "Older",
           "expand_inputs", "score_for_record"]  # fmt: skip


@dataclass(slots=True)
class InspectedItem:
    """One item of a recorded inspection."""

    item: str
    position: int
    answer: str | None
    earned: float | None
    points: float | None
    failed: bool
    critical: bool


@dataclass(slots=True)
class AddedFinding:
    """A row the inspector added (text and an answer, no item id): not part of the score."""

    cell: str  # 检查表!B14
    text: str
    answer: str | None
    remarks: str | None


@dataclass(slots=True)
class Inspection:
    """One scored sheet, ready to be recorded (``scored`` False: not recordable)."""

    file: str
    status: str
    checklist: str | None
    version: str | None
    header: dict[str, str | None]
    score: float | None = None
    maximum: float | None = None
    passed: bool | None = None
    grade: str | None = None
    critical_failures: int = 0
    items: list[InspectedItem] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sheet: str | None = None  # the worksheet: a workbook may hold several inspections
    added: list[AddedFinding] = field(default_factory=list)
    excluded: bool = False  # of a draft or retired checklist: stored, out of every figure
    duplicate_of: str | None = None  # the same inspection met first there (sheet-duplicate)
    outcome: str = "not-scored"  # the sheet's place in the batch, as score counts it
    # The fingerprint of the older version whose rules scored it (None: the library's own).
    fingerprint: str | None = None

    @property
    def where(self) -> str:
        """The file, and its sheet when it has one: ``a.xlsx [检查表 (2)]`` (as ``score`` says)."""
        return f"{self.file} [{self.sheet}]" if self.sheet else self.file

    def content_key(self) -> str:
        """SHA-256 of what the inspector wrote (checklist, header, answers), not of the file:
        the same sheet saved again, renamed or copied is the same inspection."""
        data = {
            "checklist": (self.checklist or "").lower(),
            "version": self.version,
            "header": {k: (v or "").strip() for k, v in sorted(self.header.items())},
            "answers": [(i.item, i.answer) for i in self.items],
        }
        if self.added:  # absent when none: keys of stores recorded before stay the same
            data["added"] = [(a.cell, a.text, a.answer) for a in self.added]
        raw = json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
        return hashlib.sha256(raw).hexdigest()


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _inspection(sheet: SheetScore, older: Older | None) -> Inspection:
    r = sheet.result
    out = Inspection(
        sheet.file,
        sheet.status,
        sheet.checklist,
        sheet.rules_version or sheet.library_version,  # an older form: its own version's
        dict(sheet.header),
        diagnostics=list(sheet.diagnostics),
        sheet=sheet.sheet,
        added=[AddedFinding(a.cell, a.text, a.answer, a.remarks) for a in sheet.added],
        excluded=sheet.excluded,
        duplicate_of=sheet.duplicate_of,
        outcome=sheet.outcome,
    )
    if sheet.rules_version and sheet.checklist and older is not None:  # an older form
        old = older(sheet.checklist, sheet.rules_version)
        out.fingerprint = stored(old) if old is not None else None
    if r is None:
        return out
    out.score, out.maximum, out.passed = _num(r.score), _num(r.maximum), r.passed
    out.grade, out.critical_failures = r.grade, len(r.critical_failed)
    out.items = [
        InspectedItem(i.id, n, i.answer, _num(i.earned), _num(i.points), i.failed, i.critical)
        for n, i in enumerate(r.items)
    ]
    return out


def score_for_record(
    paths: Sequence[Path],
    checklists: Iterable[Checklist],
    *,
    broken: Iterable[str] = (),
    missing: str = "error",
    library_name: str = "",
    progress: Callable[[int, int], None] | None = None,
    skipped: Sequence[Path] = (),
    older: Older | None = None,
) -> list[Inspection]:
    """Score ``paths`` as ``sopkit score`` does: one :class:`Inspection` per inspection
    (a workbook may hold several sheets), one ``skipped`` per file of ``skipped``.

    ``older`` finds earlier versions of a checklist: asked only when a form is of a version
    the library no longer has (then the batch is scored again with it, as ``score`` does).
    """
    checklists = list(checklists)
    options = {"missing": missing, "broken": broken, "library_name": library_name,
               "skipped_files": skipped}  # fmt: skip
    sheets = score_paths(paths, checklists, progress=progress, **options)
    if older is not None and any(s.status == "outdated" for s in sheets):
        sheets = score_paths(paths, checklists, older=older, **options)
    return [_inspection(s, older) for s in sheets]
