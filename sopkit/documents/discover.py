"""Finding a library's files: its root, the documents it holds, and the files it skips."""

from __future__ import annotations

import os
from pathlib import Path

from sopkit.diagnostics import Diagnostic, Location, Severity

CONFIG_NAME = "sopkit.yaml"
SITES_NAME = "sites.yaml"  # the sites inspected (results store, reports): not a document


def find_root(start: Path) -> Path | None:
    """The library holding ``start``: the nearest folder at or above it with sopkit.yaml."""
    start = start.absolute()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


# Files HR staff put in a library folder meaning them as documents (Notepad saves
# KF-LB.yaml.txt; Word files are the source documents): sopkit names them instead of
# silently leaving them out.
NOT_READ = (".txt", ".docx", ".doc", ".wps", ".rtf", ".odt", ".yaml", ".yml")


def discover(
    root: Path, errors: list[OSError] | None = None, skipped: list[Path] | None = None
) -> list[Path]:
    """Every ``*.yaml`` / ``*.yml`` document under ``root``, sorted; skips hidden folders.

    Folders that cannot be read are appended to ``errors`` (when given), not skipped silently;
    files that look meant as documents but are not read (``.yaml.txt``, ``.docx``, ``.TXT``,
    ``.YAML``) are appended to ``skipped`` (when given).
    """
    found = []
    onerror = None if errors is None else errors.append  # an empty list is a list too
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith((".", "~$")):
                continue
            if name.endswith((".yaml", ".yml")):
                path = Path(dirpath, name)
                if not (name in (CONFIG_NAME, SITES_NAME) and Path(dirpath) == root):
                    found.append(path)
            elif skipped is not None and name.lower().endswith(NOT_READ):
                skipped.append(Path(dirpath, name))
    return sorted(found)


def not_read(path: Path, root: Path | None = None) -> Diagnostic:
    """A file sopkit does not read, with its new name when it is a renamed document; the
    ``sopkit import`` of its hint names the library ``root`` (the default may be another)."""
    name, lower = path.name, path.name.lower()
    stem = name[: -len(".txt")] if lower.endswith((".yaml.txt", ".yml.txt")) else name
    fixed = stem[: stem.rfind(".")] + stem[stem.rfind(".") :].lower()
    guess = fixed if fixed.endswith((".yaml", ".yml")) and fixed != name else ""
    args = {"file": f"{path} -o {root}" if root else str(path), "suggestion": guess}
    return Diagnostic("file-not-read", Location(str(path)), args, Severity.NOTICE)
