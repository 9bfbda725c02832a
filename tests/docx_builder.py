"""Real Word files for the importer tests, built with python-docx.

Numbered paragraphs carry Word's own auto-numbering (``w:numPr`` pointing at a
``w:num``/``w:abstractNum`` in numbering.xml), as Word writes them: the number is not in the
text, only in the numbering definition.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# One abstract numbering per format: (numFmt, lvlText) for level 0 and level 1.
FORMATS = {
    "decimal": [("decimal", "%1."), ("decimal", "%1.%2.")],
    "chinese": [("chineseCounting", "%1、"), ("decimal", "(%2)")],
    "paren": [("decimal", "(%1)"), ("decimalEnclosedCircleChinese", "%2")],
}


def _ensure_numbering(document, fmt: str) -> int:
    """Add an abstractNum + num for ``fmt`` to the document; return the numId."""
    numbering = document.part.numbering_part.element
    abstract_id = 100 + list(FORMATS).index(fmt)
    num_id = 200 + list(FORMATS).index(fmt)
    if numbering.find(f'{qn("w:num")}[@{qn("w:numId")}="{num_id}"]') is not None:
        return num_id
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{f}"/>'
        f'<w:lvlText w:val="{t}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (f, t) in enumerate(FORMATS[fmt])
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'
    )
    num = parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)
    return num_id


def numbered(document, text: str, fmt: str = "decimal", level: int = 0):
    """A paragraph numbered by Word (``numPr``), its text without the number."""
    num_id = _ensure_numbering(document, fmt)
    paragraph = document.add_paragraph(text)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            "</w:numPr>"
        )
    )
    return paragraph


def build(path: Path, blocks: list) -> Path:
    """Write a .docx from ``blocks``: a str is a paragraph, ``("h", text)`` a heading,
    ``("n", text, fmt, level)`` a numbered paragraph, ``("t", rows)`` a table (rows of
    cells; a cell ``None`` is merged with the cell to its left)."""
    document = Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        elif block[0] == "h":
            document.add_heading(block[1], level=1)
        elif block[0] == "n":
            numbered(document, *block[1:])
        elif block[0] == "t":
            rows = block[1]
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    if value is None:
                        table.cell(r, c - 1).merge(table.cell(r, c))
                    else:
                        table.cell(r, c).text = value
    document.save(path)
    return path
