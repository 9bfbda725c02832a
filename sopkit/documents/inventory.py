"""The inventory table behind ``sopkit list``."""

from __future__ import annotations

from sopkit.documents.library import Library
from sopkit.locale import label

KEYS = ("id", "kind", "title", "version", "effective", "status", "file")


def columns(lang: str) -> list[tuple[str, str]]:
    """The inventory's (key, header) pairs, headers in ``lang``."""
    return [(key, label(f"inventory.{key}", lang)) for key in KEYS]


def inventory(library: Library) -> list[dict[str, str]]:
    """One row per valid document, sorted by kind then id."""
    order = {"role": 0, "procedure": 1, "checklist": 2}
    rows = [
        {
            "id": e.doc.id,
            "kind": e.doc.kind,
            "title": e.doc.title,
            "version": e.doc.version,
            "effective": e.doc.effective.isoformat(),
            "status": e.doc.status,
            "file": e.path,
        }
        for e in library.entries
        if e.doc is not None
    ]
    return sorted(rows, key=lambda r: (order[r["kind"]], r["id"].lower()))
