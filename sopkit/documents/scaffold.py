"""``sopkit new`` and ``sopkit init``: commented skeletons that validate as written.

The skeletons are YAML files in ``sopkit/skeletons/<lang>/`` with placeholders (``@ID@``,
``@TITLE@``, ``@DATE@``, ``@STATUS@``, ``@SCHEMA@``, ``@ROLE@``, ``@PROCEDURE@``). ``@LINK@``
starts a line that references another document: ``init`` writes it (its examples reference
each other), ``new`` leaves it commented out (the referenced id may not exist).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from sopkit.atomic import write_bytes
from sopkit.diagnostics import Report
from sopkit.documents.check import check_bytes
from sopkit.documents.library import library_locale
from sopkit.documents.models.types import ID_RE
from sopkit.documents.schema import json_schema
from sopkit.documents.source import load_bytes, plain_scalar
from sopkit.locale import normalize_lang

KINDS = ("role", "procedure", "checklist")
SCHEMA_FILE = "sopkit.schema.json"
CONFIG_SCHEMA_FILE = "sopkit.config.schema.json"
CONFIG_FILE = "sopkit.yaml"
FOLDERS = {"role": "roles", "procedure": "procedures", "checklist": "checklists"}
# Plain YAML text that needs no quotes: no leading indicator, no ": " or " #" inside.
_PLAIN_SAFE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*\Z")


class ScaffoldError(Exception):
    """Bad input (unknown kind, invalid id) or a file that would be overwritten: exit 2."""


def _skeleton(lang: str, name: str) -> str:
    folder = resources.files("sopkit") / "skeletons" / normalize_lang(lang)
    return (folder / name).read_text(encoding="utf-8")


def _examples(lang: str) -> dict[str, dict[str, str]]:
    source = load_bytes(_skeleton(lang, "examples.yaml").encode("utf-8"), "examples.yaml")
    return source.data


def yaml_text(value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back the same, else double-quoted."""
    if (
        _PLAIN_SAFE.match(value)
        and ": " not in value
        and " #" not in value
        and value == value.strip()
        and plain_scalar(value) == value
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


_PLACEHOLDER = re.compile(r"@([A-Z]+)@( +#)?")


def _fill(text: str, values: dict[str, str], *, link: bool) -> str:
    def one(match: re.Match) -> str:
        if match.group(1) == "LINK":
            return "" if link else "# "
        value = values[match.group(1)]
        comment = match.group(2)
        if not comment:
            return value
        # Keep a trailing comment in its column where the value leaves room.
        width = len(match.group(0)) - 1
        return value + " " * max(1, width - len(value)) + "#"

    return _PLACEHOLDER.sub(one, text)


def schema_path(target: Path) -> str:
    """The ``$schema`` path to write in a file at ``target``: relative to the nearest
    ``sopkit.schema.json`` above it, else to where the library root (the folder holding
    ``sopkit.yaml``) would keep it, else next to the file."""
    folder = target.parent.absolute()
    found = None
    for parent in (folder, *folder.parents):
        if (parent / SCHEMA_FILE).is_file():
            found = parent / SCHEMA_FILE
            break
    if found is None:
        root = next((p for p in (folder, *folder.parents) if (p / CONFIG_FILE).is_file()), folder)
        found = root / SCHEMA_FILE
    return Path(os.path.relpath(found, folder)).as_posix()


def render(
    kind: str,
    doc_id: str,
    *,
    title: str | None = None,
    lang: str = "zh-CN",
    schema: str = SCHEMA_FILE,
    on: date | None = None,
    links: dict[str, str] | None = None,
    status: str = "draft",
) -> str:
    """The skeleton of ``kind`` for ``doc_id``. Raises :class:`ScaffoldError` on bad input."""
    if kind not in KINDS:
        raise ScaffoldError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    if not ID_RE.match(doc_id):
        raise ScaffoldError(
            f"{doc_id!r} is not a valid id: up to 64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    examples = _examples(lang)
    values = {
        "ID": doc_id,
        "TITLE": yaml_text(title or examples["new"][kind]),
        "DATE": (on or date.today()).isoformat(),
        "STATUS": status,
        "SCHEMA": schema,
        "ROLE": (links or {}).get("role", examples["role"]["id"]),
        "PROCEDURE": (links or {}).get("procedure", examples["procedure"]["id"]),
    }
    text = _fill(_skeleton(lang, f"{kind}.yaml"), values, link=links is not None)
    report = check_text(text, "<skeleton>")
    if report.errors:  # a title YAML cannot hold, say: never write an invalid skeleton
        raise ScaffoldError(report.errors[0].message("en"))
    return text


def check_text(text: str, display: str) -> Report:
    """Single-document validation of ``text`` (what ``new`` promises)."""
    _, _, diags = check_bytes(text.encode("utf-8"), display)
    return Report(diags, files=1)


def new_document(
    kind: str,
    doc_id: str,
    out: Path | None = None,
    *,
    title: str | None = None,
    lang: str | None = None,
    force: bool = False,
    on: date | None = None,
) -> tuple[Path | None, str]:
    """Write the skeleton of a new document (``out`` ``None`` or ``-``: return it only).

    The language defaults to the locale of the library the file goes into. Returns the
    path written (``None`` for stdout) and the text.
    """
    target = None if out is None or str(out) == "-" else Path(out)
    if target is not None and (target.is_dir() or target.suffix not in (".yaml", ".yml")):
        target = target / f"{doc_id}.yaml"  # a folder, existing or to be made
    where = target or Path.cwd() / f"{doc_id}.yaml"
    lang = normalize_lang(lang or library_locale(where.parent) or "zh-CN")
    text = render(kind, doc_id, title=title, lang=lang, schema=schema_path(where), on=on)
    if target is not None:
        if target.exists() and not force:
            raise ScaffoldError(f"{target} already exists (use --force to replace it)")
        target.parent.mkdir(parents=True, exist_ok=True)
        _write(target, text)
    return target, text


@dataclass(slots=True)
class InitResult:
    root: Path
    written: list[Path] = field(default_factory=list)


PRE_COMMIT = """\
# pre-commit (https://pre-commit.com): run `pre-commit install` once in this repository,
# and every commit is checked by `sopkit validate` first.
repos:
  - repo: local
    hooks:
      - id: sopkit-validate
        name: sopkit validate
        entry: sopkit validate .
        language: system
        pass_filenames: false
        files: \\.ya?ml$
"""


def init_library(root: Path, *, lang: str = "zh-CN", on: date | None = None) -> InitResult:
    """Create a library in ``root``: ``sopkit.yaml``, one folder and one linked example per
    kind, the JSON Schemas, ``.vscode/settings.json`` and ``.pre-commit-config.yaml``.

    Raises :class:`ScaffoldError` when any of those files exists already.
    """

    lang = normalize_lang(lang)
    examples = _examples(lang)
    links = {"role": examples["role"]["id"], "procedure": examples["procedure"]["id"]}
    files: dict[Path, str] = {root / CONFIG_FILE: _skeleton(lang, "sopkit.yaml")}
    for kind in KINDS:
        path = root / FOLDERS[kind] / f"{examples[kind]['id']}.yaml"
        files[path] = render(
            kind, examples[kind]["id"], title=examples[kind]["title"], lang=lang,
            schema=f"../{SCHEMA_FILE}", on=on, links=links, status="active",
        )  # fmt: skip
    dump = {"ensure_ascii": False, "indent": 2}
    files[root / SCHEMA_FILE] = json.dumps(json_schema(lang=lang), **dump) + "\n"
    files[root / CONFIG_SCHEMA_FILE] = json.dumps(json_schema("config", lang), **dump) + "\n"
    globs = [f"{folder}/**/*.yaml" for folder in FOLDERS.values()]
    settings = {
        "yaml.schemas": {f"./{SCHEMA_FILE}": globs, f"./{CONFIG_SCHEMA_FILE}": [CONFIG_FILE]}
    }
    files[root / ".vscode" / "settings.json"] = json.dumps(settings, **dump) + "\n"
    files[root / ".pre-commit-config.yaml"] = PRE_COMMIT
    existing = [p for p in files if p.exists()]
    if existing:
        shown = ", ".join(str(p) for p in existing)
        raise ScaffoldError(f"{shown}: already exists; sopkit init never overwrites files")
    result = InitResult(root)
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, text)
        result.written.append(path)
    return result


def _write(path: Path, text: str) -> None:

    write_bytes(path, text.encode("utf-8"))
