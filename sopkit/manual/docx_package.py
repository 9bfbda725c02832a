"""The Word package of a manual: the template's parts, the new body, a header and footer per
section, read and written with :mod:`zipfile` and lxml.

Once the body was written as text, python-docx's package model was most of what was left of
the Word run time: creating a header and footer part per section through it took 0.07 s and
saving 0.06 s, of a 0.15 s handbook. Here the template is unzipped and its style names read
once per run (a template's bytes are the key), its small parts parsed per document; every
section gets a copy of the template's first header and footer (its images' relationships
copied with it) with the placeholders filled; :meth:`Package.save` splices the body text into
the template's ``document.xml`` and writes the package (deflate level 3: a third of level 6's
time for a 20 % larger file). Header and footer runs are filled through python-docx's run
elements, so tabs and line breaks in a placeholder's run come out as before. The result is
the XML python-docx wrote, element for element.
"""

from __future__ import annotations

import copy
import hashlib
import io
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

from sopkit.manual.drawingml import NOT_XML

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}+xml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# the prefixes the body text uses, declared on the document's root as Word declares them; the
# drawings' mc:Choice names "wpg", so it must be in scope wherever the choice is read
BODY_NS = {
    "w": W,
    "r": R,
    "mc": MC,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
IGNORABLE = ("w14", "wp14")  # Word's mc:Ignorable: readers without them skip their attributes
_PLACEHOLDER = re.compile(r"\{(organization|document|control|page_of)\}")
_FIELD = re.compile(r"(\{pages?\})")
_MARK = "sopkit-section-{}"
_BREAK_PARA = (  # the properties of a section's break paragraph, before its w:sectPr
    f'<w:pPr xmlns:w="{W}"><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
    '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr>'
)
_DRAWING_ID = re.compile(rb"<(?:\w+:)?(?:docPr|cNvPr)\b[^>]*?\sid=\"(\d+)\"")
# templates read in this run, by the SHA-1 of their bytes: their parts and style names (a run
# writing 16 role manuals read and parsed the same 0.8 MB of styles 16 times)
_READ: dict[bytes, tuple[dict[str, bytes], dict[str, str]]] = {}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _join(folder: str, target: str) -> str:
    return posixpath.normpath(posixpath.join(folder, target)).lstrip("/")


def _rels_name(part: str) -> str:
    return f"{posixpath.dirname(part)}/_rels/{posixpath.basename(part)}.rels".lstrip("/")


class Package:
    """The Word template at ``path``, read for one document. Errors reading it (not a zip, no
    document part, broken XML) are raised as they are; the writer reports them."""

    def __init__(self, path: str):
        from lxml import etree  # python-docx's own dependency

        self.etree = etree
        data = Path(path).read_bytes()
        key = hashlib.sha1(data).digest()  # the same template read before in this run
        cached = _READ.get(key)
        if cached is None:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                self.parts = {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}
        else:
            self.parts = dict(cached[0])  # the bytes are shared; the dict is this document's
        self.types = etree.fromstring(self.parts["[Content_Types].xml"])
        root_rels = etree.fromstring(self.parts["_rels/.rels"])
        self.main = self._target(root_rels, RT + "officeDocument", "")
        self.core = self._target(root_rels, CORE, "", required=False)
        self.folder = posixpath.dirname(self.main)
        self.rels = etree.fromstring(self.parts[_rels_name(self.main)])
        self.doc = etree.fromstring(self.parts[self.main])
        body = self.doc.find(_w("body"))
        if body is None:
            raise ValueError(f"{self.main} has no body")
        self.sectPr = body.find(_w("sectPr"))
        if self.sectPr is None:
            self.sectPr = etree.SubElement(body, _w("sectPr"))
        self.styles = cached[1] if cached else self._style_names()
        if cached is None:
            if len(_READ) >= 8:
                _READ.clear()
            _READ[key] = (dict(self.parts), self.styles)
        self.masters = {kind: self._master(kind) for kind in ("header", "footer")}
        self.sections: list[tuple[list[str], list[tuple[str, str]]]] = []

    def _style_names(self) -> dict[str, str]:
        """Style id by style name (the first of each name), read from the styles part."""
        names: dict[str, str] = {}
        styles = self._target(self.rels, RT + "styles", self.folder, required=False)
        for style in self.etree.fromstring(self.parts[styles]).iter(_w("style")) if styles else ():
            name = style.find(_w("name"))
            if name is not None:
                names.setdefault(name.get(_w("val")), style.get(_w("styleId")))
        return names

    def _target(self, rels: Any, reltype: str, folder: str, required: bool = True) -> str:
        for rel in rels:
            if rel.get("Type") == reltype and rel.get("TargetMode") != "External":
                return _join(folder, rel.get("Target"))
        if required:
            raise KeyError(f"no part of type {reltype.rsplit('/', 1)[-1]}")
        return ""

    def _master(self, kind: str) -> tuple[str, bytes] | None:
        """The part name and XML of the template's default header or footer."""
        for ref in self.sectPr.iter(_w(f"{kind}Reference")):
            if ref.get(_w("type"), "default") == "default":
                rid = ref.get(f"{{{R}}}id")
                target = next(r.get("Target") for r in self.rels if r.get("Id") == rid)
                name = _join(self.folder, target)
                return name, self.parts[name]
        return None

    # --- what the writer asks ----------------------------------------------------------------

    def style_id(self, name: str) -> str | None:
        """The id of the style named ``name`` (Word's names: "Heading 1"): found as python-docx
        finds it (Word stores "heading 1"), else by the name as written or in any case (a
        template saved by LibreOffice stores "Heading 1"), else by id."""
        from docx.styles import BabelFish

        for key in (BabelFish.ui2internal(name), name):
            if key in self.styles:
                return self.styles[key]
        folded = {k.casefold(): v for k, v in self.styles.items() if k}
        sid = folded.get(name.casefold())
        return sid if sid is not None else (name if name in self.styles.values() else None)

    def first_free_id(self) -> int:
        """An id above every drawing's and shape's in the template's body, headers and footers
        (a logo's): Word wants ``wp:docPr`` ids unique in the document."""
        parts = [self.main] + [m[0] for m in self.masters.values() if m]
        ids = [int(n) for part in parts for n in _DRAWING_ID.findall(self.parts[part])]
        return max(ids, default=0) + 1

    def text_width(self) -> int:
        """The width between the margins of the first section, in twentieths of a point."""
        size, margins = self.sectPr.find(_w("pgSz")), self.sectPr.find(_w("pgMar"))
        width = _twips(size, "w", 11906)  # A4
        left, right = _twips(margins, "left", 1800), _twips(margins, "right", 1800)
        return width - left - right if width > left + right else 11906 - 2 * 1800

    def section(self, values: dict[str, str]) -> list[str]:
        """Start a section; return the list its body text goes into. Its header and footer
        are the template's, placeholders filled; the first section fills the template's own."""
        refs = []
        for kind in ("header", "footer"):
            master = self.masters[kind]
            if master is None:
                continue
            name = master[0] if not self.sections else self._new_part(kind, master[0])
            self.parts[name] = _fill(master[1], values)
            refs.append((kind, self._relate(kind, name) if self.sections else ""))
        body: list[str] = []
        self.sections.append((body, refs))
        return body

    def _new_part(self, kind: str, master: str) -> str:
        n = 1
        while f"{self.folder}/{kind}{n}.xml".lstrip("/") in self.parts:
            n += 1
        name = f"{self.folder}/{kind}{n}.xml".lstrip("/")
        if _rels_name(master) in self.parts:  # the logo and links of the template's header
            self.parts[_rels_name(name)] = self.parts[_rels_name(master)]
        override = self.etree.SubElement(self.types, f"{{{TYPES}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", CONTENT_TYPE.format(kind))
        return name

    def _relate(self, kind: str, name: str) -> str:
        ids = {r.get("Id") for r in self.rels}
        n = 1
        while f"rId{n}" in ids:
            n += 1
        rel = self.etree.SubElement(self.rels, f"{{{PKG_RELS}}}Relationship")
        rel.set("Id", f"rId{n}")
        rel.set("Type", RT + kind)
        rel.set("Target", posixpath.relpath(name, self.folder or "."))
        return f"rId{n}"

    # --- the package -------------------------------------------------------------------------

    def _sect_pr(self, n: int) -> Any:
        """Section ``n``'s properties: the template's, with its own header and footer."""
        sect = copy.deepcopy(self.sectPr)
        if n < len(self.sections) - 1:
            sect.attrib.clear()  # revision ids: the template's stay on its last section
        _, refs = self.sections[n]
        if n == 0:
            return sect
        for old in sect.findall(_w("headerReference")) + sect.findall(_w("footerReference")):
            sect.remove(old)
        for old in sect.findall(_w("type")):  # a new page, Word's default
            sect.remove(old)
        for i, (kind, rid) in enumerate(refs):
            ref = self.etree.Element(_w(f"{kind}Reference"))
            ref.set(_w("type"), "default")
            ref.set(f"{{{R}}}id", rid)
            sect.insert(i, ref)
        return sect

    def document_xml(self) -> bytes:
        """``document.xml``: the template's, its body replaced by the sections."""
        etree = self.etree
        root = _declared(etree, copy.deepcopy(self.doc))
        body = root.find(_w("body"))
        body.clear()
        last = len(self.sections) - 1
        for n in range(last + 1):
            body.append(etree.Comment(_MARK.format(n)))
            if n < last:
                props = etree.SubElement(etree.SubElement(body, _w("p")), _w("pPr"))
                props.extend(etree.fromstring(_BREAK_PARA))  # 1 pt high: no page of its own
                props.append(self._sect_pr(n))
        body.append(self._sect_pr(max(last, 0)))
        text = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        pieces = text.decode("utf-8").split("<!--" + _MARK.format("").rstrip())
        out = [pieces[0]]
        for piece in pieces[1:]:
            n, rest = piece.split("-->", 1)
            out += ["".join(self.sections[int(n)][0]), rest]
        return "".join(out).encode("utf-8")

    def save(self, title: str, author: str) -> bytes:
        """The package's bytes."""
        self.parts[self.main] = self.document_xml()
        self.parts[_rels_name(self.main)] = _xml(self.etree, self.rels)
        self.parts["[Content_Types].xml"] = _xml(self.etree, self.types)
        if self.core and self.core in self.parts:
            self.parts[self.core] = self._core(title, author)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=3) as z:
            z.writestr("[Content_Types].xml", self.parts["[Content_Types].xml"])
            for name, data in self.parts.items():
                if name != "[Content_Types].xml":
                    z.writestr(name, data)
        return out.getvalue()

    def _core(self, title: str, author: str) -> bytes:
        core = self.etree.fromstring(self.parts[self.core])
        for name, value in (("title", title), ("creator", author)):
            node = core.find(f"{{{DC}}}{name}")
            if node is None:
                node = self.etree.SubElement(core, f"{{{DC}}}{name}")
            node.text = value
        return _xml(self.etree, core)


