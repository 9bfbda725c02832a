"""Turn one loaded YAML document into a model, or into located diagnostics."""

from __future__ import annotations

import difflib
import re
import typing
from collections import defaultdict
from typing import Any

from pydantic import BaseModel, ValidationError

from sopkit.diagnostics import Diagnostic, Location, Severity
from sopkit.documents.models import KINDS, Config, Sites
from sopkit.documents.models.types import describe
from sopkit.documents.slips import FULLWIDTH_SPACE
from sopkit.documents.source import Source, locate, node_at
from sopkit.locale import catalogue

_TYPE_CODES = {
    "model_type": "§mapping",
    "model_attributes_type": "§mapping",
    "dict_type": "§mapping",
    "list_type": "§list",
    "bool_type": "§boolean",
    "bool_parsing": "§boolean",
    "int_type": "§integer",
    "int_parsing": "§integer",
    "int_from_float": "§integer",
    "float_type": "§number",
    "float_parsing": "§number",
    "string_type": "§text",
}
MAX_FINDINGS = 100  # per document: past this, one more diagnostic says how many were left out
MAX_GUESSES = 200  # unknown keys compared with the allowed ones to explain a missing field
_LIMITS = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}


def at(
    source: Source,
    loc: tuple,
    code: str,
    *,
    on_key: bool = False,
    severity: Severity = Severity.ERROR,
    **args: Any,
) -> Diagnostic:
    """A diagnostic located at ``loc`` (a path into the document) of ``source``."""
    pos = locate(source.root, loc, key=on_key)
    line, col = pos if pos else (None, None)
    return Diagnostic(code, Location(source.path, line, col), args, severity)


