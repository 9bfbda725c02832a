"""Characters a font maps but draws as an empty shape (WenQuanYi Micro Hei's ℃, for one).

WeasyPrint reports a character that no font maps; one that the chosen font maps to an empty
glyph prints as blank paper without a word. :func:`empty_glyphs` finds those: for each
character of the text it takes the first family of the style sheet's font stack whose font
maps it (as the layout does, ``unicode-range`` faces included) and checks that the glyph has
an outline. :func:`font_with` names an installed font that does draw it.

Fonts are found with fontconfig (``fc-list``) and read with fontTools, which WeasyPrint
brings; without them the check is skipped (WeasyPrint's own check still runs).
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

# The style sheet's font stack (manual.css.j2), first the symbols face: it draws these
# characters with DejaVu Sans, because WenQuanYi Micro Hei has an empty ℃ and draws ①–⑳, ★,
# √ and × in its CJK style, too wide beside digits.
SYMBOLS = (
    "DejaVu Sans",
    (
        (0xD7, 0xD7), (0x1CD, 0x1DC), (0x2CA, 0x2CB), (0x203E, 0x203E), (0x2100, 0x218F),
        (0x221A, 0x221A), (0x223C, 0x223C), (0x2605, 0x2606),
    ),
)  # fmt: skip
STACK = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "DejaVu Sans")


@lru_cache(maxsize=64)
def font_file(family: str) -> tuple[str, int] | None:
    """(file, face index) of an installed family, or None."""
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{file}|%{index}|%{family}\n", family],
            capture_output=True, text=True, timeout=20, check=False,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    for line in out.splitlines():
        path, index, names = [*line.split("|", 2), "", ""][:3]
        if family in names.split(","):
            return path, int(index or 0)
    return None


@lru_cache(maxsize=16)
def _glyphs(path: str, index: int):
    """(cmap, glyph set) of a font file, or None when fontTools cannot read it."""
    try:
        from fontTools.ttLib import TTFont  # brought by WeasyPrint

        font = TTFont(path, fontNumber=index, lazy=True)
        coloured = any(tag in font for tag in ("CBDT", "sbix", "COLR", "SVG "))
        return font.getBestCmap(), font.getGlyphSet(), coloured
    except Exception:  # a font fontTools cannot read is not ours to judge
        return None


def _empty(glyphs, name: str) -> bool:
    from fontTools.pens.boundsPen import BoundsPen

    pen = BoundsPen(glyphs)
    glyphs[name].draw(pen)
    return pen.bounds is None


def _visible(char: str) -> bool:
    return not (char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"))


SYMBOLS_FACE = "sopkit symbols"  # the @font-face name in manual.css.j2
_DECLARED = re.compile(r"@font-face\s*\{[^}]*" + re.escape(SYMBOLS_FACE))


def _faces(stack: Sequence[str], symbols: bool) -> list[tuple[str, tuple | None]]:
    faces: list[tuple[str, tuple | None]] = [(SYMBOLS[0], SYMBOLS[1])] if symbols else []
    return faces + [(family, None) for family in stack]


@lru_cache(maxsize=65536)
def _drawn(path: str, index: int, cp: int) -> bool | None:
    """Whether the font maps ``cp`` (None if not) to a glyph with an outline."""
    fonts = _glyphs(path, index)
    if fonts is None or cp not in fonts[0]:
        return None
    return fonts[2] or not _empty(fonts[1], fonts[0][cp])  # colour glyphs have no outline


def drawing_font(
    char: str, stack: Sequence[str] = STACK, symbols: bool = True
) -> tuple[str, bool] | None:
    """(family, draws it) of the font the layout takes for ``char``; None if none maps it."""
    cp = ord(char)
    for family, ranges in _faces(stack, symbols):
        if ranges is not None and not any(lo <= cp <= hi for lo, hi in ranges):
            continue
        found = font_file(family)
        drawn = _drawn(*found, cp) if found else None
        if drawn is not None:
            return family, drawn
    return None


def empty_glyphs(text: str, stack: Sequence[str] = STACK) -> list[tuple[str, str]]:
    """``(char, family)`` for every visible character of ``text`` drawn as an empty shape;
    ``text`` is the HTML laid out (its symbols face counts only when it declares it)."""
    symbols = _DECLARED.search(text) is not None
    found = []
    for char in sorted({c for c in text if ord(c) > 0x7E and _visible(c)}):
        drawn = drawing_font(char, stack, symbols)
        if drawn is not None and not drawn[1]:
            found.append((char, drawn[0]))
    return found


def font_with(char: str, candidates: Iterable[str] = ()) -> str | None:
    """An installed font family that draws ``char`` with an outline."""
    try:
        out = subprocess.run(
            ["fc-list", "--format", "%{family[0]}\n", f":charset={ord(char):x}"],
            capture_output=True, text=True, timeout=20, check=False,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    preferred = [*candidates, "DejaVu Sans", "Noto Sans", "Noto Sans CJK SC", *STACK]
    for family in [*preferred, *sorted(set(out.split("\n")) - {""})]:
        found = font_file(family)
        if found and _drawn(*found, ord(char)):
            return family
    return None


def unmapped(text: str, stack: Sequence[str] = STACK) -> list[str]:
    """Visible characters of ``text`` that no installed font draws (a second check beside
    WeasyPrint's, whose .notdef warning Pango does not always give); empty when fontconfig
    or the stack's fonts cannot be read, so a missing tool never fails a manual."""
    if not any(font_file(family) for family in stack):
        return []
    missing = []
    for char in sorted({c for c in text if ord(c) > 0x7E and _visible(c)}):
        if drawing_font(char, stack) is None and font_with(char) is None:
            missing.append(char)
    return missing
