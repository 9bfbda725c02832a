"""Semantic diff: what changed between two versions of a document or of a library.

Pure: documents (validated models) in, :class:`Change` values out. Two versions are compared
as data, so re-indenting a file, re-quoting a value or moving a comment is no change at all.
List elements are matched by id where they have one (steps, records, items), by a natural
key otherwise (a duty's area, a KPI's name, a relation's party), then by content: an element
whose text is close enough to one on the other side is *changed*, not removed and added.
Steps are named by the number the reader sees (2.1.3, from :meth:`Procedure.walk`).

Renderers: :func:`render_text`, :func:`render_markdown` (ready to paste as a revision note)
and :meth:`DiffResult.to_dict` (JSON).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

from sopkit.diagnostics import Diagnostic, Location, Severity
from sopkit.documents.fingerprint import plain
from sopkit.documents.models import Document, Procedure
from sopkit.documents.models.types import version_key
from sopkit.documents.source import LoadError, Source, load_file, locate
from sopkit.locale import catalogue, label, normalize_lang

# Top-level keys that are document control, not content: changing only these is no
# reason to raise the version.
NOT_CONTENT = frozenset({"version", "revisions", "approval", "status"})
FUZZY = 0.6  # similarity above which an element counts as changed rather than replaced
FUZZY_BUDGET = 20_000  # most candidate pairs compared by content in one list


@dataclass(frozen=True, slots=True)
class Change:
    """One difference.

    ``op`` is added / removed / changed / moved; ``element`` says what (field, step, duty,
    kpi, record, item, section, grade, relation, revision, entry); ``label`` names it as the
    reader knows it (a field path, a step number, an item id, a duty's area); ``field`` is
    the field of the element that changed; ``ref`` the element's id when it has one;
    ``key`` the top-level YAML key the change is under.
    """

    op: str
    element: str
    label: str
    key: str
    field: str = ""
    old: Any = None
    new: Any = None
    ref: str = ""
    old_label: str = ""

    def compact(self) -> str:
        """A short, language-neutral form: ``~steps[2.1.3].text``, ``+items[B7]``."""
        sign = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}[self.op]
        if self.element == "field":
            return f"{sign}{self.label}"
        where = self.label
        if self.op == "moved" and self.old_label and self.old_label != self.label:
            where = f"{self.old_label}→{self.label}"
        name = {"entry": self.key}.get(self.element, _PLURAL.get(self.element, self.element))
        out = f"{sign}{name}[{where}]"
        return f"{out}.{self.field}" if self.field else out

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_PLURAL = {
    "step": "steps",
    "duty": "duties",
    "kpi": "kpis",
    "record": "records",
    "item": "items",
    "section": "sections",
    "grade": "grades",
    "relation": "relations",
    "revision": "revisions",
}


@dataclass(slots=True)
class DocumentDiff:
    """Changes to one document (matched by id); ``status`` added/removed/changed/unchanged."""

    id: str
    kind: str
    title: str
    status: str
    old_version: str | None = None
    new_version: str | None = None
    old_file: str | None = None
    new_file: str | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def content_changed(self) -> bool:
        return any(c.key not in NOT_CONTENT for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__slots__ if k != "changes"}
        out["changes"] = [c.to_dict() for c in self.changes]
        return out


@dataclass(slots=True)
class DiffResult:
    documents: list[DocumentDiff]
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def changed(self) -> list[DocumentDiff]:
        return [d for d in self.documents if d.status != "unchanged"]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "changed": bool(self.changed),
            "documents": [d.to_dict() for d in self.changed],
            "warnings": [w.to_dict(lang) for w in self.warnings],
        }


# --- matching -------------------------------------------------------------------------


def match(
    old: Sequence[Any],
    new: Sequence[Any],
    keys: Iterable[Callable[[Any], Any]],
    text: Callable[[Any], str] | None = None,
) -> dict[int, int]:
    """Pair elements of ``old`` with elements of ``new``: ``{old index: new index}``.

    Each function of ``keys`` is tried in turn on what is still unpaired (``None`` = no
    key); equal keys pair up in order. Then, if ``text`` is given, the most similar
    remaining elements pair up while their similarity is at least :data:`FUZZY`.
    """
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for key in keys:
        waiting: dict[Any, list[int]] = {}
        for j, element in enumerate(new):
            if j not in taken:
                k = key(element)
                if k is not None:
                    waiting.setdefault(k, []).append(j)
        for i, element in enumerate(old):
            if i in pairs:
                continue
            k = key(element)
            if k is not None and waiting.get(k):
                j = waiting[k].pop(0)
                pairs[i] = j
                taken.add(j)
    if text is not None:
        left = [i for i in range(len(old)) if i not in pairs]
        right = [j for j in range(len(new)) if j not in taken]
        if left and right and len(left) * len(right) <= FUZZY_BUDGET:
            candidates = []
            texts = {j: text(new[j]) for j in right}
            for i in left:
                matcher = difflib.SequenceMatcher(None, autojunk=False)
                matcher.set_seq2(text(old[i]))
                for j in right:
                    matcher.set_seq1(texts[j])
                    if matcher.real_quick_ratio() < FUZZY or matcher.quick_ratio() < FUZZY:
                        continue
                    ratio = matcher.ratio()
                    if ratio >= FUZZY:
                        candidates.append((-ratio, i, j))
            for _, i, j in sorted(candidates):
                if i not in pairs and j not in taken:
                    pairs[i] = j
                    taken.add(j)
    return pairs


def _moved(pairs: Iterable[tuple[int, int]]) -> set[int]:
    """Old indices whose relative order changed: those off a longest increasing run."""
    ordered = sorted(pairs)
    seq = [j for _, j in ordered]
    if not seq:
        return set()
    # Patience sorting for the longest increasing subsequence, keeping back-links.
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(seq)
    for pos, value in enumerate(seq):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(pos)
        else:
            tails[k] = value
            tail_at[k] = pos
        back[pos] = tail_at[k - 1] if k else -1
    keep = set()
    pos = tail_at[-1]
    while pos != -1:
        keep.add(pos)
        pos = back[pos]
    return {ordered[p][0] for p in range(len(seq)) if p not in keep}


# --- values ---------------------------------------------------------------------------


def show(value: Any) -> str:
    """A value as one line of text (lists joined, integral floats without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {show(v)}" for k, v in value.items() if v not in (None, []))
    return str(value)


def _data(doc: Document) -> dict[str, Any]:
    return plain(doc.model_dump(by_alias=True))


def _join(*parts: Any) -> str:
    return ": ".join(show(p) for p in parts if p not in (None, "", []))


# --- keyed lists ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ListSpec:
    element: str
    keys: tuple[Callable[[dict], Any], ...]
    text: Callable[[dict], str]
    label: Callable[[dict, int], str]
    summary: Callable[[dict], str]
    ref: Callable[[dict], str] = lambda e: ""


def _get(name: str) -> Callable[[dict], Any]:
    return lambda e: e.get(name)


_LISTS: dict[str, _ListSpec] = {
    "duties": _ListSpec(
        "duty",
        (lambda e: (e["area"], e["description"]), _get("area")),
        lambda e: _join(e["area"], e["description"]),
        lambda e, i: f"{i + 1} {e['area'] or ''}".strip(),
        lambda e: show(e["description"]),
    ),
    "kpis": _ListSpec(
        "kpi",
        (_get("name"),),
        _get("name"),
        lambda e, i: show(e["name"]),
        lambda e: _join(e.get("target"), e.get("weight")),
    ),
    "relations.internal": _ListSpec(
        "relation",
        (_get("party"),),
        _get("party"),
        lambda e, i: "internal " + show(e["party"]),
        lambda e: show(e.get("frequency")),
    ),
    "relations.external": _ListSpec(
        "relation",
        (_get("party"),),
        _get("party"),
        lambda e, i: "external " + show(e["party"]),
        lambda e: show(e.get("frequency")),
    ),
    "records": _ListSpec(
        "record",
        (_get("id"), _get("title")),
        lambda e: show(e["title"]),
        lambda e, i: show(e["id"]),
        lambda e: show(e["title"]),
        lambda e: show(e["id"]),
    ),
    "scoring.grades": _ListSpec(
        "grade",
        (_get("name"),),
        _get("name"),
        lambda e, i: show(e["name"]),
        lambda e: "≥ " + show(e["min"]),
    ),
    "revisions": _ListSpec(
        "revision",
        (_get("version"),),
        lambda e: show(e["changes"]),
        lambda e, i: show(e["version"]),
        lambda e: _join(e["date"], e.get("author"), e["changes"]),
    ),
}


class _Differ:
    """Collects changes; inside :meth:`ordered`, in the order of the new document."""

    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.pending: list[tuple[float, int, Change]] | None = None
        self.pos: float = 0

    def add(self, *args: Any, **kw: Any) -> None:
        change = Change(*args, **kw)
        if self.pending is None:
            self.changes.append(change)
        else:
            self.pending.append((self.pos, len(self.pending), change))

    @contextmanager
    def ordered(self) -> Iterator[None]:
        """Changes added inside come out sorted by ``self.pos`` (stable)."""
        outer, self.pending = self.pending, []
        try:
            yield
        finally:
            inner, self.pending = self.pending, outer
            for _, _, change in sorted(inner, key=lambda x: (x[0], x[1])):
                if outer is None:
                    self.changes.append(change)
                else:
                    outer.append((self.pos, len(outer), change))

    # Mappings and plain values.

    def mapping(self, prefix: str, old: dict, new: dict) -> None:
        for name in _ordered_keys(old, new):
            path = f"{prefix}.{name}" if prefix else name
            if path in _SPECIAL:
                _SPECIAL[path](self, old.get(name), new.get(name))
            elif path in _LISTS:
                self.keyed(path, old.get(name) or [], new.get(name) or [])
            else:
                self.value(path, old.get(name), new.get(name))

    def value(self, path: str, old: Any, new: Any) -> None:
        if old == new:
            return
        key = path.split(".", 1)[0]
        if isinstance(old, dict) and isinstance(new, dict):
            self.mapping(path, old, new)
        elif (isinstance(old, dict) and new is None) or (old is None and isinstance(new, dict)):
            self.mapping(path, old or {}, new or {})
        elif _is_text_list(old) and _is_text_list(new):
            self.entries(path, old or [], new or [])
        elif old is None:
            self.add("added", "field", path, key, new=show(new))
        elif new is None:
            self.add("removed", "field", path, key, old=show(old))
        else:
            self.add("changed", "field", path, key, old=show(old), new=show(new))

    def entries(self, path: str, old: list, new: list) -> None:
        """A list of texts: entries added and removed (a multiset difference)."""
        key = path.split(".", 1)[0]
        remaining = [show(v) for v in new]
        for value in (show(v) for v in old):
            if value in remaining:
                remaining.remove(value)
            else:
                self.add("removed", "entry", path, key, old=value)
        for value in remaining:
            self.add("added", "entry", path, key, new=value)

    def keyed(self, path: str, old: list[dict], new: list[dict]) -> None:
        with self.ordered():
            self._keyed(path, old, new)

    def _keyed(self, path: str, old: list[dict], new: list[dict]) -> None:
        spec = _LISTS[path]
        key = path.split(".", 1)[0]
        pairs = match(old, new, spec.keys, spec.text)
        moved = _moved(pairs.items())
        matched_new = set(pairs.values())
        for i, element in enumerate(old):
            if i not in pairs:
                self.pos = _before(i, pairs)
                self.add(
                    "removed",
                    spec.element,
                    spec.label(element, i),
                    key,
                    old=spec.summary(element),
                    ref=spec.ref(element),
                )
        for i, j in sorted(pairs.items(), key=lambda p: p[1]):
            self.pos = j
            a, b = old[i], new[j]
            where, was = spec.label(b, j), spec.label(a, i)
            if i in moved:
                self.add(
                    "moved",
                    spec.element,
                    where,
                    key,
                    new=spec.summary(b),
                    ref=spec.ref(b),
                    old_label=was,
                )
            for name in _ordered_keys(a, b):
                if a.get(name) != b.get(name):
                    self.add(
                        "changed",
                        spec.element,
                        where,
                        key,
                        field=name,
                        old=show(a.get(name)),
                        new=show(b.get(name)),
                        ref=spec.ref(b),
                        old_label=was if was != where else "",
                    )
        for j, element in enumerate(new):
            self.pos = j
            if j not in matched_new:
                self.add(
                    "added",
                    spec.element,
                    spec.label(element, j),
                    key,
                    new=spec.summary(element),
                    ref=spec.ref(element),
                )


def _before(i: int, pairs: dict[int, int]) -> float:
    """Where a removed element ``i`` shows: just before the next element that stayed."""
    following = [j for k, j in pairs.items() if k > i]
    return (min(following) if following else float("inf")) - 0.5


def _ordered_keys(old: dict, new: dict) -> list[str]:
    keys = list(new)
    keys += [k for k in old if k not in new]
    return keys


def _is_text_list(value: Any) -> bool:
    return value is None or (
        isinstance(value, list) and all(not isinstance(v, dict | list) for v in value)
    )


# --- steps ----------------------------------------------------------------------------

_STEP_FIELDS = ("id", "title", "text", "role", "records", "standard")


@dataclass(slots=True)
class _FlatStep:
    number: str
    parent: int | None
    data: dict[str, Any]


def _flatten(proc: Procedure | None) -> list[_FlatStep]:
    """Every step in reading order, numbered by :meth:`Procedure.walk`."""
    if proc is None:
        return []
    out: list[_FlatStep] = []
    index: dict[str, int] = {}
    for view in proc.walk():
        parent = index.get(view.number.rpartition(".")[0]) if "." in view.number else None
        data = plain(view.step.model_dump(exclude={"steps"}))
        index[view.number] = len(out)
        out.append(_FlatStep(view.number, parent, data))
    return out


def _step_text(step: dict) -> str:
    return _join(step.get("title"), step.get("text"))


def _diff_steps(differ: _Differ, old: Procedure | None, new: Procedure | None) -> None:
    with differ.ordered():
        _steps(differ, old, new)


def _steps(differ: _Differ, old: Procedure | None, new: Procedure | None) -> None:
    a, b = _flatten(old), _flatten(new)
    pairs = match(
        [s.data for s in a],
        [s.data for s in b],
        (_get("id"), lambda s: (s.get("title"), s.get("text"))),
        _step_text,
    )
    # A step moved when its group changed, or when its order among siblings changed.
    moved = set()
    siblings: dict[int | None, list[tuple[int, int]]] = {}
    for i, j in pairs.items():
        parent_then = a[i].parent
        parent_now = b[j].parent
        if (pairs.get(parent_then) if parent_then is not None else None) != parent_now:
            moved.add(i)
        else:
            siblings.setdefault(parent_now, []).append((i, j))
    for group in siblings.values():
        moved |= _moved(group)
    matched_new = set(pairs.values())
    for i, step in enumerate(a):
        if i not in pairs:
            differ.pos = _before(i, pairs)
            differ.add(
                "removed",
                "step",
                step.number,
                "steps",
                old=_step_text(step.data),
                ref=step.data.get("id") or "",
            )
    for i, j in sorted(pairs.items(), key=lambda p: p[1]):
        differ.pos = j
        was, now = a[i], b[j]
        ref = now.data.get("id") or ""
        if i in moved:
            differ.add(
                "moved",
                "step",
                now.number,
                "steps",
                new=_step_text(now.data),
                ref=ref,
                old_label=was.number,
            )
        for name in _STEP_FIELDS:
            if was.data.get(name) != now.data.get(name):
                differ.add(
                    "changed",
                    "step",
                    now.number,
                    "steps",
                    field=name,
                    old=show(was.data.get(name)),
                    new=show(now.data.get(name)),
                    ref=ref,
                    old_label=was.number if was.number != now.number else "",
                )
    for j, step in enumerate(b):
        differ.pos = j
        if j not in matched_new:
            differ.add(
                "added",
                "step",
                step.number,
                "steps",
                new=_step_text(step.data),
                ref=step.data.get("id") or "",
            )


# --- checklist sections and items -----------------------------------------------------

_ITEM_FIELDS = ("text", "standard", "type", "points", "per", "unit", "target", "critical", "step")


def _diff_sections(differ: _Differ, old: list[dict] | None, new: list[dict] | None) -> None:
    old, new = old or [], new or []
    with differ.ordered():
        sec_pairs = _sections(differ, old, new)
    with differ.ordered():
        _items(differ, old, new, sec_pairs)


def _sections(differ: _Differ, old: list[dict], new: list[dict]) -> dict[int, int]:
    sec_pairs = match(old, new, (_get("title"),), lambda s: show(s["title"]))
    for i, section in enumerate(old):
        if i not in sec_pairs:
            differ.pos = _before(i, sec_pairs)
            differ.add("removed", "section", show(section["title"]), "sections")
    for i, j in sorted(sec_pairs.items(), key=lambda p: p[1]):
        differ.pos = j
        for name in ("title", "weight"):
            if old[i].get(name) != new[j].get(name):
                differ.add(
                    "changed",
                    "section",
                    show(new[j]["title"]),
                    "sections",
                    field=name,
                    old=show(old[i].get(name)),
                    new=show(new[j].get(name)),
                )
    for j, section in enumerate(new):
        differ.pos = j
        if j not in sec_pairs.values():
            differ.add("added", "section", show(section["title"]), "sections")
    for i in _moved(sec_pairs.items()):
        j = sec_pairs[i]
        differ.pos = j
        differ.add("moved", "section", show(new[j]["title"]), "sections", old_label=str(i + 1))
    return sec_pairs


def _items(differ: _Differ, old: list[dict], new: list[dict], sec_pairs: dict[int, int]) -> None:
    def flat(sections: list[dict]) -> list[tuple[int, dict]]:
        return [(s, item) for s, section in enumerate(sections) for item in section["items"]]

    a, b = flat(old), flat(new)
    pairs = match(
        [item for _, item in a],
        [item for _, item in b],
        (_get("id"),),
        lambda item: show(item["text"]),
    )
    moved = set()
    same_section: dict[int, list[tuple[int, int]]] = {}
    for i, j in pairs.items():
        if sec_pairs.get(a[i][0]) != b[j][0]:
            moved.add(i)
        else:
            same_section.setdefault(b[j][0], []).append((i, j))
    for group in same_section.values():
        moved |= _moved(group)
    for i, (_, item) in enumerate(a):
        if i not in pairs:
            differ.pos = _before(i, pairs)
            differ.add(
                "removed", "item", item["id"], "sections", old=show(item["text"]), ref=item["id"]
            )
    for i, j in sorted(pairs.items(), key=lambda p: p[1]):
        differ.pos = j
        was, now = a[i][1], b[j][1]
        if i in moved:
            differ.add(
                "moved",
                "item",
                now["id"],
                "sections",
                new=show(now["text"]),
                ref=now["id"],
                old_label=show(old[a[i][0]]["title"]) + " → " + show(new[b[j][0]]["title"]),
            )
        for name in ("id", *_ITEM_FIELDS):
            if was.get(name) != now.get(name):
                differ.add(
                    "changed",
                    "item",
                    now["id"],
                    "sections",
                    field=name,
                    old=show(was.get(name)),
                    new=show(now.get(name)),
                    ref=now["id"],
                    old_label=was["id"] if was["id"] != now["id"] else "",
                )
    for j, (_, item) in enumerate(b):
        differ.pos = j
        if j not in pairs.values():
            differ.add(
                "added", "item", item["id"], "sections", new=show(item["text"]), ref=item["id"]
            )


_SPECIAL: dict[str, Callable[[_Differ, Any, Any], None]] = {
    "steps": lambda differ, old, new: None,  # compared on the models, see diff_documents
    "sections": _diff_sections,
}


# --- documents and libraries ----------------------------------------------------------


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
    differ = _Differ()
    a, b = _data(old), _data(new)
    if a.get("kind") != b.get("kind"):
        differ.value("kind", a.get("kind"), b.get("kind"))
        a = {"kind": a["kind"]}  # a different kind: everything else is new
    differ.mapping(
        "", {k: v for k, v in a.items() if k != "kind"}, {k: v for k, v in b.items() if k != "kind"}
    )
    if isinstance(old, Procedure) or isinstance(new, Procedure):
        _diff_steps(
            differ,
            old if isinstance(old, Procedure) else None,
            new if isinstance(new, Procedure) else None,
        )
    out.changes = differ.changes
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


# --- renderers ------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
# Every line of the output starts with "- " or "### ", so text never starts a block: only
# inline markup (emphasis, code, links, HTML, tables, entities) needs escaping.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_SIGN = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}
_LONG = 36  # characters above which old and new values go on lines of their own


def _clean(text: Any) -> str:
    return _CONTROL.sub(" ", show(text))


def md_escape(text: Any) -> str:
    """Escape text from YAML so Markdown shows it literally (no links, no HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", _clean(text))


def _element(change: Change, lang: str) -> str:
    if change.element == "entry":
        return change.label
    if change.element == "field":
        return change.label
    return f"{label('diff.element.' + change.element, lang)} {change.label}"


def _ref(change: Change) -> str:
    return f" [{change.ref}]" if change.ref and change.ref != change.label else ""


def _header(d: DocumentDiff, lang: str) -> str:
    kind = catalogue(lang).TERMS.get(d.kind, d.kind)
    versions = " → ".join(v for v in (d.old_version, d.new_version) if v)
    if d.status in ("added", "removed"):
        versions += f" ({label('diff.doc.' + d.status, lang)})"
    elif d.old_version == d.new_version:
        versions = d.new_version or ""
    return f"{d.id} {_clean(d.title)} ({kind}) {versions}".rstrip()


def render_text(result: DiffResult, lang: str = "en") -> str:
    """A plain-text report for the terminal."""
    lang = normalize_lang(lang)
    lines: list[str] = []
    for d in result.changed:
        lines.append(_header(d, lang))
        files = " → ".join(dict.fromkeys(f for f in (d.old_file, d.new_file) if f))
        if files:
            lines.append(f"  {files}")
        for c in d.changes:
            lines.extend(_text_change(c, lang))
        lines.append("")
    if not result.changed:
        lines.append(label("diff.no_changes", lang))
    else:
        total = sum(len(d.changes) for d in result.changed)
        lines.append(
            label("diff.summary", lang).format(documents=len(result.changed), changes=total)
        )
    for w in result.warnings:
        lines.append(f"{w.location}: {w.severity}[{w.code}]: {w.message(lang)}")
        lines.append(f"    {label('diff.hint', lang)}: {w.hint(lang)}")
    return "\n".join(lines) + "\n"


def _text_change(c: Change, lang: str) -> list[str]:
    head = f"  {_SIGN[c.op]} {_element(c, lang)}{_ref(c)}"
    if c.op == "moved":
        return [f"{head}: {label('diff.moved_from', lang).format(old=c.old_label)}"]
    if c.op in ("added", "removed"):
        value = _clean(c.new if c.op == "added" else c.old)
        return [f"{head}: {value}" if value else head]
    if c.field:
        head += f" · {c.field}"
    old, new = _clean(c.old), _clean(c.new)
    if len(old) + len(new) <= _LONG * 2 and "\n" not in old + new:
        return [f"{head}: {old or '∅'} → {new or '∅'}"]
    return [f"{head}:", f"      - {old or '∅'}", f"      + {new or '∅'}"]


def render_markdown(result: DiffResult, lang: str = "en") -> str:
    """A revision note in Markdown: a heading per document, a bullet per change."""
    lang = normalize_lang(lang)
    out: list[str] = []
    for d in result.changed:
        out.append(f"### {md_escape(_header(d, lang))}")
        out.append("")
        for c in d.changes:
            out.append("- " + _md_change(c, lang))
        if d.changes:
            out.append("")
    if not result.changed:
        out.append(label("diff.no_changes", lang))
    for w in result.warnings:  # one quote block each: consecutive ">" lines would merge
        out.append(f"> **{md_escape(w.code)}**: {md_escape(w.message(lang))}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_change(c: Change, lang: str) -> str:
    if c.element in ("field", "entry"):
        what = f"`{c.label}`"  # a YAML key path: no backticks in it
    else:
        what = md_escape(_element(c, lang) + _ref(c))
    if c.field:
        what += f" `{c.field}`"
    text = label("diff.md." + c.op, lang).format(what=what)
    if c.op == "moved":
        return text + " " + md_escape(label("diff.moved_from", lang).format(old=c.old_label))
    if c.op == "added":
        return f"{text}: {md_escape(c.new)}" if c.new else text
    if c.op == "removed":
        return f"{text}: {md_escape(c.old)}" if c.old else text
    return f"{text}: {md_escape(c.old) or '∅'} → {md_escape(c.new) or '∅'}"
