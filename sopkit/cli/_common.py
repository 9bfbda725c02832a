"""What every command shares: the Typer app, common options, failing with exit 2."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from sopkit import __version__


class _Commands(TyperGroup):
    """Typer checks a choice (``--format x``) with pydantic, whose message starts with its
    own "Value error, ": the user reads click's plain "'x' is not one of 'text', …"."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            exc.message = exc.message.removeprefix("Value error, ")
            raise


app = typer.Typer(
    cls=_Commands,
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Job descriptions, work instructions and inspection checklists as versioned YAML.",
)


LibArg = Annotated[
    Path | None,
    typer.Argument(
        help="Library folder (default: the current folder if it holds sopkit.yaml, else ./sops).",
        show_default=False,
    ),
]


LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang", metavar="zh-CN|en", help="Language of messages (default: the library's locale)."
    ),
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
    from sopkit.reporters import visible

    typer.echo(visible(f"sopkit: {message}"), err=True)
    return typer.Exit(code)


def _lang(option: str | None, library=None) -> str:
    from sopkit.locale import normalize_lang

    try:
        return normalize_lang(option or (library.config.locale if library else None))
    except ValueError:
        raise _fail(f"unknown language {option!r}: use zh-CN or en") from None


def _library_path(lib: Path | None) -> Path:
    """The library folder: as given, else ``.`` when it holds sopkit.yaml, else ``./sops``."""
    if lib is None:
        return Path(".") if Path("sopkit.yaml").is_file() else Path("sops")
    if lib.is_file():
        raise _fail(
            f"{lib} is a file: give the library folder that holds it, e.g. {lib.parent}"
            f" / {lib} 是文件:请指定它所在的文档库文件夹,例如 {lib.parent}"
        )
    return lib


def _near_folder(lib: Path) -> Path | None:
    """A folder beside ``lib`` with a name one slip away (``sopz`` → ``sops``), if any."""
    from difflib import get_close_matches

    parent = lib.parent
    try:
        names = [p.name for p in parent.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return None
    near = get_close_matches(lib.name, names, n=1, cutoff=0.75)
    return parent / near[0] if near else None


def _load(lib: Path | None):
    from sopkit.app import load_library
    from sopkit.documents.library import LibraryError
    from sopkit.documents.models.types import ID_RE

    try:
        return load_library(_library_path(lib))
    except LibraryError as exc:
        if lib is not None and not lib.exists() and (near := _near_folder(lib)):
            raise _fail(
                f"{lib}: no such folder; did you mean {near}? / 找不到文件夹 {lib}:是不是 {near}?"
            ) from None
        if lib is not None and not lib.exists() and ID_RE.match(str(lib)):
            default = _library_path(None)
            raise _fail(
                f"{lib} is not a folder: give the library folder (for example {default}), not a"
                f" document id; sopkit manual {default} --role {lib} prints one role's manual"
                f" / {lib} 不是文件夹:请写文档库文件夹(例如 {default}),而不是文档编号;"
                f"sopkit manual {default} --role {lib} 可生成单个岗位的手册"
            ) from None
        raise _fail(
            f"{exc} (give the library folder, or run sopkit in it)"
            " / 找不到文档库文件夹:请指定文档库文件夹,或在文档库中运行 sopkit"
        ) from None


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


def _write(fmt: str, value, lang: str = "en", **options) -> None:
    """Print ``value`` to stdout through the reporters' one ``{format: writer}`` registry."""
    from sopkit.reporters import write

    if fmt == "csv":  # the bytes of the CSV rule as they are: UTF-8, its BOM and CRLF
        sys.stdout.reconfigure(encoding="utf-8", newline="")
    write(fmt, value, sys.stdout, lang, **options)


def _could_not_run(diagnostic, lang: str) -> typer.Exit:
    """A diagnostic that stopped a command before it could finish: stderr, exit 2."""
    from sopkit.reporters import visible

    where = str(diagnostic.location)
    where = "" if where == "sopkit" else f"{where}: "  # no file: not "sopkit: sopkit: …"
    typer.echo(visible(f"sopkit: {where}{diagnostic.message(lang)}"), err=True)
    hint = diagnostic.hint(lang)
    if hint:
        typer.echo(visible(f"    {hint}"), err=True)
    return typer.Exit(2)


DateOpt = Annotated[
    str | None, typer.Option("--date", help="YYYY-MM-DD (default: today).", metavar="DATE")
]


def _date(value: str | None, option: str = "--date"):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{option} {value!r}: write a date as YYYY-MM-DD") from None


def _refused(report, lang: str | None, path: Path) -> typer.Exit:
    from sopkit.documents.library import library_locale
    from sopkit.reporters import write_report

    language = _lang(lang or library_locale(path.parent))
    write_report(report, sys.stdout, "text", language)
    return typer.Exit(1)


class DueFormat(StrEnum):
    table = "table"
    json = "json"
