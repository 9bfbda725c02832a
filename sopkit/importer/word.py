"""Word .docx → lines, through python-docx.

Paragraphs and tables are read in body order. Word's own auto-numbering (``w:numPr`` on the
paragraph or on its style) is kept as a level, since the number itself is not in the text.
Merged table cells are read once. A table row of labels and values (岗位名称 | 客服领班) becomes
``label:value`` lines, so the same rules read a form and a typed ``岗位名称:客服领班``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from sopkit.importer.base import Line, problem, size_text
from sopkit.importer.vocab import field_label

MAX_UNZIPPED = 60 * 1024 * 1024  # everything a .docx may expand to
MAX_ENTRIES = 2000


def check_zip(path: Path, shown: str) -> zipfile.ZipFile:
    """Open a .docx, refusing one that is no zip or would expand past the limits."""
    try:
        archive = zipfile.ZipFile(path)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise problem(shown, "import-damaged", error=str(exc)) from None
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_ENTRIES or total > MAX_UNZIPPED:
        archive.close()
        raise problem(shown, "import-zip-bomb", limit=size_text(MAX_UNZIPPED))
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        archive.close()
        kind = (
            "xlsx"
            if "xl/workbook.xml" in names
            else "pptx"
            if "ppt/presentation.xml" in names
            else "zip"
        )
        raise problem(shown, "import-unsupported", kind=kind)
    return archive


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _num_level(paragraph) -> int | None:
    """The ilvl of the paragraph's numbering, direct or from its style chain."""
    ppr = paragraph._p.pPr
    numpr = ppr.numPr if ppr is not None else None
    if numpr is None:
        style = paragraph.style
        for _ in range(10):  # a style chain; Word allows no loops, a crafted file might
            if style is None:
                break
            spr = style.element.pPr
            if spr is not None and spr.numPr is not None:
                numpr = spr.numPr
                break
            style = style.base_style
    if numpr is None:
        return None
    num_id = numpr.numId.val if numpr.numId is not None else None
    if not num_id:  # numId 0 switches numbering off
        return None
    return numpr.ilvl.val if numpr.ilvl is not None else 0


def _row_lines(cells: list[tuple[str, str]]) -> list[Line]:
    """One table row: label/value pairs as ``label:value``; any other cell as its lines."""
    out: list[Line] = []
    i = 0
    while i < len(cells):
        text, where = cells[i]
        label = text.strip().rstrip(":：").strip()
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if label and field_label(label) and "\n" not in text.strip():
            if nxt is not None and not field_label(nxt[0].strip().rstrip(":：")):
                value = " ".join(part.strip() for part in nxt[0].splitlines() if part.strip())
                out.append(Line(f"{label}:{value}", nxt[1]))
                i += 2
                continue
            out.append(Line(f"{label}:", where))
            i += 1
            continue
        out.extend(Line(part, where) for part in text.splitlines() if part.strip())
        i += 1
    return out


def _table_lines(table, number: int) -> list[Line]:
    lines: list[Line] = []
    for r, row in enumerate(table.rows, 1):
        seen: set[int] = set()
        cells: list[tuple[str, str]] = []
        for c, cell in enumerate(row.cells):
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            text = "\n".join(p.text for p in cell.paragraphs)
            if text.strip():
                cells.append((text, f"T{number}!{_column(c)}{r}"))
        lines.extend(_row_lines(cells))
    return lines


def docx_lines(path: Path, shown: str) -> list[Line]:
    """The lines of a .docx, in reading order."""
    import docx
    from docx.table import Table

    check_zip(path, shown).close()
    try:
        document = docx.Document(str(path))
        blocks = list(document.iter_inner_content())
    except Exception as exc:  # python-docx raises many kinds on a damaged part
        raise problem(shown, "import-damaged", error=f"{type(exc).__name__}: {exc}") from None
    lines: list[Line] = []
    paragraphs = tables = 0
    for block in blocks:
        if isinstance(block, Table):
            tables += 1
            lines.extend(_table_lines(block, tables))
            continue
        paragraphs += 1
        for part in block.text.splitlines():  # a soft line break (Shift+Enter) splits too
            if part.strip():
                lines.append(Line(part, f"¶{paragraphs}", level=_num_level(block)))
    return lines
