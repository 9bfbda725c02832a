"""Word .docx → lines, through python-docx.

Paragraphs and tables are read in body order. Word's own auto-numbering (``w:numPr`` on the
paragraph or on its style) is kept as a level, since the number itself is not in the text.
Merged table cells are read once. A table row of labels and values (岗位名称 | 客服领班) becomes
``label:value`` lines, so the same rules read a form and a typed ``岗位名称:客服领班``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from sopkit.columns import column_letter
from sopkit.importer.base import Line, problem, size_text
from sopkit.importer.vocab import field_label, key

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


# Column headings of a duties table (职责描述 | 考核指标 …) → the duty field they hold.
DUTY_COLUMNS = {
    "area": ("职责概述", "职责类别", "类别", "工作项目", "职责名称", "职责模块", "主要职责"),
    "description": ("职责描述", "工作内容", "主要工作职责内容", "岗位职责", "工作职责", "职责内容",
                    "主要工作内容", "具体内容", "职责", "工作任务"),
    "standard": ("工作标准", "标准", "完成标准", "工作要求"),
    "kpi": ("考核指标", "关键绩效指标", "kpi", "绩效指标", "衡量标准", "考核标准"),
}  # fmt: skip
_COLUMN = {key(w).lower(): name for name, ws in DUTY_COLUMNS.items() for w in ws}


def _cells(row, number: int, r: int) -> list[tuple[str, str]]:
    seen: set[int] = set()
    cells: list[tuple[str, str]] = []
    for c, cell in enumerate(row.cells):
        if id(cell._tc) in seen:  # a merged cell is returned once per grid column
            continue
        seen.add(id(cell._tc))
        text = "\n".join(p.text for p in cell.paragraphs)
        cells.append((text, f"T{number}!{column_letter(c)}{r}"))  # empty ones too: columns line up
    return cells


def _duty_columns(cells: list[tuple[str, str]]) -> dict[str, int] | None:
    """Column positions of a duties table's header row, if it is one."""
    found = {}
    for i, (text, _) in enumerate(cells):
        name = _COLUMN.get(key(text).lower())
        if name and name not in found:
            found[name] = i
    if "description" not in found and "area" in found and len(found) > 1:
        found["description"] = found.pop("area")  # 主要职责 | 考核指标
    return found if "description" in found and len(found) > 1 else None


def _duty_rows(rows: list[list[tuple[str, str]]], columns: dict[str, int]) -> list[Line]:
    lines = [Line("岗位职责", rows[0][columns["description"]][1])]
    for cells in rows[1:]:
        if columns["description"] >= len(cells):
            lines.extend(Line(t, w) for text, w in cells for t in text.splitlines() if t.strip())
            continue
        text, where = cells[columns["description"]]
        extra = tuple(
            (name, " ".join(cells[i][0].split()), cells[i][1])
            for name, i in columns.items()
            if name != "description" and i < len(cells) and cells[i][0].strip()
        )
        parts = [t for t in text.splitlines() if t.strip()]
        lines.extend(  # a row is an item, as if Word had numbered it
            Line(t, where, level=0, extra=extra if n == 0 else ()) for n, t in enumerate(parts)
        )
    return lines


def _table_lines(table, number: int) -> list[Line]:
    rows = [_cells(row, number, r) for r, row in enumerate(table.rows, 1)]
    rows = [cells for cells in rows if any(text.strip() for text, _ in cells)]
    columns = _duty_columns(rows[0]) if rows else None
    if columns is not None:
        return _duty_rows(rows, columns)
    return [line for cells in rows for line in _row_lines([c for c in cells if c[0].strip()])]


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
