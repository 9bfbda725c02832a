"""A library: a folder of documents, loaded, checked across documents, and indexed.

Loading is the hot path (thousands of files): each file is parsed once with libyaml,
validated by pydantic and checked by :mod:`sopkit.documents.rules`. Large libraries are parsed in
worker processes; the node trees stay behind, and the rare cross-document diagnostic is
located by parsing its file again.
"""

from __future__ import annotations

import difflib
import gc
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from sopkit.atomic import safe_name
from sopkit.diagnostics import Diagnostic, Location, Report, Severity
from sopkit.documents import suggest as suggestions
from sopkit.documents.check import check_file, claimed_id
from sopkit.documents.config import library_locale as library_locale  # re-exported
from sopkit.documents.config import load_config, load_sites
from sopkit.documents.discover import CONFIG_NAME, SITES_NAME, discover, not_read
from sopkit.documents.discover import find_root as find_root  # re-exported
from sopkit.documents.models import Checklist, Config, Document, Procedure, Role, Sites
from sopkit.documents.models.people import refs
from sopkit.documents.models.types import ID_RE
from sopkit.documents.parse import at
from sopkit.documents.source import Source, load_file
from sopkit.documents.suggest import Suggester, lookalike_ascii, loose_id, suggest, title_owner

D = TypeVar("D", bound=Document)
PARALLEL_THRESHOLD = 400  # below this many files, a worker pool costs more than it saves


class LibraryError(Exception):
    """The library cannot be read at all (a missing folder): exit 2, not a finding."""


Lint = Callable[["Library"], Iterable[Diagnostic]]
"""A library-wide check run after the rules, when there are no errors."""


@dataclass(slots=True)
class Entry:
    """One document file: where it is and what it holds (``None`` when invalid)."""

    path: str
    doc: Document | None
    source: Source | None = None
    claimed_id: str | None = None  # the id an invalid document declares, if any

    def source_for_location(self) -> Source:
        if self.source is None or self.source.root is None:
            self.source = load_file(self.path)
        return self.source


@dataclass
class Library:
    root: Path
    config: Config
    entries: list[Entry]
    report: Report
    by_id: dict[str, Document] = field(default_factory=dict)
    path_of: dict[str, str] = field(default_factory=dict)
    broken_ids: set[str] = field(default_factory=set)  # ids of documents that failed to load
    sites: Sites | None = None  # sites.yaml, when the library has one that loads
    sites_source: Source | None = None
    suggesters: dict[type, Suggester] = field(default_factory=dict, repr=False)
    lookups: dict[str, object] = field(default_factory=dict, repr=False)  # suggest.py's

    @property
    def documents(self) -> list[Document]:
        return [e.doc for e in self.entries if e.doc is not None]

    def get(self, doc_id: str) -> Document | None:
        return self.by_id.get(doc_id.lower())

    def of_kind(self, kind: type[D]) -> list[D]:
        return [d for d in self.documents if isinstance(d, kind)]

    @property
    def roles(self) -> list[Role]:
        return self.of_kind(Role)

    @property
    def procedures(self) -> list[Procedure]:
        return self.of_kind(Procedure)

    @property
    def checklists(self) -> list[Checklist]:
        return self.of_kind(Checklist)

    @property
    def lang(self) -> str:
        return self.config.locale

    def with_errors(self) -> set[str]:
        """Ids (lower case) of documents with errors of their own — a checklist item without
        the fields its type needs, or a file that did not load at all: not fit to print or
        score."""
        files = {d.location.file for d in self.report.errors}
        loaded = {e.doc.id.lower() for e in self.entries if e.doc is not None and e.path in files}
        return loaded | self.broken_ids

    def direct_reports(self, role_id: str) -> list[Role]:
        """Roles whose ``reports_to`` names ``role_id`` (derived, never written)."""
        key = role_id.lower()
        return [r for r in self.roles if key in _lower(r.superior_ids)]

    def chain_up(self, role_id: str) -> list[Role]:
        """The reporting line above ``role_id``, nearest first, along each role's first
        superior in the library (stops at a cycle)."""
        chain, seen = [], {role_id.lower()}
        role = self.get(role_id)
        while isinstance(role, Role) and role.boss_id and role.boss_id.lower() not in seen:
            seen.add(role.boss_id.lower())
            role = self.get(role.boss_id)
            if isinstance(role, Role):
                chain.append(role)
        return chain

    def procedures_of(self, role_id: str) -> list[Procedure]:
        """Procedures in which ``role_id`` performs a step or keeps a record."""
        key = role_id.lower()
        return [
            p
            for p in self.procedures
            if any(key in _lower(v.roles) for v in p.walk())
            or any(r.keeper and r.keeper.lower() == key for r in p.records)
        ]

    def checklists_of(self, role_id: str) -> list[Checklist]:
        """Checklists that inspect ``role_id``'s work."""
        key = role_id.lower()
        return [c for c in self.checklists if key in _lower(c.roles)]


