"""What the commands compose: a library with every lint, and ``sopkit build``.

The capabilities (manual, checklist, doccontrol) do not know one another; this module is the
one place above them that puts them together for a command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sopkit.checklist.writer import status_notices, write_checklists
from sopkit.diagnostics import Report, Severity
from sopkit.doccontrol.approve import stale_approvals
from sopkit.doccontrol.history import file_history
from sopkit.documents import library as _library
from sopkit.documents.check import check_bytes
from sopkit.documents.coverage import coverage_warnings
from sopkit.documents.library import Library, Lint
from sopkit.documents.models.checklist import Checklist
from sopkit.locale import normalize_lang
from sopkit.manual.render import write_manuals

LINTS: tuple[Lint, ...] = (coverage_warnings, stale_approvals)
"""Library-wide warnings ``validate`` adds when there are no errors."""

LINT_CODES = frozenset({"step-not-inspected", "item-without-step", "role-without-procedure"})
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


@dataclass
class ChecklistHistory:
    """Older versions of the library's checklists, read from git when a sheet asks.

    ``history(checklist_id, version)`` is the checklist as committed at that version (the
    newest commit of it), or None: not in git, or no commit holds that version without
    errors. Scoring uses it to score a form printed from an older version by its own rules.
    """

    path_of: dict[str, str]  # lower-case id -> YAML file
    versions: dict[str, dict[str, Checklist]] = field(default_factory=dict)

    def __call__(self, checklist_id: str, version: str) -> Checklist | None:
        key = checklist_id.lower()
        if key not in self.versions:
            self.versions[key] = _committed_versions(self.path_of.get(key))
        return self.versions[key].get(version)


def _committed_versions(path: str | None) -> dict[str, Checklist]:
    found: dict[str, Checklist] = {}
    if path is None:
        return found
    for commit, blob in file_history(path):  # newest first
        doc, _, diags = check_bytes(blob, f"{commit.short}:{path}")
        errors = any(d.severity is Severity.ERROR for d in diags)
        if isinstance(doc, Checklist) and not errors and doc.version not in found:
            found[doc.version] = doc
    return found


def checklist_history(library: Library) -> ChecklistHistory:
    """The :class:`ChecklistHistory` of ``library``'s checklists."""
    return ChecklistHistory(
        {c.id.lower(): library.path_of[c.id.lower()] for c in library.checklists}
    )
