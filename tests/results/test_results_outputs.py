"""The report and the 整改通知单 as a user meets them: a PDF page looked at as an image, the
workbook opened and recalculated by LibreOffice, the notice filled in, saved by LibreOffice
and read back."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
from pathlib import Path
from zipfile import ZipFile

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from sopkit.cli import app
from sopkit.locale import catalogue
from tests.checklist.test_scoring import best
from tests.checklist.test_workbook import fill, write
from tests.results.results_quarter import TODAY, make_quarter

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)"
)
needs_pdf = pytest.mark.skipif(
    importlib.util.find_spec("weasyprint") is None or shutil.which("pdftoppm") is None,
    reason="needs the pdf extra and poppler-utils (pip install -e '.[pdf]'; CI has both)",
)


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> dict:
    """The quarter recorded into a SQLite store, plus a sheet whose site is '=1+1'."""
    root = tmp_path_factory.mktemp("outputs")
    lib, inbox = make_quarter(root)
    from sopkit.app import load_library

    xc = load_library(lib).get("XC-CHK-01")
    form = write(xc, root / "forms2")
    fill(form, best(xc) | {"A1": "×"}, inbox / "formula-site.xlsx",
         header={"site": "=1+1", "date": "2026-06-20", "inspector": "周检"})  # fmt: skip
    db = str(root / "store.sqlite")
    run("record", str(inbox), "--lib", str(lib), "--db", db)
    data = json.loads(run("report", "--lib", str(lib), "--db", db, "--format", "json",
                          "--today", TODAY))  # fmt: skip
    return {"root": root, "lib": lib, "db": db, "data": data}


def report_file(recorded, name: str) -> Path:
    out = recorded["root"] / name
    run("report", "--lib", str(recorded["lib"]), "--db", recorded["db"], "-o", str(out),
        "--today", TODAY)  # fmt: skip
    return out


def soffice(args: list[str], root: Path) -> None:
    profile = root / "profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         *args],
        cwd=root, check=True, capture_output=True, timeout=240,
    )  # fmt: skip


def test_the_html_report_is_one_offline_file_for_a4(recorded):
    html = report_file(recorded, "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "src=" not in html and "url(" not in html  # nothing to fetch
    assert "size: A4" in html and html.count("<svg") == 1  # one checklist, one trend chart
    labels = catalogue("zh-CN").LABELS
    for key in ("periods", "items", "retraining", "heatmap", "recurring", "missing", "actions"):
        assert labels[f"report.{key}"] in html
    assert "=1+1" in html and "<built-in" not in html


@needs_pdf
def test_the_printed_report_looks_right(recorded):
    """The PDF (WeasyPrint, from the same HTML) rasterised: A4 pages, the chart drawn."""
    from PIL import Image

    pdf = report_file(recorded, "report.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                    str(pdf.with_suffix(""))], check=True)  # fmt: skip
    page = Image.open(next(pdf.parent.glob("report-*1.png"))).convert("RGB")
    width, height = page.size
    assert abs(height / width - 297 / 210) < 0.01
    raw = page.tobytes()
    pixels = [tuple(raw[i : i + 3]) for i in range(0, len(raw), 3)]
    ink = sum(1 for p in pixels if sum(p) < 600) / len(pixels)
    colour = sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 80)
    assert 0.02 < ink < 0.5  # text and tables, neither blank nor black
    assert colour > 200  # the trend chart's coloured lines and the red/green changes
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "BJ1" in text and "QS3" in text and "XC-CHK-01" in text


@needs_soffice
def test_the_workbook_recalculated_by_libreoffice(recorded):
    out = report_file(recorded, "report.xlsx")
    labels = catalogue("zh-CN").LABELS
    wb = openpyxl.load_workbook(out)
    items_sheet = wb[labels["report.item_sheet"]]
    sites = [items_sheet.cell(row=r, column=1) for r in range(2, items_sheet.max_row + 1)]
    odd = next(c for c in sites if c.value == "=1+1")
    assert odd.data_type == "s"  # text from a sheet never becomes a formula
    with ZipFile(out) as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
    lo = recorded["root"] / "lo"
    soffice(["--convert-to", "xlsx", "--outdir", str(lo), str(out)], recorded["root"])
    book = CalamineWorkbook.from_path(str(lo / "report.xlsx"))
    rows = book.get_sheet_by_name(labels["report.item_sheet"]).to_python()
    header, body = rows[0], rows[1:]
    expected = {(h["site"], h["item"]): h for h in recorded["data"]["heatmap"]}
    assert len(body) == len(expected)
    for row in body:
        want = expected[(row[0], row[2])]
        if want["answered"]:
            assert round(row[8], 3) == want["rate"]  # LibreOffice's value of the formula
        else:
            assert row[8] == ""
    with ZipFile(lo / "report.xlsx") as z:  # the native chart survives LibreOffice
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
    assert header[8] == labels["report.rate"]


@needs_soffice
@pytest.mark.parametrize("fmt", ["xlsx", "ods"])
def test_a_notice_filled_in_and_saved_by_libreoffice_closes_its_actions(recorded, tmp_path, fmt):
    root, lib = recorded["root"], recorded["lib"]
    db = tmp_path / "store.sqlite"
    shutil.copy(recorded["db"], db)
    notice = tmp_path / "BJ1.xlsx"
    run("actions", "export", "--site", "BJ1", "-o", str(notice), "--lib", str(lib), "--db",
        str(db), "--today", TODAY)  # fmt: skip
    wb = openpyxl.load_workbook(notice)
    ws = wb.active
    rows = [r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value]
    assert [ws.cell(row=r, column=4).value for r in rows] == ["A1", "B3", "C3"]
    ws.cell(row=rows[0], column=9).value = "已整改"
    ws.cell(row=rows[0], column=10).value = "2026-07-03"
    ws.cell(row=rows[0], column=11).value = "重新培训着装规范"
    ws.cell(row=rows[1], column=9).value = "搞定"  # not a status: reported, nothing closed
    ws.cell(row=rows[2], column=9).value = "已整改"
    ws.cell(row=rows[2], column=10).value = "昨天"  # not a date: reported, left open
    extra = ws.max_row + 1  # a row of another store's notice
    for col, value in ((1, 99999), (9, "已整改"), (10, "2026-07-03")):
        ws.cell(row=extra, column=col).value = value
    filled = tmp_path / "filled" / "BJ1.xlsx"
    filled.parent.mkdir()
    wb.save(filled)
    soffice(["--convert-to", fmt, "--outdir", str(tmp_path / "lo"), str(filled)], root)
    result = CliRunner().invoke(app, ["actions", "import", str(tmp_path / "lo" / f"BJ1.{fmt}"),
                                      "--lib", str(lib), "--db", str(db)])  # fmt: skip
    assert result.exit_code == 1  # the row with 搞定
    assert "action-import-status" in result.output and "!I" in result.output
    assert "action-import-date" in result.output and "!J" in result.output
    assert "action-import-unknown" in result.output and f"!A{extra}" in result.output
    listed = json.loads(run("actions", "--lib", str(lib), "--db", str(db), "--site", "BJ1",
                            "-f", "json", "--today", TODAY))  # fmt: skip
    by_item = {a["item"]: a for a in listed}
    a1 = by_item["A1"]
    assert (a1["status"], a1["closed_on"], a1["note"], a1["closed_by"]) == (
        "closed",
        "2026-07-03",
        "重新培训着装规范",
        "张敏",
    )
    assert by_item["B3"]["status"] == "overdue" and by_item["C3"]["status"] == "overdue"