def _lower(ids: Iterable[str]) -> set[str]:
    return {i.lower() for i in ids}


def load_entry(path: str) -> tuple[Entry, list[Diagnostic]]:
    """Load, validate and check one document file."""
    doc, source, diags = check_file(path)
    if source is None:
        return Entry(path, None, claimed_id=claimed_id(path)), diags
    if doc is not None:
        return Entry(path, doc, source), diags
    return Entry(path, None, source, claimed_id(path, source.data)), diags


def _load_chunk(paths: list[str]) -> list[tuple[Entry, list[Diagnostic]]]:
    out = []
    for path in paths:
        entry, diags = load_entry(path)
        # Node trees are only needed to locate a diagnostic: a file is parsed again in the
        # rare case a cross-document rule fails on it.
        entry.source = None
        out.append((entry, diags))
    return out


MAIN_SHARE = 0.8  # of an equal share: the main process also unpickles what workers send


def _load_all(paths: list[str], jobs: int | None) -> list[tuple[Entry, list[Diagnostic]]]:
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(paths) < PARALLEL_THRESHOLD:
        return _load_chunk(paths)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # The main process loads a share itself while jobs - 1 workers load the rest; the
    # interleaved split balances big and small files.
    step = max(2, round(jobs / MAIN_SHARE))
    mine = paths[::step]
    rest = [p for i, p in enumerate(paths) if i % step]
    chunks = [rest[i :: (jobs - 1) * 4] for i in range((jobs - 1) * 4)]
    ctx = multiprocessing.get_context("fork") if os.name == "posix" else None
    with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=ctx) as pool:
        futures = [pool.submit(_load_chunk, chunk) for chunk in chunks if chunk]
        results = [_load_chunk(mine)] + [f.result() for f in futures]
    by_path = {entry.path: (entry, diags) for chunk in results for entry, diags in chunk}
    return [by_path[p] for p in paths]


def load_library(
    root: str | Path, *, jobs: int | None = None, lints: Sequence[Lint] = ()
) -> Library:
    """Load every document under ``root`` and run all rules, then ``lints`` when there are
    no errors (:data:`sopkit.app.LINTS` are the ones ``validate`` runs).

    Raises :class:`LibraryError` when ``root`` is not a readable folder.
    """
    root = Path(root)
    if not root.is_dir():
        raise LibraryError(f"{root}: not a folder")
    report = Report()
    config = load_config(root, report)
    config_path = root / CONFIG_NAME
    unreadable: list[OSError] = []
    skipped: list[Path] = []
    paths = [str(p) for p in discover(root, unreadable, skipped)]
    report.extend(not_read(p, root) for p in sorted(skipped))
    for exc in unreadable:
        where = Location(str(exc.filename or root))
        report.add(Diagnostic("unreadable", where, {"error": exc.strerror or str(exc)}))
    sites, sites_source = load_sites(root / SITES_NAME, report)
    report.files = len(paths) + config_path.is_file() + (sites_source is not None)
    # Thousands of long-lived objects and no reference cycles: collection passes would
    # find nothing and cost 30-40% of the run.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        entries = []
        for entry, diags in _load_all(paths, jobs):
            entries.append(entry)
            report.extend(diags)
        if not paths:
            report.add(Diagnostic("no-documents", Location(str(root)), {}, Severity.WARNING))
        library = Library(root, config, entries, report, sites=sites, sites_source=sites_source)
        _index(library)
        _cross_check(library, lints)
    finally:
        if gc_was_enabled:
            gc.freeze()  # what was loaded lives on: later collections need not walk it
            gc.enable()
    return library


