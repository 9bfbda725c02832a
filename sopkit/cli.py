"""The command line: one short function per command, over the library's functions."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sopkit import __version__

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    help="Job descriptions, work instructions and inspection checklists as versioned YAML.",
)

LibArg = Annotated[Path, typer.Argument(help="Library folder.", show_default=True)]
LangOpt = Annotated[
    str | None, typer.Option("--lang", help="zh-CN or en (default: the library's locale).")
]


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class TableFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"sopkit: {message}", err=True)
    return typer.Exit(code)


def _lang(option: str | None, library=None) -> str:
    from sopkit.locale import normalize_lang

    try:
        return normalize_lang(option or (library.config.locale if library else None))
    except ValueError:
        raise _fail(f"unknown language {option!r}: use zh-CN or en") from None


def _load(lib: Path):
    from sopkit.library import LibraryError, load_library

    try:
        return load_library(lib)
    except LibraryError as exc:
        raise _fail(str(exc)) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sopkit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Job descriptions, work instructions and inspection checklists as versioned YAML."""


@app.command()
def validate(
    lib: LibArg = Path("sops"),
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.text,
    strict: Annotated[bool, typer.Option(help="Warnings fail too.")] = False,
    lang: LangOpt = None,
) -> None:
    """Check every document: schema, references, cycles, version history."""
    from sopkit.reporters import write_report

    library = _load(lib)
    write_report(library.report, sys.stdout, fmt.value, _lang(lang, library), strict=strict)
    raise typer.Exit(0 if library.report.ok(strict=strict) else 1)


@app.command("list")
def list_(
    lib: LibArg = Path("sops"),
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
) -> None:
    """Inventory: id, kind, title, version, effective date, status, file."""
    from sopkit.inventory import COLUMNS, inventory
    from sopkit.reporters import write_table

    library = _load(lib)
    write_table(inventory(library), COLUMNS, sys.stdout, fmt.value)
    raise typer.Exit(0 if library.report.ok() else 1)


@app.command()
def schema(
    kind: Annotated[
        str | None, typer.Argument(help="role, procedure, checklist or config.")
    ] = None,
) -> None:
    """Print the JSON Schema (2020-12) of the documents, for editor completion."""
    from sopkit.schema import SCHEMA_KINDS, json_schema

    if kind is not None and kind not in SCHEMA_KINDS:
        raise _fail(f"unknown kind {kind!r}: use one of {', '.join(SCHEMA_KINDS)}")
    typer.echo(json.dumps(json_schema(kind), ensure_ascii=False, indent=2))


@app.command()
def build(
    lib: LibArg = Path("sops"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("build"),
    lang: LangOpt = None,
) -> None:
    """Validate, then write every manual and every checklist."""
    from sopkit.build import build as run_build
    from sopkit.library import LibraryError
    from sopkit.reporters import write_report

    try:
        result = run_build(lib, out, lang=lang)
    except LibraryError as exc:
        raise _fail(str(exc)) from None
    lang = _lang(lang, result.library)
    write_report(result.report, sys.stdout, "text", lang)
    for path in result.written:
        typer.echo(f"wrote {path}")
    for path in result.pending:
        typer.echo(f"not yet produced by sopkit {__version__}: {path}")
    raise typer.Exit(0 if result.report.ok() else 1)


def main() -> None:
    app()
