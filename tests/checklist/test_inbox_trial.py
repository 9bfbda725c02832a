"""Issue 10 tried as a supervisor's inbox: files saved again by LibreOffice, exported to CSV
or .xls, edited the way inspectors edit. Each test failed before its fix."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from sopkit.checklist.batch import expand_inputs, score_paths
from tests.checklist.test_scoring import best
from tests.checklist.test_workbook import BY_ID, KF, fill, item_rows, write

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
HEADER = {"site": "一号楼", "date": datetime(2026, 5, 1), "inspector": "张敏"}


def soffice(tmp_path: Path, to: str, *files: Path) -> Path:
    """Files converted by LibreOffice into ``tmp_path/out`` (recalculated on the way)."""
    out = tmp_path / "out"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", to, "--outdir", str(out), *map(str, files)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out


def _percent(value: float, fmt: str = "0.00%"):
    def edit(wb):
        ws = wb.worksheets[0]
        cell = ws.cell(row=item_rows(ws)["D4"], column=5)
        cell.value, cell.number_format = value, fmt

    return edit


@needs_office
def test_a_csv_export_of_a_sheet_is_the_same_inspection(tmp_path):
    # 97% in a 0.00% cell: LibreOffice's CSV export writes "97.00%", the workbook shows 97%.
    book = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", HEADER, _percent(0.97))
    out = soffice(tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76,1", book)
    assert "97.00%" in (out / "kf.csv").read_text("utf-8")
    scores = score_paths(expand_inputs([book, out / "kf.csv"]), BY_ID.values())
    assert [s.result.score for s in scores] == [100, 100]
    codes = sorted(d.code for s in scores for d in s.warnings)
    assert codes == ["sheet-duplicate", "sheet-meta-missing"]  # not sheet-same-visit
    assert sum(s.duplicate_of is not None for s in scores) == 1


def test_one_same_visit_warning_per_sheet_naming_the_others(tmp_path):
    names = []
    for n, answer in enumerate(("×", "合格", "不适用")):
        dest = tmp_path / f"v{n}.xlsx"
        fill(write(KF, tmp_path), best(KF) | {"A1": answer}, dest, HEADER)
        names.append(dest)
    scores = score_paths(names, BY_ID.values())
    for s in scores:
        [warning] = s.warnings
        assert warning.code == "sheet-same-visit"
        others = [p.name for p in names if p.name != Path(s.file).name]
        assert all(o in warning.args["other"] for o in others), warning.args["other"]
        assert Path(s.file).name not in warning.args["other"]


def _form_summary(path: Path) -> dict:
    """The form's live summary as LibreOffice recalculated it: label -> value."""
    from python_calamine import CalamineWorkbook

    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    return {r[4]: r[5] for r in grid if len(r) > 5 and isinstance(r[4], str)}


PERCENT_CELLS = {  # item -> (value, number format) as Calc stores 97% typed
    "measure-pct": ("D4", 0.97, "0%"),
    "measure-pct-two-decimals": ("D4", 0.97, "0.00%"),
    "measure-100-pct": ("D4", 1, "0%"),
    "scale": ("B4", 0.8, "0%"),  # 80% typed into a 0..5 scale item: a wrong unit
    "count": ("B1", 0.5, "0%"),
    "count-100-pct": ("B1", 1, "0%"),  # 100% typed: 1 stored, not one occurrence
    "scale-200-pct": ("B4", 2, "0%"),
}


