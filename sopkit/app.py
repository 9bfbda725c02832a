"""What the commands compose: a library with every lint, and ``sopkit build``.

The capabilities (manual, checklist, doccontrol) do not know one another; this module is the
one place above them that puts them together for a command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sopkit.checklist.form import status_notices, write_checklists
from sopkit.diagnostics import Report
from sopkit.doccontrol.approve import stale_approvals
from sopkit.documents import library as _library
from sopkit.documents.coverage import coverage_warnings
from sopkit.documents.library import Library, Lint
from sopkit.locale import normalize_lang
from sopkit.manual.render import write_manuals

LINTS: tuple[Lint, ...] = (coverage_warnings, stale_approvals)
"""Library-wide warnings ``validate`` adds when there are no errors."""

LINT_CODES = frozenset(
    {"step-not-inspected", "item-without-step", "role-without-procedure", "procedure-without-role"}
)
"""Coverage lints: the same ones come back on every run, so the text report shows one line
per code unless ``--verbose``."""


def load_library(root: str | Path, *, jobs: int | None = None) -> Library:
    """The library under ``root`` with every rule and lint, as ``sopkit validate`` sees it."""
    return _library.load_library(root, jobs=jobs, lints=LINTS)


def validate(root: str | Path, *, jobs: int | None = None) -> Report:
    """Check a library; the :class:`Report` lists every problem found."""
    return load_library(root, jobs=jobs).report


@dataclass
class BuildResult:
    library: Library
    report: Report
    written: list[Path] = field(default_factory=list)


def build(root: str | Path, out: str | Path, *, lang: str | None = None) -> BuildResult:
    """Validate ``root``; when it is valid, write every role's HTML manual and every
    checklist's workbook under ``out``. Forms of draft or retired checklists are written,
    marked, with a warning in the report."""
    library = load_library(root)
    result = BuildResult(library, library.report)
    if not library.report.ok():
        return result
    out = Path(out)
    result.written += write_manuals(library, out / "manuals", fmt="html", lang=lang)
    result.written += write_checklists(
        library.checklists, out / "checklists", organization=library.config.organization,
        lang=normalize_lang(lang or library.config.locale),
    )  # fmt: skip
    result.report.extend(status_notices(library.checklists, library.path_of))
    return result
