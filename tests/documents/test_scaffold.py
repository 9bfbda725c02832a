"""sopkit new / init (skeletons that validate), sopkit due (review dates) and sopkit coverage."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from sopkit.app import load_library, validate
from sopkit.cli import app
from sopkit.doccontrol.due import add_duration, due, last_reviewed
from sopkit.documents.coverage import coverage
from sopkit.documents.scaffold import KINDS, check_text, new_document, render, yaml_text
from sopkit.documents.schema import json_schema
from sopkit.documents.source import load_bytes
from tests.conftest import ROOT, SOPS, write_tree

run = CliRunner().invoke


# --- new ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_new_skeleton_validates_alone_in_a_library_and_against_the_schema(kind, lang, base_library):
    path, text = new_document(kind, "NEW-1", base_library / "new", lang=lang, title="新: 文件 #1")
    assert path == base_library / "new" / "NEW-1.yaml"
    assert text.startswith("# yaml-language-server: $schema=../sopkit.schema.json\n")
    assert check_text(text, "x").diagnostics == []
    # new leaves the step's role commented out (the example id may not exist here): until it
    # is written, the lint says no role's manual prints the new procedure
    expected = ["procedure-without-role"] if kind == "procedure" else []
    assert [d.code for d in validate(base_library).diagnostics] == expected
    data = load_bytes(text.encode("utf-8"), "x").data
    assert data["title"] == "新: 文件 #1" and data["kind"] == kind
    jsonschema.validate(json.loads(json.dumps(data, default=str)), json_schema())
    assert text.count("\n#") >= 2 and "  # " in text  # commented for the reader


def test_new_points_at_the_schema_file_of_its_library(tmp_path):
    write_tree(tmp_path, {"lib/sopkit.schema.json": "{}", "lib/sopkit.yaml": "locale: en\n"})
    _path, text = new_document("role", "R-1", tmp_path / "lib" / "roles" / "deep")
    assert text.startswith("# yaml-language-server: $schema=../../sopkit.schema.json\n")
    assert "# Job description." in text  # the library's locale


def test_new_cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = run(app, ["new", "procedure", "P-9", "--title", "巡查"])
    assert out.exit_code == 0 and out.output == "wrote P-9.yaml\n"
    assert (tmp_path / "P-9.yaml").read_text("utf-8").count("title: 巡查\n") == 1
    again = run(app, ["new", "procedure", "P-9"])
    assert again.exit_code == 2 and "already exists" in again.output
    assert run(app, ["new", "procedure", "P-9", "--force"]).exit_code == 0
    stdout = run(app, ["new", "checklist", "C-9", "-o", "-", "--lang", "en"])
    assert stdout.exit_code == 0 and "kind: checklist\nid: C-9" in stdout.output
    assert not (tmp_path / "C-9.yaml").exists()
    assert run(app, ["new", "procedure", "bad id"]).exit_code == 2
    assert run(app, ["new", "memo", "M-1"]).exit_code == 2


@pytest.mark.parametrize("title", ["a: b", "x #y", "- list", "'q'", "yes", "1.10", "  pad", "[a]"])
def test_titles_are_written_so_they_read_back(title):
    assert load_bytes(f"t: {yaml_text(title)}".encode(), "t").data["t"] == title
    assert f"title: {yaml_text(title)}\n" in render("role", "R-1", title=title)


# --- init ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_init_creates_a_library_that_validates_clean(tmp_path, lang):
    out = run(app, ["init", str(tmp_path / "lib"), "--lang", lang])
    assert out.exit_code == 0, out.output
    lib = tmp_path / "lib"
    report = validate(lib)
    assert report.diagnostics == [] and report.files == 4
    library = load_library(lib)
    assert library.config.locale == lang
    assert {d.kind for d in library.documents} == set(KINDS)
    cov = coverage(library)
    assert (cov.unlinked_items, cov.idle_roles) == ([], [])
    hooks = yaml.safe_load((lib / ".pre-commit-config.yaml").read_text("utf-8"))
    (hook,) = hooks["repos"][0]["hooks"]
    assert hook["entry"].startswith("sopkit validate") and hook["pass_filenames"] is False
    settings = json.loads((lib / ".vscode" / "settings.json").read_text("utf-8"))
    assert "roles/**/*.yaml" in settings["yaml.schemas"]["./sopkit.schema.json"]
    assert json.loads((lib / "sopkit.schema.json").read_text("utf-8")) == json_schema(lang=lang)
    for doc in lib.rglob("*.yaml"):
        if doc.parent != lib:
            assert doc.read_text("utf-8").startswith(
                "# yaml-language-server: $schema=../sopkit.schema.json"
            )


def test_init_never_overwrites(tmp_path):
    write_tree(tmp_path, {"lib/sopkit.yaml": "locale: en\n"})
    out = run(app, ["init", str(tmp_path / "lib")])
    assert out.exit_code == 2 and "never overwrites" in out.output
    assert sorted(p.name for p in (tmp_path / "lib").iterdir()) == ["sopkit.yaml"]


def test_project_ships_a_pre_commit_hook():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "sopkit-validate" and hook["entry"] == "sopkit validate"
    assert (hook["language"], hook["pass_filenames"]) == ("python", False)


# --- due ----------------------------------------------------------------------------------


def test_durations():
    start = date(2026, 1, 31)
    assert add_duration(start, "1m") == date(2026, 2, 28)
    assert add_duration(date(2024, 2, 29), "1y") == date(2025, 2, 28)
    assert add_duration(start, "2w") == date(2026, 2, 14)
    assert add_duration(start, "90d") == date(2026, 5, 1)
    assert add_duration(start, "18M") == date(2027, 7, 31)


ROLE = """\
kind: role
id: R-DUE
title: 岗位
version: "1.1"
effective: 2026-03-01
status: active
approval:
  approved_by: 王芳
  approved_on: 2026-02-20