def _field_name(loc: tuple) -> str:
    return next((str(p) for p in reversed(loc) if isinstance(p, str)), "")


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the mapping at ``loc``."""
    current, keyed = model, False
    for part in loc:
        if isinstance(part, int) or keyed:  # a list index, or a key of a dict field
            keyed = False
            continue
        field = next(
            (f for name, f in current.model_fields.items() if (f.alias or name) == part), None
        )
        if field is None:
            return None
        keyed = typing.get_origin(field.annotation) is dict  # ``schedule: {XC-CHK-01: …}``
        current = _find_model(field.annotation)
        if current is None:
            return None
    return current


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


def _keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _misspelt(model: type[BaseModel], errors: list) -> set[tuple]:
    """Paths of required fields whose key is there but misspelt (``departmnt``): reported
    once, as the unknown key. Only mappings that miss a field are searched, and a bounded
    number of their unknown keys, so 50,000 unknown keys cost no more than 200."""
    missing = {tuple(e["loc"][:-1]) for e in errors if e["type"] == "missing"}
    unknown: dict[tuple, list[str]] = defaultdict(list)
    for err in errors:
        parent = tuple(err["loc"][:-1])
        if (
            err["type"] == "extra_forbidden"
            and parent in missing
            and len(unknown[parent]) < MAX_GUESSES
        ):
            unknown[parent].append(str(err["loc"][-1]))
    found = set()
    for parent, keys in unknown.items():
        owner = _model_at(model, parent)
        for key in keys:
            guess = _guess(key, owner)  # a close spelling, or the field a Chinese key means
            if guess:
                found.add((*parent, guess))
    return found


_CURLY = "“”‘’„‟«»「」"


def _curly(value: Any) -> bool:
    """Text that Word wrapped in curly quotes (“1.1”), which YAML does not read as quotes."""
    return isinstance(value, str) and value.strip()[:1] != "" and value.strip()[0] in _CURLY


def _homes(model: type[BaseModel], key: str) -> list[tuple[tuple[str, ...], type]]:
    """Where ``key`` is a field in the tree of ``model``: (path of keys, owner), nearest
    first. Used when a key is typed one level off (``skills`` beside ``qualifications``)."""
    found, seen = [], {model}
    queue: list[tuple[type[BaseModel], tuple[str, ...]]] = [(model, ())]
    while queue:
        current, path = queue.pop(0)
        if key in _keys(current):
            found.append((path, current))
        for name, f in current.model_fields.items():
            inner = _find_model(f.annotation)
            if inner is not None and inner not in seen:
                seen.add(inner)
                queue.append((inner, (*path, f.alias or name)))
    return found


def _unknown_key(source: Source, model: type[BaseModel], loc: tuple) -> Diagnostic:
    """An unknown key: a full-width space in it, a key one level off, or a misspelling."""
    key = str(loc[-1])
    if FULLWIDTH_SPACE in key:
        diag = at(source, loc, "fullwidth-space", on_key=True, place="§fullwidth-indent")
        where = diag.location
        offset = key.index(FULLWIDTH_SPACE)
        return Diagnostic(
            diag.code, Location(where.file, where.line, (where.col or 1) + offset), diag.args
        )
    owner = _model_at(model, loc[:-1])
    homes = [(path, m) for path, m in _homes(model, key) if m is not owner]
    if homes:
        path = homes[0][0]
        parent = ".".join(path) if path else "§top-level"
        return at(source, loc, "misplaced-key", on_key=True, key=key, parent=parent,
                  suggestion=path[-1] if path else "")  # fmt: skip
    allowed = _keys(owner) if owner else []
    args = {"key": key, "allowed": ", ".join(allowed), "suggestion": _guess(key, owner)}
    return at(source, loc, "unknown-key", on_key=True, **args)


_HEAD_END = re.compile(r"[:：(（,，;；]")


def _by_meaning(key: str, owner: type[BaseModel]) -> str:
    """The field a Chinese key means (``部门`` → ``department``), from the words of the
    field descriptions: a description's head equal to the key, else the shortest head that
    contains it (fields of ``owner`` itself before fields every document has)."""
    fields = catalogue("zh-CN").FIELDS
    found: list[tuple[int, int, int, str]] = []
    for name in _keys(owner):
        for generic, entry in ((0, f"{owner.__name__}.{name}"), (1, name)):
            text = fields.get(entry)
            if text is None:
                continue
            heads = [h.strip() for h in _HEAD_END.split(text, 1)[0].split("/")]
            if key in heads:
                found.append((0, generic, len(key), name))
            elif any(key in h for h in heads):
                found.append((1, generic, min(len(h) for h in heads if key in h), name))
            break
    return min(found)[3] if found else ""


def _guess(key: str, owner: type[BaseModel] | None) -> str:
    """The key meant: a close spelling, or the field a Chinese key means."""
    allowed = _keys(owner) if owner else []
    guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if guess:
        return guess[0]
    if owner is not None and any("\u4e00" <= c <= "\u9fff" for c in key):
        return _by_meaning(key.strip(), owner)
    return ""


_COUNTED = re.compile(r"\A\s*(\d+)\s*(?:人|名|个|個|位|年|年以上|天|日|次|小时|分钟)?\s*\Z")


def _number_meant(kind: str, value: Any, loc: tuple) -> str:
    """``headcount: 2人`` / ``experience_years: 3年``: the line to type (``headcount: 2``)."""
    match = _COUNTED.match(value) if kind == "int_parsing" and isinstance(value, str) else None
    key = next((part for part in reversed(loc) if isinstance(part, str)), "")
    return f"{key}: {int(match.group(1))}" if match and key else ""


def meaning(model: str, field: str) -> str:
    """``§Model.field`` (or ``§field``) when the field descriptions say what ``field``
    means, for a message's ``meaning`` argument; else ``""``."""
    fields = catalogue("zh-CN").FIELDS
    for key in (f"{model}.{field}", field):
        if key in fields:
            return "§" + key
    return ""


def _parents(loc: tuple) -> set[tuple]:
    """Every mapping ``loc`` is inside, the document itself included."""
    return {loc[:i] for i in range(len(loc))}


