"""Load one YAML document safely, with exact source positions.

libyaml (PyYAML's C parser) composes the node tree once; :func:`load` builds plain Python
data from that same tree and keeps the root node, so any later diagnostic can be mapped
back to ``line:col`` without parsing again (:func:`locate`).

Differences from ``yaml.safe_load`` that users rely on:

* Scalars follow the YAML 1.2 core schema: ``no``, ``on``, ``yes``, ``off`` stay strings,
  ``9:00`` is not the number 540, and ``2026-05-01`` is a string (the models parse dates).
* Duplicate mapping keys are an error, and keys starting with ``x-`` are dropped.
* Alias expansion and nesting depth are bounded ("billion laughs" fails fast).
* Only the standard scalar tags are accepted: no object construction of any kind.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.cyaml import CParser
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sopkit.diagnostics import Diagnostic, Location, Severity
from sopkit.documents.slips import (  # what libyaml's errors mean, in a clerk's words
    char_at,
    colon_mistake,
    fullwidth_space,
    missing_dash,
    quoted_line,
)
from sopkit.safeio import megabytes

MAX_NODES = 200_000
MAX_FILE_BYTES = 5 * 10**6  # a long procedure is ~50 KB; anything this big is a mistake
MAX_DEPTH = 64
MAX_NUMBER_CHARS = 40  # a number longer than this is a paste gone wrong, not a value

_PLAIN = "!plain"
_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOAT = {
    ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf,
    "+.inf": math.inf, "+.Inf": math.inf, "+.INF": math.inf,
    "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
    ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan,
}  # fmt: skip
_MAYBE_NOT_STR = frozenset("-+.0123456789~nNtTfF")
_RADIX = re.compile(r"0o[0-7]+\Z|0x[0-9a-fA-F]+\Z")
# Control characters reach a value only through escapes ("\0", "\a", "\e"): they would be
# printed raw to a terminal or into a manual. Tab, newline and carriage return are text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _is_number(text: str) -> bool:
    return bool(_INT.match(text) or _FLOAT.match(text) or _RADIX.match(text))


def shown_char(char: str) -> str:
    """A control character as a reader can see and type it: ``\\x1b``."""
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


class _Composer(CParser):
    """libyaml's composer; tags are settled later in :func:`_scalar`, not here."""

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is SequenceNode else _MAP


def plain_scalar(text: str) -> Any:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema."""
    if not text:
        return None
    if text[0] not in _MAYBE_NOT_STR:
        return text
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text):
        return int(text)
    if text.startswith("0o") and len(text) > 2:
        try:
            return int(text[2:], 8)
        except ValueError:
            return text
    if text.startswith("0x") and len(text) > 2:
        try:
            return int(text[2:], 16)
        except ValueError:
            return text
    if _FLOAT.match(text):
        return float(text)
    if text in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[text]
    return text


class LoadError(Exception):
    """A file that cannot be turned into data; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


@dataclass(slots=True)
class Source:
    """A loaded YAML document: its data and the node tree it came from."""

    path: str
    data: Any
    root: Node | None
    warnings: list[Diagnostic] = field(default_factory=list)


def _where(path: str, mark) -> Location:
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


def _encoding(path: str, line: int, col: int, encoding: str) -> LoadError:
    # iconv is only suggested where its source encoding is known: a guessed one garbles.
    source = {"GB18030/GBK": "GB18030", "UTF-16": "UTF-16", "UTF-16 (no BOM)": "UTF-16LE",
              "UTF-32": "UTF-32"}.get(encoding, "ENCODING")  # fmt: skip
    args = {"encoding": encoding, "source": source}
    return LoadError(Diagnostic("encoding", Location(path, line, col), args))


