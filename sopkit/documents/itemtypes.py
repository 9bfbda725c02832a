"""The item types of a checklist (FORMAT.md §5), each declared once.

An :class:`ItemType` says everything sopkit does differently for its items: the fields it
takes and their checks, how a result cell is read, what an answer earns and when it is a
failure (as :mod:`~sopkit.documents.expressions`, so that the scorer and the form's live
formulas evaluate the same rule), the data validation of its result cells, and the labels
printed for it on the form and in the manual. Nothing else in sopkit branches on a type's
name: to add a type, :func:`register` one here (or from a test).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sopkit.documents.expressions import (
    HIGH,
    LOW,
    PER,
    All,
    Expr,
    If,
    Int,
    Max,
    Min,
    Not,
    P,
    X,
)

Item = Any  # sopkit.documents.models.checklist.Item (which imports this module)
Labels = dict[str, str]
# A finding about an item: (code, path below the item, message arguments).
ItemFinding = tuple[str, tuple, dict[str, Any]]

# Fields only some types take; an item of another type that sets one gets a warning.
TYPE_FIELDS = ("per", "target", "unit")
COUNT_UNITS = ("次", "人次", "个", "处", "件", "起", "项", "例", "人", "单", "回", "times", "time")
SCALE_UNITS = ("分", "points", "point", "pts", "pt")


@dataclass(frozen=True)
class Answers:
    """How a result cell of the type is read.

    ``kind``: ``choice`` (pass / fail / n/a words; the answer is 1 or 0), ``number`` (a
    number, perhaps with a unit: the item's own ``unit`` or one of ``units``) or ``text``
    (anything; never scored). ``valid``: conditions on ``X`` (and ``P``) a number must
    meet, each with the reason reported when it does not (``§range``, ``§integer``).
    """

    kind: str
    units: tuple[str, ...] = ()
    valid: tuple[tuple[Expr, str], ...] = ()
    words: tuple[tuple[str, int], ...] = ()  # words that stand for a number (无: 0)


@dataclass(frozen=True)
class Validation:
    """The spreadsheet's data validation of the result cells (openpyxl DataValidation)."""

    type: str | None  # list | decimal | whole | None (a prompt only)
    operator: str | None = None
    formula1: Callable[[Item], str] | None = None
    formula2: Callable[[Item], str] | None = None
    error: str | None = None  # label key of the error message
    shared: bool = False  # the same rule (and prompt) for every item of the type


def _no_findings(item: Item) -> Iterator[ItemFinding]:
    return iter(())


def _nothing(item: Item, lab: Labels) -> str:
    return ""


@dataclass(frozen=True)
class ItemType:
    name: str
    answers: Answers
    earned: Callable[[Item], Expr] | None = None  # None: the type is never scored
    failed: Callable[[Item], Expr] | None = None
    fields: tuple[str, ...] = ()  # of TYPE_FIELDS
    check: Callable[[Item], Iterator[ItemFinding]] = _no_findings
    validation: Validation = Validation(None)
    prompt: Callable[[Item, Labels], str] = _nothing  # shown when the result cell is selected
    rule: Callable[[Item, Labels], str] = _nothing  # printed under the standard
    hint: Callable[[Item], tuple[str, dict[str, Any], str]] = lambda item: ("", {}, "")
    notes: Callable[[Item], list[tuple[str, dict[str, Any]]]] = lambda item: []
    aliases: tuple[str, ...] = ()  # other names accepted in YAML (判定 for check)

    @property
    def scored(self) -> bool:
        return self.earned is not None

    def numbers(self, item: Item) -> dict[str, Any]:
        """The item's own numbers a rule may use: ``points``, ``per``, ``low``, ``high``."""
        target = item.target
        return {
            "points": item.points,
            "per": item.per,
            "low": target.min if target is not None else None,
            "high": target.max if target is not None else None,
        }


ITEM_TYPES: dict[str, ItemType] = {}
DEFAULT_TYPE = "check"  # an item without ``type``


def register(kind: ItemType) -> ItemType:
    """Add ``kind`` to the registry (a later type of the same name replaces it)."""
    ITEM_TYPES[kind.name] = kind
    return kind


def type_aliases() -> dict[str, str]:
    """Every other name of a registered type -> the type (判定 -> check)."""
    return {alias: kind.name for kind in ITEM_TYPES.values() for alias in kind.aliases}


def unregister(name: str) -> None:
    ITEM_TYPES.pop(name, None)


def item_type(name: str) -> ItemType:
    return ITEM_TYPES[name]


# --- texts -------------------------------------------------------------------------------


def fmt(value: float | int | None) -> str:
    """A number as printed in a text or a formula (5, 7.5; None -> "")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


def target_text(item: Item, lab: Labels) -> str:
    target = item.target
    unit = item.unit or ""
    low, high = (target.min, target.max) if target else (None, None)
    if low is not None and high is not None:
        return lab["sheet.target_between"].format(min=fmt(low), max=fmt(high), unit=unit)
    if low is not None:
        return lab["sheet.target_min"].format(min=fmt(low), unit=unit)
    if high is not None:
        return lab["sheet.target_max"].format(max=fmt(high), unit=unit)
    return ""


def states_range(standard: str | None, points: float | int | None) -> bool:
    """Whether a scale item's own standard already gives its range ("按0-10分评定")."""
    if not standard:
        return False
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", standard)).casefold()
    top = re.escape(fmt(points))
    return re.search(rf"(?<![\d.])0分?(?:-|–|—|~|至|到|to){top}(?![\d.])", text) is not None


def _words(lab: Labels) -> dict[str, str]:
    return {"pass": lab["sheet.pass"], "fail": lab["sheet.fail"], "na": lab["sheet.na"]}


def _target_note(item: Item) -> list[tuple[str, dict[str, Any]]]:
    t, unit = item.target, item.unit or ""
    if t is None:
        return []
    if t.min is not None and t.max is not None:
        return [("manual_target_range", {"min": t.min, "max": t.max, "unit": unit})]
    if t.min is not None:
        return [("manual_target_min", {"min": t.min, "unit": unit})]
    if t.max is not None:
        return [("manual_target_max", {"max": t.max, "unit": unit})]
    return []


# --- checks ------------------------------------------------------------------------------


def _check_target(item: Item) -> Iterator[ItemFinding]:
    target = item.target
    if target is None or (target.min is None and target.max is None):
        yield "item-target", ("target",) if target else (), {"id": item.id, "type": item.type}
    elif target.min is not None and target.max is not None and target.min > target.max:
        yield "target-range", ("target",), {"min": f"{target.min:g}", "max": f"{target.max:g}"}


def _check_per(item: Item) -> Iterator[ItemFinding]:
    if item.per is None:
        yield "item-per", (), {"id": item.id, "type": item.type}


def _inside(item: Item) -> Expr:
    target = item.target
    conds = []
    if target is not None and target.min is not None:
        conds.append(X >= LOW)
    if target is not None and target.max is not None:
        conds.append(X <= HIGH)
    return All(*conds)


# --- the five types of FORMAT.md §5 ------------------------------------------------------

register(
    ItemType(
        "check",
        Answers("choice"),
        earned=lambda item: If(X >= 1, P, 0),
        failed=lambda item: X < 1,
        validation=Validation("list", error="sheet.error_check", shared=True),
        aliases=("判定",),
        prompt=lambda item, lab: lab["sheet.prompt_check"].format(**_words(lab)),
        hint=lambda item: ("manual_hint_check", {}, ""),
    )
)
register(
    ItemType(
        "scale",
        Answers("number", SCALE_UNITS, ((All(X >= 0, X <= P), "§range"),)),
        earned=lambda item: Min(Max(X, 0), P),
        failed=lambda item: X * 2 < P,
        validation=Validation(
            "decimal",
            "between",
            lambda item: "0",
            lambda item: fmt(item.points),
            "sheet.error_number",
        ),
        aliases=("评分",),
        prompt=lambda item, lab: lab["sheet.prompt_scale"].format(
            points=fmt(item.points), **_words(lab)
        ),
        rule=lambda item, lab: (
            ""
            if states_range(item.standard, item.points)
            else lab["sheet.rule_scale"].format(points=fmt(item.points))
        ),
        hint=lambda item: ("manual_hint_scale", {"points": item.points}, ""),
    )
)
register(
    ItemType(
        "count",
        Answers(
            "number",
            COUNT_UNITS,
            ((All(X >= 0, X.equals(Int(X))), "§integer"),),
            (("无", 0), ("没有", 0), ("none", 0)),
        ),
        earned=lambda item: P - Min(X * PER, P),
        failed=lambda item: X >= 1,
        fields=("per",),
        check=_check_per,
        validation=Validation(
            "whole", "greaterThanOrEqual", lambda item: "0", error="sheet.error_count"
        ),
        aliases=("计次",),
        prompt=lambda item, lab: lab["sheet.prompt_count"].format(
            per=fmt(item.per), points=fmt(item.points), **_words(lab)
        ),
        rule=lambda item, lab: lab["sheet.rule_count"].format(
            per=fmt(item.per), points=fmt(item.points)
        ),
        hint=lambda item: ("manual_hint_count", {}, ""),
        notes=lambda item: (
            [("manual_per", {"per": item.per, "points": item.points})]
            if item.per is not None
            else []
        ),
    )
)
register(
    ItemType(
        "measure",
        Answers("number"),
        earned=lambda item: If(_inside(item), P, 0),
        failed=lambda item: Not(_inside(item)),
        fields=("target", "unit"),
        check=_check_target,
        validation=Validation(
            "decimal",
            "between",
            lambda item: "-1E+300",
            lambda item: "1E+300",
            "sheet.error_number",
        ),
        aliases=("测量",),
        prompt=lambda item, lab: lab["sheet.prompt_measure"].format(
            unit=item.unit or "", target=target_text(item, lab), **_words(lab)
        ),
        rule=lambda item, lab: lab["sheet.rule_measure"].format(target=target_text(item, lab)),
        hint=lambda item: ("manual_hint_measure", {}, f" ({item.unit})" if item.unit else ""),
        notes=_target_note,
    )
)
register(
    ItemType(
        "info",
        Answers("text"),
        aliases=("记录",),
        prompt=lambda item, lab: lab["sheet.prompt_info"],
        hint=lambda item: ("manual_hint_info", {}, ""),
    )
)
