"""Score filled checklist files: paths in, one :class:`SheetScore` per file out.

Each file is read (:mod:`sopkit.checklist.reader`), matched to its checklist in the library (the
source of truth for points and types), its answers parsed (:mod:`sopkit.checklist.answers`) and
scored (:mod:`sopkit.checklist.scoring`). Whatever goes wrong with one file becomes that file's
status and diagnostics; the batch always goes on. Inputs are only ever opened for reading.
"""

from __future__ import annotations

import gc
import glob
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sopkit.checklist.jsonout import encode
from sopkit.checklist.meta import form_fingerprint
from sopkit.checklist.reader import READABLE, SheetError, label_index, read_workbook
from sopkit.checklist.scoring import ItemResult, Plan, Spec, plan, raw_result
from sopkit.checklist.sheet import (
    FILE_STATUSES,
    Hooks,
    Older,
    SheetScore,
    at,
    flag_duplicates,
    score_filled,
)
from sopkit.diagnostics import Severity
from sopkit.documents.models.checklist import Checklist
from sopkit.safeio import display_name

__all__ = ["FILE_STATUSES", "SheetScore", "score_filled"]  # scored sheets, re-exported
PARALLEL_THRESHOLD = 24  # below this many files a worker pool costs more than it saves
_UNREADABLE = {
    "file-empty", "file-corrupt", "file-encrypted", "file-format", "file-word", "unreadable",
    "file-csv-encoding",
    "file-too-large", "sheet-too-large", "file-unpacks-too-large",
}  # fmt: skip


