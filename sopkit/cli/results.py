"""Commands over the inspection history: record, report, actions."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sopkit.cli._common import LangOpt, TableFormat, _date, _fail, _lang, _load
from sopkit.cli.checklist import MissingMode

LibOpt = Annotated[
    Path | None,
    typer.Option("--lib", help="Library folder (default: as for validate).", show_default=False),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Results store: a SQLite file or a URL such as postgresql://user@host/db "
        "(default: results: in sopkit.yaml, else results.sqlite in the library).",
        show_default=False,
    ),
]
SiteOpt = Annotated[
    list[str] | None,
    typer.Option("--site", metavar="ID", help="Only this site id (repeat for several)."),
]
TodayOpt = Annotated[
    str | None,
    typer.Option("--today", metavar="DATE", help="Count overdue actions on this day (YYYY-MM-DD)."),
]


@contextmanager
def _store(library, db: str | None, *, create: bool = False):
    """The store, closed when the command is done; a store that cannot be opened: exit 2.
    Only ``record`` creates a SQLite store: elsewhere a missing one is a slip in --db or --lib,
    not an empty history."""
    from sopkit.results.service import store_for
    from sopkit.results.store import StoreError, default_store, is_url

    where = db or default_store(library.root, library.config.results)
    if not create and not is_url(where) and not Path(where).exists():
        raise _fail(
            f"{where} does not exist: no results store there yet; record inspections first"
            f" (sopkit record FILES --lib {library.root}), or give --db the store's path"
            f" / {where} 处没有检查结果库:请先用 sopkit record 记录检查表,或用 --db 指定结果库"
        )
    try:
        with store_for(library, db) as engine:
            yield engine
    except StoreError as exc:
        raise _fail(str(exc)) from None


def _with_store(library, db: str | None, call, *, create: bool = False, refused=(), path=None):
    """``call(engine)`` on the open store, closed after: the one place where what stops a
    command becomes exit 2 and one plain line — a store that cannot be opened, one of the
    library's ``refused`` exceptions (its text), a file that cannot be read or written
    (named ``path`` when the command knows it, as a temporary file's name means nothing)."""
    try:
        with _store(library, db, create=create) as engine:
            return call(engine)
    except refused as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"{path or exc.filename}: {exc.strerror or exc}") from None


class RecordFormat(StrEnum):
    text = "text"
    json = "json"


