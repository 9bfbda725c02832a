"""JSON Schema (2020-12) of the documents, generated from the models, for editors."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from sopkit.documents.models import KINDS, Config, Sites

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


def json_schema(kind: str | None = None) -> dict[str, Any]:
    """The schema of one ``kind`` (role, procedure, checklist, config, sites), or of any
    document."""
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
    return {"$schema": DIALECT, **schema}
