"""Answers typed into a checklist's result cells, parsed per FORMAT.md §5.

Spreadsheet applications hand back what the inspector typed in many shapes: ``合格`` or
``pass`` in any case, ``√``, the number 1 (or 1.0 once an app saved it), ``"３"`` in
full-width digits, ``"8"`` as text, ``True`` after LibreOffice guessed a boolean. Every one
of them becomes an :class:`Answer`, and what cannot be understood is ``INVALID`` with the
reason kept for the message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from sopkit.documents.expressions import Expr
from sopkit.documents.itemtypes import ITEM_TYPES

PASS_WORDS = ("合格", "符合", "是", "通过", "√", "✓", "✔", "☑", "✅", "Y", "YES", "PASS", "OK",
              "TRUE", "1")  # fmt: skip
FAIL_WORDS = ("不合格", "不符合", "否", "×", "✗", "✘", "☒", "❌", "X", "N", "NO", "FAIL", "NG",
              "FALSE", "0")  # fmt: skip
# Not applicable: also a slash or a dash (－ folds to -), as inspectors strike out a cell.
NA_WORDS = ("不适用", "N/A", "NA", "/", "—", "——", "-", "--")
_VARIATION = dict.fromkeys((0xFE0E, 0xFE0F))  # ✔️ is ✔ followed by an emoji selector

# Units of measurement, by kind: a number in one unit of a kind answers an item in another
# (400cm on a 米 item is 4). Each unit with its factor to the first unit of its kind and the
# other ways inspectors write it.
UNITS: dict[str, dict[str, tuple[Decimal, tuple[str, ...]]]] = {
    "length": {
        "米": (Decimal(1), ("m",)),
        "厘米": (Decimal("0.01"), ("cm", "公分")),
        "毫米": (Decimal("0.001"), ("mm",)),
        "公里": (Decimal(1000), ("km", "千米")),
    },
    "time": {
        "秒": (Decimal(1), ("s", "sec", "秒钟")),
        "分钟": (Decimal(60), ("min", "分", "mins")),
        "小时": (Decimal(3600), ("h", "hr")),
    },
    "percent": {"%": (Decimal(1), ("％", "percent"))},
    "occurrences": {"次": (Decimal(1), ("times", "time"))},
}
_UNIT_INDEX = {
    name.casefold(): (kind, factor, unit)
    for kind, table in UNITS.items()
    for unit, (factor, aliases) in table.items()
    for name in (unit, *aliases)
}

_PASS = frozenset(w.casefold() for w in PASS_WORDS)
_FAIL = frozenset(w.casefold() for w in FAIL_WORDS)
_NA = frozenset(w.casefold() for w in NA_WORDS)
_WORDS = _PASS | _FAIL | _NA
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)\Z")
# A number and what follows it, when that holds no digit: "3次", "50 分钟", "96%".
_NUMBER_UNIT = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(\D+?)\s*\Z")

_UNITS: dict[tuple[str, str | None], tuple[str, ...]] = {}

# Kinds of answer.
BLANK = "blank"  # nothing typed: unanswered
NA = "na"  # 不适用: the item is left out of the score
VALUE = "value"  # a usable answer: True/False for check, a Decimal for numbers, text for info
INVALID = "invalid"  # something that is not an answer to this item


@dataclass(frozen=True, slots=True)
class Answer:
    kind: str
    value: Any = None  # bool (check), Decimal (scale, count, measure), str (info)
    shown: str = ""  # what the cell held, as text, for reports
    reason: str = ""  # for INVALID: "§choice", "§number", "§unit", "§integer", "§range"


def shown(raw: Any) -> str:
    """A cell value as the text a report shows."""
    if type(raw) is str:
        return raw.strip()
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        text = repr(raw)
        if text.endswith(".0"):
            return text[:-2]
        return _number_text(_from_float(raw)) if "e" in text or "n" in text else text
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == time() else raw.isoformat(sep=" ")
    if isinstance(raw, date | time):
        return raw.isoformat()
    return str(raw).strip()


def _from_float(value: float) -> Decimal:
    # repr gives the shortest text that reads back as the same float: 0.1, not 0.1000000000000000055
    return Decimal(repr(value))


def _number_text(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def normalize(text: str) -> str:
    """Fold full-width forms (``３``, ``Ｎ／Ａ``) to ASCII, drop emoji selectors (``✔️``),
    trim and casefold."""
    return unicodedata.normalize("NFKC", text).translate(_VARIATION).strip().casefold()


def unit_info(unit: str | None) -> tuple[str, Decimal, str] | None:
    """(kind, factor, canonical name) of a unit or one of its aliases, if sopkit knows it."""
    if not unit:
        return None
    return _UNIT_INDEX.get(unicodedata.normalize("NFKC", unit).strip().casefold())


def convert(found: str, unit: str | None) -> Decimal | None:
    """The factor from ``found`` to the item's ``unit`` when both are of one kind."""
    have, want = unit_info(found), unit_info(unit)
    if have is None or want is None or have[0] != want[0]:
        return None
    return have[1] / want[1]


def units(item_type: str, unit: str | None = None) -> tuple[str, ...]:
    """The units a number answering an item of ``item_type`` may carry: its own first."""
    key = (item_type, unit)
    known = _UNITS.get(key)
    if known is None:
        own = unicodedata.normalize("NFKC", unit).strip() if unit else ""
        # Units a number may carry besides the item's own ``unit`` are its other names (m for
        # 米) and the type's (a measure item takes no other unit as is: 50 厘米 is not 50 米;
        # see convert()).
        extra = ITEM_TYPES[item_type].answers.units
        info = unit_info(own)
        same = ()
        if info is not None:
            table = UNITS[info[0]]
            same = tuple(
                name
                for name_unit, (factor, aliases) in table.items()
                if factor == info[1]
                for name in (name_unit, *aliases)
            )
        found = dict.fromkeys(u for u in ((own,) if own else ()) + same + extra)
        known = _UNITS[key] = tuple(found)
    return known


