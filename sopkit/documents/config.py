"""What a library folder says about itself: ``sopkit.yaml``'s locale and ``sites.yaml``.

Neither is a document: their problems speak of their own keys (``config-not-a-mapping``,
``sites-not-a-mapping``), never of ``kind: role``.
"""

from __future__ import annotations

import os
from pathlib import Path

from sopkit.diagnostics import Diagnostic, Location, Report
from sopkit.documents.discover import CONFIG_NAME, find_root
from sopkit.documents.models import Config, Sites
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


def _not_a_file(path: Path) -> Diagnostic | None:
    """A folder or a dead link where the library's own file belongs (never ignored)."""
    if os.path.lexists(path) and not path.is_file():
        error = "not a file" if path.exists() else "a link to nothing"
        return Diagnostic("unreadable", Location(str(path)), {"error": error})
    return None


def load_config(root: Path, report: Report) -> Config:
    """``sopkit.yaml`` of the library at ``root``: an absent or empty one is the defaults."""
    path = root / CONFIG_NAME
    problem = _not_a_file(path)
    if problem is not None:
        report.add(problem)
    elif path.is_file():
        try:
            parsed, diags = parse_config(load_file(path))
            report.extend(diags)
            return parsed or Config()
        except LoadError as exc:
            if exc.diagnostic.code != "empty-document":  # "an empty file is fine"
                report.add(exc.diagnostic)
    return Config()


def load_sites(
    path: Path, report: Report, *, required: bool = False
) -> tuple[Sites | None, Source | None]:
    """A sites file; an absent one is no sites unless ``required`` (named by the user)."""
    problem = _not_a_file(path)
    if problem is not None or (not required and not path.is_file()):
        if problem is not None:
            report.add(problem)
        return None, None
    try:
        source = load_file(path)
    except LoadError as exc:
        diag = exc.diagnostic
        if diag.code == "empty-document":  # its own structure in the hint, not a document's
            diag = Diagnostic("sites-not-a-mapping", diag.location, {"found": "§nothing"})
        report.add(diag)
        return None, None
    sites, diags = parse_sites(source)
    report.extend(diags)
    return sites, source
