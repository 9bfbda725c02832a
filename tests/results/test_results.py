"""The inspection history: record a generated quarter, then check what a supervisor reads.

Every store test runs against SQLite and a real PostgreSQL server (``.ci/run`` starts one;
locally the PostgreSQL cases skip unless ``SOPKIT_TEST_POSTGRES_URL`` is set).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import subprocess
import sys
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from sopkit.app import load_library
from sopkit.cli import app
from sopkit.results.queries import Filters
from sopkit.results.report import build_report
from sopkit.results.sites import SiteIndex
from sopkit.results.store import open_store, schema_revision
from sopkit.results.tables import actions, added, inspections, items
from tests.conftest import ROOT
from tests.results.results_quarter import TODAY, fresh_store, make_quarter

KINDS = ["sqlite", "postgresql"]
V1_STORE = ROOT / "tests" / "data" / "results-v1.sqlite"


@pytest.fixture(scope="module")
def quarter(tmp_path_factory) -> tuple[Path, Path]:
    return make_quarter(tmp_path_factory.mktemp("quarter"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def record(lib: Path, db: str, *inputs: str) -> dict:
    code, out = run("record", *inputs, "--lib", str(lib), "--db", db, "--format", "json")
    assert code == 0, out
    return json.loads(out)


def report(lib: Path, db: str, *options: str) -> dict:
    code, out = run("report", "--lib", str(lib), "--db", db, "--format", "json",
                    "--today", TODAY, *options)  # fmt: skip
    assert code == 0, out
    return json.loads(out)


def count(db: str, table) -> int:
    engine = open_store(db)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar()
    finally:
        engine.dispose()


def scored_independently(inbox: Path, lib: Path) -> list[dict]:
    """What ``sopkit score --format json`` says about each sheet: the reference figures."""
    code, out = run("score", str(inbox), "--lib", str(lib), "--format", "json")
    assert code == 0, out
    return json.loads(out)


@pytest.fixture(params=KINDS)
def kind(request) -> str:
    return request.param


def test_a_quarter_reads_as_it_happened(quarter, kind, tmp_path):
    lib, inbox = quarter
    with fresh_store(kind, tmp_path) as db:
        outcome = record(lib, db, str(inbox))
        assert (outcome["recorded"], outcome["duplicates"], outcome["not_recorded"]) == (17, 1, 0)
        data = report(lib, db)
    rows = {(p["site"], p["period"]): p for p in data["periods"]}
    assert {p["checklist"] for p in data["periods"]} == {"XC-CHK-01"}  # the draft stays out
    assert {s for s, _ in rows} == {"BJ1", "HX2", "QS3"}  # four spellings, one site
    # BJ1 gets worse, HX2 improves: the change against the month before says so
    assert rows[("BJ1", "2026-05")]["change"] < 0 and rows[("BJ1", "2026-06")]["change"] < 0
    assert rows[("HX2", "2026-05")]["change"] > 0 and rows[("HX2", "2026-06")]["change"] > 0
    assert rows[("BJ1", "2026-04")]["change"] is None  # no March
    # the duplicate is not counted twice
    assert rows[("BJ1", "2026-04")]["inspections"] == 2
    # QS3 sent nothing in May: missing, and no May row; its June change has no May to compare
    assert ("QS3", "2026-05") not in rows and rows[("QS3", "2026-06")]["change"] is None
    assert data["missing"] == [
        {"site": "QS3", "checklist": "XC-CHK-01", "period": "2026-05", "expected": 2,
         "received": 0}
    ]  # fmt: skip
    # June: HX2 and QS3 had no failure, BJ1 three: BJ1 ranks last
    june = sorted((p for p in data["periods"] if p["period"] == "2026-06"), key=lambda p: p["rank"])
    assert june[-1]["site"] == "BJ1" and june[0]["rank"] == june[1]["rank"] == 1


def test_the_figures_are_those_of_sopkit_score(quarter, kind, tmp_path):
    """Means (1 decimal, half up, never across checklists), pass rates and item rates equal
    what one computes from ``sopkit score --format json`` of the same (unique) sheets."""
    lib, inbox = quarter
    sheets = [s for s in scored_independently(inbox, lib)
              if s["checklist"] == "XC-CHK-01" and "copy of" not in s["file"]]  # fmt: skip
    by_site_month = defaultdict(list)
    spell = {"滨江壹号": "BJ1", "滨江1号": "BJ1", "滨江一号": "BJ1", "BJ1": "BJ1", "bj1": "BJ1",
             "海棠湾": "HX2", "青山苑": "QS3"}  # fmt: skip
    for s in sheets:
        by_site_month[(spell[s["header"]["site"]], s["header"]["date"][:7])].append(s)
    with fresh_store(kind, tmp_path) as db:
        record(lib, db, str(inbox))
        data = report(lib, db)
    for p in data["periods"]:
        group = by_site_month[(p["site"], p["period"])]
        total = sum(Decimal(str(s["score"])) for s in group)
        mean = (total / len(group)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        assert p["mean"] == float(mean) and p["inspections"] == len(group)
        assert p["pass_rate"] == round(sum(s["passed"] for s in group) / len(group), 3)
    a1 = next(i for i in data["items"] if i["item"] == "A1")
    failures = sum(1 for s in sheets for i in s["items"] if i["id"] == "A1" and i["failed"])
    assert (a1["failures"], a1["answered"]) == (failures, len(sheets))
    assert a1["step"] == "XC-SOP-01#gloves" and a1["step_number"] and a1["roles"]
    assert data["items"][0]["rate"] >= data["items"][1]["rate"]  # most failed first
    retrain = {r["role"]: r["items"] for r in data["roles"]}
    assert all(any(i["item"] == "A1" for i in retrain[role]) for role in a1["roles"])


def test_recurring_failures_and_corrective_actions(quarter, kind, tmp_path):
    lib, inbox = quarter
    with fresh_store(kind, tmp_path) as db:
        record(lib, db, str(inbox))
        data = report(lib, db)
        runs = {(r["site"], r["item"]): r for r in data["recurring"]}
        assert runs[("BJ1", "A1")]["streak"] == 5
        assert runs[("BJ1", "A1")]["first"] == "2026-04-17"
        assert ("HX2", "A2") not in runs  # two failures are not three
        assert runs[("HX2", "B3")]["streak"] == 3
        shorter = report(lib, db, "--recurring", "2")["recurring"]
        assert any(r["site"] == "HX2" and r["item"] == "A2" for r in shorter)
        acts = {(a["site"], a["item"]): a for a in data["actions"]}
        # HX2's A2 failed on 04-05 and passed on 05-08: closed by that inspection
        assert acts[("HX2", "A2")]["status"] == "closed"
        assert acts[("HX2", "A2")]["closed_on"] == "2026-05-08"
        # BJ1's A1 never passed again: overdue on TODAY, owned by the site's manager
        bj1 = acts[("BJ1", "A1")]
        assert (bj1["status"], bj1["owner"], bj1["found"], bj1["due"]) == (
            "overdue",
            "张敏",
            "2026-04-17",
            "2026-04-24",
        )
        # one open action per site and item, however often it fails again
        assert sum(1 for a in data["actions"] if a["site"] == "BJ1" and a["item"] == "A1") == 1
        summary = {s["site"]: s for s in data["action_summary"]}
        assert summary["BJ1"]["overdue"] == 3 and summary["HX2"]["open"] == 0
        code, out = run("actions", "--lib", str(lib), "--db", db, "--overdue", "--site", "BJ1",
                        "--today", TODAY, "-f", "json")  # fmt: skip
        assert code == 0 and {a["item"] for a in json.loads(out)} == {"A1", "B3", "C3"}
        code, out = run("actions", "close", str(bj1["id"]), "--by", "张敏", "--note", "已培训",
                        "--lib", str(lib), "--db", db, "--date", "2026-07-02")  # fmt: skip
        assert code == 0, out
        after = {a["id"]: a for a in report(lib, db)["actions"]}[bj1["id"]]
        assert (after["status"], after["closed_by"], after["note"]) == ("closed", "张敏", "已培训")
        code, out = run("actions", "close", str(bj1["id"]), "--by", "x", "--lib", str(lib),
                        "--db", db)  # fmt: skip
        assert code == 1 and "already closed" in out


def test_filters_and_weeks(quarter, kind, tmp_path):
    lib, inbox = quarter
    with fresh_store(kind, tmp_path) as db:
        record(lib, db, str(inbox))
        data = report(lib, db, "--from", "2026-05-01", "--to", "2026-05-31", "--site", "HX2",
                      "--period", "week")  # fmt: skip
    assert {p["site"] for p in data["periods"]} == {"HX2"}
    assert [p["period"] for p in data["periods"]] == ["2026-W19", "2026-W21"]
    assert all(a["site"] == "HX2" for a in data["actions"])


def test_recording_again_adds_nothing(quarter, kind, tmp_path):
    lib, inbox = quarter
    with fresh_store(kind, tmp_path) as db:
        record(lib, db, str(inbox))
        before = count(db, items), count(db, actions)
        again = record(lib, db, str(inbox))
        assert again["recorded"] == 0 and again["duplicates"] == 18
        assert (count(db, items), count(db, actions)) == before
        assert count(db, inspections) == 17


def test_a_failed_batch_leaves_the_store_as_it_was(quarter, kind, tmp_path):
    """The store refuses the batch's last statement (a trigger standing in for a full
    disk): nothing of the batch stays, and sopkit exits 2 with one line."""
    lib, inbox = quarter
    with fresh_store(kind, tmp_path) as db:
        first = sorted(inbox.glob("0*.xlsx"))[:3]
        record(lib, db, *map(str, first))
        engine = open_store(db)
        with engine.begin() as conn:
            if kind == "sqlite":
                conn.execute(text("CREATE TRIGGER disk_full BEFORE INSERT ON actions "
                                  "BEGIN SELECT RAISE(ABORT, 'disk full'); END"))  # fmt: skip
            else:
                conn.execute(
                    text(
                        "CREATE FUNCTION disk_full() RETURNS trigger AS $$ BEGIN "
                        "RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql"
                    )
                )
                conn.execute(text("CREATE TRIGGER disk_full BEFORE INSERT ON actions "
                                  "FOR EACH ROW EXECUTE FUNCTION disk_full()"))  # fmt: skip
        engine.dispose()
        before = count(db, inspections), count(db, items), count(db, actions)
        code, out = run("record", str(inbox), "--lib", str(lib), "--db", db)
        assert code == 2 and "nothing was stored" in out and "disk full" in out
        assert "Traceback" not in out
        assert (count(db, inspections), count(db, items), count(db, actions)) == before


def test_two_processes_recording_at_once_lose_nothing(quarter, kind, tmp_path):
    """Two supervisors record overlapping batches into one store at the same moment."""
    lib, inbox = quarter
    files = sorted(inbox.glob("*.xlsx"))
    halves = [files[: len(files) // 2 + 3], files[len(files) // 2 - 3 :]]  # 6 in both
    with fresh_store(kind, tmp_path) as db:
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "sopkit",
                    "record",
                    *map(str, half),
                    "--lib",
                    str(lib),
                    "--db",
                    db,
                    "--format",
                    "json",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for half in halves
        ]
        outs = [p.communicate(timeout=300) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        recorded = sum(json.loads(o)["recorded"] for o, _ in outs)
        assert recorded == count(db, inspections) == 17
        with fresh_store("sqlite", tmp_path) as alone:
            record(lib, alone, str(inbox))
            assert count(db, items) == count(alone, items)
        data = report(lib, db)
        assert sum(p["inspections"] for p in data["periods"]) == 16  # the draft stays out


def test_an_unreachable_store_exits_2_with_the_reason(quarter, tmp_path):
    lib, inbox = quarter
    code, out = run("record", str(inbox), "--lib", str(lib), "--db",
                    "postgresql://nobody:secret@127.0.0.1:1/none")  # fmt: skip
    assert code == 2 and out.count("\n") == 1 and "Traceback" not in out
    assert "127.0.0.1" in out and "secret" not in out
    code, out = run("report", "--lib", str(lib), "--db", str(tmp_path / "no" / "r.sqlite"),
                    "--format", "json")  # fmt: skip
    assert code == 2 and "does not exist" in out


def test_the_default_store_is_in_the_library_or_where_sopkit_yaml_says(quarter, tmp_path):
    lib, inbox = quarter
    mine = tmp_path / "lib"
    shutil.copytree(lib, mine)
    code, out = run("record", str(inbox / "00-2026-04-03.xlsx"), "--lib", str(mine))
    assert code == 0, out
    assert (mine / "results.sqlite").is_file()
    config = mine / "sopkit.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "results: store/h.sqlite\n",
                      encoding="utf-8")  # fmt: skip
    (mine / "store").mkdir()
    code, out = run("record", str(inbox / "00-2026-04-03.xlsx"), "--lib", str(mine))
    assert code == 0, out
    assert (mine / "store" / "h.sqlite").is_file()


def test_a_store_of_the_first_schema_upgrades_in_place(tmp_path):
    """tests/data/results-v1.sqlite was written by the first released schema (0001):
    opening it upgrades it, keeps every inspection and opens actions for old failures."""
    store = tmp_path / "old.sqlite"
    shutil.copy(V1_STORE, store)
    with sqlite3.connect(store) as conn:
        old = conn.execute("SELECT count(*) FROM inspections").fetchone()[0]
        failed = conn.execute("SELECT count(DISTINCT i.site || t.item) FROM inspections i JOIN "
                              "inspection_items t ON t.inspection_id = i.id "
                              "WHERE t.failed").fetchone()[0]  # fmt: skip
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    engine = open_store(store)
    try:
        assert schema_revision(engine) == "0003"
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(inspections)).scalar() == old
            assert conn.execute(select(func.count()).select_from(actions)).scalar() == failed
            # 0003: the sheet of an inspection recorded before is unknown; no added findings
            assert {r for (r,) in conn.execute(select(inspections.c.sheet))} == {None}
            assert conn.execute(select(func.count()).select_from(added)).scalar() == 0
    finally:
        engine.dispose()
    assert old > 0 and failed > 0


def test_report_json_is_the_library_value(quarter, tmp_path):
    lib, inbox = quarter
    db = str(tmp_path / "s.sqlite")
    record(lib, db, str(inbox))
    library = load_library(lib)
    engine = open_store(db)
    try:
        value = build_report(engine, Filters(period="week"), checklists=library.checklists,
                             procedures=library.procedures, sites=SiteIndex.of(library.sites),
                             today=dt.date.fromisoformat(TODAY))  # fmt: skip
    finally:
        engine.dispose()
    assert report(lib, db, "--period", "week") == json.loads(json.dumps(value))
    out = tmp_path / "r.json"
    code, _ = run("report", "--lib", str(lib), "--db", db, "-o", str(out), "--today", TODAY,
                  "--period", "week")  # fmt: skip
    assert code == 0 and json.loads(out.read_text(encoding="utf-8")) == value


def test_sheets_recorded_out_of_order_end_as_in_date_order(quarter, kind, tmp_path):
    """May's passing sheet of HX2 is recorded before April's failures: A2's action still
    closes on 2026-05-08, with that inspection as its evidence."""
    lib, inbox = quarter
    with fresh_store(kind, tmp_path) as db:
        record(lib, db, str(inbox / "08-2026-05-08.xlsx"))
        late = record(lib, db, str(inbox / "06-2026-04-05.xlsx"), str(inbox / "07-2026-04-19.xlsx"))
        assert late["actions_closed"] >= 1
        acts = {(a["site"], a["item"]): a for a in report(lib, db)["actions"]}
    assert acts[("HX2", "A2")]["status"] == "closed"
    assert acts[("HX2", "A2")]["closed_on"] == "2026-05-08"
    assert acts[("HX2", "B3")]["status"] == "overdue"  # May 8 failed B3 as well
