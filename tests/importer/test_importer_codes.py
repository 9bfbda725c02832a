"""Import codes no other test reached (found by the every-code guard in tests/conftest.py):
a text file too large to be a document, and a password-protected Word file."""

from __future__ import annotations

import io
import shutil

import pytest

from sopkit.importer import import_files
from sopkit.importer.read import MAX_TEXT_BYTES


def test_a_text_file_too_large_to_be_a_document_is_named(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("岗位职责\n" * (MAX_TEXT_BYTES // 10), "utf-8")
    result = import_files([big], tmp_path / "lib", None, lang="en")
    assert [(d.code, d.location.file) for d in result.report.diagnostics] == [
        ("import-too-large", str(big))
    ]
    assert not (tmp_path / "lib").exists()


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
def test_a_password_protected_word_file_is_a_failed_conversion(tmp_path):
    docx = pytest.importorskip("docx", reason="python-docx")
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml", reason="msoffcrypto-tool (dev)")
    plain = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("岗位说明书")
    document.save(plain)
    plain.seek(0)
    locked = io.BytesIO()
    ooxml.OOXMLFile(plain).encrypt("secret", locked)
    path = tmp_path / "locked.doc"
    path.write_bytes(locked.getvalue())
    result = import_files([path], tmp_path / "lib", None, lang="en")
    assert [d.code for d in result.report.diagnostics] == ["import-doc-failed"]
