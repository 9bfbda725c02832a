"""The body of each document in a Word manual: job description, work instruction, checklist.

``p`` is the :class:`~sopkit.manual.docx_parts.Parts` of the manual being written: its writer
``p.w``, labels ``p.L``, the manual ``p.m`` and numbered part headings ``p.part(title)``.
"""

from __future__ import annotations

from typing import Any

from sopkit.manual.view import ChecklistView, ProcedureView, Ref, RoleView


def num(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def fmt(template: str, **values: Any) -> str:
    return template.format(**{k: num(v) for k, v in values.items()})


def _titles(refs: list[Any], sep: str) -> str:
    return sep.join(r.title for r in refs)


def _rows(p: Any, items: list[tuple[str, str]], title: str) -> None:
    shown = [(k, v) for k, v in items if v]
    if shown:
        p.part(title)
        p.w.table(shown, widths=(1, 4), labels=(0,))


def write_role(p: Any, rv: RoleView) -> None:
    L, w, role, sep = p.L, p.w, rv.doc, p.sep
    boss = sep.join(r.title for r in rv.superiors)
    basic = [
        (L["manual_role_title"], role.title), (L["manual_role_id"], role.id),
        (L["manual_department"], role.department), (L["manual_grade"], role.grade or ""),
        (L["manual_reports_to"], boss),
        (L["manual_direct_reports"], sep.join(r.title for r in rv.subordinates)),
        (L["manual_headcount"],
         fmt(L["manual_headcount_value"], n=role.headcount) if role.headcount else ""),
    ]  # fmt: skip
    _rows(p, basic, L["manual_basic"])
    p.part(L["manual_summary"])
    w.table([(role.summary,)], widths=(1,))
    p.part(L["manual_duties"])
    _duties(p, role.duties)
    if role.authorities:
        p.part(L["manual_authorities"])
        w.table([(str(n), a) for n, a in enumerate(role.authorities, 1)], widths=(6, 94),
                header=[L["manual_no"], L["manual_authority"]])  # fmt: skip
    _kpis(p, role)
    _relations(p, rv)
    _qualifications(p, role)
    _career(p, rv)
    docs = [*(v.doc for v in rv.procedures), *(v.doc for v in rv.checklists)]
    if docs:
        p.part(L["manual_takes_part"])
        w.table([(d.id, d.title, L[f"manual_kind_{d.kind}"], d.version) for d in docs],
                widths=(20, 52, 16, 12),
                header=[L["manual_doc_id"], L["manual_doc_title"], L["manual_doc_kind"],
                        L["manual_version"]])  # fmt: skip
    if rv.records:
        p.part(L["manual_records_kept"])
        _records(p, rv.records, show_procedure=True)


def _duties(p: Any, duties: list[Any]) -> None:
    """Columns as in the HTML: area, standard and indicators only when some duty has them."""
    L = p.L
    cols = [(L["manual_no"], 6, lambda n, d: str(n))]
    if any(d.area for d in duties):
        cols.append((L["manual_duty_area"], 18, lambda n, d: (d.area or "", "bold")))
    cols.append((L["manual_duty_description"], 46, lambda n, d: d.description))
    if any(d.standard for d in duties):
        cols.append((L["manual_duty_standard"], 22, lambda n, d: d.standard or ""))
    if any(d.kpi for d in duties):
        cols.append((L["manual_duty_kpi"], 24, lambda n, d: list(d.kpi_list)))
    rows = [[get(n, d) for _, _, get in cols] for n, d in enumerate(duties, 1)]
    p.w.table(rows, widths=[w for _, w, _ in cols], header=[h for h, _, _ in cols])


def reqs(L: dict[str, str], entries: list[Any]) -> str:
    """Requirements as the HTML prints them: text, then 必备 / 优先 when written as such."""
    out = []
    for e in entries:
        if e is None:
            continue
        out.append(e if isinstance(e, str) else f"{e.text}{L['manual_level_' + e.level]}")
    return L["manual_list_sep"].join(out)


def _kpis(p: Any, role: Any) -> None:
    L = p.L
    if not role.kpis:
        return
    p.part(L["manual_kpis"])
    weighted = any(k.weight is not None for k in role.kpis)
    header = [L["manual_no"], L["manual_kpi_name"], L["manual_kpi_target"]]
    rows = [[str(n), k.name, k.target or ""] for n, k in enumerate(role.kpis, 1)]
    widths = [6, 54, 26]
    if weighted:
        header.append(L["manual_kpi_weight"])
        rows = [[*r, f"{num(k.weight)}%"] for r, k in zip(rows, role.kpis, strict=True)]
        rows.append(["", (L["manual_total"], "bold"), "",
                     f"{num(sum(k.weight or 0 for k in role.kpis))}%"])  # fmt: skip
        widths.append(14)
    p.w.table(rows, widths=widths, header=header)


def _relations(p: Any, rv: RoleView) -> None:
    L, role = p.L, rv.doc
    rel = role.relations
    has_rel = rel and (rel.internal or rel.external)
    if not (has_rel or rv.chain or rv.reports):
        return
    p.part(L["manual_relations"])
    for d, label in p.figure("chain", rv) if p.figure else []:
        p.w.diagram(d, label, width_mm=90)
    if rv.chain or rv.reports:
        line = " › ".join([*(r.title for r in reversed(rv.chain)), role.title])
        if rv.reports:
            line += " › " + _titles(rv.reports, p.sep)
        p.w.table([(L["manual_reporting_line"], line)], widths=(1, 4), labels=(0,))
    if not has_rel:
        return
    for group, items in (
        (L["manual_internal"], rel.internal),
        (L["manual_external"], rel.external),
    ):
        if items:
            p.w.table(
                [(r.party, r.purpose or "", L[f"manual_freq_{r.frequency}"] if r.frequency else "")
                 for r in items],
                widths=(48, 36, 16),
                header=[group, L["manual_relation_purpose"], L["manual_frequency"]],
            )  # fmt: skip


def _qualifications(p: Any, role: Any) -> None:
    L, q, c = p.L, role.qualifications, role.conditions
    if q:
        exp = ""
        if q.experience_years is not None:
            exp = fmt(L["manual_experience_years"], n=q.experience_years)
            if q.experience:
                exp += L["manual_clause_sep"]
        exp += reqs(L, [q.experience])
        _rows(p, [
            (L["manual_education"], reqs(L, [q.education])),
            (L["manual_major"], reqs(L, [q.major])), (L["manual_experience"], exp),
            (L["manual_knowledge"], reqs(L, q.knowledge)),
            (L["manual_skills"], reqs(L, q.skills)),
            (L["manual_abilities"], reqs(L, q.abilities)),
            (L["manual_training_history"], reqs(L, q.training_history)),
            (L["manual_languages"], reqs(L, q.languages)),
            (L["manual_certificates"], reqs(L, q.certificates)),
            (L["manual_health"], reqs(L, [q.health])), (L["manual_traits"], reqs(L, q.traits)),
            (L["manual_age"], reqs(L, [q.age])), (L["manual_gender"], reqs(L, [q.gender])),
            (L["manual_other"], reqs(L, [q.other])),
        ], L["manual_qualifications"])  # fmt: skip
    if c:
        days = fmt(L["manual_workdays_value"], n=c.workdays_per_week) if c.workdays_per_week else ""
        _rows(p, [
            (L["manual_workdays"], days), (L["manual_hours"], c.hours or ""),
            (L["manual_environment"], c.environment or ""),
            (L["manual_intensity"], c.intensity or ""), (L["manual_hazards"], c.hazards or ""),
        ], L["manual_conditions"])  # fmt: skip


def _career(p: Any, rv: RoleView) -> None:
    L, sep = p.L, p.sep
    _rows(p, [
        (L["manual_promotion"], _titles(rv.promotion, sep)),
        (L["manual_lateral"], _titles(rv.lateral, sep)),
        (L["manual_training"], sep.join(rv.doc.training)),
    ], L["manual_career"])  # fmt: skip


def _records(p: Any, records: list[Any], show_procedure: bool) -> None:
    L = p.L
    header = [L["manual_record"]]
    if show_procedure:
        header.append(L["manual_record_procedure"])
    header += [L["manual_record_frequency"], L["manual_record_keeper"], L["manual_record_steps"]]
    rows = []
    for r in records:
        row = [[(r.record.title, "bold"), r.record.id]]
        if show_procedure:
            row.append(r.procedure.id)
        row += [r.record.frequency or "", r.keeper.title if r.keeper else "", ", ".join(r.steps)]
        rows.append(row)
    widths = (40, 18, 14, 16, 12) if show_procedure else (46, 18, 20, 16)
    p.w.table(rows, widths=widths, header=header)


def write_procedure(p: Any, pv: ProcedureView) -> None:
    L, w, proc, focus = p.L, p.w, pv.doc, p.m.focus
    p.part(L["manual_purpose"])
    w.table([(proc.purpose,)], widths=(1,))
    p.part(L["manual_scope"])
    w.table([(proc.scope,)], widths=(1,))
    if proc.references:
        p.part(L["manual_references"])
        w.table([(str(n), r) for n, r in enumerate(proc.references, 1)], widths=(6, 94))
    p.part(L["manual_steps"])
    drawings = p.figure("flow", pv) if p.figure else []
    if drawings:
        w.para(L["manual_flowchart"], bold=True, keep=True)
    for d, label in drawings:
        w.diagram(d, label, width_mm=170)
    if focus:
        legend = fmt(L["manual_own_legend"], role=p.m.roles[0].doc.title)
        w.para(f"【{L['manual_own_step']}】 {legend}", style="sopkit Small", keep=True)
    rows, marked = [], []
    for n, row in enumerate(pv.rows):
        s = row.step
        own = bool(focus and focus in row.roles)
        if own:
            marked.append(n)
        number = [row.number, (L["manual_own_step"], "sopkit Own")] if own else row.number
        what = []
        if s.title:
            what.append((s.title, "bold"))
        if s.text:
            what.append(s.text)
        if s.standard:
            what.append(f"{L['manual_standard']}:{s.standard}")
        rows.append([number, what, "\n".join(_ref_title(r) for r in row.declared),
                     "\n".join(r.title for r in row.records)])  # fmt: skip
    w.table(rows, widths=(10, 55, 18, 17), marked=marked,
            header=[L["manual_step_no"], L["manual_step_content"], L["manual_step_roles"],
                    L["manual_step_records"]])  # fmt: skip
    if pv.records:
        p.part(L["manual_records"])
        _records(p, pv.records, show_procedure=False)


def _ref_title(ref: Ref) -> str:
    return ref.title


def write_checklist(p: Any, cv: ChecklistView) -> None:
    L, w, chk, sep = p.L, p.w, cv.doc, p.sep
    sc = chk.scoring
    audits = f"{cv.procedure.id} {cv.procedure.title}" if cv.procedure else chk.procedure or ""
    p.w.table([(k, v) for k, v in (
        (L["manual_audits"], audits),
        (L["manual_inspected_roles"], _titles(cv.roles, sep)),
        (L["manual_check_frequency"], chk.frequency or ""),
    ) if v], widths=(1, 4), labels=(0,))  # fmt: skip
    w.table([(L["manual_site"], "", L["manual_check_date"], ""),
             (L["manual_inspector"], "", L["manual_inspected"], "")],
            widths=(15, 35, 15, 35), labels=(0, 2))  # fmt: skip
    rows = []
    for section in chk.sections:
        title = section.title
        if section.weight is not None:
            title += f" ({fmt(L['manual_section_weight'], weight=section.weight)})"
        rows.append(["", (title, "bold"), "", "", "", "", ""])
        for item in section.items:
            text = [item.text, (L["manual_critical"], "sopkit Own")] if item.critical else item.text
            points = num(item.points) if item.scored and item.points is not None else "—"
            rows.append([item.id, text, _standard(L, cv, item), points, _hint(L, item), "", ""])
    rows.append(["", (L["manual_total"], "bold"), "", num(cv.points), "", "", ""])
    w.table(rows, widths=(8, 30, 25, 7, 14, 7, 9),
            header=[L[k] for k in ("manual_item_id", "manual_item", "manual_item_standard",
                                   "manual_points", "manual_result", "manual_score",
                                   "manual_remarks")])  # fmt: skip
    w.para(L["manual_scoring"], bold=True, keep=True)
    if sc.method == "deduct":
        method = fmt(L["manual_method_deduct"], total=sc.total)
    elif any(s.weight is not None for s in chk.sections):
        method = L["manual_method_percent_weighted"]
    else:
        method = L["manual_method_percent"]
    lines = [method, fmt(L["manual_pass"], pass_=sc.pass_)]
    if cv.critical:
        lines.append(L[f"manual_critical_{sc.critical}"])
    if sc.grades:
        bands = sep.join(fmt(L["manual_grade_band"], name=g.name, min=g.min) for g in sc.grades)
        lines.append(f"{L['manual_grades']}: {bands}")
    for line in lines:
        w.para(f"• {line}", keep=True)  # a few lines, with the signatures
    w.table([(L["manual_sign_inspector"], "", L["manual_date"], ""),
             (L["manual_sign_inspected"], "", L["manual_date"], "")],
            widths=(18, 42, 12, 28), labels=(0, 2))  # fmt: skip


def _standard(L: dict[str, str], cv: ChecklistView, item: Any) -> list[str]:
    """The standard and what the item type notes under it (the registry's), as in the HTML."""
    lines = [item.standard] if item.standard else []
    lines += [fmt(L[key], **args).strip() for key, args in item.kind.notes(item)]
    if item.id in cv.links:
        procedure, number = cv.links[item.id]
        lines.append(fmt(L["manual_item_step"], procedure=procedure, number=number))
    return lines


def _hint(L: dict[str, str], item: Any) -> str:
    key, args, tail = item.kind.hint(item)
    return (fmt(L[key], **args) if key else "") + tail
