"""The one single-document check: bytes or a file → (document or ``None``, diagnostics).

Library loading, ``bump``, ``approve``, scaffolding and git history all call these, so a
document means the same thing wherever sopkit reads it: YAML rules, the model, then the
rules inside one document (:mod:`sopkit.documents.rules`). Cross-document rules live in
:mod:`sopkit.documents.library`.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ConfigDict, ValidationError

from sopkit.diagnostics import Diagnostic
from sopkit.documents.models import Document
from sopkit.documents.parse import at, parse_document
from sopkit.documents.rules import Finding, check_document, check_required, check_versions
from sopkit.documents.source import LoadError, Source, load_bytes, load_file, locate, read_source

__all__ = [
    "Checked",
    "check_bytes",
    "check_file",
    "check_source",
    "claimed_id",
    "finding_to_diagnostic",
]

Checked = tuple[Document | None, Source | None, list[Diagnostic]]


def finding_to_diagnostic(source: Source, finding: Finding) -> Diagnostic:
    """A rule's finding placed at its ``line:col`` in ``source``."""
    args = dict(finding.args)
    first = args.pop("first_loc", None)
    if first is not None:
        pos = locate(source.root, first)
        args["first_line"] = pos[0] if pos else "?"
    return at(
        source, finding.loc, finding.code, on_key=finding.on_key, severity=finding.severity, **args
    )


def check_source(source: Source, *, rules: bool = True) -> tuple[Document | None, list[Diagnostic]]:
    """The model, the source's warnings and the single-document rules of a loaded source
    (``rules=False``: the model only, as history and diff read old versions)."""
    doc, diags = parse_document(source)
    if not rules:
        return doc, diags
    diags.extend(source.warnings)
    findings = []
    if isinstance(source.data, dict):
        misspelt = {d.args.get("suggestion") for d in diags if d.code == "unknown-key"}
        misspelt |= {d.args["key"] for d in diags if d.code == "misplaced-key"}
        findings += check_required(source.data, misspelt)
    if doc is not None:
        findings += check_document(doc)
    elif isinstance(source.data, dict):
        findings += _control_rules(source.data)
    diags.extend(finding_to_diagnostic(source, f) for f in findings)
    return doc, diags


class _Control(Document):
    """Only the document-control fields, whatever else the document holds."""

    model_config = ConfigDict(extra="ignore")


def _control_rules(data: dict) -> list[Finding]:
    """Version and revision rules of a document that does not validate, so that one run
    shows every error (they need only its document-control fields to be valid)."""
    try:
        control = _Control.model_validate(data)
    except ValidationError:
        return []
    return list(check_versions(control))


def check_bytes(raw: bytes, display: str, *, rules: bool = True) -> Checked:
    """Check a document held in memory (an edit not yet written, a git blob, a skeleton)."""
    try:
        source = load_bytes(raw, display)
    except LoadError as exc:
        return None, None, [exc.diagnostic]
    doc, diags = check_source(source, rules=rules)
    return doc, source, diags


def check_file(path: str | Path, *, rules: bool = True) -> Checked:
    """Check a document file."""
    try:
        source = load_file(path)
    except LoadError as exc:
        return None, None, [exc.diagnostic]
    doc, diags = check_source(source, rules=rules)
    return doc, source, diags


_ID_LINE = re.compile(rb"^id:[ \t]*[\"']?([A-Za-z0-9][A-Za-z0-9._-]{0,63})", re.M)


def claimed_id(path: str, data: object = None) -> str:
    """The id a document that failed to load means to have, so that references to it are
    not reported as well: its ``id:`` line if one can be read, else its file name."""
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return data["id"]
    try:
        match = _ID_LINE.search(read_source(path))
    except LoadError:
        match = None
    return match.group(1).decode() if match else Path(path).stem
