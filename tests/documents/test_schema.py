"""The exported JSON Schema agrees with the validator on the shape of documents."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from sopkit.documents.library import discover
from sopkit.documents.schema import SCHEMA_KINDS, json_schema
from sopkit.documents.source import LoadError, load_file
from tests.conftest import CORPUS, SOPS

VALIDATOR = Draft202012Validator(json_schema(), format_checker=FormatChecker())
# Fixtures whose problem is one of shape, which a schema for a single file can see.
SHAPE_CODES = {
    "missing-field", "unknown-key", "invalid-choice", "wrong-type", "invalid-date", "invalid-id",
    "empty-value", "out-of-range", "version-not-string", "invalid-version", "unknown-kind",
    "not-a-mapping",
}  # fmt: skip


def test_schema_is_valid_2020_12():
    for kind in (None, *SCHEMA_KINDS):
        schema = json_schema(kind)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", [*discover(SOPS), *discover(CORPUS / "base")], ids=str)
def test_schema_accepts_every_valid_document(path):
    errors = list(VALIDATOR.iter_errors(load_file(path).data))
    assert errors == []


def test_schema_accepts_the_library_config():
    config = Draft202012Validator(json_schema("config"))
    assert list(config.iter_errors(load_file(SOPS / "sopkit.yaml").data)) == []


def _shape_fixtures():
    for path in sorted((CORPUS / "invalid").glob("*.yaml")):
        code = path.stem
        if code in SHAPE_CODES:
            yield path


@pytest.mark.parametrize("path", list(_shape_fixtures()), ids=lambda p: p.stem)
def test_schema_rejects_shape_errors(path):
    try:
        data = load_file(path).data
    except LoadError:  # pragma: no cover - shape fixtures all parse
        pytest.fail(f"{path.name} does not parse")
    assert list(VALIDATOR.iter_errors(data)), f"the schema accepts {path.name}"


def test_x_keys_are_allowed_by_the_schema():
    data = load_file(SOPS / "roles" / "KF-LB.yaml").data | {"x-reviewer-note": "自用"}
    assert list(VALIDATOR.iter_errors(data)) == []
    assert list(VALIDATOR.iter_errors(data | {"departmnt": "x"}))


def test_every_shape_code_has_a_schema_fixture():
    assert {p.stem for p in _shape_fixtures()} == SHAPE_CODES


def test_schema_is_plain_json():
    assert json.loads(json.dumps(json_schema()))["properties"]["kind"]["enum"] == [
        "role", "procedure", "checklist",
    ]  # fmt: skip
