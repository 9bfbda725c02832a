"""sopkit bump and sopkit approve: round-trip edits that change only what they must, the
content fingerprint, and the approval that goes stale (with and without git history)."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sopkit.app import load_library, validate
from sopkit.cli import app
from sopkit.doccontrol.approve import approve
from sopkit.doccontrol.bump import bump, next_version
from sopkit.doccontrol.yamledit import EditRefused, guess_indent
from sopkit.documents import fingerprint as fp
from sopkit.documents.parse import parse_document
from sopkit.documents.source import load_bytes, load_file
from tests.conftest import SOPS

DAY = date(2026, 11, 22)
FILES = sorted(SOPS.rglob("*.yaml"))
FILES = [f for f in FILES if f.name != "sopkit.yaml"]


def doc_of(path: Path):
    doc, diags = parse_document(load_file(path))
    assert doc is not None, diags
    return doc


def line_changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines removed and lines added, from a line-by-line comparison."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def git(repo, *args):
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=repo, check=True, capture_output=True,
    )  # fmt: skip


# --- versions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "part", "expected"),
    [
        ("1.4", "minor", "1.5"), ("1.9", "minor", "1.10"), ("1", "minor", "1.1"),
        ("1.4", "major", "2.0"), ("2.0.3", "minor", "2.1"), ("A/3", "minor", "A/4"),
        ("A/3", "letter", "B/0"), ("A/3", "major", "B/0"), ("b/2", "letter", "c/0"),
    ],
)  # fmt: skip
def test_next_version(version, part, expected):
    assert next_version(version, part) == expected


def test_versions_that_cannot_be_raised_that_way():
    with pytest.raises(ValueError, match="bump-style"):
        next_version("1.4", "letter")
    with pytest.raises(ValueError, match="bump-last-letter"):
        next_version("Z/4", "letter")


# --- bump changes two things and nothing else ------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_bump_changes_only_the_version_line_and_adds_the_revision(path, tmp_path):
    target = tmp_path / path.name
    shutil.copy(path, target)
    before = target.read_text("utf-8")
    old = doc_of(target).version
    result = bump(target, "minor", "调整: 岗位 #职责", author="张敏", on=DAY)
    after = target.read_text("utf-8")
    new = result.details["new_version"]
    removed, added = line_changes(before, after)
    old_line = next(ln for ln in before.splitlines() if ln.startswith("version:"))
    assert removed == [old_line]
    assert added[0] == old_line.replace(old, new)
    indent = re.match(r"\s*", next(ln for ln in before.splitlines() if "- version:" in ln))[0]
    assert added[1:] == [
        f'{indent}- version: "{new}"',
        f"{indent}  date: 2026-11-22",
        f"{indent}  author: 张敏",
        f"{indent}  changes: '调整: 岗位 #职责'",
    ]
    doc = doc_of(target)
    assert (doc.version, doc.revisions[0].changes) == (new, "调整: 岗位 #职责")


def test_bump_keeps_comments_quotes_blank_lines_crlf_and_bom(tmp_path):
    text = (
        "# 岗位说明书\n"
        "kind: role   # the kind\n"
        "id: R-1\n"
        "title: '岗位: 一'\n"
        "version: '1.9'   # single quotes stay single\n"
        "effective: 2026-01-01\n"
        "\n"
        "revisions:\n"
        "# newest first\n"
        "- {version: '1.9', date: 2026-01-01, changes: 第二版}\n"
        "- version: '1.0'\n"
        "  date: 2025-01-01\n"
        "  changes: 首次发布\n"
        "\n"
        "department: 客服部\n"
        "summary: >-\n"
        "  folded\n"
        "  text\n"
        "duties: [{area: a, description: d}]\n"
    )
    path = tmp_path / "r.yaml"
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(raw)
    bump(path, "minor", "第三版", on=DAY)
    out = path.read_bytes()
    assert (
        out.startswith(b"\xef\xbb\xbf")
        and b"\r\n" in out
        and b"\n" not in out.replace(b"\r\n", b"")
    )
    removed, added = line_changes(text, out[3:].decode("utf-8").replace("\r\n", "\n"))
    assert removed == ["version: '1.9'   # single quotes stay single"]
    assert added == [
        "version: '1.10'  # single quotes stay single",  # the comment keeps its column
        "- version: '1.10'",
        "  date: 2026-11-22",
        "  changes: 第三版",
    ]


def test_bump_adds_revisions_when_there_are_none(tmp_path):
    path = tmp_path / "r.yaml"
    text = (
        'kind: role\nid: R-1\ntitle: t\nversion: "A/1"\neffective: 2026-01-01\n'
        "department: d\nsummary: s\nduties:\n  - {area: a, description: d}\n"
    )
    path.write_text(text, "utf-8")
    bump(path, "letter", "改版", on=DAY)
    removed, added = line_changes(text, path.read_text("utf-8"))
    assert removed == ['version: "A/1"']
    assert added == [
        'version: "B/0"',
        "revisions:",
        '  - version: "B/0"',
        "    date: 2026-11-22",
        "    changes: 改版",
    ]
    assert validate(tmp_path).diagnostics == []


def test_indentation_is_read_from_the_file():
    assert guess_indent("a:\n  b: 1\nc:\n  - x\n") == (2, 4, 2)
    assert guess_indent("a:\n    b: 1\nc:\n- x\n") == (4, 2, 0)
    assert guess_indent("c:\n    -   x\n") == (2, 8, 4)


def test_a_file_ruamel_would_reformat_is_refused_untouched(tmp_path):
    path = tmp_path / "r.yaml"
    text = (
        'kind: role\nid: R-1\ntitle: t\nversion: "1.0"\neffective: 2026-01-01\n'
        'revisions:\n- version: "1.0"\n  date: 2026-01-01\n  changes: c\n'
        "department: d\nsummary: s\nduties:\n    - area: a\n      description: d\n"
    )
    path.write_text(text, "utf-8")
    with pytest.raises(EditRefused) as info:
        bump(path, "minor", "x", on=DAY)
    assert [d.code for d in info.value.report.diagnostics] == ["edit-would-reformat"]
    assert path.read_text("utf-8") == text
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


@pytest.mark.parametrize(
    ("args", "code", "line"),
    [
        (["--letter"], "bump-style", 5),  # KF-LB is dotted
        (["--minor", "--date", "2026-01-01"], "bump-date", 16),  # before its newest revision
    ],
)
def test_bump_refusals_are_located_and_leave_the_file(tmp_path, args, code, line):
    path = tmp_path / "KF-LB.yaml"
    shutil.copy(SOPS / "roles" / "KF-LB.yaml", path)
    before = path.read_bytes()
    result = CliRunner().invoke(app, ["bump", str(path), *args, "--note", "x", "--lang", "en"])
    assert result.exit_code == 1
    assert f"{path}:{line}:" in result.output and f"[{code}]" in result.output
    assert path.read_bytes() == before


def test_bump_refuses_an_invalid_document(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(
        "kind: role\nid: R-1\ntitle: t\nversion: 1.10\neffective: 2026-01-01\n", "utf-8"
    )
    result = CliRunner().invoke(app, ["bump", str(path), "--minor", "--note", "x"])
    assert result.exit_code == 1
    assert f"{path}:4:10: error[version-not-string]" in result.output
    assert path.read_text("utf-8").endswith("effective: 2026-01-01\n")


def test_bump_cli_usage(tmp_path):
    path = tmp_path / "KF-LB.yaml"
    shutil.copy(SOPS / "roles" / "KF-LB.yaml", path)
    run = CliRunner().invoke
    assert run(app, ["bump", str(path), "--note", "x"]).exit_code == 2
    assert run(app, ["bump", str(path), "--minor", "--major", "--note", "x"]).exit_code == 2
    assert run(app, ["bump", str(path), "--minor", "--note", "x", "--date", "5/1"]).exit_code == 2
    assert run(app, ["bump", str(tmp_path / "none.yaml"), "--minor", "--note", "x"]).exit_code == 2
    ok = run(app, ["bump", str(path), "--minor", "--note", "x", "--date", "2026-05-01"])
    assert ok.exit_code == 0 and ok.output == f"{path}: 1.1 → 1.2\n"


# --- fingerprints ---------------------------------------------------------------------------


def test_fingerprint_ignores_form_and_document_control():
    text = (SOPS / "checklists" / "XC-CHK-01.yaml").read_text("utf-8")
    base = fp.fingerprint(parse_document(load_bytes(text.encode(), "a"))[0])

    def of(new_text: str) -> str:
        doc, diags = parse_document(load_bytes(new_text.encode(), "b"))
        assert doc is not None, diags
        return fp.fingerprint(doc)

    same = [
        text.replace("points: 10\n", "points: 10.0\n"),
        text.replace("status: active", "status: draft"),
        text.replace("status: active\n", ""),
        text.replace("approved_by: 王芳", "approved_by: 张三"),
        text.replace("首次发布", "初版"),
        "# comment\nx-owner-note: kept out\n"
        + text.replace("frequency: 每日", "frequency: '每日'"),
    ]
    assert {of(t) for t in same} == {base}
    different = [
        text.replace("pass: 80", "pass: 85"),
        text.replace('version: "1.1"\neffective', 'version: "1.2"\neffective'),
        text.replace("effective: 2026-03-01", "effective: 2026-03-02"),
        text.replace("着装整洁", "着装整齐"),
    ]
    assert base not in {of(t) for t in different}
    doc = parse_document(load_bytes(text.encode(), "c"))[0]
    assert len(base) == 64 and fp.matches(base[:16], doc) and not fp.matches(base[:4], doc)


# --- approve -------------------------------------------------------------------------------


def test_approve_writes_name_date_and_fingerprint_only(tmp_path):
    path = tmp_path / "KF-LB.yaml"
    shutil.copy(SOPS / "roles" / "KF-LB.yaml", path)
    before = path.read_text("utf-8")
    result = approve(path, "陈志远", on=date(2026, 2, 25))
    stored = fp.stored(doc_of(path))
    assert result.details["fingerprint"] == stored
    removed, added = line_changes(before, path.read_text("utf-8"))
    assert removed == ["  approved_by: 王芳", "  approved_on: 2026-02-20"]
    assert added == [
        "  approved_by: 陈志远",
        "  approved_on: 2026-02-25",
        f'  fingerprint: "{stored}"',
    ]


def test_review_records_name_and_date_but_no_fingerprint(tmp_path):
    path = tmp_path / "AC-CHK-01.yaml"
    shutil.copy(SOPS / "checklists" / "AC-CHK-01.yaml", path)
    before = path.read_text("utf-8")
    approve(path, "王芳", role="reviewed", on=date(2026, 11, 20))
    removed, added = line_changes(before, path.read_text("utf-8"))
    assert (removed, added) == (["  reviewed_by: 李强"],
                                ["  reviewed_by: 王芳", "  reviewed_on: 2026-11-20"])  # fmt: skip


def test_approve_adds_the_block_where_it_belongs(tmp_path):
    path = tmp_path / "r.yaml"
    text = (
        'kind: role\nid: R-1\ntitle: t\nversion: "1.0"\neffective: 2026-03-01\nowner: 客服部\n'
        'revisions:\n  - version: "1.0"\n    date: 2026-01-01\n    changes: c\n\n'
        "department: d\nsummary: s\nduties:\n  - {area: a, description: d}\n"
    )
    path.write_text(text, "utf-8")
    approve(path, "王芳", on=date(2026, 2, 1))
    lines = path.read_text("utf-8").splitlines()
    at = lines.index("approval:")
    assert lines[at - 1] == "owner: 客服部" and lines[at + 4] == "revisions:"
    assert lines[at + 1 : at + 3] == ["  approved_by: 王芳", "  approved_on: 2026-02-01"]


def test_a_blank_line_after_the_approval_block_stays_after_it(tmp_path):
    path = tmp_path / "r.yaml"
    text = (
        'kind: role\nid: R-1\ntitle: t\nversion: "1.0"\neffective: 2026-03-01\n'
        "approval:\n  prepared_by: 张敏\n\n# 岗位内容\ndepartment: d\nsummary: s\n"
        "duties:\n  - {area: a, description: d}\n"
    )
    path.write_text(text, "utf-8")
    approve(path, "王芳", on=date(2026, 2, 1))
    removed, added = line_changes(text, path.read_text("utf-8"))
    assert removed == []
    assert [a.split(":")[0] for a in added] == ["  approved_by", "  approved_on", "  fingerprint"]
    assert "  fingerprint" in path.read_text("utf-8").split("\n\n# 岗位内容")[0]


def test_approve_then_edit_then_validate(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(SOPS, lib)
    path = lib / "roles" / "KF-LB.yaml"
    run = CliRunner().invoke
    out = run(app, ["approve", str(path), "--by", "王芳", "--date", "2026-02-25"])
    assert out.exit_code == 0, out.output
    assert validate(lib).diagnostics == []
    assert run(app, ["validate", str(lib), "--strict"]).exit_code == 0
    # Form changes keep the approval.
    path.write_text(path.read_text("utf-8").replace("headcount: 2", "headcount: 2   # 两人"),
                    "utf-8")  # fmt: skip
    assert validate(lib).diagnostics == []
    # A content change makes it stale: a warning, an error with --strict.
    path.write_text(path.read_text("utf-8").replace("headcount: 2", "headcount: 3"), "utf-8")
    (warning,) = validate(lib).diagnostics
    assert (warning.code, warning.severity, warning.location.line) == (
        "approval-stale", "warning", 14,
    )  # fmt: skip
    assert "sopkit approve" in warning.hint("en")
    assert run(app, ["validate", str(lib)]).exit_code == 0
    assert run(app, ["validate", str(lib), "--strict"]).exit_code == 1


def test_approve_refuses_an_invalid_document(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("kind: role\nid: R-1\n", "utf-8")
    result = CliRunner().invoke(app, ["approve", str(path), "--by", "王芳"])
    assert result.exit_code == 1 and "missing-field" in result.output
    assert path.read_text("utf-8") == "kind: role\nid: R-1\n"
    assert CliRunner().invoke(app, ["approve", str(path), "--by", " "]).exit_code == 2


def test_stale_approval_names_the_changes_since_the_approved_commit(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    lib = tmp_path / "sops"
    shutil.copytree(SOPS, lib)
    path = lib / "roles" / "KF-LB.yaml"
    approve(path, "王芳", on=date(2026, 2, 25))
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "approved")
    approved = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=tmp_path,
                              capture_output=True, text=True).stdout.strip()  # fmt: skip
    text = path.read_text("utf-8")
    path.write_text(text.replace("headcount: 2", "headcount: 3"), "utf-8")
    git(tmp_path, "commit", "-q", "-am", "more staff")
    path.write_text(path.read_text("utf-8").replace("  - 领导技巧\n", ""), "utf-8")
    (warning,) = load_library(lib).report.diagnostics
    assert warning.args["commit"] == approved
    assert warning.args["suggestion"] == "~headcount, -training[training]"
    hint = warning.hint("en")
    assert f"sopkit diff {path} --rev {approved}" in hint


def test_stale_approval_without_a_matching_commit_uses_the_approval_commit(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    lib = tmp_path / "sops"
    shutil.copytree(SOPS, lib)
    path = lib / "roles" / "KF-LB.yaml"
    # A fingerprint typed by hand: no version of the file ever matched it.
    text = path.read_text("utf-8").replace(
        "  approved_on: 2026-02-20\n",
        '  approved_on: 2026-02-20\n  fingerprint: "0000000000000000"\n',
    )
    path.write_text(text, "utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "fingerprint added")
    first = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=tmp_path,
                           capture_output=True, text=True).stdout.strip()  # fmt: skip
    path.write_text(text.replace("headcount: 2", "headcount: 3"), "utf-8")
    git(tmp_path, "commit", "-q", "-am", "edit")
    (warning,) = load_library(lib).report.diagnostics
    assert (warning.args["commit"], warning.args["suggestion"]) == (first, "~headcount")


def test_bump_with_effective_changes_exactly_the_version_and_effective_lines(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(SOPS, lib)
    path = lib / "roles" / "KF-LB.yaml"
    before = path.read_text(encoding="utf-8").splitlines()
    bump(path, "minor", "增加职责", on=date(2026, 11, 22), effective=date(2026, 12, 1))
    after = path.read_text(encoding="utf-8").splitlines()
    changed = sorted(line for line in difflib.ndiff(before, after) if line[:1] in "+-")
    assert changed == [
        "+     changes: 增加职责",
        "+     date: 2026-11-22",
        '+   - version: "1.2"',
        "+ effective: 2026-12-01",
        '+ version: "1.2"',
        "- effective: 2026-03-01",
        '- version: "1.1"',
    ]
    # approving the new version the day before it takes effect raises no warning
    result = approve(path, "王芳", on=date(2026, 11, 30))
    assert result.warnings == []
    assert validate(lib).ok(strict=True)


def test_approve_refuses_a_document_whose_references_fail_in_its_library(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(SOPS, lib)
    path = lib / "roles" / "KF-LB.yaml"
    path.write_text(path.read_text("utf-8").replace("reports_to: KF-ZG", "reports_to: KF-ZX"))
    before = path.read_bytes()
    with pytest.raises(EditRefused) as refused:
        approve(path, "王芳", on=date(2026, 11, 30))
    assert [d.code for d in refused.value.report.errors] == ["unknown-role"]
    assert path.read_bytes() == before


def test_bump_past_the_last_letter_is_refused_at_the_version(tmp_path):
    path = tmp_path / "KF-LB.yaml"
    text = (SOPS / "roles" / "KF-LB.yaml").read_text("utf-8")
    text = text.replace('version: "1.1"', 'version: "Z/3"').replace(
        'version: "1.0"', 'version: "Y/0"'
    )
    path.write_text(text, "utf-8")
    before = path.read_bytes()
    result = CliRunner().invoke(app, ["bump", str(path), "--letter", "--note", "x", "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert f"{path}:5:" in result.output and "[bump-last-letter]" in result.output
    assert path.read_bytes() == before