def convert_errors(
    source: Source, model: type[BaseModel], exc: ValidationError
) -> list[Diagnostic]:
    """Map pydantic's errors onto sopkit codes at their ``line:col``.

    A required field that is missing because its key is misspelt is reported once, as the
    unknown key with its "did you mean" (``departmnt`` → ``department``).
    """
    errors = exc.errors(include_url=False)
    misspelt = _misspelt(model, errors)
    shown = errors[:MAX_FINDINGS]  # 50,000 unknown keys: the first hundred tell enough
    out = [_unknown_key(source, model, tuple(e["loc"])) for e in shown
           if e["type"] == "extra_forbidden"]  # fmt: skip
    # A required key typed one level off is reported once, where it is.
    misspelt.update(
        (*d.args["parent"].split("."), d.args["key"]) if d.args["suggestion"] else (d.args["key"],)
        for d in out
        if d.code == "misplaced-key"
    )
    # A key indented with full-width spaces lands one level up, leaving the key above it
    # empty: that empty value is the same slip, reported once (as fullwidth-space).
    indented = {tuple(e["loc"][:-1]) for e in errors if e["type"] == "extra_forbidden"
                and str(e["loc"][-1]).startswith(FULLWIDTH_SPACE)}  # fmt: skip
    for err in shown:
        kind, loc, ctx = err["type"], tuple(err["loc"]), err.get("ctx") or {}
        field = _field_name(loc)
        if err.get("input", "") is None and _parents(loc) & indented:
            continue
        if kind == "missing":
            if loc not in misspelt:
                owner = _model_at(model, loc[:-1])
                out.append(at(source, loc[:-1], "missing-field", field=field,
                              meaning=meaning(owner.__name__ if owner else "", field)))  # fmt: skip
        elif kind == "extra_forbidden":
            continue  # above
        elif kind in ("version-not-string", "id-not-string"):
            node = node_at(source.root, loc)
            raw = getattr(node, "value", None) or ctx.get("raw", "")
            out.append(at(source, loc, kind, raw=raw, field=field))
        elif _curly(err.get("input")):
            text = err["input"].strip()
            fixed = '"' + text.strip(_CURLY) + '"'
            out.append(at(source, loc, "curly-quotes", quote=text[0], fixed=fixed, field=field))
        elif kind in _TYPE_CODES:
            out.append(
                at(
                    source,
                    loc,
                    "wrong-type",
                    field=field,
                    expected=_TYPE_CODES[kind],
                    found=describe(err["input"]),
                    suggestion=_number_meant(kind, err["input"], loc),
                )
            )
        elif kind in _LIMITS:
            bound = next(iter(ctx.values()), "")
            out.append(
                at(source, loc, "out-of-range", field=field, value=err["input"],
                   limit=f"{_LIMITS[kind]} {bound}")
            )  # fmt: skip
        elif kind == "too_short":
            out.append(at(source, loc, "empty-value", field=field))
        elif kind.islower() and "-" in kind:  # a sopkit code raised by a field type
            if err.get("input", "") is None:  # `locale: null`: as written, not 'None'
                ctx = {**ctx, "value": getattr(node_at(source.root, loc), "value", "")}
            out.append(at(source, loc, kind, **{"field": field, **ctx}))
        else:
            out.append(at(source, loc, "invalid-value", field=field, detail=err["msg"]))
    if len(errors) > MAX_FINDINGS:
        more = len(errors) - MAX_FINDINGS
        out.append(
            at(source, (), "too-many-findings", severity=Severity.WARNING,
               shown=MAX_FINDINGS, more=more)
        )  # fmt: skip
    return out


def parse_document(source: Source) -> tuple[BaseModel | None, list[Diagnostic]]:
    """Validate a document's shape against the model of its ``kind``."""
    data = source.data
    if not isinstance(data, dict):
        return None, [at(source, (), "not-a-mapping", found=describe(data))]
    kind = data.get("kind")
    if kind is None:
        return None, [at(source, (), "missing-field", field="kind", meaning=meaning("", "kind"))]
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        guess = difflib.get_close_matches(str(kind).lower(), list(KINDS), n=1, cutoff=0.5)
        return None, [
            at(source, ("kind",), "unknown-kind", value=kind, suggestion=guess[0] if guess else "")
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, convert_errors(source, model, exc)


def parse_config(source: Source) -> tuple[Config | None, list[Diagnostic]]:
    """Validate ``sopkit.yaml``."""
    if not isinstance(source.data, dict):  # its own keys in the hint, not a document's
        return None, [at(source, (), "config-not-a-mapping", found=describe(source.data))]
    try:
        return Config.model_validate(source.data), []
    except ValidationError as exc:
        return None, convert_errors(source, Config, exc)


def _sites_shape(source: Source) -> list[Diagnostic]:
    """``sites:`` that is not a list of blocks (``sites: 3``, a list of bare names): said in
    the words of a sites file, which pydantic's ``wrong-type`` is not."""
    data = source.data
    if "sites" not in data:
        return []
    sites = data["sites"]
    if not isinstance(sites, list):
        return [at(source, ("sites",), "sites-not-a-list", found=describe(sites))]
    return [
        at(source, ("sites", i), "site-not-a-mapping", found=describe(site))
        for i, site in enumerate(sites)
        if not isinstance(site, dict)
    ]


def parse_sites(source: Source) -> tuple[Sites | None, list[Diagnostic]]:
    """Validate a sites file (``sites.yaml``, ``--sites``): its problems speak of its keys."""
    if not isinstance(source.data, dict):
        return None, [at(source, (), "sites-not-a-mapping", found=describe(source.data))]
    try:
        return Sites.model_validate(source.data), []
    except ValidationError as exc:
        shape = _sites_shape(source)
        said = {d.location for d in shape}
        rest = [d for d in convert_errors(source, Sites, exc)
                if not (d.code == "wrong-type" and d.location in said)]  # fmt: skip
        return None, shape + rest
