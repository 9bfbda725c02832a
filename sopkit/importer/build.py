"""A document found → the data of a draft, every value with where it came from.

Values are copied as written (trimmed, without their numbering); a field the source does
not give is left out and reported, never guessed — or, where the format requires it even of a
draft (a work instruction's purpose and scope), written as :data:`PLACEHOLDER`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date

from sopkit.documents.models.types import DATE_RE, DOTTED_RE, ID_RE, LETTER_RE
from sopkit.importer.segment import Found, Item, Src, nest

PLACEHOLDER = "待补充"
_DUTY_ORDER = ("area", "description", "standard", "kpi")
_SHORT = re.compile(r"\A[^。;；,，!！?？]{1,20}\Z")
_AREA = re.compile(r"\A\s*([^。;；,，:：\s]{2,12})\s*[:：]\s*(\S.*)\Z", re.S)


@dataclass(slots=True)
class Leaf:
    """One scalar of the draft: its value, where it came from, and a note."""

    value: str | int
    src: Src | None = None
    note: str | None = None  # a catalogue label key: placeholder, import-date …


@dataclass(slots=True)
class Draft:
    kind: str
    id: str
    title: str
    data: dict  # key → Leaf | list | dict, in the order it is written
    missing: list[str]  # fields the source does not give
    unplaced: list[Src]
    duty_sources: int  # how many numbered source lines became duties or steps


def _first(doc: Found, place: tuple[str | None, str]) -> Src | None:
    values = [s for s in doc.fields.get(place, []) if s.text.strip()]
    return values[0] if values else None


def _leaf(src: Src) -> Leaf:
    return Leaf(src.text.strip(), src)


def make_id(doc: Found, title: str, taken: set[str]) -> tuple[str, Src | None]:
    """The printed number when it is a valid id, else R-/P- and a digest of the title;
    unique against ``taken`` (lower case)."""
    number = _first(doc, (None, "doc_no"))
    if number is not None and ID_RE.match(number.text.strip()):
        base, src = number.text.strip(), number
    else:
        digest = hashlib.sha1(title.encode("utf-8")).hexdigest()[:6].upper()
        base, src = f"{'P' if doc.kind == 'procedure' else 'R'}-{digest}", None
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate.lower())
    return candidate, src


def _control(doc: Found, kind: str, doc_id: str, id_src, title: Leaf, today: date) -> dict:
    version = _first(doc, (None, "version"))
    when = _first(doc, (None, "date"))
    data: dict = {"kind": Leaf(kind), "id": Leaf(doc_id, id_src, None if id_src else "id")}
    data["title"] = title
    if number := _first(doc, (None, "doc_no")):
        data["doc_no"] = _leaf(number)  # the number printed on the paper, as written
    if version and (DOTTED_RE.match(version.text.strip()) or LETTER_RE.match(version.text.strip())):
        data["version"] = _leaf(version)
    else:
        data["version"] = Leaf("0.1", None, "version")
    if when and DATE_RE.match(when.text.strip()):
        data["effective"] = _leaf(when)
    else:
        data["effective"] = Leaf(today.isoformat(), None, "effective")
    data["status"] = Leaf("draft")
    approval = {
        name: _leaf(src)
        for name in ("prepared_by", "reviewed_by", "approved_by")
        if (src := _first(doc, (None, name)))
    }
    if approval:
        data["approval"] = approval
    return data


def _leaves(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        out.extend(_leaves(item.children) if item.children else [item])
    return out


def _split_area(text: str) -> tuple[str | None, str]:
    m = _AREA.match(text)
    return (m.group(1), m.group(2).strip()) if m else (None, text)


def duties(items: list[Item]) -> list[dict]:
    """Duties from a numbered tree: a short parent with sub-items is their area
    (``1、制度建设 / ①…``); ``area:description`` on one line is split the same way."""
    out: list[dict] = []
    for top in nest(items):
        if top.children and _SHORT.match(top.src.text.rstrip(":：")):
            area = Leaf(top.src.text.strip().rstrip(":：").strip(), top.src)
            out.extend(
                {"area": area, "description": _leaf(leaf.src)} for leaf in _leaves(top.children)
            )
            continue
        for item in [top, *_leaves(top.children)]:
            name, text = _split_area(item.src.text.strip())
            duty = {"area": Leaf(name, item.src)} if name else {}
            duty["description"] = Leaf(text, item.src)
            for field, value, where in item.src.extra:  # a duties table: columns beside it
                if field not in duty:
                    duty[field] = Leaf(value, Src(value, where))
            out.append(dict(sorted(duty.items(), key=lambda kv: _DUTY_ORDER.index(kv[0]))))
    return out


def steps(items: list[Item]) -> list[dict]:
    """Steps from a numbered tree: an item with sub-items is a group with a title."""

    def convert(item: Item) -> dict:
        if item.children:
            return {"title": _leaf(item.src), "steps": [convert(c) for c in item.children]}
        return {"text": _leaf(item.src)}

    return [convert(item) for item in nest(items)]


def count_numbered(items: list[Item]) -> int:
    return sum(1 for item in items if item.numbered)


# Unlabelled requirement lines go to the field their words name; the line is kept whole.
_QUAL_WORDS = (
    ("education", re.compile(r"学历|學歷|本科|大专|大專|中专|中專|高中|硕士|碩士|研究生")),
    ("age", re.compile(r"年龄|年齡|\d+\s*岁|歲")),
    ("experience", re.compile(r"经验|經驗|经历|經歷|工作年限")),
    ("certificates", re.compile(r"证书|證書|上岗证|上崗證|资格证|資格證")),
    ("languages", re.compile(r"普通话|普通話|粤语|粵語|英语|英語|外语|外語")),
    ("health", re.compile(r"身体|身體|健康")),
)
_QUAL_LISTS = ("skills", "knowledge", "abilities", "training_history", "languages",
               "certificates", "traits")  # fmt: skip
_QUAL_ORDER = ("education", "major", "experience", "skills", "knowledge", "abilities",
               "training_history", "languages", "certificates", "health", "traits", "age",
               "gender", "other")  # fmt: skip
_PREFERRED = re.compile(r"优先")


def _requirement(src: Src) -> Leaf | dict:
    """A requirement as written; ``…者优先`` is marked 优先 (preferred), as the source says."""
    if _PREFERRED.search(src.text):
        return {"text": _leaf(src), "level": Leaf("优先", src)}
    return _leaf(src)


_COND_ORDER = ("hours", "environment", "intensity", "hazards")


def _put(block: dict, name: str, src: Src, lists: tuple[str, ...], spill: list[Src],
         make=_leaf) -> None:  # fmt: skip
    """Set ``name`` in ``block``; a second value of a single field is kept as unplaced."""
    if name in lists:
        block.setdefault(name, []).append(make(src))
    elif name not in block:
        block[name] = make(src)
    else:
        spill.append(src)


def qualifications(doc: Found, spill: list[Src]) -> dict:
    block: dict = {}
    for (section, name), values in doc.fields.items():
        if section == "qualifications":
            for src in values:
                _put(block, name, src, _QUAL_LISTS, spill, _requirement)
    for item in _leaves(nest(doc.sections.get("qualifications", []))):
        name = next((n for n, rx in _QUAL_WORDS if rx.search(item.src.text)), "skills")
        if name not in _QUAL_LISTS and name in block:
            name = "skills"
        _put(block, name, item.src, _QUAL_LISTS, spill, _requirement)
    return {k: block[k] for k in _QUAL_ORDER if k in block}


def conditions(doc: Found, spill: list[Src]) -> dict:
    block: dict = {}
    for (section, name), values in doc.fields.items():
        if section == "conditions":
            for src in values:
                _put(block, name, src, (), spill)
    for item in _leaves(nest(doc.sections.get("conditions", []))):
        _put(block, "environment", item.src, (), spill)
    return {k: block[k] for k in _COND_ORDER if k in block}


def _parties(src: Src) -> list[dict]:
    parts = [
        p.strip() for p in re.split(r"[、,，;；/]", src.text.strip().rstrip("。.")) if p.strip()
    ]
    if len(parts) > 1 and all(len(p) <= 15 for p in parts):
        return [{"party": Leaf(p, src)} for p in parts]
    return [{"party": _leaf(src)}]


def relations(doc: Found, spill: list[Src]) -> dict:
    block: dict = {}
    for side in ("internal", "external"):
        for src in doc.fields.get(("relations", side), []):
            block.setdefault(side, []).extend(_parties(src))
    spill.extend(item.src for item in doc.sections.get("relations", []))
    return block


def career(doc: Found) -> dict:
    block: dict = {}
    for side in ("promotion", "lateral"):
        for src in doc.fields.get(("career", side), []):
            block.setdefault(side, []).extend(p["party"] for p in _parties(src))
    for item in _leaves(nest(doc.sections.get("career", []))):
        block.setdefault("promotion", []).append(_leaf(item.src))
    return {k: block[k] for k in ("promotion", "lateral") if k in block}


def _texts(doc: Found, section: str) -> list[Leaf]:
    return [_leaf(item.src) for item in _leaves(nest(doc.sections.get(section, [])))]


def _joined(doc: Found, section: str) -> Leaf | None:
    items = doc.sections.get(section, [])
    if not items:
        return None
    text = "".join((item.raw or item.src.text).strip() for item in items)
    return Leaf(text, items[0].src)


_ELSEWHERE = {"peers": "协作部门"}


def people(doc: Found, name: str) -> dict | list | None:
    """Superiors or subordinates by title, as written: ``{title: 总裁}``, or a list when the
    source names several (``副经理、客服、内勤``)."""
    out = []
    for src in doc.fields.get((None, name), []):
        parts = [p.strip() for p in re.split(r"[、/／]", src.text) if p.strip()]
        if len(parts) < 2 or any(len(p) > 15 for p in parts):
            parts = [src.text.strip()] if src.text.strip() else []
        out.extend({"title": Leaf(p, src)} for p in parts)
    return out[0] if len(out) == 1 else (out or None)


def _unplaced_fields(doc: Found, used: set[str]) -> list[Src]:
    """Labelled values the format has no field for (a superior by title, a printed
    document number that is no id …), kept with their label."""
    out: list[Src] = []
    for (section, name), values in doc.fields.items():
        if section is None and name not in used:
            label = _ELSEWHERE.get(name, name)
            out.extend(
                Src(f"{label}: {s.text.strip()}", s.where, s.line) for s in values if s.text.strip()
            )
    return out


def _required(data: dict, key: str, leaf: Leaf | None, missing: list[str]) -> None:
    """A field a draft must have: the placeholder, noted, when the source lacks it."""
    if leaf is None or not str(leaf.value).strip():
        data[key] = Leaf(PLACEHOLDER, None, "placeholder")
        missing.append(key)
    else:
        data[key] = leaf


def _optional(data: dict, key: str, leaf: Leaf | None, missing: list[str]) -> None:
    """A field a draft may lack (validate warns until it is filled in)."""
    if leaf is None or not str(leaf.value).strip():
        missing.append(key)
    else:
        data[key] = leaf


def build_role(doc: Found, doc_id: str, id_src, title: Leaf, today: date) -> Draft:
    data = _control(doc, "role", doc_id, id_src, title, today)
    missing: list[str] = []
    spill: list[Src] = []
    dept = _first(doc, (None, "department"))
    _optional(data, "department", _leaf(dept) if dept else None, missing)
    if grade := _first(doc, (None, "grade")):
        data["grade"] = _leaf(grade)
    for key in ("reports_to", "subordinates"):
        if found := people(doc, key):
            data[key] = found
    used = {"title", "department", "grade", "version", "date", "prepared_by", "reviewed_by",
            "approved_by", "headcount", "doc_no", "reports_to", "subordinates"}  # fmt: skip
    head = _first(doc, (None, "headcount"))
    if head and head.text.strip().isdigit() and int(head.text.strip()) >= 1:
        data["headcount"] = Leaf(int(head.text.strip()), head)
    elif head:
        spill.append(Src(f"岗位编制: {head.text.strip()}", head.where, head.line))
    _optional(data, "summary", _joined(doc, "summary"), missing)
    data["duties"] = duties(doc.sections.get("duties", []))
    for key in ("authorities", "kpis", "training"):
        if texts := _texts(doc, key):
            data[key] = [{"name": t} for t in texts] if key == "kpis" else texts
    blocks = {
        "relations": relations(doc, spill),
        "qualifications": qualifications(doc, spill),
        "conditions": conditions(doc, spill),
        "career": career(doc),
    }
    for key, block in blocks.items():
        if block:
            data[key] = block
    unplaced = _unplaced_fields(doc, used) + spill + doc.unplaced
    return Draft("role", doc_id, str(title.value), data, missing, unplaced,
                 count_numbered(doc.sections.get("duties", [])))  # fmt: skip


def build_procedure(doc: Found, doc_id: str, id_src, title: Leaf, today: date) -> Draft:
    data = _control(doc, "procedure", doc_id, id_src, title, today)
    missing: list[str] = []
    _required(data, "purpose", _joined(doc, "purpose"), missing)
    _required(data, "scope", _joined(doc, "scope"), missing)
    if refs := _texts(doc, "references"):
        data["references"] = refs
    records = _texts(doc, "records")
    if records:
        data["records"] = [{"id": Leaf(f"R{i}"), "title": t} for i, t in enumerate(records, 1)]
    data["steps"] = steps(doc.sections.get("steps", []))
    used = {"title", "version", "date", "prepared_by", "reviewed_by", "approved_by", "doc_no"}
    elsewhere = [name for name in doc.sections if name not in ("purpose", "scope", "steps",
                 "references", "records")]  # fmt: skip
    extra = [item.src for name in elsewhere for item in doc.sections[name]]
    unplaced = _unplaced_fields(doc, used) + extra + doc.unplaced
    return Draft("procedure", doc_id, str(title.value), data, missing, unplaced,
                 count_numbered(doc.sections.get("steps", [])))  # fmt: skip


def build(doc: Found, taken: set[str], file_title: str, today: date) -> Draft:
    """The draft of one document found; its id unique against ``taken``."""
    label = _first(doc, (None, "title"))
    if label is not None:
        title = _leaf(label)
    elif doc.title is not None and doc.title.text.strip():
        title = _leaf(doc.title)
    else:
        title = Leaf(file_title, None, "file-name")
    kind = doc.kind or "role"
    doc.kind = kind
    doc_id, id_src = make_id(doc, str(title.value), taken)
    maker = build_procedure if kind == "procedure" else build_role
    return maker(doc, doc_id, id_src, title, today)