def validate(root: str | Path, *, jobs: int | None = None, lints: Sequence[Lint] = ()) -> Report:
    """Check a library; the :class:`Report` lists every problem found."""
    return load_library(root, jobs=jobs, lints=lints).report


# --- cross-document rules ------------------------------------------------------------


def _index(lib: Library) -> None:
    files: dict[str, Document] = {}  # the file name a manual or form of the id gets
    for entry in lib.entries:
        doc = entry.doc
        if doc is None:
            if entry.claimed_id:
                lib.broken_ids.add(entry.claimed_id.lower())
                lib.broken_ids.add(lookalike_ascii(entry.claimed_id).lower())
            continue
        key = doc.id.lower()
        if key in lib.by_id:
            other = lib.path_of[key]
            lib.report.add(_at(entry, ("id",), "duplicate-id", id=doc.id, other=other))
            continue
        lib.by_id[key] = doc
        lib.path_of[key] = entry.path
        name = safe_name(doc.id).casefold()
        other_doc = files.setdefault(name, doc)
        if other_doc is not doc:
            other = other_doc.id
            args = {"id": doc.id, "other": other, "file": lib.path_of[other.lower()]}
            lib.report.add(_at(entry, ("id",), "file-name-clash", name=safe_name(doc.id), **args))


def _at(entry: Entry, loc: tuple, code: str, **kw) -> Diagnostic:
    severity = kw.pop("severity", Severity.ERROR)
    return at(entry.source_for_location(), loc, code, severity=severity, **kw)


def _suggest(value: str, candidates: Iterable[str]) -> str:
    found = difflib.get_close_matches(value, list(candidates), n=1, cutoff=0.6)
    return found[0] if found else ""


def _ref(
    lib: Library, entry: Entry, loc: tuple, ref: str, kind: type, code: str
) -> Iterator[Diagnostic]:
    target = lib.get(ref)
    if target is None and ref.lower() in lib.broken_ids:
        return  # the document exists but has errors of its own, already reported
    if target is None:
        # Never the document itself: "did you mean" it would make a loop of references.
        slip = loose_id(lib, ref, entry.doc) if kind is Role else ""
        suggestion = slip or suggest(lib, ref, kind, exclude=entry.doc)
        yield _at(entry, loc, code, id=ref, suggestion=suggestion)
    elif not isinstance(target, kind):
        yield _at(
            entry, loc, "wrong-kind-reference", id=ref,
            found="§" + target.kind, expected="§" + kind.__name__.lower(),
        )  # fmt: skip


def _cross_check(lib: Library, lints: Sequence[Lint]) -> None:
    diags: list[Diagnostic] = []
    for entry in lib.entries:
        doc = entry.doc
        if doc is None or lib.get(doc.id) is not doc:
            continue
        if isinstance(doc, Role):
            diags.extend(_role_refs(lib, entry, doc))
        elif isinstance(doc, Procedure):
            diags.extend(_procedure_refs(lib, entry, doc))
        elif isinstance(doc, Checklist):
            diags.extend(_checklist_refs(lib, entry, doc))
    diags.extend(_cycles(lib))
    if lib.sites is not None and lib.sites_source is not None:
        diags.extend(_site_refs(lib, lib.sites, lib.sites_source))
    lib.report.extend(diags)
    _titles_for_ids(lib)
    if lib.report.ok():
        # Lints (coverage, stale approvals: sopkit.app.LINTS) only make sense for a library
        # without errors: a broken document would make others look uncovered or changed.
        for lint in lints:
            lib.report.extend(lint(lib))


