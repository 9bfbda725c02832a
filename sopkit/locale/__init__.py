"""Message and label catalogues, one module per language (``en``, ``zh_CN``).

Every diagnostic code has a message and a hint in every language; ``tests/test_locale.py``
keeps the catalogues complete. A ``{suggestion}`` argument switches to the ``hint_suggest``
form ("did you mean …").
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

LANGS = ("zh-CN", "en")
DEFAULT_LANG = "zh-CN"


def normalize_lang(lang: str | None) -> str:
    """Map user spellings (``zh``, ``zh_cn``, ``EN``) to a catalogue name."""
    if not lang:
        return DEFAULT_LANG
    low = lang.strip().lower().replace("_", "-")
    if low.startswith("zh"):
        return "zh-CN"
    if low.startswith("en"):
        return "en"
    raise ValueError(lang)


def catalogue(lang: str):
    """The catalogue module of ``lang`` (``MESSAGES`` and ``LABELS``)."""
    return import_module("sopkit.locale." + normalize_lang(lang).replace("-", "_"))


class _Args(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render_message(code: str, part: str, args: dict[str, Any], lang: str) -> str:
    """Render the ``message`` or ``hint`` of diagnostic ``code`` in ``lang``.

    Argument values written ``§term`` are catalogue terms (``§list`` → "a list" / "列表")
    or field descriptions (``§Role.summary``); a ``meaning`` argument switches to the
    ``hint_meaning`` form.
    """
    cat = catalogue(lang)
    entry = cat.MESSAGES.get(code)
    if entry is None:
        return code if part == "message" else ""
    if part == "hint" and args.get("suggestion") and "hint_suggest" in entry:
        part = "hint_suggest"
    elif part == "hint" and args.get("meaning") and "hint_meaning" in entry:
        part = "hint_meaning"  # what a field means, from the field descriptions
    elif part == "hint" and args.get("near") and "hint_near" in entry:
        part = "hint_near"  # a title close to one of the library's
    shown = _Args((k, _term(cat, v)) for k, v in args.items())
    return entry[part].format_map(shown)


def _term(cat, value: Any) -> Any:
    """``§term``: a catalogue term, else a field description (``§Role.summary``)."""
    if not (isinstance(value, str) and value.startswith("§")):
        return value
    key = value[1:]
    return cat.TERMS.get(key) or getattr(cat, "FIELDS", {}).get(key) or key


def labels(lang: str) -> dict[str, str]:
    """Every UI label in ``lang`` (what templates and sheets see as ``L``)."""
    return catalogue(lang).LABELS


def label(key: str, lang: str) -> str:
    """A UI label (manual headings, sheet headers) in ``lang``."""
    return catalogue(lang).LABELS[key]