def number_and_unit(text: str) -> tuple[Decimal, str] | None:
    """``"３次"`` -> (3, "次"): a number followed by text without digits (folded, trimmed)."""
    match = _NUMBER_UNIT.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    return Decimal(match.group(1)), match.group(2)


def to_number(raw: Any, unit: str | None = None) -> Decimal | None:
    """The number in a cell (a number, or text such as ``"８"`` or ``"96%"`` with its unit)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return None
        if raw.is_integer() and abs(raw) < 1e15:
            return Decimal(int(raw))
        return _from_float(raw)
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        if unit:
            folded = unicodedata.normalize("NFKC", unit).strip()
            if folded and text.endswith(folded):
                text = text[: -len(folded)].strip()
        if _NUMBER.match(text):
            try:
                return Decimal(text)
            except InvalidOperation:  # pragma: no cover - the pattern rules it out
                return None
    return None


def parse_answer(
    raw: Any, item_type: str, points: float | None = None, unit: str | None = None
) -> Answer:
    """Parse one result cell for an item of ``item_type`` worth ``points``."""
    if raw is None:
        return Answer(BLANK)
    if type(raw) is str:
        text = raw.strip()
        if not text and not unicodedata.normalize("NFKC", raw).strip():
            return Answer(BLANK)
        key = text.casefold()
        if key not in _WORDS:  # the common words need no Unicode folding
            key = normalize(text)
    else:
        text, key = shown(raw), None
    rule = ITEM_TYPES[item_type].answers
    if rule.kind == "text":
        return Answer(VALUE, text, text)
    if key is not None and key in _NA:
        return Answer(NA, None, text)
    if rule.kind == "choice":
        return _choice(raw, key, text)
    number = to_number(raw, unit)
    if number is None and key is not None:
        word = dict(rule.words).get(key)  # 无: no occurrence
        number = None if word is None else Decimal(word)
    if number is None and isinstance(raw, str):
        split = number_and_unit(raw)
        if split is not None:
            accepted = units(item_type, unit)
            factor = convert(split[1], unit)
            if split[1].casefold() in (u.casefold() for u in accepted):
                number = split[0]
            elif factor is not None:
                number = (split[0] * factor).normalize()
            elif accepted:
                return Answer(INVALID, None, text, "§unit")
    if number is None:
        return Answer(INVALID, None, text, "§number")
    env = {"x": number, "points": Decimal(repr(points or 0))}
    for condition, reason in rule.valid:
        if not _holds(condition, env):
            return Answer(INVALID, None, text, reason)
    return Answer(VALUE, number, text)


def _holds(condition: Expr, env: dict[str, Decimal]) -> bool:
    return bool(condition.evaluate(env))


def _choice(raw: Any, key: str | None, text: str) -> Answer:
    """A pass / fail answer: True or False."""
    if isinstance(raw, bool):
        return Answer(VALUE, raw, text)
    if type(raw) is float and raw in (0.0, 1.0):
        return Answer(VALUE, raw == 1.0, text)
    if key is None or (key not in _PASS and key not in _FAIL):
        number = to_number(raw)  # 1, 1.0 or "1.0" saved by an app
        key = _number_text(number) if number is not None else key
    if key in _PASS:
        return Answer(VALUE, True, text)
    if key in _FAIL:
        return Answer(VALUE, False, text)
    return Answer(INVALID, None, text, "§choice")


# The dropdown words first: a tie goes to the word the form offers.
_CHECK_WORDS = tuple(
    w
    for w in dict.fromkeys(("合格", "不合格", "不适用", *PASS_WORDS, *FAIL_WORDS, *NA_WORDS))
    if not w.isdigit()
)


def _closest(key: str, words: tuple[str, ...]) -> str:
    """The word of ``words`` most like ``key``, if similar enough (合隔 ~ 合格), or ""."""
    from difflib import SequenceMatcher

    best, best_rank = "", None
    matcher = SequenceMatcher(b=key, autojunk=False)
    for order, word in enumerate(words):
        folded = word.casefold()
        matcher.set_seq1(folded)
        ratio = matcher.ratio()
        if ratio < 0.5:
            continue
        # Ties go to more characters in the same place (合隔: 合格, not 符合), then to the
        # word listed first.
        rank = (ratio, sum(a == b for a, b in zip(folded, key, strict=False)), -order)
        if best_rank is None or rank > best_rank:
            best, best_rank = word, rank
    return best


def suggest(text: str, item_type: str, unit: str | None = None) -> str:
    """An accepted answer close to the invalid answer ``text`` (``合隔`` -> ``合格``), or "".

    For numbers with a unit the item does not take, the number with the closest unit it
    does take (``50分种`` -> ``50分钟``), or the number alone.
    """
    key = normalize(text)
    if not key:
        return ""
    if ITEM_TYPES[item_type].answers.kind == "choice":
        return _closest(key, _CHECK_WORDS)
    split = number_and_unit(text)
    if split is not None:
        number, found = split
        shown_number = _number_text(number)
        accepted = units(item_type, unit)
        # The item's own unit and the type's are suggested, not their short forms (m, 分).
        own = (unicodedata.normalize("NFKC", unit).strip(),) if unit else ()
        named = tuple(dict.fromkeys(own + ITEM_TYPES[item_type].answers.units))
        closest = _closest(found.casefold(), named or accepted) if accepted else ""
        return shown_number + closest if closest or not accepted else ""
    return _closest(key, NA_WORDS)
