"""``sopkit build``: validate a library, then produce everything it prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sopkit.diagnostics import Report
from sopkit.library import Library, load_library


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
    from sopkit.manual import write_manuals

    result.written += write_manuals(library, out / "manuals", fmt="html", lang=lang)
    from sopkit.locale import normalize_lang
    from sopkit.workbook import status_notices, write_checklists

    result.written += write_checklists(
        library.checklists, out / "checklists", organization=library.config.organization,
        lang=normalize_lang(lang or library.config.locale),
    )  # fmt: skip
    result.report.extend(status_notices(library.checklists, library.path_of))
    return result
