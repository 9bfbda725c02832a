"""Drafts validate (issue 12, item 2) and every choice takes its Chinese word (item 4)."""

from __future__ import annotations

import pytest

from sopkit.app import load_library, validate
from sopkit.documents.check import check_bytes
from sopkit.manual.render import write_manuals
from tests.conftest import write_tree

BARE_ROLE = """kind: role
id: KF-LB
title: 客服领班
version: "1.0"
effective: 2026-01-01
status: {status}
"""


def _codes(report):
    return sorted((d.code, str(d.severity), d.args.get("field")) for d in report.diagnostics)


def test_a_draft_may_lack_department_summary_and_duties(tmp_path):
    lib = write_tree(tmp_path, {"roles/KF-LB.yaml": BARE_ROLE.format(status="草稿")})
    report = validate(lib)
    assert report.ok()
    assert _codes(report) == [
        ("missing-field", "warning", "department"),
        ("missing-field", "warning", "duties"),
        ("missing-field", "warning", "summary"),
    ]


def test_a_missing_field_says_what_it_means_in_the_readers_language(tmp_path):
    lib = write_tree(tmp_path, {"roles/KF-LB.yaml": BARE_ROLE.format(status="草稿")})
    (summary,) = [d for d in validate(lib).diagnostics if d.args["field"] == "summary"]
    assert "summary: …" in summary.hint("zh-CN") and "工作概要" in summary.hint("zh-CN")
    assert "Purpose of the job" in summary.hint("en")


def test_the_same_fields_are_errors_once_active(tmp_path):
    lib = write_tree(tmp_path, {"roles/KF-LB.yaml": BARE_ROLE.format(status="active")})
    report = validate(lib)
    assert _codes(report) == [
        ("missing-field", "error", "department"),
        ("missing-field", "error", "duties"),
        ("missing-field", "error", "summary"),
    ]


def test_an_empty_duty_list_of_a_draft_is_a_warning():
    raw = BARE_ROLE.format(status="draft") + "department: 客服部\nsummary: 概要\nduties: []\n"
    doc, _, diags = check_bytes(raw.encode(), "x.yaml")
    assert doc is not None and doc.status == "draft"
    assert [(d.code, str(d.severity), d.location.line) for d in diags] == [
        ("empty-value", "warning", 9)
    ]


def test_missing_fields_do_not_hide_version_errors():
    raw = BARE_ROLE.format(status="active") + (
        'depatment: 客服部\nrevisions:\n  - {version: "0.9", date: 2026-01-01, changes: 首次发布}\n'
    )
    _, _, diags = check_bytes(raw.encode(), "x.yaml")
    found = sorted((d.code, d.location.line) for d in diags)
    assert found == [
        ("missing-field", 1),  # summary
        ("missing-field", 1),  # duties
        ("revision-version-mismatch", 9),
        ("unknown-key", 7),  # depatment: did you mean department (not also "missing")
    ]


BARE_PROCEDURE = """kind: procedure
id: SOP-JD
title: 前台接待作业指导书
version: "1.0"
effective: 2026-01-01
status: {status}
steps:
  - text: 起立问候来访者
"""


def test_a_draft_procedure_may_lack_purpose_and_scope(tmp_path):
    lib = write_tree(tmp_path, {"procedures/SOP-JD.yaml": BARE_PROCEDURE.format(status="草稿")})
    report = validate(lib)
    assert report.ok()
    assert _codes(report) == [
        ("missing-field", "warning", "purpose"),
        ("missing-field", "warning", "scope"),
    ]


def test_purpose_and_scope_are_errors_once_the_procedure_is_active(tmp_path):
    lib = write_tree(tmp_path, {"procedures/SOP-JD.yaml": BARE_PROCEDURE.format(status="生效")})
    report = validate(lib)
    assert [c for c in _codes(report) if c[0] == "missing-field"] == [
        ("missing-field", "error", "purpose"),
        ("missing-field", "error", "scope"),
    ]


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_draft_procedure_prints_without_empty_purpose_and_scope(tmp_path, fmt):
    role = BARE_ROLE.format(status="draft") + "department: 客服部\nsummary: 接待\n"
    steps = "  - {text: 起立问候来访者, role: KF-LB}\n"
    proc = BARE_PROCEDURE.format(status="draft").replace("  - text: 起立问候来访者\n", steps)
    lib = write_tree(tmp_path, {"roles/KF-LB.yaml": role, "procedures/SOP-JD.yaml": proc})
    (path,) = write_manuals(load_library(lib), tmp_path / "out", roles=["KF-LB"], fmt=fmt)
    text = path.read_text(encoding="utf-8")
    assert "起立问候来访者" in text
    assert "None" not in text
    assert "目的" not in text and "适用范围" not in text


