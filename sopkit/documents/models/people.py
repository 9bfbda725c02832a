"""References to people's roles that may lie outside the library, and requirement entries.

A superior or subordinate is a role id of the library (``KF-ZG``) or a role outside it by
title (``{title: 总裁}``); ``reports_to`` and ``subordinates`` take one or a list. Values are
kept as written (text stays text), so a document's fingerprint does not change with this
format's growth.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from sopkit.documents.models.common import Strict
from sopkit.documents.models.types import ID_PATTERN, RequiredText, _required_text, _text, choice

LEVEL = choice("required", "preferred", aliases={"必备": "required", "优先": "preferred"})


class Outside(Strict):
    """A role outside the library, named by its title (``{title: 总裁}``)."""

    title: RequiredText


class Requirement(Strict):
    """A requirement marked 必备 (required) or 优先 (preferred)."""

    text: RequiredText
    level: LEVEL = "required"


def _mapping(value: dict, model: type[Strict], required: str) -> Strict:
    keys = list(model.model_fields)
    for key in value:
        if key not in keys:
            guess = difflib.get_close_matches(str(key), keys, n=1, cutoff=0.5)
            raise PydanticCustomError(
                "unknown-key",
                "unknown key",
                {"key": str(key), "allowed": ", ".join(keys), "suggestion": "".join(guess)},
            )
    if required not in value:
        meaning = f"§{model.__name__}.{required}"
        raise PydanticCustomError(
            "missing-field", "missing", {"field": required, "meaning": meaning}
        )
    data = {k: v for k, v in value.items()}
    data[required] = _required_text(value[required])
    return model.model_validate(data)


def _role_ref(value: Any) -> str | Outside:
    if isinstance(value, dict):
        return _mapping(value, Outside, "title")
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError("id-not-string", "unquoted id", {"raw": str(value)})
    return _required_text(value)


def _role_refs(value: Any) -> Any:
    if isinstance(value, list):
        if not value:
            raise PydanticCustomError("empty-value", "must not be empty")
        return [_role_ref(v) for v in value]
    return _role_ref(value)


def _requirement(value: Any) -> str | Requirement:
    if isinstance(value, dict):
        return _mapping(value, Requirement, "text")
    return _text(value)


def _requirements(value: Any) -> list:
    return [_requirement(v) for v in (value if isinstance(value, list) else [value])]


_REF_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": ID_PATTERN},
        {"type": "string"},
        {
            "type": "object",
            "properties": {"title": {"type": "string", "minLength": 1}},
            "required": ["title"],
            "additionalProperties": False,
        },
    ]
}
_REQ_SCHEMA = {
    "anyOf": [
        {"type": ["string", "number"]},
        {
            "type": "object",
            "properties": {
                "text": {"type": ["string", "number"], "minLength": 1},
                "level": {"enum": ["required", "preferred", "必备", "优先"]},
            },
            "required": ["text"],
            "additionalProperties": False,
        },
    ]
}

RoleRefs = Annotated[
    Any,
    PlainValidator(_role_refs),
    WithJsonSchema({"anyOf": [_REF_SCHEMA, {"type": "array", "items": _REF_SCHEMA}]}),
]
"""One role or a list: a role id of the library, or ``{title: …}`` for a role outside it."""

Requirements = Annotated[
    list,
    PlainValidator(_requirements),
    WithJsonSchema({"anyOf": [_REQ_SCHEMA, {"type": "array", "items": _REQ_SCHEMA}]}),
]
"""Requirements: text, or ``{text: …, level: 必备|优先}``; one or a list."""

RequirementText = Annotated[Any, PlainValidator(_requirement), WithJsonSchema(_REQ_SCHEMA)]
"""One requirement: text, or ``{text: …, level: 必备|优先}``."""


def _text_or_list(value: Any) -> Any:
    if isinstance(value, list):
        return [_text(v) for v in value]
    return _text(value)


TextOrList = Annotated[
    Any,
    PlainValidator(_text_or_list),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": ["string", "number"]},
                {"type": "array", "items": {"type": ["string", "number"]}},
            ]
        }
    ),
]
"""Text, or a list of texts, kept as written."""


def refs(value: Any) -> list[str | Outside]:
    """The entries of a ``reports_to`` / ``subordinates`` value as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def requirement_text(entry: str | Requirement) -> str:
    return entry.text if isinstance(entry, Requirement) else entry


def is_preferred(entry: str | Requirement) -> bool:
    return isinstance(entry, Requirement) and entry.level == "preferred"
