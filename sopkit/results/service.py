"""What the results commands put together: the library, the store, the sheets."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, select, union
from sqlalchemy.exc import SQLAlchemyError

from sopkit.documents.library import Library
from sopkit.documents.models import Checklist
from sopkit.documents.suggest import closest
from sopkit.results.record import RecordOutcome, record
from sopkit.results.scored import Older, expand_inputs, score_for_record
from sopkit.results.sites import SiteIndex
from sopkit.results.store import StoreError, default_store, open_store, reason, shown
from sopkit.results.tables import actions, inspections


class UnknownFilter(ValueError):
    """A --site or --checklist that names nothing in the library nor the store (exit 2)."""


@contextmanager
def store_for(library: Library, db: str | None) -> Iterator[Engine]:
    """Open ``--db``, else the library's store (``results:`` in sopkit.yaml, else
    results.sqlite at its root); closed on leaving. Raises
    :class:`~sopkit.results.store.StoreError`."""
    where = db or default_store(library.root, library.config.results)
    engine = open_store(where)
    try:
        yield engine
    except SQLAlchemyError as exc:  # the server went away, a lock timed out, …
        raise StoreError(f"{shown(where)}: {reason(exc)}") from None
    finally:
        engine.dispose()


def record_inputs(
    library: Library,
    inputs: Sequence[str | Path],
    engine: Engine,
    *,
    missing: str = "error",
    progress: Callable[[int, int], None] | None = None,
    older: Older | None = None,
) -> RecordOutcome:
    """Score the files ``inputs`` name and record them (one transaction).

    Raises :class:`~sopkit.results.scored.NoInputError` for an input matching nothing and
    :class:`~sopkit.results.store.StoreError` when the store fails. ``older`` finds earlier
    versions of a checklist (``sopkit.app.checklist_history``): a form printed from one is
    scored by its rules and recorded with its version.
    """
    skipped: list[Path] = []
    paths = expand_inputs(inputs, skipped)
    broken = library.with_errors()
    usable = [c for c in library.checklists if c.id.lower() not in broken]
    found = score_for_record(paths, usable, broken=broken, missing=missing,
                             library_name=str(library.root), progress=progress,
                             skipped=skipped, older=older)  # fmt: skip
    return record(engine, found, usable, SiteIndex.of(library.sites))


def resolve_sites(library: Library, engine: Engine, written: Sequence[str]) -> list[str]:
    """``--site`` values as the store keeps them: a site's id, name or alias (sites.yaml)
    becomes its id, a name recorded as written matches whatever its case. Raises
    :class:`UnknownFilter`, with a did-you-mean, for one that names no site."""
    index = SiteIndex.of(library.sites)
    c = (inspections.c, actions.c)
    with engine.connect() as conn:
        stored = conn.execute(union(*(select(t.site) for t in c))).scalars().all()
    known = [s.id for s in index.sites] + [s for s in stored if not index.find(s)]
    out = []
    for text in written:
        site = index.find(text)
        found = site.id if site else next((k for k in known if k.lower() == text.lower()), "")
        if not found:
            spellings = [w for s in index.sites for w in s.spellings()] + known
            raise UnknownFilter(_unknown("--site", text, "site", closest(text, spellings)))
        out.append(found)
    return out


def resolve_checklists(library: Library, engine: Engine, written: Sequence[str]) -> list[str]:
    """``--checklist`` ids of the library or of the store (a checklist since removed)."""
    with engine.connect() as conn:
        stored = conn.execute(select(inspections.c.checklist).distinct()).scalars().all()
    known = [c.id for c in library.checklists] + list(stored)
    out = []
    for text in written:
        doc = library.get(text)
        found = doc.id if isinstance(doc, Checklist) else ""
        found = found or next((k for k in known if k.lower() == text.lower()), "")
        if not found:
            raise UnknownFilter(_unknown("--checklist", text, "checklist", closest(text, known)))
        out.append(found)
    return out


def _unknown(option: str, text: str, what: str, guess: str) -> str:
    tail = f"; did you mean {guess}?" if guess else ""
    return f"{option} {text}: no {what} {text} in the library or the results store{tail}"
