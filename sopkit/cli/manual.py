"""Commands that print: build and manual."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sopkit.cli._common import LangOpt, LibArg, _could_not_run, _fail, _lang, _library_path, _load


def build(
    lib: LibArg = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("build"),
    lang: LangOpt = None,
) -> None:
    """Validate, then write every manual and every checklist."""
    from sopkit.app import build as run_build
    from sopkit.documents.library import LibraryError
    from sopkit.manual.render import ManualError
    from sopkit.reporters import write_report

    try:
        result = run_build(_library_path(lib), out, lang=lang)
    except LibraryError as exc:
        raise _fail(str(exc)) from None
    except ManualError as exc:
        raise _could_not_run(exc.diagnostic, _lang(lang)) from None
    except OSError as exc:
        raise _fail(f"cannot write into {out}: {exc.strerror or exc}") from None
    lang = _lang(lang, result.library)
    write_report(result.report, sys.stdout, "text", lang)
    for path in result.written:
        typer.echo(f"wrote {path}")
    raise typer.Exit(0 if result.report.ok() else 1)


def _role_as_library(lib: Path | None, roles: list[str] | None):
    """``sopkit manual KF-LB``: a role id where the library folder belongs is that role of the
    default library (``.`` with sopkit.yaml, else ``./sops``); otherwise say what to type."""
    from sopkit.documents.models import Role
    from sopkit.documents.models.types import ID_RE

    if lib is None or lib.exists() or not ID_RE.match(str(lib)):
        return _load(lib), roles
    default = _library_path(None)
    if not default.is_dir():
        raise _fail(
            f"{lib} is not a folder. For the manual of role {lib}, give the library folder"
            f" first: sopkit manual LIBRARY --role {lib}"
            f" / {lib} 不是文件夹。要生成岗位 {lib} 的手册,请先写文档库文件夹:"
            f"sopkit manual 文档库 --role {lib}"
        )
    library = _load(default)
    if not isinstance(library.get(str(lib)), Role):
        raise _fail(
            f"{lib} is not a folder, and the library {default} has no role {lib}."
            f" Type: sopkit manual {default} --role ID (sopkit list {default} shows the ids)"
            f" / {lib} 不是文件夹,文档库 {default} 中也没有岗位 {lib}。"
            f"请输入:sopkit manual {default} --role 岗位编号(sopkit list {default} 可列出编号)"
        )
    return library, [*(roles or ()), library.get(str(lib)).id]


class ManualFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"


def manual(
    lib: LibArg = None,
    roles: Annotated[
        list[str] | None,
        typer.Option(
            "--role", metavar="ID", help="A role id; repeat for several (default: every role)."
        ),
    ] = None,
    department: Annotated[
        str | None, typer.Option(help="One handbook of this department's roles.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="One handbook of every role.")] = False,
    fmt: Annotated[ManualFormat, typer.Option("--format", "-f")] = ManualFormat.html,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path(
        "build/manuals"
    ),
    lang: LangOpt = None,
    templates: Annotated[
        Path | None, typer.Option(help="Folder of templates overriding the built-in ones by name.")
    ] = None,
    day: Annotated[
        str | None, typer.Option("--date", help="Date of issue on the cover (default: today).")
    ] = None,
) -> None:
    """Write printable manuals: one per role, or one handbook (--all, --department)."""
    from datetime import date

    from sopkit.manual.render import ManualError, write_manuals
    from sopkit.reporters import write_report

    if roles and (all_ or department is not None):
        raise _fail("--role cannot be combined with --all or --department")
    if all_ and department is not None:
        raise _fail("use either --all or --department, not both")
    try:
        issued = date.fromisoformat(day) if day else None
    except ValueError:
        raise _fail(f"--date {day!r}: write the date as YYYY-MM-DD") from None
    library, roles = _role_as_library(lib, roles)
    lang = _lang(lang, library)
    if library.report.diagnostics:
        write_report(library.report, sys.stdout, "text", lang)
    if not library.report.ok():
        raise typer.Exit(1)
    try:
        paths = write_manuals(library, out, roles=roles or (), department=department,
                              combined=all_, fmt=fmt.value, lang=lang, templates=templates,
                              issued=issued)  # fmt: skip
    except ManualError as exc:
        raise _could_not_run(exc.diagnostic, lang) from None
    for path in paths:
        typer.echo(f"wrote {path}")
