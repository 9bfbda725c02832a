"""Commands over the documents themselves: validate, list, schema, new, init, coverage."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sopkit.cli._common import (
    DueFormat,
    LangOpt,
    LibArg,
    ReportFormat,
    TableFormat,
    _fail,
    _lang,
    _load,
    _write,
)


def validate(
    lib: LibArg = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.text,
    strict: Annotated[bool, typer.Option(help="Warnings fail too.")] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="List every coverage warning, not one per kind."),
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Check every document: schema, references, cycles, version history."""
    from sopkit.app import LINT_CODES

    library = _load(lib)
    grouped = () if verbose else LINT_CODES
    _write(fmt.value, library.report, _lang(lang, library), strict=strict, grouped=grouped)
    raise typer.Exit(0 if library.report.ok(strict=strict) else 1)


def list_(
    lib: LibArg = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    lang: LangOpt = None,
) -> None:
    """Inventory: id, kind, title, version, effective date, status, file."""
    from sopkit.documents.inventory import columns, inventory
    from sopkit.reporters import Table, write_report

    library = _load(lib)
    lang = _lang(lang, library)
    if not library.report.ok():  # documents with errors are missing from the list: say why
        write_report(library.report, sys.stderr, "text", lang)
    _write(fmt.value, Table(inventory(library), columns(lang)), lang)
    raise typer.Exit(0 if library.report.ok() else 1)


def schema(
    kind: Annotated[
        str | None, typer.Argument(help="role, procedure, checklist or config.")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="zh-CN|en",
            help="Language of the field descriptions (default: the locale of the library in"
            " the current folder, else zh-CN).",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (2020-12) of the documents, for editor completion: every field
    has a description editors show on completion and hover."""
    from sopkit.documents.library import library_locale
    from sopkit.documents.schema import SCHEMA_KINDS, json_schema

    if kind is not None and kind not in SCHEMA_KINDS:
        raise _fail(f"unknown kind {kind!r}: use one of {', '.join(SCHEMA_KINDS)}")
    language = _lang(lang or library_locale(Path.cwd()))
    _write("json", json_schema(kind, language))


class Kind(StrEnum):
    role = "role"
    procedure = "procedure"
    checklist = "checklist"


def new(
    kind: Annotated[Kind, typer.Argument(help="role, procedure or checklist.")],
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="The new document's id.")],
    title: Annotated[str | None, typer.Option("--title", help="Its title.")] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="File or folder to write (default ./ID.yaml; - for standard output).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    lang: LangOpt = None,
) -> None:
    """Write a commented skeleton of a new document that validates as it is."""
    from sopkit.documents.scaffold import ScaffoldError, new_document

    language = _lang(lang) if lang else None
    target = out if out is not None else Path(f"{doc_id}.yaml")
    try:
        written, text = new_document(kind.value, doc_id, target, title=title, lang=language,
                                     force=force)  # fmt: skip
    except ScaffoldError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{target}: {exc.strerror or exc}") from None
    if written is None:
        sys.stdout.write(text)
    else:
        typer.echo(f"wrote {written}")


def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Folder of the new library.")],
    lang: Annotated[str, typer.Option("--lang", help="zh-CN or en.")] = "zh-CN",
) -> None:
    """Create a library: sopkit.yaml, folders, one linked example of each kind, the JSON
    Schema with .vscode/settings.json, and a .pre-commit-config.yaml running validate."""
    from sopkit.documents.scaffold import ScaffoldError, init_library

    try:
        result = init_library(folder, lang=_lang(lang))
    except ScaffoldError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{folder}: {exc.strerror or exc}") from None
    for path in result.written:
        typer.echo(f"wrote {path}")


def coverage(
    lib: LibArg = None,
    fmt: Annotated[DueFormat, typer.Option("--format", "-f")] = DueFormat.table,
    lang: LangOpt = None,
) -> None:
    """Role × procedure matrix, steps no checklist inspects, items linked to no step,
    roles with no procedure."""
    from sopkit.documents.coverage import coverage as build_coverage

    library = _load(lib)
    _write(fmt.value, build_coverage(library), _lang(lang, library))
    raise typer.Exit(0 if library.report.ok() else 1)
