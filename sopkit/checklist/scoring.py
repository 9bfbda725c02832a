"""Scoring, per FORMAT.md §5: a checklist and its answers in, a :class:`ScoreResult` out.

Pure: no files, no terminal. Arithmetic is :class:`~decimal.Decimal` throughout so that
a score of 84.95 rounds to 85.0 as Excel's ROUND does, not to 84.9 as a binary float would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sopkit.checklist.answers import BLANK, INVALID, VALUE, Answer, parse_answer
from sopkit.documents.expressions import Expr
from sopkit.documents.models.checklist import Checklist

MISSING_MODES = ("error", "fail", "na")
STATUSES = ("ok", "incomplete", "invalid")
_TENTH = Decimal("0.1")
_HUNDRED = Decimal(100)
INFO = "unscored"  # the state of an item whose type is never scored


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
    ``unscored`` for items whose type is never scored (info).
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
    """A scored sheet.

    Scoring many sheets of one checklist yields the same :class:`ItemResult` objects again
    and again (see :func:`score_raw`); pickling a batch of results from a worker process
    then sends each of them once, and the rest as references.
    """

    __slots__ = ("checklist", "critical_failed", "failed", "grade", "invalid", "items",
                 "maximum", "method", "missing", "pass_mark", "passed", "score", "status",
                 "version")  # fmt: skip

    def __init__(self, checklist: str, version: str, method: str, maximum: Decimal,
                 pass_mark: Decimal, status: str, score: Decimal | None, passed: bool | None,
                 grade: str | None, items: list[ItemResult]) -> None:  # fmt: skip
        self.checklist, self.version, self.method = checklist, version, method
        self.maximum, self.pass_mark, self.status = maximum, pass_mark, status
        self.score, self.passed, self.grade = score, passed, grade
        self.items = items
        self.critical_failed: list[str] = []
        self.failed: list[str] = []
        self.missing: list[str] = []
        self.invalid: list[str] = []
        for i in items:
            if i.failed:
                self.failed.append(i.id)
                if i.critical:
                    self.critical_failed.append(i.id)
            if i.state == BLANK:  # an unscored item's state is INFO
                self.missing.append(i.id)
            elif i.state == INVALID:
                self.invalid.append(i.id)

    @property
    def unfilled(self) -> bool:
        """A blank form: no scored item has an answer (never scored, whatever ``missing``)."""
        return _unfilled(self.items)

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


@dataclass(frozen=True, slots=True)
class Spec:
    """An item as scoring needs it: its type's rules, its numbers as Decimals."""

    id: str
    type: str
    scored: bool
    section: int
    points: Decimal
    critical: bool
    env: dict[str, Decimal | None]  # points, per, low, high: the rules' variables
    earned: Expr | None  # of the answer x (sopkit.documents.itemtypes)
    failed: Expr | None
    item_points: float | int | None  # as written, for parse_answer
    unit: str | None


@dataclass(frozen=True, slots=True)
class Plan:
    """What scoring needs of a checklist, as Decimals (see :func:`plan`)."""

    checklist: str
    version: str
    specs: list[Spec]
    ids: list[str]
    weights: list[Decimal] | None  # None: no section weights
    method: str
    total: Decimal
    maximum: Decimal
    pass_mark: Decimal
    zero: bool  # critical: zero
    grades: list[tuple[Decimal, str]]


def plan(checklist: Checklist) -> Plan:
    """The scoring plan of ``checklist``: every number as a Decimal, every rule built."""
    specs = []
    for index, section in enumerate(checklist.sections):
        for item in section.items:
            kind = item.kind
            env = {k: None if v is None else dec(v) for k, v in kind.numbers(item).items()}
            earned = kind.earned(item) if kind.earned else None
            failed = kind.failed(item) if kind.failed else None
            specs.append(
                Spec(item.id, item.type, kind.scored, index, dec(item.points), item.critical,
                     env, earned, failed, item.points, item.unit)
            )  # fmt: skip
    scoring = checklist.scoring
    weights = [s.weight for s in checklist.sections]
    return Plan(
        checklist.id,
        checklist.version,
        specs,
        [spec.id for spec in specs],
        None if all(w is None for w in weights) else [dec(w) for w in weights],
        scoring.method,
        dec(scoring.total),
        dec(scoring.maximum),
        dec(scoring.pass_),
        scoring.critical == "zero",
        [(dec(g.min), g.name) for g in scoring.grades or ()],
    )


def _plan(checklist: Checklist | Plan) -> Plan:
    return checklist if isinstance(checklist, Plan) else plan(checklist)


def item_ids(checklist: Checklist | Plan) -> list[str]:
    """The ids of the checklist's items, in order."""
    return _plan(checklist).ids


_ZERO = Decimal(0)
_ONE = Decimal(1)
_BLANK = Answer(BLANK)


def _earned(spec: Spec, value: Any) -> tuple[Decimal, bool]:
    """(earned, failed) for an answered, applicable item, by its type's rules."""
    if isinstance(value, bool):  # a pass / fail answer is 1 or 0
        value = _ONE if value else _ZERO
    env = {**spec.env, "x": value}
    return spec.earned.evaluate(env), bool(spec.failed.evaluate(env))


