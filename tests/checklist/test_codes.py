"""Guards for two checklist codes a deliberate breakage once left unnoticed (issue 8): an
out-of-range answer is ``answer-out-of-range`` at its cell, and a retired checklist's forms
come with a ``checklist-retired`` warning."""

from __future__ import annotations

import shutil

import openpyxl
from typer.testing import CliRunner

from sopkit.cli import app
from tests.checklist.test_scoring import best
from tests.checklist.test_workbook import KF, fill, item_rows, result_of, write
from tests.conftest import SOPS


def test_scale_answer_above_its_points_is_out_of_range_at_its_cell(tmp_path):
    item = next(i for _, i in KF.items() if i.type == "scale")
    form = write(KF, tmp_path, lang="en")
    row = item_rows(openpyxl.load_workbook(form).worksheets[0])[item.id]
    result = result_of(fill(form, best(KF) | {item.id: item.points + 2}))
    found = [(d.code, d.location.cell, d.args["id"]) for d in result.errors]
    assert found == [("answer-out-of-range", f"Checklist!E{row}", item.id)]


def test_retired_checklist_is_written_with_a_warning(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(SOPS, lib)
    path = lib / "checklists" / "XC-CHK-01.yaml"
    path.write_text(path.read_text("utf-8").replace("status: active", "status: retired"), "utf-8")
    result = CliRunner().invoke(
        app, ["checklist", str(lib), "XC-CHK-01", "-o", str(tmp_path / "out"), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert f"{path}: warning[checklist-retired]: " in result.stderr
