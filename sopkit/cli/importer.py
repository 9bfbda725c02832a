"""``sopkit import``: Word and text files in as draft documents."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sopkit.cli._common import LangOpt, _fail, _lang, _library_path


class ImportKind(StrEnum):
    role = "role"
    procedure = "procedure"


def import_(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help=".docx, .doc, .txt or .md files.", show_default=False),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="LIB", help="Library to write the drafts into."),
    ] = None,
    kind: Annotated[
        ImportKind | None,
        typer.Option("--kind", help="Read every document found as this kind."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace drafts that exist.")] = False,
    lang: LangOpt = None,
) -> None:
    """Import job descriptions and work instructions from Word and text files as drafts
    (status: draft), each value with where it came from."""
    from sopkit.documents.library import library_locale
    from sopkit.importer import UNREADABLE, import_files
    from sopkit.reporters import diagnostic_line

    library = _library_path(out)
    if library.exists() and not library.is_dir():
        raise _fail(f"{library} is not a folder: give the library folder with -o")
    language = _lang(lang or library_locale(library.resolve()))
    result = import_files(files, library, kind.value if kind else None, lang=language, force=force)
    hints: dict[str, str] = {}
    for diag in result.report.sorted():
        if diag.code in UNREADABLE:
            typer.echo(f"sopkit: {diag.location}: {diag.message(language)}", err=True)
            continue
        typer.echo(diagnostic_line(diag, language), err=True)
        hints.setdefault(diag.code, diag.hint(language))
    for code, hint in hints.items():  # once per kind of problem, not once per line
        typer.echo(f"    {code}: {hint}", err=True)
    for entry in result.files:
        for draft in entry.drafts:
            if draft.path is not None:
                what = "duties" if draft.kind == "role" else "steps"
                typer.echo(
                    f"wrote {draft.path} ({draft.kind} {draft.title}: {draft.duties} {what})"
                )
    written = sum(1 for e in result.files for d in e.drafts if d.path is not None)
    typer.echo(f"{written} draft(s) from {len(result.files)} file(s)")
    raise typer.Exit(2 if result.could_not_read or not result.report.ok() else 0)
