"""Excel checklists: write → fill → score round trips, the form's contract, robustness, CLI."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zipfile import ZipFile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sopkit.app import build, load_library
from sopkit.atomic import safe_name
from sopkit.checklist.batch import expand_inputs, score_file, score_paths
from sopkit.checklist.cells import list_formula, set_text
from sopkit.checklist.meta import META_SHEET, form_fingerprint
from sopkit.checklist.reader import read_filled
from sopkit.checklist.summary import write_scores, write_summary_workbook
from sopkit.checklist.writer import checklist_filename, write_checklist, write_checklists
from sopkit.cli import app
from sopkit.documents.models import Checklist
from sopkit.documents.rules import check_document
from tests.checklist.test_scoring import FROZEN, best, score
from tests.conftest import ROOT, SOPS, write_tree

LIB = load_library(FROZEN)
XC, KF, AC = (LIB.get(i) for i in ("XC-CHK-01", "KF-CHK-01", "AC-CHK-01"))
BY_ID = {c.id.lower(): c for c in LIB.checklists}
GOLDEN = ROOT / "tests" / "golden"


def write(checklist: Checklist, folder: Path, **options) -> Path:
    options.setdefault("organization", LIB.config.organization)
    return write_checklist(checklist, folder / checklist_filename(checklist.id), **options)


def item_rows(ws) -> dict[str, int]:
    """Item id → row, wherever rows moved: an id in column A next to an unlocked result cell."""
    rows = {}
    for row in range(8, ws.max_row + 1):
        value = ws.cell(row=row, column=1).value
        unlocked = not ws.cell(row=row, column=5).protection.locked
        if isinstance(value, str) and unlocked and value not in rows:
            rows[value] = row
    return rows


def fill(
    src: Path,
    answers: dict[str, object],
    dest: Path | None = None,
    header: dict[str, object] | None = None,
    edit=None,
) -> Path:
    """Type ``answers`` into the result cells (openpyxl, as a user's app would save them)."""
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    rows = item_rows(ws)
    for item_id, value in answers.items():
        set_text(ws.cell(row=rows[item_id], column=5), value)
    labels = {
        "site": ("站点", "Site"),
        "inspected": ("被检查人", "Inspected"),
        "inspector": ("检查人", "Inspector"),
        "date": ("检查日期", "Date"),
    }
    for key, value in (header or {}).items():
        for row in ws.iter_rows(min_row=1, max_row=6):
            for cell in row:
                if cell.value in labels[key]:
                    set_text(ws.cell(row=cell.row, column=cell.column + 1), value)
    if edit is not None:
        edit(wb)
    dest = dest or src
    wb.save(dest)
    return dest


def result_of(path: Path, missing: str = "error", checklists=BY_ID):
    return score_file(path, checklists, missing)


def mixed(checklist: Checklist) -> dict[str, object]:
    """Answers of every type and shape: synonyms, text numbers, N/A, failures."""
    return {
        "XC-CHK-01": best(XC)
        | {
            "A1": "√",
            "A2": "ＯＫ",
            "A3": "５",
            "B1": "45",
            "B2": 6,
            "B4": "1",
            "C2": "不适用",
            "D3": 1,
            "E2": "1.0",
            "A0": "3人",
        },
        "KF-CHK-01": best(KF) | {"A1": "×", "B1": 2, "B4": 3.0, "D4": "90", "C0": "WO-17"},
        "AC-CHK-01": best(AC) | {"R2": "2", "S5": 7.5, "Y2": 4, "Y3": "N/A", "Y0": 12},
    }[checklist.id]


# --- round trips -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("checklist", [XC, KF, AC], ids=lambda c: c.id)
def test_best_answers_round_trip_to_the_maximum(checklist, lang, tmp_path):
    path = fill(write(checklist, tmp_path, lang=lang), best(checklist))
    result = result_of(path)
    assert (result.status, result.result.score, result.result.passed) == ("ok", 100, True)
    assert result.diagnostics == []


@pytest.mark.parametrize("checklist", [XC, KF, AC], ids=lambda c: c.id)
def test_round_trip_scores_exactly_like_the_answers(checklist, tmp_path):
    raw = mixed(checklist)
    result = result_of(fill(write(checklist, tmp_path), raw))
    assert result.result.to_dict() == score(checklist, raw).to_dict()


@pytest.mark.parametrize(
    ("checklist", "change", "expected", "passed", "critical"),
    [
        (XC, {"A3": 5}, "96.3", True, []),  # weighted percent, half up
        (XC, {"B4": 1}, "96.9", False, ["B4"]),  # critical: fail (25 × 87.5 + 75 × 100)
        (KF, {"B1": 2, "B4": 3, "D4": 90, "A1": "×"}, "84", True, []),  # deduct
        (KF, {"D2": "1"}, "90", False, ["D2"]),
        (AC, {"S1": "不合格"}, "0", False, ["S1"]),  # critical: zero
        (AC, {"Y3": "不适用", "S5": "N/A"}, "100", True, []),
    ],
)
def test_round_trip_scores(checklist, change, expected, passed, critical, tmp_path):
    result = result_of(fill(write(checklist, tmp_path), best(checklist) | change)).result
    assert (result.score, result.passed) == (Decimal(expected), passed)
    assert result.critical_failed == critical


@pytest.mark.parametrize(
    ("missing", "status", "value"),
    [("error", "incomplete", None), ("fail", "ok", "94.7"), ("na", "ok", "100")],
)
def test_round_trip_missing_modes(missing, status, value, tmp_path):
    raw = best(AC)
    del raw["R1"]
    result = result_of(fill(write(AC, tmp_path), raw), missing)
    assert result.status == status
    assert result.result.score == (Decimal(value) if value else None)
    code = {"error": "answers-missing", "fail": "answers-missing-failed",
            "na": "answers-missing-left-out"}[missing]  # fmt: skip
    [diagnostic] = result.diagnostics
    assert (diagnostic.code, diagnostic.location.cell) == (code, "检查表!E9")
    assert (diagnostic.severity == "error") == (missing == "error")
    assert diagnostic.args["ids"] == "R1"


@pytest.mark.parametrize("missing", ["error", "fail", "na"])
def test_the_table_names_the_items_it_counts(missing, tmp_path):
    # The table's columns only count unanswered and invalid answers: the lines under it say
    # which items, and where the invalid ones are.
    raw = best(AC) | {"S3": "好", "Y2": "很多"}
    del raw["R1"], raw["Y5"]
    path = fill(write(AC, tmp_path), raw)
    out = io.StringIO()
    write_scores(score_paths([path], LIB.checklists, missing=missing), out, "table", "zh-CN")
    text = out.getvalue()
    assert "检查表!E9: " in text and "R1, Y5" in text
    assert "检查表!E15: error[answer-invalid-check]: “好” 不是检查项 S3 的有效结果" in text
    assert "检查表!E22: error[answer-invalid-number]: “很多” 不是数字(检查项 Y2" in text


@pytest.mark.parametrize("missing", ["error", "fail", "na"])
def test_a_blank_form_is_never_scored(missing, tmp_path):
    path = write(AC, tmp_path)
    result = result_of(path, missing)
    assert (result.status, result.result.score, result.ok) == ("incomplete", None, False)
    [diagnostic] = result.diagnostics
    assert (diagnostic.code, diagnostic.location.cell) == ("sheet-not-filled", "检查表!E9")
    assert diagnostic.args["count"] == 14
    cli = CliRunner().invoke(
        app, ["score", str(path), "--lib", str(FROZEN), "--missing", missing, "-f", "json"]
    )
    assert cli.exit_code == 1
    [sheet] = json.loads(cli.stdout)
    assert (sheet["status"], sheet["score"], sheet["grade"]) == ("incomplete", None, None)
    assert [e["code"] for e in sheet["errors"]] == ["sheet-not-filled"]


def test_invalid_answer_is_reported_with_its_cell(tmp_path):
    result = result_of(fill(write(KF, tmp_path, lang="en"), best(KF) | {"B2": "好", "B1": 1.5}))
    assert result.status == "invalid"
    found = sorted((d.code, d.location.cell, d.args["answer"]) for d in result.errors)
    assert found == [
        ("answer-invalid-check", "Checklist!E14", "好"),
        ("answer-invalid-count", "Checklist!E13", "1.5"),
    ]


def test_an_answer_of_only_an_invisible_character_says_so(tmp_path):
    # Issue 9, item 24: not quoted as '\u200b' as if the cell were empty.
    raw = best(KF) | {"B2": "\u200b", "A1": " \u200b\ufeff"}
    result = result_of(fill(write(KF, tmp_path, lang="en"), raw))
    assert result.status == "invalid"
    found = sorted((d.code, d.location.cell, d.args["id"]) for d in result.errors)
    assert found == [
        ("answer-invisible", "Checklist!E14", "B2"),
        ("answer-invisible", "Checklist!E9", "A1"),
    ]
    message = result.errors[0].message("en")
    assert "only an invisible character" in message and "\\u200b" not in message


def test_answers_with_units_and_slips_of_the_pen(tmp_path):
    form = write(KF, tmp_path)
    ok = result_of(fill(form, best(KF) | {"A1": "x", "A3": "2人次", "B4": "4分", "D4": "９６％"},
                        tmp_path / "ok.xlsx"))  # fmt: skip
    assert (ok.status, ok.result.failed) == ("ok", ["A1", "A3"])
    slips = {"A1": "合隔", "B2": "不合各", "B4": "4次", "D4": "96厘米", "C1": "pas"}
    bad = result_of(fill(form, best(KF) | slips, tmp_path / "bad.xlsx"))
    assert bad.status == "invalid"
    hints = {d.args["id"]: (d.code, d.hint("zh-CN")) for d in bad.errors}
    assert hints["A1"] == ("answer-invalid-check",
                           "是否应为 “合格”?请填写 合格、不合格 或 不适用。")  # fmt: skip
    assert hints["B2"][1].startswith("是否应为 “不合格”?")
    assert hints["C1"][1].startswith("是否应为 “PASS”?")
    assert hints["B4"] == ("answer-wrong-unit", "请只填数字,或数字后加下列单位之一:分 points "
                           "point pts pt;也可填 “不适用”。")  # fmt: skip
    assert hints["D4"][0] == "answer-wrong-unit"
    [d4] = [d for d in bad.errors if d.args["id"] == "D4"]
    assert d4.message("zh-CN") == "“96厘米”:“厘米” 不是检查项 D4(测量项)的单位"
    assert d4.message("en") == "'96厘米': '厘米' is not a unit of item D4 (measure)"


def test_header_fields_are_prefilled_and_read_back(tmp_path):
    path = write(XC, tmp_path, site="一号楼", inspector="张敏", day=date(2026, 5, 1))
    fill(path, best(XC), header={"inspected": "李强"})
    assert result_of(path).header == {
        "site": "一号楼",
        "date": "2026-05-01",
        "inspector": "张敏",
        "inspected": "李强",
    }
    fill(path, {}, header={"date": datetime(2026, 6, 2, 0, 0), "site": None})
    assert result_of(path).header["date"] == "2026-06-02"
    assert result_of(path).header["site"] is None


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_answers_round_trip(tmp_path, data):
    from tests.checklist.test_scoring import filled

    checklist, raw = data.draw(filled(missing_ok=True))
    path = fill(write(checklist, tmp_path), raw, tmp_path / "filled.xlsx")
    for missing in ("error", "fail", "na"):
        assert result_of(path, missing).result.to_dict() == score(checklist, raw, missing).to_dict()


# --- the form --------------------------------------------------------------------------


def test_form_contract(tmp_path):
    path = write(XC, tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    assert wb.sheetnames[0] == "检查表"
    assert [ws.cell(row=7, column=c).value for c in range(1, 8)] == [
        "编号",
        "检查项目",
        "检查标准",
        "分值",
        "结果",
        "得分",
        "备注",
    ]
    header = {ws.cell(row=r, column=c).value: (r, c) for r in range(1, 7) for c in range(1, 8)}
    for label in ("站点", "检查日期", "检查人", "被检查人"):
        r, c = header[label]
        assert not ws.cell(row=r, column=c + 1).protection.locked  # input right of its label
    assert ws["B3"].value == "XC-CHK-01" and ws["D3"].value == "1.1"
    assert ws["A1"].value == LIB.config.organization and ws["A2"].value == XC.title
    rows = item_rows(ws)
    assert list(rows) == [i.id for _, i in XC.items()]
    assert ws.cell(row=rows["A0"] - 1, column=1).value.startswith("1、通用标准")  # section row
    for item_id, row in rows.items():
        assert not ws.cell(row=row, column=5).protection.locked
        assert not ws.cell(row=row, column=7).protection.locked
        assert ws.cell(row=row, column=2).protection.locked
        if item_id not in ("A0", "E0"):  # info items have no score
            assert ws.cell(row=row, column=6).value.startswith("=")  # a live score formula
    # Protected without a password; only input cells unlocked.
    assert ws.protection.sheet and ws.protection.password is None
    # A4, one page wide, header row on every page, footer with id, version, page X of Y.
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$7:$7"
    footer = ws.oddFooter.left.text + ws.oddFooter.right.text
    assert "XC-CHK-01" in footer and "1.1" in footer and "&P" in footer and "&N" in footer
    assert (
        ws.column_dimensions["B"].width >= 30
        and ws.cell(row=rows["A1"], column=2).alignment.wrap_text
    )
    # The summary: totals, verdict, grade, pass mark and bands, signatures.
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    for label in ("实得分", "得分", "结论", "评级", "合格线", "审核人(签字):", "检查人(签字):"):
        assert any(t.startswith(label) for t in texts), label
    assert any("优秀 ≥95" in t and "合格线 80 分" in t for t in texts)


def test_a_scale_items_range_is_printed_once(tmp_path):
    checklist = Checklist.model_validate(
        {"kind": "checklist", "id": "T-1", "title": "t", "version": "1",
         "effective": "2026-01-01", "scoring": {"pass": 60},
         "sections": [{"title": "s", "items": [
             {"id": "S1", "text": "a", "type": "scale", "points": 10, "standard": "按0-10分评定"},
             {"id": "S2", "text": "b", "type": "scale", "points": 10, "standard": "来有迎声"},
             {"id": "S3", "text": "c", "type": "scale", "points": 10},
             {"id": "S4", "text": "d", "type": "scale", "points": 10, "standard": "按 0～10 分"},
             {"id": "S5", "text": "e", "type": "scale", "points": 5, "standard": "按0-10分评定"},
         ]}]}
    )  # fmt: skip
    ws = openpyxl.load_workbook(write(checklist, tmp_path)).worksheets[0]
    standards = {i: ws.cell(row=r, column=3).value for i, r in item_rows(ws).items()}
    assert standards == {
        "S1": "按0-10分评定",
        "S2": "来有迎声\n按 0–10 分评定",
        "S3": "按 0–10 分评定",
        "S4": "按 0～10 分",
        "S5": "按0-10分评定\n按 0–5 分评定",  # the standard disagrees with the points: both
    }
    xc = openpyxl.load_workbook(write(XC, tmp_path)).worksheets[0]
    assert xc.cell(row=item_rows(xc)["C2"], column=3).value == "按0-10分评定"


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_form_prints_at_90_percent_or_more(lang, tmp_path):
    # "Fit to one page wide" shrinks the print by printable width / width of the columns:
    # 136 characters printed at about 75 % (8 pt text).
    ws = openpyxl.load_workbook(write(XC, tmp_path, lang=lang)).worksheets[0]
    # A column w characters wide is 7w + 5 pixels (Calibri 11, 96 dpi), as Excel counts.
    pixels = sum(int(ws.column_dimensions[c].width * 7 + 5) for c in "ABCDEFG")
    printable = (8.27 - ws.page_margins.left - ws.page_margins.right) * 96  # A4 portrait
    assert printable / pixels >= 0.9
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$7:$7"
    # Header labels shrink rather than be cut off; item text wraps.
    assert ws["A3"].alignment.shrink_to_fit and ws["A5"].alignment.shrink_to_fit
    assert ws.cell(row=item_rows(ws)["A1"], column=3).alignment.wrap_text


def test_result_cells_have_dropdowns_and_number_validation(tmp_path):
    ws = openpyxl.load_workbook(write(AC, tmp_path)).worksheets[0]
    rows = item_rows(ws)
    by_cell = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in range(rng.min_row, rng.max_row + 1):
                by_cell[row] = dv
    check = by_cell[rows["R1"]]
    assert (check.type, check.formula1) == ("list", '"合格,不合格,不适用"')
    assert "合格" in check.prompt and "不适用" in check.prompt
    scale = by_cell[rows["S5"]]
    assert (scale.type, scale.operator, scale.formula1, scale.formula2) == (
        "decimal",
        "between",
        "0",
        "10",
    )
    count = by_cell[rows["Y4"]]
    assert (count.type, count.operator, count.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert "5" in count.prompt and "10" in count.prompt
    measure = by_cell[rows["R2"]]
    assert measure.type == "decimal" and "0–3" in measure.prompt
    # Typing 不适用 into a number cell must stay possible: a warning, not a stop.
    assert {dv.errorStyle for dv in by_cell.values()} == {"warning"}


def test_long_dropdown_lists_use_a_hidden_range(tmp_path):
    wb = openpyxl.Workbook()
    values = [f"选项{n:03d}——很长的说明文字" for n in range(40)]
    formula = list_formula(wb, values)
    assert formula == "'_lists'!$A$1:$A$40"
    assert wb["_lists"].sheet_state == "hidden"
    assert [wb["_lists"].cell(row=r, column=1).value for r in range(1, 41)] == values
    assert list_formula(wb, ["a", "b"]) == '"a,b"'
    assert list_formula(wb, ["a,b", "c"]) == "'_lists'!$B$1:$B$2"


def test_meta_sheet(tmp_path):
    path = write(KF, tmp_path)
    wb = openpyxl.load_workbook(path)
    meta = wb[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    values = {
        meta.cell(row=r, column=1).value: meta.cell(row=r, column=2).value
        for r in range(1, meta.max_row + 1)
    }
    assert values["checklist"] == "KF-CHK-01" and values["version"] == "2.0"
    assert values["fingerprint"] == form_fingerprint(KF)
    recorded = dict(pair.split("=") for pair in values["rows"].split())
    assert {k: int(v) for k, v in recorded.items()} == item_rows(wb.worksheets[0])


def test_yaml_text_never_becomes_a_formula(tmp_path):
    lib = write_tree(
        tmp_path / "lib",
        {
            "sopkit.yaml": 'organization: \'=HYPERLINK("http://x","org")\'\n',
            "c.yaml": """kind: checklist
id: INJ-1
title: "=1+1"
version: "1"
effective: 2026-01-01
scoring: {pass: 50, grades: [{name: '=A1"', min: 50}, {name: "@x", min: 0}]}
sections:
  - title: "=SUM(A1:A9)"
    items:
      - {id: A, text: "=cmd|' /C calc'!A0", standard: "+1-1", points: 5}
      - {id: B, text: "-2+3", standard: "@SUM(1)", type: info}
""",
        },
    )
    library = load_library(lib)
    assert library.report.ok(), [d.to_dict() for d in library.report.diagnostics]
    chk = library.get("INJ-1")
    path = write_checklist(chk, tmp_path / "inj.xlsx", organization=library.config.organization)
    ws = openpyxl.load_workbook(path).worksheets[0]
    injected = [
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value[:1] in "=+-@" and c.column <= 4
    ]
    assert {c.value for c in injected} >= {"=1+1", "=cmd|' /C calc'!A0", "+1-1", "-2+3"}
    assert all(c.data_type == "s" for c in injected)
    # The grade names sit inside the grade formula as quoted text.
    grade = next(
        c.value
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=IF(") and '"@x"' in c.value
    )
    assert '"=A1"""' in grade
    # And they read back as text, not as formulas, whatever reads the file.
    from python_calamine import CalamineWorkbook

    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert any("=1+1" in row for row in grid)
    filled = fill(path, {"A": "√"})
    result = result_of(filled, checklists={"inj-1": chk})
    assert result.result.score == 100


# --- file names and pre-filled copies ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一号楼", "一号楼"),
        ("A/B:楼", "A_B_楼"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("..", "_"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("a\\b*c?", "a_b_c_"),
        ("  trailing. ", "trailing"),
        ("", "_"),
    ],
)
def test_safe_names(text, expected):
    assert safe_name(text) == expected
    assert "/" not in safe_name(text) and "\\" not in safe_name(text)


def test_one_workbook_per_site(tmp_path):
    sites = ["一号楼", "二号楼", "A/B", "A:B", "../x"]
    out = tmp_path / "out"
    paths = write_checklists([KF], out, sites=sites, inspector="张敏")
    assert [p.name for p in paths] == [
        "KF-CHK-01-一号楼.xlsx",
        "KF-CHK-01-二号楼.xlsx",
        "KF-CHK-01-A_B.xlsx",
        "KF-CHK-01-A_B-2.xlsx",
        "KF-CHK-01-_x.xlsx",
    ]
    assert all(p.parent == out for p in paths)
    assert [read_filled(p).header["site"] for p in paths] == sites
    assert {read_filled(p).header["inspector"] for p in paths} == {"张敏"}


def test_a_form_per_site_is_the_form_built_for_that_site_alone(tmp_path):
    # write_checklists builds a checklist's form once and saves it once per site.
    sites = ["一号楼", "二号楼", None]
    day = date(2026, 5, 1)
    paths = write_checklists([KF, XC], tmp_path / "sites", sites=["一号楼", "二号楼"], day=day)
    paths += write_checklists([KF, XC], tmp_path / "none", day=day)
    alone = [
        write_checklist(c, tmp_path / "alone" / f"{c.id}-{site}.xlsx", site=site, day=day)
        for c in (KF, XC)
        for site in sites
    ]
    order = [0, 1, 3, 4, 2, 5]  # by checklist then site, then the forms without a site
    for built, single in zip(paths, [alone[i] for i in order], strict=True):
        with ZipFile(built) as a, ZipFile(single) as b:
            parts = [n for n in a.namelist() if n.startswith("xl/")]
            assert parts == [n for n in b.namelist() if n.startswith("xl/")]
            assert all(a.read(n) == b.read(n) for n in parts), built.name


def test_checklist_command(tmp_path):
    sites = write_tree(tmp_path, {"sites.txt": "\ufeff# 站点\n一号楼\n\n二号楼\n一号楼\n"})
    out = tmp_path / "out"
    args = [
        "checklist",
        str(FROZEN),
        "kf-chk-01",
        "-o",
        str(out),
        "--sites",
        str(sites / "sites.txt"),
        "--date",
        "2026-05-01",
        "--inspector",
        "张敏",
        "--lang",
        "en",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "KF-CHK-01-一号楼.xlsx",
        "KF-CHK-01-二号楼.xlsx",
    ]
    sheet = read_filled(out / "KF-CHK-01-一号楼.xlsx")
    assert sheet.sheet == "Checklist" and sheet.header["date"] == "2026-05-01"
    bad = CliRunner().invoke(app, ["checklist", str(FROZEN), "NOPE", "-o", str(out)])
    assert bad.exit_code == 2 and "NOPE" in bad.output
    bad = CliRunner().invoke(app, ["checklist", str(FROZEN), "--date", "5/1", "-o", str(out)])
    assert bad.exit_code == 2


def test_build_writes_every_checklist(tmp_path):
    result = build(SOPS, tmp_path / "build")
    written = {p.name for p in result.written if p.suffix == ".xlsx"}
    assert written == {f"{c.id}.xlsx" for c in load_library(SOPS).checklists}
    # the draft checklist's forms are written, with a warning in the report
    assert [(d.code, d.args["id"]) for d in result.report.warnings] == [
        ("checklist-draft", "AC-CHK-01")
    ]


@pytest.mark.parametrize("checklist", load_library(SOPS).checklists, ids=lambda c: c.id)
def test_example_library_round_trips_to_the_maximum(checklist, tmp_path):
    path = fill(write(checklist, tmp_path), best(checklist))
    result = result_of(path, checklists={checklist.id.lower(): checklist})
    # A sheet of a draft checklist says so (issue 10): it stays out of the summary figures.
    status = ["sheet-checklist-draft"] if checklist.status == "draft" else []
    assert (result.status, result.result.score) == ("ok", 100)
    assert [d.code for d in result.diagnostics] == status


# --- robustness ------------------------------------------------------------------------


def _edit_meta(key: str, value: str):
    def edit(wb):
        meta = wb[META_SHEET]
        for row in range(1, meta.max_row + 1):
            if meta.cell(row=row, column=1).value == key:
                meta.cell(row=row, column=2).value = value

    return edit


def test_form_of_another_version_warns_and_scores_with_the_library(tmp_path):
    path = fill(write(KF, tmp_path), best(KF) | {"A1": "×"}, edit=_edit_meta("version", "1.0"))
    result = result_of(path)
    assert (result.status, result.result.score) == ("ok", 95)
    assert [(d.code, d.severity) for d in result.diagnostics] == [("sheet-version", "warning")]
    assert result.version == "1.0" and result.library_version == "2.0"


def test_altered_form_warns(tmp_path):
    path = fill(write(KF, tmp_path), best(KF), edit=_edit_meta("fingerprint", "0123456789abcdef"))
    assert [d.code for d in result_of(path).diagnostics] == ["sheet-fingerprint"]


def test_sheet_of_another_checklist(tmp_path):
    path = fill(write(KF, tmp_path), best(KF), edit=_edit_meta("checklist", "XC-CHK-01"))
    result = result_of(path)
    assert (result.status, [d.code for d in result.diagnostics]) == (
        "unknown",
        ["sheet-wrong-items"],
    )
    other = result_of(fill(write(KF, tmp_path), best(KF)), checklists={"xc-chk-01": XC})
    assert other.status == "unknown"
    assert [d.code for d in other.diagnostics] == ["sheet-unknown-checklist"]


def test_rows_inserted_deleted_and_sorted(tmp_path):
    raw = mixed(XC)
    expected = score(XC, raw).to_dict()
    path = fill(write(XC, tmp_path), raw)

    def insert(wb):
        wb.worksheets[0].insert_rows(12, amount=3)
        wb.worksheets[0].insert_rows(2)

    def sort(wb):  # reverse the rows of section 2, as Excel's sort would
        ws = wb.worksheets[0]
        rows = [item_rows(ws)[i] for i in ("B1", "B2", "B3", "B4", "B5", "B6")]
        values = [[ws.cell(row=r, column=c).value for c in range(1, 8)] for r in rows]
        for r, vals in zip(rows, reversed(values), strict=True):
            for c, v in enumerate(vals, start=1):
                ws.cell(row=r, column=c).value = v

    for edit in (insert, sort):
        moved = fill(path, {}, tmp_path / f"{edit.__name__}.xlsx", edit=edit)
        result = result_of(moved)
        assert result.result.to_dict() == expected and result.diagnostics == []

    def delete(wb):
        wb.worksheets[0].delete_rows(item_rows(wb.worksheets[0])["C3"])

    result = result_of(fill(path, {}, tmp_path / "deleted.xlsx", edit=delete), "na")
    codes = [d.code for d in result.diagnostics]
    assert codes == ["sheet-item-row-missing", "answers-missing-left-out"]
    assert (
        result.result.to_dict()
        == score(XC, {k: v for k, v in raw.items() if k != "C3"}, "na").to_dict()
    )


def test_extra_sheets_merged_cells_and_duplicate_rows(tmp_path):
    raw = mixed(AC)
    path = fill(write(AC, tmp_path), raw)

    def extras(wb):
        wb.create_sheet("说明", 0)["A1"] = "编号"
        ws = wb.worksheets[1]
        ws.unmerge_cells("D4:E4")
        ws.merge_cells("B9:C9")
        ws.merge_cells("G9:G10")

    result = result_of(fill(path, {}, tmp_path / "extras.xlsx", edit=extras))
    assert result.result.to_dict() == score(AC, raw).to_dict() and result.diagnostics == []

    def duplicate(wb):
        ws = wb.worksheets[0]
        ws.cell(row=ws.max_row + 2, column=1).value = "R1"
        ws.cell(row=ws.max_row, column=5).value = "不合格"

    result = result_of(fill(path, {}, tmp_path / "dup.xlsx", edit=duplicate))
    assert [d.code for d in result.diagnostics] == ["sheet-duplicate-row"]
    assert result.result.to_dict() == score(AC, raw).to_dict()


def test_deleted_meta_sheet_falls_back_to_the_id_column(tmp_path):
    raw = mixed(KF)
    path = fill(write(KF, tmp_path), raw, edit=lambda wb: wb.remove(wb[META_SHEET]))
    result = result_of(path)
    assert [d.code for d in result.diagnostics] == ["sheet-meta-missing"]
    assert result.result.to_dict() == score(KF, raw).to_dict()


def test_csv_export_is_scored(tmp_path):
    raw = mixed(KF)
    ws = openpyxl.load_workbook(fill(write(KF, tmp_path), raw)).worksheets[0]
    out = tmp_path / "kf.csv"
    with out.open("w", encoding="gb18030", newline="") as fh:  # Excel on Chinese Windows
        csv.writer(fh).writerows(
            [[("" if v is None else v) for v in row] for row in ws.iter_rows(values_only=True)]
        )
    result = result_of(out)
    assert result.result.to_dict() == score(KF, raw).to_dict()
    assert [d.code for d in result.diagnostics] == ["sheet-meta-missing"]


@pytest.mark.parametrize(
    ("name", "content", "code", "status"),
    [
        ("empty.xlsx", b"", "file-empty", "unreadable"),
        ("text.xlsx", b"just some text", "file-corrupt", "unreadable"),
        ("zip.xlsx", b"PK\x03\x04broken", "file-corrupt", "unreadable"),
        ("report.pdf", b"%PDF-1.4", "file-format", "unreadable"),
        ("notes.csv", "随便写的\n没有表格\n".encode(), "sheet-not-checklist", "unknown"),
    ],
)
def test_unreadable_files(name, content, code, status, tmp_path):
    path = tmp_path / name
    path.write_bytes(content)
    result = result_of(path)
    assert (result.status, [d.code for d in result.diagnostics]) == (status, [code])


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.xls", b"# hello world\nfoo\n"), ("b.xlsx", b"PK\x03\x04broken"), ("c.ods", b"hello")],
)
def test_a_damaged_file_is_explained_before_the_readers_words(name, content, tmp_path):
    path = tmp_path / name
    path.write_bytes(content)
    [diagnostic] = result_of(path).diagnostics
    for lang, plain in (("en", "not an Excel workbook, or a damaged one ("),
                        ("zh-CN", "不是 Excel 工作簿,或文件已损坏(")):  # fmt: skip
        message = diagnostic.message(lang)
        assert message.startswith(plain), message
        assert message.endswith((")", ")"))


def test_a_file_that_cannot_be_opened_is_unreadable(tmp_path):
    # A folder named like a workbook, or a file gone between listing and reading.
    (tmp_path / "folder.xlsx").mkdir()
    for path in (tmp_path / "folder.xlsx", tmp_path / "gone.xlsx"):
        result = score_file(path, BY_ID)
        assert result.status == "unreadable"
        assert [d.code for d in result.diagnostics] == ["unreadable"]
        assert result.diagnostics[0].message("en").startswith("cannot read the file: ")


def test_password_protected_workbook(tmp_path):
    pytest.importorskip("msoffcrypto", reason="msoffcrypto-tool (dev extra)")
    from msoffcrypto.format.ooxml import OOXMLFile

    src = fill(write(KF, tmp_path), best(KF))
    secret = tmp_path / "secret.xlsx"
    with src.open("rb") as fh, secret.open("wb") as out:
        OOXMLFile(fh).encrypt("secret", out)
    result = result_of(secret)
    assert (result.status, [d.code for d in result.diagnostics]) == (
        "unreadable",
        ["file-encrypted"],
    )


def test_truncated_workbook_is_corrupt(tmp_path):
    path = write(KF, tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert [d.code for d in result_of(path).diagnostics] == ["file-corrupt"]


def test_workbook_that_is_no_checklist(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "销售日报"
    wb.save(tmp_path / "other.xlsx")
    result = result_of(tmp_path / "other.xlsx")
    assert (result.status, [d.code for d in result.diagnostics]) == (
        "unknown",
        ["sheet-not-checklist"],
    )


def test_lock_files_and_hidden_files_are_skipped(tmp_path):
    path = write(KF, tmp_path)
    (tmp_path / "~$KF-CHK-01.xlsx").write_bytes(b"owner")
    (tmp_path / ".~lock.KF-CHK-01.xlsx#").write_bytes(b"owner")
    (tmp_path / "notes.txt").write_text("x")
    assert expand_inputs([tmp_path]) == [path]
    assert expand_inputs([str(tmp_path / "*.xlsx")]) == [path]
    assert expand_inputs([tmp_path / "~$KF-CHK-01.xlsx"]) == []


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_batch_goes_on_past_bad_files_and_never_writes_inputs(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for checklist in (XC, KF, AC):
        fill(write(checklist, inbox), mixed(checklist))
    (inbox / "broken.xlsx").write_bytes(b"\x00" * 10)
    (inbox / "empty.xlsx").write_bytes(b"")
    shutil.copy(inbox / "KF-CHK-01.xlsx", inbox / "b-copy.xlsx")
    os.chmod(inbox / "b-copy.xlsx", 0o444)
    before = _hashes(inbox)
    scores = score_paths(expand_inputs([inbox]), LIB.checklists, jobs=1)
    write_summary_workbook(scores, tmp_path / "summary.xlsx", BY_ID)
    assert _hashes(inbox) == before
    assert [(Path(s.file).name, s.status) for s in scores] == [
        ("AC-CHK-01.xlsx", "ok"),
        ("KF-CHK-01.xlsx", "ok"),
        ("XC-CHK-01.xlsx", "ok"),
        ("b-copy.xlsx", "ok"),
        ("broken.xlsx", "unreadable"),
        ("empty.xlsx", "unreadable"),
    ]


def test_parallel_scoring_matches_sequential_in_path_order(tmp_path):
    paths = []
    for n in range(30):
        checklist = (XC, KF, AC)[n % 3]
        first = next(i.id for _, i in checklist.items() if i.type == "check")
        raw = best(checklist) | ({first: "不合格"} if n % 2 else {})
        src = write(checklist, tmp_path / "forms" / str(n % 3))
        paths.append(fill(src, raw, tmp_path / f"{n:02d}-{checklist.id}.xlsx"))
    (tmp_path / "07-broken.xlsx").write_bytes(b"nope")
    paths.append(tmp_path / "07-broken.xlsx")
    progress = []
    parallel = score_paths(
        reversed(paths),
        LIB.checklists,
        jobs=2,
        progress=lambda done, total: progress.append((done, total)),
    )
    sequential = score_paths(paths, LIB.checklists, jobs=1)
    assert [s.to_dict() for s in parallel] == [s.to_dict() for s in sequential]
    assert [s.file for s in parallel] == sorted(str(p) for p in paths)
    assert progress[-1] == (31, 31)


# --- reports and the command -------------------------------------------------------------


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    fill(
        write(XC, inbox),
        mixed(XC),
        header={"site": "一号楼", "inspector": "张敏", "date": datetime(2026, 5, 1)},
    )
    fill(write(KF, inbox), best(KF) | {"D2": 1, "A1": "×"}, header={"site": "=二号楼"})
    kf_remark = inbox / "KF-CHK-01.xlsx"
    fill(
        kf_remark,
        {},
        edit=lambda wb: set_text(
            wb.worksheets[0].cell(row=item_rows(wb.worksheets[0])["A1"], column=7), "=工牌未戴"
        ),
    )
    fill(write(AC, inbox, lang="en"), best(AC) | {"S3": "好", "R1": None})
    (inbox / "zero.xlsx").write_bytes(b"")
    return inbox


def _relative(data, root: Path):
    text = json.dumps(data, ensure_ascii=False)
    return json.loads(text.replace(str(root) + "/", ""))


def test_score_json_is_the_library_value_and_matches_the_golden_file(tmp_path):
    inbox = _inbox(tmp_path)
    result = CliRunner().invoke(
        app, ["score", str(inbox), "--lib", str(FROZEN), "-f", "json", "--lang", "en"]
    )
    assert result.exit_code == 1
    printed = json.loads(result.stdout)
    library = [s.to_dict("en") for s in score_paths(expand_inputs([inbox]), LIB.checklists)]
    assert printed == library
    golden = GOLDEN / "score.json"
    data = _relative(printed, tmp_path)
    if os.environ.get("SOPKIT_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert data == json.loads(golden.read_text(encoding="utf-8"))


def test_score_json_has_one_item_per_line(tmp_path):
    scores = score_paths(expand_inputs([_inbox(tmp_path)]), LIB.checklists)
    out = io.StringIO()
    write_scores(scores, out, "json", "en")
    dicts = [s.to_dict("en") for s in scores]
    assert json.loads(out.getvalue()) == dicts
    lines = [line.strip().rstrip(",") for line in out.getvalue().splitlines()]
    items = [json.loads(line) for line in lines if line.startswith('{"id": ')]
    assert items == [i for d in dicts for i in d["invalid"] + d["items"]]
    empty = io.StringIO()
    write_scores([], empty, "json")
    assert json.loads(empty.getvalue()) == []


def test_score_table_csv_and_summary_workbook(tmp_path):
    inbox = _inbox(tmp_path)
    out = tmp_path / "report" / "summary.xlsx"
    result = CliRunner().invoke(
        app, ["score", str(inbox / "*.xlsx"), "--lib", str(FROZEN), "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "AC-CHK-01.xlsx:Checklist!E15: error[answer-invalid-check]" in result.stdout
    assert "4 个文件:2 个已评分,0 个合格,2 个不合格,2 个有问题" in result.stdout
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["汇总", "整改清单"]
    summary = list(wb["汇总"].iter_rows(values_only=True))
    assert summary[0][:4] == ("文件", "检查表", "版本", "状态") and len(summary) == 5
    actions = list(wb["整改清单"].iter_rows(values_only=True))
    assert actions[0][:8] == (
        "文件",
        "站点",
        "检查日期",
        "检查人",
        "被检查人",
        "检查表",
        "编号",
        "检查项目",
    )
    failed = {(row[6], row[9], row[13]) for row in actions[1:]}
    assert ("A1", "×", "=工牌未戴") in failed and ("D2", "1", None) in failed
    assert ("B2", "6", None) in {(r[6], r[9], r[13]) for r in actions[1:]}  # XC: outside 3–5 米
    cells = [c for row in wb["整改清单"].iter_rows() for c in row if c.value == "=工牌未戴"]
    assert cells and all(c.data_type == "s" for c in cells)
    site = [c for row in wb["汇总"].iter_rows() for c in row if c.value == "=二号楼"]
    assert site and all(c.data_type == "s" for c in site)

    csv_out = io.StringIO()
    write_scores(score_paths(expand_inputs([inbox]), LIB.checklists), csv_out, "csv", "zh-CN")
    text = csv_out.getvalue()
    assert text.startswith("\ufeff文件,检查表,版本,状态,得分")
    assert "'=二号楼" in text and ",=二号楼" not in text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 5


def test_score_exit_codes(tmp_path):
    path = fill(write(KF, tmp_path), best(KF))
    runner = CliRunner()
    ok = runner.invoke(app, ["score", str(path), "--lib", str(FROZEN)])
    assert ok.exit_code == 0, ok.output
    failed = fill(write(KF, tmp_path / "f"), best(KF) | {"D2": 3})  # a failed inspection
    assert runner.invoke(app, ["score", str(failed), "--lib", str(FROZEN)]).exit_code == 0
    assert runner.invoke(app, ["score", str(tmp_path / "nope.xlsx")]).exit_code == 2
    assert runner.invoke(app, ["score", str(tmp_path / "*.xlsm")]).exit_code == 2
    assert runner.invoke(app, ["score", str(path), "--out", "x.csv"]).exit_code == 2
    assert runner.invoke(app, ["score", str(path), "--missing", "maybe"]).exit_code == 2
    assert runner.invoke(app, ["score", str(path), "--lib", str(tmp_path / "no")]).exit_code == 2


def test_forms_and_the_summary_workbook_get_ordinary_permissions(tmp_path):
    # Written through a temporary file, but not with its 0600: others may read them as usual.
    old = os.umask(0o022)
    try:
        [form] = write_checklists([KF], tmp_path / "forms")
        scores = score_paths([fill(form, best(KF))], LIB.checklists)
        summary = write_summary_workbook(scores, tmp_path / "summary.xlsx", BY_ID)
    finally:
        os.umask(old)
    assert form.stat().st_mode & 0o777 == 0o644
    assert summary.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["KF-CHK-01.xlsx", "forms",
                                                           "summary.xlsx"]  # fmt: skip


def test_a_sheet_of_a_checklist_with_errors_is_invalid_not_unknown(tmp_path):
    form = fill(write(KF, tmp_path / "forms"), best(KF))
    usable = [c for c in LIB.checklists if c is not KF]
    [sheet] = score_paths([form], usable, broken={"KF-CHK-01"})
    assert (sheet.status, sheet.result, [d.code for d in sheet.diagnostics]) == (
        "invalid", None, ["sheet-checklist-has-errors"],
    )  # fmt: skip
    assert "validate" in sheet.diagnostics[0].hint("en")
    assert "AC-CHK-01" not in sheet.diagnostics[0].hint("en")  # no "did you mean"
    # Without the hint it is a sheet of an unknown checklist, as before.
    [unknown] = score_paths([form], usable)
    assert [d.code for d in unknown.diagnostics] == ["sheet-unknown-checklist"]

    lib = tmp_path / "lib"
    shutil.copytree(FROZEN, lib)
    path = lib / "KF-CHK-01.yaml"
    text = path.read_text("utf-8")  # a measure item loses its target: an error of the checklist
    path.write_text("".join(x for x in text.splitlines(True) if "target:" not in x), "utf-8")
    result = CliRunner().invoke(app, ["score", str(form), "--lib", str(lib), "-f", "json"])
    assert result.exit_code == 1
    [printed] = json.loads(result.stdout)
    assert (printed["status"], printed["score"]) == ("invalid", None)
    assert [e["code"] for e in printed["errors"]] == ["sheet-checklist-has-errors"]


@pytest.mark.parametrize(
    ("status", "lang", "mark"),
    [("draft", "zh-CN", "草稿 DRAFT — 未生效"), ("retired", "en", "RETIRED — withdrawn"),
     ("active", "zh-CN", None)],
)  # fmt: skip
def test_draft_and_retired_forms_are_marked(status, lang, mark, tmp_path):
    checklist = KF.model_copy(update={"status": status})
    path = write(checklist, tmp_path, lang=lang)
    ws = openpyxl.load_workbook(path, rich_text=True).worksheets[0]
    title = ws["A2"].value
    if mark is None:
        assert title == KF.title and not ws.oddFooter.center.text
    else:
        assert str(title) == f"{KF.title}  {mark}"
        [*_, block] = title  # the mark in red, after the title
        assert block.text == mark and block.font.color.rgb == "FFC00000"
        assert ws.oddFooter.center.text == mark  # on every printed page
    filled = fill(path, best(KF))
    assert result_of(filled, checklists={"kf-chk-01": checklist}).status == "ok"


def test_checklist_command_warns_about_drafts_on_stderr(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(FROZEN, lib)
    source = lib / "KF-CHK-01.yaml"
    source.write_text(source.read_text("utf-8").replace("\nversion:", "\nstatus: draft\nversion:"),
                      "utf-8")  # fmt: skip
    runner = CliRunner()
    result = runner.invoke(app, ["checklist", str(lib), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "checklist-draft" not in result.stdout and result.stdout.count("wrote ") == 3
    assert f"{source}: warning[checklist-draft]: KF-CHK-01" in result.stderr
    assert "草稿" in result.stderr and "XC-CHK-01" not in result.stderr
    quiet = runner.invoke(app, ["checklist", str(lib), "XC-CHK-01", "-o", str(tmp_path / "o")])
    assert quiet.exit_code == 0 and quiet.stderr == ""


# --- any checklist: the best answers score the maximum ---------------------------------

_TEXTS = ["着装整洁", "来访车辆敬礼距离", "=SUM(A1)", "Greets visitors", "按0-10分评定", "★ 关键"]
_POINTS = st.sampled_from([1, 2, 2.5, 5, 10, 20])


@st.composite
def any_item(draw, item_id: str) -> dict:
    kind = draw(st.sampled_from(["check", "scale", "count", "measure", "info"]))
    item = {"id": item_id, "text": draw(st.sampled_from(_TEXTS)), "type": kind}
    if draw(st.booleans()):
        item["standard"] = draw(st.sampled_from(_TEXTS))
    if kind == "info":
        return item
    item["points"] = draw(_POINTS)
    item["critical"] = draw(st.booleans())
    if kind == "count":
        item["per"] = draw(st.sampled_from([0.5, 1, 2, 5]))
    elif kind == "measure":
        low = draw(st.none() | st.sampled_from([-5, 0, 1.5, 3, 40]))
        if low is None:
            high = draw(st.sampled_from([5, 60]))
        else:
            high = draw(st.sampled_from([None, low, low + 2, low + 20]))
        item["target"] = {k: v for k, v in (("min", low), ("max", high)) if v is not None}
        item["unit"] = draw(st.sampled_from([None, "米", "分钟", "%"]))
    return item


@st.composite
def any_checklist(draw) -> Checklist:
    n_sections = draw(st.integers(1, 3))
    weighted = draw(st.booleans())
    sections, number = [], 0
    for s in range(n_sections):
        items = []
        for _ in range(draw(st.integers(1, 4))):
            number += 1
            items.append(draw(any_item(f"{'ABC'[s]}{number}")))
        section = {"title": f"分区 {s + 1}", "items": items}
        if weighted:
            section["weight"] = draw(st.integers(1, 50))
        sections.append(section)
    method = draw(st.sampled_from(["percent", "deduct"]))
    total = draw(st.sampled_from([50, 100, 120])) if method == "deduct" else 100
    scoring = {"method": method, "pass": draw(st.integers(0, total)),
               "critical": draw(st.sampled_from(["fail", "zero"]))}  # fmt: skip
    if method == "deduct":
        scoring["total"] = total
    if draw(st.booleans()):
        scoring["grades"] = [{"name": "优秀", "min": total * 0.9}, {"name": "合格", "min": 0}]
    checklist = Checklist.model_validate(
        {"kind": "checklist", "id": "T-CHK-01", "title": "随机检查表", "version": "1",
         "effective": "2026-01-01", "scoring": scoring, "sections": sections}
    )  # fmt: skip
    assert not [f for f in check_document(checklist) if f.severity == "error"]
    return checklist


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_checklist(), st.sampled_from(["zh-CN", "en"]))
def test_any_checklist_filled_with_its_best_answers_scores_the_maximum(checklist, lang):
    # Issue #4: writing then filling every item with its best answer scores the maximum.
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = fill(write(checklist, Path(folder), lang=lang), best(checklist))
        sheet = result_of(path, checklists={checklist.id.lower(): checklist})
    assert (sheet.status, sheet.diagnostics) == ("ok", [])
    assert sheet.result.score == Decimal(checklist.scoring.maximum)
    assert sheet.result.passed and sheet.result.failed == []
