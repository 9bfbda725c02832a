"""Semantic diff: what changed between two versions of a document or of a library.

Pure: documents (validated models) in, :class:`~sopkit.doccontrol.changes.Change` values out.
Two versions are compared as data, so re-indenting a file, re-quoting a value or moving a
comment is no change at all. List elements are matched by id where they have one (steps,
records, items), by a natural key otherwise (a duty's area, a KPI's name, a relation's
party), then by content (:mod:`sopkit.doccontrol.matching`): an element whose text is close
enough to one on the other side is *changed*, not removed and added. Steps are named by the
number the reader sees (2.1.3, from :meth:`Procedure.walk`). What is compared part by part
is :mod:`sopkit.doccontrol.differ`; the changes and how they print,
:mod:`sopkit.doccontrol.changes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sopkit.diagnostics import Diagnostic, Location, Severity
from sopkit.doccontrol.changes import DiffResult, DocumentDiff
from sopkit.doccontrol.differ import compare
from sopkit.documents.models import Document
from sopkit.documents.models.types import version_key
from sopkit.documents.source import LoadError, Source, load_file, locate


def diff_documents(
    old: Document | None,
    new: Document | None,
    *,
    old_file: str | None = None,
    new_file: str | None = None,
) -> DocumentDiff:
    """Every change from ``old`` to ``new`` (either may be ``None``: added / removed)."""
    doc = new or old
    if doc is None:
        raise ValueError("diff_documents needs at least one document")
    out = DocumentDiff(
        id=doc.id,
        kind=doc.kind,
        title=doc.title,
        status="changed",
        old_version=old.version if old else None,
        new_version=new.version if new else None,
        old_file=old_file,
        new_file=new_file,
    )
    if old is None or new is None:
        out.status = "added" if old is None else "removed"
        return out
    if old == new:  # the usual case in a library: no need to look closer
        out.status = "unchanged"
        return out
    out.changes = compare(old, new)
    if not out.changes:
        out.status = "unchanged"
    return out


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a comparison: a document and where it came from (``source`` is optional,
    used to locate warnings)."""

    doc: Document
    file: str
    source: Source | None = None


def diff_sides(old: Sequence[Side], new: Sequence[Side]) -> DiffResult:
    """Compare two sets of documents, matched by id (ignoring case)."""
    old_by = {s.doc.id.lower(): s for s in old}
    new_by = {s.doc.id.lower(): s for s in new}
    docs: list[DocumentDiff] = []
    warnings: list[Diagnostic] = []
    order = {"role": 0, "procedure": 1, "checklist": 2}
    keys = sorted(
        set(old_by) | set(new_by),
        key=lambda k: (order.get((new_by.get(k) or old_by[k]).doc.kind, 3), k),
    )
    for key in keys:
        a, b = old_by.get(key), new_by.get(key)
        result = diff_documents(
            a.doc if a else None,
            b.doc if b else None,
            old_file=a.file if a else None,
            new_file=b.file if b else None,
        )
        docs.append(result)
        if a and b:
            warnings.extend(version_warnings(result, a.doc, b))
    return DiffResult(docs, warnings)


def diff_pair(old: Side, new: Side) -> DiffResult:
    """Compare two documents whatever their ids (two files given by the user)."""
    result = diff_documents(old.doc, new.doc, old_file=old.file, new_file=new.file)
    return DiffResult([result], version_warnings(result, old.doc, new))


def version_warnings(result: DocumentDiff, old: Document, new: Side) -> list[Diagnostic]:
    """Warn when the content changed but the version was not raised."""
    if not result.content_changed:
        return []
    before, after = version_key(old.version), version_key(new.doc.version)
    if after == before:
        code, args = "version-unchanged", {"id": new.doc.id, "version": new.doc.version}
    elif before[0] == after[0] and after[1] < before[1]:
        code = "version-not-newer"
        args = {"id": new.doc.id, "old": old.version, "new": new.doc.version}
    else:
        return []
    source = new.source
    if source is None:  # libraries keep no node trees: parse this one file again
        try:
            source = load_file(new.file)
        except (LoadError, OSError):
            source = None
    pos = locate(source.root, ("version",)) if source else None
    line, col = pos if pos else (None, None)
    return [Diagnostic(code, Location(new.file, line, col), args, Severity.WARNING)]
