"""Acceptance corpus: valid libraries pass clean; each invalid fixture yields its code.

An invalid fixture is a file (or a folder of files) under ``corpus/invalid``; it is added to a
copy of ``corpus/base`` under ``zz/`` and validated. Lines ``# expect: CODE LINE:COL`` in a
fixture list exactly the diagnostics it must produce, in that file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sopkit.app import validate
from sopkit.locale import en
from tests.conftest import CORPUS, SOPS

INVALID = CORPUS / "invalid"
FIXTURES = sorted(INVALID.iterdir())
EXPECT = re.compile(rb"^# expect: ([a-z-]+) (\d+):(\d+)\s*$", re.M)

# Codes that need a situation rather than a file; each has a test of its own below.
SITUATIONAL = {"unreadable", "no-documents", "file-too-large", "file-not-read",
               "too-many-findings"}  # fmt: skip
# Fallback for a model error sopkit has no specific code for; no input is known to reach it.
FALLBACK = {"invalid-value"}
# Codes raised by other subsystems (workbooks, scoring, document control), tested there.
NON_VALIDATION_CODES: set[str] = {
    # document control (sopkit diff, bump, approve), tested in tests/doccontrol/
    "version-unchanged",
    "version-not-newer",
    "bump-style",
    "bump-last-letter",
    "bump-date",
    "edit-would-reformat",
}
# Scoring filled checklists (tests/checklist/).
NON_VALIDATION_CODES |= {
    "file-empty", "file-corrupt", "file-encrypted", "file-format", "sheet-not-checklist",
    "sheet-unknown-checklist", "sheet-wrong-items", "sheet-meta-missing", "sheet-version",
    "sheet-fingerprint", "sheet-item-row-missing", "sheet-duplicate-row",
    "answer-invalid-check", "answer-invalid-number", "answer-invalid-count",
    "answer-out-of-range", "answers-missing", "sheet-not-filled",
    "sheet-checklist-has-errors", "answers-missing-failed", "answers-missing-left-out",
    "answer-wrong-unit", "checklist-draft", "checklist-retired",
    "file-skipped", "file-word", "sheet-duplicate", "sheet-same-visit", "sheet-checklist-draft",
    "sheet-checklist-retired", "sheet-added-rows", "sheet-older-version", "sheet-outdated",
    "sheet-newer-version", "file-csv-encoding", "answer-invisible", "sheet-header-moved",
}  # fmt: skip
# Manuals: options, templates, the PDF extra and fonts (tests/manual/).
NON_VALIDATION_CODES |= {
    "manual-unknown-department", "manual-templates-dir", "manual-template-missing",
    "manual-template", "manual-pdf-missing", "manual-pdf-libraries", "manual-missing-glyph",
    "manual-write", "manual-no-fonts",
}  # fmt: skip
# Word output, controlled copies, presets, empty glyphs (tests/manual/test_manual_docx.py, …).
NON_VALIDATION_CODES |= {
    "manual-docx-missing", "manual-holders", "manual-preset-format", "manual-empty-glyph",
}  # fmt: skip
# Files nobody vouches for (sopkit/safeio.py), tested in tests/test_hostile.py.
NON_VALIDATION_CODES |= {"sheet-too-large", "file-unpacks-too-large"}
# Importing Word and text files (tests/importer/).
NON_VALIDATION_CODES |= {
    "import-unreadable", "import-empty", "import-too-large", "import-unsupported",
    "import-damaged", "import-zip-bomb", "import-doc-needs-libreoffice", "import-doc-failed",
    "import-encoding", "import-skipped", "import-no-document", "import-unplaced",
    "import-field-missing", "import-draft-invalid", "import-output-is-input", "import-exists",
    "import-write-failed",
}  # fmt: skip

# sites.yaml sits at the library root, where a fixture cannot go: tests/results/test_sites.py.
NON_VALIDATION_CODES |= {"duplicate-site", "unknown-checklist"}
# sopkit.yaml too (tests/documents/test_config_messages.py).
NON_VALIDATION_CODES |= {"config-not-a-mapping"}
# Sites files of the wrong shape (tests/documents/test_sites_messages.py).
NON_VALIDATION_CODES |= {"sites-not-a-mapping", "sites-not-a-list", "site-not-a-mapping"}
# The results store: recording and the 整改通知单 (tests/results/).
NON_VALIDATION_CODES |= {
    "site-unknown", "record-no-date", "record-no-site", "record-duplicate",
    "action-import-unknown", "action-import-status", "action-import-date",
}  # fmt: skip


def _expected(fixture: Path) -> set[tuple[str, str, int, int]]:
    files = [fixture] if fixture.is_file() else sorted(fixture.rglob("*.yaml"))
    out = set()
    for path in files:
        rel = "zz/" + path.relative_to(INVALID if fixture.is_file() else fixture).as_posix()
        for code, line, col in EXPECT.findall(path.read_bytes()):
            out.add((rel, code.decode(), int(line), int(col)))
    return out


def _found(report, root: Path) -> set[tuple[str, str, int, int]]:
    out = set()
    for d in report.diagnostics:
        rel = Path(d.location.file).relative_to(root).as_posix()
        out.add((rel, d.code, d.location.line, d.location.col))
    return out


@pytest.mark.parametrize("library", [CORPUS / "base", SOPS], ids=["base", "sops"])
def test_valid_libraries_have_no_diagnostics(library):
    report = validate(library)
    assert [d.to_dict() for d in report.diagnostics] == []
    assert report.files > 0


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_invalid_fixture_yields_its_code_at_its_location(fixture, tmp_path):
    expected = _expected(fixture)
    assert expected, f"{fixture.name} has no '# expect:' line"
    lib = tmp_path / "lib"
    shutil.copytree(CORPUS / "base", lib)
    if fixture.is_file():
        (lib / "zz").mkdir()
        shutil.copy(fixture, lib / "zz" / fixture.name)
    else:
        shutil.copytree(fixture, lib / "zz")
    report = validate(lib)
    assert _found(report, lib) == expected
    assert not report.ok(strict=True)


def test_every_validation_code_has_a_fixture():
    covered = {code for f in FIXTURES for _, code, _, _ in _expected(f)}
    codes = set(en.MESSAGES) - SITUATIONAL - FALLBACK - NON_VALIDATION_CODES
    assert codes - covered == set()


def test_unreadable_file_is_reported(base_library):
    (base_library / "broken.yaml").symlink_to(base_library / "nowhere.yaml")
    report = validate(base_library)
    assert [(d.code, d.location.file) for d in report.errors] == [
        ("unreadable", str(base_library / "broken.yaml"))
    ]


def test_empty_folder_warns(tmp_path):
    report = validate(tmp_path)
    assert [d.code for d in report.warnings] == ["no-documents"]
    assert report.ok() and not report.ok(strict=True)


def test_huge_and_special_files_are_refused_before_reading(base_library):
    (base_library / "huge.yaml").write_bytes(b"# x\n" * 1_500_000)  # 6 MB
    (base_library / "zero.yaml").symlink_to("/dev/zero")
    report = validate(base_library)
    found = sorted((Path(d.location.file).name, d.code) for d in report.errors)
    assert found == [("huge.yaml", "file-too-large"), ("zero.yaml", "unreadable")]


def test_underscore_folders_are_part_of_the_library(base_library):
    (base_library / "_old").mkdir()
    (base_library / "_old" / "x.yaml").write_text("kind: rolle\n", encoding="utf-8")
    assert [d.code for d in validate(base_library).errors] == ["unknown-kind"]


def test_files_sopkit_does_not_read_are_named(base_library):
    roles = base_library / "roles"
    (roles / "KF-LB.yaml.txt").write_text("kind: role\n", encoding="utf-8")  # Notepad's default
    (roles / "KF-ZG.YAML").write_text("kind: role\n", encoding="utf-8")
    (roles / "岗位说明书.docx").write_bytes(b"PK")
    (roles / "~$岗位说明书.docx").write_bytes(b"")  # Word's lock file: not a user's file
    (roles / "说明.txt").write_text("…", encoding="utf-8")
    report = validate(base_library)
    assert report.ok(strict=True)  # notices: nothing sopkit reads is wrong
    assert report.warnings == []
    found = sorted(
        (Path(d.location.file).name, d.code, d.args["suggestion"]) for d in report.notices
    )
    assert found == [
        ("KF-LB.yaml.txt", "file-not-read", "KF-LB.yaml"),
        ("KF-ZG.YAML", "file-not-read", "KF-ZG.yaml"),
        ("岗位说明书.docx", "file-not-read", ""),
        ("说明.txt", "file-not-read", ""),
    ]
    (docx,) = [d for d in report.notices if d.location.file.endswith(".docx")]
    assert "sopkit import" in docx.hint("zh-CN") and "sopkit import" in docx.hint("en")
