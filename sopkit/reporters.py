"""Writers for everything a command prints: one ``{format: writer}`` registry.

Every writer takes the value, the stream to write to and the language; nothing here knows
about the terminal. The shared rules live here once: the diagnostic line
(:func:`diagnostic_line`), the CSV rule (:func:`write_csv`: a UTF-8 BOM, formula-safe
cells), numbers as text (:func:`format_number`) and Markdown escaping (:func:`md_escape`).

What a writer accepts: a :class:`~sopkit.diagnostics.Report` (``text``, ``json``,
``github``), a :class:`Table` (``table``, ``json``, ``csv``), or a capability's result that
has ``to_dict(lang)`` (``json``) and ``render(fmt, lang) -> str`` (``text``, ``markdown``,
``table``).
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from sopkit.diagnostics import Diagnostic, Report, Severity
from sopkit.locale import catalogue

_SUMMARY = {
    "en": "{errors} error(s), {warnings} warning(s) in {files} file(s)",
    "zh-CN": "{files} 个文件:{errors} 个错误,{warnings} 个警告",
}
_NOTICES = {"en": ", {notices} notice(s)", "zh-CN": ",{notices} 条提醒"}
_HINT = {"en": "hint", "zh-CN": "提示"}
_MORE = {
    "en": " (and {more} more like it: --verbose lists each)",
    "zh-CN": "(同类还有 {more} 条:加 --verbose 逐条列出)",
}

Writer = Callable[..., None]


@dataclass(frozen=True, slots=True)
class Table:
    """Rows to print as a table: ``columns`` are (key, header) pairs; ``data`` is what JSON
    shows when it is not the rows themselves."""

    rows: Sequence[Mapping[str, Any]]
    columns: Sequence[tuple[str, str]]
    data: Any = None

    def to_dict(self, lang: str = "en") -> Any:
        return list(self.rows) if self.data is None else self.data


def write(fmt: str, value: Any, out: TextIO, lang: str = "en", **options: Any) -> None:
    """Write ``value`` to ``out`` in ``fmt``: the one format switch every command uses."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(WRITERS)}") from None
    writer(value, out, _lang(lang), **options)


def _lang(lang: str) -> str:
    return catalogue(lang).__name__.rsplit(".", 1)[-1].replace("_", "-")


# --- diagnostics ----------------------------------------------------------------------


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


def diagnostic_line(diag: Diagnostic, lang: str = "en") -> str:
    """The one diagnostic line: ``file:line:col: severity[code]: message`` (control
    characters from names and values shown, not sent: :func:`visible`)."""
    return visible(f"{diag.location}: {diag.severity}[{diag.code}]: {diag.message(lang)}")


def diagnostic_text(diag: Diagnostic, lang: str = "en") -> str:
    """The diagnostic line, then ``    hint: …`` when there is a hint (no final newline)."""
    hint = diag.hint(lang)
    line = diagnostic_line(diag, lang)
    return f"{line}\n    {_HINT[_lang(lang)]}: {visible(hint)}" if hint else line


def write_report(report: Report, out: TextIO, fmt: str = "text", lang: str = "en",
                 *, strict: bool = False, grouped: Collection[str] = ()) -> None:  # fmt: skip
    """Write ``report`` as ``text``, ``json`` or ``github`` workflow annotations.

    In text, warnings whose code is in ``grouped`` (lints that repeat on every run) take one
    line per code: the first of them, and how many more there are."""
    write(fmt, report, out, lang, strict=strict, grouped=grouped)


def _report_text(report: Report, out: TextIO, lang: str, grouped: Collection[str] = ()) -> None:
    counts = Counter(d.code for d in report.warnings if d.code in grouped)
    shown: set[str] = set()
    for diag in report.sorted():
        if counts[diag.code] > 1 and diag.severity is Severity.WARNING:
            if diag.code not in shown:
                shown.add(diag.code)
                more = _MORE[lang].format(more=counts[diag.code] - 1)
                out.write(diagnostic_line(diag, lang) + more + "\n")
            continue
        out.write(diagnostic_text(diag, lang) + "\n")
    counts = {"errors": len(report.errors), "warnings": len(report.warnings)}
    summary = _SUMMARY[lang].format(files=report.files, **counts)
    if report.notices:
        summary += _NOTICES[lang].format(notices=len(report.notices))
    out.write(summary + "\n")


