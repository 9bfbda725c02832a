"""Every field of the exported JSON Schema has a description in the library's language
(issue 12, item 7): editors show it on completion and hover."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sopkit.cli import app
from sopkit.documents.schema import SCHEMA_KINDS, json_schema
from tests.conftest import write_tree

runner = CliRunner()


def _undescribed(node, path="#"):
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            if not (isinstance(prop, dict) and str(prop.get("description", "")).strip()):
                yield f"{path}/properties/{name}"
        for key, value in node.items():
            yield from _undescribed(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _undescribed(value, f"{path}/{i}")


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("kind", [None, *SCHEMA_KINDS])
def test_every_property_has_a_description(kind, lang):
    assert list(_undescribed(json_schema(kind, lang))) == []


def test_descriptions_follow_the_language_and_the_model():
    zh, en = json_schema("role", "zh-CN"), json_schema("role", "en")
    assert zh["properties"]["department"]["description"].startswith("所属部门")
    assert en["properties"]["department"]["description"].startswith("Department")
    defs = json_schema(None, "zh-CN")["$defs"]
    # the same key means different things in different places
    assert defs["Step"]["properties"]["frequency"]["description"].startswith("频次")
    assert defs["Relation"]["properties"]["frequency"]["description"].startswith("联系频繁")
    title = json.dumps(zh["properties"]["reports_to"], ensure_ascii=False)
    assert "文档库以外岗位的名称" in title  # {title: 总裁}, not the document's own title


def test_schema_command_takes_the_librarys_language(tmp_path, monkeypatch):
    write_tree(tmp_path, {"sopkit.yaml": "locale: en\n"})
    monkeypatch.chdir(tmp_path)
    english = json.loads(runner.invoke(app, ["schema", "role"]).stdout)
    assert english == json_schema("role", "en")
    chinese = json.loads(runner.invoke(app, ["schema", "role", "--lang", "zh-CN"]).stdout)
    assert chinese == json_schema("role", "zh-CN")
    bad = runner.invoke(app, ["schema", "--lang", "fr"])
    assert bad.exit_code == 2
