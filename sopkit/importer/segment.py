"""Lines → the documents they hold: titles, form labels, section headings and the numbered
items under them, each kept with where it came from.

The reader is forgiving on purpose: a line is a title, a label (``岗位名称:客服领班``), a
heading (``岗位职责``, ``二、任职要求:``) or content of the section it falls in; content
that belongs nowhere is kept as *unplaced*, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sopkit.importer.base import Line
from sopkit.importer.numbering import Marker, fold, marker, split_items
from sopkit.importer.vocab import (
    SECTIONS,
    T2S,
    field_label,
    key,
    section_of,
    split_label,
    title_kind,
    title_name,
)

CHAPTER_STYLES = ("一、", "(一)", "第一条", "dotted1")
_SENTENCE_END = re.compile(r"[。;；!！?？:：)）]\s*\Z")
_VERBISH = re.compile(
    r"\A(负责|制定|协助|完成|组织|做好|参与|拟定|编制|建立|执行|落实|监督|根据|按照|对|熟悉|掌握"
    r"|了解|确保|保证|督导|安排|检查|维护|处理|配合|指导|审核|定期|及时|严格|贯彻|为)"
)
_ROLE_LABELS = {"title", "department", "reports_to", "doc_no", "grade", "headcount"}


@dataclass(slots=True)
class Src:
    """A value as written, and where: ``L12``, ``¶3``, ``T1!B2``."""

    text: str
    where: str
    line: int | None = None
    extra: tuple[tuple[str, str, str], ...] = ()  # a duty's area, kpi, standard beside it


@dataclass(slots=True)
class Item:
    src: Src
    level: int
    numbered: bool
    children: list[Item] = field(default_factory=list)
    raw: str = ""  # as written, numbering included


@dataclass(slots=True)
class Found:
    """A document found in the input: its title, labelled fields, sections and leftovers."""

    kind: str | None
    title: Src | None
    start: Src
    fields: dict[tuple[str | None, str], list[Src]] = field(default_factory=dict)
    sections: dict[str, list[Item]] = field(default_factory=dict)
    unplaced: list[Src] = field(default_factory=list)
    lines: int = 0

    def has_content(self) -> bool:
        return bool(self.sections.get("duties") or self.sections.get("steps"))


def undouble(text: str) -> str:
    """A title a web page printed twice in a row, once (``ABAB`` → ``AB``)."""
    m = re.fullmatch(r"(.{3,40}?)\1+(.*)", text.strip(), re.S)
    if m and title_kind(m.group(1)):
        return m.group(1) + m.group(2)
    return text.strip()


def heading_split(text: str) -> tuple[str, str] | None:
    """``任职要求:1、…`` → (qualifications, ``1、…``); ``二、工作概述在公司…`` (a long
    heading word glued to its text) → (summary, ``在公司…``)."""
    body = text.strip()
    head, sep, _ = fold(body).partition(":")
    if sep and section_of(head):
        return section_of(head), body[len(head) + 1 :].strip()
    if section_of(body):
        return section_of(body), ""
    simple = body.translate(T2S)
    for name, words in SECTIONS.items():
        for word in sorted(words, key=len, reverse=True):
            if len(word) >= 4 and simple.startswith(word) and len(simple) > len(word):
                return name, body[len(word) :].strip()
    return None


def heading_word(text: str) -> str:
    """The heading word a piece starts with, after its numbering (``八、工作时间…`` → 工作时间)."""
    mark = marker(text)
    body = (text[mark.end :] if mark else text).strip().translate(T2S)
    words = sorted((w for ws in SECTIONS.values() for w in ws), key=len, reverse=True)
    return next((w for w in words if body.startswith(w)), "")


_MARKDOWN = re.compile(r"\A\s*(?:#{1,6}\s+|>\s*)")
_UNTITLED = re.compile(
    r"(岗位说明书|职位说明书|岗位工作说明书|工作说明书|职务说明书|作业指导书|工作指导书)"
)


class Segmenter:
    """Feeds pieces of text one by one and keeps the documents found."""

    def __init__(self, forced: str | None, file_title: str):
        self.forced = forced
        self.file_title = file_title
        self.docs: list[Found] = []
        self.preamble: list[Src] = []
        self.doc: Found | None = None
        self.section: str | None = None
        self.styles: list[str] = []
        self.pending: tuple[str | None, str] | None = None
        self.open: Item | None = None  # the item the previous piece added to

    # --- documents ------------------------------------------------------------------
    def start(self, kind: str | None, title: Src | None, src: Src) -> Found:
        if self.doc is not None and not self.doc.has_content() and not self.doc.fields:
            self.preamble.extend(self.doc.unplaced)
            self.docs.pop()  # a title with nothing under it: the next title replaces it
        self.doc = Found(self.forced or kind, title, src)
        self.docs.append(self.doc)
        self.section, self.styles, self.pending = None, [], None
        return self.doc

    def ensure(self, src: Src) -> Found:
        return self.doc if self.doc is not None else self.start(None, None, src)

    # --- one piece ------------------------------------------------------------------
    def feed(self, text: str, src: Src, word_level: int | None) -> None:
        opened, self.open = self.open, None  # only the piece right after an item continues it
        text = _MARKDOWN.sub("", text).strip()  # ## 岗位职责, > quoted
        if len(text) > 4 and text.startswith("**") and text.endswith("**"):  # **任职要求**
            text = text[2:-2]
        mark = marker(text)
        body = text[mark.end :].strip() if mark else text.strip()
        if self.doc is not None:
            self.doc.lines += 1
        if self._title(body, mark, src) or self._label(body, src):
            return
        if self._heading(body, mark, src, word_level):
            return
        if self.pending is not None and self.doc is not None and mark is None:
            self.doc.fields.setdefault(self.pending, []).append(Src(body, src.where, src.line))
            self.pending = None
            return
        self.open = opened
        self._content(body, mark, src, word_level)

    def _title(self, body: str, mark: Marker | None, src: Src) -> bool:
        title = undouble(body)
        bare = _UNTITLED.fullmatch(title.translate(T2S).strip(" :："))
        if bare and mark is None and self.doc is not None:  # 「岗位说明书」 alone: a new one
            self.start("procedure" if "指导书" in bare.group() else "role", None, src)
            return True
        kind = title_kind(title)
        if kind is None or _VERBISH.match(title) or (mark and mark.style == "•"):
            return False
        split = heading_split(title)
        if split is not None and split[1]:
            return False  # 岗位职责 客服主管岗位职责: a heading, then the title
        in_procedure = self.doc is not None and self.doc.kind == "procedure"
        if kind == "procedure" and mark is not None and in_procedure:
            return False  # inside a work instruction a numbered 「…流程」 is a step group
        self.start(kind, Src(title_name(title), src.where, src.line), src)
        return True

    def _label(self, body: str, src: Src) -> bool:
        found = split_label(body)
        if found is None:
            return False
        place, label, value = found
        if place[0] is None and place[1] not in _ROLE_LABELS and self.doc is None:
            return False
        doc = self.doc
        if (
            place == (None, "title")
            and doc
            and ((None, "title") in doc.fields or doc.has_content())
        ):
            self.start(None, None, src)
        doc = self.ensure(src)
        if place[0] is not None:
            self.section = place[0]
        if not value:
            if section_of(label):
                self.section, self.styles = section_of(label), []
            self.pending = place
            return True
        doc.fields.setdefault(place, []).append(Src(value, src.where, src.line))
        return True

    def _heading(self, body: str, mark: Marker | None, src: Src, level: int | None) -> bool:
        split = heading_split(body)
        if split is None:
            if self._unknown_chapter(body, mark):
                self.ensure(src)
                self.section, self.styles = "other", []
                self.doc.unplaced.append(src)
                return True
            return False
        name, rest = split
        if rest and title_kind(undouble(rest)) == "role":  # 一、岗位职责 客服主管岗位职责
            self.start("role", Src(title_name(undouble(rest)), src.where, src.line), src)
            rest = ""
        doc = self.ensure(src)
        if doc.kind != "procedure" and name in ("purpose", "scope", "references", "records"):
            return False
        if doc.kind == "procedure" and name == "duties":
            name = "steps"
        self.section, self.styles, self.pending = name, [], None
        if rest:
            inner = marker(rest)
            body = rest[inner.end :].strip() if inner else rest
            place = field_label(heading_word(src.text))
            if inner is None and place is not None and place[0] == name:  # 工作时间 is hours
                doc.fields.setdefault(place, []).append(Src(body, src.where, src.line))
                return True
            self._content(body, inner, Src(rest, src.where, src.line), level)
        return True

    def _unknown_chapter(self, body: str, mark: Marker | None) -> bool:
        """A short 「四、薪资待遇」 in a job description: a section sopkit has no place for."""
        if mark is None or mark.style not in CHAPTER_STYLES or self.doc is None:
            return False
        if self.doc.kind == "procedure" or len(key(body)) > 12:
            return False
        return not re.search(r"[。;；,，]", body)

    def _content(self, body: str, mark: Marker | None, src: Src, word_level: int | None) -> None:
        if not body:
            return
        doc = self.ensure(src)
        section = self.section or ("steps" if doc.kind == "procedure" else "duties")
        if section == "other":
            doc.unplaced.append(src)
            return
        items = doc.sections.setdefault(section, [])
        numbered = mark is not None or word_level is not None
        last = items[-1] if items else None
        if last is not self.open:
            last = None if not items else last
        continues = last is not None and last is self.open
        heading_like = last is not None and last.numbered and len(key(last.src.text)) <= 12
        if not numbered and last is not None and heading_like:
            level = last.level + 1  # 3、入夥及裝修 / 負責…: the text under a short item
        elif not numbered and continues and not _SENTENCE_END.search(last.src.text):
            last.src.text += body  # a line wrapped in the middle of an item
            last.raw += body
            return
        else:
            level = self._level(mark, word_level, last)
        items.append(Item(Src(body, src.where, src.line, src.extra), level, numbered, raw=src.text))
        self.open = items[-1]

    def _level(self, mark: Marker | None, word_level: int | None, last: Item | None) -> int:
        if word_level is not None:
            return word_level
        if mark is None:
            return last.level if last is not None else 0
        if mark.style.startswith("dotted"):
            return int(mark.style[6:]) - 1
        if mark.style in self.styles:
            del self.styles[self.styles.index(mark.style) + 1 :]
        else:
            self.styles.append(mark.style)
        return len(self.styles) - 1


def spaced_labels(text: str) -> list[str]:
    """A form flattened into one line, cells apart by spaces (``岗位名称 客服经理 岗位编号
    KXYF-KF-02 …``) → ``岗位名称:客服经理``, ``岗位编号:KXYF-KF-02`` …; else ``[text]``."""
    tokens = text.split()
    if len(tokens) < 3 or sum(1 for t in tokens if field_label(t)) < 2:
        return [text]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if field_label(tokens[i]):
            value = []
            while i + 1 < len(tokens) and not field_label(tokens[i + 1]):
                i += 1
                value.append(tokens[i])
            if value:  # a label with an empty cell says nothing
                out.append(f"{tokens[i - len(value)]}:{' '.join(value)}")
        else:
            out.append(tokens[i])
        i += 1
    return out


def segment(
    lines: list[Line], forced: str | None, file_title: str
) -> tuple[list[Found], list[Src]]:
    """The documents in ``lines`` (those with duties or steps) and the lines outside them."""
    seg = Segmenter(forced, file_title)
    chapters: dict = {}
    for line in lines:
        parts = split_items(line.text, chapters)
        pieces = [p for part in parts for p in spaced_labels(part)]
        if not pieces:
            seg.open = None  # a row of empty form labels ends the item above it
        for n, piece in enumerate(pieces):
            src = Src(piece.strip(), line.where, line.line, line.extra if n == 0 else ())
            if seg.doc is None and forced and marker(piece) is None and _title_like(piece):
                seg.start(forced, src, src)  # --kind: the first line is the title
                continue
            if seg.doc is None and not forced and not _starts_something(piece):
                seg.preamble.append(src)
                continue
            seg.feed(piece, src, line.level)
    found = [d for d in seg.docs if d.has_content()]
    leftover = list(seg.preamble)
    for doc in seg.docs:
        if not doc.has_content():
            leftover.append(doc.start)
    return found, leftover


def _title_like(text: str) -> bool:
    return len(text.strip()) <= 40 and not re.search(r"[。;；,，:：]", text)


def _starts_something(piece: str) -> bool:
    mark = marker(piece)
    body = piece[mark.end :].strip() if mark else piece.strip()
    if title_kind(undouble(body)) or heading_split(body):
        return True
    found = split_label(body)
    return found is not None and found[0][1] in _ROLE_LABELS


def nest(items: list[Item]) -> list[Item]:
    """Flat items with levels → a tree (an item deeper than the one before is its child)."""
    roots: list[Item] = []
    stack: list[Item] = []
    for item in items:
        item.children = []
        while stack and stack[-1].level >= item.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
    return roots
