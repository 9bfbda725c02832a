"""CLI wiring: exit codes, streams, and JSON output equal to the library's values."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from sopkit import __version__
from sopkit.app import load_library
from sopkit.cli import app
from sopkit.documents.inventory import inventory
from sopkit.documents.schema import json_schema
from tests.conftest import SOPS, write_tree

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"sopkit {__version__}"


def test_python_dash_m_works():
    proc = subprocess.run(
        [sys.executable, "-m", "sopkit", "--version"], capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == f"sopkit {__version__}"


def test_validate_valid_library_exits_0():
    result = invoke("validate", SOPS)
    assert result.exit_code == 0
    assert "0 个错误" in result.stdout


def test_validate_errors_exit_1_with_location_and_hint(base_library):
    write_tree(base_library, {"bad.yaml": "kind: role\nid: X\ntitle: t\nversion: 1.10\n"})
    result = invoke("validate", base_library, "--lang", "en")
    assert result.exit_code == 1
    assert f"{base_library}/bad.yaml:4:10: error[version-not-string]" in result.stdout
    assert 'hint: Put it in quotes: "1.10"' in result.stdout


def test_validate_json_is_the_library_report(base_library):
    write_tree(base_library, {"bad.yaml": "kind: role\nid: X\n"})
    result = invoke("validate", base_library, "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    expected = load_library(base_library).report.to_dict("en")
    assert json.loads(result.stdout) == expected
    assert expected["valid"] is False and expected["errors"] >= 1


def test_validate_language_follows_the_library_then_the_option(base_library):
    write_tree(base_library, {"bad.yaml": "kind: rolle\n"})
    assert "未知的文档类型" in invoke("validate", base_library).stdout
    assert "unknown document kind" in invoke("validate", base_library, "--lang", "en").stdout


def test_warnings_pass_unless_strict(base_library):
    write_tree(
        base_library,
        {"roles/top.yaml": (base_library / "roles/top.yaml").read_text("utf-8")
         + "approval:\n  approved_on: 2026-02-01\n"},
    )  # fmt: skip
    assert invoke("validate", base_library).exit_code == 0
    assert invoke("validate", base_library, "--strict").exit_code == 1


def test_a_file_not_read_is_a_notice_that_never_fails_strict(base_library):
    (base_library / "roles" / "岗位说明书.docx").write_bytes(b"PK")
    text = invoke("validate", base_library, "--strict", "--lang", "en")
    assert text.exit_code == 0
    assert "notice[file-not-read]" in text.stdout and "sopkit import" in text.stdout
    assert "0 error(s), 0 warning(s)" in text.stdout and "1 notice(s)" in text.stdout
    data = json.loads(invoke("validate", base_library, "--strict", "--format", "json").stdout)
    assert data["valid"] is True and data["notices"] == 1
    assert [(d["code"], d["severity"]) for d in data["diagnostics"]] == [
        ("file-not-read", "notice")
    ]
    github = invoke("validate", base_library, "--strict", "--format", "github").stdout
    assert github.startswith("::notice file=") and "title=file-not-read" in github


def test_github_annotations(base_library):
    write_tree(base_library, {"bad.yaml": "kind: role\nid: X\n"})
    result = invoke("validate", base_library, "--format", "github", "--lang", "en")
    assert result.exit_code == 1
    assert (
        f"::error file={base_library}/bad.yaml,line=1,col=1,title=missing-field::" in result.stdout
    )


def test_missing_folder_is_usage_error_on_stderr(tmp_path):
    result = invoke("validate", tmp_path / "nope")
    assert result.exit_code == 2
    assert "not a folder" in result.stderr and result.stdout == ""


def test_bad_option_values_exit_2():
    assert invoke("validate", SOPS, "--format", "xml").exit_code == 2
    assert invoke("validate", SOPS, "--lang", "fr").exit_code == 2
    assert invoke("schema", "recipe").exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ["validate", SOPS, "--format", "x"],
        ["list", SOPS, "--format", "x"],
        ["manual", SOPS, "--format", "x"],
        ["manual", SOPS, "--preset", "x"],
        ["score", "a.xlsx", "--format", "x"],
        ["score", "a.xlsx", "--missing", "x"],
        ["record", "a.xlsx", "--format", "x"],
        ["report", "--period", "x"],
        ["report", "--format", "x"],
        ["actions", "--format", "x"],
        ["due", SOPS, "--format", "x"],
        ["coverage", SOPS, "--format", "x"],
        ["diff", "a.yaml", "b.yaml", "--format", "x"],
        ["import", "a.docx", "--kind", "x"],
    ],
    ids=lambda args: " ".join(str(a) for a in args if a is not SOPS),
)
def test_a_wrong_choice_is_said_plainly(args):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "'x' is not one of '" in result.stderr
    assert "Value error" not in result.stderr  # pydantic's words, not the user's


def test_list_json_is_the_inventory():
    result = invoke("list", SOPS, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == inventory(load_library(SOPS))


def test_list_table_and_csv():
    table = invoke("list", SOPS, "--lang", "en").stdout.splitlines()
    assert table[0].split() == ["id", "kind", "title", "version", "effective", "status", "file"]
    assert any(line.startswith("KF-LB ") for line in table)
    assert invoke("list", SOPS).stdout.split()[:2] == ["编号", "类别"]
    csv_out = invoke("list", SOPS, "--format", "csv", "--lang", "en").stdout.splitlines()
    assert csv_out[0] == "\ufeffid,kind,title,version,effective,status,file"  # BOM for Excel
    assert len(csv_out) == 1 + len(load_library(SOPS).documents)


def test_list_says_on_stderr_why_a_document_is_missing(base_library):
    write_tree(base_library, {"bad.yaml": "kind: role\nid: BAD\n"})
    result = invoke("list", base_library, "--format", "json")
    assert result.exit_code == 1
    assert "BAD" not in result.stdout and "bad.yaml:1:1" in result.stderr
    assert json.loads(result.stdout) == inventory(load_library(base_library))


def test_default_library_is_the_current_folder_when_it_holds_sopkit_yaml(base_library, monkeypatch):
    monkeypatch.chdir(base_library)
    assert invoke("validate").exit_code == 0
    result = invoke("validate", base_library / "proc.yaml")
    assert result.exit_code == 2 and "is a file" in result.stderr


def test_schema_output_is_the_library_schema():
    assert json.loads(invoke("schema").stdout) == json_schema()
    assert json.loads(invoke("schema", "role").stdout) == json_schema("role")


def test_no_traceback_on_a_broken_library(base_library):
    write_tree(base_library, {"a.yaml": b"\xff\xfe\x00garbage", "b.yaml": "[unclosed\n"})
    result = invoke("validate", base_library)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr


def test_score_does_not_use_a_checklist_with_errors(tmp_path):
    import shutil

    lib = tmp_path / "lib"
    shutil.copytree(SOPS, lib)
    assert invoke("checklist", lib, "KF-CHK-01", "-o", tmp_path / "forms").exit_code == 0
    path = lib / "checklists" / "KF-CHK-01.yaml"
    text = path.read_text("utf-8")
    # a measure item loses its target: the checklist has an error of its own
    broken = "\n".join(line for line in text.splitlines() if "target:" not in line) + "\n"
    path.write_text(broken, encoding="utf-8")
    assert "kf-chk-01" in load_library(lib).with_errors()
    result = invoke("score", tmp_path / "forms" / "KF-CHK-01.xlsx", "--lib", lib, "-f", "json")
    assert result.exit_code == 1
    [sheet] = json.loads(result.stdout)
    assert sheet["status"] != "ok" and sheet["score"] is None
    assert "KF-CHK-01" in result.stderr


def test_due_table_speaks_the_library_language():
    result = invoke("due", SOPS, "--within", "2y", "--today", "2026-11-22")
    assert result.exit_code == 1
    assert result.stdout.split()[:4] == ["编号", "类别", "名称", "状态"]
    assert "草稿即将到计划生效日期" in result.stdout  # AC-CHK-01, a draft due 2026-12-01
    english = invoke("due", SOPS, "--within", "2y", "--today", "2026-11-22", "--lang", "en")
    assert "draft about to take effect" in english.stdout


@pytest.mark.parametrize("command", ["checklist", "build", "manual"])
def test_an_output_path_that_is_a_file_is_exit_2_not_a_traceback(command, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    result = invoke(command, SOPS, "-o", target)
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert target.read_text(encoding="utf-8") == "x"


def test_control_characters_and_long_site_names_do_not_break_the_workbook(tmp_path):
    import shutil

    import openpyxl

    lib = tmp_path / "lib"
    shutil.copytree(SOPS, lib)
    path = lib / "checklists" / "KF-CHK-01.yaml"
    original = path.read_text("utf-8")
    path.write_text(original.replace("title: ", 'title: "铃声\\a提示" #', 1), encoding="utf-8")
    # a control character is refused when the document is read (issue 9 #18) ...
    result = invoke("checklist", lib, "KF-CHK-01", "-o", tmp_path / "out")
    assert result.exit_code == 1 and "control-character" in result.output
    path.write_text(original.replace("title: ", 'title: "铃声提示" #', 1), encoding="utf-8")
    site = "锦华嘉园" * 20  # 240 bytes in UTF-8
    result = invoke("checklist", lib, "KF-CHK-01", "--site", site, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    [written] = (tmp_path / "out").iterdir()
    assert len(written.name.encode()) < 255
    sheet = openpyxl.load_workbook(written).worksheets[0]
    assert any(c.value == "铃声提示" for row in sheet.iter_rows() for c in row)


def test_a_checklist_file_that_does_not_load_is_named_not_guessed(tmp_path):
    import shutil

    lib = tmp_path / "lib"
    shutil.copytree(SOPS, lib)
    assert invoke("checklist", lib, "KF-CHK-01", "-o", tmp_path / "forms").exit_code == 0
    path = lib / "checklists" / "KF-CHK-01.yaml"
    path.write_bytes(path.read_bytes() + b"\tbroken\n")  # a tab: the file no longer loads
    result = invoke("score", tmp_path / "forms" / "KF-CHK-01.xlsx", "--lib", lib, "-f", "json")
    assert result.exit_code == 1
    [sheet] = json.loads(result.stdout)
    assert sheet["status"] == "invalid"
    assert [d["code"] for d in sheet["errors"]] == ["sheet-checklist-has-errors"]
