"""Word output: a manual written into a copy of the Word template ``manual.docx``.

The template — built-in, or a library's own ``templates/manual.docx`` — keeps its page set-up,
styles, header and footer; its body is replaced with the manual, written as WordprocessingML
text (:class:`Writer`) into the template's package (:mod:`sopkit.manual.docx_package`). Every
document starts a section of its own, so the header names the document on the page; the
footer's page numbers are PAGE / NUMPAGES fields, which Word, WPS and LibreOffice compute when
they lay out the pages. What the sections hold is in :mod:`sopkit.manual.docx_parts`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from sopkit.diagnostics import Diagnostic, Location
from sopkit.manual.diagrams import Diagram
from sopkit.manual.docx_package import Package
from sopkit.manual.drawingml import NOT_XML, to_drawing
from sopkit.manual.errors import DOCX_INSTALL, ManualError

TEMPLATE = "manual.docx"
HEAD_FILL = "E7ECF3"
OWN_FILL = "FFF2CC"


def load_docx():
    """The ``docx`` module (python-docx), or a ManualError telling how to install it."""
    try:
        import docx
    except ImportError:
        raise ManualError(
            Diagnostic("manual-docx-missing", Location("sopkit"), {"command": DOCX_INSTALL})
        ) from None
    return docx


def docx_template(dirs: Sequence[Path]) -> Path:
    """The first ``manual.docx`` in the template folders (``--templates``, library, built-in)."""
    for folder in dirs:
        if (Path(folder) / TEMPLATE).is_file():
            return Path(folder) / TEMPLATE
    raise ManualError(
        Diagnostic("manual-template-missing", Location(str(dirs[0])), {"name": TEMPLATE})
    )


class Writer:
    """A Word document being written: paragraphs, tables and sections over the template.

    Paragraphs and tables are written as WordprocessingML text (python-docx's object model
    took 2.1 s for the bundled library's handbook, this 0.1 s) into the template's package
    (:mod:`sopkit.manual.docx_package`)."""

    def __init__(self, template: Path, labels: dict[str, str], values: dict[str, str]):
        load_docx()  # python-docx (and its lxml): the package's header runs and style names
        try:
            self.pkg = Package(str(template))
        except Exception as exc:  # a damaged or non-Word file named manual.docx
            raise ManualError(
                Diagnostic("manual-template", Location(str(template)), {"error": str(exc)})
            ) from None
        self.L = labels
        self.values = dict(values)
        self.twips = self.pkg.text_width()
        self._ids: dict[str, str] = {}
        self._xml: list[str] = []  # the current section's body
        self._next_id = self.pkg.first_free_id()  # of drawings and shapes
        self.title = self.author = ""

    def style_id(self, name: str) -> str:
        if name not in self._ids:
            sid = self.pkg.style_id(name)
            if sid is None:
                raise ManualError(
                    Diagnostic(
                        "manual-template",
                        Location(TEMPLATE),
                        {"error": f"the Word template has no style named {name!r}"},
                    )
                ) from None
            self._ids[name] = sid
        return self._ids[name]

    def section(self, document: str) -> None:
        """Start a new page and section whose header names ``document``. The gap after a
        table that ends a section is left out: with the section's break paragraph it took a
        blank page of its own when the table ended at the foot of a page."""
        if self._xml and self._xml[-1] == _p("", self.style_id("sopkit Small")):
            self._xml.pop()
        self._xml = self.pkg.section({**self.values, "document": document})

    # --- blocks ------------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1) -> None:
        """A heading, kept on the page of what follows it whatever the template's style says."""
        self._xml.append(_p(text, self.style_id(f"Heading {level}"), keep=True))

    def para(
        self, text: str = "", style: str | None = None, bold: bool = False, keep: bool = False
    ) -> None:
        """A paragraph; ``keep``: on the page of what follows (a caption, a table's title)."""
        self._xml.append(_p(text, self.style_id(style) if style else None, bold=bold, keep=keep))

    def diagram(self, d: Diagram, label: str, width_mm: float) -> None:
        """A diagram as a group of Word shapes, no wider than ``width_mm``. Its paragraph is not
        kept with the next: a flowchart's pages are each a page high, and a chain of kept
        paragraphs longer than a page is broken where it no longer fits, after its heading."""
        xml, self._next_id = to_drawing(d, self._next_id, label, width_mm)
        self._xml.append(xml)

    def table(
        self,
        rows: Sequence[Sequence[Any]],
        *,
        widths: Sequence[float],
        header: Sequence[str] | None = None,
        labels: Sequence[int] = (),
        marked: Sequence[int] = (),
    ) -> None:
        """A bordered table; ``widths`` in parts of the text width; ``header`` repeats on
        every page; column indexes in ``labels`` are shaded; rows in ``marked`` highlighted.
        Rows never split across pages and no page holds a lone row of a table.
        """
        data = [[(str(v), "bold") for v in header]] if header else []
        data += [list(r) for r in rows]
        twips = [int(self.twips * w / sum(widths)) for w in widths]
        small = self.style_id("sopkit Small")
        out = [
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style_id("Table Grid")}"/>'
            f'<w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>'
            "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{t}"/>' for t in twips) + "</w:tblGrid>"
        ]
        count = len(data)
        for n, row in enumerate(data):
            is_head = bool(header) and n == 0
            keep = (count <= 12 and n < count - 1) or n == 0 or n == count - 2
            out.append("<w:tr><w:trPr><w:cantSplit/>")
            out.append("<w:tblHeader/></w:trPr>" if is_head else "</w:trPr>")
            for c, value in enumerate(row):
                fill = None
                if is_head or c in labels:
                    fill = HEAD_FILL
                elif (n - (1 if header else 0)) in marked:
                    fill = OWN_FILL
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{twips[c]}" w:type="dxa"/>')
                if fill:
                    out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
                out.append("</w:tcPr>")
                out.append(_cell(value, small, keep, self.style_id))
                out.append("</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self._xml.append("".join(out))
        self.para(style="sopkit Small")  # a gap after every table

    def save(self) -> bytes:
        return self.pkg.save(self.title, self.author)


_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def _runs(text: str, bold: bool = False, style: str | None = None) -> str:
    """A run of ``text``; line breaks become ``<w:br/>``."""
    props = ""
    if style or bold:
        props = "<w:rPr>" + (f'<w:rStyle w:val="{style}"/>' if style else "")
        props += ("<w:b/>" if bold else "") + "</w:rPr>"
    clean = NOT_XML.sub("\ufffd", text.replace("\r\n", "\n"))
    lines = [xml_escape(line) for line in clean.split("\n")]
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    return f"<w:r>{props}{body}</w:r>"


def _p(text: str, style: str | None, bold: bool = False, keep: bool = False) -> str:
    props = ""
    if style or keep:
        props = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        props += ("<w:keepNext/>" if keep else "") + "</w:pPr>"
    return f"<w:p>{props}{_runs(text, bold) if text else ''}</w:p>"


def _cell(value: Any, style: str, keep: bool, style_id: Callable[[str], str]) -> str:
    """A cell's paragraphs: a value, or a list of lines; a line is text or (text, style),
    where style is "bold" or the name of a character style of the template."""
    lines = value if isinstance(value, list) else [value]
    paras = []
    for line in lines:
        if line is None or line == "":
            continue
        if isinstance(line, tuple):
            text, style_name = line
            bold = style_name == "bold"
            run = _runs(str(text), bold=bold, style=None if bold else style_id(style_name))
            props = f'<w:pPr><w:pStyle w:val="{style}"/>{"<w:keepNext/>" if keep else ""}</w:pPr>'
            paras.append(f"<w:p>{props}{run}</w:p>")
        else:
            paras.append(_p(str(line), style, keep=keep))
    return "".join(paras) or _p("", style, keep=keep)
