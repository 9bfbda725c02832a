"""A big PDF handbook laid out in pieces (sopkit.manual.pdfparts) reads as one laid out whole.

The golden library's handbook (6 chapters: draft and retired ones among them) is laid out in
pieces of 2 chapters and 5 footers, as a 500-role one is in pieces of 20 and 500, and compared
page by page with the same handbook laid out whole. Needs the ``pdf`` extra (WeasyPrint,
pypdf) and poppler-utils.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import sopkit.manual.render as render_module
from sopkit.app import load_library
from sopkit.manual import pdfparts
from sopkit.manual.render import ManualError, plan, template_dirs, write_manuals
from tests.manual.test_manual import DAY, LIB

pytest.importorskip("weasyprint", reason="the pdf extra is not installed")
pytest.importorskip("pypdf", reason="the pdf extra is not installed")
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def _pages(path: Path) -> list[str]:
    """The text of every page, lines kept."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                         capture_output=True, check=True, text=True).stdout  # fmt: skip
    return out.split("\f")[:-1]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _handbook(out: Path, **options) -> Path:
    (path,) = write_manuals(load_library(LIB), out, combined=True, fmt="pdf", issued=DAY,
                            controlled=True, **options)  # fmt: skip
    return path


@pytest.fixture(scope="module")
def pieced(tmp_path_factory) -> Path:
    """The controlled handbook laid out in pieces."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pdfparts, "PIECES_ABOVE", 0)
        mp.setattr(pdfparts, "PIECE_CHAPTERS", 2)
        mp.setattr(pdfparts, "FOLIO_PAGES", 5)
        return _handbook(tmp_path_factory.mktemp("pieces"))


@pytest.fixture(scope="module")
def both(tmp_path_factory, pieced) -> tuple[list[str], list[str]]:
    """(pages laid out whole, pages laid out in pieces) of the same controlled handbook."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pdfparts, "PIECES_ABOVE", 100)
        whole = _pages(_handbook(tmp_path_factory.mktemp("whole")))
    return whole, _pages(pieced)


def test_pieces_read_as_the_handbook_laid_out_whole(both):
    whole, pieces = both
    assert len(whole) > 10  # more pages than a folios piece holds: several of them
    assert pieces == whole


def test_every_page_of_the_pieces_has_its_footer_once(both):
    pieces = [_squeeze(page) for page in both[1]]
    total = len(pieces)
    assert pieces[0].startswith("测试物业服务有限公司")  # the cover
    for number, page in enumerate(pieces, 1):
        assert page.count(f"第{number}页共{total}页") == 1, number
        marks = 2 if number == 1 else 1  # the cover shows it too
        assert page.count("受控·分发号001") == marks, number  # the control mark, not doubled
    assert "发放记录" in pieces[-1]  # the closing page came with the last body


def _chapter_pages(pages: list[str]) -> dict[str, int]:
    """doc id -> the page number the contents give it."""
    lines = [_squeeze(line) for line in next(p for p in pages if "目录" in p).splitlines()]
    found = {}
    for chapter in _manual().chapters:
        entry = re.compile(re.escape(chapter.doc.title) + r"(?:\(\w+\))?\.{3,}(\d+)")
        (found[chapter.doc.id],) = [int(m.group(1)) for m in map(entry.fullmatch, lines) if m]
    return found


def test_contents_of_the_pieces_point_at_the_chapters(both):
    pieces = [_squeeze(page) for page in both[1]]
    pages = _chapter_pages(both[1])
    for chapter in _manual().chapters:
        number, doc = chapter.number, chapter.doc
        page = pages[doc.id]
        assert f"{doc.id}{number}{doc.title}" in pieces[page - 1], (doc.id, page)


