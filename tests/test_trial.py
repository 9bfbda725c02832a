"""Slips found by trying sopkit as a new user (HR clerk, supervisor) would."""

from __future__ import annotations

import typer

from sopkit.cli._common import _could_not_run
from sopkit.diagnostics import Diagnostic, Location


def test_a_diagnostic_without_a_file_is_not_prefixed_twice(capsys):
    d = Diagnostic("manual-pdf-missing", Location("sopkit"), {"command": "pip install x"})
    assert isinstance(_could_not_run(d, "en"), typer.Exit)
    err = capsys.readouterr().err
    assert err.startswith("sopkit: PDF output needs WeasyPrint"), err


def test_sites_text_file_comment_after_a_name(tmp_path):
    from sopkit.checklist.writer import read_sites

    path = tmp_path / "sites.txt"
    path.write_text("# 站点\n一号楼  # 东区\n5#楼\n二号楼\t# 西区\n", encoding="utf-8")
    assert read_sites(path) == ["一号楼", "5#楼", "二号楼"]


def test_sites_file_that_does_not_exist_or_is_in_a_windows_encoding(tmp_path):
    from typer.testing import CliRunner

    from sopkit.cli import app
    from tests.conftest import SOPS

    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["checklist", str(SOPS), "--sites", "nosuch.txt", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert "no such file" in result.stderr and "Errno" not in result.stderr
    gbk = tmp_path / "sites.txt"  # Notepad's "ANSI" on Chinese Windows: read as written
    gbk.write_bytes("一号楼\n".encode("gbk"))
    result = CliRunner().invoke(app, ["checklist", str(SOPS), "--sites", str(gbk), "-o", str(out)])
    assert result.exit_code == 0 and "codec" not in result.stderr
    assert any("一号楼" in p.name for p in out.iterdir())


def test_a_misspelt_library_folder_is_not_taken_for_a_document_id(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from sopkit.cli import app

    (tmp_path / "sops").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "sopz"])
    assert result.exit_code == 2
    assert "did you mean sops?" in result.stderr and "document id" not in result.stderr
    result = CliRunner().invoke(app, ["validate", "KF-LB"])  # an id is still an id
    assert "document id" in result.stderr


def test_notice_dates_as_clerks_type_them_and_a_missing_notice():
    import datetime as dt

    import pytest

    from sopkit.results.notice import NoticeError, _day, read_notice

    for text in ("2026-11-25", "2026/11/25", "2026.11.25", "2026年11月25日"):
        assert _day(text) == dt.date(2026, 11, 25), text
    assert _day("昨天") is None and _day("2026/2/30") is None
    with pytest.raises(NoticeError, match="no such file"):
        read_notice(None, "nothere.xlsx")


def test_an_empty_notice_says_why(tmp_path):
    from typer.testing import CliRunner

    from sopkit.cli import app
    from tests.conftest import SOPS

    out, db = tmp_path / "BJ9.xlsx", tmp_path / "s.sqlite"
    from sopkit.results.store import open_store

    open_store(str(db)).dispose()  # an empty store
    args = ["actions", "export", "--site", "BJ9", "-o", str(out), "--lib", str(SOPS)]
    result = CliRunner().invoke(app, [*args, "--db", str(db)])
    # a site neither sites.yaml nor the store knows: a slip, said, and no notice written
    # (a known site with nothing open: tests/results/test_actions_cli.py)
    assert result.exit_code == 2, result.output
    assert "--site BJ9: no site BJ9 in the library or the results store" in result.stderr
    assert not out.exists()


def test_report_and_actions_do_not_make_a_store_out_of_a_slip(tmp_path):
    from typer.testing import CliRunner

    from sopkit.cli import app
    from tests.conftest import SOPS

    db = tmp_path / "resluts.sqlite"
    for args in (["report", "--format", "json"], ["actions"]):
        result = CliRunner().invoke(app, [*args, "--lib", str(SOPS), "--db", str(db)])
        assert result.exit_code == 2, result.output
        assert "no results store" in result.stderr and "sopkit record" in result.stderr
        assert not db.exists()


def test_the_import_command_for_a_word_file_in_the_library_imports_into_that_library(tmp_path):
    import shutil

    from sopkit.app import validate
    from tests.conftest import SOPS

    lib = tmp_path / "hr"
    shutil.copytree(SOPS, lib)
    (lib / "roles" / "客服领班.docx").write_bytes(b"PK")
    (notice,) = validate(lib).notices
    assert f"sopkit import {lib}/roles/客服领班.docx -o {lib}" in notice.hint("en")
