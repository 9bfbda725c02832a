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
from sopkit.diagnostics import Diagnostic
from sopkit.documents.models import Checklist

__all__ = ["InspectedItem", "Inspection", "NoInputError", "expand_inputs", "score_for_record"]


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

    @property
    def scored(self) -> bool:
        return self.status == "ok" and self.score is not None

    def content_key(self) -> str:
        """SHA-256 of what the inspector wrote (checklist, header, answers), not of the file:
        the same sheet saved again, renamed or copied is the same inspection."""
        data = {
            "checklist": (self.checklist or "").lower(),
            "version": self.version,
            "header": {k: (v or "").strip() for k, v in sorted(self.header.items())},
            "answers": [(i.item, i.answer) for i in self.items],
        }
        raw = json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
        return hashlib.sha256(raw).hexdigest()


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _inspection(sheet: SheetScore) -> Inspection:
    r = sheet.result
    out = Inspection(
        sheet.file,
        sheet.status,
        sheet.checklist,
        sheet.library_version,
        dict(sheet.header),
        diagnostics=list(sheet.diagnostics),
    )
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
) -> list[Inspection]:
    """Score ``paths`` as ``sopkit score`` does; one :class:`Inspection` per file."""
    sheets = score_paths(paths, checklists, missing=missing, broken=broken,
                         library_name=library_name, progress=progress)  # fmt: skip
    return [_inspection(s) for s in sheets]
