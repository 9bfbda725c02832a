"""PDF manuals through WeasyPrint: real CJK text, page footers, embedded fonts, no tofu.

Needs the ``pdf`` extra and poppler-utils (pdftotext, pdffonts); CI installs both.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sopkit.app import load_library
from sopkit.manual.pdf import font_package
from sopkit.manual.render import ManualError, write_manuals
from tests.conftest import ROOT, write_tree
from tests.manual.test_manual import DAY, JINJA, LIB, XSS

pytest.importorskip("weasyprint", reason="the pdf extra is not installed")
pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")), reason="needs poppler-utils"
)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    (path,) = write_manuals(load_library(LIB), out, roles=["R-MID"], fmt="pdf", issued=DAY)
    return path


def _text(path: Path, *pages: int) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, check=True, text=True)
    return out.stdout


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_pdf_has_the_chinese_title_and_page_footers(pdf):
    assert pdf.read_bytes().startswith(b"%PDF-")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    assert pages >= 5
    first = _squeeze(_text(pdf, 1))
    assert "客服领班" in first and "测试物业服务有限公司" in first
    assert f"第1页共{pages}页" in first
    last = _squeeze(_text(pdf, pages))
    assert f"第{pages}页共{pages}页" in last


def test_pdf_running_header_names_the_document_and_version(pdf):
    third = _squeeze(_text(pdf, 3))
    assert "R-MID版本1.1" in third


def test_pdf_table_of_contents_has_page_numbers(pdf):
    toc = _text(pdf, 2)
    numbers = [int(n) for n in re.findall(r"\.{3,}\s*(\d+)", toc)]
    assert len(numbers) == 4 and numbers == sorted(numbers) and numbers[0] >= 3


def test_pdf_shows_yaml_text_literally(pdf):
    text = _squeeze(_text(pdf))
    assert _squeeze(XSS) in text and _squeeze(JINJA) in text


def test_pdf_marks_the_retired_procedure(pdf):
    assert "作废RETIRED" in _squeeze(_text(pdf))


def test_pdf_fonts_are_embedded(pdf):
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert re.search(r"\byes\s+yes\s+yes\b", row), row  # embedded, subset, unicode map
    assert any("WenQuanYi" in r or "CJK" in r or "Hei" in r for r in rows)


def test_weasyprint_reports_no_css_problem(tmp_path, caplog):
    caplog.set_level("WARNING", logger="weasyprint")
    write_manuals(load_library(LIB), tmp_path, roles=["R-NEW"], fmt="pdf", issued=DAY)
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


def test_missing_glyph_fails_naming_character_place_and_package(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)
    source = (LIB / "roles" / "R-TOP.yaml").read_text("utf-8")
    source = source.replace("全面负责客服部工作。", "全面负责\U00013000客服部工作。")
    write_tree(lib, {"roles/R-TOP.yaml": source})
    with pytest.raises(ManualError) as err:
        write_manuals(load_library(lib), tmp_path / "out", roles=["R-TOP"], fmt="pdf")
    diag = err.value.diagnostic
    assert diag.code == "manual-missing-glyph"
    assert diag.args["char"] == "\U00013000" and diag.args["codepoint"] == "U+13000"
    assert diag.location.file.endswith("R-TOP.yaml") and diag.location.line == 7
    assert diag.location.col == len("summary: 全面负责") + 1
    assert not (tmp_path / "out").exists()


DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
# Characters of Chinese service documents that WenQuanYi Micro Hei maps to an empty shape:
# ℃ ℉ Ⅴ Ⅹ Å (U+212B) ∼ ǎ ǐ ǒ ǔ ǘ ǚ ǜ
SYMBOLS = "\u2103\u2109\u2164\u2169\u212b\u223c\u01ce\u01d0\u01d2\u01d4\u01d8\u01da\u01dc"


@pytest.mark.skipif(not WQY.is_file(), reason="needs fonts-wqy-microhei")
def test_the_characters_the_cjk_font_draws_empty_come_from_the_symbols_font():
    from fontTools.ttLib import TTCollection

    font = TTCollection(str(WQY)).fonts[0]
    cmap, glyphs = font.getBestCmap(), font["glyf"]
    assert all(glyphs[cmap[ord(c)]].numberOfContours == 0 for c in SYMBOLS)  # empty shapes
    css = (ROOT / "templates" / "manual.css.j2").read_text(encoding="utf-8")
    ranges = re.search(r"unicode-range:([^;]+);", css).group(1)
    covered = set()
    for part in ranges.replace("U+", "").split(","):
        lo, _, hi = part.strip().partition("-")
        covered |= set(range(int(lo, 16), int(hi or lo, 16) + 1))
    assert {ord(c) for c in SYMBOLS} <= covered


@pytest.mark.skipif(not (WQY.is_file() and DEJAVU.is_dir()), reason="needs both fonts")
def test_degrees_celsius_and_roman_numerals_are_drawn(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)
    source = (LIB / "roles" / "R-TOP.yaml").read_text("utf-8")
    write_tree(lib, {"roles/R-TOP.yaml": source.replace("全面负责", f"室温22℃～26℃{SYMBOLS}")})
    (path,) = write_manuals(load_library(lib), tmp_path / "out", roles=["R-TOP"], fmt="pdf")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert "sopkit-symbols" in fonts.stdout  # the characters were laid out in DejaVu Sans
    assert "室温22℃～26℃" in _squeeze(_text(path))


@pytest.mark.skipif(not DEJAVU.is_dir(), reason="needs fonts-dejavu-core")
def test_without_a_cjk_font_the_pdf_is_refused_with_the_debian_package(tmp_path):
    """A machine with no CJK font: no tofu boxes, an error naming fonts-wqy-microhei."""
    conf = tmp_path / "fonts.conf"
    dejavu = DEJAVU
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{dejavu}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(ROOT)}
    out = tmp_path / "out"
    args = ["manual", str(LIB), "--role", "R-TOP", "-f", "pdf", "-o", str(out)]
    result = subprocess.run(
        [sys.executable, "-m", "sopkit", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "apt-get install -y fonts-wqy-microhei" in result.stderr
    assert re.search(r"sopkit\.yaml:2:\d+: |R-TOP\.yaml:\d+:\d+: ", result.stderr)
    assert not out.exists()


def test_font_packages():
    assert font_package("客") == font_package("、") == "fonts-wqy-microhei"
    assert font_package("😀") == "fonts-noto-color-emoji"
    assert font_package("\U00013000") == "fonts-noto"
    assert font_package("\U00020000") == "fonts-hanazono"  # CJK Extension B
