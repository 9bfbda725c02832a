"""Commands over inspection forms: checklist and score."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sopkit.atomic import same_file
from sopkit.cli._common import LangOpt, LibArg, TableFormat, _fail, _lang, _load


class MissingMode(StrEnum):
    error = "error"
    fail = "fail"
    na = "na"


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
        Path | None,
        typer.Option(
            help="sites.yaml, or a text file with one site per line: a workbook per site."
        ),
    ] = None,
) -> None:
    """Write Excel checklists (.xlsx) for inspectors to fill in."""
    from datetime import date

    from sopkit.checklist.writer import status_notices, write_checklists
    from sopkit.reporters import diagnostic_text, write_report

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
        site_list = _site_names(library, sites, lang) if sites else ([site] if site else [])
    except (OSError, ValueError) as exc:
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
        typer.echo(diagnostic_text(d, lang), err=True)


def _site_names(library, path: Path, lang: str) -> list[str]:
    """Sites to write forms for: the names in a sites.yaml, else one per line of a text file."""
    from sopkit.checklist.writer import read_sites
    from sopkit.documents.library import load_sites_file
    from sopkit.reporters import write_report

    if not path.exists():
        raise _fail(f"--sites {path}: no such file / 找不到文件 {path}")
    if path.suffix.lower() not in (".yaml", ".yml"):
        return read_sites(path)
    found, report = load_sites_file(library, path)
    if found is None or not report.ok():
        write_report(report, sys.stdout, "text", lang)
        raise typer.Exit(1)
    return [s.name for s in found.sites]


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
    include_drafts: Annotated[
        bool,
        typer.Option(
            "--include-drafts",
            help="Count sheets of draft or retired checklists in the summary figures.",
        ),
    ] = False,
) -> None:
    """Score filled checklists; exit 1 when a sheet cannot be scored."""
    from sopkit.checklist.batch import NoInputError, expand_inputs, score_paths
    from sopkit.checklist.summary import write_scores, write_summary_workbook

    if out is not None and out.suffix.lower() != ".xlsx":
        raise _fail(f"--out {out}: the summary is a workbook, name it *.xlsx")
    library = _load(lib)
    lang = _lang(lang, library)
    skipped: list[Path] = []
    try:
        paths = expand_inputs(inputs, skipped)
    except NoInputError as exc:
        raise _fail(str(exc)) from None
    if not paths and not skipped:
        raise _fail(f"no checklist files in {' '.join(inputs)}")
    clash = same_file(out, paths) if out is not None else None
    if clash is not None:
        raise _fail(f"--out {out} is {clash}, a checklist being scored: name the summary "
                    "another file / --out 不能是被评分的检查表,请换一个文件名")  # fmt: skip
    broken = library.with_errors()
    names = ", ".join(c.id for c in library.checklists if c.id.lower() in broken)
    if names:
        typer.echo(f"sopkit: {library.root} has errors (see 'sopkit validate'); sheets of "
                   f"checklists with errors are not scored: {names}", err=True)  # fmt: skip
    usable = [c for c in library.checklists if c.id.lower() not in broken]
    options = {"missing": missing.value, "broken": broken, "library_name": str(library.root),
               "skipped_files": skipped}  # fmt: skip
    if fmt is TableFormat.json:  # each sheet's JSON object encoded by the worker scoring it
        options["json_lang"] = lang
    bar, progress = _progress(len(paths))
    try:
        scores = score_paths(paths, usable, progress=progress, **options)
    finally:
        if bar is not None:
            bar.stop()
    if any(s.status == "outdated" for s in scores):  # forms of older versions: git history
        from sopkit.app import checklist_history

        scores = score_paths(paths, usable, older=checklist_history(library), **options)
    if fmt is TableFormat.csv:
        sys.stdout.reconfigure(encoding="utf-8", newline="")
    write_scores(scores, sys.stdout, fmt.value, lang, include_drafts)
    if out is not None:
        by_id = {c.id.lower(): c for c in library.checklists}
        try:
            write_summary_workbook(scores, out, by_id, lang, include_drafts)
        except OSError as exc:
            raise _fail(f"--out {out}: {exc.strerror or exc}") from None
        typer.echo(f"wrote {out}", err=True)
    raise typer.Exit(0 if all(s.ok or s.status == "skipped" for s in scores) else 1)


# --- document control (sopkit/diff.py, bump.py, approve.py, due.py, scaffold.py, coverage.py) --
