"""Content fingerprint of a document: what an approval vouches for.

The fingerprint is the SHA-256 of the document's validated data written as canonical JSON
(sorted keys, no spaces, UTF-8), so it ignores everything the YAML source may vary without
changing the meaning: comments, key order, quoting, blank lines, ``x-`` keys, fields left at
their default, ``5`` versus ``5.0``.

Left out, because they change *because of* an approval rather than being what was approved:
``approval`` itself, ``revisions`` (the history, written when the version is raised) and
``status`` (a draft becomes active once approved). Everything else — the version, the
effective date and every field of the kind — is content.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from sopkit.documents.models import Document

EXCLUDED = frozenset({"approval", "revisions", "status"})
STORED_LENGTH = 16  # hex digits written by `sopkit approve`
SHOWN_LENGTH = 8  # hex digits shown in messages, like a short git hash


def plain(value: Any) -> Any:
    """Model data as plain JSON values: whole floats as ints, dates as ISO text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def canonical_data(doc: Document) -> dict[str, Any]:
    """The document's content as plain JSON data, the part a fingerprint covers."""
    # mode="python": pydantic's JSON mode warns on the models' plain-validated dates.
    data = doc.model_dump(by_alias=True, exclude_defaults=True, exclude=EXCLUDED)
    data["kind"] = doc.kind  # a Literal default would otherwise vanish
    return plain(data)


def canonical_json(doc: Document) -> str:
    return json.dumps(
        canonical_data(doc), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )


def fingerprint(doc: Document) -> str:
    """The full SHA-256 hex digest of the document's content."""
    return hashlib.sha256(canonical_json(doc).encode("utf-8")).hexdigest()


def stored(doc: Document) -> str:
    """The fingerprint as ``sopkit approve`` writes it (the first 16 hex digits)."""
    return fingerprint(doc)[:STORED_LENGTH]


def matches(recorded: str, doc: Document) -> bool:
    """True when ``recorded`` (any prefix of 8+ hex digits) is the document's fingerprint."""
    recorded = recorded.strip().lower()
    return len(recorded) >= SHOWN_LENGTH and fingerprint(doc).startswith(recorded)


def short(value: str) -> str:
    return value.strip()[:SHOWN_LENGTH]
