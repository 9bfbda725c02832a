"""How two versions of one document are compared, part by part: mappings and plain
values, lists keyed by id or a natural key (duties, KPIs, relations, records, grades,
revisions), steps (named by their display numbers) and checklist sections and items.

The fields compared are the models' own: every element is compared over the keys of its
``model_dump``, so a field added to a model shows in ``sopkit diff`` without an edit here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sopkit.doccontrol.changes import Change, show
from sopkit.doccontrol.matching import before as _before
from sopkit.doccontrol.matching import match
from sopkit.doccontrol.matching import moved as _moved
from sopkit.documents.fingerprint import plain
from sopkit.documents.models import Document, Procedure


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


def _relations(side: str) -> _ListSpec:
    """Internal and external relations: paired by party, labelled with their side."""
    return _ListSpec(
        "relation",
        (_get("party"),),
        _get("party"),
        lambda e, i: f"{side} " + show(e["party"]),
        lambda e: show(e.get("frequency")),
    )


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
    "relations.internal": _relations("internal"),
    "relations.external": _relations("external"),
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


def _ordered_keys(old: dict, new: dict) -> list[str]:
    keys = list(new)
    keys += [k for k in old if k not in new]
    return keys


def _fields(old: dict, new: dict, *nested: str) -> list[str]:
    """The fields of an element to compare: its model's, but the ``nested`` lists."""
    return [k for k in _ordered_keys(old, new) if k not in nested]


def _is_text_list(value: Any) -> bool:
    return value is None or (
        isinstance(value, list) and all(not isinstance(v, dict | list) for v in value)
    )


# --- steps ----------------------------------------------------------------------------


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
        for name in _ordered_keys(was.data, now.data):  # every field of the model but "steps"
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
        for name in _fields(old[i], new[j], "items"):
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
        for name in _ordered_keys(was, now):  # every field of the model, id first
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


def compare(old: Document, new: Document) -> list[Change]:
    """Every change from ``old`` to ``new``, in the order of the new document."""
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
    return differ.changes