def item_result(spec: Spec, answer: Answer, missing: str) -> ItemResult:
    """The result of one item given its parsed answer."""
    shown = answer.shown or None
    if not spec.scored:
        return ItemResult(spec.id, spec.type, spec.section, INFO, shown, None, None)
    if answer.kind == VALUE:
        earned, failed = _earned(spec, answer.value)
        return ItemResult(spec.id, spec.type, spec.section, VALUE, shown, earned, spec.points,
                          failed, spec.critical)  # fmt: skip
    if answer.kind == BLANK and missing == "fail":
        return ItemResult(spec.id, spec.type, spec.section, BLANK, None, _ZERO, spec.points,
                          True, spec.critical)  # fmt: skip
    return ItemResult(spec.id, spec.type, spec.section, answer.kind, shown, None, spec.points,
                      False, spec.critical, answer.reason)  # fmt: skip


def raw_result(spec: Spec, raw: Any, missing: str) -> ItemResult:
    """The result of one item given what its result cell holds."""
    return item_result(spec, parse_answer(raw, spec.type, spec.item_points, spec.unit), missing)


def _check_missing(missing: str) -> None:
    if missing not in MISSING_MODES:
        raise ValueError(f"missing must be one of {MISSING_MODES}, not {missing!r}")


def score_items(
    checklist: Checklist | Plan, answers: Mapping[str, Answer], missing: str = "error"
) -> list[ItemResult]:
    """Score every item of ``checklist``; an item absent from ``answers`` is unanswered."""
    _check_missing(missing)
    return [item_result(s, answers.get(s.id, _BLANK), missing) for s in _plan(checklist).specs]


def compute_score(checklist: Checklist | Plan, items: list[ItemResult]) -> Decimal:
    """The rounded score of applicable items (FORMAT.md §5, before the critical rule)."""
    return _compute(_plan(checklist), items)


def _compute(compiled: Plan, items: list[ItemResult]) -> Decimal:
    if compiled.method == "deduct":
        lost = _ZERO
        for i in items:
            if i.earned is not None:
                lost += i.points - i.earned
        return round_score(max(_ZERO, compiled.total - lost))
    if compiled.weights is None:
        possible = earned = _ZERO
        for i in items:
            if i.earned is not None:
                possible += i.points
                earned += i.earned
        if not possible:
            return round_score(_HUNDRED)
        return round_score(_HUNDRED * earned / possible)
    sections = len(compiled.weights)
    possible_in = [_ZERO] * sections
    earned_in = [_ZERO] * sections
    for i in items:
        if i.earned is not None:
            possible_in[i.section] += i.points
            earned_in[i.section] += i.earned
    weighted = total_weight = _ZERO
    for weight, possible, earned in zip(compiled.weights, possible_in, earned_in, strict=True):
        if not possible:
            continue
        weighted += weight * (_HUNDRED * earned / possible)
        total_weight += weight
    return round_score(weighted / total_weight if total_weight else _HUNDRED)


def grade_of(checklist: Checklist | Plan, score: Decimal) -> str | None:
    """The first grade band whose min ≤ score."""
    return _grade(_plan(checklist), score)


def _grade(compiled: Plan, score: Decimal) -> str | None:
    for low, name in compiled.grades:
        if low <= score:
            return name
    return None


def score_checklist(
    checklist: Checklist | Plan, answers: Mapping[str, Answer], missing: str = "error"
) -> ScoreResult:
    """Score one filled sheet of ``checklist``.

    ``missing`` decides what an unanswered scored item does: ``error`` (the sheet is
    ``incomplete`` and not scored), ``fail`` (earned 0, a failure) or ``na`` (left out).
    A sheet where no scored item is answered at all is ``incomplete`` in every mode.
    """
    compiled = _plan(checklist)
    return _result(compiled, score_items(compiled, answers, missing), missing)


def score_raw(
    checklist: Checklist | Plan,
    raws: Mapping[str, Any],
    missing: str = "error",
    *,
    result_of: Callable[[Spec, Any, str], ItemResult] = raw_result,
) -> ScoreResult:
    """Score the raw cell values of a sheet (item id -> what the result cell holds).

    The same as parsing every value with :func:`~sopkit.checklist.answers.parse_answer` and
    calling :func:`score_checklist`. ``result_of`` scores one item (:func:`raw_result`); a
    batch passes a memoized one (:mod:`sopkit.checklist.batch`), since a batch of sheets
    holds few distinct answers per item.
    """
    _check_missing(missing)
    compiled = _plan(checklist)
    items = [result_of(spec, raws.get(spec.id), missing) for spec in compiled.specs]
    return _result(compiled, items, missing)


def _unfilled(items: list[ItemResult]) -> bool:
    """True when the checklist has scored items and not one of them is answered."""
    scored = False
    for i in items:
        if i.state != INFO:
            if i.state != BLANK:
                return False
            scored = True
    return scored


def _result(compiled: Plan, items: list[ItemResult], missing: str) -> ScoreResult:
    blank = _unfilled(items)
    if blank and missing == "fail":
        # A blank form is not scored, so its items are not failures either.
        items = [replace(i, earned=None, failed=False) if i.state == BLANK else i for i in items]
    result = ScoreResult(
        compiled.checklist,
        compiled.version,
        compiled.method,
        compiled.maximum,
        compiled.pass_mark,
        "ok",
        None,
        None,
        None,
        items,
    )
    if result.invalid:
        result.status = "invalid"
    elif blank or (missing == "error" and result.missing):
        result.status = "incomplete"
    if result.status != "ok":
        return result
    score = _compute(compiled, items)
    critical = bool(result.critical_failed)
    if critical and compiled.zero:
        score = round_score(_ZERO)
    result.score = score
    result.passed = score >= compiled.pass_mark and not critical
    result.grade = _grade(compiled, score)
    return result
