"""Manuals: golden HTML/Markdown of a fixture library, escaping, content, overrides, CLI wiring.

Regenerate the golden files after a deliberate change with
``SOPKIT_UPDATE_GOLDEN=1 python -m pytest tests/manual/test_manual.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sopkit.app import load_library
from sopkit.cli import app
from sopkit.locale import en, zh_CN
from sopkit.manual.render import (
    ManualError,
    ManualIndex,
    md_escape,
    plan,
    render_text,
    safe_name,
    template_dirs,
    write_manuals,
)
from tests.conftest import SOPS, write_tree

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
LIB = GOLDEN / "lib"
DAY = date(2026, 7, 1)
UPDATE = os.environ.get("SOPKIT_UPDATE_GOLDEN") == "1"
XSS = "<script>alert(1)</script>"
JINJA = "{{ 7*7 }}"


class Page(HTMLParser):
    """What a browser would show: the text, the tags, own-step rows, links, resources."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.steps: list[str] = []  # display numbers of procedure steps, in page order
        self.own_steps: list[str] = []  # those marked as the role's own
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self._row: dict | None = None
        self._skip = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag in ("style", "title"):
            self._skip += 1
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for key in ("href", "src"):
            if attrs.get(key):
                self.urls.append(attrs[key])
        if tag == "tr":
            classes = (attrs.get("class") or "").split()
            self._row = {"step": "step" in classes, "own": "own" in classes, "cells": []}
        if tag == "td" and self._row is not None:
            self._row["cells"].append("")

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self._skip -= 1
        if tag == "tr" and self._row is not None:
            if self._row["step"]:
                number = re.match(r"\s*([\d.]+)", self._row["cells"][0]).group(1)
                self.steps.append(number)
                if self._row["own"]:
                    self.own_steps.append(number)
            self._row = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._row is not None and self._row["cells"]:
            self._row["cells"][-1] += data

    @property
    def plain(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text))


def _render(tmp_path: Path, lib: Path = LIB, **kw) -> dict[str, str]:
    kw.setdefault("issued", DAY)
    paths = write_manuals(load_library(lib), tmp_path / "out", **kw)
    return {p.name: p.read_text(encoding="utf-8") for p in paths}


def _markdown_to_html(text: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


# --- golden files ----------------------------------------------------------------------------

GOLDEN_CASES = {
    "R-MID.html": {"roles": ["R-MID"], "fmt": "html"},
    "R-MID.md": {"roles": ["R-MID"], "fmt": "md"},
    "R-MID.en.md": {"roles": ["R-MID"], "fmt": "md", "lang": "en"},
    "handbook.html": {"combined": True, "fmt": "html"},
    "handbook.md": {"combined": True, "fmt": "md"},
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(name, tmp_path):
    (output,) = _render(tmp_path, **GOLDEN_CASES[name]).values()
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(output, encoding="utf-8", newline="\n")
    assert golden.is_file(), f"run SOPKIT_UPDATE_GOLDEN=1 pytest {__file__} to create {name}"
    assert output == golden.read_text(encoding="utf-8"), (
        f"{name} differs from the golden file; if the change is intended, regenerate with "
        "SOPKIT_UPDATE_GOLDEN=1 and review the diff"
    )


def test_output_is_stable_and_dated_only_by_date_of_issue(tmp_path):
    first = _render(tmp_path / "a", roles=["R-MID"])
    second = _render(tmp_path / "b", roles=["R-MID"])
    assert first == second
    today = _render(tmp_path / "c", roles=["R-MID"], issued=None)["R-MID.html"]
    assert date.today().isoformat() in today
    assert DAY.isoformat() not in today


# --- escaping ----------------------------------------------------------------------------------


def test_html_shows_yaml_text_literally(tmp_path):
    html = _render(tmp_path, roles=["R-MID"])["R-MID.html"]
    page = Page(html)
    assert "script" not in page.tags
    assert XSS in page.plain and JINJA in page.plain
    assert "{% if true %}模板{% endif %}" in page.plain
    assert "http://example.com" in page.plain
    assert "49" not in page.plain


def test_markdown_shows_yaml_text_literally(tmp_path):
    text = _render(tmp_path, roles=["R-MID"], fmt="md")["R-MID.md"]
    page = Page(_markdown_to_html(text))
    assert "script" not in page.tags
    for literal in (
        XSS,
        JINJA,
        "*星号*",
        "_下划线_",
        "[链接](http://example.com)",
        "& &amp;",
        "`代码`",
        "~~删除~~",
        "\\反斜杠",
        "特殊字符 | *星号*",
    ):
        assert literal in page.plain, literal
    assert "49" not in page.plain


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))))
def test_md_escape_renders_any_text_literally(text):
    html = _markdown_to_html(f"| x |\n|---|\n| {md_escape(text)} |\n")
    cell = re.search(r"<td>(.*)</td>", html, re.S)
    shown = Page(cell.group(1) if cell else "").plain.strip()
    assert shown == re.sub(r"\s+", " ", text).strip()


