"""What the importer's readers share: a line of source text and the problem that stops
reading a file."""

from __future__ import annotations

from dataclasses import dataclass

from sopkit.diagnostics import Diagnostic, Location, Severity


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


class ImportProblem(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def problem(path: str, code: str, **args) -> ImportProblem:
    return ImportProblem(Diagnostic(code, Location(path), args, Severity.ERROR))


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"
