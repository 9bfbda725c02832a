"""A draft → YAML text: one value per line, each with where it came from as a comment.

Written by hand rather than by a YAML library so every value can carry its comment and the
file reads like the examples in ``sops/``. A text is written plain when YAML reads it back
as the same text, else double-quoted with escapes.
"""

from __future__ import annotations

import json
import re

from sopkit.documents.source import plain_scalar
from sopkit.importer.build import Draft, Leaf
from sopkit.locale import label

_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_YAML_PRINTABLE = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def scalar(value: str | int) -> str:
    """``value`` as a YAML scalar that reads back exactly as ``value``."""
    if isinstance(value, int):
        return str(value)
    text = value
    plain = (
        text
        and text == text.strip()
        and text[0] not in _INDICATORS
        and ":" not in text
        and "#" not in text
        and "\n" not in text
        and "\t" not in text  # sopkit refuses tabs in YAML (they look like indentation)
        and not _YAML_PRINTABLE.search(text)
        and plain_scalar(text) == text
    )
    if plain:
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    # JSON leaves these raw; YAML reads them as line breaks or refuses them.
    return (
        _YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
        .replace("\x85", "\\u0085")
    )


def _comment(leaf: Leaf, lang: str) -> str:
    parts = []
    if leaf.src is not None:
        parts.append(leaf.src.where)
    if leaf.note:
        parts.append(label(f"import.note.{leaf.note}", lang))
    return f"  # {' · '.join(parts)}" if parts else ""


def _write(value, col: int, lang: str, out: list[str], prefix: str) -> None:
    """Append ``value`` (a Leaf, list or dict) after ``prefix``, a key at column ``col``."""
    if isinstance(value, Leaf):
        out.append(f"{prefix} {scalar(value.value)}{_comment(value, lang)}")
        return
    out.append(prefix)
    inner = " " * (col + 2)
    if isinstance(value, dict):
        for key, child in value.items():
            _write(child, col + 2, lang, out, f"{inner}{key}:")
        return
    for entry in value:
        if isinstance(entry, dict):
            for n, (key, child) in enumerate(entry.items()):
                lead = f"{inner}- {key}:" if n == 0 else f"{inner}  {key}:"
                _write(child, col + 4, lang, out, lead)
        else:
            out.append(f"{inner}- {scalar(entry.value)}{_comment(entry, lang)}")


def render(draft: Draft, source: str, lang: str) -> str:
    """The YAML text of ``draft``, imported from the file shown as ``source``."""
    out = [
        f"# {label('import.header', lang).format(source=source)}",
        f"# {label('import.legend', lang)}",
    ]
    for key, value in draft.data.items():
        if isinstance(value, list | dict) and not value:
            continue
        _write(value, 0, lang, out, f"{key}:")
    if draft.unplaced:
        out.append(f"# {label('import.unplaced', lang)}")
        out.append("x-unplaced:")
        for src in draft.unplaced:
            out.append(f"  - {scalar(src.text.strip())}  # {src.where}")
    return "\n".join(out) + "\n"
