"""``.xlsb`` (Excel's binary workbook): a percentage typed into a cell reads as in ``.xlsx``.

python-calamine reads the values of an ``.xlsb`` without their number formats: ``97%``
read 0.97 on a % item (0.97 %, a silent wrong number) and ``100%`` on a count item read one
occurrence. sopkit reads the formats from the binary records (``xlsbformats.py``)."""

from __future__ import annotations

import zipfile
from datetime import datetime

from sopkit.checklist.batch import score_file
from sopkit.checklist.formats import PercentCells
from tests.checklist.test_scoring import best
from tests.checklist.test_workbook import BY_ID, KF, fill, item_rows, write
from tests.tools.xlsb import to_xlsb

HEADER = {"site": "一号楼", "date": datetime(2026, 5, 1), "inspector": "张敏"}


def _typed(cells: dict[str, tuple[float, str]]):
    def edit(wb):
        ws = wb.worksheets[0]
        for item_id, (value, fmt) in cells.items():
            cell = ws.cell(row=item_rows(ws)[item_id], column=5)
            cell.value, cell.number_format = value, fmt

    return edit


def test_97_percent_in_an_xlsb_reads_97(tmp_path):
    edit = _typed({"D4": (0.97, "0%")})
    book = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", HEADER, edit)
    sheet = score_file(to_xlsb(book, tmp_path / "kf.xlsb"), BY_ID)
    d4 = next(i for i in sheet.result.items if i.id == "D4")
    assert (sheet.status, d4.answer, d4.earned, sheet.result.score) == ("ok", "97%", 5, 100)
    assert sheet.header["date"] == "2026-05-01"
    assert sheet.result.to_dict() == score_file(book, BY_ID).result.to_dict()


def test_100_percent_in_an_xlsb_count_item_is_a_wrong_unit(tmp_path):
    edit = _typed({"B1": (1, "0.00%")})  # a custom-free built-in format: 0.00%
    book = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", HEADER, edit)
    sheet = score_file(to_xlsb(book, tmp_path / "kf.xlsb"), BY_ID)
    assert sheet.status == "invalid"
    assert [(d.code, d.args["answer"]) for d in sheet.errors] == [("answer-wrong-unit", "100%")]


def test_a_custom_percent_format_in_an_xlsb_is_a_percentage(tmp_path):
    edit = _typed({"D4": (0.965, '0.0"pts"%')})  # a custom format: 96.5pts%
    book = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", HEADER, edit)
    sheet = score_file(to_xlsb(book, tmp_path / "kf.xlsb"), BY_ID)
    assert next(i.answer for i in sheet.result.items if i.id == "D4") == "96.5%"


def test_a_damaged_xlsb_style_part_is_not_known_not_a_crash(tmp_path):
    edit = _typed({"D4": (0.97, "0%")})
    book = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", HEADER, edit)
    good = to_xlsb(book, tmp_path / "kf.xlsb")
    bad = tmp_path / "bad.xlsb"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data[: len(data) // 2] if name == "xl/styles.bin" else data)
    assert PercentCells(good)("检查表", {"E28", "E9"}) == {"E28"}
    assert PercentCells(bad)("检查表", {"E28", "E9"}) == set()
