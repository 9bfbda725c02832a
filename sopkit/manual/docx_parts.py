"""What a Word manual holds, section by section, as in the HTML templates.

Each function writes one part through a :class:`~sopkit.manual.docx.Writer`: the cover, a job
description, a work instruction (the reader's own steps marked), a blank checklist, the
distribution record of a controlled copy and the training sign-off page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sopkit.manual.diagrams import Diagram
from sopkit.manual.docx import Writer, docx_template
from sopkit.manual.docx_role import fmt as _fmt
from sopkit.manual.docx_role import write_checklist, write_procedure, write_role
from sopkit.manual.view import (
    ChecklistView,
    Manual,
    ProcedureView,
    RoleView,
    duration_text,
)

Figure = Callable[[str, Any], "list[tuple[Diagram, str]]"]  # (kind, view) -> layouts, names


class Parts:
    """The parts of one manual, written into ``w`` with the labels ``L``."""

    def __init__(self, w: Writer, manual: Manual, lang: str, figure: Figure | None = None):
        self.w, self.m, self.L, self.lang = w, manual, w.L, lang
        self.figure = figure
        self.sep = self.L["manual_list_sep"]

    def docref(self, doc: Any) -> str:
        return _fmt(self.L["manual_docref"], id=doc.id, version=doc.version)

    # --- cover and chapters --------------------------------------------------------------

    def cover(self, heading: str, subtitle: str) -> None:
        w, L, m = self.w, self.L, self.m
        w.section(heading)
        for _ in range(4):
            w.para()
        if m.organization:
            w.para(m.organization, style="Subtitle")
        w.para(heading, style="Title")
        w.para(subtitle, style="Subtitle")
        w.para(self._control_mark(), style="Subtitle")
        rows = []
        if m.department and m.kind == "role":
            rows.append((L["manual_department"], m.department))
        rows.append((L["manual_issued"], str(m.issued)))
        w.table(rows, widths=(1, 3), labels=(0,))
        w.heading(L["manual_documents"], 2)
        w.table(
            [
                (d.id, d.title, L[f"manual_kind_{d.kind}"], d.version, str(d.effective),
                 L[f"manual_status_{d.status}"])
                for d in m.documents
            ],
            widths=(20, 35, 16, 10, 15, 9),
            header=[L[k] for k in ("manual_doc_id", "manual_doc_title", "manual_doc_kind",
                                   "manual_version", "manual_effective", "manual_status")],
        )  # fmt: skip
        if self.figure and m.kind == "handbook":
            self._figure("org", m, L["manual_org_chart"])

    def _control_mark(self) -> str:
        if self.m.controlled and self.m.copy:
            return _fmt(self.L["manual_controlled_copy"], copy=self.m.copy.label)
        return self.L["manual_uncontrolled"]

    def _figure(self, kind: str, view: Any, title: str) -> None:
        drawings = self.figure(kind, view) if self.figure else []
        if drawings:
            self.w.heading(title, 2)
        for d, label in drawings:
            self.w.diagram(d, label, width_mm=170)

    def doc_head(self, doc: Any, number: int) -> None:
        w, L = self.w, self.L
        w.section(self.docref(doc))
        w.para(f"{L['manual_kind_' + doc.kind]} · {doc.id}", style="sopkit Small", keep=True)
        w.heading(f"{number}  {doc.title}", 1)
        if doc.status != "active":
            w.para(L[f"manual_banner_{doc.status}"], bold=True)
        self.control_block(doc)

    def control_block(self, doc: Any) -> None:
        w, L = self.w, self.L
        a = doc.approval
        none = L["manual_none"]
        review = duration_text(doc.review_every, self.lang) or none
        w.table(
            [
                (L["manual_doc_id"], _doc_no(doc), L["manual_version"], doc.version,
                 L["manual_effective"], str(doc.effective)),
                (L["manual_status"], L[f"manual_status_{doc.status}"], L["manual_owner"],
                 doc.owner or none, L["manual_review_every"], review),
            ],
            widths=(15, 17, 10, 18, 15, 19),  # "Document no." and "Review every" on one line
            labels=(0, 2, 4),
        )  # fmt: skip

        def val(name: str) -> str:
            value = getattr(a, name, None) if a else None
            return "" if value is None else str(value)

        w.table(
            [
                (L["manual_name"], val("prepared_by"), val("reviewed_by"), val("approved_by")),
                (L["manual_signature"], "", "", ""),
                (L["manual_date"], "", val("reviewed_on"), val("approved_on")),
            ],
            widths=(1, 2, 2, 2),
            header=["", L["manual_prepared"], L["manual_reviewed"], L["manual_approved"]],
            labels=(0,),
        )

    def part(self, title: str) -> None:
        self._part += 1
        self.w.heading(f"{self._part}. {title}", 2)

    def revisions(self, doc: Any) -> None:
        if not doc.revisions:
            return
        L = self.L
        self.w.heading(L["manual_revisions"], 2)
        self.w.table(
            [(r.version, str(r.date), r.author or "", r.changes) for r in doc.revisions],
            widths=(14, 16, 16, 54),
            header=[L["manual_version"], L["manual_date"], L["manual_rev_author"],
                    L["manual_rev_changes"]],
        )  # fmt: skip

    def role(self, rv: RoleView, number: int) -> None:
        self._part = 0
        self.doc_head(rv.doc, number)
        write_role(self, rv)
        self.revisions(rv.doc)

    def procedure(self, pv: ProcedureView, number: int) -> None:
        self._part = 0
        self.doc_head(pv.doc, number)
        write_procedure(self, pv)
        self.revisions(pv.doc)

    def checklist(self, cv: ChecklistView, number: int) -> None:
        self._part = 0
        self.doc_head(cv.doc, number)
        write_checklist(self, cv)
        self.revisions(cv.doc)

    # --- closing pages -------------------------------------------------------------------

    def distribution(self) -> None:
        """发放记录: one row per numbered copy, with signature and date."""
        w, L, m = self.w, self.L, self.m
        w.section(L["manual_distribution"])
        w.heading(L["manual_distribution"], 1)
        w.para(_fmt(L["manual_distribution_note"], n=len(m.copies)), keep=True)
        w.table(
            [(c.label, c.holder, "", "") for c in m.copies],
            widths=(12, 38, 20, 30),
            header=[L["manual_copy_no"], L["manual_holder"], L["manual_issue_date"],
                    L["manual_receiver_sign"]],
        )  # fmt: skip

    def signoff(self) -> None:
        """培训签收: the documents and versions, the statement, name / date / signature."""
        w, L, m = self.w, self.L, self.m
        w.section(L["manual_signoff"])
        w.heading(L["manual_signoff"], 1)
        w.para(L["manual_signoff_intro"], keep=True)
        w.table(
            [(d.id, d.title, d.version) for d in m.documents],
            widths=(25, 60, 15),
            header=[L["manual_doc_id"], L["manual_doc_title"], L["manual_version"]],
        )
        w.para(L["manual_signoff_statement"], bold=True, keep=True)
        w.table(
            [
                (L["manual_trainee"], "", L["manual_date"], ""),
                (L["manual_signature"], "", "", ""),
                (L["manual_trainer"], "", L["manual_date"], ""),
                (L["manual_signature"], "", "", ""),
            ],
            widths=(15, 45, 12, 28),
            labels=(0, 2),
        )


def _doc_no(doc: Any) -> str:
    """The printed document number and the id, as the HTML control block shows them."""
    doc_no = getattr(doc, "doc_no", None)
    return f"{doc_no} ({doc.id})" if doc_no else doc.id


def render_docx(
    manual: Manual,
    lang: str,
    dirs: list[Path] | tuple[Path, ...],
    labels: dict[str, str],
    figure: Figure | None = None,
) -> bytes:
    """The bytes of ``manual`` as a Word document filled into the template ``manual.docx``."""
    L = labels
    heading = (
        manual.title if manual.kind == "role" else (manual.department or L["manual_handbook_all"])
    )
    subtitle = L["manual_role_manual"] if manual.kind == "role" else L["manual_handbook"]
    control = (
        _fmt(L["manual_controlled_copy"], copy=manual.copy.label)
        if manual.controlled and manual.copy
        else L["manual_uncontrolled"]
    )
    values = {"organization": manual.organization or "", "control": control,
              "page_of": L["manual_page"]}  # fmt: skip
    w = Writer(docx_template(dirs), L, values)
    w.title, w.author = f"{heading} · {subtitle}", manual.organization or "sopkit"
    parts = Parts(w, manual, lang, figure)
    parts.cover(heading, subtitle)
    for chapter in manual.chapters:
        getattr(parts, chapter.kind)(chapter.view, chapter.number)
    if manual.controlled and manual.copies:
        parts.distribution()
    if manual.kind == "role" and manual.signoff:
        parts.signoff()
    return w.save()
