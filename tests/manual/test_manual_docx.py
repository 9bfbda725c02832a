"""Word manuals: golden text of the document, LibreOffice Writer round trip, the template.

The golden files hold the text a reader sees, part by part (headers and footers, then the body
with tables as ``cell | cell`` rows). Regenerate after a deliberate change with
``SOPKIT_UPDATE_GOLDEN=1 python -m pytest tests/manual/test_manual_docx.py`` and review the diff.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from sopkit.app import load_library
from sopkit.manual.render import ManualError, write_manuals
from tests.conftest import SOPS, write_tree
from tests.manual.test_manual import DAY, GOLDEN, JINJA, LIB, UPDATE, XSS

etree = pytest.importorskip("lxml.etree")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _para_text(p) -> str:
    boxes = list(p.iter(W + "txbxContent"))
    if boxes:  # a diagram drawn as Word shapes: the text of each shape, in drawing order
        return "[diagram] " + " | ".join(
            " ".join(_para_text(q) for q in box.iter(W + "p")) for box in boxes
        )
    out = []
    for node in p.iter():
        if node.tag == W + "t":
            out.append(node.text or "")
        elif node.tag == W + "br":
            out.append("⏎")
        elif node.tag == W + "tab" and node.getparent().tag == W + "r":
            out.append(" ⇥ ")
        elif node.tag == W + "fldSimple":
            out.append("{" + node.get(W + "instr").strip() + "}")
            for t in node.iter(W + "t"):  # the field's cached result is not the reader's text
                t.text = ""
    return "".join(out)


def docx_text(data: bytes) -> str:
    """The text of a .docx as a reader sees it: headers/footers, then the body."""
    lines = []
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        names = [n for n in z.namelist() if re.match(r"word/(header|footer)\d*\.xml$", n)]
        names.sort(key=lambda n: (n[5], int(re.sub(r"\D", "", n) or 0)))
        for name in names:
            root = etree.fromstring(z.read(name))
            text = " / ".join(_para_text(p) for p in root.iter(W + "p") if _para_text(p))
            lines.append(f"[{name.split('/')[1].split('.')[0].rstrip('0123456789')}] {text}")
        body = etree.fromstring(z.read("word/document.xml")).find(W + "body")
        for el in body:
            if el.tag == W + "p":
                text = _para_text(el)
                if text:
                    lines.append(text)
                if el.find(f"{W}pPr/{W}sectPr") is not None:
                    lines.append("---- section ----")
            elif el.tag == W + "tbl":
                for tr in el.iter(W + "tr"):
                    cells = [
                        " ⏎ ".join(_para_text(p) for p in tc.iter(W + "p"))
                        for tc in tr.iter(W + "tc")
                    ]
                    lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _write(tmp_path: Path, lib: Path = LIB, **kw) -> Path:
    kw.setdefault("issued", DAY)
    paths = write_manuals(load_library(lib), tmp_path / "out", fmt="docx", **kw)
    return paths[0]


def _own_template(lib: Path, part: str, edit) -> None:
    """``lib/templates/manual.docx``: the built-in template with ``edit(bytes)`` applied to
    ``part`` (a company's own copy, saved by another program)."""
    builtin = Path(__file__).resolve().parents[2] / "templates/manual.docx"
    (lib / "templates").mkdir()
    with (
        zipfile.ZipFile(builtin) as src,
        zipfile.ZipFile(lib / "templates/manual.docx", "w") as out,
    ):
        for item in src.infolist():
            data = src.read(item)
            out.writestr(item, edit(data) if item.filename == part else data)


@pytest.mark.parametrize(
    ("name", "kw"),
    [
        ("R-MID.docx.txt", {"roles": ["R-MID"]}),
        ("R-MID.en.docx.txt", {"roles": ["R-MID"], "lang": "en"}),
        ("handbook.docx.txt", {"combined": True}),
    ],
)
def test_golden_docx_text(name, kw, tmp_path):
    text = docx_text(_write(tmp_path, **kw).read_bytes())
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(text, encoding="utf-8", newline="\n")
    assert golden.is_file(), f"run SOPKIT_UPDATE_GOLDEN=1 pytest {__file__} to create {name}"
    assert text == golden.read_text(encoding="utf-8"), f"{name} differs; regenerate if intended"


def test_every_section_of_the_html_is_in_the_docx(tmp_path):
    text = docx_text(_write(tmp_path, roles=["R-MID"]).read_bytes())
    for heading in (
        "基本信息",
        "工作概要",
        "工作内容",
        "关键绩效指标",
        "工作关系",
        "任职资格",
        "修订记录",
        "管理内容",
        "相关作业记录",
        "编制",
        "审核",
        "批准",
        "培训签收",
    ):
        assert heading in text, heading
    assert "本岗位" in text  # the reader's own steps are marked
    assert "{PAGE}" in text and "{NUMPAGES}" in text
    assert "复审周期 | 一年" in text  # durations in words, not 1y


def test_diagrams_are_word_drawings_with_their_text(tmp_path):
    data = _write(tmp_path, combined=True).read_bytes()
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        pictures = [n for n in z.namelist() if n.startswith("word/media/")]
        body = z.read("word/document.xml").decode()
    # the org chart, a chain per role (3), a flowchart page per procedure (2): groups of
    # shapes, not pictures; their labels are text a reviewer can edit and search
    assert not pictures
    assert body.count("<wpg:wgp>") >= 6
    text = docx_text(data)
    assert "[diagram] 前台客服专员 R-NEW | 客服领班 R-MID | 客服经理 R-TOP" in text, text


MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


@pytest.mark.parametrize("bare_root", [False, True])
def test_diagrams_are_wrapped_and_declared_as_word_writes_them(bare_root, tmp_path):
    """Word 2010+ writes a wpg group inside mc:AlternateContent (Choice Requires="wpg", a
    Fallback for readers without it) and declares the prefixes on w:document, w14 and wp14
    ignorable; a template whose root declares only w and r (a minimal or converted one) too."""
    from sopkit.manual.docx_package import BODY_NS

    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)
    if bare_root:
        root = f'<w:document xmlns:w="{BODY_NS["w"]}" xmlns:r="{BODY_NS["r"]}">'.encode()
        _own_template(lib, "word/document.xml",
                      lambda data: re.sub(rb"<w:document [^>]*>", root, data))  # fmt: skip
    data = _write(tmp_path, lib=lib, combined=True).read_bytes()
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        text = z.read("word/document.xml")
    root = etree.fromstring(text)
    assert text.startswith(b"<?xml") and root.tag == W + "document"
    for prefix in ("mc", "wp", "wp14", "w14", "wpg", "wps"):
        assert root.nsmap.get(prefix) == BODY_NS[prefix], prefix
    assert {"w14", "wp14"} <= set(root.get(MC + "Ignorable").split())
    drawings = list(root.iter(W + "drawing"))
    assert len(drawings) >= 6
    for drawing in drawings:  # w:r / mc:AlternateContent / mc:Choice Requires="wpg" / w:drawing
        choice = drawing.getparent()
        alternate = choice.getparent()
        assert choice.tag == MC + "Choice" and choice.get("Requires") == "wpg"
        assert alternate.tag == MC + "AlternateContent" and alternate.getparent().tag == W + "r"
        assert [c.tag for c in alternate] == [MC + "Choice", MC + "Fallback"]
        assert alternate.find(f"{MC}Fallback/{W}t").text.startswith("[")
        assert drawing[0].tag.endswith("}inline")  # flows with its paragraph