def test_contents_entries_of_the_pieces_link_to_their_pages(both, pieced):
    from pypdf import PdfReader

    reader = PdfReader(pieced)
    number = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, 1)}
    contents = next(n for n, page in enumerate(both[1], 1) if "目录" in page)
    links = {}  # destination page -> how many links of the contents go there
    for n, page in enumerate(reader.pages, 1):
        for annot in (a.get_object() for a in page.get("/Annots") or []):
            action = annot.get("/A") or {}
            assert "sopkit-page:" not in str(action.get("/URI", "")), n  # none left over
            if n == contents and annot.get("/Subtype") == "/Link":
                (target, fit) = annot["/Dest"]
                assert fit == "/Fit"
                links[number[target.idnum]] = links.get(number[target.idnum], 0) + 1
    chapters = set(_chapter_pages(both[1]).values())
    assert chapters <= set(links)  # every chapter's entry is a link to its first page
    assert set(links) - chapters  # and the kinds' title pages too


def _manual(**changes):
    (_, manual), = plan(load_library(LIB), combined=True, issued=DAY)  # fmt: skip
    for name, value in changes.items():
        setattr(manual, name, value)
    return manual


def test_only_a_handbook_above_the_threshold_with_built_in_page_templates_goes_in_pieces(
    monkeypatch, tmp_path
):
    dirs = template_dirs(LIB)
    handbook = _manual()
    monkeypatch.setattr(pdfparts, "PIECES_ABOVE", len(handbook.chapters))
    assert not pdfparts.in_pieces(handbook, dirs)
    monkeypatch.setattr(pdfparts, "PIECES_ABOVE", len(handbook.chapters) - 1)
    assert pdfparts.in_pieces(handbook, dirs)
    assert not pdfparts.in_pieces(_manual(kind="role"), dirs)
    assert not pdfparts.in_pieces(_manual(preset="auditor"), dirs)
    own = tmp_path / "templates"
    own.mkdir()
    (own / "manual.css.j2").write_text("/* mine */", "utf-8")
    assert not pdfparts.in_pieces(handbook, template_dirs(LIB, own))
    (own / "manual.css.j2").unlink()
    (own / "role.html.j2").write_text("mine", "utf-8")  # a chapter template: pieces still
    assert pdfparts.in_pieces(handbook, template_dirs(LIB, own))


def test_write_manuals_lays_a_big_handbook_out_in_pieces(monkeypatch, tmp_path):
    calls = []

    def fake(manual, lang, dirs, locate=None):
        calls.append(manual.kind)
        return b"%PDF-pieces"

    monkeypatch.setattr(render_module, "pdf_in_pieces", fake)
    monkeypatch.setattr(pdfparts, "PIECES_ABOVE", 5)
    (path,) = write_manuals(load_library(LIB), tmp_path, combined=True, fmt="pdf", issued=DAY)
    assert calls == ["handbook"] and path.read_bytes() == b"%PDF-pieces"
    monkeypatch.setattr(pdfparts, "PIECES_ABOVE", 6)  # 6 chapters: laid out whole
    (path,) = write_manuals(load_library(LIB), tmp_path, combined=True, fmt="pdf", issued=DAY)
    assert calls == ["handbook"] and path.read_bytes().startswith(b"%PDF-1.")


def test_body_pieces_cover_every_chapter_once_with_each_title_page_once(monkeypatch):
    monkeypatch.setattr(pdfparts, "PIECE_CHAPTERS", 2)
    manual = _manual()
    pieces = pdfparts.body_pieces(manual)
    numbers = [n for p in pieces for n in sorted(p.chapters)]
    assert numbers == [c.number for c in manual.chapters]
    assert [sorted(p.titled) for p in pieces] == [["role"], [], ["procedure"], ["checklist"]]
    assert [p.org_chart for p in pieces] == [True, False, False, False]
    assert [p.closing for p in pieces] == [False, False, False, True]


def test_folios_number_every_page_in_groups(monkeypatch):
    monkeypatch.setattr(pdfparts, "FOLIO_PAGES", 2)
    assert pdfparts.folios("zh-CN", 3) == [
        ("第 1 页 共 3 页", "第 2 页 共 3 页"),
        ("第 3 页 共 3 页",),
    ]
    assert pdfparts.folios("en", 1) == [("Page 1 of 1",)]


