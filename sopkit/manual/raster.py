"""Diagrams drawn as PNG for Word, with Pillow, from the same layout as the SVG.

Rasterizing the SVG (CairoSVG) took 0.7 s per flowchart page — 22 s for the bundled library's
handbook; drawing the layout directly takes about 60 ms a picture, most of it PNG encoding.
Colours and line styles are the SVG's (:data:`sopkit.manual.svg.STYLE`); text uses the first
installed font of the style sheet's stack, and DejaVu Sans for the symbols face (℃ ★ √ ×).
"""

from __future__ import annotations

import io
import itertools
from functools import lru_cache

from sopkit.diagnostics import Diagnostic, Location
from sopkit.manual.diagrams import FONT, SMALL, Box, Diagram, Line
from sopkit.manual.errors import DOCX_INSTALL, ManualError
from sopkit.manual.glyphs import STACK, SYMBOLS, font_file
from sopkit.manual.svg import STYLE

SCALE = 1.5  # px of the picture per px of the layout (144 dpi at print size: 9 px text is 13 px)
DPI = int(96 * SCALE)
LINE, LANE, SUB = "#5a6b80", "#c5ccd6", "#666666"  # connectors, lane borders, sub-labels


def _pil():
    try:
        from PIL import Image, ImageDraw, ImageFont  # heavy, and only for Word output
    except ImportError:
        raise ManualError(
            Diagnostic("manual-docx-missing", Location("Pillow"), {"command": DOCX_INSTALL})
        ) from None
    return Image, ImageDraw, ImageFont


@lru_cache(maxsize=8)
def _font(size: int, bold: bool, symbols: bool):
    _, _, ImageFont = _pil()
    families = [SYMBOLS[0]] if symbols else [*STACK]
    for family in families:
        found = font_file(family + (" Bold" if bold and symbols else ""))
        found = found or font_file(family)
        if found:
            return ImageFont.truetype(found[0], size, index=found[1])
    return ImageFont.load_default(size)


def _is_symbol(char: str) -> bool:
    return any(lo <= ord(char) <= hi for lo, hi in SYMBOLS[1])


def _text(draw, x: float, y: float, text: str, size: float, color: str, bold: bool,
          anchor: str) -> None:  # fmt: skip
    px = round(size * SCALE)
    runs: list[tuple[str, bool]] = []
    for char in text:
        sym = _is_symbol(char)
        if runs and runs[-1][1] == sym:
            runs[-1] = (runs[-1][0] + char, sym)
        else:
            runs.append((char, sym))
    width = sum(_length(px, bold, sym, run) for run, sym in runs)
    cx = x * SCALE - (width / 2 if anchor == "middle" else 0)
    for run, sym in runs:
        font = _font(px, bold, sym)
        draw.text((cx, y * SCALE), run, font=font, fill=color, anchor="ls")
        if bold and not sym:  # a CJK font without a bold face: draw twice, offset
            draw.text((cx + 0.6, y * SCALE), run, font=font, fill=color, anchor="ls")
        cx += _length(px, bold, sym, run)


@lru_cache(maxsize=4096)
def _length(px: int, bold: bool, sym: bool, run: str) -> float:
    """The advance width of ``run``: measured once, as labels repeat across pictures."""
    return _font(px, bold, sym).getlength(run)


def _rect(draw, b: Box) -> None:
    fill, stroke, sw, dash, _, _ = STYLE[b.kind]
    xy = [b.x * SCALE, b.y * SCALE, (b.x + b.w) * SCALE, (b.y + b.h) * SCALE]
    radius = 0 if b.kind in ("lane", "group") else 4 * SCALE
    width = max(1, round(sw * SCALE)) if sw else 0
    outline = None if dash or not sw else stroke
    draw.rounded_rectangle(xy, radius, fill=fill, outline=outline, width=width)
    if dash:
        _dashed(draw, [(b.x, b.y), (b.x + b.w, b.y), (b.x + b.w, b.y + b.h), (b.x, b.y + b.h),
                       (b.x, b.y)], stroke, width)  # fmt: skip


def _dashed(draw, points: list[tuple[float, float]], color: str, width: int) -> None:
    on, off = 4.0, 3.0
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1
        t = 0.0
        while t < length:
            a, b = t / length, min(t + on, length) / length
            draw.line([((x1 + (x2 - x1) * a) * SCALE, (y1 + (y2 - y1) * a) * SCALE),
                       ((x1 + (x2 - x1) * b) * SCALE, (y1 + (y2 - y1) * b) * SCALE)],
                      fill=color, width=width)  # fmt: skip
            t += on + off


