"""Characters a font draws as an empty shape are caught like missing ones (issue 12 item 6).

WenQuanYi Micro Hei (the recommended CJK font) maps ℃ to an empty glyph: the built-in style
sheet draws ℃ ★ √ × with DejaVu Sans; a style sheet without that face is stopped with the
character, where it is written and a font that draws it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sopkit.app import load_library
from sopkit.manual.glyphs import drawing_font, empty_glyphs, font_file
from sopkit.manual.render import ManualError, write_manuals
from tests.manual.test_manual import DAY, LIB

pytest.importorskip("weasyprint", reason="the pdf extra is not installed")
pytestmark = pytest.mark.skipif(
    not (shutil.which("fc-list") and shutil.which("pdffonts")
         and font_file("WenQuanYi Micro Hei") and font_file("DejaVu Sans")),
    reason="needs fontconfig, poppler-utils, fonts-wqy-microhei and fonts-dejavu-core",
)  # fmt: skip
SYMBOLS = "温度 25℃ ①②⑩⑳ ★ √ × ＡＢ１２（）％"
BUILTIN_CSS = Path(__file__).resolve().parents[2] / "templates" / "manual.css.j2"


def _lib(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)
    role = lib / "roles" / "R-MID.yaml"
    text = role.read_text(encoding="utf-8")
    role.write_text(
        text.replace('summary: "协助', f'summary: "{SYMBOLS} 协助', 1), encoding="utf-8"
    )
    return lib


def test_the_recommended_font_draws_celsius_as_an_empty_shape():
    assert drawing_font("℃", symbols=False) == ("WenQuanYi Micro Hei", False)
    assert empty_glyphs("25℃") == [("℃", "WenQuanYi Micro Hei")]  # no symbols face declared
    assert empty_glyphs('@font-face { font-family: "sopkit symbols" } 25℃') == []
    assert empty_glyphs('font-family: "sopkit symbols", serif; 25℃') != []


def test_builtin_fonts_draw_every_symbol(tmp_path):
    lib = _lib(tmp_path)
    (pdf,) = write_manuals(load_library(lib), tmp_path / "out", roles=["R-MID"], fmt="pdf",
                           issued=DAY)  # fmt: skip
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert re.sub(r"\s+", "", SYMBOLS) in re.sub(r"\s+", "", text)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"DejaVu-?Sans", fonts) and "WenQuanYi" in fonts, fonts
    for char in SYMBOLS.replace(" ", ""):
        family, drawn = drawing_font(char)
        assert drawn, f"{char} is drawn empty by {family}"


def test_a_style_sheet_that_draws_an_empty_shape_is_stopped(tmp_path):
    lib = _lib(tmp_path)
    css = BUILTIN_CSS.read_text(encoding="utf-8")
    css = "\n".join(line for line in css.splitlines() if "@font-face" not in line)
    (lib / "templates").mkdir()
    (lib / "templates" / "manual.css.j2").write_text(css, encoding="utf-8")
    with pytest.raises(ManualError) as err:
        write_manuals(load_library(lib), tmp_path / "out", roles=["R-MID"], fmt="pdf", issued=DAY)
    diag = err.value.diagnostic
    assert diag.code == "manual-empty-glyph"
    assert diag.location.file.endswith("R-MID.yaml") and diag.location.line == 25
    assert diag.location.col == 16  # summary: "温度 25℃ — the ℃
    message = diag.message("en")
    assert "'℃' (U+2103)" in message and "WenQuanYi Micro Hei" in message
    assert "DejaVu Sans" in diag.hint("en")
    assert not (tmp_path / "out").exists()


def test_the_style_sheet_and_the_check_agree_on_the_symbols_face():
    """One range list: the @font-face of manual.css.j2 is what the empty-glyph check assumes."""
    from sopkit.manual.glyphs import SYMBOLS

    css = BUILTIN_CSS.read_text(encoding="utf-8")
    (declared,) = re.findall(r'"sopkit symbols";[^}]*unicode-range:([^;]+);', css)
    ranges = []
    for part in declared.split(","):
        lo, _, hi = part.strip().removeprefix("U+").partition("-")
        ranges.append((int(lo, 16), int(hi or lo, 16)))
    assert sorted(ranges) == sorted(SYMBOLS[1])
