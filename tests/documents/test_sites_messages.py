"""Problems in a sites file (the library's sites.yaml, or ``checklist --sites``) speak of
that file's keys and structure, never of a document's ``kind: role`` (issue 9, item 24)."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from sopkit.cli import app
from tests.conftest import SOPS

DOCUMENT_WORDS = ("kind: role", "KF-LB", "kind:", "'id:')")


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    lib = tmp_path_factory.mktemp("sites") / "lib"
    shutil.copytree(SOPS, lib)
    return lib


def _checklist_sites(lib, tmp_path, text: str):
    sites = tmp_path / "my-sites.yaml"
    sites.write_text(text, encoding="utf-8")
    args = ["checklist", str(lib), "--sites", str(sites), "-o", str(tmp_path / "out"),
            "--lang", "en"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "out").exists()  # nothing written from a broken sites file
    return result.output


@pytest.mark.parametrize(
    ("text", "code", "where", "words"),
    [
        ("- id: BJ1\n  name: 滨江壹号\n", "sites-not-a-mapping", "1:1", "found a list"),
        ("", "sites-not-a-mapping", "1:1", "found nothing"),
        ("# the sites\n", "sites-not-a-mapping", "1:1", "found nothing"),
        ("sites:\n  - 滨江壹号\n  - 海棠湾\n", "site-not-a-mapping", "2:5", ".txt file"),
        ("sites:\n  id: BJ1\n  name: 滨江壹号\n", "sites-not-a-list", "2:3", "found a mapping"),
        ("sites: 3\n", "sites-not-a-list", "1:8", "found a number"),
        ("sites:\n", "sites-not-a-list", "1:7", "found nothing"),
    ],
)
def test_a_sites_file_of_the_wrong_shape_is_told_its_own_structure(
    lib, tmp_path, text, code, where, words
):
    out = _checklist_sites(lib, tmp_path, text)
    assert f"my-sites.yaml:{where}: error[{code}]" in out
    assert words in out
    assert "sites:" in out and "id: BJ1" in out and "name: 滨江壹号" in out  # its structure
    assert not any(w in out for w in DOCUMENT_WORDS), out
    assert "wrong-type" not in out  # said once, in the sites file's words


def test_a_key_misspelt_under_a_schedule_lists_the_schedule_keys(lib, tmp_path):
    text = "sites:\n  - id: BJ1\n    name: 滨江壹号\n    schedule:\n      XC-CHK-01:\n" \
           "        evry: week\n"  # fmt: skip
    out = _checklist_sites(lib, tmp_path, text)
    assert "my-sites.yaml:6:9: error[unknown-key]" in out
    assert "Did you mean 'every'? Keys allowed here: every, times." in out


def test_a_key_nested_one_level_too_deep_names_the_file_not_a_document(lib, tmp_path):
    out = _checklist_sites(lib, tmp_path, "sites:\n  - id: BJ1\n    name: x\n    sites: []\n")
    assert "my-sites.yaml:4:5: error[misplaced-key]" in out
    assert "the top level of the file" in out and "first key of the file" in out
    assert not any(w in out for w in DOCUMENT_WORDS), out


def test_the_words_are_in_chinese_too(lib, tmp_path):
    sites = tmp_path / "s.yaml"
    sites.write_text("- id: BJ1\n", encoding="utf-8")
    args = ["checklist", str(lib), "--sites", str(sites), "-o", str(tmp_path / "o"),
            "--lang", "zh-CN"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "站点文件" in result.output and "sites:" in result.output
    assert "kind: role" not in result.output


def test_a_sites_file_that_is_a_folder_or_a_dead_link_is_said(lib, tmp_path):
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "dead.yaml").symlink_to(tmp_path / "nowhere.yaml")
    for name, error, code in (("folder.yaml", "not a file", 1), ("dead.yaml", "no such file", 2)):
        args = ["checklist", str(lib), "--sites", str(tmp_path / name), "-o",
                str(tmp_path / "o"), "--lang", "en"]  # fmt: skip
        result = CliRunner().invoke(app, args)
        assert result.exit_code == code, result.output
        assert name in result.output and error in result.output.lower(), result.output


def test_the_library_sites_yaml_speaks_of_sites_and_a_folder_there_is_not_ignored(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(SOPS, lib)
    (lib / "sites.yaml").write_text("- id: BJ1\n  name: 滨江壹号\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(lib), "--lang", "en"])
    assert result.exit_code == 1
    assert "sites.yaml:1:1: error[sites-not-a-mapping]" in result.output
    assert "kind: role" not in result.output
    (lib / "sites.yaml").unlink()
    (lib / "sites.yaml").mkdir()
    result = CliRunner().invoke(app, ["validate", str(lib), "--lang", "en"])
    assert result.exit_code == 1
    assert "sites.yaml: error[unreadable]: cannot read the file: not a file" in result.output


def test_an_empty_sopkit_yaml_is_fine_as_its_hint_says(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(SOPS, lib)
    for text in ("", "# our library\n"):
        (lib / "sopkit.yaml").write_text(text, encoding="utf-8")
        result = CliRunner().invoke(app, ["validate", str(lib), "--lang", "en"])
        assert result.exit_code == 0, result.output
        assert "empty-document" not in result.output
