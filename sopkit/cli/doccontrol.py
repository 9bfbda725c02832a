"""Document control: diff, bump, approve, due."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sopkit.cli._common import (
    DateOpt,
    DueFormat,
    LangOpt,
    LibArg,
    _date,
    _fail,
    _lang,
    _load,
    _refused,
    _write,
)


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class ApprovalRole(StrEnum):
    approved = "approved"
    reviewed = "reviewed"


def diff(
    old: Annotated[
        Path,
        typer.Argument(
            help="Old file or library folder (with --rev: the file or folder in the work tree)."
        ),
    ],
    new: Annotated[Path | None, typer.Argument(help="New file or library folder.")] = None,
    rev: Annotated[
        str | None,
        typer.Option("--rev", help="Compare with this git revision (commit, tag, branch)."),
    ] = None,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.text,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when something changed, like git diff.")
    ] = False,
    lang: LangOpt = None,
) -> None:
    """What changed between two versions of a document or library: fields, duties, steps,
    records and items added, removed, changed or moved."""
    from sopkit.doccontrol import history as gitrev
    from sopkit.documents.library import library_locale
    from sopkit.reporters import write_report

    if (new is None) == (rev is None):
        raise _fail("give two files or folders (OLD NEW), or one with --rev REV")
    language = _lang(lang or library_locale(old if old.is_dir() else old.parent))
    try:
        result = gitrev.compare_revision(old, rev) if rev else gitrev.compare_paths(old, new)
    except (gitrev.GitError, FileNotFoundError, ValueError) as exc:
        raise _fail(str(exc)) from None
    except gitrev.DocumentsError as exc:
        write_report(exc.report, sys.stdout, "text", language)
        raise typer.Exit(1) from None
    _write(fmt.value, result, language)
    raise typer.Exit(1 if exit_code and result.changed else 0)


def bump(
    file: Annotated[Path, typer.Argument(help="The document to revise.")],
    note: Annotated[str, typer.Option("--note", "-m", help="What changed (修订内容).")],
    major: Annotated[bool, typer.Option("--major", help="1.4 → 2.0; A/3 → B/0.")] = False,
    minor: Annotated[bool, typer.Option("--minor", help="1.4 → 1.5; A/3 → A/4.")] = False,
    letter: Annotated[bool, typer.Option("--letter", help="A/3 → B/0.")] = False,
    author: Annotated[str | None, typer.Option("--author", help="Who revised it.")] = None,
    on: DateOpt = None,
    effective: Annotated[
        str | None,
        typer.Option(
            "--effective", metavar="DATE", help="Also set the date the new version takes effect."
        ),
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Raise the version and add the revision entry; nothing else in the file changes
    (but the effective date, with --effective)."""
    from sopkit.doccontrol.bump import bump as run_bump
    from sopkit.doccontrol.yamledit import EditRefused

    parts = [name for name, on_ in (("major", major), ("minor", minor), ("letter", letter)) if on_]
    if len(parts) != 1:
        raise _fail("give exactly one of --major, --minor, --letter")
    if not note.strip():
        raise _fail("--note must say what changed")
    when = _date(on)
    try:
        result = run_bump(file, parts[0], note, author=author, on=when,
                          effective=_date(effective, "--effective"))  # fmt: skip
    except EditRefused as exc:
        raise _refused(exc.report, lang, file) from None
    except OSError as exc:
        raise _fail(f"{file}: {exc.strerror or exc}") from None
    typer.echo(f"{file}: {result.details['old_version']} → {result.details['new_version']}")


def approve(
    file: Annotated[Path, typer.Argument(help="The document to approve.")],
    by: Annotated[str, typer.Option("--by", help="Name of the approver (or reviewer).")],
    role: Annotated[ApprovalRole, typer.Option("--role")] = ApprovalRole.approved,
    on: DateOpt = None,
    lang: LangOpt = None,
) -> None:
    """Record an approval (name, date, content fingerprint) or a review in the document."""
    from sopkit.diagnostics import Report
    from sopkit.doccontrol.approve import approve as run_approve
    from sopkit.doccontrol.yamledit import EditRefused
    from sopkit.reporters import write_report

    if not by.strip():
        raise _fail("--by needs a name")
    when = _date(on)
    try:
        result = run_approve(file, by, role=role.value, on=when)
    except EditRefused as exc:
        raise _refused(exc.report, lang, file) from None
    except OSError as exc:
        raise _fail(f"{file}: {exc.strerror or exc}") from None
    print_ = f"{file}: {role.value} by {by}"
    if result.details.get("fingerprint"):
        print_ += f" (fingerprint {result.details['fingerprint']})"
    typer.echo(print_)
    if result.warnings:
        from sopkit.documents.library import library_locale

        write_report(Report(result.warnings, 1), sys.stdout, "text",
                     _lang(lang or library_locale(file.parent)))  # fmt: skip


def due(
    lib: LibArg = None,
    within: Annotated[
        str, typer.Option("--within", help="Also list what falls due within 30d, 2w, 3m …")
    ] = "0d",
    today: Annotated[
        str | None, typer.Option("--today", help="Count from this date (YYYY-MM-DD).")
    ] = None,
    fmt: Annotated[DueFormat, typer.Option("--format", "-f")] = DueFormat.table,
    lang: LangOpt = None,
) -> None:
    """Documents whose periodic review is due or overdue, and drafts past their planned
    effective date. Exit 1 when anything is listed."""
    from sopkit.doccontrol.due import columns, horizon, table_rows
    from sopkit.doccontrol.due import due as find_due
    from sopkit.reporters import Table

    when = _date(today, "--today")
    try:
        horizon(_date("2000-01-01"), within)
    except ValueError:
        raise _fail(f"--within {within!r}: write a duration such as 30d, 2w, 3m or 1y") from None
    library = _load(lib)
    rows = find_due(library, today=when, within=within)
    language = _lang(lang, library)
    if rows or fmt is DueFormat.json:
        data = [r.to_dict() for r in rows]
        _write(fmt.value, Table(table_rows(rows, language), columns(language), data), language)
    else:
        from sopkit.locale import label

        typer.echo(label("due.none", language))
    raise typer.Exit(1 if rows else 0)
