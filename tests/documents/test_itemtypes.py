"""The item type registry: a type declared once is validated, printed, read and scored.

A test-only type is registered here and taken through validate → form → filled sheet →
score (and LibreOffice's recalculation of the form) without touching any other module.
The live formulas of every type are pinned by a golden file
(``SOPKIT_UPDATE_GOLDEN=1`` rewrites it).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from sopkit.app import load_library, validate
from sopkit.checklist.batch import score_file
from sopkit.checklist.formulas import item_cells
from sopkit.checklist.writer import checklist_filename, write_checklist
from sopkit.documents.expressions import PER, All, If, Int, Max, Min, P, X
from sopkit.documents.itemtypes import ITEM_TYPES, Answers, ItemType, Validation, register
from sopkit.documents.models.checklist import Item
from sopkit.locale import catalogue
from tests.checklist.test_workbook import fill
from tests.conftest import ROOT, write_tree

GOLDEN = ROOT / "tests" / "golden" / "formulas.json"
UPDATE = os.environ.get("SOPKIT_UPDATE_GOLDEN") == "1"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

STARS = ItemType(
    "stars",
    Answers("number", ("星", "stars"), ((All(X >= 0, X <= 5, X.equals(Int(X))), "§range"),)),
    earned=lambda item: P * X / 5,
    failed=lambda item: X < 3,
    validation=Validation("whole", "between", lambda item: "0", lambda item: "5"),
    prompt=lambda item, lab: "0–5 ★",
    rule=lambda item, lab: "★ × points / 5",
    hint=lambda item: ("manual_hint_scale", {"points": 5}, ""),
)

LIBRARY = {
    "sopkit.yaml": "organization: 测试物业\n",
    "stars.yaml": """\
kind: checklist
id: STAR-01
title: 星级评定
version: "1.0"
effective: 2026-01-01
scoring: {pass: 60}
sections:
  - title: 服务
    items:
      - {id: S1, text: 微笑服务, type: stars, points: 10}
      - {id: S2, text: 仪容仪表, type: stars, points: 10, critical: true}
      - {id: S3, text: 地面清洁, type: check, points: 5}
""",
}


@pytest.fixture
def stars():
    register(STARS)
    try:
        yield STARS
    finally:
        ITEM_TYPES.pop("stars", None)


def test_an_unknown_type_is_an_invalid_choice(tmp_path):
    lib = write_tree(tmp_path / "lib", LIBRARY)
    report = validate(lib, jobs=1)
    assert [d.code for d in report.errors] == ["invalid-choice", "invalid-choice"]


def test_a_registered_type_goes_from_yaml_to_score(stars, tmp_path):
    lib_dir = write_tree(tmp_path / "lib", LIBRARY)
    assert validate(lib_dir, jobs=1).diagnostics == []
    # A field the type does not take is warned about, as for the built-in types.
    extra = LIBRARY["stars.yaml"].replace("points: 10}", "points: 10, per: 2}", 1)
    write_tree(tmp_path / "lib2", {**LIBRARY, "stars.yaml": extra})
    assert [d.code for d in validate(tmp_path / "lib2", jobs=1).diagnostics] == [
        "field-not-for-type"
    ]

    library = load_library(lib_dir, jobs=1)
    checklist = library.get("STAR-01")
    form = write_checklist(checklist, tmp_path / checklist_filename(checklist.id))
    filled = fill(form, {"S1": "4星", "S2": 2, "S3": "合格"}, tmp_path / "filled.xlsx")
    sheet = score_file(filled, {"star-01": checklist})
    assert sheet.status == "ok" and sheet.diagnostics == []
    # 10*4/5 + 10*2/5 + 5 = 17 of 25; S2 (2 stars) is a critical failure.
    assert sheet.result.score == Decimal("68.0")
    assert sheet.result.critical_failed == ["S2"] and sheet.result.passed is False

    wrong = fill(form, {"S1": 6, "S2": "3 stars", "S3": "合格"}, tmp_path / "wrong.xlsx")
    sheet = score_file(wrong, {"star-01": checklist})
    assert sheet.status == "invalid"
    assert [(d.code, d.location.cell) for d in sheet.errors] == [
        ("answer-out-of-range", "检查表!E9")
    ]

    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "lo"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "xlsx", "--outdir", str(out), str(filled)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    grid = CalamineWorkbook.from_path(str(out / "filled.xlsx")).get_sheet_by_index(0).to_python()
    lab = catalogue("zh-CN").LABELS
    values = {row[4]: row[5] for row in grid if len(row) > 5 and isinstance(row[4], str)}
    assert values[lab["sheet.score"]] == pytest.approx(68.0)
    assert values[lab["sheet.verdict"]] == lab["sheet.verdict_fail"]


# --- golden formulas -------------------------------------------------------------------


def _examples() -> dict[str, Item]:
    return {
        "check": Item(id="A1", text="t", type="check", points=5, critical=True),
        "scale": Item(id="A2", text="t", type="scale", points=10, critical=True),
        "count": Item(id="A3", text="t", type="count", points=10, per=2.5, critical=True),
        "measure": Item(
            id="A4",
            text="t",
            type="measure",
            unit="米",
            target={"min": 3, "max": 5},
            points=5,
            critical=True,
        ),
        "measure-min": Item(
            id="A5", text="t", type="measure", unit="%", target={"min": 95}, points=5
        ),
        "info": Item(id="A6", text="t", type="info"),
    }


def _formulas(item: Item) -> dict[str, object]:
    cells = item_cells(item, 9, catalogue("zh-CN").LABELS, '"合格,不合格,不适用"')
    rule = {k: v for k, v in cells.validation[1].items() if k not in ("prompt", "error")}
    return {"score": cells.score, **dict(sorted(cells.helpers.items())), "validation": rule}


def test_golden_formulas_per_item_type():
    found = {name: _formulas(item) for name, item in _examples().items()}
    assert set(ITEM_TYPES) <= {name.split("-")[0] for name in found}, "add the new type here"
    if UPDATE:
        GOLDEN.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert found == json.loads(GOLDEN.read_text("utf-8"))


@pytest.mark.parametrize(
    ("expr", "text", "value"),
    [
        (P - Min(X * PER, P), "D9-MIN(K9*2,D9)", Decimal(6)),
        (Min(Max(X, 0), P), "MIN(MAX(K9,0),D9)", Decimal(2)),
        (If(X >= 1, P, 0), "IF(K9>=1,D9,0)", Decimal(10)),
        (P * X / 5, "D9*K9/5", Decimal(4)),
        ((P - X) * 2, "(D9-K9)*2", Decimal(16)),
        (P - (X - 1), "D9-(K9-1)", Decimal(9)),
        (P / (X * 2), "D9/(K9*2)", Decimal("2.5")),
    ],
)
def test_one_expression_two_evaluations(expr, text, value):
    """The formula text and the Python value of a rule come from the same expression."""
    assert expr.excel({"x": "K9", "points": "D9", "per": "2"}) == text
    assert expr.evaluate({"x": Decimal(2), "points": Decimal(10), "per": Decimal(2)}) == value
