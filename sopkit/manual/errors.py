"""The one error a manual command raises: it carries a diagnostic and means exit 2."""

from __future__ import annotations

from sopkit.diagnostics import Diagnostic

PDF_INSTALL = 'pip install "sopkit[pdf]"'


class ManualError(Exception):
    """A manual could not be produced (a template, an option, the PDF extra, a font): exit 2."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


DOCX_INSTALL = 'pip install "sopkit[docx]"'
