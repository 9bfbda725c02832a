"""What the results commands put together: the library, the store, the sheets."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from sopkit.documents.library import Library
from sopkit.results.record import RecordOutcome, record
from sopkit.results.scored import Older, expand_inputs, score_for_record
from sopkit.results.sites import SiteIndex
from sopkit.results.store import StoreError, default_store, open_store, reason, shown


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