def _titles_for_ids(lib: Library) -> None:
    """An invalid id that is a role's title (``role: 客服领班``) or id mistyped (``KF QT``)."""
    titles = {r.title.strip().casefold(): r.id for r in lib.roles}
    found = lib.report.diagnostics
    for i, diag in enumerate(found):
        if diag.code == "invalid-id" and not diag.args.get("suggestion"):
            value = str(diag.args.get("value", ""))
            owner, slip = titles.get(value.strip().casefold()), loose_id(lib, value, None)
            if owner:
                found[i] = Diagnostic(
                    diag.code, diag.location, {**diag.args, "suggestion": owner}, diag.severity
                )
            elif slip:  # role: KF QT
                found[i] = Diagnostic("unknown-role", diag.location, {"id": value,
                                      "suggestion": slip}, diag.severity)  # fmt: skip


def _role_refs(lib: Library, entry: Entry, role: Role) -> Iterator[Diagnostic]:
    for name in ("reports_to", "subordinates"):
        value = getattr(role, name)
        many = isinstance(value, list)
        for i, ref in enumerate(refs(value)):
            if isinstance(ref, str):
                loc = (name, i) if many else (name,)
                yield from _person_ref(lib, entry, loc, ref, role)
    if role.career:
        for name in ("promotion", "lateral"):
            for i, value in enumerate(getattr(role.career, name)):
                target = lib.get(value)
                if target is None and value.lower() in lib.broken_ids:
                    continue
                if target is not None:
                    yield from _ref(lib, entry, ("career", name, i), value, Role, "unknown-role")
                elif _looks_like_id(value):
                    # Career paths may be free text; an id-shaped entry is probably a typo.
                    yield _at(
                        entry, ("career", name, i), "unknown-role", severity=Severity.WARNING,
                        id=value, suggestion=suggest(lib, value, Role, exclude=role),
                    )  # fmt: skip


def _person_ref(
    lib: Library, entry: Entry, loc: tuple, ref: str, role: Role
) -> Iterator[Diagnostic]:
    """A superior or subordinate written as text: an id of the library, else a title."""
    if ID_RE.match(ref):
        if ref.lower() in lib.broken_ids and lib.get(ref) is None:
            return
        if not isinstance(lib.get(ref), Role):
            owner = title_owner(lib, ref, role)
            if owner or lib.get(ref) is None:
                guess = owner or loose_id(lib, ref, role) or suggest(lib, ref, Role, exclude=role)
                yield _at(entry, loc, "unknown-role", id=ref, suggestion=guess)
                return
        yield from _ref(lib, entry, loc, ref, Role, "unknown-role")
        return
    if ref.strip()[:1] in "“”‘’":
        fixed = '"' + ref.strip().strip("“”‘’") + '"'
        yield _at(entry, loc, "curly-quotes", quote=ref.strip()[0], fixed=fixed, field=loc[0])
        return
    owner = title_owner(lib, ref, role)
    slip = "" if owner else loose_id(lib, ref, role)  # "KF ZG": an id mistyped, not a title
    if slip:
        yield _at(entry, loc, "unknown-role", id=ref, suggestion=slip)
        return
    near = {} if owner else suggestions.near_title(lib, ref, role)  # 客服主任: 客服主管?
    yield _at(entry, loc, "title-not-id", value=ref, field=loc[0], suggestion=owner, **near)


def _looks_like_id(value: str) -> bool:
    return bool(ID_RE.match(value)) and any(c in value for c in "-_.0123456789")


def _procedure_refs(lib: Library, entry: Entry, proc: Procedure) -> Iterator[Diagnostic]:
    records = {r.id for r in proc.records}
    for i, record in enumerate(proc.records):
        if record.keeper:
            yield from _ref(
                lib, entry, ("records", i, "keeper"), record.keeper, Role, "unknown-role"
            )
    for view in proc.walk():
        step = view.step
        for j, role_id in enumerate(step.role or ()):
            yield from _ref(lib, entry, (*view.loc, "role", j), role_id, Role, "unknown-role")
        for j, record_id in enumerate(step.records or ()):
            if record_id not in records:
                yield _at(
                    entry, (*view.loc, "records", j), "unknown-record",
                    id=record_id, suggestion=_suggest(record_id, records),
                )  # fmt: skip