def test_without_pypdf_a_big_handbook_asks_for_the_pdf_extra(monkeypatch, tmp_path):
    monkeypatch.setitem(__import__("sys").modules, "pypdf", None)  # import pypdf -> ImportError
    monkeypatch.setattr(pdfparts, "PIECES_ABOVE", 0)
    with pytest.raises(ManualError) as caught:
        write_manuals(load_library(LIB), tmp_path, combined=True, fmt="pdf", issued=DAY)
    assert caught.value.diagnostic.code == "manual-pdf-missing"
    # WeasyPrint is there (an install of the extra from before pypdf was in it): pypdf named
    assert "pypdf" in caught.value.diagnostic.message("en")
    assert "pypdf" in caught.value.diagnostic.message("zh-CN")
    assert list(tmp_path.iterdir()) == []


def test_a_piece_of_long_chapters_is_split_until_it_fits(monkeypatch, tmp_path):
    laid_out, joined = [], []

    def fake_lay_out(html, locate=None, write=True):
        ids = re.findall(r'id="(doc-[^"]+|part-\w+|org-chart|distribution|contents)"', html)
        laid_out.append(ids)
        return pdfparts.LaidOut(b"%PDF", 1, dict.fromkeys(ids, 0))

    monkeypatch.setattr(pdfparts, "lay_out", fake_lay_out)
    monkeypatch.setattr(pdfparts, "join", lambda pieces, feet: joined.append(pieces) or b"%PDF")
    monkeypatch.setattr(pdfparts, "PIECES_ABOVE", 0)
    monkeypatch.setattr(pdfparts, "PIECE_CHAPTERS", 3)
    monkeypatch.setattr(pdfparts, "PIECE_HTML", 1)  # every chapter is "long"
    write_manuals(load_library(LIB), tmp_path, combined=True, fmt="pdf", issued=DAY,
                  controlled=True)  # fmt: skip
    bodies = [ids for ids in laid_out if ids and "contents" not in ids]  # not front, folios
    # one chapter a piece; the title page, org chart and closing where they belong
    assert bodies == [
        ["org-chart", "part-role", "doc-R-TOP"],
        ["doc-R-MID"],
        ["doc-R-NEW"],
        ["part-procedure", "doc-P-1"],
        ["doc-P-OLD"],
        ["part-checklist", "doc-C-1", "distribution"],
    ]
    assert len(joined) == 1 and len(joined[0]) == 7  # the front and six bodies


def test_halves_keep_the_title_page_first_and_the_closing_last():
    piece = pdfparts.Piece("body", frozenset({4, 5, 6}), frozenset({"role"}), True, True)
    first, second = pdfparts.halves(piece)
    assert (sorted(first.chapters), first.titled, first.org_chart, first.closing) == (
        [4], frozenset({"role"}), True, False)  # fmt: skip
    assert (sorted(second.chapters), second.titled, second.org_chart, second.closing) == (
        [5, 6], frozenset(), False, True)  # fmt: skip


def test_contents_whose_length_never_settles_are_laid_out_whole(monkeypatch, tmp_path):
    """Numbers that flip the contents between 2 and 3 pages have no right numbering in
    pieces: the handbook is laid out whole (right numbers), never a traceback."""
    flips = iter([2, 3, 2, 3, 2])

    def lay(piece, write=True):
        return pdfparts.LaidOut(pages=next(flips), pdf=b"", anchors={})

    assert pdfparts._front(lay, {"a": 1}) is None

    monkeypatch.setattr(pdfparts, "PIECES_ABOVE", 5)
    monkeypatch.setattr(pdfparts, "_front", lambda lay, where: None)
    (path,) = write_manuals(load_library(LIB), tmp_path, combined=True, fmt="pdf", issued=DAY)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    pages = text.count("\f")
    assert pages > 1 and f"第{pages}页共{pages}页" in re.sub(r"\s+", "", text)
