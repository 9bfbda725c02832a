"""HTML → PDF through WeasyPrint (the optional extra ``sopkit[pdf]``).

WeasyPrint draws a character that no installed font covers as an empty box and only logs a
warning; sopkit turns that warning into an error naming the character, where it is written
and the Debian package of a font that draws it, so a printed manual never carries tofu.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from sopkit.diagnostics import Diagnostic, Location
from sopkit.manual.errors import PDF_INSTALL, ManualError
from sopkit.manual.glyphs import empty_glyphs, font_with, unmapped

_NOTDEF = re.compile(r"\(U\+([0-9A-Fa-f]{4,6})\)")
CJK_FONT_PACKAGE = "fonts-wqy-microhei"

# Unicode blocks drawn by WenQuanYi Micro Hei (Han, kana, Hangul, CJK punctuation, full-width
# forms); emoji need a colour emoji font; anything else, the Noto family.
_CJK = (
    (0x2E80, 0x2FDF), (0x3000, 0x30FF), (0x3100, 0x31FF), (0x3200, 0x4DBF), (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
)  # fmt: skip
# Rare characters beyond the basic plane (CJK Extension B and later): HanaMin draws them.
_CJK_RARE = ((0x20000, 0x3FFFF),)
_EMOJI = ((0x1F000, 0x1FAFF), (0x2600, 0x27BF))


def font_package(char: str) -> str:
    """The Debian package of a font that draws ``char``."""
    cp = ord(char)
    if any(lo <= cp <= hi for lo, hi in _CJK):
        return CJK_FONT_PACKAGE
    if any(lo <= cp <= hi for lo, hi in _CJK_RARE):
        return "fonts-hanazono"
    if any(lo <= cp <= hi for lo, hi in _EMOJI):
        return "fonts-noto-color-emoji"
    return "fonts-noto"


class _MissingGlyphs(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.chars: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if ".notdef" in message:
            match = _NOTDEF.search(message)
            if match:
                char = chr(int(match.group(1), 16))
                if char not in self.chars:
                    self.chars.append(char)


def _fetcher(weasyprint):
    """Resources from ``data:`` and ``file:`` URLs only: rendering never touches the network."""
    return weasyprint.URLFetcher(allowed_protocols={"data", "file"})


def has_fonts() -> bool:
    """Whether fontconfig's current configuration holds any font: with none, Pango crashes
    the process (a segfault) instead of failing, and WeasyPrint only warns."""
    from weasyprint.text.ffi import ffi, fontconfig

    fonts = fontconfig.FcConfigGetFonts(ffi.NULL, fontconfig.FcSetSystem)
    return fonts != ffi.NULL and fonts.nfont > 0


def load_weasyprint():
    """The ``weasyprint`` module, or a ManualError telling how to install it."""
    try:
        with warnings.catch_warnings():  # "No fonts configured": sopkit says it, once
            warnings.filterwarnings("ignore", "No fonts configured", UserWarning)
            import weasyprint
    except ImportError:
        raise ManualError(
            Diagnostic("manual-pdf-missing", Location("sopkit"), {"command": PDF_INSTALL})
        ) from None
    except OSError as exc:  # WeasyPrint is there but Pango is not
        raise ManualError(
            Diagnostic("manual-pdf-libraries", Location("weasyprint"), {"error": str(exc)})
        ) from None
    return weasyprint


class LaidOut(NamedTuple):
    """A PDF with its number of pages and the page (0-based) of each anchor (``id``)."""

    pdf: bytes
    pages: int
    anchors: dict[str, int]


def html_to_pdf(html: str, *, locate: Callable[[str], Location | None] | None = None) -> bytes:
    """Lay out ``html`` on pages and return the PDF; fail on any character no font draws.

    ``locate`` maps a character to where it is written (for the error message).
    """
    return lay_out(html, locate=locate).pdf


def lay_out(
    html: str, *, locate: Callable[[str], Location | None] | None = None, write: bool = True
) -> LaidOut:
    """:func:`html_to_pdf`, with the number of pages and where each anchor landed.

    ``write=False``: only count the pages (the PDF is ``b""``), for a quarter less time."""
    weasyprint = load_weasyprint()
    if not has_fonts():
        args = {"package": CJK_FONT_PACKAGE}
        raise ManualError(Diagnostic("manual-no-fonts", Location("fontconfig"), args))
    logger = logging.getLogger("weasyprint")
    handler = _MissingGlyphs()
    level, disabled = logger.level, logger.disabled
    if logger.getEffectiveLevel() > logging.WARNING:  # the warnings are needed, whatever the setup
        logger.setLevel(logging.WARNING)
    # A logging.config call elsewhere in the process (import-linter's, for one) may have
    # disabled the existing loggers: the missing-glyph check must hear WeasyPrint anyway.
    logger.disabled = False
    logger.addHandler(handler)
    try:
        document = weasyprint.HTML(string=html, url_fetcher=_fetcher(weasyprint)).render()
        anchors: dict[str, int] = {}
        for number, page in enumerate(document.pages):
            for name in page.anchors:
                anchors.setdefault(name, number)
        pdf = document.write_pdf() if write else b""
        laid = LaidOut(pdf, len(document.pages), anchors)
        del document  # the laid-out pages are the memory: gone before the checks below
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.disabled = disabled
    missing = list(dict.fromkeys([*handler.chars, *unmapped(html)]))
    if missing:
        char = missing[0]
        where = (locate(char) if locate else None) or Location("sopkit")
        raise ManualError(
            Diagnostic(
                "manual-missing-glyph",
                where,
                {
                    "char": char,
                    "codepoint": f"U+{ord(char):04X}",
                    "chars": " ".join(missing[:20]),
                    "package": font_package(char),
                },
            )
        )
    _check_empty_glyphs(html, locate)
    return laid


def _check_empty_glyphs(html: str, locate: Callable[[str], Location | None] | None) -> None:
    """A character the chosen font draws as an empty shape is an error, as a missing one."""
    empty = empty_glyphs(html)
    if not empty:
        return
    char, family = empty[0]
    where = (locate(char) if locate else None) or Location("sopkit")
    other = font_with(char)
    raise ManualError(
        Diagnostic(
            "manual-empty-glyph",
            where,
            {
                "char": char,
                "codepoint": f"U+{ord(char):04X}",
                "font": family,
                "chars": " ".join(c for c, _ in empty[:20]),
                "other": other or font_package(char),
            },
        )
    )


def locate_char(library, char: str) -> Location | None:
    """Where ``char`` first appears in the library's files (to point at a missing glyph)."""
    paths = [e.path for e in library.entries]
    config = Path(library.root) / "sopkit.yaml"
    if config.is_file():
        paths.insert(0, str(config))
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        pos = text.find(char)
        if pos >= 0:
            line = text.count("\n", 0, pos) + 1
            col = pos - (text.rfind("\n", 0, pos) + 1) + 1
            return Location(path, line, col)
    return None
