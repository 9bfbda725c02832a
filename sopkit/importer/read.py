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
from pathlib import Path

from sopkit.diagnostics import Diagnostic, Location, Severity
from sopkit.importer.base import Line, problem, size_text
from sopkit.importer.word import docx_lines

MAX_FILE_BYTES = 20 * 1024 * 1024  # a 岗位说明书 is kilobytes; a 20 MB .docx is mostly pictures
MAX_TEXT_BYTES = 2 * 1024 * 1024  # text files: ~700,000 Chinese characters
DOC_TIMEOUT = 120  # seconds LibreOffice may take to convert one .doc

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, encrypted .docx
ZIP_MAGIC = b"PK\x03\x04"


def read_lines(path: Path, shown: str) -> tuple[list[Line], list[Diagnostic]]:
    """The lines of ``path`` (.docx, .doc, .txt, .md, whatever its name says) and notices."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise problem(
                shown, "import-too-large", size=size_text(size), limit=size_text(MAX_FILE_BYTES)
            )
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise problem(shown, "import-unreadable", error=exc.strerror or str(exc)) from None
    if size == 0:
        raise problem(shown, "import-empty")
    if head.startswith(ZIP_MAGIC):
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
        raise problem(
            shown, "import-too-large", size=size_text(size), limit=size_text(MAX_TEXT_BYTES)
        )
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