def _line(draw, line: Line) -> None:
    color, width = LINE, max(1, round(SCALE))
    if line.dashed:
        _dashed(draw, line.points, color, width)
    else:
        draw.line([(x * SCALE, y * SCALE) for x, y in line.points], fill=color, width=width)
    if line.arrow:
        (x1, y1), (x2, y2) = line.points[-2], line.points[-1]
        dx, dy = x2 - x1, y2 - y1
        n = (dx * dx + dy * dy) ** 0.5 or 1
        ux, uy = dx / n, dy / n
        tip = (x2 * SCALE, y2 * SCALE)
        back = ((x2 - ux * 6) * SCALE, (y2 - uy * 6) * SCALE)
        side = (-uy * 3 * SCALE, ux * 3 * SCALE)
        draw.polygon([tip, (back[0] + side[0], back[1] + side[1]),
                      (back[0] - side[0], back[1] - side[1])], fill=color)  # fmt: skip


def to_png(d: Diagram) -> bytes:
    """The diagram as a PNG of :data:`DPI` dots per inch at its print size."""
    Image, ImageDraw, _ = _pil()
    pad = 4
    image = Image.new("RGB", (round((d.width + 2 * pad) * SCALE),
                              round((d.height + 2 * pad) * SCALE)), "white")  # fmt: skip
    draw = ImageDraw.Draw(image)
    shifted = Diagram(d.width, d.height, title=d.title)
    shifted.boxes = [Box(b.x + pad, b.y + pad, b.w, b.h, b.lines, b.kind, b.sub) for b in d.boxes]
    shifted.lines = [Line([(x + pad, y + pad) for x, y in ln.points], ln.arrow, ln.dashed)
                     for ln in d.lines]  # fmt: skip
    lane_width = max(1, round(0.8 * SCALE))
    for lane in (b for b in shifted.boxes if b.kind == "lane"):
        draw.rectangle([lane.x * SCALE, pad * SCALE, (lane.x + lane.w) * SCALE,
                        (d.height + pad) * SCALE], outline=LANE, width=lane_width)  # fmt: skip
    for line in shifted.lines:
        _line(draw, line)
    for box in shifted.boxes:
        _rect(draw, box)
        _box_text(draw, box)
    out = io.BytesIO()
    # the drawing's own colours and their anti-aliasing blends, known in advance: mapping to
    # them is 5x faster than an adaptive palette, and a palette PNG encodes 8x faster than RGB
    flat = image.quantize(palette=_palette(), dither=Image.Dither.NONE)
    flat.save(out, "PNG", dpi=(DPI, DPI), compress_level=1)
    return out.getvalue()


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


@lru_cache(maxsize=1)
def _palette():
    """A palette image: every fill, every ink, and each ink over each fill at 3 levels."""
    Image, _, _ = _pil()
    fills = sorted({_rgb(s[0]) for s in STYLE.values()})
    inks = {_rgb(c) for s in STYLE.values() for c in (s[1], s[4])}
    inks = sorted(inks | {_rgb(c) for c in (LINE, LANE, SUB)} - set(fills))
    colours = [*fills, *inks]
    for fill, ink in itertools.product(fills, inks):
        for t in (0.25, 0.5, 0.75):
            colours.append(tuple(round(f + (i - f) * t) for f, i in zip(fill, ink, strict=True)))
    assert len(colours) <= 256, len(colours)
    image = Image.new("P", (1, 1))
    image.putpalette([v for c in colours for v in c])
    return image


def _box_text(draw, b: Box) -> None:
    _, _, _, _, color, bold = STYLE[b.kind]
    size = SMALL if b.kind == "record" else FONT
    left = b.kind in ("step", "own", "group", "record")
    x = b.x + 6 if left else b.x + b.w / 2
    anchor = "start" if left else "middle"
    count = len(b.lines) + (1 if b.sub else 0)
    top = b.y + (b.h - count * (size + 3)) / 2 + size
    for n, line in enumerate(b.lines):
        _text(draw, x, top + n * (size + 3), line, size, color, bold, anchor)
    if b.sub:
        _text(draw, x, top + len(b.lines) * (size + 3), b.sub, SMALL, SUB, False, anchor)
