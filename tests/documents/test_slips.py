"""Messages for the slips HR editors make (issue 12, item 5): each names the slip, at its
place, and says what to write instead."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from sopkit.app import validate
from sopkit.cli import app
from sopkit.documents.check import check_bytes
from tests.conftest import CORPUS, SOPS, write_tree

runner = CliRunner()

ROLE = """kind: role
id: {id}
title: {title}
version: "1.0"
effective: 2026-01-01
department: 客服部
summary: 测试
duties:
  - description: 测试职责
"""


def _one(diags, code):
    (diag,) = [d for d in diags if d.code == code]
    return diag


def test_fullwidth_space_after_a_colon_is_named_at_that_character():
    raw = "kind: role\nid: X\ntitle: 测试\ngrade:\u3000主管级\n".encode()
    _, _, diags = check_bytes(raw, "x.yaml")
    diag = _one(diags, "fullwidth-space")
    assert (diag.location.line, diag.location.col) == (4, 7)
    assert "after the colon" in diag.message("en") and "冒号后面" in diag.message("zh-CN")
    assert "Shift+Space" in diag.hint("en")


def test_fullwidth_indentation_is_named_on_its_own_line():
    raw = (ROLE.format(id="X", title="测试") + "qualifications:\n\u3000\u3000education: 大专\n"
           "  major: 物业\n").encode()  # fmt: skip
    _, _, diags = check_bytes(raw, "x.yaml")
    diag = _one(diags, "fullwidth-space")
    assert (diag.location.line, diag.location.col) == (11, 1)
    assert "indentation" in diag.message("en") and "缩进" in diag.message("zh-CN")


def test_curly_quotes_are_named_and_the_straight_form_shown():
    raw = ROLE.format(id="X", title="测试").replace('"1.0"', "“1.10”").encode()
    _, _, diags = check_bytes(raw, "x.yaml")
    diag = _one(diags, "curly-quotes")
    assert (diag.location.line, diag.location.col) == (4, 10)
    assert 'version: "1.10"' in diag.hint("en")
    assert "add quotes" not in diag.hint("en").lower()


def test_a_key_one_level_off_says_where_it_belongs():
    raw = (ROLE.format(id="X", title="测试") + "skills: [办公软件]\n").encode()
    _, _, diags = check_bytes(raw, "x.yaml")
    diag = _one(diags, "misplaced-key")
    assert diag.message("en") == "'skills' belongs under qualifications"
    assert "kpis" not in diag.hint("en")


def test_a_title_where_an_id_belongs_suggests_that_roles_id(tmp_path):
    shutil.copytree(CORPUS / "base", tmp_path / "lib")
    write_tree(tmp_path / "lib", {
        "zz/a.yaml": ROLE.format(id="R-A", title="甲") + "reports_to: 客服经理\n",
        "zz/p.yaml": "kind: procedure\nid: P-A\ntitle: 乙\nversion: \"1\"\n"
        "effective: 2026-01-01\npurpose: 目的\nscope: 范围\nsteps:\n"
        "  - {text: 步骤, role: 客服经理}\n",
    })  # fmt: skip
    report = validate(tmp_path / "lib")
    title = _one(report.diagnostics, "title-not-id")
    assert "R-TOP" in title.hint("en") and "reports_to: R-TOP" in title.hint("zh-CN")
    step = _one(report.diagnostics, "invalid-id")
    assert step.args["suggestion"] == "R-TOP" and "R-TOP" in step.hint("en")


def test_an_id_typed_with_a_space_or_other_separator_is_not_taken_for_a_title(tmp_path):
    """'R TOP' was 'a title, not a role id' with the advice to write {title: R TOP} (an
    outside role: a wrong org chart); 'r_top' had no did-you-mean (case, separator)."""
    shutil.copytree(CORPUS / "base", tmp_path / "lib")
    write_tree(tmp_path / "lib", {
        "zz/a.yaml": ROLE.format(id="R-A", title="甲") + "reports_to: R TOP\n",
        "zz/b.yaml": ROLE.format(id="R-B", title="乙") + "reports_to: r_top\n",
        "zz/c.yaml": ROLE.format(id="R-C", title="丙") + "reports_to: 总监\n",
    })  # fmt: skip
    report = validate(tmp_path / "lib")
    found = {d.location.file.rsplit("/", 1)[-1]: d for d in report.diagnostics}
    for name in ("a.yaml", "b.yaml"):
        assert found[name].code == "unknown-role"
        assert found[name].hint("en") == "Did you mean 'R-TOP'?"
    assert found["c.yaml"].code == "title-not-id"  # a title of a role outside the library


def test_a_step_role_typed_with_a_space_or_in_lower_case_suggests_the_id(tmp_path):
    shutil.copytree(CORPUS / "base", tmp_path / "lib")
    step = 'kind: procedure\nid: P-{n}\ntitle: 乙\nversion: "1"\neffective: 2026-01-01\n'
    step += "purpose: 目的\nscope: 范围\nsteps:\n  - {{text: 步骤, role: {role}}}\n"
    write_tree(tmp_path / "lib", {"zz/p.yaml": step.format(n="A", role="R TOP"),
                                  "zz/q.yaml": step.format(n="B", role="r_top")})  # fmt: skip
    found = [d for d in validate(tmp_path / "lib").diagnostics if "zz" in d.location.file]
    expected = ("unknown-role", "Did you mean 'R-TOP'?")
    assert [(d.code, d.hint("en")) for d in found] == [expected, expected]


def test_a_title_close_to_a_roles_title_suggests_that_role(tmp_path):
    """'reports_to: 客服主任' (the library has 客服主管) only said how to write an outside
    role: the chart then showed an outside 客服主任 over the role."""
    lib = write_tree(tmp_path, {
        "zg.yaml": ROLE.format(id="KF-ZG", title="客服主管"),
        "lb.yaml": ROLE.format(id="KF-LB", title="客服领班") + "reports_to: 客服主任\n",
        "qt.yaml": ROLE.format(id="KF-QT", title="前台") + "reports_to: 总监\n",
    })  # fmt: skip
    found = {d.location.file.rsplit("/", 1)[-1]: d for d in validate(lib).diagnostics}
    near = found["lb.yaml"]
    assert near.code == "title-not-id"
    assert near.hint("en").startswith("Did you mean 客服主管 (KF-ZG)? Then write reports_to: KF-ZG")
    assert near.hint("zh-CN").startswith("是不是指 客服主管(KF-ZG)?")
    assert "Did you mean" not in found["qt.yaml"].hint("en")  # 总监 is like no title here


def test_an_unknown_superior_never_suggests_the_role_itself(tmp_path):
    lib = write_tree(tmp_path, {"KF-LB.yaml": ROLE.format(id="KF-LB", title="客服领班")
                                + "reports_to: KF-LBB\n"})  # fmt: skip
    report = validate(lib)
    diag = _one(report.diagnostics, "unknown-role")
    assert diag.args["suggestion"] == ""
    assert "KF-LB'" not in diag.hint("en")


def test_a_cycle_through_the_second_superior_is_found(tmp_path):
    lib = write_tree(tmp_path, {
        "a.yaml": ROLE.format(id="R-A", title="甲") + "reports_to: [{title: 总裁}, R-B]\n",
        "b.yaml": ROLE.format(id="R-B", title="乙") + "reports_to: R-A\n",
    })  # fmt: skip
    diag = _one(validate(lib).diagnostics, "reporting-cycle")
    assert diag.args["cycle"] == "R-A → R-B → R-A"
    assert (diag.location.line, diag.location.col) == (10, 27)


def _two_uninspected_steps(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(CORPUS / "base", lib)
    shutil.copytree(CORPUS / "invalid" / "step-not-inspected", lib / "zz")
    proc = lib / "zz" / "proc.yaml"
    proc.write_text(proc.read_text(encoding="utf-8").replace(
        "      - text: 没有标准的步骤不会告警。", "      - {text: 交班, standard: 当班交接}"),
        encoding="utf-8")  # fmt: skip
    return lib


@pytest.mark.parametrize("command", ["validate", "build"])
def test_lint_warnings_take_one_line_per_kind_unless_verbose(tmp_path, command):
    lib = _two_uninspected_steps(tmp_path)
    extra = ["-o", str(tmp_path / "out")] if command == "build" else []
    short = runner.invoke(app, [command, str(lib), "--lang", "en", *extra])
    full = runner.invoke(app, [command, str(lib), "--lang", "en", "--verbose", *extra])
    assert short.exit_code == full.exit_code == 0
    assert short.stdout.count("step-not-inspected") == 1
    assert "(and 1 more like it: --verbose lists each)" in short.stdout
    assert full.stdout.count("step-not-inspected") == 2
    assert "2 warning(s)" in short.stdout  # the count stays the truth


def test_manual_with_a_role_id_instead_of_the_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SOPS, tmp_path / "sops")
    ok = runner.invoke(app, ["manual", "KF-LB", "-o", "out", "--date", "2026-07-01"])
    assert ok.exit_code == 0 and (tmp_path / "out" / "KF-LB.html").is_file()
    bad = runner.invoke(app, ["manual", "KF-XX"])
    assert bad.exit_code == 2
    assert "sopkit manual sops --role ID" in bad.stderr
    other = runner.invoke(app, ["validate", "KF-LB"])
    assert other.exit_code == 2 and "sopkit manual sops --role KF-LB" in other.stderr


@pytest.mark.parametrize(
    ("written", "meant"),
    [("2026年5月1日", "2026-05-01"), ("2026/5/1", "2026-05-01"), ("2026.12.31", "2026-12-31"),
     ("２０２６－０５－０１", "2026-05-01"), ("2026年2月30日", ""), ("明年五月", "")],
)  # fmt: skip
def test_a_date_written_the_chinese_way_gets_the_form_to_type(written, meant):
    raw = ROLE.format(id="X", title="测试").replace(
        "effective: 2026-01-01", f"effective: {written}"
    )
    _, _, diags = check_bytes(raw.encode(), "x.yaml")
    diag = _one(diags, "invalid-date")
    assert (diag.location.line, diag.location.col) == (5, 12)
    if meant:
        assert f"effective: {meant}" in diag.hint("zh-CN") and meant in diag.hint("en")
    else:
        assert "2026-05-01" in diag.hint("zh-CN")  # the general example


@pytest.mark.parametrize(
    ("written", "meant"),
    [("部门", "department"), ("工作概要", "summary"), ("岗位职责", "duties"),
     ("直接上级", "reports_to"), ("岗位编制", "headcount"), ("任职资格", "qualifications")],
)  # fmt: skip
def test_a_chinese_key_gets_the_key_it_means(written, meant):
    raw = ROLE.format(id="X", title="测试").replace("department: 客服部\n", "")
    raw = raw.replace(f"{meant}:", f"x-{meant}:") + f"{written}: 值\n"
    _, _, diags = check_bytes(raw.encode(), "x.yaml")
    diag = _one(diags, "unknown-key")
    assert diag.args["suggestion"] == meant
    assert f"“{meant}”" in diag.hint("zh-CN")
    assert all(d.args.get("field") != meant for d in diags)  # not also "missing"


@pytest.mark.parametrize(
    "text", ["交班时间: 早上8:00", "*重要* 熟悉消防器材", "[注] 熟悉消防器材", '说明 "a": b']
)
def test_text_yaml_cannot_take_bare_gets_the_quoted_line_to_type(text):
    raw = ROLE.format(id="X", title="测试").replace("description: 测试职责", f"description: {text}")
    _, _, diags = check_bytes(raw.encode(), "x.yaml")
    diag = _one(diags, "yaml-syntax")
    assert diag.location.line == 9
    line = diag.args["suggestion"]
    assert line in diag.hint("zh-CN") and line in diag.hint("en")
    fixed = raw.replace(f"- description: {text}", line)
    doc, _, diags = check_bytes(fixed.encode(), "x.yaml")
    assert diags == [] and doc.duties[0].description == text  # typed as told, it reads back


def test_a_procedure_no_role_performs_is_named_with_a_role_to_write(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(CORPUS / "base", lib)
    shutil.copytree(CORPUS / "invalid" / "procedure-without-role", lib / "zz")
    (diag,) = [d for d in validate(lib).warnings if d.code == "procedure-without-role"]
    role = diag.args["example"]
    assert f"role: {role}" in diag.hint("zh-CN") and f"role: {role}" in diag.hint("en")
    assert "P-NOROLE" in diag.message("zh-CN")


@pytest.mark.parametrize(
    ("line", "meant"),
    [("headcount: 2人", "headcount: 2"), ("headcount: 12 名", "headcount: 12"),
     ("qualifications:\n  experience_years: 3年", "experience_years: 3"), ("headcount: 两人", "")],
)  # fmt: skip
def test_a_number_written_with_its_unit_gets_the_line_to_type(line, meant):
    raw = ROLE.format(id="X", title="测试") + line + "\n"
    _, _, diags = check_bytes(raw.encode(), "x.yaml")
    diag = _one(diags, "wrong-type")
    assert diag.args["suggestion"] == meant
    if meant:
        assert meant in diag.hint("zh-CN") and meant in diag.hint("en")