CHECKLIST = """kind: checklist
id: C-1
title: 日检表
version: "1.0"
effective: 2026-01-01
status: 生效
scoring: {method: 扣分制, pass: 80, critical: 零分}
sections:
  - title: 现场
    items:
      - {id: A1, text: 着装整洁, type: 判定, points: 5}
      - {id: A2, text: 违规次数, type: 计次, per: 2, points: 10}
      - {id: A3, text: 礼仪, type: 评分, points: 10}
      - {id: A4, text: 距离, type: 测量, target: {min: 3}, points: 5}
      - {id: A5, text: 在岗人数, type: 记录}
"""


def test_chinese_words_are_read_as_the_values_they_stand_for():
    doc, _, diags = check_bytes(CHECKLIST.encode(), "c.yaml")
    assert diags == []
    assert doc.status == "active"
    assert (doc.scoring.method, doc.scoring.critical) == ("deduct", "zero")
    assert [i.type for _, i in doc.items()] == ["check", "count", "scale", "measure", "info"]
    role = BARE_ROLE.format(status="作废") + (
        "department: 客服部\nsummary: 概要\nduties: [{description: 职责}]\n"
        "relations: {internal: [{party: 工程部, frequency: 频繁},\n"
        "                       {party: 安管部, frequency: 偶尔}]}\n"
    )
    doc, _, diags = check_bytes(role.encode(), "r.yaml")
    assert diags == []
    assert doc.status == "retired"
    assert [r.frequency for r in doc.relations.internal] == ["often", "occasional"]


def test_the_librarys_language_in_chinese(tmp_path):
    from sopkit.app import load_library

    lib = write_tree(tmp_path, {"sopkit.yaml": "locale: 英文\n"})
    assert load_library(lib).lang == "en"


def test_a_wrong_choice_lists_both_words():
    _, _, diags = check_bytes(BARE_ROLE.format(status="草搞").encode(), "r.yaml")
    (diag,) = [d for d in diags if d.code == "invalid-choice"]
    assert (diag.location.line, diag.location.col) == (6, 9)
    assert "draft (草稿), active (生效), retired (作废)" in diag.hint("en")
    assert "草稿" in diag.hint("zh-CN") and "'草稿'" in diag.hint("en")  # did you mean 草稿


def test_a_bare_draft_prints_in_the_manuals(tmp_path):
    from datetime import date

    from sopkit.app import load_library
    from sopkit.manual.render import write_manuals

    lib = write_tree(tmp_path / "lib", {
        "roles/KF-LB.yaml": BARE_ROLE.format(status="draft"),
        "roles/KF-ZG.yaml": BARE_ROLE.format(status="active").replace("KF-LB", "KF-ZG")
        + "department: 客服部\nsummary: 概要\nduties: [{description: 职责}]\n",
    })  # fmt: skip
    library = load_library(lib)
    assert library.report.ok()
    for fmt in ("html", "md"):
        paths = write_manuals(library, tmp_path / fmt, fmt=fmt, issued=date(2026, 7, 1))
        text = {p.stem: p.read_text(encoding="utf-8") for p in paths}
        assert "草稿" in text["KF-LB"] and "None" not in text["KF-LB"]
    handbook = write_manuals(library, tmp_path / "d", department="客服部", issued=date(2026, 7, 1))
    assert len(handbook) == 1


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_printed_number_equal_to_the_id_is_printed_once(tmp_path, fmt):
    role = BARE_ROLE.format(status="draft") + "doc_no: KF-LB\ndepartment: 客服部\nsummary: 接待\n"
    lib = write_tree(tmp_path, {"roles/KF-LB.yaml": role})
    (path,) = write_manuals(load_library(lib), tmp_path / "out", roles=["KF-LB"], fmt=fmt)
    text = path.read_text(encoding="utf-8")
    assert "KF-LB (KF-LB)" not in text and '<span class="muted">KF-LB</span>' not in text