def decode(raw: bytes, path: str) -> bytes:
    """Return UTF-8 bytes without a BOM, or raise :class:`LoadError` naming the encoding."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    elif raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise _encoding(path, 1, 1, "UTF-32")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _encoding(path, 1, 1, "UTF-16")
    head = raw[:400]
    if head.count(0) * 3 > len(head):  # ASCII keys in UTF-16: every other byte is 0
        raise _encoding(path, 1, 1, "UTF-16 (no BOM)")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        try:
            raw.decode("gb18030")
            encoding = "GB18030/GBK"
        except UnicodeDecodeError:
            encoding = "§encoding-unknown"
        raise _encoding(path, line, col, encoding) from None
    return raw


def compose(raw: bytes, path: str) -> Node | None:
    """Compose the single YAML document in ``raw`` (already UTF-8) into a node tree."""
    parser = _Composer(raw)
    try:
        return parser.get_single_node()
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or str(exc)
        mark = exc.problem_mark or exc.context_mark
        if "single document" in (exc.context or "") + problem:
            code = "multiple-documents"
        elif "undefined alias" in (exc.context or "") + problem:
            code = "undefined-alias"
        elif "tab" in problem or char_at(raw, mark) == "\t":
            code = "yaml-tab"
        else:
            found = (
                fullwidth_space(raw, mark)
                or colon_mistake(raw, mark, exc.context_mark)
                or missing_dash(raw, mark)
                or ("expected ':'" in problem and missing_dash(raw, exc.context_mark))
                or None
            )
            if found is not None:
                code, line, col, *place = found
                args = {"place": place[0]} if place else {}
                raise LoadError(Diagnostic(code, Location(path, line, col), args)) from None
            code = "yaml-syntax"
            if "could not find expected ':'" in problem and exc.context_mark is not None:
                mark = exc.context_mark  # the line that lacks its colon, not the next one
        args = {"problem": "§" + problem, "context": exc.context or ""}
        if code == "yaml-syntax":
            args["suggestion"] = quoted_line(raw, mark)
        raise LoadError(Diagnostic(code, _where(path, mark), args)) from None
    except yaml.reader.ReaderError as exc:  # control characters and the like
        text = raw.decode("utf-8", "replace")[: exc.position]
        line = text.count("\n") + 1
        col = len(text) - (text.rfind("\n") + 1) + 1
        args = {"problem": f"control character #x{exc.character:04X} is not allowed"}
        raise LoadError(Diagnostic("yaml-syntax", Location(path, line, col), args)) from None
    finally:
        parser.dispose()


class _Builder:
    """Turn a node tree into Python data, enforcing sopkit's loading rules."""

    __slots__ = ("count", "path", "warnings")

    def __init__(self, path: str):
        self.path = path
        self.count = 0
        self.warnings: list[Diagnostic] = []

    def fail(self, code: str, node: Node, **args) -> LoadError:
        return LoadError(Diagnostic(code, _where(self.path, node.start_mark), args))

    def build(self, node: Node, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail("too-many-nodes", node, limit=MAX_NODES)
        if depth > MAX_DEPTH:
            raise self.fail("too-deep", node, limit=MAX_DEPTH)
        tag = node.tag
        if tag == _PLAIN:
            if node.start_mark.line != node.end_mark.line:
                self.folded(node)
            self.bounded(node)
            return plain_scalar(node.value)
        if tag == _STR:
            if node.__class__ is ScalarNode:
                return self.text(node)
            raise self.fail("unsupported-tag", node, tag="!!str")
        if tag == _MAP and node.__class__ is MappingNode:
            return self.mapping(node, depth)
        if tag == _SEQ and node.__class__ is SequenceNode:
            return [self.build(child, depth + 1) for child in node.value]
        return self.tagged(node)

    def bounded(self, node: ScalarNode) -> None:
        value = node.value
        if len(value) > MAX_NUMBER_CHARS and value[0] in _MAYBE_NOT_STR and _is_number(value):
            raise self.fail("number-too-long", node, length=len(value), limit=MAX_NUMBER_CHARS)

    def text(self, node: ScalarNode) -> str:
        match = _CONTROL.search(node.value)
        if match:
            raise self.fail("control-character", node, char=shown_char(match.group()))
        return node.value

    def folded(self, node: ScalarNode) -> None:
        # YAML joins an unquoted text that goes on over several lines into one line: where
        # the next line was meant as a list entry or a key, its "- " or ":" is missing.
        where = _where(self.path, node.end_mark)
        self.warnings.append(
            Diagnostic(
                "multiline-text",
                Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1),
                {"end_line": where.line},
                Severity.WARNING,
            )
        )

    def mapping(self, node: MappingNode, depth: int) -> dict:
        out: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                raise self.fail("complex-key", key_node)
            key = self.text(key_node)
            if key in seen:
                first = seen[key].start_mark
                raise self.fail("duplicate-key", key_node, key=key, first_line=first.line + 1)
            seen[key] = key_node
            if key.startswith("x-"):
                continue
            out[key] = self.build(value_node, depth + 1)
        return out

    def tagged(self, node: Node) -> Any:
        tag = node.tag
        if node.__class__ is ScalarNode:
            short = tag.removeprefix(_TAG)
            value = node.value
            if tag == "!":
                return self.text(node)
            self.bounded(node)
            if short == "null" and value in _NULLS:
                return None
            if short == "bool" and value in _BOOLS:
                return _BOOLS[value]
            if short == "int" and _INT.match(value):
                return int(value)
            if short == "float" and (_FLOAT.match(value) or value in _SPECIAL_FLOAT):
                return float(_SPECIAL_FLOAT.get(value, value))
        shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
        raise self.fail("unsupported-tag", node, tag=shown)


