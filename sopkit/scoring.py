"""Scoring, per FORMAT.md §5: a checklist and its answers in, a :class:`ScoreResult` out.

Pure: no files, no terminal. Arithmetic is :class:`~decimal.Decimal` throughout so that
a score of 84.95 rounds to 85.0 as Excel's ROUND does, not to 84.9 as a binary float would.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sopkit.answers import BLANK, INVALID, VALUE, Answer
from sopkit.models.checklist import Checklist, Item

MISSING_MODES = ("error", "fail", "na")
STATUSES = ("ok", "incomplete", "invalid")
_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)


def dec(value: float | int | Decimal | None) -> Decimal:
    """A model number as a Decimal, exactly as written in the YAML (0.1 stays 0.1)."""
    if value is None:
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def round_score(value: Decimal) -> Decimal:
    """One decimal, half up (Excel's ROUND for the non-negative scores sopkit computes)."""
    return value.quantize(_TENTH, rounding=ROUND_HALF_UP)


def as_number(value: Decimal | None) -> int | float | None:
    """A Decimal as the JSON number a reader expects: 5, 7.5."""
    if value is None:
        return None
    integral = value.to_integral_value()
    return int(integral) if value == integral else float(value)


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One item of a scored sheet.

    ``state`` is ``value`` (answered), ``na``, ``blank`` (unanswered), ``invalid``, or
    ``info`` for items that are never scored.
    """

    id: str
    type: str
    section: int
    state: str
    answer: str | None
    earned: Decimal | None
    points: Decimal | None
    failed: bool = False
    critical: bool = False
    reason: str = ""

    @property
    def applicable(self) -> bool:
        return self.earned is not None


@dataclass
class ScoreResult:
    checklist: str
    version: str
    method: str
    maximum: Decimal
    pass_mark: Decimal
    status: str
    score: Decimal | None
    passed: bool | None
    grade: str | None
    items: list[ItemResult] = field(default_factory=list)

    @property
    def critical_failed(self) -> list[str]:
        return [i.id for i in self.items if i.critical and i.failed]

    @property
    def failed(self) -> list[str]:
        return [i.id for i in self.items if i.failed]

    @property
    def missing(self) -> list[str]:
        return [i.id for i in self.items if i.state == BLANK and i.type != "info"]

    @property
    def invalid(self) -> list[str]:
        return [i.id for i in self.items if i.state == INVALID]

    def to_dict(self) -> dict[str, Any]:
        return {
            "checklist": self.checklist,
            "version": self.version,
            "method": self.method,
            "status": self.status,
            "score": as_number(self.score),
            "maximum": as_number(self.maximum),
            "pass": as_number(self.pass_mark),
            "passed": self.passed,
            "grade": self.grade,
            "critical_failed": self.critical_failed,
            "missing": self.missing,
            "invalid": self.invalid,
            "failed": self.failed,
            "items": [
                {
                    "id": i.id,
                    "answer": i.answer,
                    "earned": as_number(i.earned),
                    "points": as_number(i.points),
                    "failed": i.failed,
                }
                for i in self.items
            ],
        }


def _earned(item: Item, value: Any, points: Decimal) -> tuple[Decimal, bool]:
    """(earned, failed) for an answered, applicable item."""
    if item.type == "check":
        return (points, False) if value else (Decimal(0), True)
    if item.type == "scale":
        return value, value * 2 < points
    if item.type == "count":
        lost = min(value * dec(item.per), points)
        return points - lost, value >= 1
    # measure
    target = item.target
    low = target.min if target else None
    high = target.max if target else None
    inside = (low is None or value >= dec(low)) and (high is None or value <= dec(high))
    return (points, False) if inside else (Decimal(0), True)


def score_items(
    checklist: Checklist, answers: Mapping[str, Answer], missing: str = "error"
) -> list[ItemResult]:
    """Score every item of ``checklist``; an item absent from ``answers`` is unanswered."""
    if missing not in MISSING_MODES:
        raise ValueError(f"missing must be one of {MISSING_MODES}, not {missing!r}")
    out = []
    blank = Answer(BLANK)
    for index, section in enumerate(checklist.sections):
        for item in section.items:
            answer = answers.get(item.id, blank)
            shown = answer.shown or None
            if not item.scored:
                out.append(ItemResult(item.id, "info", index, "info", shown, None, None))
                continue
            points = dec(item.points)
            common = {"critical": item.critical}
            if answer.kind == VALUE:
                earned, failed = _earned(item, answer.value, points)
                out.append(
                    ItemResult(
                        item.id, item.type, index, VALUE, shown, earned, points, failed, **common
                    )
                )
            elif answer.kind == BLANK and missing == "fail":
                out.append(
                    ItemResult(
                        item.id, item.type, index, BLANK, None, Decimal(0), points, True, **common
                    )
                )
            else:
                out.append(
                    ItemResult(
                        item.id,
                        item.type,
                        index,
                        answer.kind,
                        shown,
                        None,
                        points,
                        reason=answer.reason,
                        **common,
                    )
                )
    return out


def compute_score(checklist: Checklist, items: list[ItemResult]) -> Decimal:
    """The rounded score of applicable items (FORMAT.md §5, before the critical rule)."""
    scoring = checklist.scoring
    applicable = [i for i in items if i.applicable]
    if scoring.method == "deduct":
        lost = sum((i.points - i.earned for i in applicable), Decimal(0))
        return round_score(max(Decimal(0), dec(scoring.total) - lost))
    weights = [s.weight for s in checklist.sections]
    if all(w is None for w in weights):
        possible = sum((i.points for i in applicable), Decimal(0))
        if not possible:
            return round_score(_HUNDRED)
        return round_score(_HUNDRED * sum((i.earned for i in applicable), Decimal(0)) / possible)
    weighted = total_weight = Decimal(0)
    for index, weight in enumerate(weights):
        in_section = [i for i in applicable if i.section == index]
        possible = sum((i.points for i in in_section), Decimal(0))
        if not possible:
            continue
        percent = _HUNDRED * sum((i.earned for i in in_section), Decimal(0)) / possible
        weighted += dec(weight) * percent
        total_weight += dec(weight)
    return round_score(weighted / total_weight if total_weight else _HUNDRED)


def grade_of(checklist: Checklist, score: Decimal) -> str | None:
    """The first grade band whose min ≤ score."""
    for grade in checklist.scoring.grades or ():
        if dec(grade.min) <= score:
            return grade.name
    return None


def score_checklist(
    checklist: Checklist, answers: Mapping[str, Answer], missing: str = "error"
) -> ScoreResult:
    """Score one filled sheet of ``checklist``.

    ``missing`` decides what an unanswered scored item does: ``error`` (the sheet is
    ``incomplete`` and not scored), ``fail`` (earned 0, a failure) or ``na`` (left out).
    """
    scoring = checklist.scoring
    items = score_items(checklist, answers, missing)
    result = ScoreResult(
        checklist.id,
        checklist.version,
        scoring.method,
        dec(scoring.maximum),
        dec(scoring.pass_),
        "ok",
        None,
        None,
        None,
        items,
    )
    if result.invalid:
        result.status = "invalid"
    elif missing == "error" and result.missing:
        result.status = "incomplete"
    if result.status != "ok":
        return result
    score = compute_score(checklist, items)
    critical = bool(result.critical_failed)
    if critical and scoring.critical == "zero":
        score = round_score(Decimal(0))
    result.score = score
    result.passed = score >= dec(scoring.pass_) and not critical
    result.grade = grade_of(checklist, score)
    return result
