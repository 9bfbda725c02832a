"""Input files → lines of text, each with where it came from.

Files from other people's machines are the normal case: GBK text, UTF-16 from Notepad, a
.docx renamed .doc, a .doc, an empty file. The file type is taken from the first bytes, not
the name. Every failure is an :class:`ImportProblem` carrying one diagnostic.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sopkit.diagnostics import Diagnostic, Location, Severity

MAX_FILE_BYTES = 20 * 1024 * 1024  # a 岗位说明书 is kilobytes; a 20 MB .docx is mostly pictures
MAX_TEXT_BYTES = 2 * 1024 * 1024  # text files: ~700,000 Chinese characters
MAX_UNZIPPED = 60 * 1024 * 1024  # everything a .docx may expand to
MAX_ENTRIES = 2000
DOC_TIMEOUT = 120  # seconds LibreOffice may take to convert one .doc

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, encrypted .docx
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of source text. ``where`` is shown in comments: ``L12`` (line 12 of a text
    file), ``¶12`` (paragraph 12 of a Word file), ``T1!B2`` (table 1, column B, row 2).
    ``level`` is the level of Word's own auto-numbering (``numPr``), else ``None``."""

    text: str
    where: str
    line: int | None = None
    level: int | None = None


class ImportProblem(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def problem(path: str, code: str, **args) -> ImportProblem:
    return ImportProblem(Diagnostic(code, Location(path), args, Severity.ERROR))


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def read_lines(path: Path, shown: str) -> tuple[list[Line], list[Diagnostic]]:
    """The lines of ``path`` (.docx, .doc, .txt, .md, whatever its name says) and notices."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise problem(shown, "import-too-large", size=_size(size), limit=_size(MAX_FILE_BYTES))
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise problem(shown, "import-unreadable", error=exc.strerror or str(exc)) from None
    if size == 0:
        raise problem(shown, "import-empty")
    if head.startswith(ZIP_MAGIC):
        from sopkit.importer.word import docx_lines

        lines, notes = docx_lines(path, shown), []
    elif head.startswith(OLE_MAGIC):
        lines, notes = _doc_lines(path, shown), []
    else:
        lines, notes = _text_lines(path, shown, size)
    if not any(line.text.strip() for line in lines):
        raise problem(shown, "import-empty")
    return lines, notes


BINARY_HINTS = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"{\\rtf")


def _text_lines(path: Path, shown: str, size: int) -> tuple[list[Line], list[Diagnostic]]:
    if size > MAX_TEXT_BYTES:
        raise problem(shown, "import-too-large", size=_size(size), limit=_size(MAX_TEXT_BYTES))
    raw = path.read_bytes()
    if raw.startswith(BINARY_HINTS):
        raise problem(shown, "import-unsupported", kind=raw[:5].decode("latin-1").strip("{\\%"))
    text, encoding = decode_text(raw)
    if text is None:
        raise problem(shown, "import-unsupported", kind="binary")
    notes = []
    if encoding not in ("utf-8", "utf-8-sig"):
        notes.append(
            Diagnostic("import-encoding", Location(shown), {"encoding": encoding}, Severity.WARNING)
        )
    lines = [Line(t, f"L{n}", line=n) for n, t in enumerate(text.splitlines(), 1) if t.strip()]
    return lines, notes


def decode_text(raw: bytes) -> tuple[str | None, str]:
    """Text in UTF-8 (BOM or not), UTF-16 with a BOM, or GB18030 (which covers GBK and
    GB2312); ``None`` for bytes that are no text in any of them."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), "UTF-16"
    for encoding in ("utf-8", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            return None, encoding
        return text, encoding
    return None, "binary"


def _doc_lines(path: Path, shown: str) -> list[Line]:
    """A Word 97–2003 .doc, converted to .docx by LibreOffice in a private folder."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise problem(shown, "import-doc-needs-libreoffice")
    from sopkit.importer.word import docx_lines

    with tempfile.TemporaryDirectory(prefix="sopkit-doc-") as tmp:
        source = Path(tmp) / "in.doc"
        shutil.copyfile(path, source)  # LibreOffice never touches the user's file
        profile = Path(tmp, "profile").as_uri()  # its own profile: a running LibreOffice
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(source)]  # fmt: skip
        try:
            subprocess.run(cmd, capture_output=True, timeout=DOC_TIMEOUT, check=False,
                           stdin=subprocess.DEVNULL, env={**os.environ, "HOME": tmp})  # fmt: skip
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise problem(shown, "import-doc-failed", error=str(exc)) from None
        out = Path(tmp) / "in.docx"
        if not out.is_file():
            raise problem(shown, "import-doc-failed", error="no .docx written")
        return docx_lines(out, shown)


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
        raise problem(shown, "import-zip-bomb", limit=_size(MAX_UNZIPPED))
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
