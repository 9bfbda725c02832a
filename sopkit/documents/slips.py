"""The slips HR staff make in YAML, found where libyaml stops: a full-width colon or space,
a key without its space, a list entry that lost its dash, a value YAML cannot take unquoted.
:mod:`sopkit.documents.source` names them at their line and column."""

from __future__ import annotations

import re

_KEY_FULLWIDTH = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_-]*\s*)：")
_KEY_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_-]*:)[^\s:/]")


def colon_mistake(raw: bytes, mark, context_mark) -> tuple[str, int, int] | None:
    """Find the usual cause of a syntax error near ``mark``: a key followed by a full-width
    colon (``grade：主管``) or by a colon without a space (``grade:主管``)."""
    if mark is None:
        return None
    first = min(mark.line, context_mark.line if context_mark else mark.line) - 1
    lines = raw.split(b"\n", mark.line + 1)
    for number in range(min(mark.line, len(lines) - 1), max(first, 0) - 1, -1):
        text = lines[number].decode("utf-8", "replace")
        for regex, code in ((_KEY_FULLWIDTH, "fullwidth-colon"), (_KEY_NO_SPACE, "colon-space")):
            match = regex.match(text)
            if match:
                return code, number + 1, len(match.group(1)) + (code == "fullwidth-colon")
    return None


FULLWIDTH_SPACE = "\u3000"
_FW_INDENT = re.compile(r"^[ ]*(?:-[ ]+)?(\u3000)")
_FW_AFTER_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_-]*:(\u3000)")


def fullwidth_space(raw: bytes, mark) -> tuple[str, int, int, str] | None:
    """A full-width space (U+3000, typed with a Chinese input method) where YAML needs an
    ordinary one, on the line of a syntax error or the two lines above it: as indentation,
    or right after a key's colon. Returns the code, line, column of that space and place."""
    if mark is None:
        return None
    lines = raw.split(b"\n", mark.line + 1)
    for number in range(min(mark.line, len(lines) - 1), max(mark.line - 2, 0) - 1, -1):
        text = lines[number].decode("utf-8", "replace")
        for regex, place in (
            (_FW_AFTER_COLON, "§fullwidth-after-colon"),
            (_FW_INDENT, "§fullwidth-indent"),
        ):
            match = regex.match(text)
            if match:
                return "fullwidth-space", number + 1, match.start(1) + 1, place
    return None


_ENTRY = re.compile(r"^( *)- ")
_NOT_ENTRY = re.compile(r"^( *)[^-#\s]")


def missing_dash(raw: bytes, mark) -> tuple[str, int, int] | None:
    """A list entry that lost its ``- `` (or kept Word's ``1、``), next to an entry that has
    it at the same indentation, around the line of a syntax error: the line and column where
    the ``- `` belongs."""
    if mark is None:
        return None
    lines = [t.decode("utf-8", "replace") for t in raw.split(b"\n", mark.line + 1)[: mark.line + 1]]
    for first in (mark.line - 1, mark.line - 2):  # pairs of lines (first, first + 1)
        if first < 0 or first + 1 >= len(lines):
            continue
        for bare_at, entry_at in ((first, first + 1), (first + 1, first)):
            entry, bare = _ENTRY.match(lines[entry_at]), _NOT_ENTRY.match(lines[bare_at])
            if entry and bare and len(entry.group(1)) == len(bare.group(1)):
                return "missing-dash", bare_at + 1, len(bare.group(1)) + 1
    return None


_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_-]*: +)(\S.*?)\s*$")


def quoted_line(raw: bytes, mark) -> str:
    """The line of a syntax error with its value in quotes, when the value is text YAML
    cannot take bare (``交班时间: 8:00``, ``*重要*``, ``[注]``): the line to type instead."""
    if mark is None:
        return ""
    lines = raw.split(b"\n", mark.line + 1)
    if mark.line >= len(lines):
        return ""
    match = _KEY_VALUE.match(lines[mark.line].decode("utf-8", "replace"))
    if not match:
        return ""
    value = match.group(2)
    if value[0] in "\"'" or not (": " in value or value[0] in "[]{}*&!|>%@`"):
        return ""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{match.group(1).strip()} "{escaped}"'


def char_at(raw: bytes, mark) -> str:
    if mark is None:
        return ""
    lines = raw.split(b"\n", mark.line + 1)
    if mark.line >= len(lines):
        return ""
    text = lines[mark.line].decode("utf-8", "replace")
    return text[mark.column] if mark.column < len(text) else ""