@given(st.text())
def test_safe_name_stays_in_its_folder(text):
    name = safe_name(text)
    assert name and "/" not in name and "\\" not in name and not name.startswith(".")
    assert Path("out", name).parent == Path("out")


# --- content -----------------------------------------------------------------------------------


def test_role_manual_holds_what_a_new_hire_needs(tmp_path):
    page = Page(_render(tmp_path, roles=["R-MID"])["R-MID.html"])
    text = page.plain
    # Cover: organization, title, department, date of issue, versions of the documents inside.
    for value in ("测试物业服务有限公司", "客服领班", "岗位手册", "客服部", "2026-07-01", "A/1"):
        assert value in text
    # The form, the derived reporting line and the documents the role takes part in.
    labels = "基本信息 工作概要 工作内容 岗位权限 关键绩效指标 工作关系 任职资格 工作条件 个人发展"
    for label in [*labels.split(), "汇报路线", "本岗位填写和保管的记录"]:
        assert label in text
    assert "客服经理 › 客服领班 › 前台客服专员" in text
    assert {"doc-R-MID", "doc-P-1", "doc-P-OLD", "doc-C-1"} <= page.ids
    # Control block and revision history; the retired procedure is marked.
    for value in ("文件编号", "编制", "审核", "批准", "签字", "修订记录", "增加档案管理职责"):
        assert value in text
    assert zh_CN.LABELS["manual_banner_retired"] in text
    # The checklist is a blank form.
    for value in (
        "站点",
        "检查日期",
        "检查人",
        "被检查人",
        "目标 1–2 米",
        "每次扣 2 分,最多扣 10 分",
    ):
        assert value in text


def test_own_steps_are_marked(tmp_path):
    library = load_library(LIB)
    page = Page(_render(tmp_path, roles=["R-NEW"])["R-NEW.html"])
    expected = [
        v.number for p in library.procedures_of("R-NEW") for v in p.walk() if "R-NEW" in v.roles
    ]
    assert expected == ["1", "1.1", "2", "2.1", "2.2", "3.1"]
    assert page.own_steps == expected


def test_sops_manuals_mark_exactly_the_roles_steps(tmp_path):
    library = load_library(SOPS)
    for role in ("XC-DPC", "XC-LB", "KF-QT"):
        page = Page(_render(tmp_path / role, lib=SOPS, roles=[role])[f"{role}.html"])
        expected = [
            v.number
            for p in library.procedures_of(role)
            for v in p.walk()
            if role.lower() in {r.lower() for r in v.roles}
        ]
        assert page.own_steps == expected


def test_empty_sections_are_left_out(tmp_path):
    text = Page(_render(tmp_path, roles=["R-TOP"])["R-TOP.html"]).plain
    for key in (
        "manual_authorities",
        "manual_kpis",
        "manual_qualifications",
        "manual_conditions",
        "manual_career",
        "manual_revisions",
    ):
        assert zh_CN.LABELS[key] not in text, key
    assert zh_CN.LABELS["manual_duties"] in text


def test_draft_and_retired_documents_are_marked_in_both_languages(tmp_path):
    for lang, cat in (("zh-CN", zh_CN), ("en", en)):
        html = _render(tmp_path / lang, roles=["R-NEW", "R-MID"], lang=lang)
        draft, mid = Page(html["R-NEW.html"]).plain, Page(html["R-MID.html"]).plain
        assert cat.LABELS["manual_banner_draft"] in draft
        assert cat.LABELS["manual_banner_retired"] in mid
        assert cat.LABELS["manual_banner_draft"] not in mid


def test_english_manual_has_english_labels(tmp_path):
    html = _render(tmp_path, roles=["R-MID"], lang="en")["R-MID.html"]
    assert '<html lang="en">' in html
    text = Page(html).plain
    for key in ("manual_basic", "manual_duties", "manual_control", "manual_revisions"):
        assert en.LABELS[key] in text
    assert zh_CN.LABELS["manual_basic"] not in text


