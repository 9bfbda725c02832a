"""A column inserted in the form's header (site, date, inspector at the top), as inspectors
do in Excel and LibreOffice: the values moved away from their labels are still read, and
sopkit says from which cell (``sheet-header-moved``), never a field blank in silence."""

from __future__ import annotations

import subprocess
from datetime import datetime

import pytest

from sopkit.checklist.batch import score_file
from tests.checklist.test_inbox import LO_TYPE, UNO_PYTHON, _has_uno
from tests.checklist.test_scoring import best
from tests.checklist.test_workbook import BY_ID, KF, fill, write

HEADER = {"site": "一号楼", "date": datetime(2026, 5, 1), "inspector": "张敏"}
READ = {"site": "一号楼", "date": "2026-05-01", "inspector": "张敏", "inspected": None}


def _moved(sheet) -> list[tuple[str, str, str]]:
    return [
        (d.location.cell, d.args["label"], d.args["empty"])
        for d in sheet.warnings
        if d.code == "sheet-header-moved"
    ]


@pytest.mark.skipif(not _has_uno(), reason="LibreOffice with Python (uno) is not installed")
@pytest.mark.parametrize(
    ("edit", "moved"),
    [
        ("INSERTCOL=B", [("C3", "文件编号", "B3"), ("C4", "站点", "B4"), ("C5", "检查人", "B5")]),
        ("INSERTCOL=D", [("E3", "版本", "D3"), ("E4", "检查日期", "D4")]),
        ("SHIFTRIGHT=B4", [("C4", "站点", "B4")]),  # Insert Cells… › Shift cells right
        ("INSERTCOL=A", []),  # labels and values move together
        ("INSERT=4", []),  # a row inserted in the header
    ],
)
def test_a_column_inserted_in_the_header_in_libreoffice(edit, moved, tmp_path):
    src = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", HEADER)
    edited = tmp_path / "edited.xlsx"
    subprocess.run(
        [UNO_PYTHON, str(LO_TYPE), str(src), str(edited), (tmp_path / "profile").as_uri(), edit],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    sheet = score_file(edited, BY_ID)
    assert (sheet.status, sheet.result.score, sheet.header) == ("ok", 100, READ)
    assert _moved(sheet) == [(f"检查表!{c}", label, f"检查表!{e}") for c, label, e in moved]


def test_a_column_inserted_in_the_header_reads_the_moved_values(tmp_path):
    def insert(wb):  # openpyxl moves the values as a spreadsheet app does (not the merges)
        wb.worksheets[0].insert_cols(2)

    sheet = score_file(fill(write(KF, tmp_path), best(KF), None, HEADER, insert), BY_ID)
    assert sheet.header == READ  # the site and the inspector read blank before
    assert [c for c, _, _ in _moved(sheet)] == ["检查表!C3", "检查表!C4", "检查表!C5"]
    warning = next(d for d in sheet.warnings if d.location.cell == "检查表!C4")
    assert "站点" in warning.message("en") and "检查表!B4" in warning.message("en")
    assert "站点" in warning.message("zh-CN")


def test_blank_header_fields_stay_blank_and_say_nothing(tmp_path):
    # Nothing typed: the cell right of 站点 is empty and the next cell is 检查日期, a label.
    sheet = score_file(fill(write(KF, tmp_path), best(KF)), BY_ID)
    assert sheet.header == dict.fromkeys(READ)
    assert _moved(sheet) == []


def test_a_label_outside_the_header_read_is_no_moved_field():
    from sopkit.checklist.reader import parse_grid

    # A sheet whose table labels were deleted (read by its hidden sheet's columns): its
    # header is not read, so "Site" typed with a value further right says nothing.
    no_table = parse_grid([["Site", None, "Plant 1"], ["A1", "x", None, 1, "Pass"]], "S",
                          {"checklist": ["KF"]})  # fmt: skip
    assert (no_table.header["site"], no_table.moved) == (None, [])
    # "Date" typed in the table's own label row: that row's fields are not read either.
    grid = [["Document No.", "KF"], ["Site", None, "P"],
            ["ID", "Item", "Standard", "Points", "Result", "Date", None, "x"]]  # fmt: skip
    filled = parse_grid(grid, "S", None)
    assert (filled.header["site"], filled.header["date"]) == ("P", None)
    assert filled.moved == [("Site", "S!B2", "S!C2")]