@needs_office
def test_the_form_reads_a_percentage_as_sopkit_does(tmp_path):
    from sopkit.checklist.batch import score_file
    from sopkit.locale import catalogue

    filled = tmp_path / "filled"
    filled.mkdir()
    for name, (item_id, value, fmt) in PERCENT_CELLS.items():

        def edit(wb, item_id=item_id, value=value, fmt=fmt):
            ws = wb.worksheets[0]
            cell = ws.cell(row=item_rows(ws)[item_id], column=5)
            cell.value, cell.number_format = value, fmt

        fill(write(KF, tmp_path / name), best(KF), filled / f"{name}.xlsx", HEADER, edit)
    out = soffice(tmp_path, "xlsx", *sorted(filled.iterdir()))
    lab = catalogue("zh-CN").LABELS
    for name in PERCENT_CELLS:
        sheet = score_file(out / f"{name}.xlsx", BY_ID)
        form = _form_summary(out / f"{name}.xlsx")
        if sheet.status == "invalid":
            assert form[lab["sheet.invalid_count"]] >= 1, name
            assert form[lab["sheet.verdict"]] == lab["sheet.verdict_invalid"], name
        else:
            assert form[lab["sheet.invalid_count"]] == 0, name
            assert form[lab["sheet.score"]] == pytest.approx(float(sheet.result.score)), name
    assert score_file(out / "measure-pct.xlsx", BY_ID).result.score == 100
    for name in ("scale", "count-100-pct", "scale-200-pct"):
        assert score_file(out / f"{name}.xlsx", BY_ID).status == "invalid", name


@needs_office
def test_97_percent_in_an_xls_file_reads_97(tmp_path):
    from sopkit.checklist.batch import score_file

    book = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", HEADER, _percent(0.97, "0%"))
    out = soffice(tmp_path, "xls", book)
    sheet = score_file(out / "kf.xls", BY_ID)
    d4 = next(i for i in sheet.result.items if i.id == "D4")
    assert (sheet.status, d4.answer, d4.earned, sheet.result.score) == ("ok", "97%", 5, 100)
    scores = score_paths([book, out / "kf.xls"], BY_ID.values())
    assert sum(s.duplicate_of is not None for s in scores) == 1  # one inspection


def test_an_xls_that_is_not_biff_has_no_percent_cells(tmp_path):
    from sopkit.checklist.formats import is_percent_format
    from sopkit.checklist.xlsformats import xls_percent_cells

    for data in (b"", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600, b"PK\x03\x04junk"):
        path = tmp_path / "x.xls"
        path.write_bytes(data)
        assert xls_percent_cells(path, "检查表", {"E9"}, is_percent_format) == set()


UNO_PYTHON = "/usr/bin/python3"
LO_TYPE = Path(__file__).parents[1] / "tools" / "lo_type.py"


