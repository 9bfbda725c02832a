"""Writers for reports and tables: text, JSON, CSV and GitHub annotations.

Every writer takes the stream to write to; nothing here knows about the terminal.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from typing import Any, TextIO

from sopkit.diagnostics import Report, Severity
from sopkit.locale import catalogue

_SUMMARY = {
    "en": "{errors} error(s), {warnings} warning(s) in {files} file(s)",
    "zh-CN": "{files} 个文件:{errors} 个错误,{warnings} 个警告",
}
_HINT = {"en": "hint", "zh-CN": "提示"}
# Text from documents, sheets and file names reaches the terminal: an escape sequence in it
# could recolour, retitle or clear the screen. Shown as \x1b, never sent raw.
# Zero-width characters too: an answer that is only U+200B must not look empty.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060\ufeff]")
_CONTROL_OR_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060\ufeff]")


def visible(text: str, *, lines: bool = True) -> str:
    """``text`` with its control characters written out (``\\x1b``); newlines and tabs are
    kept unless ``lines`` is false (a table cell)."""
    regex = _CONTROL if lines else _CONTROL_OR_LINE
    return regex.sub(_escape, text)


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_MORE = {
    "en": " (and {more} more like it: --verbose lists each)",
    "zh-CN": "(同类还有 {more} 条:加 --verbose 逐条列出)",
}


def write_report(report: Report, out: TextIO, fmt: str = "text", lang: str = "en",
                 *, strict: bool = False, grouped: Collection[str] = ()) -> None:  # fmt: skip
    """Write ``report`` as ``text``, ``json`` or ``github`` workflow annotations.

    In text, warnings whose code is in ``grouped`` (lints that repeat on every run) take one
    line per code: the first of them, and how many more there are."""
    lang = catalogue(lang).__name__.rsplit(".", 1)[-1].replace("_", "-")
    if fmt == "json":
        json.dump(report.to_dict(lang, strict=strict), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    counts = Counter(d.code for d in report.warnings if d.code in grouped)
    shown: set[str] = set()
    for diag in report.sorted():
        if fmt == "text" and counts[diag.code] > 1 and diag.severity is Severity.WARNING:
            if diag.code not in shown:
                shown.add(diag.code)
                more = _MORE[lang].format(more=counts[diag.code] - 1)
                out.write(f"{diag.location}: {diag.severity}[{diag.code}]: {diag.message(lang)}")
                out.write(more + "\n")
            continue
        if fmt == "github":
            loc = diag.location
            props = f"file={_prop(loc.file)}"
            if loc.line:
                props += f",line={loc.line},col={loc.col or 1}"
            props += f",title={_prop(diag.code)}"
            level = "error" if diag.severity is Severity.ERROR else "warning"
            text = f"{diag.message(lang)}\n{diag.hint(lang)}"
            out.write(visible(f"::{level} {props}::{_data(text)}") + "\n")
        else:
            line = f"{diag.location}: {diag.severity}[{diag.code}]: {diag.message(lang)}"
            out.write(visible(line) + "\n")
            hint = diag.hint(lang)
            if hint:
                out.write(visible(f"    {_HINT[lang]}: {hint}") + "\n")
    if fmt != "github":
        counts = {"errors": len(report.errors), "warnings": len(report.warnings)}
        out.write(_SUMMARY[lang].format(files=report.files, **counts) + "\n")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def write_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]],
                out: TextIO, fmt: str = "table") -> None:  # fmt: skip
    """Write ``rows`` as an aligned table, ``json`` or ``csv``; ``columns`` = (key, header)."""
    if fmt == "json":
        json.dump(list(rows), out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([header for _, header in columns])
        for row in rows:
            writer.writerow([csv_safe(row.get(key)) for key, _ in columns])
        return
    cells = [[header for _, header in columns]]
    cells += [
        ["" if row.get(k) is None else visible(str(row.get(k)), lines=False) for k, _ in columns]
        for row in rows
    ]
    widths = [max(width(r[i]) for r in cells) for i in range(len(columns))]
    for n, row in enumerate(cells):
        line = "  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True))
        out.write(line.rstrip() + "\n")
        if n == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")


def csv_safe(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (=, +, -, @, tab, CR)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
