"""Diagrams drawn as SVG, inline in HTML and PDF (Word draws the same layout as shapes:
:mod:`sopkit.manual.drawingml`).

Every text is escaped; the drawing uses no script, no external resource and no font file, so
it renders the same in browsers, WeasyPrint and CairoSVG.
"""

from __future__ import annotations

import hashlib
from xml.sax.saxutils import escape, quoteattr

from sopkit.manual.diagrams import FONT, SMALL, WIDTH, Box, Diagram, Line

FONTS = (
    '"sopkit symbols", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", '
    '"Microsoft YaHei", "PingFang SC", "DejaVu Sans", sans-serif'
)
STYLE = {  # kind -> (fill, stroke, stroke width, dash, text colour, bold)
    "role": ("#ffffff", "#2b4a6f", 1.2, "", "#1a1a1a", False),
    "self": ("#fff2cc", "#b26a00", 2.2, "", "#1a1a1a", True),
    "outside": ("#f4f4f4", "#777777", 1.0, "4 3", "#555555", False),
    "step": ("#ffffff", "#2b4a6f", 1.1, "", "#1a1a1a", False),
    "own": ("#fff2cc", "#b26a00", 2.0, "", "#1a1a1a", True),
    "also": ("#ffffff", "#2b4a6f", 0.9, "3 2", "#2b4a6f", False),
    "record": ("#eef3f8", "#8a94a3", 0.8, "", "#333333", False),
    "group": ("#e7ecf3", "#e7ecf3", 0.0, "", "#1f3a5a", True),
    "lane": ("#e7ecf3", "#8a94a3", 0.8, "", "#1f3a5a", True),
}
PX_MM = 25.4 / 96


def _box(b: Box) -> list[str]:
    fill, stroke, sw, dash, color, bold = STYLE[b.kind]
    radius = 0 if b.kind in ("lane", "group") else 4
    out = [
        f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.w:.1f}" height="{b.h:.1f}" rx="{radius}" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="{sw}"'
        + (f' stroke-dasharray="{dash}"' if dash else "")
        + "/>"
    ]
    if b.kind == "record":  # a sheet of paper: folded corner
        x2 = b.x + b.w
        out.append(
            f'<path d="M{x2 - 7:.1f},{b.y:.1f} L{x2:.1f},{b.y + 7:.1f} L{x2 - 7:.1f},'
            f'{b.y + 7:.1f} Z" fill="#ffffff" stroke="{stroke}" stroke-width="{sw}"/>'
        )
    size = SMALL if b.kind == "record" else FONT
    weight = ' font-weight="bold"' if bold else ""
    left = b.kind in ("step", "own", "group", "record")
    x = b.x + 6 if left else b.x + b.w / 2
    anchor = "start" if left else "middle"
    sub = [b.sub] if b.sub else []
    count = len(b.lines) + len(sub)
    top = b.y + (b.h - count * (size + 3)) / 2 + size
    for n, line in enumerate(b.lines):
        out.append(
            f'<text x="{x:.1f}" y="{top + n * (size + 3):.1f}" font-size="{size}"{weight} '
            f'fill="{color}" text-anchor="{anchor}">{escape(line)}</text>'
        )
    if sub:
        y = top + len(b.lines) * (size + 3)
        out.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{SMALL}" fill="#666666" '
            f'text-anchor="{anchor}">{escape(b.sub)}</text>'
        )
    return out


def _line(line: Line) -> str:
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in line.points)
    dash = ' stroke-dasharray="3 2"' if line.dashed else ""
    arrow = ' marker-end="url(#sopkit-arrow)"' if line.arrow else ""
    return (
        f'<polyline points="{points}" fill="none" stroke="#5a6b80" stroke-width="1"{dash}{arrow}/>'
    )


def to_svg(d: Diagram, label: str = "") -> str:
    """The diagram as a standalone SVG element, ``label`` its accessible name."""
    pad = 4
    width, height = d.width + 2 * pad, d.height + 2 * pad
    scale = scaled(d, WIDTH + 2 * pad) * PX_MM
    lanes = [b for b in d.boxes if b.kind == "lane"]
    body = []
    for lane in lanes:  # lane separators down the whole page
        body.append(
            f'<rect x="{lane.x:.1f}" y="0" width="{lane.w:.1f}" height="{d.height:.1f}" '
            'fill="none" stroke="#c5ccd6" stroke-width="0.8"/>'
        )
    body += [_line(line) for line in d.lines]
    for box in d.boxes:
        body += _box(box)
    # ids are unique in a page that holds many diagrams, and the same for the same drawing
    marker = "arrow-" + hashlib.sha1("".join(body).encode()).hexdigest()[:10]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{-pad} {-pad} {width:.1f} {height:.1f}" '
        f'width="{width * scale:.1f}mm" height="{height * scale:.1f}mm" role="img" '
        f"aria-label={quoteattr(label)} font-family={quoteattr(FONTS)}>",
        f'<defs><marker id="{marker}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 Z" fill="#5a6b80"/>'
        "</marker></defs>",
        *(part.replace("url(#sopkit-arrow)", f"url(#{marker})") for part in body),
    ]
    out.append("</svg>")
    return "".join(out)


def scaled(d: Diagram, max_width: float) -> float:
    """The scale at which ``d`` fits ``max_width`` px (never enlarged)."""
    return min(1.0, max_width / max(d.width + 8, 1.0))
