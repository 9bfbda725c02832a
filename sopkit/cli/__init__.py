"""The command line: one short function per command, over the library's functions.

Commands live beside the capability they drive (``documents``, ``manual``, ``checklist``,
``doccontrol``); this module registers them in the order ``sopkit --help`` lists them.
"""

from __future__ import annotations

from sopkit.cli import checklist, doccontrol, documents, importer, manual
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
app.command("import")(importer.import_)


def main() -> None:
    app()
