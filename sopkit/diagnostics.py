"""Diagnostics: what is wrong, where, and how to fix it.

A diagnostic carries a stable ``code`` and the arguments of its message; the text is
rendered from the locale catalogues (:mod:`sopkit.locale`) when it is reported, so the
same finding reads in Chinese or English and tests assert on codes and locations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sopkit.locale import render_message


class Severity(StrEnum):
    """How much a finding matters: an error fails, a warning fails ``--strict``, a notice is
    only shown (something the user may have meant otherwise, never a fault of a document)."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a YAML file (``line``/``col`` 1-based), a workbook cell (``cell``,
    ``检查表!E9``) or a whole worksheet (``sheet``: a workbook may hold several forms)."""

    file: str
    line: int | None = None
    col: int | None = None
    cell: str | None = None
    sheet: str | None = None

    def __str__(self) -> str:
        if self.cell:
            return f"{self.file}:{self.cell}"
        if self.sheet:
            return f"{self.file} [{self.sheet}]"
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.col or 1}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    location: Location
    args: dict[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def message(self, lang: str = "en") -> str:
        return render_message(self.code, "message", self.args, lang)

    def hint(self, lang: str = "en") -> str:
        return render_message(self.code, "hint", self.args, lang)

    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.file, loc.sheet or "", loc.line or 0, loc.col or 0, loc.cell or "", self.code)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        loc = self.location
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message(lang),
            "hint": self.hint(lang),
            "file": loc.file,
            "line": loc.line,
            "col": loc.col,
            "cell": loc.cell,
            "sheet": loc.sheet,
        }


class Findings:
    """``errors``, ``warnings`` and ``notices`` of anything holding ``diagnostics``: a
    :class:`Report`, one scored sheet."""

    __slots__ = ()
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def notices(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.NOTICE]


@dataclass(slots=True)
class Report(Findings):
    """The outcome of a check: every diagnostic, plus how many files were read."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics) -> None:
        self.diagnostics.extend(diagnostics)

    def ok(self, *, strict: bool = False) -> bool:
        """True when there is no error (and, with ``strict``, no warning either); notices
        never fail."""
        return not (self.errors or (strict and self.warnings))

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=Diagnostic.sort_key)

    def to_dict(self, lang: str = "en", *, strict: bool = False) -> dict[str, Any]:
        return {
            "valid": self.ok(strict=strict),
            "files": self.files,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "notices": len(self.notices),
            "diagnostics": [d.to_dict(lang) for d in self.sorted()],
        }
