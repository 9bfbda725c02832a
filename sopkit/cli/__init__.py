"""The command line: one short function per command, over the library's functions.

Commands live beside the capability they drive (``documents``, ``manual``, ``checklist``,
``doccontrol``); this module registers them in the order ``sopkit --help`` lists them.
"""

from __future__ import annotations

import os
import sys

from sopkit.cli import checklist, doccontrol, documents, importer, manual, results
from sopkit.cli._common import app

__all__ = ["app", "main"]

app.command()(documents.validate)
app.command("list")(documents.list_)
app.command()(documents.schema)
app.command()(manual.build)
app.command()(manual.manual)
app.command()(checklist.checklist)
app.command()(checklist.score)
app.command()(doccontrol.diff)
app.command()(doccontrol.bump)
app.command()(doccontrol.approve)
app.command()(doccontrol.due)
app.command()(documents.new)
app.command()(documents.init)
app.command()(documents.coverage)
app.command()(results.record)
app.command()(results.report)
app.add_typer(results.actions, name="actions")
app.command("import")(importer.import_)


def _quiet_unraisable(info) -> None:
    # A workbook whose write failed (a full disk) is closed again when it is collected, and
    # fails again: that second failure is noise after the one line already printed.
    if not isinstance(info.exc_value, OSError):
        sys.__unraisablehook__(info)


def _could_not_write(exc: OSError) -> int:
    where = exc.filename or "cannot write the output"
    message = f"sopkit: {where}: {exc.strerror or exc}\n"
    try:
        sys.stderr.write(message)
        sys.stderr.flush()
    except OSError:
        pass
    # Whatever is still buffered for stdout would fail again at exit, with a traceback.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 2


def main() -> None:
    """The ``sopkit`` command. Writing to a full disk, ``/dev/full`` or a closed pipe is
    "could not run": exit 2 and one plain line, never a traceback."""
    sys.unraisablehook = _quiet_unraisable
    code: int | str | None = 0
    try:
        app()
    except SystemExit as exc:
        code = exc.code
    except OSError as exc:
        code = _could_not_write(exc)
    try:
        sys.stdout.flush()
    except OSError as exc:
        code = _could_not_write(exc)
    sys.exit(code)
