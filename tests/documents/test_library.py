"""Derived data and cross-document behaviour of a loaded library."""

from __future__ import annotations

import sys
from pathlib import Path

from sopkit.app import load_library
from sopkit.documents.models import Procedure, Role
from tests.conftest import ROOT, SOPS, write_tree

sys.path.insert(0, str(ROOT / "benchmarks"))
from synth import generate


def test_direct_reports_and_chain_are_derived():
    lib = load_library(SOPS)
    assert {r.id for r in lib.direct_reports("KF-JL")} >= {"KF-ZG", "XC-LB", "AC-ZG"}
    assert [r.id for r in lib.chain_up("KF-LB")] == ["KF-ZG", "KF-JL", "KF-ZJL"]
    top = [r.id for r in lib.roles if not r.superior_ids]  # KF-ZJL reports to 总裁, outside
    assert top == ["KF-ZJL"]


def test_references_are_case_insensitive(base_library):
    path = base_library / "roles" / "mid.yaml"
    path.write_text(path.read_text("utf-8").replace("reports_to: R-TOP", "reports_to: r-top"))
    lib = load_library(base_library)
    assert lib.report.ok(strict=True)
    assert [r.id for r in lib.direct_reports("R-TOP")] == ["R-MID"]


def test_step_numbers_come_from_position_and_roles_are_inherited(tmp_path):
    write_tree(
        tmp_path,
        {
            "r.yaml": "kind: role\nid: A\ntitle: t\nversion: '1'\neffective: 2026-01-01\n"
            "department: d\nsummary: s\nduties: [{area: a, description: b}]\n",
            "p.yaml": "kind: procedure\nid: P\ntitle: t\nversion: '1'\neffective: 2026-01-01\n"
            "purpose: p\nscope: s\nsteps:\n"
            "  - text: 一\n"
            "  - title: 二\n    role: A\n    steps:\n"
            "      - text: 二一\n"
            "      - title: 二二\n        steps:\n          - {id: deep, text: 二二一}\n",
        },
    )
    lib = load_library(tmp_path)
    proc = lib.get("p")
    assert isinstance(proc, Procedure)
    views = [(v.number, v.step.text or v.step.title, v.roles) for v in proc.walk()]
    assert views == [
        ("1", "一", ()),
        ("2", "二", ("A",)),
        ("2.1", "二一", ("A",)),
        ("2.2", "二二", ("A",)),
        ("2.2.1", "二二一", ("A",)),
    ]
    assert proc.step_ids()["deep"].number == "2.2.1"
    assert [p.id for p in lib.procedures_of("a")] == ["P"]


def test_participation_of_roles():
    lib = load_library(SOPS)
    assert "XC-SOP-01" in [p.id for p in lib.procedures_of("XC-XXG")]
    assert "XC-CHK-01" in [c.id for c in lib.checklists_of("XC-XXG")]
    for role in lib.roles:
        assert isinstance(role, Role)


def test_an_invalid_document_does_not_cascade_into_reference_errors(base_library):
    # R-TOP has an error of its own; R-MID's reports_to must not also fail.
    path = base_library / "roles" / "top.yaml"
    path.write_text(path.read_text("utf-8").replace("summary:", "summry:"))
    codes = sorted(d.code for d in load_library(base_library).report.diagnostics)
    assert codes == ["unknown-key"]  # summry: did you mean summary


def test_workers_find_what_one_process_finds(tmp_path):
    lib_dir = generate(tmp_path / "lib", 450)
    broken = lib_dir / "roles" / "R-00003.yaml"
    broken.write_text(broken.read_text("utf-8").replace("reports_to: R-00000", "reports_to: R-9"))
    serial = load_library(lib_dir, jobs=1)
    parallel = load_library(lib_dir, jobs=2)
    assert [d.to_dict() for d in serial.report.sorted()] == [
        d.to_dict() for d in parallel.report.sorted()
    ]
    # Errors only: the synthetic library also draws coverage warnings (sopkit.documents.coverage).
    assert [d.code for d in serial.report.errors] == ["unknown-role"]
    assert [d.id for d in serial.documents] == [d.id for d in parallel.documents]
    assert Path(serial.report.errors[0].location.file) == broken


def test_a_file_that_does_not_load_does_not_cascade(tmp_path):
    import shutil

    lib = tmp_path / "lib"
    shutil.copytree(SOPS, lib)
    path = lib / "roles" / "KF-LB.yaml"
    path.write_bytes(path.read_bytes() + b"\tbroken\n")
    report = load_library(lib).report
    assert [(d.code, Path(d.location.file).name) for d in report.diagnostics] == [
        ("yaml-tab", "KF-LB.yaml")
    ]
    # the same when the file is empty: its name stands for its id
    path.write_text("", encoding="utf-8")
    assert [d.code for d in load_library(lib).report.diagnostics] == ["empty-document"]


def test_a_misspelt_required_key_is_reported_once(base_library):
    path = base_library / "roles" / "top.yaml"
    path.write_text(path.read_text("utf-8").replace("department:", "departmnt:"))
    diags = load_library(base_library).report.diagnostics
    assert [(d.code, d.args.get("suggestion")) for d in diags] == [("unknown-key", "department")]


def _lists_made(lib_dir: Path, monkeypatch) -> int:
    """How many times loading and linting ``lib_dir`` makes a list of every document."""
    from sopkit.documents.library import Library

    made = []
    every = Library.documents.fget
    monkeypatch.setattr(Library, "documents", property(lambda lib: made.append(1) or every(lib)))
    load_library(lib_dir, jobs=1)
    monkeypatch.undo()
    return len(made)


def test_documents_are_listed_once_not_per_reference_or_procedure(tmp_path, monkeypatch):
    # Library.roles and the like scan every document: a broken reference (did you mean a
    # role's title?) and a procedure (coverage lints) must look up an index built once, or
    # validate is quadratic in the size of the library (issue 9, bench_scaling.py).
    small, large = generate(tmp_path / "small", 60), generate(tmp_path / "large", 240)
    assert _lists_made(small, monkeypatch) == _lists_made(large, monkeypatch)
    counts = []
    for broken in (2, 12):
        for n in range(broken):
            path = small / "roles" / f"R-{n + 1:05d}.yaml"
            path.write_text(path.read_text("utf-8").replace("reports_to: R-", "reports_to: R-X"))
        counts.append(_lists_made(small, monkeypatch))
        assert load_library(small).report.errors  # the references are broken
    assert counts[0] == counts[1]
