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
    typer.echo(f"sopkit: {message}", err=True)
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


def _load(lib: Path | None):
    from sopkit.app import load_library
    from sopkit.documents.library import LibraryError

    try:
        return load_library(_library_path(lib))
    except LibraryError as exc:
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


@app.command()
def validate(
    lib: LibArg = None,
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
    lib: LibArg = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    lang: LangOpt = None,
) -> None:
    """Inventory: id, kind, title, version, effective date, status, file."""
    from sopkit.documents.inventory import columns, inventory
    from sopkit.reporters import write_report

    library = _load(lib)
    lang = _lang(lang, library)
    if not library.report.ok():  # documents with errors are missing from the list: say why
        write_report(library.report, sys.stderr, "text", lang)
    _write_table(inventory(library), columns(lang), fmt.value)
    raise typer.Exit(0 if library.report.ok() else 1)


def _write_table(rows, cols, fmt: str) -> None:
    from sopkit.reporters import write_table

    if fmt == "csv":  # for Excel on Chinese Windows: UTF-8 with a BOM
        sys.stdout.reconfigure(encoding="utf-8", newline="")
        sys.stdout.write("\ufeff")
    write_table(rows, cols, sys.stdout, fmt)


@app.command()
def schema(
    kind: Annotated[
        str | None, typer.Argument(help="role, procedure, checklist or config.")
    ] = None,
) -> None:
    """Print the JSON Schema (2020-12) of the documents, for editor completion."""
    from sopkit.documents.schema import SCHEMA_KINDS, json_schema

    if kind is not None and kind not in SCHEMA_KINDS:
        raise _fail(f"unknown kind {kind!r}: use one of {', '.join(SCHEMA_KINDS)}")
    typer.echo(json.dumps(json_schema(kind), ensure_ascii=False, indent=2))


@app.command()
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


class ManualFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"


def _could_not_run(diagnostic, lang: str) -> typer.Exit:
    """A diagnostic that stopped a command before it could finish: stderr, exit 2."""
    typer.echo(f"sopkit: {diagnostic.location}: {diagnostic.message(lang)}", err=True)
    hint = diagnostic.hint(lang)
    if hint:
        typer.echo(f"    {hint}", err=True)
    return typer.Exit(2)


@app.command()
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
    library = _load(lib)
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


class MissingMode(StrEnum):
    error = "error"
    fail = "fail"
    na = "na"


@app.command()
def checklist(
    lib: LibArg = None,
    ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="ID", help="Checklist ids (default: all).", show_default=False),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path(
        "build/checklists"
    ),
    lang: LangOpt = None,
    site: Annotated[str | None, typer.Option(help="Pre-fill the site.")] = None,
    inspector: Annotated[str | None, typer.Option(help="Pre-fill the inspector.")] = None,
    day: Annotated[
        str | None, typer.Option("--date", help="Pre-fill the inspection date (YYYY-MM-DD).")
    ] = None,
    sites: Annotated[
        Path | None, typer.Option(help="Text file, one site per line: one workbook per site.")
    ] = None,
) -> None:
    """Write Excel checklists (.xlsx) for inspectors to fill in."""
    from datetime import date

    from sopkit.checklist.form import read_sites, status_notices, write_checklists
    from sopkit.reporters import write_report

    library = _load(lib)
    lang = _lang(lang, library)
    if not library.report.ok():
        write_report(library.report, sys.stdout, "text", lang)
        raise typer.Exit(1)
    chosen = library.checklists
    if ids:
        from sopkit.documents.models import Checklist

        unknown = [i for i in ids if not isinstance(library.get(i), Checklist)]
        if unknown:
            raise _fail(f"no checklist {', '.join(unknown)} in {library.root}")
        chosen = [library.get(i) for i in dict.fromkeys(ids)]
    try:
        when = date.fromisoformat(day) if day else None
    except ValueError:
        raise _fail(f"--date {day!r}: write the date as YYYY-MM-DD") from None
    if site and sites:
        raise _fail("use either --site or --sites, not both")
    try:
        site_list = read_sites(sites) if sites else ([site] if site else [])
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"--sites {sites}: {exc}") from None
    try:
        paths = write_checklists(chosen, out, organization=library.config.organization,
                                 lang=lang, sites=site_list, inspector=inspector,
                                 day=when)  # fmt: skip
    except OSError as exc:
        raise _fail(f"cannot write into {out}: {exc.strerror or exc}") from None
    for path in paths:
        typer.echo(f"wrote {path}")
    for d in status_notices(chosen, library.path_of):  # drafts and retired checklists
        typer.echo(f"{d.location}: {d.severity}[{d.code}]: {d.message(lang)}", err=True)
        typer.echo(f"    {d.hint(lang)}", err=True)


def _progress(total: int):
    """A progress bar on stderr for long batches on a terminal; ``None`` when piped."""
    if total < 20 or not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task("score", total=total)
    bar.start()
    return bar, lambda done, _total: bar.update(task, completed=done)


