"""The one of each in sopkit.reporters: registry, diagnostic line, CSV rule, numbers."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from sopkit.cli import app
from sopkit.diagnostics import Diagnostic, Location, Report, Severity
from sopkit.reporters import (
    WRITERS,
    Table,
    diagnostic_line,
    format_number,
    md_escape,
    write,
    write_csv,
)
from tests.conftest import SOPS


def test_every_format_a_command_offers_has_one_writer():
    assert set(WRITERS) == {"text", "json", "github", "table", "csv", "markdown"}
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        write("xml", Report(), io.StringIO())


def test_the_diagnostic_line():
    diag = Diagnostic("unknown-key", Location("r.yaml", 6, 1), {"key": "departmnt"})
    assert diagnostic_line(diag, "en") == "r.yaml:6:1: error[unknown-key]: unknown key 'departmnt'"
    cell = Diagnostic("checklist-draft", Location("f.xlsx", cell="表!B3"), {}, Severity.WARNING)
    assert diagnostic_line(cell, "en").startswith("f.xlsx:表!B3: warning[checklist-draft]: ")


@given(st.lists(st.lists(st.text(max_size=8), min_size=2, max_size=2), max_size=5))
def test_csv_rule_round_trips_and_no_cell_is_a_formula(rows):
    out = io.StringIO()
    write_csv(["a", "b"], rows, out)
    text = out.getvalue()
    assert text.startswith("\ufeffa,b\r\n")
    back = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert back[0] == ["a", "b"] and len(back) == len(rows) + 1
    for written, cells in zip(back[1:], rows, strict=True):
        for cell, value in zip(written, cells, strict=True):
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r")
            assert cell in (value, "'" + value)


def test_every_csv_a_command_writes_follows_the_rule():
    out = CliRunner().invoke(app, ["list", str(SOPS), "--format", "csv"]).stdout
    assert out.startswith("\ufeff")
    table = io.StringIO()
    write("csv", Table([{"k": "=1+1"}], [("k", "K")]), table)
    assert table.getvalue() == "\ufeffK\r\n'=1+1\r\n"


@pytest.mark.parametrize(
    ("value", "text"),
    [(100.0, "100"), (2, "2"), (0.5, "0.5"), (33.3 + 33.3 + 33.3, "99.9"), ("x", "x")],
)
def test_one_number_formatter(value, text):
    assert format_number(value) == text


def test_markdown_escape_is_one_line():
    assert md_escape("a *b*\n<c>\r\n") == r"a \*b\*<br>\<c\>"
    assert md_escape(None) == ""