revisions:
  - {version: "1.1", date: 2026-03-01, changes: 修订}
  - {version: "1.0", date: 2025-03-01, changes: 首次发布}
department: 客服部
summary: s
duties:
  - {area: a, description: d}
"""


def _with(text: str, **fields: str) -> str:
    for key, value in fields.items():
        text = text.replace("status: active\n", f"status: active\n{key}: {value}\n", 1)
    return text


def test_due_counts_from_the_latest_review_date(base_library):
    role = _with(ROLE, review_every="1y")  # revised 2026-03-01, approved 2026-02-20
    write_tree(base_library, {"roles/due.yaml": role})
    lib = load_library(base_library)
    assert lib.report.diagnostics == []
    assert last_reviewed(lib.get("R-DUE")) == date(2026, 3, 1)
    assert due(lib, today=date(2027, 2, 28)) == []
    (row,) = due(lib, today=date(2027, 2, 28), within="1d")
    assert (row.state, row.due, row.days) == ("due", "2027-03-01", 1)
    (row,) = due(lib, today=date(2027, 4, 1))
    assert (row.state, row.days, row.last) == ("overdue", -31, "2026-03-01")


def test_drafts_past_their_effective_date_and_retired_documents(base_library):
    draft = ROLE.replace("status: active", "status: draft").replace("id: R-DUE", "id: D-1")
    retired = _with(ROLE.replace("status: active", "status: retired"), review_every="1m")
    write_tree(base_library, {"d.yaml": draft, "r.yaml": retired.replace("R-DUE", "R-9")})
    lib = load_library(base_library)
    assert [(r.id, r.state) for r in due(lib, today=date(2026, 3, 2))] == [("D-1", "draft-overdue")]
    assert due(lib, today=date(2026, 2, 1)) == []
    (row,) = due(lib, today=date(2026, 2, 1), within="1m")
    assert (row.id, row.state, row.days) == ("D-1", "draft-due", 28)


def test_due_cli(base_library):
    write_tree(base_library, {"roles/due.yaml": _with(ROLE, review_every="6m")})
    out = run(app, ["due", str(base_library), "--today", "2027-01-01", "-f", "json"])
    assert out.exit_code == 1
    expected = due(load_library(base_library), today=date(2027, 1, 1))
    assert json.loads(out.output) == [r.to_dict() for r in expected]
    assert json.loads(out.output)[0]["state"] == "overdue"
    table = run(app, ["due", str(base_library), "--today", "2027-01-01"])
    assert table.exit_code == 1 and "R-DUE" in table.output and "复审已逾期" in table.output
    quiet = run(app, ["due", str(base_library), "--today", "2026-04-01"])
    assert (quiet.exit_code, quiet.output) == (0, "没有到期需复审的文件。\n")
    assert run(app, ["due", str(base_library), "--within", "soon"]).exit_code == 2
    assert run(app, ["due", str(base_library), "--today", "tomorrow"]).exit_code == 2


# --- coverage -----------------------------------------------------------------------------


def test_coverage_of_the_example_library():
    lib = load_library(SOPS)
    cov = coverage(lib)
    assert cov.matrix["XC-XXG"]["XC-SOP-01"] > 0 and "KF-SOP-01" not in cov.matrix["XC-XXG"]
    assert cov.matrix["WY-SFY"] == {"KF-SOP-01": 2}  # ar-notice, ar-sheet
    assert (cov.unlinked_items, cov.idle_roles) == ([], [])
    for proc in cov.procedures:
        uncovered = [s for s in cov.uncovered_steps if s["procedure"] == proc["id"]]
        assert len(uncovered) == proc["steps"] - proc["inspected"] > 0
    numbers = {(v.number, v.step.id) for v in lib.get("KF-SOP-01").walk()}
    for step in cov.uncovered_steps:
        if step["procedure"] == "KF-SOP-01":
            assert (step["number"], step["id"]) in numbers


def test_coverage_cli(tmp_path):
    out = run(app, ["coverage", str(SOPS), "-f", "json"])
    assert out.exit_code == 0
    assert json.loads(out.output) == coverage(load_library(SOPS)).to_dict()
    table = run(app, ["coverage", str(SOPS), "--lang", "en"])
    assert "Steps per role and procedure" in table.output
    assert "Roles with no procedure (0)" in table.output


def test_coverage_lints_spare_info_items_and_retired_documents(base_library):
    check = (base_library / "check.yaml").read_text("utf-8")
    write_tree(base_library, {
        "check.yaml": check + "      - {id: A9, text: 备注, type: info}\n",
        "old.yaml": check.replace("C-1", "C-OLD").replace('version: "1.0"',
                    'version: "1.0"\nstatus: retired').replace("step: P-1#greet\n", ""),
    })  # fmt: skip
    assert validate(base_library).diagnostics == []


def test_coverage_warning_lists_the_role_that_performs_nothing(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "tests" / "corpus" / "base", lib)
    role = (lib / "roles" / "mid.yaml").read_text("utf-8").replace("R-MID", "R-NEW")
    role = role.replace("reports_to: R-TOP", "reports_to: R-TOP\nx-note: n")
    write_tree(lib, {"roles/new.yaml": role, "proc.yaml": (lib / "proc.yaml").read_text(
        "utf-8").replace("version: A/1", "version: A/1\nowner: 客服部")})  # fmt: skip
    codes = sorted((d.code, Path(d.location.file).name) for d in validate(lib).diagnostics)
    # R-TOP heads the department and performs no step either: both are named.
    assert codes == [("role-without-procedure", "new.yaml"), ("role-without-procedure", "top.yaml")]
    (new,) = [d for d in validate(lib).diagnostics if d.location.file.endswith("new.yaml")]
    assert new.message("en") == (
        "role R-NEW performs no step of any procedure, although its department owns a "
        "procedure (P-1)"
    )
    assert new.message("zh-CN").endswith("但其所属部门有作业指导书(P-1)")
