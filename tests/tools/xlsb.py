"""Save a workbook as ``.xlsb`` (Excel's binary workbook), which no tool here writes.

``to_xlsb(src, dest)``: every sheet of the ``.xlsx`` ``src`` with its values and each cell's
number format (formulas are left out: they have no cached value in a file openpyxl wrote),
in the BIFF12 records Excel writes (MS-XLSB): enough for python-calamine to read the values
and for sopkit to read the formats.
"""

from __future__ import annotations

import struct
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl

_EPOCH = datetime(1899, 12, 30)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_BUILTIN = {"General": 0, "0": 1, "0.00": 2, "0%": 9, "0.00%": 10}


def record(kind: int, data: bytes = b"") -> bytes:
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size, out = len(data), bytearray()
    while True:
        byte, size = size & 0x7F, size >> 7
        out.append(byte | (0x80 if size else 0))
        if not size:
            break
    return head + bytes(out) + data


def wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def _cell(col: int, style: int, value) -> bytes:
    head = struct.pack("<II", col, style)
    if isinstance(value, bool):
        return record(4, head + bytes([value]))
    if isinstance(value, (int, float)):
        return record(5, head + struct.pack("<d", value))
    return record(6, head + wide(str(value)))


def _styles(formats: list[str]) -> bytes:
    custom = {f: 164 + n for n, f in enumerate(f for f in formats if f not in _BUILTIN)}
    out = record(278) + record(615, struct.pack("<I", len(custom)))
    out += b"".join(record(44, struct.pack("<H", i) + wide(f)) for f, i in custom.items())
    out += record(616) + record(617, struct.pack("<I", len(formats)))
    for f in formats:
        ifmt = _BUILTIN.get(f, custom.get(f, 0))
        out += record(47, struct.pack("<HHHHHBBHBB", 0xFFFF, ifmt, 0, 0, 0, 0, 0, 0, 0, 0))
    return out + record(618) + record(279)


def _sheet(ws, formats: list[str]) -> bytes:
    rows = b""
    for row in ws.iter_rows():
        cells = b""
        for c in row:
            value = c.value
            if value is None or (isinstance(value, str) and value.startswith("=")):
                continue
            fmt = c.number_format
            if isinstance(value, (datetime, date)):
                moment = value if isinstance(value, datetime) else datetime(*value.timetuple()[:3])
                value, fmt = (moment - _EPOCH).total_seconds() / 86400, "yyyy-mm-dd"
            if fmt not in formats:
                formats.append(fmt)
            cells += _cell(c.column - 1, formats.index(fmt), value)
        if cells:
            rows += record(0, struct.pack("<IIHHI", row[0].row - 1, 0, 300, 0, 0)) + cells
    dim = struct.pack("<IIII", 0, max(ws.max_row - 1, 0), 0, max(ws.max_column - 1, 0))
    return record(129) + record(148, dim) + record(145) + rows + record(146) + record(130)


def to_xlsb(src: Path, dest: Path) -> Path:
    wb = openpyxl.load_workbook(src)
    formats = ["General"]
    parts = {f"xl/worksheets/sheet{n}.bin": _sheet(ws, formats) for n, ws in enumerate(wb, 1)}
    states = {"visible": 0, "hidden": 1, "veryHidden": 2}
    book = record(131) + record(143)
    for n, ws in enumerate(wb, 1):
        head = struct.pack("<II", states.get(ws.sheet_state, 0), n)
        book += record(156, head + wide(f"rId{n}") + wide(ws.title))
    book += record(144) + record(132)
    rels = (
        "".join(
            f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.bin"/>'
            for n in range(1, len(wb.worksheets) + 1)
        )
        + f'<Relationship Id="rIdS" Type="{_REL}/styles" Target="styles.bin"/>'
    )
    sheets = "".join(
        f'<Override PartName="/{p}" ContentType="application/vnd.ms-excel.worksheet"/>'
        for p in parts
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="bin" ContentType="application/'
        'vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType='
        '"application/vnd.openxmlformats-package.relationships+xml"/><Override PartName='
        '"/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/>' + sheets + "</Types>"
    )
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="r1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>',
        )
        z.writestr("xl/workbook.bin", book)
        z.writestr(
            "xl/_rels/workbook.bin.rels", f'<Relationships xmlns="{_PKG}">{rels}</Relationships>'
        )
        z.writestr("xl/styles.bin", _styles(formats))
        for name, data in parts.items():
            z.writestr(name, data)
    return dest