class NoInputError(Exception):
    """A path or pattern on the command line matched nothing (exit 2)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.input = text

    def __str__(self) -> str:
        return f"{self.input}: no such file, folder or matching file"


# --- what a batch remembers -------------------------------------------------------------
#
# The one place for speed (see ``CACHED``): scoring.py stays pure, and this module keeps,
# per process, what every sheet of a checklist shares. Keys hold object ids, so each cache keeps its
# checklists alive and is cleared as a whole when it grows.

_CACHE_LIMIT = 256
_RESULT_LIMIT = 1 << 16  # distinct (item, answer) pairs; NaN never matches itself
_FINGERPRINTS: dict[int, tuple[Checklist, str]] = {}
_PLANS: dict[int, tuple[Checklist, Plan]] = {}
_RESULTS: dict[tuple, ItemResult] = {}


def fingerprint(checklist: Checklist) -> str:
    """:func:`~sopkit.checklist.meta.form_fingerprint`, once per checklist object."""
    cached = _FINGERPRINTS.get(id(checklist))
    if cached is not None and cached[0] is checklist:
        return cached[1]
    value = form_fingerprint(checklist)
    if len(_FINGERPRINTS) >= _CACHE_LIMIT:
        _FINGERPRINTS.clear()
    _FINGERPRINTS[id(checklist)] = (checklist, value)
    return value


def plan_of(checklist: Checklist) -> Plan:
    """:func:`~sopkit.checklist.scoring.plan`, once per checklist object."""
    cached = _PLANS.get(id(checklist))
    if cached is not None and cached[0] is checklist:
        return cached[1]
    if len(_PLANS) >= _CACHE_LIMIT:
        _PLANS.clear()
        _RESULTS.clear()  # keyed by the ids of the plans' specs
    value = plan(checklist)
    _PLANS[id(checklist)] = (checklist, value)
    return value


def memo_result(spec: Spec, raw: Any, missing: str) -> ItemResult:
    """:func:`~sopkit.checklist.scoring.raw_result`, once per distinct answer to an item.

    A batch of sheets holds few distinct answers per item ("合格", 0, 10 …); the same
    :class:`ItemResult` objects, shared by many results, also pickle once per chunk from a
    worker process.
    """
    cls = raw.__class__
    # -0.0 == 0.0 but is shown as "-0": the only equal floats that look different.
    key = (id(spec), cls, raw if cls is not float or raw else repr(raw), missing)
    result = _RESULTS.get(key)
    if result is None:
        if len(_RESULTS) >= _RESULT_LIMIT:
            _RESULTS.clear()
        result = _RESULTS[key] = raw_result(spec, raw, missing)
    return result


_ADDRESSES: dict[tuple[str, str], list[str]] = {}


def shared_addresses(sheet: str, letter: str, rows: int) -> list[str]:
    """:func:`~sopkit.checklist.reader.addresses`, made once per process, sheet name and
    column: the same strings in every result pickle once per chunk from a worker."""
    known = _ADDRESSES.get((sheet, letter))
    if known is None:
        if len(_ADDRESSES) >= 64:  # .csv files: a sheet name per file
            _ADDRESSES.clear()
        known = _ADDRESSES[sheet, letter] = []
    if len(known) < rows:
        known.extend(f"{sheet}!{letter}{r + 1}" for r in range(len(known), rows))
    return known


CACHED = Hooks(plan_of, fingerprint, memo_result)


# --- finding the files -----------------------------------------------------------------


def is_lock_file(path: Path) -> bool:
    """Office (``~$x.xlsx``) and LibreOffice (``.~lock.x.xlsx#``) lock files."""
    return path.name.startswith(("~$", ".~lock."))


def expand_inputs(inputs: Sequence[str | Path], skipped: list[Path] | None = None) -> list[Path]:
    """Files named by ``inputs`` (files, folders searched recursively, glob patterns).

    Lock files and hidden files in folders are left out; the result is sorted and unique.
    Other files in folders that are not workbooks (a PDF scan, a photo, notes) are added to
    ``skipped``, so that a report can name them. Raises :class:`NoInputError` naming the
    first input that matches nothing.
    """
    found: set[Path] = set()
    for raw in inputs:
        text = str(raw)
        path = Path(text)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                for name in filenames:
                    candidate = Path(dirpath, name)
                    if name.startswith(".") or is_lock_file(candidate):
                        continue
                    if candidate.suffix.lower() in READABLE:
                        found.add(candidate)
                    elif skipped is not None:
                        skipped.append(candidate)
        elif path.is_file():
            if not is_lock_file(path):
                found.add(path)
        elif glob.has_magic(text):
            matches = [Path(p) for p in glob.glob(text, recursive=True)]
            matches = [p for p in matches if p.is_file() and not is_lock_file(p)]
            if not matches:
                raise NoInputError(text)
            found.update(matches)
        else:
            raise NoInputError(text)
    if skipped is not None:
        skipped.sort(key=str)
    return _unique(found)


def _unique(paths: Iterable[Path]) -> list[Path]:
    """One path per file: ``form.xlsx``, ``./form.xlsx``, its absolute path or a link to
    it are the same inspection, scored once (the shortest name is kept)."""
    seen: dict[object, Path] = {}
    for path in sorted(paths, key=lambda p: (len(str(p)), str(p))):
        try:
            info = os.stat(path)
            key: object = (info.st_dev, info.st_ino)
        except OSError:
            key = os.path.abspath(path)
        seen.setdefault(key, path)
    return sorted(seen.values(), key=str)


# --- scoring one file ------------------------------------------------------------------


def score_file(
    path: str | Path,
    checklists: Mapping[str, Checklist],
    missing: str = "error",
    library_name: str = "",
    broken: Collection[str] = frozenset(),
) -> SheetScore:
    """The first inspection of :func:`score_workbook` (the form's own sheet)."""
    return score_workbook(path, checklists, missing, library_name, broken)[0]


def score_workbook(
    path: str | Path,
    checklists: Mapping[str, Checklist],
    missing: str = "error",
    library_name: str = "",
    broken: Collection[str] = frozenset(),
    older: Older | None = None,
) -> list[SheetScore]:
    """Read and score every inspection in one file against ``checklists`` (by lower-case id).

    ``broken`` holds the lower-case ids of checklists that are in the library but have
    errors: their sheets are ``invalid``, not of an unknown checklist. A sheet besides the
    form's own counts only when it is a form of a checklist in the library.
    """
    name = display_name(path)
    try:
        sheets = read_workbook(path, shared_addresses)
    except SheetError as exc:
        status = "unreadable" if exc.code in _UNREADABLE else "unknown"
        return [SheetScore(name, status, diagnostics=[at(name, exc.code, **exc.args_)])]
    except OSError as exc:
        error = exc.strerror or str(exc)
        return [SheetScore(name, "unreadable", diagnostics=[at(name, "unreadable", error=error)])]
    scores = []
    for filled in sheets:
        score = score_filled(name, filled, checklists, missing, library_name, broken, CACHED, older)
        # Another sheet is an inspection when its table holds items of a checklist (not
        # sheet-wrong-items): reported even when it cannot be scored (outdated, unknown).
        if filled.primary or score.result is not None or _inspection(score):
            scores.append(score)
    return scores


def _inspection(score: SheetScore) -> bool:
    """An unscored sheet besides the form that is still an inspection to report."""
    return score.status != "unknown" or any(
        d.code == "sheet-unknown-checklist" for d in score.diagnostics
    )


def skipped(paths: Iterable[str | Path]) -> list[SheetScore]:
    """A ``skipped`` outcome, with why, for each file that is not a workbook (pdf, photos …)."""
    out = []
    for p in paths:
        name, ext = str(p), Path(p).suffix.lower() or Path(p).name
        diagnostic = at(name, "file-skipped", None, Severity.WARNING, ext=ext)
        out.append(SheetScore(name, "skipped", diagnostics=[diagnostic]))
    return out


# --- scoring many files ----------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(
    checklists: Mapping[str, Checklist],
    missing: str,
    library_name: str,
    broken: frozenset[str],
    older: Older | None,
    json_lang: str | None = None,
) -> None:
    _WORKER.update(checklists=checklists, missing=missing, library_name=library_name,
                   broken=broken, older=older, json_lang=json_lang)  # fmt: skip


def _score_chunk(paths: list[str]) -> list[SheetScore]:
    w = _WORKER
    args = (w["checklists"], w["missing"], w["library_name"], w["broken"], w["older"])
    scores = [score for p in paths for score in score_workbook(p, *args)]
    if w.get("json_lang"):  # encoded here, in parallel, not one by one once all are done
        for score in scores:
            encode(score, w["json_lang"])
    return scores