def test_text_from_yaml_is_text(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)
    path = lib / "roles" / "R-MID.yaml"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("summary: ", f"summary: '{XSS} {JINJA} & <w:p/> '\n  # ", 1),
                    encoding="utf-8")  # fmt: skip
    text = docx_text(_write(tmp_path, lib=lib, roles=["R-MID"]).read_bytes())
    assert f"{XSS} {JINJA} & <w:p/>" in text


def test_library_word_template_overrides_the_builtin_one(tmp_path):
    import docx

    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)
    template = docx.Document(str(Path(__file__).resolve().parents[2] / "templates/manual.docx"))
    template.sections[0].header.paragraphs[0].text = "OUR LOGO {organization} · {document}"
    (lib / "templates").mkdir()
    template.save(str(lib / "templates" / "manual.docx"))
    text = docx_text(_write(tmp_path, lib=lib, roles=["R-MID"]).read_bytes())
    assert "[header] OUR LOGO 测试物业服务有限公司 · R-MID  版本 1.1" in text


def test_a_template_changed_between_two_manuals_of_one_run_is_read_again(tmp_path):
    """The template is read once per run, keyed by its bytes: a changed file is read anew,
    and a manual written from the cached template is the same as the first one."""
    import docx

    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)
    builtin = Path(__file__).resolve().parents[2] / "templates/manual.docx"
    (lib / "templates").mkdir()
    texts = []
    for n, mark in enumerate(("FIRST", "SECOND", "")):  # "": the same file once more
        if mark:
            template = docx.Document(str(builtin))
            template.sections[0].header.paragraphs[0].text = f"{mark} {{document}}"
            template.save(str(lib / "templates" / "manual.docx"))
        texts.append(docx_text(_write(tmp_path / str(n), lib=lib, roles=["R-MID"]).read_bytes()))
    assert "[header] FIRST R-MID" in texts[0] and "FIRST" not in texts[1]
    assert "[header] SECOND R-MID" in texts[1] and texts[2] == texts[1]


