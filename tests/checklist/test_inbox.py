"""Issue 10: sheets as inspectors really send them — no silent wrong score.

A supervisor's inbox: percentages typed into cells, a second visit pasted into the same
workbook, rows the inspector added, the same file twice, drafts, PDF scans, forms of an
older version, and answers the form's own formulas must judge as sopkit does.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from sopkit.checklist.batch import expand_inputs, score_file, score_paths
from sopkit.checklist.summary import (
    corrective_actions,
    totals,
    write_scores,
    write_summary_workbook,
)
from sopkit.cli import app
from sopkit.locale import catalogue
from tests.checklist.test_scoring import FROZEN, best, score
from tests.checklist.test_workbook import BY_ID, KF, XC, fill, item_rows, write
from tests.conftest import ROOT

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
UNO_PYTHON = "/usr/bin/python3"
LO_TYPE = ROOT / "tests" / "tools" / "lo_type.py"
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


def _has_uno() -> bool:
    if SOFFICE is None or not Path(UNO_PYTHON).exists():
        return False
    probe = subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True)
    return probe.returncode == 0


def _row_of(path: Path, item_id: str) -> int:
    return item_rows(openpyxl.load_workbook(path).worksheets[0])[item_id]


# --- 1. percent cells ------------------------------------------------------------------


@pytest.mark.skipif(not _has_uno(), reason="LibreOffice with Python (uno) is not installed")
def test_97_percent_typed_in_libreoffice_reads_97(tmp_path):
    src = fill(write(KF, tmp_path), best(KF) | {"D4": None})
    row = _row_of(src, "D4")
    typed = tmp_path / "typed.xlsx"
    subprocess.run(
        [UNO_PYTHON, str(LO_TYPE), str(src), str(typed), (tmp_path / "profile").as_uri(),
         f"E{row}=97%"],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    cell = openpyxl.load_workbook(typed).worksheets[0][f"E{row}"]
    assert (cell.value, "%" in cell.number_format) == (0.97, True)  # what Calc stores
    sheet = score_file(typed, BY_ID)
    d4 = next(i for i in sheet.result.items if i.id == "D4")
    assert (sheet.status, d4.answer, d4.earned, d4.failed) == ("ok", "97%", 5, False)
    assert sheet.result.to_dict() == score(KF, best(KF) | {"D4": "97%"}).to_dict()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile-ods').as_uri()}", "--headless",
         "--norestore", "--convert-to", "ods", "--outdir", str(tmp_path / "ods"), str(typed)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    ods = score_file(tmp_path / "ods" / "typed.ods", BY_ID)  # a percentage value type
    assert ods.result.to_dict() == sheet.result.to_dict()


@pytest.mark.parametrize("fmt", ["0%", "0.0%", '0.00"%"'])
def test_a_fraction_shown_as_a_percentage_reads_as_the_percentage(fmt, tmp_path):
    def percent(wb):
        ws = wb.worksheets[0]
        cell = ws.cell(row=item_rows(ws)["D4"], column=5)
        cell.value, cell.number_format = 0.97, fmt

    path = fill(write(KF, tmp_path), best(KF), edit=percent)
    d4 = next(i for i in score_file(path, BY_ID).result.items if i.id == "D4")
    if fmt == '0.00"%"':  # a literal % sign in quotes: the number is 0.97 as shown
        assert (d4.answer, d4.failed) == ("0.97", True)
    else:
        assert (d4.answer, d4.earned, d4.failed) == ("97%", 5, False)


def test_a_percentage_typed_into_an_item_of_another_unit_is_a_wrong_unit(tmp_path):
    def percent(wb):
        ws = wb.worksheets[0]
        cell = ws.cell(row=item_rows(ws)["B2"], column=5)  # 米
        cell.value, cell.number_format = 0.5, "0%"

    sheet = score_file(fill(write(XC, tmp_path), best(XC), edit=percent), BY_ID)
    assert sheet.status == "invalid"
    assert [d.code for d in sheet.errors] == ["answer-wrong-unit"]


@pytest.mark.parametrize(
    ("item_id", "value", "fmt", "shown"),
    [("B1", 1, "0%", "100%"), ("B4", 2, "0%", "200%"), ("B1", 1.5, "0.0%", "150%")],
)
def test_a_whole_percentage_in_an_item_of_another_unit_is_a_wrong_unit(
    item_id, value, fmt, shown, tmp_path
):
    # 100% typed into a count item is 1 stored: it read as one occurrence (-2 points).
    def percent(wb):
        ws = wb.worksheets[0]
        cell = ws.cell(row=item_rows(ws)[item_id], column=5)
        cell.value, cell.number_format = value, fmt

    path = fill(write(KF, tmp_path), best(KF), edit=percent)
    sheet = score_file(path, BY_ID)
    assert sheet.status == "invalid"
    [error] = sheet.errors
    assert (error.code, error.args["answer"]) == ("answer-wrong-unit", shown)
    assert error.location.cell == f"检查表!E{_row_of(path, item_id)}"


# --- 2. every inspection in a workbook -------------------------------------------------


def _second_visit(answers: dict[str, object], title: str = "检查表 (2)"):
    def edit(wb):
        ws = wb.copy_worksheet(wb.worksheets[0])
        ws.title = title
        rows = item_rows(ws)
        for item_id, value in answers.items():
            ws.cell(row=rows[item_id], column=5).value = value

    return edit


def test_every_inspection_in_a_workbook_is_scored(tmp_path):
    path = fill(write(KF, tmp_path), best(KF), edit=_second_visit({"A1": "×"}))
    scores = score_paths([path], BY_ID.values())
    assert [(s.sheet, s.status, s.result.score) for s in scores] == [
        ("检查表", "ok", 100),
        ("检查表 (2)", "ok", 95),
    ]
    data = [s.to_dict() for s in scores]
    assert [(d["file"], d["sheet"]) for d in data] == [(str(path), "检查表")] * 1 + [
        (str(path), "检查表 (2)")
    ]
    out = io.StringIO()
    write_scores(scores, out, "csv", "zh-CN")
    assert out.getvalue().count("检查表 (2)") == 1


def test_a_notes_sheet_in_the_workbook_is_not_an_inspection(tmp_path):
    def notes(wb):
        wb.create_sheet("说明")["A1"] = "这是备注"

    scores = score_paths([fill(write(KF, tmp_path), best(KF), edit=notes)], BY_ID.values())
    assert [(s.sheet, s.status) for s in scores] == [("检查表", "ok")]


# --- 3. inspectors' own rows -----------------------------------------------------------


def _added_row(text: str, answer: str, remark: str | None = None):
    def edit(wb):
        ws = wb.worksheets[0]
        row = item_rows(ws)["A2"] + 1
        ws.insert_rows(row)
        ws.cell(row=row, column=2).value = text
        ws.cell(row=row, column=5).value = answer
        ws.cell(row=row, column=7).value = remark

    return edit


def test_an_added_row_is_a_finding_in_every_output(tmp_path):
    edit = _added_row("大厅地面湿滑,未放警示牌", "不合格", "已口头提醒")
    path = fill(write(KF, tmp_path), best(KF), edit=edit)
    sheet = score_file(path, BY_ID)
    assert (sheet.status, sheet.result.score) == ("ok", 100)  # not part of the score
    [added] = sheet.added
    row = _row_of(write(KF, tmp_path / "blank"), "A2") + 1
    assert (added.cell, added.text, added.answer) == (
        f"检查表!B{row}",
        "大厅地面湿滑,未放警示牌",
        "不合格",
    )
    assert [d.code for d in sheet.diagnostics] == ["sheet-added-rows"]
    assert sheet.to_dict()["added"][0]["cell"] == f"检查表!B{row}"
    actions = corrective_actions([sheet], BY_ID)
    assert [(a["item_id"], a["item"], a["answer"]) for a in actions] == [
        (f"检查表!B{row}", "大厅地面湿滑,未放警示牌", "不合格")
    ]
    table, csv_out = io.StringIO(), io.StringIO()
    write_scores([sheet], table, "table", "zh-CN")
    write_scores([sheet], csv_out, "csv", "zh-CN")
    assert f"检查表!B{row}" in table.getvalue() and "大厅地面湿滑" in table.getvalue()
    assert "大厅地面湿滑" in csv_out.getvalue()


# --- 4. duplicates ---------------------------------------------------------------------


def test_the_same_file_twice_is_counted_once(tmp_path):
    header = {"site": "一号楼", "date": datetime(2026, 5, 1)}
    first = fill(write(KF, tmp_path), best(KF) | {"A1": "×"}, tmp_path / "a.xlsx", header=header)
    shutil.copy(first, tmp_path / "a - 副本.xlsx")
    other = fill(write(KF, tmp_path), best(KF), tmp_path / "b.xlsx", header=header)
    scores = score_paths(expand_inputs([tmp_path / "a.xlsx", tmp_path / "a - 副本.xlsx", other]),
                         BY_ID.values())  # fmt: skip
    codes = {Path(s.file).name: [d.code for d in s.diagnostics] for s in scores}
    assert codes["a.xlsx"] == ["sheet-same-visit"]
    assert codes["a - 副本.xlsx"] == ["sheet-duplicate"]
    assert codes["b.xlsx"] == ["sheet-same-visit"]
    copy = next(s for s in scores if s.file.endswith("副本.xlsx"))
    assert copy.duplicate_of.endswith("a.xlsx [检查表]")
    assert totals(scores) == {"files": 3, "scored": 2, "passed": 2, "failed": 0, "problems": 0}


# --- 5. drafts and retired checklists --------------------------------------------------


def test_sheets_of_a_draft_stay_out_of_the_figures(tmp_path):
    draft = KF.model_copy(update={"status": "draft"})
    path = fill(write(draft, tmp_path), best(draft))
    sheet = score_file(path, {"kf-chk-01": draft})
    assert [d.code for d in sheet.diagnostics] == ["sheet-checklist-draft"]
    assert totals([sheet])["scored"] == 0 and totals([sheet], include_drafts=True)["scored"] == 1


# --- 6. files that are not sheets ------------------------------------------------------


def test_files_that_are_not_sheets_are_named_as_skipped(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    fill(write(KF, tmp_path), best(KF), inbox / "kf.xlsx")
    for name in ("扫描件.pdf", "照片.jpg", "说明.txt", "报告.docx"):
        (inbox / name).write_bytes(b"not a workbook")
    result = CliRunner().invoke(app, ["score", str(inbox), "--lib", str(FROZEN), "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    skipped = {
        Path(d["file"]).name: d["warnings"][0]["code"] for d in data if d["status"] == "skipped"
    }
    assert skipped == dict.fromkeys(
        ("扫描件.pdf", "照片.jpg", "说明.txt", "报告.docx"), "file-skipped"
    )
    table = CliRunner().invoke(app, ["score", str(inbox), "--lib", str(FROZEN)])
    assert "扫描件.pdf" in table.stdout and "file-skipped" in table.stdout


def test_a_word_document_named_xlsx_says_so(tmp_path):
    path = tmp_path / "检查表.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    sheet = score_file(path, BY_ID)
    assert (sheet.status, [d.code for d in sheet.diagnostics]) == ("unreadable", ["file-word"])
    assert "Word" in sheet.diagnostics[0].message("en")


# --- 9. older versions -----------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_form_of_an_older_version_is_scored_by_its_own_rules(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(FROZEN, lib)
    _git(lib, "init", "-q")
    _git(lib, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    _git(lib, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "2.0")
    old = write(KF, tmp_path / "forms")  # printed from 2.0
    (tmp_path / "in").mkdir()
    path = fill(old, best(KF) | {"A1": "×"}, tmp_path / "in" / "kf.xlsx")
    text = (lib / "KF-CHK-01.yaml").read_text("utf-8")
    newer = text.replace('version: "2.0"', 'version: "2.1"', 1).replace("points: 5", "points: 6", 1)
    (lib / "KF-CHK-01.yaml").write_text(newer, "utf-8")
    assert newer != text
    args = ["score", str(path), "--lib", str(lib), "-f", "json"]
    data = json.loads(CliRunner().invoke(app, args).stdout)[0]
    assert (data["status"], data["rules_version"], data["score"]) == ("ok", "2.0", 95)
    assert [w["code"] for w in data["warnings"]] == ["sheet-older-version"]

    shutil.rmtree(lib / ".git")  # no history: not scored by 2.1's rules
    result = CliRunner().invoke(app, args)
    data = json.loads(result.stdout)[0]
    assert (result.exit_code, data["status"], data["score"]) == (1, "outdated", None)
    assert [e["code"] for e in data["errors"]] == ["sheet-outdated"]


# --- 7 and 8. the answer vocabulary, and the form agrees with sopkit ----------------------

ANSWERS = {  # the seven answers of issue 10, and more
    "dash": {"A1": "—"},
    "heavy-check": {"A1": "✔️"},
    "none-count": {"B1": "无"},
    "metres": {"D4": "96％"},
    "typo": {"A1": "合隔"},
    "over-scale": {"B4": "12"},
    "fraction-count": {"B1": "1.5"},
    "minutes-on-percent": {"D4": "5分钟"},
}


def test_the_answer_vocabulary():
    raw = best(KF) | {"A1": "✔️", "A2": "☑", "A3": "／", "B1": "无", "D4": "97％"}
    result = score(KF, raw)
    assert (result.status, result.score) == ("ok", 100)
    xc = score(XC, best(XC) | {"B2": "400cm"})
    assert next(i for i in xc.items if i.id == "B2").earned == Decimal(5)


@needs_office
def test_the_form_never_says_pass_where_sopkit_says_invalid(tmp_path):
    filled = tmp_path / "filled"
    filled.mkdir()
    for name, change in ANSWERS.items():
        fill(write(KF, tmp_path / name), best(KF) | change, filled / f"{name}.xlsx")
    out = tmp_path / "lo"
    files = sorted(str(p) for p in filled.iterdir())
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "xlsx", "--outdir", str(out), *files],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    lab = catalogue("zh-CN").LABELS
    for name, change in ANSWERS.items():
        grid = CalamineWorkbook.from_path(str(out / f"{name}.xlsx")).get_sheet_by_index(0)
        values = {r[4]: r[5] for r in grid.to_python() if len(r) > 5 and isinstance(r[4], str)}
        result = score(KF, best(KF) | change)
        verdict = values[lab["sheet.verdict"]]
        if result.status == "invalid":
            assert values[lab["sheet.invalid_count"]] >= 1, name
            assert (verdict, values[lab["sheet.score"]]) == (lab["sheet.verdict_invalid"], ""), name
        else:
            assert values[lab["sheet.invalid_count"]] == 0, name
            expected = lab["sheet.verdict_pass" if result.passed else "sheet.verdict_fail"]
            assert verdict == expected, name
            assert values[lab["sheet.score"]] == pytest.approx(float(result.score)), name


# --- 11. a summary workbook that prints ------------------------------------------------


def test_the_summary_workbook_prints(tmp_path):
    good = fill(write(KF, tmp_path), best(KF), tmp_path / "good.xlsx")
    bad = fill(write(KF, tmp_path), best(KF) | {"D2": 3}, tmp_path / "bad.xlsx")
    scores = score_paths([good, bad], BY_ID.values())
    path = write_summary_workbook(scores, tmp_path / "summary.xlsx", BY_ID, "zh-CN")
    wb = openpyxl.load_workbook(path)
    lab = catalogue("zh-CN").LABELS
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
    summary = wb[lab["score.summary_sheet"]]
    fills = {row[0].value: row[0].fill.fgColor.rgb for row in summary.iter_rows(min_row=2)}
    assert fills[str(good)] == "00000000" and fills[str(bad)].endswith("F8CBAD")
    actions = wb[lab["score.actions_sheet"]]
    assert actions.cell(row=1, column=actions.max_column).value == lab["score.deadline"]


# --- 10. messages a supervisor can act on ------------------------------------------------


def test_one_warning_per_cause_per_sheet(tmp_path):
    def damage(wb):
        ws = wb.worksheets[0]
        rows = item_rows(ws)
        for item_id in ("A1", "A2", "A3"):  # a pasted block: three rows twice
            ws.cell(row=ws.max_row + 2, column=1).value = item_id
        for item_id in ("C4", "C5"):  # two rows deleted (their ids cleared)
            ws.cell(row=rows[item_id], column=1).value = None

    sheet = score_file(fill(write(KF, tmp_path), best(KF), edit=damage), BY_ID, "na")
    codes = [d.code for d in sheet.diagnostics]
    assert codes.count("sheet-duplicate-row") == 1 and codes.count("sheet-item-row-missing") == 1
    missing = next(d for d in sheet.diagnostics if d.code == "sheet-item-row-missing")
    assert missing.args["id"] == "C4, C5"
    twice = next(d for d in sheet.diagnostics if d.code == "sheet-duplicate-row")
    assert twice.args["id"] == "A1, A2, A3"


def test_a_csv_is_not_told_that_a_sheet_was_deleted(tmp_path):
    ws = openpyxl.load_workbook(fill(write(KF, tmp_path), best(KF))).worksheets[0]
    out = tmp_path / "kf.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(
            [[("" if v is None else v) for v in row] for row in ws.iter_rows(values_only=True)]
        )
    [warning] = score_file(out, BY_ID).diagnostics
    assert warning.code == "sheet-meta-missing"
    assert "CSV" in warning.message("en") and "deleted" not in warning.message("en")
    assert "CSV" in warning.message("zh-CN")


def test_an_ods_written_with_single_quoted_attributes_still_shows_its_percentage(tmp_path):
    # XML allows either quote; the "no percentage anywhere" shortcut must not depend on it.
    content = (
        "<?xml version='1.0' encoding='UTF-8'?>"
        "<office:document-content xmlns:office='urn:oasis:names:tc:opendocument:xmlns:office:1.0'"
        " xmlns:table='urn:oasis:names:tc:opendocument:xmlns:table:1.0'><office:body>"
        "<office:spreadsheet><table:table table:name='S'><table:table-row>"
        "<table:table-cell office:value-type='float' office:value='3'/>"
        "<table:table-cell office:value-type='percentage' office:value='0.97'/>"
        "</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    path = tmp_path / "quoted.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
    from sopkit.checklist.formats import PercentCells

    assert PercentCells(path)("S", {"A1", "B1"}) == {"B1"}