@app.command()
def score(
    inputs: Annotated[
        list[str], typer.Argument(help="Filled checklists: files, folders or glob patterns.")
    ],
    lib: Annotated[
        Path | None,
        typer.Option(
            "--lib", help="Library folder (default: as for validate).", show_default=False
        ),
    ] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    missing: Annotated[
        MissingMode,
        typer.Option(help="Unanswered items: error (sheet not scored), fail (0 points), na."),
    ] = MissingMode.error,
    out: Annotated[
        Path | None, typer.Option("--out", help="Also write a summary workbook (.xlsx).")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Score filled checklists; exit 1 when a sheet cannot be scored."""
    from sopkit.checklist.batch import NoInputError, expand_inputs, score_paths
    from sopkit.checklist.summary import write_scores, write_summary_workbook

    if out is not None and out.suffix.lower() != ".xlsx":
        raise _fail(f"--out {out}: the summary is a workbook, name it *.xlsx")
    library = _load(lib)
    lang = _lang(lang, library)
    try:
        paths = expand_inputs(inputs)
    except NoInputError as exc:
        raise _fail(f"{exc}: no such file, folder or matching file") from None
    if not paths:
        raise _fail(f"no checklist files in {' '.join(inputs)}")
    broken = library.with_errors()
    names = ", ".join(c.id for c in library.checklists if c.id.lower() in broken)
    if names:
        typer.echo(f"sopkit: {library.root} has errors (see 'sopkit validate'); sheets of "
                   f"checklists with errors are not scored: {names}", err=True)  # fmt: skip
    usable = [c for c in library.checklists if c.id.lower() not in broken]
    bar, progress = _progress(len(paths))
    try:
        scores = score_paths(paths, usable, missing=missing.value, broken=broken,
                             library_name=str(library.root), progress=progress)  # fmt: skip
    finally:
        if bar is not None:
            bar.stop()
    if fmt is TableFormat.csv:
        sys.stdout.reconfigure(encoding="utf-8", newline="")
    write_scores(scores, sys.stdout, fmt.value, lang)
    if out is not None:
        by_id = {c.id.lower(): c for c in library.checklists}
        try:
            write_summary_workbook(scores, out, by_id, lang)
        except OSError as exc:
            raise _fail(f"--out {out}: {exc.strerror or exc}") from None
        typer.echo(f"wrote {out}", err=True)
    raise typer.Exit(0 if all(s.ok for s in scores) else 1)


# --- document control (sopkit/diff.py, bump.py, approve.py, due.py, scaffold.py, coverage.py) --


class DiffFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class DueFormat(StrEnum):
    table = "table"
    json = "json"


class Kind(StrEnum):
    role = "role"
    procedure = "procedure"
    checklist = "checklist"


class ApprovalRole(StrEnum):
    approved = "approved"
    reviewed = "reviewed"


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
    from sopkit.documents.scaffold import library_locale
    from sopkit.reporters import write_report

    language = _lang(lang or library_locale(path.parent))
    write_report(report, sys.stdout, "text", language)
    return typer.Exit(1)


@app.command()
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
    from sopkit.doccontrol.diff import render_markdown, render_text
    from sopkit.documents.scaffold import library_locale
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
    if fmt is DiffFormat.json:
        typer.echo(json.dumps(result.to_dict(language), ensure_ascii=False, indent=2))
    elif fmt is DiffFormat.markdown:
        sys.stdout.write(render_markdown(result, language))
    else:
        sys.stdout.write(render_text(result, language))
    raise typer.Exit(1 if exit_code and result.changed else 0)


@app.command()
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
    from sopkit.doccontrol.bump import EditRefused
    from sopkit.doccontrol.bump import bump as run_bump

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


@app.command()
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
    from sopkit.doccontrol.bump import EditRefused
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
        from sopkit.documents.scaffold import library_locale

        write_report(Report(result.warnings, 1), sys.stdout, "text",
                     _lang(lang or library_locale(file.parent)))  # fmt: skip


@app.command()
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
    from sopkit.reporters import write_table

    when = _date(today, "--today")
    try:
        horizon(_date("2000-01-01"), within)
    except ValueError:
        raise _fail(f"--within {within!r}: write a duration such as 30d, 2w, 3m or 1y") from None
    library = _load(lib)
    rows = find_due(library, today=when, within=within)
    if fmt is DueFormat.json:
        typer.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
    elif rows:
        language = _lang(lang, library)
        write_table(table_rows(rows, language), columns(language), sys.stdout, "table")
    else:
        from sopkit.locale import label

        typer.echo(label("due.none", _lang(lang, library)))
    raise typer.Exit(1 if rows else 0)


@app.command()
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


@app.command()
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


@app.command()
def coverage(
    lib: LibArg = None,
    fmt: Annotated[DueFormat, typer.Option("--format", "-f")] = DueFormat.table,
    lang: LangOpt = None,
) -> None:
    """Role × procedure matrix, steps no checklist inspects, items linked to no step,
    roles with no procedure."""
    from sopkit.documents.coverage import coverage as build_coverage
    from sopkit.documents.coverage import render_table

    library = _load(lib)
    result = build_coverage(library)
    if fmt is DueFormat.json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_table(result, _lang(lang, library)))
    raise typer.Exit(0 if library.report.ok() else 1)


def main() -> None:
    app()