def _has_uno() -> bool:
    if SOFFICE is None or not Path(UNO_PYTHON).exists():
        return False
    return subprocess.run([UNO_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _has_uno(), reason="LibreOffice with Python (uno) is not installed")
def test_a_deleted_item_row_is_unanswered_on_the_form_too(tmp_path):
    import openpyxl

    from sopkit.checklist.batch import score_file
    from sopkit.locale import catalogue

    src = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", HEADER)
    row = item_rows(openpyxl.load_workbook(src).worksheets[0])["A2"]
    edited = tmp_path / "edited.xlsx"
    subprocess.run(
        [UNO_PYTHON, str(LO_TYPE), str(src), str(edited), (tmp_path / "profile").as_uri(),
         f"DELETE={row}"],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    sheet = score_file(edited, BY_ID)
    assert (sheet.status, sheet.result.missing) == ("incomplete", ["A2"])
    out = soffice(tmp_path, "xlsx", edited)  # recalculated
    form = _form_summary(out / "edited.xlsx")
    lab = catalogue("zh-CN").LABELS
    assert form[lab["sheet.unanswered"]] == 1
    assert form[lab["sheet.verdict"]] == lab["sheet.verdict_incomplete"]  # not 合格


def _lo_type(src: Path, dest: Path, tmp_path: Path, *edits: str) -> Path:
    subprocess.run(
        [UNO_PYTHON, str(LO_TYPE), str(src), str(dest), (tmp_path / "profile").as_uri(), *edits],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return dest


@pytest.mark.skipif(not _has_uno(), reason="LibreOffice with Python (uno) is not installed")
@pytest.mark.parametrize("column", ["C", "G"])  # 检查标准 or 备注: the item column left empty
def test_an_added_finding_written_in_another_column_is_never_dropped(column, tmp_path):
    import openpyxl

    src = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", HEADER)
    row = item_rows(openpyxl.load_workbook(src).worksheets[0])["B4"] + 1
    added = _lo_type(src, tmp_path / "added.xlsx", tmp_path, f"INSERT={row}",
                     f"{column}{row}=大厅地面湿滑,未放警示牌", f"E{row}=不合格")  # fmt: skip
    scores = score_paths([src, added], BY_ID.values())
    finding = next(s for s in scores if s.file == str(added))
    assert [(a.cell, a.text, a.answer, a.remarks) for a in finding.added] == [
        (f"检查表!B{row}", "大厅地面湿滑,未放警示牌", "不合格", None)
    ]
    assert [s.duplicate_of for s in scores] == [None, None]  # not the same inspection


@pytest.mark.skipif(not _has_uno(), reason="LibreOffice with Python (uno) is not installed")
def test_a_date_typed_as_text_is_the_same_date(tmp_path):
    import openpyxl

    src = fill(write(KF, tmp_path), best(KF), tmp_path / "a.xlsx", HEADER)
    ws = openpyxl.load_workbook(src).worksheets[0]
    date_cell = next(
        c.offset(column=1).coordinate for r in ws.iter_rows(max_row=6) for c in r
        if c.value == "检查日期"
    )  # fmt: skip
    row = item_rows(ws)["A1"]
    other = _lo_type(src, tmp_path / "b.xlsx", tmp_path, f"{date_cell}=2026/5/1", f"E{row}=×")
    assert score_paths([other], BY_ID.values())[0].header["date"] == "2026-05-01"
    scores = score_paths([src, other], BY_ID.values())
    assert [[d.code for d in s.warnings] for s in scores] == [["sheet-same-visit"]] * 2


def test_a_form_newer_than_the_library_says_to_update_the_library(tmp_path):
    from sopkit.checklist.batch import score_file

    scoring = KF.scoring.model_copy(update={"pass_": 90})
    newer = KF.model_copy(update={"version": "2.1", "scoring": scoring})
    sheet = score_file(fill(write(newer, tmp_path), best(KF)), BY_ID)
    assert (sheet.status, [d.code for d in sheet.errors]) == ("outdated", ["sheet-newer-version"])
    for lang in ("en", "zh-CN"):
        [error] = sheet.errors
        assert "2.1" in error.message(lang) and "git pull" in error.hint(lang)


def test_a_same_visit_warning_names_a_few_and_counts_the_rest(tmp_path):
    names = []
    for n, answer in enumerate((0, 1, 2, 3, 4, 5)):
        dest = tmp_path / f"v{n}.xlsx"
        fill(write(KF, tmp_path), best(KF) | {"B1": answer}, dest, HEADER)
        names.append(dest)
    first = score_paths(names, BY_ID.values())[0]
    [warning] = first.warnings
    assert warning.args["other"].count(".xlsx") == 3 and warning.args["other"].endswith("(+2)")


def test_a_site_typed_in_full_width_is_the_same_site(tmp_path):
    a = fill(write(KF, tmp_path), best(KF), tmp_path / "a.xlsx", HEADER | {"site": "1号楼"})
    b = fill(write(KF, tmp_path), best(KF) | {"A1": "×"}, tmp_path / "b.xlsx",
             HEADER | {"site": "１号楼 "})  # fmt: skip
    c = fill(write(KF, tmp_path), best(KF), tmp_path / "c.xlsx", HEADER | {"site": "１号楼"})
    codes = [[d.code for d in s.warnings] for s in score_paths([a, b, c], BY_ID.values())]
    assert codes == [["sheet-same-visit"], ["sheet-same-visit"], ["sheet-duplicate"]]


@pytest.mark.skipif(not _has_uno(), reason="LibreOffice with Python (uno) is not installed")
def test_a_sheet_of_another_checklist_pasted_into_a_workbook_is_scored(tmp_path):
    from tests.checklist.test_workbook import XC

    kf = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", HEADER)
    xc = fill(write(XC, tmp_path), best(XC) | {"A1": "×"}, tmp_path / "xc.xlsx", HEADER)
    both = _lo_type(kf, tmp_path / "both.xlsx", tmp_path, f"IMPORT={xc}")
    scores = score_paths([both], BY_ID.values())
    assert [(s.checklist, s.status) for s in scores] == [("KF-CHK-01", "ok"), ("XC-CHK-01", "ok")]
    alone = score_paths([xc], BY_ID.values())[0]
    assert scores[1].result.to_dict() == alone.result.to_dict()


def test_a_second_sheet_of_an_unknown_checklist_is_reported_not_dropped(tmp_path):
    def second(wb):  # a sheet of a checklist the library does not hold, pasted in
        ws = wb.copy_worksheet(wb.worksheets[0])
        ws.title = "检查表 (2)"
        for row in ws.iter_rows(max_row=6):
            for cell in row:
                if cell.value == KF.id:
                    cell.value = "KF-CHK-09"

    path = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", HEADER, second)
    scores = score_paths([path], BY_ID.values())
    assert [(s.sheet, s.status) for s in scores] == [("检查表", "ok"), ("检查表 (2)", "unknown")]
    assert [d.code for d in scores[1].diagnostics] == ["sheet-unknown-checklist"]


def test_a_date_cell_with_a_time_is_the_same_date(tmp_path):
    a = fill(write(KF, tmp_path), best(KF), tmp_path / "a.xlsx", HEADER)
    b = fill(write(KF, tmp_path), best(KF) | {"A1": "×"}, tmp_path / "b.xlsx",
             HEADER | {"date": datetime(2026, 5, 1, 8, 30)})  # fmt: skip
    scores = score_paths([a, b], BY_ID.values())
    assert [s.header["date"] for s in scores] == ["2026-05-01", "2026-05-01"]
    assert [[d.code for d in s.warnings] for s in scores] == [["sheet-same-visit"]] * 2


@needs_office
def test_a_csv_in_a_windows_code_page_says_so(tmp_path):
    from sopkit.checklist.batch import score_file

    book = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", HEADER)
    out = soffice(tmp_path, "csv:Text - txt - csv (StarCalc):44,34,1", book)  # Windows-1252
    assert b"?" in (out / "kf.csv").read_bytes()  # the Chinese text is gone
    sheet = score_file(out / "kf.csv", BY_ID)
    assert (sheet.status, [d.code for d in sheet.errors]) == ("unreadable", ["file-csv-encoding"])
    assert "UTF-8" in sheet.errors[0].hint("zh-CN")


def test_a_folder_of_one_sites_day_names_three_others_and_counts_the_rest(monkeypatch):
    from types import SimpleNamespace

    from sopkit.checklist import sheet as sheet_module
    from sopkit.checklist.sheet import SheetScore, flag_duplicates

    scores = [
        SheetScore(f"s{n}.xlsx", "ok", checklist="KF-CHK-01", result=SimpleNamespace(items=[]),
                   header={"site": "一号楼", "date": "2026-05-01", "inspector": f"张{n}"})
        for n in range(40)
    ]  # fmt: skip
    named = []
    where = sheet_module._where
    monkeypatch.setattr(sheet_module, "_where", lambda s: named.append(s) or where(s))
    flag_duplicates(scores)
    for s in scores:
        [warning] = s.diagnostics
        assert warning.code == "sheet-same-visit"
        others = warning.args["other"].split(", ")
        assert len(others) == 4 and others[3] == "… (+36)" and s.file not in others
    # Each sheet names a few others, never all of them: linear in the size of the folder.
    assert len(named) <= 4 * len(scores)
