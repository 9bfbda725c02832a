"""Recording sheets as inspectors send them (issue 10 in the results store, issue 11).

Real forms written by ``sopkit checklist``'s writer and filled as a user's app would: a
workbook holding two visits, a row the inspector added, a copy, a draft's sheet, a PDF scan,
a form printed from an older version. ``sopkit record`` says what ``sopkit score`` says about
each, stores every inspection with its sheet, and keeps the excluded ones out of the figures.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from sopkit.app import load_library
from sopkit.documents.fingerprint import stored
from sopkit.results.store import open_store
from sopkit.results.tables import actions, added, inspections
from tests.checklist.test_inbox import _added_row, _git, _row_of, _second_visit
from tests.checklist.test_scoring import FROZEN, best
from tests.checklist.test_workbook import KF, XC, fill, write
from tests.results.results_quarter import fresh_store
from tests.results.test_results import run

HEADER = {"site": "一号楼", "date": datetime(2026, 5, 4), "inspector": "周检"}
TODAY = "2026-05-08"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    with fresh_store(request.param, tmp_path) as url:
        yield url


def _record(db: str, *inputs: Path, lib: Path = FROZEN, code: int = 0) -> dict:
    got, out = run("record", *map(str, inputs), "--lib", str(lib), "--db", db, "-f", "json")
    assert got == code, out
    return json.loads(out)


def _report(db: str, lib: Path = FROZEN) -> dict:
    got, out = run("report", "--lib", str(lib), "--db", db, "--format", "json", "--today", TODAY)
    assert got == 0, out
    return json.loads(out)


def _rows(db: str, query) -> list:
    engine = open_store(db)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(query)]
    finally:
        engine.dispose()


def test_every_inspection_in_a_workbook_is_recorded_with_its_sheet(db, tmp_path):
    edit = _second_visit({"A1": "×"})
    path = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", header=HEADER, edit=edit)
    data = _record(db, path)
    assert data["recorded"] == 2
    assert [(f["file"], f["sheet"], f["state"]) for f in data["files"]] == [
        (str(path), "检查表", "recorded"),  # the sheet in its own field, not in the file's name
        (str(path), "检查表 (2)", "recorded"),
    ]
    stored = _rows(db, select(inspections.c.sheet, inspections.c.score).order_by("sheet"))
    assert stored == [("检查表", 100), ("检查表 (2)", 95)]
    [action] = _report(db)["actions"]  # A1 failed on the second visit
    assert (action["item"], action["file"], action["sheet"]) == ("A1", str(path), "检查表 (2)")
    again = _record(db, path)  # the same two inspections: nothing added
    assert (again["recorded"], again["duplicates"]) == (0, 2)


def test_an_added_finding_is_stored_reported_and_an_action_to_close_by_hand(db, tmp_path):
    edit = _added_row("大厅地面湿滑,未放警示牌", "不合格", "已口头提醒")
    path = fill(write(KF, tmp_path), best(KF), tmp_path / "kf.xlsx", header=HEADER, edit=edit)
    row = _row_of(write(KF, tmp_path / "blank"), "A2") + 1
    cell = f"检查表!B{row}"
    data = _record(db, path)
    assert data["recorded"] == 1 and data["actions_opened"] == 1
    assert "sheet-added-rows" in [d["code"] for d in data["diagnostics"]]
    assert _rows(db, select(added.c.cell, added.c.text, added.c.answer, added.c.remarks)) == [
        (cell, "大厅地面湿滑,未放警示牌", "不合格", "已口头提醒")
    ]
    assert _rows(db, select(inspections.c.score)) == [(100,)]  # not part of the score
    report = _report(db)
    [finding] = report["added"]
    assert (finding["cell"], finding["text"], finding["sheet"], finding["date"]) == (
        cell, "大厅地面湿滑,未放警示牌", "检查表", "2026-05-04"
    )  # fmt: skip
    [action] = report["actions"]
    assert (action["item"], action["status"], action["text"]) == (
        cell, "open", "大厅地面湿滑,未放警示牌 (不合格)"
    )  # fmt: skip
    out = tmp_path / "r.html"
    code, msg = run("report", "--lib", str(FROZEN), "--db", db, "-o", str(out), "--today", TODAY)
    assert code == 0, msg
    html = out.read_text("utf-8")
    assert cell in html and html.count("大厅地面湿滑") == 2  # the finding and its action

    book = tmp_path / "r.xlsx"
    code, msg = run("report", "--lib", str(FROZEN), "--db", db, "-o", str(book), "--today", TODAY)
    assert code == 0, msg
    wb = CalamineWorkbook.from_path(str(book))
    rows = [r for name in wb.sheet_names for r in wb.get_sheet_by_name(name).to_python()]
    assert [cell, "大厅地面湿滑,未放警示牌", "不合格"] in [r[5:8] for r in rows]

    notice = tmp_path / "notice.xlsx"
    code, msg = run("actions", "export", "--site", "一号楼", "-o", str(notice),
                    "--lib", str(FROZEN), "--db", db, "--today", TODAY)  # fmt: skip
    assert code == 0, msg
    table = CalamineWorkbook.from_path(str(notice)).get_sheet_by_index(0).to_python()
    assert any(cell in r and "大厅地面湿滑,未放警示牌 (不合格)" in r for r in table)
    code, msg = run("actions", "close", str(action["id"]), "--by", "张敏", "--note", "已放警示牌",
                    "--lib", str(FROZEN), "--db", db)  # fmt: skip
    assert code == 0, msg
    assert [a["status"] for a in _report(db)["actions"]] == ["closed"]


def test_statuses_of_score_are_those_of_record(db, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first = fill(write(KF, tmp_path), best(KF) | {"A1": "×"}, inbox / "a.xlsx", header=HEADER)
    shutil.copy(first, inbox / "a - 副本.xlsx")
    (inbox / "扫描件.pdf").write_bytes(b"%PDF-1.4 not a workbook")
    lib = tmp_path / "lib"
    shutil.copytree(FROZEN, lib)
    text = (lib / "XC-CHK-01.yaml").read_text("utf-8")
    (lib / "XC-CHK-01.yaml").write_text(text.replace("\nversion:", "\nstatus: retired\nversion:"),
                                        "utf-8")  # fmt: skip
    fill(write(XC, tmp_path / "r"), best(XC) | {"A1": "×"}, inbox / "b.xlsx", header=HEADER)
    data = _record(db, inbox, lib=lib)
    states = {Path(f["file"]).name: f["state"] for f in data["files"]}
    assert states == {"a.xlsx": "recorded", "a - 副本.xlsx": "duplicate", "b.xlsx": "recorded",
                      "扫描件.pdf": "skipped"}  # fmt: skip
    codes = {(Path(d["file"]).name, d["code"]) for d in data["diagnostics"]}
    assert {("a - 副本.xlsx", "sheet-duplicate"), ("扫描件.pdf", "file-skipped"),
            ("b.xlsx", "sheet-checklist-retired")} <= codes  # fmt: skip
    assert not any(c == "record-duplicate" for _, c in codes)  # said once, as score says it
    assert (data["recorded"], data["duplicates"], data["skipped"]) == (2, 1, 1)
    code, text = run("record", str(inbox), "--lib", str(lib), "--db", db, "--lang", "en")
    assert code == 0, text  # again: both stored already; the text names what score names
    assert "扫描件.pdf: warning[file-skipped]" in text and "sheet-checklist-retired" in text
    assert "0 recorded, 3 duplicate(s), 0 not recorded, 1 skipped" in text
    # of a retired checklist: stored, out of every figure and opening no action
    assert sorted(_rows(db, select(inspections.c.draft))) == [(False,), (True,)]
    report = _report(db, lib)
    assert [p["inspections"] for p in report["periods"]] == [1]
    assert _rows(db, select(actions.c.checklist, actions.c.item)) == [("KF-CHK-01", "A1")]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_form_of_an_older_version_is_recorded_with_that_version(db, tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(FROZEN, lib)
    _git(lib, "init", "-q")
    _git(lib, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    _git(lib, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "2.0")
    (tmp_path / "in").mkdir()
    path = fill(write(KF, tmp_path / "forms"), best(KF) | {"A1": "×"}, tmp_path / "in" / "kf.xlsx",
                header=HEADER)  # fmt: skip
    text = (lib / "KF-CHK-01.yaml").read_text("utf-8")
    newer = text.replace('version: "2.0"', 'version: "2.1"', 1).replace("points: 5", "points: 6", 1)
    (lib / "KF-CHK-01.yaml").write_text(newer, "utf-8")
    data = _record(db, path, lib=lib)
    assert data["recorded"] == 1
    assert "sheet-older-version" in [d["code"] for d in data["diagnostics"]]
    assert _rows(db, select(inspections.c.version, inspections.c.score)) == [("2.0", 95)]
    # the fingerprint of 2.0, the version the form was made from, not of the library's 2.1
    [(fp,)] = _rows(db, select(inspections.c.fingerprint))
    assert fp == stored(KF) != stored(load_library(lib).get("KF-CHK-01"))

    shutil.rmtree(lib / ".git")  # no history: outdated, not recorded by 2.1's rules
    other = fill(path, best(KF), tmp_path / "in" / "kf2.xlsx", header=HEADER)
    data = _record(db, other, lib=lib, code=1)
    assert data["not_recorded"] == 1
    assert [d["code"] for d in data["diagnostics"] if d["severity"] == "error"] == [
        "sheet-outdated"
    ]
