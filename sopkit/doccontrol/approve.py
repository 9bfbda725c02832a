"""``sopkit approve`` and the approval that goes stale.

``approve`` records who approved (or reviewed) a document, when, and — for an approval — the
fingerprint of the content approved (:mod:`sopkit.documents.fingerprint`).
``validate`` then warns when the content no longer matches (:func:`stale_approvals`) and,
in a git work tree, names what changed since the approved content was committed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sopkit.diagnostics import Diagnostic, Severity
from sopkit.doccontrol.diff import diff_documents
from sopkit.doccontrol.history import file_history
from sopkit.doccontrol.yamledit import EditResult, edit_document, insert_key
from sopkit.documents import fingerprint as fp
from sopkit.documents.check import check_bytes
from sopkit.documents.models import Document
from sopkit.documents.parse import at
from sopkit.documents.source import Source

if TYPE_CHECKING:
    from sopkit.doccontrol.history import Commit
    from sopkit.documents.library import Entry, Library

ROLES = ("approved", "reviewed")
MAX_SHOWN_CHANGES = 8  # changes named in a stale-approval hint; the rest is "…"


def approve(
    path: str | Path,
    by: str,
    *,
    role: str = "approved",
    on: date | None = None,
    display: str | None = None,
) -> EditResult:
    """Record an approval (``approved_by``/``approved_on``/``fingerprint``) or a review
    (``reviewed_by``/``reviewed_on``) in the document at ``path``; nothing else changes.

    Raises :class:`sopkit.doccontrol.yamledit.EditRefused` when the document does not validate.
    """
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    on = on or date.today()

    def mutate(data, doc: Document, source: Source) -> dict[str, Any]:
        from ruamel.yaml.comments import CommentedMap
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString

        values: dict[str, Any] = {f"{role}_by": by, f"{role}_on": on}
        if role == "approved":
            values["fingerprint"] = DoubleQuotedScalarString(fp.stored(doc))
        approval = data.get("approval")
        if approval is None:
            approval = CommentedMap()
            insert_key(
                data, "approval", approval,
                after=("version", "effective", "status", "owner", "review_every"),
                before=("revisions",),
            )  # fmt: skip
        _set_keys(approval, values)
        plain = dict(source.data.get("approval") or {})
        plain.update({k: v.isoformat() if isinstance(v, date) else str(v)
                      for k, v in values.items()})  # fmt: skip
        keys = list(data)
        i = keys.index("approval")
        return {
            "replace": ["approval"],
            "insert": [k for k in keys[max(0, i - 1) : i + 2]],
            "expect": {"approval": plain},
            "fingerprint": str(values.get("fingerprint", "")),
        }

    return edit_document(path, mutate, display=display)


_ORDER = ("prepared_by", "reviewed_by", "reviewed_on", "approved_by", "approved_on", "fingerprint")


def _set_keys(mapping, values: dict[str, Any]) -> None:
    """Set keys of a ruamel mapping; new keys go in the usual order, and a comment or blank
    line that followed the block stays after it."""
    for key, value in values.items():
        if key in mapping:
            mapping[key] = value
            continue
        rank = _ORDER.index(key)
        keys = list(mapping)
        pos = next(
            (n for n, k in enumerate(keys) if k in _ORDER and _ORDER.index(k) > rank), len(keys)
        )
        last = keys[-1] if keys else None
        mapping.insert(pos, key, value)
        if last is not None and pos == len(keys):
            _move_trailing_comment(mapping, last, key)


def _move_trailing_comment(mapping, old_last: str, new_last: str) -> None:
    items = mapping.ca.items
    entry = items.get(old_last)
    if entry and len(entry) > 2 and entry[2] is not None:
        token = entry[2]
        entry[2] = None
        new_entry = items.setdefault(new_last, [None, None, None, None])
        new_entry[2] = token


# --- stale approvals ----------------------------------------------------------------------


def stale_approvals(lib: Library) -> list[Diagnostic]:
    """A warning for each document whose recorded fingerprint no longer matches its content.

    Cheap for a library in order: only the fingerprints of documents that record one are
    computed, and git history is read only for those that do not match.
    """
    out = []
    for entry in lib.entries:
        doc = entry.doc
        if doc is None or doc.approval is None or not doc.approval.fingerprint:
            continue
        recorded = doc.approval.fingerprint
        if fp.matches(recorded, doc):
            continue
        out.append(_stale(entry, doc, recorded))
    return out


def _stale(entry: Entry, doc: Document, recorded: str) -> Diagnostic:
    args: dict[str, Any] = {
        "fingerprint": fp.short(recorded),
        "current": fp.short(fp.fingerprint(doc)),
        "file": entry.path,
    }
    found = approved_version(entry.path, doc)
    if found is not None:
        commit, old = found

        changes = [
            c for c in diff_documents(old, doc).changes if c.key not in ("approval", "revisions")
        ]
        shown = [c.compact() for c in changes[:MAX_SHOWN_CHANGES]]
        if len(changes) > MAX_SHOWN_CHANGES:
            shown.append(f"… (+{len(changes) - MAX_SHOWN_CHANGES})")
        args.update(
            since=f"{commit.short} ({commit.date})",
            commit=commit.short,
            suggestion=", ".join(shown) or "-",
        )
    return at(
        entry.source_for_location(), ("approval", "fingerprint"), "approval-stale",
        severity=Severity.WARNING, **args,
    )  # fmt: skip


def approved_version(path: str, current: Document) -> tuple[Commit, Document] | None:
    """The newest committed version of ``path`` whose content has the recorded fingerprint,
    or else the commit that introduced the current ``approval`` block; ``None`` without git
    history."""

    recorded = current.approval.fingerprint if current.approval else None
    wanted = current.approval.model_dump() if current.approval else None
    introduced: tuple[Commit, Document] | None = None
    same_approval = True
    for commit, raw in file_history(path):
        doc, _, _ = check_bytes(raw, path, rules=False)  # an old version: the model only
        if doc is None or doc.id.lower() != current.id.lower():
            same_approval = False
            continue
        if recorded and fp.matches(recorded, doc):
            return commit, doc
        if same_approval and doc.approval is not None and doc.approval.model_dump() == wanted:
            introduced = (commit, doc)
        else:
            same_approval = False
    return introduced