def test_handbook_prints_each_document_once_in_reporting_order(tmp_path):
    page = Page(_render(tmp_path, combined=True)["handbook.html"])
    chapters = [i for i in page.ids if i.startswith("doc-")]
    assert sorted(chapters) == sorted(
        f"doc-{i}" for i in ("R-TOP", "R-MID", "R-NEW", "P-1", "P-OLD", "C-1")
    )
    assert page.own_steps == []  # no single role's steps are singled out in a handbook
    text = page.plain
    headings = re.findall(r"(\d+) ?(客服经理|客服领班|前台客服专员) ", text)
    assert headings[-3:] == [("1", "客服经理"), ("2", "客服领班"), ("3", "前台客服专员")]


def test_department_handbook(tmp_path):
    out = _render(tmp_path, lib=SOPS, department="物业客服部")
    (name,) = out
    assert name == "handbook-物业客服部.html"
    page = Page(out[name])
    library = load_library(SOPS)
    roles = {r.id for r in library.roles if r.department == "物业客服部"}
    assert {
        i[4:] for i in page.ids if i.startswith("doc-") and i[4:] in {r.id for r in library.roles}
    } == roles


def test_html_is_self_contained(tmp_path):
    html = _render(tmp_path, lib=SOPS, combined=True)["handbook.html"]
    page = Page(html)
    assert "link" not in page.tags and "script" not in page.tags
    for url in page.urls:
        assert url.startswith("#") and url[1:] in page.ids, url
    assert not re.search(r"url\((?!\"data:|#)", html)  # data: URLs or references inside
    assert "@import" not in html


def test_index_agrees_with_the_library():
    library = load_library(SOPS)
    index = ManualIndex(library)
    for role in library.roles:
        view = index.role(role)
        assert [p.doc for p in view.procedures] == library.procedures_of(role.id)
        assert [c.doc for c in view.checklists] == library.checklists_of(role.id)
        assert view.reports == library.direct_reports(role.id)
        assert view.chain == library.chain_up(role.id)


def test_step_numbers_match_the_procedure(tmp_path):
    library = load_library(SOPS)
    page = Page(_render(tmp_path, lib=SOPS, roles=["XC-LB"])["XC-LB.html"])
    numbers = [v.number for p in library.procedures_of("XC-LB") for v in p.walk()]
    assert page.steps == numbers


# --- templates -----------------------------------------------------------------------------


def _copy_lib(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)
    return lib


def test_library_templates_override_builtin_ones_and_option_wins(tmp_path):
    lib = _copy_lib(tmp_path)
    write_tree(lib, {"templates/cover.html.j2": "<p>LIBRARY COVER {{ manual.title }}</p>\n"})
    html = _render(tmp_path / "a", lib=lib, roles=["R-MID"])["R-MID.html"]
    assert "LIBRARY COVER 客服领班" in html
    assert "岗位说明书" in html  # every other template is still the built-in one
    option = write_tree(tmp_path / "mine", {"cover.html.j2": "<p>OPTION COVER</p>\n"})
    html = _render(tmp_path / "b", lib=lib, roles=["R-MID"], templates=option)["R-MID.html"]
    assert "OPTION COVER" in html and "LIBRARY COVER" not in html


def test_template_error_names_file_and_line(tmp_path):
    lib = _copy_lib(tmp_path)
    write_tree(lib, {"templates/cover.html.j2": "<p>\nok\n{{ manual.no_such_field }}\n</p>\n"})
    with pytest.raises(ManualError) as err:
        _render(tmp_path, lib=lib, roles=["R-MID"])
    diag = err.value.diagnostic
    assert diag.code == "manual-template"
    assert diag.location.file.endswith("cover.html.j2") and diag.location.line == 3
    assert "no_such_field" in diag.message("en")
    assert not (tmp_path / "out").exists()  # nothing written


def test_template_syntax_error_names_file_and_line(tmp_path):
    lib = _copy_lib(tmp_path)
    write_tree(lib, {"templates/cover.html.j2": "<p>\n{% if %}\n</p>\n"})
    result = CliRunner().invoke(app, ["manual", str(lib), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert re.search(r"cover\.html\.j2:2:1: ", result.stderr)
    assert not (tmp_path / "out").exists()


ESCAPES = {
    "class walk": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ cycler.__init__.__globals__.os.system('echo PWNED') }}",
    "format string": "{{ '{0.__class__}'.format(manual) }}",
    "fmt filter": "{{ '{x.__class__}' | fmt(x=1) }}",
    "lookup": "{{ lipsum.__globals__ }}",
}


