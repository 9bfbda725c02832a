"""Field types shared by the models.

Each type validates with one plain function that raises a :class:`PydanticCustomError`
whose type is a sopkit diagnostic code, and declares the JSON Schema an editor should use.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
# Version parts are bounded: a 5,000-digit part is not a version (and int() would refuse it).
DOTTED_RE = re.compile(r"[0-9]{1,9}(\.[0-9]{1,9}){0,9}\Z")
LETTER_RE = re.compile(r"([A-Za-z])/([0-9]{1,9})\Z")
VERSION_PATTERN = r"^([0-9]{1,9}(\.[0-9]{1,9}){0,9}|[A-Za-z]/[0-9]{1,9})$"
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
DURATION_RE = re.compile(r"([1-9][0-9]{0,3})([dwmy])\Z", re.IGNORECASE)
DURATION_PATTERN = r"^[1-9][0-9]{0,3}[dwmyDWMY]$"


def describe(value: Any) -> str:
    """The catalogue term (``§`` prefixed) for the type of a YAML value."""
    if value is None:
        return "§nothing"
    if isinstance(value, bool):
        return "§boolean"
    if isinstance(value, int | float):
        return "§number"
    if isinstance(value, list):
        return "§list"
    if isinstance(value, dict):
        return "§mapping"
    return "§text"


def _wrong(expected: str, value: Any) -> PydanticCustomError:
    return PydanticCustomError(
        "wrong-type", "expected {expected}", {"expected": expected, "found": describe(value)}
    )


def _text(value: Any) -> str:
    # Free text: numbers are accepted as written (HR types "kpi: 100"), booleans are not.
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise _wrong("§text", value)


def _required_text(value: Any) -> str:
    text = _text(value)
    if not text.strip():
        raise PydanticCustomError("empty-value", "must not be empty")
    return text


def _id(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # YAML reads 007 as 7 and 0x1F as 31: the id as written is only in the source.
        raise PydanticCustomError("id-not-string", "unquoted id", {"raw": str(value)})
    if not isinstance(value, str):
        raise _wrong("§text", value)
    if not ID_RE.match(value):
        raise PydanticCustomError("invalid-id", "invalid id", {"value": value})
    return value


def _version(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError("version-not-string", "unquoted version", {"raw": str(value)})
    if not isinstance(value, str):
        raise _wrong("§text", value)
    if not (DOTTED_RE.match(value) or LETTER_RE.match(value)):
        raise PydanticCustomError("invalid-version", "invalid version", {"value": value})
    return value


# How dates are written in Word and on Chinese Windows: 2026年5月1日, 2026/5/1, 2026.5.1.
_LOOSE_DATE = re.compile(r"\A(\d{4})\s*[年/.\-－]\s*(\d{1,2})\s*[月/.\-－]\s*(\d{1,2})\s*[日号]?\Z")


def _date_meant(text: str) -> str:
    """The ISO form of a date written another common way (``2026年5月1日`` →
    ``2026-05-01``), else ``""``."""
    m = _LOOSE_DATE.match(unicodedata.normalize("NFKC", text).strip())
    if not m:
        return ""
    try:
        return date(*map(int, m.groups())).isoformat()
    except ValueError:
        return ""


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and DATE_RE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    meant = _date_meant(value) if isinstance(value, str) else ""
    raise PydanticCustomError(
        "invalid-date", "invalid date", {"value": str(value), "suggestion": meant}
    )


def _duration(value: Any) -> str:
    # A review interval: 90d, 2w, 6m, 1y (see sopkit.doccontrol.due).
    if isinstance(value, str) and DURATION_RE.match(value.strip()):
        return value.strip().lower()
    raise PydanticCustomError("invalid-duration", "invalid duration", {"value": str(value)})


def _number(value: Any) -> int | float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value != value or value in (float("inf"), float("-inf")):
            raise _wrong("§number", value)
        return value
    raise _wrong("§number", value)


def _one_or_many(value: Any) -> Any:
    return (
        [value] if isinstance(value, str | int | float) and not isinstance(value, bool) else value
    )


@dataclass(frozen=True)
class _Enum:
    """The JSON Schema of a choice: the values allowed when the schema is made."""

    options: Callable[[], tuple[str, ...]]

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        return {"enum": list(self.options())}


def choice(
    *allowed: str | Mapping[str, Any],
    aliases: Mapping[str, str] | Callable[[], Mapping[str, str]] | None = None,
):
    """A text field limited to ``allowed``; a typo gets a did-you-mean suggestion.

    ``aliases`` maps other accepted words (the Chinese ones: 草稿 → draft) to the value they
    stand for; the model holds the value, so the rest of sopkit sees one word. Given one
    mapping instead of values (a registry such as the item types), the allowed values are
    its keys at the time of validation; ``aliases`` may then be a function too.
    """
    live = allowed[0] if len(allowed) == 1 and isinstance(allowed[0], Mapping) else None

    def options() -> tuple[str, ...]:
        return tuple(live) if live is not None else allowed  # type: ignore[return-value]

    def words() -> dict[str, str]:
        return dict(aliases() if callable(aliases) else aliases or {})

    def check(value: Any) -> str:
        now, other = options(), words()
        if isinstance(value, str) and value in now:
            return value
        if isinstance(value, str) and value.strip() in other:
            return other[value.strip()]
        shown = str(value).strip()
        lowered = {a.lower(): a for a in now}
        guess = lowered.get(shown.lower()) or next(
            iter(difflib.get_close_matches(shown, [*now, *other], n=1, cutoff=0.5)), ""
        )
        named = {value: word for word, value in other.items()}
        both = [f"{a} ({named[a]})" if a in named else a for a in now]
        raise PydanticCustomError(
            "invalid-choice",
            "invalid choice",
            {"value": shown, "allowed": ", ".join(both), "suggestion": guess},
        )

    return Annotated[str, PlainValidator(check), _Enum(lambda: (*options(), *words()))]


Text = Annotated[str, PlainValidator(_text), WithJsonSchema({"type": ["string", "number"]})]
RequiredText = Annotated[
    str,
    PlainValidator(_required_text),
    WithJsonSchema({"type": ["string", "number"], "minLength": 1}),
]
Id = Annotated[str, PlainValidator(_id), WithJsonSchema({"type": "string", "pattern": ID_PATTERN})]
Version = Annotated[
    str, PlainValidator(_version), WithJsonSchema({"type": "string", "pattern": VERSION_PATTERN})
]
Date = Annotated[date, PlainValidator(_date), WithJsonSchema({"type": "string", "format": "date"})]
Number = Annotated[float, PlainValidator(_number), WithJsonSchema({"type": "number"})]
Duration = Annotated[
    str, PlainValidator(_duration), WithJsonSchema({"type": "string", "pattern": DURATION_PATTERN})
]


def one_or_many(item_schema: dict):
    """``BeforeValidator`` + schema for a list field that also accepts a single value."""
    return (
        BeforeValidator(_one_or_many),
        WithJsonSchema({"anyOf": [item_schema, {"type": "array", "items": item_schema}]}),
    )


_TEXT_SCHEMA = {"type": ["string", "number"]}
_ID_SCHEMA = {"type": "string", "pattern": ID_PATTERN}
TextList = Annotated[list[Text], *one_or_many(_TEXT_SCHEMA)]
IdList = Annotated[list[Id], *one_or_many(_ID_SCHEMA)]


def version_key(version: str) -> tuple[str, tuple[int, ...]]:
    """Sort key of a valid version: ``("dotted", (1, 10))`` or ``("letter", (ord("B"), 0))``.

    Dotted versions compare number by number, so "1.10" is newer than "1.9" and "1.0"
    equals "1"; letter versions compare the letter first, so "B/0" is newer than "A/9".
    """
    match = LETTER_RE.match(version)
    if match:
        return "letter", (ord(match.group(1).upper()), int(match.group(2)))
    parts = [int(p) for p in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return "dotted", tuple(parts)