def load_bytes(raw: bytes, path: str) -> Source:
    """Load one document from bytes. Raises :class:`LoadError` with a located diagnostic."""
    root = compose(decode(raw, path), path)
    if root is None:
        raise LoadError(Diagnostic("empty-document", Location(path, 1, 1)))
    builder = _Builder(path)
    data = builder.build(root)
    return Source(path, data, root, builder.warnings + _cut_at_hash(raw, root, path))


_HASH_AFTER = re.compile(r"[ \t]+(#[^\s#].*?)\s*$")  # "熟悉消防器材 #2号楼": not "  # ¶3"


def _cut_at_hash(raw: bytes, root: Node, path: str) -> list[Diagnostic]:
    """Unquoted one-line texts followed by `` #…`` with no space after the ``#``: YAML reads
    that as a comment, so the words after it silently vanish (``3 #楼`` → ``3``)."""
    if b" #" not in raw and b"\t#" not in raw:
        return []
    lines = raw.decode("utf-8", "replace").split("\n")
    out, stack = [], [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            stack.extend(value for pair in node.value for value in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif node.tag == _PLAIN and node.start_mark.line == node.end_mark.line:
            end = node.end_mark
            match = _HASH_AFTER.match(lines[end.line], end.column)
            if match:
                args = {"rest": match.group(1), "text": node.value}
                where = Location(path, end.line + 1, match.start(1) + 1)
                out.append(Diagnostic("text-cut-at-hash", where, args, Severity.WARNING))
    return out


def read_source(path: str | Path, shown: str | None = None) -> bytes:
    """The bytes of a document file; a device, a folder or an oversized file is refused
    (:class:`LoadError`) before anything is read."""
    shown = shown or str(path)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(Diagnostic("unreadable", Location(shown), {"error": "not a file"}))
        if info.st_size > MAX_FILE_BYTES:
            args = {"size": megabytes(info.st_size), "limit": megabytes(MAX_FILE_BYTES)}
            raise LoadError(Diagnostic("file-too-large", Location(shown), args))
        return Path(path).read_bytes()
    except OSError as exc:
        raise LoadError(
            Diagnostic("unreadable", Location(shown), {"error": exc.strerror or str(exc)})
        ) from None


def load_file(path: str | Path, display: str | None = None) -> Source:
    """Load one document from a file; ``display`` is the path shown in diagnostics."""
    shown = display or str(path)
    return load_bytes(read_source(path, shown), shown)


def locate(root: Node | None, loc: tuple, *, key: bool = False) -> tuple[int, int] | None:
    """Return 1-based ``(line, col)`` of the node at ``loc`` (a pydantic-style path).

    With ``key=True`` the last element is a mapping key and its *key* position is returned.
    When the path leaves the tree (a missing field), the deepest existing node is used.
    """
    node = root
    if node is None:
        return None
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    node = key_node if last and key else value_node
                    break
            else:
                break
        elif isinstance(node, SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
            else:
                break
        else:
            break
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def node_at(root: Node | None, loc: tuple) -> Node | None:
    """Return the node at ``loc`` exactly, or ``None`` when the path does not exist."""
    node = root
    for part in loc:
        if isinstance(node, MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None
        if node is None:
            return None
    return node
