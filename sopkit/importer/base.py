"""What the importer's readers share: a line of source text and the problem that stops
reading a file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sopkit.diagnostics import Diagnostic, Location, Severity

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of source text. ``where`` is shown in comments: ``L12`` (line 12 of a text
    file), ``¶12`` (paragraph 12 of a Word file), ``T1!B2`` (table 1, column B, row 2).
    ``level`` is the level of Word's own auto-numbering (``numPr``), else ``None``."""

    text: str
    where: str
    line: int | None = None
    level: int | None = None
    extra: tuple[tuple[str, str, str], ...] = ()  # (field, text, where) of cells beside it

    def __post_init__(self) -> None:
        # Control characters (Word's vertical tab, a form feed, an escape) are refused when
        # a document is loaded: they never reach a draft.
        if _CONTROL.search(self.text):
            object.__setattr__(self, "text", _CONTROL.sub(" ", self.text))
        if any(_CONTROL.search(text) for _, text, _ in self.extra):
            cells = tuple((f, _CONTROL.sub(" ", t), w) for f, t, w in self.extra)
            object.__setattr__(self, "extra", cells)


class ImportProblem(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def problem(path: str, code: str, **args) -> ImportProblem:
    return ImportProblem(Diagnostic(code, Location(path), args, Severity.ERROR))


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"