def _checklist_refs(lib: Library, entry: Entry, chk: Checklist) -> Iterator[Diagnostic]:
    if chk.procedure:
        yield from _ref(lib, entry, ("procedure",), chk.procedure, Procedure, "unknown-procedure")
    for i, role_id in enumerate(chk.roles):
        yield from _ref(lib, entry, ("roles", i), role_id, Role, "unknown-role")
    for si, section in enumerate(chk.sections):
        for ii, item in enumerate(section.items):
            if not item.step or item.step.count("#") != 1 or item.step.startswith("#"):
                continue
            loc = ("sections", si, "items", ii, "step")
            proc_id, step_id = item.step.split("#")
            proc = lib.get(proc_id)
            if not isinstance(proc, Procedure):
                yield from _ref(lib, entry, loc, proc_id, Procedure, "unknown-procedure")
                continue
            step_ids = proc.step_ids()
            if step_id not in step_ids:
                yield _at(
                    entry, loc, "unknown-step", id=step_id, procedure=proc.id,
                    suggestion=_suggest(step_id, step_ids),
                )  # fmt: skip


def _cycles(lib: Library) -> Iterator[Diagnostic]:
    """One diagnostic per reporting cycle, naming every role in it."""
    bosses: dict[str, list[str]] = {}
    for role in lib.roles:
        ups = [lib.get(i) for i in role.superior_ids]
        bosses[role.id.lower()] = sorted({u.id.lower() for u in ups if isinstance(u, Role)})
    state: dict[str, int] = defaultdict(int)  # 0 new, 1 on the current path, 2 done
    found: list[list[str]] = []
    for start in sorted(bosses):
        if state[start]:
            continue
        path, stack = [start], [iter(bosses[start])]
        state[start] = 1
        while stack:
            node = next(stack[-1], None)
            if node is None:
                state[path.pop()] = 2
                stack.pop()
            elif state[node] == 1:
                found.append(path[path.index(node) :])
            elif state[node] == 0:
                state[node] = 1
                path.append(node)
                stack.append(iter(bosses.get(node, ())))
    for cycle in found:
        first = min(cycle)  # report at the same role whatever the walk order
        ordered = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
        names = [lib.get(i).id for i in ordered]
        doc = lib.get(first)
        entry = next(e for e in lib.entries if e.doc is doc)
        nxt = ordered[1] if len(ordered) > 1 else ordered[0]
        ups = [s.lower() if isinstance(s, str) else None for s in doc.superiors]
        many = isinstance(doc.reports_to, list)
        loc = ("reports_to", ups.index(nxt)) if many else ("reports_to",)
        yield _at(entry, loc, "reporting-cycle", cycle=" → ".join([*names, names[0]]))


def load_sites_file(lib: Library, path: str | Path) -> tuple[Sites | None, Report]:
    """A sites file (``checklist --sites``) checked as the library's own sites.yaml is."""
    report = Report(files=1)
    sites, source = load_sites(Path(path), report, required=True)
    if sites is not None and source is not None:
        report.extend(_site_refs(lib, sites, source))
    return sites, report


def _site_refs(lib: Library, sites: Sites, source: Source) -> Iterator[Diagnostic]:
    """sites.yaml: every spelling names one site; schedules name existing checklists."""
    seen: dict[str, tuple[str, int]] = {}
    checklists = [c.id for c in lib.checklists]
    for i, site in enumerate(sites.sites):
        spellings = [("id",), ("name",), *(("aliases", j) for j in range(len(site.aliases)))]
        for loc, text in zip(spellings, site.spellings(), strict=True):
            key = text.strip().lower()
            first = seen.get(key)
            if first is not None and first[1] != i:
                yield at(source, ("sites", i, *loc), "duplicate-site", name=text, other=first[0])
            seen.setdefault(key, (site.id, i))
        for checklist_id in site.schedule:
            known = lib.get(checklist_id)
            if isinstance(known, Checklist) or checklist_id.lower() in lib.broken_ids:
                continue
            yield at(
                source, ("sites", i, "schedule", checklist_id), "unknown-checklist", on_key=True,
                id=checklist_id, suggestion=_suggest(checklist_id, checklists),
            )  # fmt: skip
