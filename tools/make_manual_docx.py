"""Write ``templates/manual.docx``: the Word template ``sopkit manual --format docx`` fills.

Run it after changing the look (``python tools/make_manual_docx.py``); the file is committed.
A company replaces it with its own (a ``templates/manual.docx`` next to ``sopkit.yaml``): sopkit
keeps the template's page set-up, styles and header/footer, deletes its body, and fills these
placeholders wherever they appear in the header or footer (one placeholder per run of text):

- ``{organization}`` the organization of ``sopkit.yaml``;
- ``{document}`` the document on the page: 文件编号 and version (the manual's title on the cover);
- ``{control}`` 受控 · 分发号 N, or 非受控 · 仅供参考;
- ``{page_of}`` 第 X 页 共 Y 页 / Page X of Y, with X and Y as PAGE and NUMPAGES fields.

Styles used: Title, Subtitle, Heading 1, Heading 2, Normal, Table Grid, and "sopkit Own"
(character style marking the reader's own steps) and "sopkit Small" (table text).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parents[1] / "templates" / "manual.docx"
LATIN, EAST_ASIAN = "Arial", "Microsoft YaHei"  # LibreOffice substitutes a CJK font it has


def fonts(style, size: float | None = None, bold: bool | None = None) -> None:
    """Latin and East-Asian fonts of a style (python-docx sets only the Latin ones)."""
    style.font.name = LATIN
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), LATIN)
    rfonts.set(qn("w:eastAsia"), EAST_ASIAN)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)


def main() -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin, section.bottom_margin = Mm(22), Mm(20)
    section.header_distance = section.footer_distance = Mm(10)
    styles = doc.styles
    fonts(styles["Normal"], 10.5)
    styles["Normal"].paragraph_format.space_after = Pt(3)
    for name, size in (("Title", 26), ("Subtitle", 14), ("Heading 1", 16), ("Heading 2", 12)):
        fonts(styles[name], size, bold=name != "Subtitle")
        styles[name].paragraph_format.keep_with_next = True
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Subtitle"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Heading 1"].paragraph_format.space_before = Pt(0)
    styles["Heading 2"].paragraph_format.space_before = Pt(10)
    small = styles.add_style("sopkit Small", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = styles["Normal"]
    fonts(small, 9)
    small.paragraph_format.space_after = Pt(0)
    own = styles.add_style("sopkit Own", WD_STYLE_TYPE.CHARACTER)
    own.font.bold = True
    own.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    for name in ("Header", "Footer"):
        fonts(styles[name], 8.5)
    width = section.page_width - section.left_margin - section.right_margin
    header = section.header.paragraphs[0]
    header.text = "{organization}\t{document}\t{control}"
    header.paragraph_format.tab_stops.add_tab_stop(width // 2, WD_TAB_ALIGNMENT.CENTER)
    header.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    footer = section.footer.paragraphs[0]
    footer.text = "{page_of}"
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    core = doc.core_properties
    core.author, core.title, core.comments = "sopkit", "", "sopkit manual template"
    doc.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
