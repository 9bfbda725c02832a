"""The results commands stop the same way (cli/results.py ``_with_store``): whatever keeps
one from running — an input that matches nothing, a file that cannot be read or written, a
store that is not there — is exit 2 and one plain line on stderr, nothing on stdout."""

from __future__ import annotations

import os
import shutil

import pytest
from typer.testing import CliRunner

from sopkit.cli import app
from sopkit.results.store import open_store
from tests.conftest import SOPS


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    lib = folder / "lib"
    shutil.copytree(SOPS, lib)
    (lib / "sites.yaml").write_text("sites:\n  - id: BJ1\n    name: 滨江壹号\n", encoding="utf-8")
    db = folder / "s.sqlite"
    open_store(str(db)).dispose()
    return lib, str(db), folder


def _stopped(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr


def test_record_of_an_input_that_matches_nothing(setup, tmp_path):
    lib, db, _ = setup
    line = _stopped("record", str(tmp_path / "nowhere.xlsx"), "--lib", str(lib), "--db", db)
    assert line == f"sopkit: {tmp_path / 'nowhere.xlsx'}: no such file, folder or matching file\n"
    line = _stopped("score", str(tmp_path / "nowhere.xlsx"), "--lib", str(lib))  # same words
    assert "nowhere.xlsx: no such file, folder or matching file" in line


def test_a_notice_that_cannot_be_written_or_read_names_the_file(setup, tmp_path):
    lib, db, _ = setup
    line = _stopped("actions", "export", "--site", "BJ1", "-o", str(tmp_path), "--lib", str(lib),
                    "--db", db)  # fmt: skip
    assert line.startswith(f"sopkit: {tmp_path}: ") and "directory" in line.lower()
    line = _stopped("actions", "import", str(tmp_path / "gone.xlsx"), "--lib", str(lib),
                    "--db", db)  # fmt: skip
    assert "gone.xlsx: no such file" in line


def test_a_device_or_pipe_named_as_the_notice_is_refused_and_left_alone(setup, tmp_path):
    lib, db, _ = setup
    fifo = tmp_path / "notice.xlsx"
    os.mkfifo(fifo)
    line = _stopped("actions", "export", "--site", "BJ1", "-o", str(fifo), "--lib", str(lib),
                    "--db", db)  # fmt: skip
    assert line.startswith(f"sopkit: {fifo}: ") and "not a regular file" in line
    assert fifo.is_fifo()  # not replaced by a workbook
    assert [p.name for p in tmp_path.iterdir()] == ["notice.xlsx"]  # no temporary file left


def test_every_store_command_says_a_missing_store_the_same_way(setup, tmp_path):
    lib, _, _ = setup
    gone = str(tmp_path / "gone.sqlite")
    for args in (["actions"], ["actions", "close", "1", "--by", "x"], ["report", "--format",
                 "json"], ["actions", "export", "--site", "BJ1", "-o", str(tmp_path / "n.xlsx")],
                 ["actions", "import", str(tmp_path / "n.xlsx")]):  # fmt: skip
        line = _stopped(*args, "--lib", str(lib), "--db", gone)
        assert f"{gone} does not exist" in line
    assert not os.path.exists(gone)
