"""Numbered items in running text: every numbering style HR documents use, and the items
that web pages and copy-paste glue together (``岗位职责11、…``, ``…;5、…``).

A marker has a *style* (``1、`` ``1.`` ``1)`` ``(1)`` ``⑴`` ``①`` ``一、`` ``(一)`` ``1.1.1``
…) and a value. Levels come from the order styles appear in, as a reader sees them: a
style not seen yet nests under the current item; a style seen before returns to its level.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sopkit.importer.vocab import LABELS, SECTIONS, T2S, field_label, key, section_of, title_kind

CN_DIGITS = "零一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_CN = "[一二三四五六七八九十]{1,3}"

# (style, pattern) tried in order at the start of a piece; group "v" is the value.
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("dotted", re.compile(r"(?P<v>\d{1,2}(?:\.\d{1,2}){1,4})(?:\.(?!\d)|、)?\s*(?=\D)")),
    ("(1)", re.compile(r"[(]\s*(?P<v>\d{1,2})\s*[)]\s*[、.]?\s*")),
    ("(一)", re.compile(rf"[(]\s*(?P<v>{_CN})\s*[)]\s*[、.]?\s*")),
    ("1、", re.compile(r"(?P<v>\d{1,2})\s*、\s*")),
    ("1.", re.compile(r"(?P<v>\d{1,2})\s*\.(?!\d)\s*")),
    ("1)", re.compile(r"(?P<v>\d{1,2})\s*\)\s*")),
    ("1,", re.compile(r"(?P<v>\d{1,2}),(?=[^\d\s])")),
    ("一、", re.compile(rf"(?P<v>{_CN})\s*[、.]\s*")),
    ("⑴", re.compile(rf"(?P<v>[{PARENTHESIZED}])\s*[、.]?\s*")),
    ("①", re.compile(rf"(?P<v>[{CIRCLED}])\s*[、.]?\s*")),
    ("第一条", re.compile(rf"第\s*(?P<v>{_CN}|\d{{1,3}})\s*[条章节篇部分]+\s*[:、.]?\s*")),
    ("•", re.compile(r"(?P<v>[-•·●◆■□▪*])\s+")),
]


def fold(text: str) -> str:
    """Full-width digits and punctuation as ASCII, same length (for matching only)."""
    out = []
    for ch in text:
        if ch in "（）：；，．１２３４５６７８９０":
            ch = unicodedata.normalize("NFKC", ch)
        out.append(ch)
    return "".join(out)


def cn_value(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CN_DIGITS.index(tens) if tens else 1) * 10 + (CN_DIGITS.index(ones) if ones else 0)
    return CN_DIGITS.index(text) if text in CN_DIGITS else 0


def _value(style: str, raw: str) -> int:
    if style in ("①", "⑴"):
        return (CIRCLED if style == "①" else PARENTHESIZED).index(raw) + 1
    if style == "dotted":
        return int(raw.split(".")[-1])
    if style == "•":
        return 0
    return cn_value(raw)


@dataclass(frozen=True, slots=True)
class Marker:
    style: str  # "dotted" styles carry their depth: "dotted2" for 1.1
    value: int
    end: int  # where the text after the marker starts
    raw: str = ""


def marker(text: str) -> Marker | None:
    """The numbering marker at the start of ``text`` (after spaces), if any."""
    folded = fold(text)
    start = len(folded) - len(folded.lstrip())
    for style, pattern in _MARKERS:
        m = pattern.match(folded, start)
        if m is None or m.end() >= len(folded.rstrip()):
            continue
        raw = m.group("v")
        if style == "dotted":
            return Marker(f"dotted{raw.count('.') + 1}", _value(style, raw), m.end(), raw)
        return Marker(style, _value(style, raw), m.end(), raw)
    return None


def _next_pattern(style: str, value: int) -> str | None:
    """A regex for the marker that would follow ``value`` in ``style``."""
    n = value + 1
    if style == "1、":
        return rf"(?<!\d){n}\s*、"
    if style == "1.":
        return rf"(?<![\d.]){n}\s*\.(?!\d)"
    if style == "1,":
        return rf"(?<![\d,]){n},(?=[^\d\s])"
    if style == "1)":
        return rf"(?<![\d(]){n}\s*\)"
    if style == "(1)":
        return rf"\(\s*{n}\s*\)"
    if style in ("一、", "(一)"):
        if n > 10:
            return None
        numeral = CN_DIGITS[n] if n < 10 else "十"
        return (
            rf"(?<![一二三四五六七八九十第(]){numeral}\s*、"
            if style == "一、"
            else rf"\(\s*{numeral}\s*\)"
        )
    if style in ("①", "⑴") and n <= 20:
        return re.escape((CIRCLED if style == "①" else PARENTHESIZED)[n - 1])
    return None


_BREAK = re.compile(r"(?<=[。;!?:])\s*(?=\S)")  # where a glued item may start (folded text)
_FIRST_CHILD = re.compile(r"1\s*[、.](?!\d)|\(\s*1\s*\)|\(\s*一\s*\)|①|⑴|一\s*、")
_SENTENCE = re.compile(r"[。;,!?]")


def _strong_words() -> re.Pattern[str]:
    """Headings and labels long enough to start a new piece wherever they stand with a
    colon after them (``…客服副总直接上级:…``)."""
    words = {w for ws in SECTIONS.values() for w in ws} | {w for ws in LABELS.values() for w in ws}
    long = sorted((key(w) for w in words if len(key(w)) >= 4), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, long)) + r")\s*:")


_STRONG = _strong_words()


CHAPTERS = ("一、", "(一)")


def split_items(text: str, chapters: dict[str, Marker] | None = None) -> list[str]:
    """Split a line holding several numbered items into one piece per item.

    After an item ``n``, the next marker ``n+1`` of the same style starts a new piece
    wherever it stands; so does any marker or heading right after 。;:!?, a first
    sub-item glued to a short heading (``岗位职责11、…``), and a form label with its colon.
    ``chapters`` carries the last 一、/(一) marker from line to line, and is updated.
    """
    pieces: list[str] = []
    chapters = {} if chapters is None else chapters
    seen: dict[str, Marker] = dict(chapters)  # the last marker of each style so far
    rest = text
    first = marker(fold(rest))
    if first is not None:
        seen[first.style] = first
    try:
        _split(rest, seen, pieces)
    finally:
        chapters.update({k: v for k, v in seen.items() if k in CHAPTERS})
    return [p for p in pieces if p.strip()]


def _split(rest: str, seen: dict[str, Marker], pieces: list[str]) -> None:
    for _ in range(10_000):
        cut = _next_cut(rest, list(seen.values()))
        if cut is None or cut <= 0 or cut >= len(rest):
            break
        pieces.append(rest[:cut])
        rest = rest[cut:]
        first = marker(fold(rest))
        if first is not None and first.style not in ("•", "1,"):
            seen[first.style] = first
    pieces.append(rest)


def _sequence_cut(folded: str, first: Marker | None) -> int | None:
    if first is None:
        return None
    pattern = _next_pattern(first.style, first.value)
    if first.style.startswith("dotted"):
        pattern = re.escape(first.raw) + r"\.1(?!\d)"
    if not pattern:
        return None
    m = re.compile(pattern).search(folded, first.end)
    return m.start() if m else None


def _break_cut(folded: str, simple: str) -> int | None:
    for m in _BREAK.finditer(folded):
        at = m.end()
        if at >= len(folded):
            return None
        following = marker(folded[at:])
        if following is not None and following.style not in ("•", "1,") and following.value < 40:
            return at
        head = simple[at : at + 24].split(":", 1)
        if len(head) == 2 and (section_of(head[0]) or field_label(head[0])):
            return at
        if title_kind(re.split(r"[。;:!?]", simple[at : at + 42])[0]):  # …;客服领班岗位职责2
            return at
    return None


def _child_cut(folded: str, simple: str, first: Marker | None) -> int | None:
    start = first.end if first else 0
    m = _FIRST_CHILD.search(folded, start, start + 30)
    if m is None or m.start() == start:
        return None
    prefix = folded[start : m.start()]
    if _SENTENCE.search(prefix) or not prefix.strip():
        return None
    if prefix[-1].isdigit():  # 岗位职责11、: a title's own number, then item 1
        return m.start() if title_kind(simple[: m.start()]) else None
    child = marker(folded[m.start() :])
    if child is None or (first is not None and child.style == first.style):
        return None
    return m.start()


def _label_cut(simple: str) -> int | None:
    for m in _STRONG.finditer(simple, 1):
        # 吧台接待员工作流程: is one title; 客服领班岗位职责2岗位职责: a title, then a heading
        if title_kind(simple[: m.start()]) or not title_kind(simple[: m.end() - 1]):
            return m.start()
    return None


def _next_cut(text: str, seen: list[Marker] = ()) -> int | None:
    folded = fold(text)
    simple = folded.translate(T2S)
    first = marker(folded)
    cuts = [
        _sequence_cut(folded, Marker(m.style, m.value, 1, m.raw))
        for m in seen
        if m.style in ("一、", "(一)", "①", "⑴") and (first is None or m.style != first.style)
    ]
    cuts += [
        _sequence_cut(folded, first),
        _break_cut(folded, simple),
        _child_cut(folded, simple, first),
        _label_cut(simple),
    ]
    found = [c for c in cuts if c is not None and 0 < c < len(text)]
    return min(found) if found else None