def record(
    inputs: Annotated[
        list[str], typer.Argument(help="Filled checklists: files, folders or glob patterns.")
    ],
    lib: LibOpt = None,
    db: DbOpt = None,
    fmt: Annotated[RecordFormat, typer.Option("--format", "-f")] = RecordFormat.text,
    missing: Annotated[
        MissingMode,
        typer.Option(help="Unanswered items: error (sheet not recorded), fail (0 points), na."),
    ] = MissingMode.error,
    lang: LangOpt = None,
) -> None:
    """Score filled checklists and store them in the results store; exit 1 when a sheet
    could not be recorded."""
    from sopkit.app import checklist_history
    from sopkit.results.scored import NoInputError
    from sopkit.results.service import record_inputs

    library = _load(lib)
    lang = _lang(lang, library)
    outcome = _with_store(
        library, db, create=True, refused=(NoInputError,),
        call=lambda engine: record_inputs(library, inputs, engine, missing=missing.value,
                                          older=checklist_history(library)),
    )  # fmt: skip
    if fmt is RecordFormat.json:
        json.dump(outcome.to_dict(lang), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from sopkit.locale import label
        from sopkit.reporters import diagnostic_text

        for d in sorted(outcome.diagnostics, key=lambda d: d.sort_key()):
            typer.echo(diagnostic_text(d, lang))
        data = outcome.to_dict(lang)
        typer.echo(label("record.summary", lang).format(**data))
    raise typer.Exit(1 if outcome.count("not-recorded") else 0)


class JsonFormat(StrEnum):
    json = "json"


class Period(StrEnum):
    month = "month"
    week = "week"


def report(
    lib: LibOpt = None,
    db: DbOpt = None,
    start: Annotated[str | None, typer.Option("--from", metavar="DATE")] = None,
    end: Annotated[str | None, typer.Option("--to", metavar="DATE")] = None,
    period: Annotated[Period, typer.Option("--period")] = Period.month,
    sites: SiteOpt = None,
    checklists: Annotated[
        list[str] | None,
        typer.Option("--checklist", metavar="ID", help="Only this checklist (repeatable)."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write FILE: .html, .pdf, .xlsx or .json.")
    ] = None,
    fmt: Annotated[
        JsonFormat | None, typer.Option("--format", help="Print the report as JSON.")
    ] = None,
    recurring: Annotated[
        int, typer.Option(min=2, help="Consecutive failures that make a recurring failure.")
    ] = 3,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """Monthly (or weekly) report of the results store: scores, trends, most-failed items,
    recurring failures, missing inspections, corrective actions."""
    from datetime import date

    from sopkit.results.queries import Filters
    from sopkit.results.render import RenderError, write_report_file
    from sopkit.results.report import build_report
    from sopkit.results.service import UnknownFilter, resolve_checklists, resolve_sites
    from sopkit.results.sites import SiteIndex

    if out is None and fmt is None:
        raise _fail("give -o FILE (.html, .pdf, .xlsx, .json) or --format json")
    if out is not None and out.suffix.lower() not in (".html", ".pdf", ".xlsx", ".json"):
        raise _fail(f"-o {out}: name the file .html, .pdf, .xlsx or .json")
    library = _load(lib)
    lang = _lang(lang, library)
    f = Filters(_date(start, "--from"), _date(end, "--to"), period.value)
    on = _date(today, "--today") or date.today()

    def call(engine):
        f.sites = resolve_sites(library, engine, sites or [])
        f.checklists = resolve_checklists(library, engine, checklists or [])
        return build_report(engine, f, checklists=library.checklists, today=on,
                            procedures=library.procedures, sites=SiteIndex.of(library.sites),
                            recurring=recurring)  # fmt: skip

    data = _with_store(library, db, call, refused=(UnknownFilter,))
    if out is None:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    try:
        write_report_file(data, out, lang=lang, organization=library.config.organization)
    except RenderError as exc:
        raise _fail(str(exc)) from None
    typer.echo(f"wrote {out}", err=True)


actions = typer.Typer(
    no_args_is_help=False, invoke_without_command=True,
    help="Corrective actions (整改): list, close, export the notice, import it back.",
)  # fmt: skip


@actions.callback()
def actions_list(
    ctx: typer.Context,
    lib: LibOpt = None,
    db: DbOpt = None,
    only_open: Annotated[bool, typer.Option("--open", help="Open actions (overdue too).")] = False,
    overdue: Annotated[bool, typer.Option("--overdue", help="Overdue actions only.")] = False,
    sites: SiteOpt = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.table,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """List corrective actions (without a sub-command)."""
    from datetime import date

    from sopkit.cli._common import _write
    from sopkit.results.actions import actions_table, list_actions
    from sopkit.results.service import UnknownFilter, resolve_sites

    if ctx.invoked_subcommand is not None:
        return
    library = _load(lib)
    lang = _lang(lang, library)
    status = "overdue" if overdue else "open" if only_open else None
    on = _date(today, "--today") or date.today()
    found = _with_store(library, db, lambda engine: list_actions(
        engine, today=on, status=status,
        sites=resolve_sites(library, engine, sites) if sites else None),
        refused=(UnknownFilter,))  # fmt: skip
    _write(fmt.value, actions_table(found, lang), lang)


@actions.command("close")
def actions_close(
    action_id: Annotated[int, typer.Argument(metavar="ID")],
    by: Annotated[str, typer.Option("--by", help="Who confirms the correction.")],
    note: Annotated[str | None, typer.Option("--note", help="What was done.")] = None,
    lib: LibOpt = None,
    db: DbOpt = None,
    day: Annotated[str | None, typer.Option("--date", metavar="DATE")] = None,
    lang: LangOpt = None,
) -> None:
    """Close a corrective action by hand."""
    from datetime import date

    from sopkit.locale import label
    from sopkit.results.actions import ActionError, UnknownAction, close_action

    library = _load(lib)
    lang = _lang(lang, library)
    on = _date(day) or date.today()
    try:
        done = _with_store(library, db, lambda engine: close_action(
            engine, action_id, by=by, note=note, on=on), refused=(UnknownAction,))  # fmt: skip
    except ActionError as exc:  # already closed
        raise _fail(str(exc), 1) from None
    typer.echo(label("notice.closed_one", lang).format(
        id=done.id, site=done.site, checklist=done.checklist, item=done.item))  # fmt: skip


@actions.command("export")
def actions_export(
    site: Annotated[str, typer.Option("--site", help="The site whose notice to write.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The notice (.xlsx).")],
    lib: LibOpt = None,
    db: DbOpt = None,
    today: TodayOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write a site's 整改通知单 (open actions, with status, date and note to fill in)."""
    from datetime import date

    from sopkit.results.notice import write_notice
    from sopkit.results.service import UnknownFilter, resolve_sites

    library = _load(lib)
    lang = _lang(lang, library)
    on = _date(today, "--today") or date.today()
    n = _with_store(library, db, path=out, refused=(UnknownFilter,), call=lambda engine: (
        write_notice(engine, library, *resolve_sites(library, engine, [site]), out, today=on,
                     lang=lang)))  # fmt: skip
    typer.echo(f"wrote {out} ({n})", err=True)
    if n == 0:  # nothing open at this site: say so rather than an empty form
        from sopkit.locale import label

        typer.echo("    " + label("notice.empty", lang).format(site=site), err=True)


@actions.command("import")
def actions_import(
    notice: Annotated[Path, typer.Argument(help="A filled 整改通知单 (.xlsx, .ods).")],
    lib: LibOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Read a filled 整改通知单 back: rows marked closed close their actions."""
    from sopkit.results.notice import NoticeError, read_notice

    library = _load(lib)
    lang = _lang(lang, library)
    closed, diags = _with_store(library, db, lambda engine: read_notice(engine, notice),
                                refused=(NoticeError,), path=notice)  # fmt: skip
    from sopkit.reporters import diagnostic_text

    for d in diags:
        typer.echo(diagnostic_text(d, lang))
    from sopkit.locale import label

    ids = ", ".join(map(str, closed)) or "-"
    typer.echo(label("notice.imported", lang).format(count=len(closed), ids=ids))
    raise typer.Exit(1 if diags else 0)