def _github(report: Report, out: TextIO, lang: str, **_: Any) -> None:
    for diag in report.sorted():
        loc = diag.location
        props = f"file={_prop(loc.file)}"
        if loc.line:
            props += f",line={loc.line},col={loc.col or 1}"
        props += f",title={_prop(diag.code)}"
        level = str(diag.severity)  # ::error, ::warning and ::notice are all annotations
        text = f"{diag.message(lang)}\n{diag.hint(lang)}"
        out.write(visible(f"::{level} {props}::{_data(text)}") + "\n")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# --- tables and CSV -------------------------------------------------------------------


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def write_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]],
                out: TextIO, fmt: str = "table") -> None:  # fmt: skip
    """Write ``rows`` as an aligned table, ``json`` or ``csv``; ``columns`` = (key, header)."""
    write(fmt, Table(rows, columns), out)


def _aligned(table: Table, out: TextIO) -> None:
    columns = table.columns
    cells = [[header for _, header in columns]]
    cells += [["" if row.get(k) is None else visible(str(row.get(k)), lines=False)
               for k, _ in columns] for row in table.rows]  # fmt: skip
    widths = [max(width(r[i]) for r in cells) for i in range(len(columns))]
    for n, row in enumerate(cells):
        line = "  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True))
        out.write(line.rstrip() + "\n")
        if n == 0:
            out.write("  ".join("-" * w for w in widths) + "\n")


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], out: TextIO) -> None:
    """The one CSV rule: a UTF-8 BOM first (Excel on Chinese Windows reads a CSV without it
    as GBK), CRLF line ends, and every cell formula-safe (:func:`csv_safe`)."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_safe(h) for h in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])


def csv_safe(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (=, +, -, @, tab, CR)."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(table: Table, out: TextIO, lang: str = "en", **_: Any) -> None:
    keys = [key for key, _ in table.columns]
    rows = ([row.get(key) for key in keys] for row in table.rows)
    write_csv([header for _, header in table.columns], rows, out)


# --- numbers and Markdown ---------------------------------------------------------------


def format_number(value: Any) -> str:
    """A number as people write it: whole floats without ``.0`` (``100.0`` → ``100``), others
    to 12 significant digits (a sum of weights shows ``99.9``, not ``99.89999999999999``);
    anything else as ``str``."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(value, ".12g")
    return str(value)


class MdText(str):
    """Markdown produced by a template or a filter: already escaped, printed as is."""

    __slots__ = ()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# What makes a line a heading, list, rule or setext underline when it starts one: escaped,
# because a value may be put at the start of a line (a reference, a list entry's text).
_MD_BLOCK = re.compile(
    r"^(#(?=#{0,5}(?:[ \t]|$))|[-+](?=[ \t]|$)|[-=](?=[-=\s]*$)|[0-9]{1,9}(?=[.)](?:[ \t]|$)))"
)


def md_escape(value: Any) -> str:
    """Text made literal for GitHub-flavoured Markdown, on one line (usable in table cells).

    Backslash-escapes everything that could start inline markup (emphasis, links, HTML,
    entities, table pipes, strikethrough, code); line breaks become ``<br>``. Block markup at
    the start (``#``, ``-``, ``1.``, ``---``) is escaped too: a value may start a line or a
    list entry (``- {{ reference }}``). :class:`MdText` is printed as is.
    """
    if isinstance(value, MdText):
        return value
    if value is None:
        return ""
    text = _MD_SPECIAL.sub(r"\\\1", str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "<br>".join(line.strip() for line in text.strip().split("\n"))
    return _MD_BLOCK.sub(_block_escape, text)


def _block_escape(match: re.Match) -> str:
    mark = match.group()
    return mark + "\\" if mark.isdigit() else "\\" + mark


# --- the registry -----------------------------------------------------------------------


def _text(value: Any, out: TextIO, lang: str, **options: Any) -> None:
    if isinstance(value, Report):
        _report_text(value, out, lang, options.get("grouped", ()))
    else:
        out.write(value.render("text", lang))


def _table(value: Any, out: TextIO, lang: str, **_: Any) -> None:
    if isinstance(value, Table):
        _aligned(value, out)
    else:
        out.write(value.render("table", lang))


def _markdown(value: Any, out: TextIO, lang: str, **_: Any) -> None:
    out.write(value.render("markdown", lang))


def _json(value: Any, out: TextIO, lang: str, **options: Any) -> None:
    """``value.to_dict(lang)`` dumped (a report's with ``strict``)."""
    if isinstance(value, Report):
        data = value.to_dict(lang, strict=options.get("strict", False))
    else:
        data = value.to_dict(lang) if hasattr(value, "to_dict") else value
    json.dump(data, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


WRITERS: dict[str, Writer] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "table": _table,
    "csv": _csv,
    "markdown": _markdown,
}
