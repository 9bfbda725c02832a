"""Manuals written to files: HTML, Markdown or PDF, for a selection of roles.

:func:`~sopkit.manual.view.plan` turns a valid library into manuals (the view model in
:mod:`sopkit.manual.view`); :func:`render` turns one into bytes through the sandboxed templates
(:mod:`sopkit.manual.templating`) and, for PDF, WeasyPrint (:mod:`sopkit.manual.pdf`);
:func:`write_manuals` does both and writes the files atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from sopkit.atomic import safe_name, write_bytes
from sopkit.diagnostics import Diagnostic, Location
from sopkit.documents.library import Library
from sopkit.locale import normalize_lang
from sopkit.manual.docx_parts import render_docx
from sopkit.manual.errors import ManualError
from sopkit.manual.figures import Figures
from sopkit.manual.pdf import html_to_pdf, locate_char
from sopkit.manual.pdfparts import in_pieces, pdf_in_pieces
from sopkit.manual.templating import labels, md_escape, render_text, template_dirs
from sopkit.manual.view import Manual, ManualIndex, controlled_copies, plan

__all__ = [
    "FORMATS",
    "Manual",
    "ManualError",
    "ManualIndex",
    "md_escape",
    "plan",
    "render",
    "render_text",
    "safe_name",
    "template_dirs",
    "write_manuals",
]

FORMATS = ("html", "md", "pdf", "docx")  # also the file extensions
PRESETS = ("trainer", "frontline", "auditor")


def render(manual: Manual, fmt: str, lang: str, dirs: Sequence[Path], library=None) -> bytes:
    """The bytes of ``manual`` in ``fmt`` (``html``, ``md``, ``pdf`` or ``docx``).

    A big PDF handbook is laid out in pieces (:mod:`sopkit.manual.pdfparts`)."""
    if fmt == "docx":
        figures = Figures(manual, labels(lang))
        return render_docx(manual, lang, dirs, labels(lang), figures.layouts)
    locate = (lambda ch: locate_char(library, ch)) if library else None
    if fmt == "pdf" and in_pieces(manual, dirs):  # a big handbook: memory of one piece
        pdf = pdf_in_pieces(manual, lang, dirs, locate)
        if pdf is not None:
            return pdf
    text = render_text(manual, fmt, lang, dirs)
    if fmt != "pdf":
        return text.encode("utf-8")
    return html_to_pdf(text, locate=locate)


def write_manuals(
    library: Library,
    out: str | Path,
    *,
    roles: Sequence[str] = (),
    department: str | None = None,
    combined: bool = False,
    fmt: str = "html",
    lang: str | None = None,
    templates: str | Path | None = None,
    issued: date | None = None,
    controlled: bool = False,
    copies: int | None = None,
    holders: str | Path | None = None,
    preset: str = "trainer",
) -> list[Path]:
    """Render the selected manuals and write them under ``out``; return the paths written.

    With ``controlled``, each manual is written once per numbered copy (``KF-LB-001.pdf``, …;
    ``copies`` of them, or one per line of the ``holders`` file), each marked 受控 with its
    分发号 on every page and ending with the 发放记录 page.

    ``preset``: ``trainer`` (everything, the default), ``frontline`` (one large-type page per
    procedure with the reader's own steps; HTML or PDF) or ``auditor`` (each checklist's
    criteria and scoring rules beside the steps they inspect; HTML or PDF).

    Every file is rendered before the first is written, and each is written atomically, so
    a failure (a template error, a missing font) leaves no new or half-written file.
    """
    if fmt not in FORMATS or preset not in PRESETS:
        raise ValueError(fmt if fmt not in FORMATS else preset)
    if preset != "trainer" and fmt not in ("html", "pdf"):
        diag = Diagnostic("manual-preset-format", Location(str(library.root)), {"preset": preset})
        raise ManualError(diag)
    lang = normalize_lang(lang or library.config.locale)
    dirs = template_dirs(library.root, templates)
    planned = plan(
        library,
        roles=roles,
        department=department,
        combined=combined,
        issued=issued or date.today(),
    )
    for _, manual in planned:
        manual.preset = preset
        manual.signoff = preset == "trainer"
    if controlled or copies or holders:
        numbered = controlled_copies(copies, read_holders(holders) if holders else ())
        planned = [
            (f"{stem}-{c.label}", replace(m, controlled=True, copy=c, copies=numbered))
            for stem, m in planned
            for c in numbered
        ]
    rendered = [(f"{stem}.{fmt}", render(m, fmt, lang, dirs, library)) for stem, m in planned]
    out = Path(out)
    written = []
    for name, data in rendered:
        written.append(write_atomic(out, name, data))
    return written


def read_holders(path: str | Path) -> list[str]:
    """The holders of controlled copies: one per line, ``#`` comments and blank lines skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        error = getattr(exc, "strerror", None) or str(exc)
        diag = Diagnostic("manual-holders", Location(str(path)), {"error": error})
        raise ManualError(diag) from None
    holders = [line.strip() for line in text.splitlines()]
    holders = [h for h in holders if h and not h.startswith("#")]
    if not holders:
        raise ManualError(
            Diagnostic("manual-holders", Location(str(path)), {"error": "no holder in the file"})
        )
    return holders


def write_atomic(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to ``folder/name`` through a temporary file and ``os.replace``."""
    if Path(name).name != name or name.startswith("."):  # names come from safe_name
        raise ValueError(f"not a plain file name: {name!r}")
    target = folder / name
    try:
        write_bytes(target, data)
    except OSError as exc:
        raise ManualError(
            Diagnostic("manual-write", Location(str(target)), {"error": exc.strerror or str(exc)})
        ) from None
    return target
