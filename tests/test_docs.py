"""Docs cannot drift: every command has help text and a place in the README."""

from __future__ import annotations

import re

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from sopkit.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(get_command(app).commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_and_is_in_the_readme(name):
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0
    command = get_command(app).commands[name]
    assert command.help and command.help.strip()
    assert f"`sopkit {name}" in README, f"README does not mention `sopkit {name}`"


def test_readme_test_command_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r"^\s*(python -m pytest.*)$", ci, re.M).group(1).strip()
    assert command in README


def test_every_diagnostic_code_is_in_the_readme():
    from sopkit.locale import en

    assert [c for c in en.MESSAGES if f"| `{c}` |" not in README] == []
