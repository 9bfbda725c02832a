"""The changes ``sopkit diff`` finds, and how they print (text, Markdown; JSON is
:meth:`DiffResult.to_dict`).

:mod:`sopkit.doccontrol.diff` finds them; this module only holds and shows them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from sopkit.diagnostics import Diagnostic
from sopkit.locale import catalogue, label, normalize_lang
from sopkit.reporters import diagnostic_text, format_number, md_escape

# Top-level keys that are document control, not content: changing only these is no
# reason to raise the version.
NOT_CONTENT = frozenset({"version", "revisions", "approval", "status"})


@dataclass(frozen=True, slots=True)
class Change:
    """One difference.

    ``op`` is added / removed / changed / moved; ``element`` says what (field, step, duty,
    kpi, record, item, section, grade, relation, revision, entry); ``label`` names it as the
    reader knows it (a field path, a step number, an item id, a duty's area); ``field`` is
    the field of the element that changed; ``ref`` the element's id when it has one;
    ``key`` the top-level YAML key the change is under.
    """

    op: str
    element: str
    label: str
    key: str
    field: str = ""
    old: Any = None
    new: Any = None
    ref: str = ""
    old_label: str = ""

    def compact(self) -> str:
        """A short, language-neutral form: ``~steps[2.1.3].text``, ``+items[B7]``."""
        sign = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}[self.op]
        if self.element == "field":
            return f"{sign}{self.label}"
        where = self.label
        if self.op == "moved" and self.old_label and self.old_label != self.label:
            where = f"{self.old_label}→{self.label}"
        name = {"entry": self.key}.get(self.element, _PLURAL.get(self.element, self.element))
        out = f"{sign}{name}[{where}]"
        return f"{out}.{self.field}" if self.field else out

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_PLURAL = {
    "step": "steps",
    "duty": "duties",
    "kpi": "kpis",
    "record": "records",
    "item": "items",
    "section": "sections",
    "grade": "grades",
    "relation": "relations",
    "revision": "revisions",
}


@dataclass(slots=True)
class DocumentDiff:
    """Changes to one document (matched by id); ``status`` added/removed/changed/unchanged."""

    id: str
    kind: str
    title: str
    status: str
    old_version: str | None = None
    new_version: str | None = None
    old_file: str | None = None
    new_file: str | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def content_changed(self) -> bool:
        return any(c.key not in NOT_CONTENT for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        out = {k: getattr(self, k) for k in self.__slots__ if k != "changes"}
        out["changes"] = [c.to_dict() for c in self.changes]
        return out


@dataclass(slots=True)
class DiffResult:
    documents: list[DocumentDiff]
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def changed(self) -> list[DocumentDiff]:
        return [d for d in self.documents if d.status != "unchanged"]

    def render(self, fmt: str, lang: str = "en") -> str:
        """``text`` or ``markdown``, for :mod:`sopkit.reporters`."""
        return render_markdown(self, lang) if fmt == "markdown" else render_text(self, lang)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "changed": bool(self.changed),
            "documents": [d.to_dict() for d in self.changed],
            "warnings": [w.to_dict(lang) for w in self.warnings],
        }


def show(value: Any) -> str:
    """A value as one line of text (lists joined, integral floats without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, list):
        return ", ".join(show(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {show(v)}" for k, v in value.items() if v not in (None, []))
    return str(value)


# --- renderers ------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
# Every line of the Markdown starts with "- " or "### ", so text never starts a block: only
# inline markup (emphasis, code, links, HTML, tables, entities) needs escaping (md_escape).
_SIGN = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}
_LONG = 36  # characters above which old and new values go on lines of their own


def _clean(text: Any) -> str:
    return _CONTROL.sub(" ", show(text))


def _md(text: Any) -> str:
    """Text from YAML that Markdown shows literally (no links, no HTML), on one line."""
    return md_escape(_clean(text))


def _element(change: Change, lang: str) -> str:
    if change.element == "entry":
        return change.label
    if change.element == "field":
        return change.label
    return f"{label('diff.element.' + change.element, lang)} {change.label}"


def _ref(change: Change) -> str:
    return f" [{change.ref}]" if change.ref and change.ref != change.label else ""


def _header(d: DocumentDiff, lang: str) -> str:
    kind = catalogue(lang).TERMS.get(d.kind, d.kind)
    versions = " → ".join(v for v in (d.old_version, d.new_version) if v)
    if d.status in ("added", "removed"):
        versions += f" ({label('diff.doc.' + d.status, lang)})"
    elif d.old_version == d.new_version:
        versions = d.new_version or ""
    return f"{d.id} {_clean(d.title)} ({kind}) {versions}".rstrip()


def render_text(result: DiffResult, lang: str = "en") -> str:
    """A plain-text report for the terminal."""
    lang = normalize_lang(lang)
    lines: list[str] = []
    for d in result.changed:
        lines.append(_header(d, lang))
        files = " → ".join(dict.fromkeys(f for f in (d.old_file, d.new_file) if f))
        if files:
            lines.append(f"  {files}")
        for c in d.changes:
            lines.extend(_text_change(c, lang))
        lines.append("")
    if not result.changed:
        lines.append(label("diff.no_changes", lang))
    else:
        total = sum(len(d.changes) for d in result.changed)
        lines.append(
            label("diff.summary", lang).format(documents=len(result.changed), changes=total)
        )
    lines.extend(diagnostic_text(w, lang) for w in result.warnings)
    return "\n".join(lines) + "\n"


def _text_change(c: Change, lang: str) -> list[str]:
    head = f"  {_SIGN[c.op]} {_element(c, lang)}{_ref(c)}"
    if c.op == "moved":
        return [f"{head}: {label('diff.moved_from', lang).format(old=c.old_label)}"]
    if c.op in ("added", "removed"):
        value = _clean(c.new if c.op == "added" else c.old)
        return [f"{head}: {value}" if value else head]
    if c.field:
        head += f" · {c.field}"
    old, new = _clean(c.old), _clean(c.new)
    if len(old) + len(new) <= _LONG * 2 and "\n" not in old + new:
        return [f"{head}: {old or '∅'} → {new or '∅'}"]
    return [f"{head}:", f"      - {old or '∅'}", f"      + {new or '∅'}"]


def render_markdown(result: DiffResult, lang: str = "en") -> str:
    """A revision note in Markdown: a heading per document, a bullet per change."""
    lang = normalize_lang(lang)
    out: list[str] = []
    for d in result.changed:
        out.append(f"### {_md(_header(d, lang))}")
        out.append("")
        for c in d.changes:
            out.append("- " + _md_change(c, lang))
        if d.changes:
            out.append("")
    if not result.changed:
        out.append(label("diff.no_changes", lang))
    for w in result.warnings:  # one quote block each: consecutive ">" lines would merge
        out.append(f"> **{_md(w.code)}**: {_md(w.message(lang))}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_change(c: Change, lang: str) -> str:
    # A YAML key path (field, entry) has no backticks in it.
    plain_path = c.element in ("field", "entry")
    what = f"`{c.label}`" if plain_path else _md(_element(c, lang) + _ref(c))
    if c.field:
        what += f" `{c.field}`"
    text = label("diff.md." + c.op, lang).format(what=what)
    if c.op == "moved":
        return text + " " + _md(label("diff.moved_from", lang).format(old=c.old_label))
    if c.op == "added":
        return f"{text}: {_md(c.new)}" if c.new else text
    if c.op == "removed":
        return f"{text}: {_md(c.old)}" if c.old else text
    return f"{text}: {_md(c.old) or '∅'} → {_md(c.new) or '∅'}"
