"""JSON Schema (2020-12) of the documents, generated from the models, for editors."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from sopkit.documents.models import KINDS, Config, Sites
from sopkit.locale import catalogue

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_KINDS = (*KINDS, "config", "sites")


def _allow_extensions(node: Any) -> None:
    """Let ``x-`` keys through wherever unknown keys are otherwise refused."""
    if isinstance(node, dict):
        if node.get("additionalProperties") is False:
            node.setdefault("patternProperties", {})["^x-"] = {}
        for value in node.values():
            _allow_extensions(value)
    elif isinstance(node, list):
        for value in node:
            _allow_extensions(value)


# Inline objects that are not models of their own: told apart by their keys.
_INLINE = {frozenset({"title"}): "Outside", frozenset({"text", "level"}): "Requirement"}


def _describe(node: Any, fields: dict[str, str], owner: str) -> None:
    """Give every property a description from the catalogue (``Model.field``, else
    ``field``), so an editor can say what a key means on completion and hover."""
    if isinstance(node, list):
        for value in node:
            _describe(value, fields, owner)
        return
    if not isinstance(node, dict):
        return
    props = node.get("properties")
    if isinstance(props, dict):
        here = _INLINE.get(frozenset(props), owner) if "type" in node else owner
        for name, prop in props.items():
            text = fields.get(f"{here}.{name}") or fields.get(name)
            if text and isinstance(prop, dict):
                prop["description"] = text
    for key, value in node.items():
        if key == "$defs":
            for name, definition in value.items():
                _describe(definition, fields, name)
        else:
            _describe(value, fields, owner)


def json_schema(kind: str | None = None, lang: str = "zh-CN") -> dict[str, Any]:
    """The schema of one ``kind`` (role, procedure, checklist, config,
    sites), or of any document,
    with every field described in ``lang``."""
    if kind == "config":
        schema = Config.model_json_schema()
        schema["title"] = "sopkit.yaml"
    elif kind == "sites":
        schema = Sites.model_json_schema()
        schema["title"] = "sites.yaml"
    elif kind is not None:
        schema = KINDS[kind].model_json_schema()
    else:
        models = [(m, "validation") for m in KINDS.values()]
        _, defs = models_json_schema(models, ref_template="#/$defs/{model}")
        schema = {
            "title": "sopkit document",
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"enum": list(KINDS)}},
            "allOf": [
                {
                    "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
                    "then": {"$ref": f"#/$defs/{model.__name__}"},
                }
                for name, model in KINDS.items()
            ],
            "$defs": defs["$defs"],
        }
    _allow_extensions(schema)
    owner = {"config": "Config", "sites": "Sites"}.get(kind or "") or (
        KINDS[kind].__name__ if kind else ""
    )
    _describe(schema, catalogue(lang).FIELDS, owner)
    return {"$schema": DIALECT, **schema}
