"""Scoring, per FORMAT.md §5: a checklist and its answers in, a :class:`ScoreResult` out.

Pure: no files, no terminal. Arithmetic is :class:`~decimal.Decimal` throughout so that
a score of 84.95 rounds to 85.0 as Excel's ROUND does, not to 84.9 as a binary float would.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sopkit.answers import BLANK, INVALID, VALUE, Answer
from sopkit.models.checklist import Checklist

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


class ScoreResult:
    """A scored sheet. Pickles compactly: worker processes send thousands of them back."""

    __slots__ = ("_items", "_packed", "checklist", "critical_failed", "failed", "grade",
                 "invalid", "maximum", "method", "missing", "pass_mark", "passed", "score",
                 "status", "version")  # fmt: skip

    def __init__(self, checklist: str, version: str, method: str, maximum: Decimal,
                 pass_mark: Decimal, status: str, score: Decimal | None, passed: bool | None,
                 grade: str | None, items: list[ItemResult]) -> None:  # fmt: skip
        self.checklist, self.version, self.method = checklist, version, method
        self.maximum, self.pass_mark, self.status = maximum, pass_mark, status
        self.score, self.passed, self.grade = score, passed, grade
        self._items: list[ItemResult] | None = items
        self._packed: tuple | None = None
        self.critical_failed = [i.id for i in items if i.critical and i.failed]
        self.failed = [i.id for i in items if i.failed]
        self.missing = [i.id for i in items if i.state == BLANK and i.type != "info"]
        self.invalid = [i.id for i in items if i.state == INVALID]

    @property
    def items(self) -> list[ItemResult]:
        if self._items is None:
            self._items = [_unpack(t) for t in self._packed]
        return self._items

    def __reduce__(self):
        packed = self._packed or tuple(_pack(i) for i in self._items)
        head = (self.checklist, self.version, self.method, self.maximum, self.pass_mark,
                self.status, self.score, self.passed, self.grade)  # fmt: skip
        lists = (self.critical_failed, self.failed, self.missing, self.invalid)
        return _restore, (head, lists, packed)

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


def _pack(i: ItemResult) -> tuple:
    earned = None if i.earned is None else str(i.earned)
    points = None if i.points is None else str(i.points)
    return (i.id, i.type, i.section, i.state, i.answer, earned, points, i.failed, i.critical,
            i.reason)  # fmt: skip


def _unpack(t: tuple) -> ItemResult:
    earned = None if t[5] is None else Decimal(t[5])
    points = None if t[6] is None else Decimal(t[6])
    return ItemResult(t[0], t[1], t[2], t[3], t[4], earned, points, t[7], t[8], t[9])


def _restore(head: tuple, lists: tuple, packed: tuple) -> ScoreResult:
    result = ScoreResult.__new__(ScoreResult)
    (result.checklist, result.version, result.method, result.maximum, result.pass_mark,
     result.status, result.score, result.passed, result.grade) = head  # fmt: skip
    result.critical_failed, result.failed, result.missing, result.invalid = lists
    result._items, result._packed = None, packed
    return result


@dataclass(frozen=True, slots=True)
class _Spec:
    """An item with its numbers as Decimals, computed once per checklist."""

    id: str
    type: str
    section: int
    points: Decimal
    per: Decimal
    low: Decimal | None
    high: Decimal | None
    critical: bool


_SPECS: dict[int, tuple[Checklist, list[_Spec]]] = {}


def _specs(checklist: Checklist) -> list[_Spec]:
    cached = _SPECS.get(id(checklist))
    if cached is not None and cached[0] is checklist:
        return cached[1]
    specs = []
    for index, section in enumerate(checklist.sections):
        for item in section.items:
            target = item.target
            low = None if target is None or target.min is None else dec(target.min)
            high = None if target is None or target.max is None else dec(target.max)
            kind = item.type if item.scored else "info"
            specs.append(_Spec(item.id, kind, index, dec(item.points), dec(item.per), low, high,
                               item.critical))  # fmt: skip
    _SPECS[id(checklist)] = (checklist, specs)
    return specs


_ZERO = Decimal(0)


def _earned(spec: _Spec, value: Any) -> tuple[Decimal, bool]:
    """(earned, failed) for an answered, applicable item."""
    points = spec.points
    kind = spec.type
    if kind == "check":
        return (points, False) if value else (_ZERO, True)
    if kind == "scale":
        return value, value * 2 < points
    if kind == "count":
        return points - min(value * spec.per, points), value >= 1
    inside = (spec.low is None or value >= spec.low) and (spec.high is None or value <= spec.high)
    return (points, False) if inside else (_ZERO, True)


def score_items(
    checklist: Checklist, answers: Mapping[str, Answer], missing: str = "error"
) -> list[ItemResult]:
    """Score every item of ``checklist``; an item absent from ``answers`` is unanswered."""
    if missing not in MISSING_MODES:
        raise ValueError(f"missing must be one of {MISSING_MODES}, not {missing!r}")
    out = []
    blank = Answer(BLANK)
    for spec in _specs(checklist):
        answer = answers.get(spec.id, blank)
        shown = answer.shown or None
        if spec.type == "info":
            out.append(ItemResult(spec.id, "info", spec.section, "info", shown, None, None))
        elif answer.kind == VALUE:
            earned, failed = _earned(spec, answer.value)
            out.append(ItemResult(spec.id, spec.type, spec.section, VALUE, shown, earned,
                                  spec.points, failed, spec.critical))  # fmt: skip
        elif answer.kind == BLANK and missing == "fail":
            out.append(ItemResult(spec.id, spec.type, spec.section, BLANK, None, _ZERO,
                                  spec.points, True, spec.critical))  # fmt: skip
        else:
            out.append(ItemResult(spec.id, spec.type, spec.section, answer.kind, shown, None,
                                  spec.points, False, spec.critical, answer.reason))  # fmt: skip
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