def _declared(etree: Any, root: Any) -> Any:
    """The document root with the body text's prefixes (:data:`BODY_NS`) declared and ``w14
    wp14`` in its ``mc:Ignorable`` (a template saved by LibreOffice declares neither)."""
    if any(root.nsmap.get(k) != v for k, v in BODY_NS.items()):
        shell = etree.Element(root.tag, nsmap={**root.nsmap, **BODY_NS})
        for key, value in root.attrib.items():
            shell.set(key, value)
        shell.extend(list(root))
        root = shell
    ignorable = f"{{{MC}}}Ignorable"
    prefixes = root.get(ignorable, "").split()
    root.set(ignorable, " ".join(prefixes + [p for p in IGNORABLE if p not in prefixes]))
    return root


def _xml(etree: Any, element: Any) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


_UNITS = {"mm": 56.6929, "cm": 566.929, "in": 1440, "pt": 20, "pc": 240, "pi": 240}


def _twips(element: Any, name: str, default: int) -> int:
    """A length attribute of the section's page in twentieths of a point: a number of twips,
    or a universal measure (``21cm``, ``1in``) as ISO 29500 allows; ``default`` otherwise."""
    value = element.get(_w(name)) if element is not None else None
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)?\s*", value or "")
    if match is None:
        return default
    return round(float(match.group(1)) * _UNITS.get(match.group(2) or "", 1))