@pytest.mark.parametrize("body", ESCAPES.values(), ids=ESCAPES.keys())
def test_library_templates_are_sandboxed(tmp_path, body):
    lib = _copy_lib(tmp_path)
    write_tree(lib, {"templates/cover.html.j2": f"<p>\n{body}\n</p>\n"})
    result = CliRunner().invoke(app, ["manual", str(lib), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert re.search(r"cover\.html\.j2:2:", result.stderr), result.stderr
    assert "PWNED" not in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "body",
    [
        "{{ 1 / 0 }}",
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "{{ 2 ** 999999999 }}",
        "{{ 'x' * 10 ** 9 }}",
    ],
)
def test_exceptions_in_a_template_are_its_errors(tmp_path, body):
    lib = _copy_lib(tmp_path)
    write_tree(lib, {"templates/cover.html.j2": f"<p>\n{body}\n</p>\n"})
    result = CliRunner().invoke(app, ["manual", str(lib), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "cover.html.j2:" in result.stderr and "Traceback" not in result.output


def test_a_template_that_includes_a_missing_one_names_it(tmp_path):
    lib = _copy_lib(tmp_path)
    write_tree(lib, {"templates/cover.html.j2": '{% include "banner.html.j2" %}\n'})
    with pytest.raises(ManualError) as err:
        _render(tmp_path, lib=lib, roles=["R-MID"])
    diag = err.value.diagnostic
    assert (diag.code, diag.args["name"]) == ("manual-template-missing", "banner.html.j2")
    assert not (tmp_path / "out").exists()


def test_templates_option_must_be_a_folder(tmp_path):
    with pytest.raises(ManualError) as err:
        template_dirs(LIB, tmp_path / "missing")
    assert err.value.diagnostic.code == "manual-templates-dir"


def test_every_builtin_template_renders_in_both_formats():
    library = load_library(LIB)
    dirs = template_dirs()
    for _, manual in plan(library, combined=True, issued=DAY):
        for fmt in ("html", "md", "pdf"):
            assert render_text(manual, fmt, "en", dirs).strip()


# --- command line ------------------------------------------------------------------------


def _run(*args: str):
    return CliRunner().invoke(app, ["manual", *args])


def test_cli_writes_one_file_per_role_by_default(tmp_path):
    result = _run(str(LIB), "-o", str(tmp_path), "--date", "2026-07-01")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["R-MID.html", "R-NEW.html", "R-TOP.html"]
    assert f"wrote {tmp_path / 'R-MID.html'}" in result.stdout


def test_cli_options(tmp_path):
    result = _run(str(LIB), "--role", "r-mid", "--role", "R-TOP", "-f", "md", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["R-MID.md", "R-TOP.md"]
    result = _run(str(LIB), "--all", "-o", str(tmp_path / "all"), "--lang", "en")
    assert result.exit_code == 0
    assert "Handbook" in (tmp_path / "all" / "handbook.html").read_text(encoding="utf-8")
    result = _run(str(LIB), "--department", "客服部", "-o", str(tmp_path / "dep"))
    assert [p.name for p in (tmp_path / "dep").iterdir()] == ["handbook-客服部.html"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "R-MIX"], "R-MID"),  # did you mean
        (["--department", "工程部"], "客服部"),  # the departments there are
        (["--role", "R-MID", "--all"], "--role"),
        (["--all", "--department", "客服部"], "--department"),
        (["--date", "2026-13-01"], "YYYY-MM-DD"),
        (["--templates", "no/such/folder"], "no/such/folder"),
        (["--lang", "fr"], "zh-CN"),
    ],
)
def test_cli_bad_usage_exits_2(tmp_path, args, message):
    result = _run(str(LIB), "-o", str(tmp_path / "out"), *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_refuses_a_library_with_errors(base_library, tmp_path):
    write_tree(base_library, {"bad.yaml": "kind: role\nid: X\n"})
    result = _run(str(base_library), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "missing-field" in result.stdout
    assert not (tmp_path / "out").exists()


def test_cli_missing_library_exits_2(tmp_path):
    result = _run(str(tmp_path / "nowhere"))
    assert result.exit_code == 2


def test_pdf_without_the_extra_exits_2_with_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    result = _run(str(LIB), "-f", "pdf", "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert 'pip install "sopkit[pdf]"' in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_writes_every_roles_manual(tmp_path):
    result = CliRunner().invoke(app, ["build", str(LIB), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    manuals = sorted(p.name for p in (tmp_path / "manuals").iterdir())
    assert manuals == ["R-MID.html", "R-NEW.html", "R-TOP.html"]
    assert "manuals" not in "".join(
        line for line in result.stdout.splitlines() if line.startswith("not yet")
    )


def test_write_failure_is_reported_not_raised(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ManualError) as err:
        write_manuals(load_library(LIB), blocker / "sub", roles=["R-TOP"], issued=DAY)
    assert err.value.diagnostic.code == "manual-write"


# --- controlled copies, sign-off, durations ---------------------------------------------------


def test_uncontrolled_manuals_say_so_and_end_with_the_signoff_page(tmp_path):
    page = Page(_render(tmp_path, roles=["R-MID"])["R-MID.html"])
    text = page.plain
    assert "非受控 · 仅供参考" in text
    assert "培训签收" in text and "本人已阅读并理解上述文件" in text
    assert "发放记录" not in text
    assert "复审周期一年" in text  # 1y in words


def test_signoff_page_in_english(tmp_path):
    text = Page(_render(tmp_path, roles=["R-MID"], lang="en")["R-MID.html"]).plain
    assert "Training sign-off" in text
    assert "I have read and understood the documents above" in text
    assert "Trainee" in text and "Trainer" in text and "Review every1 year" in text


def test_handbooks_have_no_signoff_page(tmp_path):
    text = Page(_render(tmp_path, combined=True)["handbook.html"]).plain
    assert "培训签收" not in text


def test_controlled_copies_are_numbered_files_with_a_distribution_record(tmp_path):
    holders = write_tree(tmp_path, {"holders.txt": "# 领用人\n张敏 客服部\n\n李强 工程部\n"})
    out = _render(tmp_path, roles=["R-MID"], controlled=True, holders=holders / "holders.txt")
    assert sorted(out) == ["R-MID-001.html", "R-MID-002.html"]
    for number, name in (("001", "R-MID-001.html"), ("002", "R-MID-002.html")):
        html = out[name]
        text = Page(html).plain
        assert f"受控 · 分发号 {number}" in text and "非受控" not in text
        assert "发放记录" in text and "张敏 客服部" in text and "李强 工程部" in text
        assert f'@bottom-right {{ content: "受控 · 分发号 {number}"' in html  # every page


def test_holders_file_that_cannot_be_read_is_a_plain_error(tmp_path):
    result = CliRunner().invoke(
        app, ["manual", str(LIB), "--controlled", "--holders", str(tmp_path / "none.txt"),
              "-o", str(tmp_path / "out")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "none.txt" in result.stderr and "Traceback" not in result.output
    result = CliRunner().invoke(app, ["manual", str(LIB), "--copies", "2", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "--controlled" in result.stderr


def test_cli_writes_word_copies(tmp_path):
    result = CliRunner().invoke(
        app, ["manual", str(LIB), "--role", "R-MID", "-f", "docx", "--controlled", "--copies",
              "3", "-o", str(tmp_path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "R-MID-001.docx", "R-MID-002.docx", "R-MID-003.docx",
    ]  # fmt: skip


# --- presets -----------------------------------------------------------------------------------


def test_frontline_preset_prints_only_the_readers_steps_in_large_type(tmp_path):
    page = Page(_render(tmp_path, roles=["R-MID"], preset="frontline")["R-MID.html"])
    library = load_library(LIB)
    (pv,) = [p for p in ManualIndex(library).procedures if p.doc.id == "P-1"]
    mine = [r.number for r in pv.rows if "r-mid" in r.roles and not r.group]
    others = [r.number for r in pv.rows if "r-mid" not in r.roles and not r.group]
    text = page.plain
    assert mine and others
    assert all(n in text for n in mine)
    assert "起身问候来访客户" not in text  # 2.1 is the other role's step
    assert "处理前台无法解决的投诉" in text
    assert "培训签收" not in text and "基本信息" not in text


def test_auditor_preset_puts_criteria_beside_the_steps_they_inspect(tmp_path):
    text = Page(_render(tmp_path, roles=["R-MID"], preset="auditor")["R-MID.html"]).plain
    assert "所检查的步骤" in text and "评分规则" in text
    assert "P-1 2.1 起身问候来访客户" in text  # item linked to P-1#greet
    assert "工作内容" not in text  # no job description


def test_presets_other_than_trainer_print_html_or_pdf_only(tmp_path):
    with pytest.raises(ManualError) as err:
        _render(tmp_path, roles=["R-MID"], preset="frontline", fmt="md")
    assert err.value.diagnostic.code == "manual-preset-format"
