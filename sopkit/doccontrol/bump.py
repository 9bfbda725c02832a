"""``sopkit bump``: raise a document's version and record the revision, changing nothing else.

The edit itself (round trip, line-by-line check, atomic write) is in
:mod:`sopkit.doccontrol.yamledit`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sopkit.diagnostics import Diagnostic, Report
from sopkit.doccontrol.yamledit import EditRefused, EditResult, edit_document, insert_key
from sopkit.documents.models import Document
from sopkit.documents.models.types import LETTER_RE
from sopkit.documents.parse import at
from sopkit.documents.source import Source

PARTS = ("major", "minor", "letter")


# --- versions ---------------------------------------------------------------------------


def next_version(version: str, part: str) -> str:
    """The version after ``version``: ``--major`` 1.4 → 2.0, ``--minor`` 1.4 → 1.5;
    for letter versions ``--letter`` (or ``--major``) A/3 → B/0 and ``--minor`` A/3 → A/4.

    Raises ``ValueError(code, args)`` when ``part`` does not apply.
    """
    letter = LETTER_RE.match(version)
    if letter:
        char, number = letter.group(1), int(letter.group(2))
        if part == "minor":
            return f"{char}/{number + 1}"
        if char in "Zz":
            raise ValueError("bump-last-letter", {"version": version})
        return f"{chr(ord(char) + 1)}/0"
    if part == "letter":
        raise ValueError(
            "bump-style",
            {"version": version, "style": "§dotted", "option": "--letter",
             "options": "--major, --minor"},
        )  # fmt: skip
    numbers = [int(p) for p in version.split(".")]
    if part == "major":
        return f"{numbers[0] + 1}.0"
    minor = numbers[1] + 1 if len(numbers) > 1 else 1
    return f"{numbers[0]}.{minor}"


def _quoted_like(sample: Any, text: str) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if isinstance(sample, SingleQuotedScalarString):
        return SingleQuotedScalarString(text)
    if isinstance(sample, DoubleQuotedScalarString) or not LETTER_RE.match(text):
        return DoubleQuotedScalarString(text)
    return text  # a plain A/1 stays plain


# --- the command ---------------------------------------------------------------------------


def bump(
    path: str | Path,
    part: str,
    note: str,
    *,
    author: str | None = None,
    on: date | None = None,
    effective: date | None = None,
    display: str | None = None,
) -> EditResult:
    """Raise the version of the document at ``path`` and insert a first ``revisions`` entry;
    with ``effective``, also set the date the new version takes effect.

    Raises :class:`EditRefused` (file unchanged) when the document does not validate, the
    option does not fit its version style, or the date is before the newest revision.
    """
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}")
    on = on or date.today()

    def mutate(data, doc: Document, source: Source) -> dict[str, Any]:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        try:
            new_version = next_version(doc.version, part)
        except ValueError as exc:
            code, args = exc.args
            raise EditRefused(_one(at(source, ("version",), code, **args))) from None
        if doc.revisions and on < doc.revisions[0].date:
            diag = at(source, ("revisions", 0, "date"), "bump-date",
                      date=on.isoformat(), previous=doc.revisions[0].date.isoformat())  # fmt: skip
            raise EditRefused(_one(diag))
        old_version = doc.version
        data["version"] = _quoted_like(data["version"], new_version)
        revisions = data.get("revisions")
        sample = revisions[0]["version"] if revisions else data["version"]
        entry = CommentedMap()
        entry["version"] = _quoted_like(sample, new_version)
        entry["date"] = on
        if author:
            entry["author"] = author
        entry["changes"] = note
        plain = {"version": new_version, "date": on.isoformat(), "changes": note}
        if author:
            plain = {**plain, "author": author}
        old_revisions = list(source.data.get("revisions") or [])
        if revisions is None:
            seq = CommentedSeq([entry])
            insert_key(data, "revisions", seq,
                       after=("version", "effective", "status", "owner", "review_every",
                              "approval"),
                       before=())  # fmt: skip
        else:
            revisions.insert(0, entry)
        expect = {"version": new_version, "revisions": [plain, *old_revisions]}
        replace = ["version"]
        if effective is not None:
            data["effective"] = effective
            expect["effective"] = effective.isoformat()
            replace.append("effective")
        return {
            "replace": replace,
            "insert": ["revisions", *_neighbours(data, "revisions")],
            "expect": expect,
            "old_version": old_version,
            "new_version": new_version,
        }

    return edit_document(path, mutate, display=display)


def _neighbours(data, key: str) -> list[str]:
    keys = list(data)
    if key not in keys:
        return []
    i = keys.index(key)
    return [k for k in keys[max(0, i - 1) : i + 2] if k != key]


def _one(diag: Diagnostic) -> Report:
    report = Report(files=1)
    report.add(diag)
    return report
