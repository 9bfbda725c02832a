"""Rendering: the one Jinja2 environment factory, the template folders, the filters.

Every template — built-in, a library's own ``templates/`` folder, or ``--templates`` — is
rendered in Jinja2's :class:`~jinja2.sandbox.SandboxedEnvironment`: a template reads the
manual's data and the labels, calls the filters below and the safe methods of plain values,
and can do nothing else (no attribute starting with ``_``, no file, no import, no command).
Undefined names are errors (``StrictUndefined``). Any error a template raises — syntax, an
undefined name, a sandbox refusal, an exception inside it — becomes one ``manual-template``
diagnostic naming the template's own file and line.

Text from YAML is never a template: it is a value, escaped for HTML by autoescaping and for
Markdown by :func:`md_escape`, so ``<script>`` and ``{{ 7*7 }}`` print as written.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape

import jinja2
import jinja2.sandbox
from jinja2.sandbox import SandboxedEnvironment

from sopkit.diagnostics import Diagnostic, Location
from sopkit.locale import labels, normalize_lang
from sopkit.manual.errors import ManualError
from sopkit.manual.figures import Figures
from sopkit.manual.view import Manual, duration_text
from sopkit.reporters import MdText, md_escape
from sopkit.reporters import format_number as _num

ENTRY = {"html": "manual.html.j2", "md": "manual.md.j2", "pdf": "manual.html.j2"}


def builtin_templates() -> Path:
    """The built-in templates: inside the installed package, or the checkout's ``templates/``."""
    here = Path(__file__).resolve().parents[1]  # the sopkit package
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / ENTRY["html"]).is_file():
            return candidate
    raise ManualError(
        Diagnostic("manual-template-missing", Location(str(here / "templates")), {"name": "*"})
    )


def template_dirs(library_root: str | Path | None = None, extra: str | Path | None = None):
    """Folders searched for templates, first match wins: ``extra``, the library's, built-in."""
    dirs = []
    if extra is not None:
        extra = Path(extra)
        if not extra.is_dir():
            raise ManualError(Diagnostic("manual-templates-dir", Location(str(extra)), {}))
        dirs.append(extra.resolve())
    if library_root is not None and (Path(library_root) / "templates").is_dir():
        dirs.append((Path(library_root) / "templates").resolve())
    dirs.append(builtin_templates())
    return tuple(dirs)


def _md_raw(value: Any) -> MdText:
    return MdText(value)


def _css_string(value: Any) -> str:
    """A CSS string literal (quotes included); safe inside a <style> element."""
    out = []
    for ch in str(value):
        if ch in '"\\<>&' or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _css_counters(template: str) -> str:
    """``"第 {page} 页 共 {pages} 页"`` as a CSS ``content`` value with page counters."""
    parts = re.split(r"(\{pages?\})", template)
    out = []
    for part in parts:
        if part == "{page}":
            out.append("counter(page)")
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(_css_string(part))
    return " ".join(out) or '""'