def _red_png(width: int, height: int) -> bytes:
    """A plain red PNG written by hand (zlib + CRCs)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + b"\xff\0\0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_a_logo_in_the_template_header_is_in_every_sections_header(tmp_path):
    import docx

    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)
    logo = tmp_path / "logo.png"
    logo.write_bytes(_red_png(40, 20))  # Word output needs no Pillow, nor does its test
    template = docx.Document(str(Path(__file__).resolve().parents[2] / "templates/manual.docx"))
    template.sections[0].header.add_paragraph().add_run().add_picture(str(logo))
    (lib / "templates").mkdir()
    template.save(str(lib / "templates" / "manual.docx"))
    data = _write(tmp_path, lib=lib, roles=["R-MID"]).read_bytes()
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        headers = [n for n in z.namelist() if re.match(r"word/header\d+\.xml$", n)]
        assert len(headers) >= 3  # cover, job description, procedures, sign-off ...
        for name in headers:
            rid = re.search(r'r:embed="([^"]+)"', z.read(name).decode()).group(1)
            rels = z.read(f"word/_rels/{name[5:]}.rels").decode()
            target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels).group(1)
            assert z.read(f"word/{target}")[:4] == b"\x89PNG", name
        ids = re.compile(rb'<(?:wp:docPr|pic:cNvPr|wps:cNvPr)[^>]*? id="(\d+)"')
        logo = {int(n) for n in ids.findall(z.read(headers[0]))}
        drawn = [int(n) for n in ids.findall(z.read("word/document.xml"))]
    assert logo and drawn and min(drawn) > max(logo)  # Word wants drawing ids unique


def test_a_template_saved_by_libreoffice_finds_its_heading_styles(tmp_path):
    """LibreOffice stores Word's "heading 1" as "Heading 1"; python-docx's lookup missed it."""
    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)
    upper = (rb'w:val="heading (\d)"', rb'w:val="Heading \1"')
    _own_template(lib, "word/styles.xml", lambda xml: re.sub(*upper, xml))
    text = docx_text(_write(tmp_path, lib=lib, roles=["R-MID"]).read_bytes())
    assert "1. 基本信息" in text and "{PAGE}" in text


def test_a_broken_word_template_is_a_plain_error(tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)
    write_tree(lib, {"templates/manual.docx": "not a word file"})
    with pytest.raises(ManualError) as err:
        _write(tmp_path, lib=lib, roles=["R-MID"])
    assert err.value.diagnostic.code == "manual-template"
    assert err.value.diagnostic.location.file.endswith("manual.docx")


# --- LibreOffice Writer: the real client -------------------------------------------------------

needs_writer = pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice Writer")


def _to_pdf(docx_path: Path) -> Path:
    out = docx_path.parent / "pdf"
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{out}/profile",
         "--convert-to", "pdf", "--outdir", str(out), str(docx_path)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    pdf = out / (docx_path.stem + ".pdf")
    if not pdf.is_file():
        pytest.skip("LibreOffice has no Writer (install libreoffice-writer-nogui)")
    return pdf


def _pdftext(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout  # fmt: skip


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))


@needs_writer
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_libreoffice_writer_lays_out_the_manual_with_page_numbers(tmp_path):
    pdf = _to_pdf(_write(tmp_path, roles=["R-MID"], controlled=True, copies=2))
    pages = _pages(pdf)
    assert pages >= 4
    for page in (1, pages):
        text = re.sub(r"\s+", "", _pdftext(pdf, page))
        assert f"第{page}页共{pages}页" in text, text[-80:]
        assert "受控·分发号001" in text
    everything = re.sub(r"\s+", "", _pdftext(pdf))
    for words in (
        "客服领班",
        "岗位说明书·R-MID",
        "基本信息",
        "培训签收",
        "本人已阅读并理解上述文件",
        "发放记录",
        "R-MID版本1.1",
    ):
        assert words in everything, words


@needs_writer
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_libreoffice_writer_english_handbook_of_the_bundled_library(tmp_path):
    path = _write(tmp_path, lib=SOPS, combined=True, lang="en")
    pdf = _to_pdf(path)
    pages = _pages(pdf)
    assert f"Page {pages} of {pages}" in _pdftext(pdf, pages)
    assert "Uncontrolled" in _pdftext(pdf, 1)


def _titles(data: bytes) -> tuple[set[str], list[str]]:
    """The body's headings and captions (a heading style, all runs bold, or kept with the
    next paragraph), spaces removed; and each flowchart's first lane title."""
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(W + "body")
    titles, lanes = set(), []
    paras = [p for p in body if p.tag == W + "p"]
    for n, p in enumerate(paras):
        text = re.sub(r"\s+", "", _para_text(p))
        style = p.find(f"{W}pPr/{W}pStyle")
        runs = p.findall(W + "r")
        bold = bool(runs) and all(r.find(f"{W}rPr/{W}b") is not None for r in runs)
        heading = style is not None and style.get(W + "val").startswith("Heading")
        if (
            text
            and not text.startswith("[diagram]")
            and (heading or bold or p.find(f"{W}pPr/{W}keepNext") is not None)
        ):
            titles.add(text)
        if text == "流程图":
            lane = next(paras[n + 1].iter(W + "txbxContent"))
            lanes.append("".join(t.text for t in lane.iter(W + "t")).replace(" ", ""))
    return titles, lanes


