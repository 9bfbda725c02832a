"""The one use of openpyxl's private attributes, pinned to supported versions."""

from __future__ import annotations

import tomllib
from importlib.metadata import version

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from packaging.requirements import Requirement

from sopkit.checklist.cells import fast_cells
from tests.conftest import ROOT


def _openpyxl_requirement() -> Requirement:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = [Requirement(d) for d in project["dependencies"] if d.startswith("openpyxl")]
    assert len(found) == 1
    return found[0]


def test_openpyxl_range_is_bounded_and_installed():
    """``fast_cells`` relies on ``Cell._style`` and ``Worksheet._cells``: a new openpyxl
    minor version must be tried (this file) before the range in pyproject.toml is widened."""
    spec = _openpyxl_requirement().specifier
    assert any(s.operator == "<" for s in spec), "openpyxl needs an upper bound"
    assert version("openpyxl") in spec


def test_fast_cells_match_the_public_api():
    thin = Side(style="thin", color="808080")
    attributes = {
        "font": Font(bold=True),
        "fill": PatternFill("solid", fgColor="FFF9E5"),
        "alignment": Alignment(wrap_text=True, vertical="top"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "number_format": "0.0#",
        "protection": Protection(locked=False),
    }
    slow = Workbook().active
    public = slow.cell(row=3, column=2)
    for name, value in attributes.items():
        setattr(public, name, value)
    public.value = "合格"

    ws = Workbook().active
    style_of, place = fast_cells(ws)
    style = style_of(**attributes)
    cell = place(3, 2, style)
    cell.value = "合格"
    assert ws["B3"] is cell and ws.max_row == 3 and ws.max_column == 2
    for name, value in attributes.items():
        assert getattr(cell, name) == value, name
        assert getattr(public, name) == value, name
    # A second cell of the same style shares its values but not its style array.
    other = place(4, 2, style)
    other.font = Font(italic=True)
    assert cell.font == attributes["font"] and other.number_format == "0.0#"
