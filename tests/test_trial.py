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
