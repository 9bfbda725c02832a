"""What a library folder says about itself: ``sopkit.yaml``'s locale and ``sites.yaml``."""

from __future__ import annotations

from pathlib import Path

from sopkit.diagnostics import Report
from sopkit.documents.discover import CONFIG_NAME, find_root
from sopkit.documents.models import Sites
from sopkit.documents.parse import parse_config, parse_sites
from sopkit.documents.source import LoadError, Source, load_file


def library_locale(folder: Path) -> str | None:
    """``locale`` of the nearest ``sopkit.yaml`` at or above ``folder``, if any."""
    root = find_root(folder)
    if root is None:
        return None
    try:
        parsed, _ = parse_config(load_file(root / CONFIG_NAME))
    except LoadError:
        return None
    return parsed.locale if parsed else None


def load_sites(path: Path, report: Report) -> tuple[Sites | None, Source | None]:
    if not path.is_file():
        return None, None
    try:
        source = load_file(path)
    except LoadError as exc:
        report.add(exc.diagnostic)
        return None, None
    sites, diags = parse_sites(source)
    report.extend(diags)
    return sites, source


def load_sites_file(path: str | Path) -> tuple[Sites | None, Report]:
    """A ``sites.yaml`` read on its own (``sopkit checklist --sites``)."""
    report = Report(files=1)
    sites, _ = load_sites(Path(path), report)
    return sites, report