@needs_writer
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_libreoffice_writer_keeps_headings_and_captions_with_what_follows(tmp_path):
    """No page of the bundled library's handbook ends with a heading or a caption (the 流程图
    caption used to end the page before its page-high flowchart), and none is blank (a table
    ending at the foot of a page pushed its section's break onto a page of its own)."""
    path = _write(tmp_path, lib=SOPS, combined=True)
    titles, lanes = _titles(path.read_bytes())
    assert "流程图" in titles and "4.管理内容" in titles and len(lanes) >= 3
    pages = _pdftext(_to_pdf(path)).removesuffix("\f").split("\f")  # one per page
    for n, page in enumerate(pages, 1):
        lines = [re.sub(r"\s+", "", line) for line in page.splitlines()]
        lines = [x for x in lines if x and not re.fullmatch(r"第\d+页共\d+页", x)]
        assert len(lines) > 3, (n, "a page with nothing but its header", lines)
        assert lines[-1] not in titles, (n, lines[-3:])
    with_caption = [re.sub(r"\s+", "", p) for p in pages if re.search(r"^\s*流程图\s*$", p, re.M)]
    assert len(with_caption) == len(lanes)
    for page, lane in zip(with_caption, lanes, strict=True):  # the caption, then its lanes
        assert lane in page.split("流程图", 1)[1], lane


def test_docx_without_the_extra_exits_2_with_the_install_command(tmp_path, monkeypatch):
    import sys

    from typer.testing import CliRunner

    from sopkit.cli import app

    monkeypatch.setitem(sys.modules, "docx", None)  # import docx -> ImportError
    result = CliRunner().invoke(
        app, ["manual", str(LIB), "--role", "R-MID", "-f", "docx", "-o", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert 'pip install "sopkit[docx]"' in result.stderr
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("size", "margins"),
    [
        ('w:w="21cm" w:h="29.7cm"', 'w:right="18mm" w:left="18mm"'),  # ISO 29500 measures
        ('w:h="16838"', 'w:right="x" w:left="1020"'),  # no width; a margin that is no length
    ],
)
def test_a_company_template_with_odd_page_lengths_still_fits_the_diagrams(tmp_path, size, margins):
    lib = tmp_path / "lib"
    shutil.copytree(LIB, lib)

    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb"<w:pgSz [^>]*/>", f"<w:pgSz {size}/>".encode(), xml)
        return re.sub(rb'w:right="1020" w:bottom="1134" w:left="1020"',
                      f'{margins} w:bottom="1134"'.encode(), xml)  # fmt: skip

    _own_template(lib, "word/document.xml", edit)
    data = _write(tmp_path, lib=lib, combined=True).read_bytes()
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
    widths = [int(w) for w in re.findall(r'<wp:extent cx="(\d+)"', body)]
    # Every diagram fits between A4's margins (17.4 cm, in EMU) whatever the template wrote.
    assert widths and max(widths) <= 17.4 * 360000


def test_a_control_character_in_the_header_values_is_never_invalid_xml(tmp_path):
    from lxml import etree

    from sopkit.manual.docx_package import BODY_NS, _fill

    header = (
        f'<w:hdr xmlns:w="{BODY_NS["w"]}"><w:p><w:r><w:t>{{organization}}</w:t></w:r></w:p></w:hdr>'
    ).encode()
    filled = _fill(header, {"organization": "锦华\x07物业\x00"})
    text = "".join(etree.fromstring(filled).itertext())
    assert text == "锦华\ufffd物业\ufffd"


@needs_writer
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_english_labels_of_the_control_table_fit_on_one_line(tmp_path):
    """ "Document no." and "Review every" wrapped onto two lines in LibreOffice (new-user trial)."""
    pdf = _to_pdf(_write(tmp_path, roles=["R-MID"], lang="en"))
    lines = [line.strip() for line in _pdftext(pdf).splitlines()]
    for label in ("Document no.", "Review every"):
        assert label in lines, label
