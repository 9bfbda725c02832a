"""A real spreadsheet application in the loop: forms saved again by LibreOffice Calc.

sopkit writes → answers are typed in (openpyxl) → LibreOffice opens and saves the file
(as .xlsx, .ods, .xls and .csv) → sopkit scores it exactly as the file it wrote. LibreOffice
also recalculates the form's own formulas on the way, so its live total and verdict are
checked against sopkit's score. CI installs LibreOffice (``.ci/run``).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from sopkit.checklist.batch import score_file
from sopkit.checklist.meta import META_SHEET
from sopkit.checklist.reader import read_filled
from sopkit.locale import catalogue
from tests.checklist.test_scoring import best, score
from tests.checklist.test_workbook import AC, BY_ID, KF, XC, fill, mixed, write

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui; CI has it)",
)

CASES = {
    "xc-mixed": (XC, "zh-CN", mixed(XC)),
    "xc-best": (XC, "en", best(XC)),
    "xc-weighted": (XC, "zh-CN", best(XC) | {"A3": 5, "C1": "不适用", "C2": "N/A", "C3": "na",
                                              "C4": "不适用"}),
    "kf-mixed": (KF, "en", mixed(KF)),
    "kf-critical": (KF, "zh-CN", best(KF) | {"D2": 1, "B1": 3}),
    "ac-mixed": (AC, "zh-CN", mixed(AC)),
    "ac-zero": (AC, "en", best(AC) | {"S2": "×"}),
    "ac-missing": (AC, "zh-CN", {k: v for k, v in best(AC).items() if k not in ("R1", "S5")}),
    # numbers with units, and x for a failure: the form's formulas understand them too
    "kf-units": (KF, "zh-CN", best(KF) | {"A1": "x", "A3": "3人次", "B1": "1次", "B4": "2分",
                                          "D4": "９６％"}),
    "ac-units": (AC, "en", best(AC) | {"S4": "２５ 分钟", "Y2": "5次", "S5": "8 pts",
                                       "Y4": "0 times"}),
    # blank forms (an info item alone does not count): no score, verdict or grade
    "kf-blank": (KF, "zh-CN", {}),
    "xc-blank": (XC, "en", {"A0": "3人"}),
}  # fmt: skip


def soffice(args: list[str], profile: Path, cwd: Path) -> None:
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         *args],
        cwd=cwd, check=True, capture_output=True, timeout=240,
    )  # fmt: skip


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, Path]:
    """Every case filled by openpyxl, then saved by LibreOffice in each format."""
    root = tmp_path_factory.mktemp("lo")
    profile = root / "profile"  # a private profile: parallel runs do not share a lock
    filled = root / "filled"
    filled.mkdir()
    for name, (checklist, lang, raw) in CASES.items():
        src = write(checklist, root / "forms" / name, lang=lang, site="一号楼")
        header = {"inspector": "张敏", "date": datetime(2026, 5, 1)}
        fill(src, raw, filled / f"{name}.xlsx", header=header)
    files = sorted(str(p) for p in filled.iterdir())
    out = {}
    for fmt, filt in (("xlsx", "xlsx"), ("ods", "ods"), ("xls", "xls"),
                      ("csv", "csv:Text - txt - csv (StarCalc):44,34,76")):  # fmt: skip
        soffice(["--convert-to", filt, "--outdir", str(root / fmt), *files], profile, root)
        out[fmt] = root / fmt
    out["filled"] = filled
    out["root"] = root
    out["profile"] = profile
    return out


def _summary_value(path: Path, label_key: str, lang: str):
    """The value LibreOffice computed for a summary formula (the cell right of its label)."""
    label = catalogue(lang).LABELS[label_key]
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    for row in grid:
        if len(row) > 5 and row[4] == label:
            return row[5]
    raise AssertionError(f"no {label!r} line in {path}")


@pytest.mark.parametrize("case", sorted(CASES))
def test_saved_by_libreoffice_scores_like_the_written_file(saved, case):
    original = score_file(saved["filled"] / f"{case}.xlsx", BY_ID)
    again = score_file(saved["xlsx"] / f"{case}.xlsx", BY_ID)
    assert again.result.to_dict() == original.result.to_dict()
    assert again.header == original.header == {
        "site": "一号楼", "date": "2026-05-01", "inspector": "张敏", "inspected": None,
    }  # fmt: skip
    assert [d.code for d in again.diagnostics] == [d.code for d in original.diagnostics]
    checklist, _, raw = CASES[case]
    assert again.result.to_dict() == score(checklist, raw).to_dict()


def test_libreoffice_makes_the_meta_sheet_merely_hidden(saved):
    book = CalamineWorkbook.from_path(str(saved["xlsx"] / "kf-mixed.xlsx"))
    meta = {m.name: str(m.visible) for m in book.sheets_metadata}
    assert meta[META_SHEET].endswith("Hidden") and not meta[META_SHEET].endswith("VeryHidden")
    assert read_filled(saved["xlsx"] / "kf-mixed.xlsx").has_meta


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_forms_own_formulas_agree_with_sopkit(saved, case):
    checklist, lang, raw = CASES[case]
    path = saved["xlsx"] / f"{case}.xlsx"
    result = score(checklist, raw)
    lab = catalogue(lang).LABELS
    verdict = _summary_value(path, "sheet.verdict", lang)
    if result.unfilled:
        keys = ["sheet.score", "sheet.verdict"]
        keys += ["sheet.percentage"] * (checklist.scoring.method == "deduct")
        keys += ["sheet.grade"] * bool(checklist.scoring.grades)
        assert {key: _summary_value(path, key, lang) for key in keys} == dict.fromkeys(keys, "")
        return
    if result.status == "incomplete":
        assert verdict == lab["sheet.verdict_incomplete"]
        return
    assert _summary_value(path, "sheet.score", lang) == pytest.approx(float(result.score))
    assert verdict == lab["sheet.verdict_pass" if result.passed else "sheet.verdict_fail"]
    if result.grade:
        assert _summary_value(path, "sheet.grade", lang) == result.grade


@pytest.mark.parametrize("fmt", ["ods", "xls"])
@pytest.mark.parametrize("case", ["xc-mixed", "kf-mixed", "ac-zero"])
def test_ods_and_xls_are_scored_too(saved, case, fmt):
    checklist, _, raw = CASES[case]
    result = score_file(saved[fmt] / f"{case}.{fmt}", BY_ID)
    assert result.result.to_dict() == score(checklist, raw).to_dict()
    assert result.diagnostics == []


def test_csv_export_of_the_form_is_scored_with_a_warning(saved):
    checklist, _, raw = CASES["kf-mixed"]
    result = score_file(saved["csv"] / "kf-mixed.csv", BY_ID)
    assert result.result.to_dict() == score(checklist, raw).to_dict()
    assert [d.code for d in result.diagnostics] == ["sheet-meta-missing"]
