"""``sopkit actions`` as a site manager reads it: the table in the library's language (or
``--lang``), JSON as the library's objects, and a slip in an action id said plainly."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from sopkit.cli import app
from tests.results.results_quarter import TODAY, make_quarter


def run(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("actions")
    lib, inbox = make_quarter(folder)
    db = str(folder / "s.sqlite")
    result = run("record", inbox, "--lib", lib, "--db", db)
    assert result.exit_code == 0, result.output
    return lib, db


def test_the_table_speaks_chinese_under_zh_cn(store):
    lib, db = store
    result = run("actions", "--lib", lib, "--db", db, "--today", TODAY, "--lang", "zh-CN")
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split()
    assert header[:4] == ["编号", "站点", "检查表", "检查项"] and "整改状态" in header
    assert "已逾期" in result.stdout and "已整改" in result.stdout
    for english in ("overdue", "closed", "status", "closed_by", "checklist"):
        assert english not in result.stdout


def test_the_table_follows_the_library_locale_and_lang_en(store):
    lib, db = store
    chinese = run("actions", "--lib", lib, "--db", db, "--today", TODAY)  # sopkit.yaml: zh-CN
    assert chinese.stdout.splitlines()[0].split()[0] == "编号"
    english = run("actions", "--lib", lib, "--db", db, "--today", TODAY, "--lang", "en")
    assert english.stdout.splitlines()[0].split()[:2] == ["id", "site"]
    assert "overdue" in english.stdout and "closed by" in english.stdout


def test_csv_has_the_same_words_and_json_stays_the_library_object(store):
    lib, db = store
    out = run("actions", "--lib", lib, "--db", db, "--today", TODAY, "-f", "csv", "--lang",
              "zh-CN").stdout  # fmt: skip
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert rows[0][0] == "编号" and {r[rows[0].index("整改状态")] for r in rows[1:]} >= {"已逾期"}
    data = json.loads(run("actions", "--lib", lib, "--db", db, "--today", TODAY, "-f", "json",
                          "--lang", "zh-CN").stdout)  # fmt: skip
    assert {a["status"] for a in data} <= {"open", "overdue", "closed"}
    assert "overdue" in {a["status"] for a in data} and "closed_by" in data[0]


def test_closing_an_unknown_id_is_a_slip_exit_2_naming_it(store):
    lib, db = store
    before = run("actions", "--lib", lib, "--db", db, "-f", "json").stdout
    result = run("actions", "close", "99", "--by", "张敏", "--lib", lib, "--db", db)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("sopkit: there is no corrective action 99 ")
    assert run("actions", "--lib", lib, "--db", db, "-f", "json").stdout == before


def test_importing_a_notice_says_what_it_closed_in_the_library_language(store, tmp_path):
    """The last line of 'actions import' was English only ('closed 1: 4') under zh-CN."""
    import shutil

    import openpyxl

    lib, db = store
    mine = tmp_path / "s.sqlite"
    shutil.copy(db, mine)  # the module's store stays as it was
    listed = json.loads(run("actions", "--lib", lib, "--db", mine, "-f", "json").stdout)
    first = next(a for a in listed if a["status"] != "closed")
    notice = tmp_path / "n.xlsx"
    args = ("--lib", lib, "--db", mine, "--today", TODAY)
    assert run("actions", "export", "--site", first["site"], "-o", notice, *args).exit_code == 0
    wb = openpyxl.load_workbook(notice)
    ws = wb.active
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == first["id"])
    ws.cell(row, 9).value, ws.cell(row, 10).value = "已整改", TODAY
    wb.save(notice)
    result = run("actions", "import", notice, "--lib", lib, "--db", mine)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"已关闭整改项 1 项:{first['id']}"
    again = run("actions", "import", notice, "--lib", lib, "--db", mine, "--lang", "en")
    assert again.stdout.splitlines()[-1] == "0 corrective action(s) closed: -"


def test_a_site_or_checklist_that_names_nothing_is_a_slip_with_did_you_mean(store):
    """'--site BJ9' and '--checklist XC-CHK-1' gave an empty table or report and exit 0."""
    lib, db = store
    args = ("--lib", lib, "--db", db, "--today", TODAY)
    for cmd in (("actions", "--site", "BJ9"), ("report", "--format", "json", "--site", "BJ9"),
                ("actions", "export", "--site", "BJ9", "-o", "never.xlsx")):  # fmt: skip
        result = run(*cmd, *args)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == (
            "sopkit: --site BJ9: no site BJ9 in the library or the results store;"
            " did you mean BJ1?\n"
        )
    result = run("report", "--format", "json", "--checklist", "xc-chk-1", *args)
    assert result.exit_code == 2 and "did you mean XC-CHK-01?" in result.stderr


def test_a_site_is_found_by_its_name_or_alias_and_in_any_case(store):
    """'--site 滨江壹号' (its name in sites.yaml) listed nothing: the store keeps the id."""
    lib, db = store
    args = ("--lib", lib, "--db", db, "--today", TODAY, "-f", "json")
    by_id = json.loads(run("actions", "--site", "BJ1", *args).stdout)
    assert by_id and {a["site"] for a in by_id} == {"BJ1"}
    for written in ("滨江壹号", "bj1", "滨江1号"):
        assert json.loads(run("actions", "--site", written, *args).stdout) == by_id
    report = json.loads(run("report", "--format", "json", "--site", "滨江壹号",
                            "--checklist", "xc-chk-01", *args[:-2]).stdout)  # fmt: skip
    assert report["periods"] and {p["site"] for p in report["periods"]} == {"BJ1"}


def test_closing_by_hand_says_so_in_the_library_language(store, tmp_path):
    """'actions close' printed 'closed 4: BJ1 XC-CHK-01 A1' under zh-CN and had no --lang."""
    import shutil

    lib, db = store
    mine = tmp_path / "s.sqlite"
    shutil.copy(db, mine)
    listed = json.loads(run("actions", "--lib", lib, "--db", mine, "-f", "json").stdout)
    one, two = [a for a in listed if a["status"] != "closed"][:2]
    result = run("actions", "close", one["id"], "--by", "张敏", "--lib", lib, "--db", mine)
    assert result.exit_code == 0, result.output
    what = f"{one['site']} {one['checklist']} {one['item']}"
    assert result.stdout == f"已关闭整改项 {one['id']}:{what}\n"
    args = ("--by", "张敏", "--lib", lib, "--db", mine, "--lang", "en")
    result = run("actions", "close", two["id"], *args)
    assert result.stdout == f"closed {two['id']}: {two['site']} {two['checklist']} {two['item']}\n"


def test_an_empty_notice_is_said_in_one_language(store, tmp_path):
    """The warning for a site with nothing open was English and Chinese on one line."""
    lib, db = store
    listed = json.loads(run("actions", "--lib", lib, "--db", db, "-f", "json").stdout)
    busy = {a["site"] for a in listed if a["status"] != "closed"}
    quiet = next(s for s in ("BJ1", "HX2", "QS3") if s not in busy)
    args = ("--site", quiet, "-o", tmp_path / "n.xlsx", "--lib", lib, "--db", db)
    zh = run("actions", "export", *args).stderr.splitlines()[-1]
    assert zh.startswith(f"    站点 {quiet} 没有未关闭的整改项,通知单为空") and "site" not in zh
    en = run("actions", "export", *args, "--lang", "en").stderr.splitlines()[-1]
    assert en.startswith(f"    no open corrective action for site {quiet}: ") and "站点" not in en


def test_a_misspelt_status_in_a_notice_gets_a_did_you_mean(store, tmp_path):
    import openpyxl

    lib, db = store
    listed = json.loads(run("actions", "--lib", lib, "--db", db, "-f", "json").stdout)
    first = next(a for a in listed if a["status"] != "closed")
    notice = tmp_path / "n.xlsx"
    run("actions", "export", "--site", first["site"], "-o", notice, "--lib", lib, "--db", db)
    wb = openpyxl.load_workbook(notice)
    ws = wb.active
    rows = [r for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]
    ws.cell(rows[0], 9).value, ws.cell(rows[0], 10).value = "已正改", TODAY
    if len(rows) > 1:
        ws.cell(rows[1], 9).value = "搞定"  # like no status: the plain hint
    wb.save(notice)
    result = run("actions", "import", notice, "--lib", lib, "--db", db, "--lang", "en")
    assert result.exit_code == 1
    hints = [line for line in result.stdout.splitlines() if line.startswith("    hint: ")]
    expected = "Did you mean '已整改'? Write 已整改 / closed, or leave the cell empty."
    assert hints[0] == "    hint: " + expected
    assert all("Did you mean" not in h for h in hints[1:])