def _chunks(names: list[str], jobs: int) -> list[list[str]]:
    """Chunks that shrink towards the end (guided scheduling).

    Large chunks send the shared item results once for many sheets; the small last ones
    keep every core busy to the end and the progress bar moving.
    """
    chunks = []
    start = 0
    while start < len(names):
        size = max(4, min(64, (len(names) - start) // (jobs * 4)))
        chunks.append(names[start : start + size])
        start += size
    return chunks


def _prepare(checklists: Iterable[Checklist]) -> None:
    """Warm what every file needs (the reader, labels, item specs, fingerprints)."""
    import python_calamine  # noqa: F401

    label_index()
    for checklist in checklists:
        plan_of(checklist)
        fingerprint(checklist)


def score_paths(
    paths: Iterable[str | Path],
    checklists: Iterable[Checklist],
    *,
    missing: str = "error",
    library_name: str = "",
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    broken: Iterable[str] = (),
    skipped_files: Iterable[str | Path] = (),
    older: Older | None = None,
    json_lang: str | None = None,
) -> list[SheetScore]:
    """Score every file in ``paths``, in parallel across cores when there are many.

    Each inspection in a file is a :class:`SheetScore` of its own; ``skipped_files``
    (files that are not workbooks, see :func:`expand_inputs`) are reported as ``skipped``;
    ``older`` finds earlier versions of a checklist (:class:`sopkit.app.ChecklistHistory`).
    The same inspection met twice is flagged (:func:`~sopkit.checklist.sheet.flag_duplicates`).

    ``broken`` names checklists that exist in the library but have errors (see
    :meth:`~sopkit.documents.library.Library.with_errors`): their sheets are reported as ``invalid``
    with ``sheet-checklist-has-errors`` instead of as sheets of an unknown checklist.
    The result is sorted by path whatever order the workers finish in; ``progress`` is
    called with (files done, files in all) as work completes. With ``json_lang`` the
    workers also encode each sheet's JSON object in that language
    (:func:`~sopkit.checklist.jsonout.encoded` uses it unless the sheet changed since).
    """
    by_id = {c.id.lower(): c for c in checklists}
    broken = frozenset(b.lower() for b in broken) - by_id.keys()
    names = sorted(str(p) for p in paths)
    total = len(names)
    jobs = jobs or os.cpu_count() or 1
    results: list[SheetScore] = []
    if jobs <= 1 or total < PARALLEL_THRESHOLD:
        for done, name in enumerate(names, start=1):
            results.extend(score_workbook(name, by_id, missing, library_name, broken, older))
            if progress:
                progress(done, total)
        return _with_skipped(results, skipped_files)
    import multiprocessing

    ctx = multiprocessing.get_context("fork") if os.name == "posix" else None
    # Forked workers inherit what is warmed here; a frozen heap is left alone by their
    # garbage collector, so its pages are not copied into every worker.
    freeze = ctx is not None and gc.get_freeze_count() == 0
    if ctx is not None:
        _prepare(by_id.values())
    if freeze:
        gc.freeze()
    try:
        initargs = (by_id, missing, library_name, broken, older, json_lang)
        results = _in_workers(_chunks(names, jobs), jobs, ctx, initargs, progress)
    finally:
        if freeze:
            gc.unfreeze()
    results.sort(key=lambda s: s.file)
    return _with_skipped(results, skipped_files)


def _in_workers(chunks, jobs, ctx, initargs, progress) -> list[SheetScore]:
    """Score ``chunks`` in a pool of ``jobs`` workers. A file that kills its worker (the
    reader aborting in native code) costs that file, not the batch: the chunks not done
    are scored again, each file in a process of its own."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    results: list[SheetScore] = []
    total, done = sum(map(len, chunks)), 0
    pending = {i: chunk for i, chunk in enumerate(chunks)}
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                                 initargs=initargs) as pool:  # fmt: skip
            futures = {pool.submit(_score_chunk, chunk): i for i, chunk in pending.items()}
            for future in as_completed(futures):
                results.extend(future.result())
                done += len(pending.pop(futures[future]))
                if progress:
                    progress(done, total)
    except BrokenProcessPool:
        for name in (name for chunk in pending.values() for name in chunk):
            results.extend(_alone(name, ctx, initargs))
            done += 1
            if progress:
                progress(done, total)
    return results


def _alone(name: str, ctx, initargs) -> list[SheetScore]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(1, mp_context=ctx, initializer=_init_worker,
                                 initargs=initargs) as pool:  # fmt: skip
            return pool.submit(_score_chunk, [name]).result()
    except BrokenProcessPool:
        shown = display_name(name)
        error = "the reader stopped the process on this file (damaged or hostile)"
        return [
            SheetScore(shown, "unreadable", diagnostics=[at(shown, "file-corrupt", error=error)])
        ]


def _with_skipped(results: list[SheetScore], files: Iterable[str | Path]) -> list[SheetScore]:
    flag_duplicates(results)
    extra = skipped(files)
    if not extra:
        return results
    return sorted(results + extra, key=lambda s: s.file)  # stable: a file's sheets in order
