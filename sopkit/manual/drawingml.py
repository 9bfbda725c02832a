"""Diagrams drawn for Word as native DrawingML: one group of shapes per diagram.

The same layout as the SVG (:mod:`sopkit.manual.diagrams`) becomes a ``wpg`` group in the
document body: each box a rounded rectangle holding its text (the document's own fonts, so
East-Asian text uses the template's font), each connector a line, arrow-tipped where the SVG
has a marker. Reviewers can move and edit a box in Word or WPS; nothing is rasterised, and the
text is found by search and by screen readers. Colours and line styles are the SVG's
(:data:`sopkit.manual.svg.STYLE`). Written as escaped XML text, as the rest of the Word body.

The group is wrapped as Word 2010+ writes one: ``mc:AlternateContent`` whose
``mc:Choice Requires="wpg"`` holds the drawing, for Word 2010+, WPS and LibreOffice, and whose
``mc:Fallback`` holds the diagram's name as text, for a reader without ``wpg`` (Word 2007):
Word writes a VML copy there, which would double the drawing's XML for a version out of
support since 2017. The prefixes (``mc``, ``wp``, ``wpg``, ``wps``) are declared on the
document's root (:data:`sopkit.manual.docx_package.BODY_NS`), ``a`` on ``a:graphic``, as Word
declares them.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from sopkit.manual.diagrams import FONT, SMALL, Box, Diagram, Line
from sopkit.manual.svg import PX_MM, STYLE, scaled

EMU = 9525  # EMU per px at 96 dpi
PAD = 4  # px around the drawing, as in the SVG
LINE, LANE, SUB = "5A6B80", "C5CCD6", "666666"  # connectors, lane borders, sub-labels
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_GROUP = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
NOT_XML = re.compile(  # characters XML 1.0 cannot hold (the Word writer's too)
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
)


class _Shapes:
    """The shapes of one drawing, ``k`` its scale (the SVG's: wide diagrams fit the page)."""

    def __init__(self, k: float, first_id: int):
        self.k = k
        self.out: list[str] = []
        self.n = first_id  # the group's id; its shapes' follow (unique in the document)

    def emu(self, px: float) -> int:
        return round((px + PAD) * self.k * EMU)

    def size(self, px: float) -> int:
        return max(1, round(px * self.k * EMU))

    def shape(self, x: float, y: float, w: float, h: float, geometry: str, fill: str | None,
              line: str, text: str = "") -> None:  # fmt: skip
        self.n += 1
        paint = f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else "<a:noFill/>"
        self.out.append(
            f'<wps:wsp><wps:cNvPr id="{self.n}" name="s{self.n}"/><wps:cNvSpPr/><wps:spPr>'
            f'<a:xfrm><a:off x="{self.emu(x)}" y="{self.emu(y)}"/>'
            f'<a:ext cx="{self.size(w)}" cy="{self.size(h)}"/></a:xfrm>{geometry}{paint}{line}'
            f"</wps:spPr>{text or '<wps:bodyPr/>'}</wps:wsp>"
        )


def _ln(colour: str, width_px: float, dash: str = "", arrow: str = "", k: float = 1.0) -> str:
    """An outline; ``arrow``: ``head`` or ``tail``, the end that carries an arrowhead."""
    if not width_px:
        return "<a:ln><a:noFill/></a:ln>"
    dash_xml = f'<a:prstDash val="{"sysDash" if dash else "solid"}"/>'
    tip = f'<a:{arrow}End type="triangle" w="med" len="med"/>' if arrow else ""
    return (
        f'<a:ln w="{round(width_px * k * EMU)}"><a:solidFill><a:srgbClr val="{colour}"/>'
        f"</a:solidFill>{dash_xml}<a:round/>{tip}</a:ln>"
    )


def _run(text: str, half_points: int, colour: str, bold: bool) -> str:
    clean = escape(NOT_XML.sub("\ufffd", text))
    b = "<w:b/><w:bCs/>" if bold else ""
    return (
        f'<w:r><w:rPr>{b}<w:color w:val="{colour}"/><w:sz w:val="{half_points}"/>'
        f'<w:szCs w:val="{half_points}"/></w:rPr><w:t xml:space="preserve">{clean}</w:t></w:r>'
    )


def _text(b: Box, k: float) -> str:
    """The box's lines as paragraphs of a text box, spaced as in the SVG (size + 3 px)."""
    _, _, _, _, colour, bold = STYLE[b.kind]
    size = SMALL if b.kind == "record" else FONT
    left = b.kind in ("step", "own", "group", "record")
    jc = "left" if left else "center"
    rows = [(line, size, colour[1:].upper(), bold) for line in b.lines]
    if b.sub:
        rows.append((b.sub, SMALL, SUB, False))
    paras = []
    for text, px, ink, heavy in rows:
        twips = round((px + 3) * k * 15)  # px at 96 dpi -> twentieths of a point
        paras.append(
            f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{twips}" '
            f'w:lineRule="exact"/><w:ind w:left="0" w:right="0" w:firstLine="0"/>'
            f'<w:jc w:val="{jc}"/></w:pPr>{_run(text, round(px * k * 1.5), ink, heavy)}</w:p>'
        )
    # the layout keeps lines 10 px narrower than the box; Word re-wraps what does not fit
    inset = round((6 if left else 1) * k * EMU)
    right = 0 if left else inset
    return (
        f"<wps:txbx><w:txbxContent>{''.join(paras)}</w:txbxContent></wps:txbx>"
        f'<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="{inset}" tIns="0" rIns="{right}" '
        'bIns="0" anchor="ctr" anchorCtr="0" upright="1"><a:noAutofit/></wps:bodyPr>'
    )


def _box(s: _Shapes, b: Box) -> None:
    fill, stroke, sw, dash, _, _ = STYLE[b.kind]
    if b.kind in ("lane", "group"):
        geometry = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    elif b.kind == "record":
        geometry = '<a:prstGeom prst="foldedCorner"><a:avLst/></a:prstGeom>'
    else:  # a 4 px corner radius, as in the SVG
        adj = round(4 / max(min(b.w, b.h), 1) * 100000)
        geometry = (
            f'<a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val {adj}"/>'
            "</a:avLst></a:prstGeom>"
        )
    line = _ln(stroke[1:].upper(), sw, dash, k=s.k)
    text = _text(b, s.k) if any(b.lines) or b.sub else ""
    s.shape(b.x, b.y, b.w, b.h, geometry, fill[1:].upper(), line, text)


def _polyline(s: _Shapes, line: Line) -> None:
    """A connector as one open path, arrow-tipped at its end when the SVG's is.

    Its box is at least 1 px wide and high, the path at its top or left edge: LibreOffice
    misplaces the shapes of the whole group when one of them has no width or height."""
    xs, ys = [x for x, _ in line.points], [y for _, y in line.points]
    x0, y0 = min(xs), min(ys)
    w, h = max(max(xs) - x0, 1), max(max(ys) - y0, 1)
    pts = [(s.size(x - x0) if x > x0 else 0, s.size(y - y0) if y > y0 else 0)
           for x, y in line.points]  # fmt: skip
    path = f'<a:moveTo><a:pt x="{pts[0][0]}" y="{pts[0][1]}"/></a:moveTo>' + "".join(
        f'<a:lnTo><a:pt x="{x}" y="{y}"/></a:lnTo>' for x, y in pts[1:]
    )
    geometry = (
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
        f'<a:pathLst><a:path w="{s.size(w)}" h="{s.size(h)}" fill="none">{path}</a:path>'
        "</a:pathLst></a:custGeom>"
    )
    ln = _ln(LINE, 1, "dash" if line.dashed else "", "tail" if line.arrow else "", k=s.k)
    s.shape(x0, y0, w, h, geometry, None, ln)


def to_drawing(d: Diagram, number: int, label: str = "", width_mm: float = 170) -> tuple[str, int]:
    """A paragraph holding ``d`` as an inline group of shapes, no wider than ``width_mm`` (it
    shrinks, text and all, to fit), and the next free shape id; ``number``: the first id to
    use (drawing and shape ids are unique in a document)."""
    k = scaled(d, width_mm / PX_MM)
    s = _Shapes(k, number)
    for lane in (b for b in d.boxes if b.kind == "lane"):  # lane separators down the page
        s.shape(lane.x, 0, lane.w, d.height, '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>',
                None, _ln(LANE, 0.8, k=k))  # fmt: skip
    for line in d.lines:
        _polyline(s, line)
    for box in d.boxes:
        _box(s, box)
    cx, cy = s.size(d.width + 2 * PAD), s.size(d.height + 2 * PAD)
    name = NOT_XML.sub("", label)
    xml = (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wpg"><w:drawing>'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{number}" '
        f'name="Diagram {number}" descr={quoteattr(name)}/><wp:cNvGraphicFramePr/>'
        f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{_GROUP}"><wpg:wgp>'
        f'<wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
        f'<a:chOff x="0" y="0"/><a:chExt cx="{cx}" cy="{cy}"/></a:xfrm></wpg:grpSpPr>'
        f"{''.join(s.out)}</wpg:wgp></a:graphicData></a:graphic></wp:inline></w:drawing>"
        f'</mc:Choice><mc:Fallback><w:t xml:space="preserve">[{escape(name)}]</w:t>'
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    return xml, s.n + 1