def _svg_watermark(text: str, color: str = "#c00000") -> str:
    """A data: URL of a diagonal text watermark (for draft and retired documents)."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800" viewBox="0 0 600 800">'
        f'<text x="300" y="400" font-size="110" font-weight="bold" fill="{color}" '
        'fill-opacity="0.10" text-anchor="middle" dominant-baseline="middle" '
        f'font-family="sans-serif" transform="rotate(-35 300 400)">{escape(text)}</text></svg>'
    )
    return "data:image/svg+xml," + quote(svg, safe="")


def _fmt(template: str, **values: Any) -> str:
    """``"{n} 项"|fmt(n=3)``: named fields only (no ``{x.attr}`` or ``{x[0]}`` lookups)."""
    names = [field for _, field, _, _ in _FORMATTER.parse(str(template)) if field is not None]
    if any(not name.isidentifier() for name in names):
        raise ValueError(f"fmt: only plain {{name}} fields are allowed in {template!r}")
    return str(template).format(**{k: _num(v) for k, v in values.items()})


_FORMATTER = string.Formatter()


def _autoescape(name: str | None) -> bool:
    return not (name or "").endswith((".css", ".css.j2"))


_MAX_RESULT = 10**6  # digits of a power, items or characters of a product


class _Sandbox(SandboxedEnvironment):
    """Jinja2's sandbox, with ``**`` and ``*`` bounded (``2 ** 999999999`` would not end soon)."""

    intercepted_binops = frozenset(["**", "*"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and _too_big_power(left, right):
            raise jinja2.sandbox.SecurityError(f"{left!r} ** {right!r} is too large to compute")
        if operator == "*" and _too_big_product(left, right):
            raise jinja2.sandbox.SecurityError("the product is too large to compute")
        return super().call_binop(context, operator, left, right)


def _too_big_power(base: Any, exp: Any) -> bool:
    if not isinstance(exp, int | float) or not isinstance(base, int | float):
        return False
    return abs(exp) > 1 and abs(base) > 1 and abs(exp) * math.log10(abs(base)) > _MAX_RESULT


def _too_big_product(left: Any, right: Any) -> bool:
    sizes = [len(v) if isinstance(v, str | list | tuple) else None for v in (left, right)]
    counts = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
    return any(s is not None for s in sizes) and any(
        (s or 0) * abs(c) > _MAX_RESULT for s in sizes for c in counts
    )


class _Loader(jinja2.FileSystemLoader):
    """A template that is not UTF-8 (saved as GB18030 by a Windows editor) is an error of
    that file, not of the built-in template that includes it."""

    def get_source(self, environment, template):
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            path = next((Path(d) / template for d in self.searchpath
                         if (Path(d) / template).is_file()), Path(template))  # fmt: skip
            raise jinja2.TemplateSyntaxError(
                f"not UTF-8 text ({exc.reason} at byte {exc.start}): save it as UTF-8",
                lineno=1,
                name=template,
                filename=str(path),
            ) from None


@lru_cache(maxsize=16)
def environment(kind: str, dirs: tuple[Path, ...]):
    """The Jinja2 environment for ``kind`` (``html`` or ``md``) over template folders ``dirs``.

    Undefined names are errors (``StrictUndefined``); HTML templates autoescape every value;
    Markdown templates escape every value with :func:`md_escape` unless it is ``|md``.
    Sandboxed whatever folder a template comes from.
    """
    loader = jinja2.ChoiceLoader([_Loader(str(d)) for d in dirs])
    options: dict[str, Any] = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    if kind == "md":
        env = _Sandbox(autoescape=False, finalize=md_escape, **options)
    else:
        # Everything is escaped for HTML but the style sheet, whatever a template is named.
        env = _Sandbox(autoescape=_autoescape, **options)
    env.filters.update(
        num=_num, md=_md_raw, md_escape=md_escape, css_string=_css_string,
        css_counters=_css_counters, fmt=_fmt,
        watermark=_svg_watermark, duration=duration_text,
    )  # fmt: skip
    return env


def _template_error(exc: Exception, dirs: Sequence[Path]) -> ManualError:
    """Wrap a Jinja2 error with the template file and line it comes from."""
    if isinstance(exc, jinja2.TemplateNotFound):
        return ManualError(
            Diagnostic("manual-template-missing", Location(str(dirs[0])), {"name": exc.name})
        )
    file, line = None, None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        file, line = exc.filename or exc.name, exc.lineno
    else:
        roots = [str(d) for d in dirs]
        tb = exc.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if any(name.startswith(r) for r in roots):
                file, line = name, tb.tb_lineno
            tb = tb.tb_next
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return ManualError(
        Diagnostic("manual-template", Location(file or str(dirs[0]), line), {"error": message})
    )


def context(manual: Manual, lang: str, fmt: str) -> dict[str, Any]:
    """What the templates see: the manual, its labels, the language and the output format."""
    L = labels(lang)
    return {
        "manual": manual,
        "L": L,
        "lang": normalize_lang(lang),
        "format": fmt,
        "figures": Figures(manual, L),
    }


def render_text(manual: Manual, fmt: str, lang: str, dirs: Sequence[Path]) -> str:
    """Render ``manual`` as HTML (``html``; ``pdf`` is HTML laid out for WeasyPrint) or Markdown."""
    env = environment("md" if fmt == "md" else "html", tuple(dirs))
    try:
        name = ENTRY[fmt] if manual.preset == "trainer" else f"{manual.preset}.html.j2"
        template = env.get_template(name)
        text = template.render(context(manual, lang, fmt))
    except Exception as exc:  # whatever a template raises (user templates too) is its error
        raise _template_error(exc, dirs) from None
    if fmt == "md":  # templates are easier to read with blank lines the output does not need
        text = _BLANK_LINES.sub("\n\n", _TRAILING_SPACE.sub("", text))
    return text


_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)