def _fill(xml: bytes, values: dict[str, str]) -> bytes:
    """A header or footer with ``{organization}``, ``{document}``, ``{control}`` filled and
    ``{page_of}`` made of text and PAGE / NUMPAGES fields."""
    from docx.oxml import parse_xml

    root = parse_xml(xml)
    for para in root.iter(_w("p")):
        runs = para.findall(_w("r"))
        text = "".join(r.text for r in runs)
        if "{" not in text or not _PLACEHOLDER.search(text):
            continue
        filled = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
        runs[0].text = NOT_XML.sub("\ufffd", filled)
        for run in runs[1:]:
            para.remove(run)
        if "{page_of}" in text:
            _page_fields(runs[0])
    from lxml import etree

    return _xml(etree, root)


def _page_fields(run: Any) -> None:
    """Split the run holding ``{page}`` / ``{pages}`` into text and PAGE/NUMPAGES fields."""
    from docx.oxml import OxmlElement

    for part in _FIELD.split(run.text):
        if not part:
            continue
        if part in ("{page}", "{pages}"):
            node = OxmlElement("w:fldSimple")
            node.set(_w("instr"), " PAGE " if part == "{page}" else " NUMPAGES ")
            node.append(_run_like(run, "1"))
        else:
            node = _run_like(run, part)
        run.addprevious(node)
    run.getparent().remove(run)


def _run_like(run: Any, text: str) -> Any:
    """A copy of ``run`` (its formatting) holding ``text``."""
    from docx.oxml import OxmlElement

    node = copy.deepcopy(run)
    for child in list(node):
        if child.tag != _w("rPr"):
            node.remove(child)
    t = OxmlElement("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    node.append(t)
    return node
