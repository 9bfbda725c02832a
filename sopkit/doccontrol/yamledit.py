"""Edit a YAML document in place, keeping everything else as written.

Files are edited with ruamel.yaml's round-trip mode, which keeps comments, key order, quoting
and blank lines. Two checks make the promise hold for any file: the result is compared line
by line with the original (only the lines of the edited keys may differ; a file ruamel would
re-indent elsewhere is refused, not reformatted), and the result is parsed again and must hold
exactly the intended data. Writes are atomic. ``bump`` and ``approve`` are edits.
"""

from __future__ import annotations

import codecs
import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from sopkit.atomic import rewrite
from sopkit.diagnostics import Diagnostic, Location, Report
from sopkit.documents.check import check_bytes
from sopkit.documents.library import find_root, load_library
from sopkit.documents.models import Document
from sopkit.documents.source import LoadError, Source, load_bytes, read_source

_KEY_LINE = re.compile(r"^(\s*)(-\s+)?([^\s#'\"-][^:#]*|\"[^\"]*\"|'[^']*'):\s*(#.*)?$")


class EditRefused(Exception):
    """The file was left untouched; the report says why (exit 1)."""

    def __init__(self, report: Report):
        super().__init__("edit refused")
        self.report = report


@dataclass(slots=True)
class EditResult:
    path: str
    doc: Document
    before: str
    after: str
    warnings: list[Diagnostic] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


def guess_indent(text: str) -> tuple[int, int, int]:
    """``(mapping, sequence, offset)`` for ruamel, read from the first nested blocks."""
    mapping = offset = sequence = None
    lines = [ln for ln in text.split("\n") if ln.strip() and not ln.lstrip().startswith("#")]
    for prev, line in itertools.pairwise(lines):
        m = _KEY_LINE.match(prev)
        if not m:
            continue
        key_col = len(m.group(1)) + len(m.group(2) or "")
        indent = len(line) - len(line.lstrip(" "))
        if indent <= key_col and not (line.lstrip().startswith("- ") and indent == key_col):
            continue
        body = line.lstrip(" ")
        if body.startswith("- ") or body == "-":
            if offset is None:
                dash = re.match(r"-\s*", body).group(0)
                offset = indent - key_col
                sequence = offset + max(len(dash), 2)
        elif mapping is None:
            mapping = indent - key_col
        if mapping is not None and offset is not None:
            break
    mapping = mapping or 2
    if offset is None:
        offset, sequence = 2, 4
    return mapping, max(sequence, offset + 2), offset


def _yaml(text: str):
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold long lines
    yaml.brace_single_entry_mapping_in_flow_sequence = True  # [{title: 总裁}] stays as written
    mapping, sequence, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _validate(raw: bytes, display: str) -> tuple[Source, Document, Report]:
    doc, source, diags = check_bytes(raw, display)
    report = Report(diags, files=1)
    if report.errors or doc is None or source is None:
        raise EditRefused(report)
    return source, doc, report


def _check_in_library(path: Path) -> None:
    """Refuse a document whose references fail in its library (the folder with sopkit.yaml
    above it); a file outside any library is checked on its own only."""
    root = find_root(path.parent)
    if root is None:
        return
    target = path.resolve()
    report = load_library(root).report
    errors = [d for d in report.errors if Path(d.location.file).resolve() == target]
    if errors:
        raise EditRefused(Report(errors, files=1))


def _blocks(data) -> dict[str, tuple[int, int]]:
    """Line range ``[start, end)`` (0-based) of each top-level key of a ruamel mapping."""
    keys = list(data)
    starts = [data.lc.key(k)[0] for k in keys]
    out = {}
    for n, key in enumerate(keys):
        end = starts[n + 1] if n + 1 < len(keys) else 10**9
        out[key] = (starts[n], end)
    return out


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def _only_lines_changed(
    before: list[str], after: list[str], replace: list[tuple[int, int]],
    insert: list[tuple[int, int]],
) -> bool:  # fmt: skip
    """True when every difference is a replaced line inside ``replace`` ranges or an
    insertion inside ``insert`` ranges (both ``[start, end)`` of the original)."""
    replace = _merged(replace)  # neighbouring keys replaced together form one change
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "insert":
            if not any(lo <= i1 <= hi for lo, hi in insert):
                return False
        elif not any(lo <= i1 and i2 <= hi for lo, hi in replace):
            return False
    return True


def edit_document(
    path: str | Path,
    mutate: Callable[[Any, Document, Source], dict[str, Any]],
    *,
    display: str | None = None,
) -> EditResult:
    """Validate ``path``, apply ``mutate`` to its round-trip data, check, write atomically.

    ``mutate(data, doc, source)`` edits the ruamel mapping and returns ``{"replace":
    [top-level keys whose own lines may change], "insert": [keys near which lines may be
    added], "expect": {key: plain value the key must hold afterwards}, ...details}``.
    Raises :class:`EditRefused` (nothing written) and ``OSError``.
    """
    path = Path(path)
    shown = display or str(path)
    if not path.exists():  # could not run (exit 2), not a finding about a document
        raise FileNotFoundError(2, "No such file or directory", str(path))
    try:
        raw = read_source(path, shown)
    except LoadError as exc:
        raise EditRefused(Report([exc.diagnostic], files=1)) from None
    _, doc, _ = _validate(raw, shown)
    _check_in_library(path)
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")

    yaml = _yaml(text)
    data = yaml.load(text)
    blocks = _blocks(data)
    source = load_bytes(raw, shown)
    plan = mutate(data, doc, source)
    out = io.StringIO()
    yaml.dump(data, out)
    after = out.getvalue()

    replace = [blocks[k] for k in plan.pop("replace", ()) if k in blocks]
    insert = [blocks[k] for k in plan.pop("insert", ()) if k in blocks]
    expect = plan.pop("expect", {})
    before_lines, after_lines = text.split("\n"), after.split("\n")
    new_raw = (codecs.BOM_UTF8 if bom else b"") + (
        after.replace("\n", "\r\n") if crlf else after
    ).encode("utf-8")
    same = _only_lines_changed(before_lines, after_lines, replace, insert + replace)
    if same:
        new_source = load_bytes(new_raw, shown)
        old_data = dict(source.data)
        new_data = dict(new_source.data)
        for key, value in expect.items():
            old_data[key] = value
        same = new_data == old_data
    if not same:
        report = Report(files=1)
        report.add(Diagnostic("edit-would-reformat", Location(shown, 1, 1)))
        raise EditRefused(report)
    _, new_doc, report = _validate(new_raw, shown)
    rewrite(path, new_raw, expected=raw)
    return EditResult(shown, new_doc, text, after, report.warnings, plan)


def insert_key(data, key: str, value: Any, after: tuple[str, ...], before: tuple[str, ...]):
    """Insert ``key`` into a ruamel mapping before the first of ``before`` present, else
    after the last of ``after`` present, else at the end."""
    keys = list(data)
    pos = next((keys.index(k) for k in before if k in data), None)
    if pos is None:
        present = [keys.index(k) for k in after if k in data]
        pos = max(present) + 1 if present else len(keys)
    data.insert(pos, key, value)
