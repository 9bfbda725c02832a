"""Coverage: who performs which procedure, and what the checklists inspect.

:func:`coverage` builds the report of ``sopkit coverage``; :func:`coverage_warnings` gives
the lint-level warnings ``validate`` adds. The report lists every gap; the warnings fire only
where a gap is probably an omission, so that a library can be warning-free without a
checklist item for every step:

* ``step-not-inspected`` — a step with a measurable ``standard``, in a procedure a checklist
  audits (``procedure:``), performed by a role that checklist inspects (or the checklist
  names no roles), and no checklist item links to it;
* ``item-without-step`` — a scored item of a checklist that audits a procedure, but names no
  ``step``;
* ``role-without-procedure`` — a role that performs no step and keeps no record, although its
  department owns a procedure or a checklist inspects its work;
* ``procedure-without-role`` — in a library with roles, a procedure none of whose steps names
  a role (as imported from Word): no role's manual prints it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from sopkit.diagnostics import Diagnostic, Severity
from sopkit.documents.models import Checklist, Procedure, Role
from sopkit.documents.parse import at
from sopkit.locale import label
from sopkit.reporters import write_table

if TYPE_CHECKING:
    from sopkit.documents.library import Entry, Library


def _linked_steps(checklists: list[Checklist]) -> set[tuple[str, str]]:
    out = set()
    for chk in checklists:
        for _, item in chk.items():
            if item.step and item.step.count("#") == 1:
                proc, step = item.step.split("#")
                out.add((proc.lower(), step))
    return out


def _takes_part(proc: Procedure) -> dict[str, int]:
    """Role id (lower case) → number of steps it performs (records kept count as one)."""
    counts: dict[str, int] = {}
    for view in proc.walk():
        if view.step.steps:
            continue  # a group: its steps are counted
        for role in view.roles:
            counts[role.lower()] = counts.get(role.lower(), 0) + 1
    for record in proc.records:
        if record.keeper:
            counts.setdefault(record.keeper.lower(), 0)  # keeps a record: takes part
    return counts


@dataclass(slots=True)
class Coverage:
    """The ``sopkit coverage`` report; :meth:`to_dict` is its JSON form."""

    roles: list[dict[str, str]] = field(default_factory=list)
    procedures: list[dict[str, Any]] = field(default_factory=list)
    matrix: dict[str, dict[str, int]] = field(default_factory=dict)
    uncovered_steps: list[dict[str, Any]] = field(default_factory=list)
    unlinked_items: list[dict[str, Any]] = field(default_factory=list)
    idle_roles: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return asdict(self)

    def render(self, fmt: str, lang: str = "en") -> str:
        """The ``table`` format (:func:`render_table`), for :mod:`sopkit.reporters`."""
        return render_table(self, lang)

    @property
    def gaps(self) -> int:
        return len(self.uncovered_steps) + len(self.unlinked_items) + len(self.idle_roles)


def coverage(lib: Library) -> Coverage:
    """Role × procedure matrix, uninspected steps, unlinked items, roles with no procedure."""
    roles = sorted(lib.roles, key=lambda r: r.id.lower())
    procs = sorted(lib.procedures, key=lambda p: p.id.lower())
    checklists = lib.checklists
    linked = _linked_steps(checklists)
    audits = _audits(checklists)
    out = Coverage()
    out.roles = [{"id": r.id, "title": r.title, "department": r.department} for r in roles]
    by_role: dict[str, dict[str, int]] = {}  # sparse: a role takes part in a few procedures
    for proc in procs:
        for role_key, count in _takes_part(proc).items():
            by_role.setdefault(role_key, {})[proc.id] = count
    for role in roles:
        row = by_role.get(role.id.lower(), {})
        out.matrix[role.id] = row
        if not row:
            out.idle_roles.append({"id": role.id, "title": role.title,
                                   "department": role.department})  # fmt: skip
    for proc in procs:
        total = inspected = 0
        for view in proc.walk():
            step = view.step
            if step.steps:
                continue
            total += 1
            if step.id and (proc.id.lower(), step.id) in linked:
                inspected += 1
                continue
            out.uncovered_steps.append(
                {
                    "procedure": proc.id,
                    "number": view.number,
                    "id": step.id,
                    "text": " ".join(t for t in (step.title, step.text) if t),
                    "standard": step.standard,
                    "roles": list(view.roles),
                }
            )
        checked_by = [c.id for c in audits.get(proc.id.lower(), ())]
        out.procedures.append(
            {"id": proc.id, "title": proc.title, "steps": total, "inspected": inspected,
             "checklists": checked_by}
        )  # fmt: skip
    for chk in sorted(checklists, key=lambda c: c.id.lower()):
        for _, item in chk.items():
            if item.scored and not item.step:
                out.unlinked_items.append(
                    {"checklist": chk.id, "id": item.id, "text": item.text,
                     "procedure": chk.procedure}
                )  # fmt: skip
    return out


# --- lint ----------------------------------------------------------------------------------


def coverage_warnings(lib: Library) -> list[Diagnostic]:
    """The warnings ``validate`` adds (see the module docstring for when each fires)."""
    entries = [
        e for e in lib.entries
        if e.doc is not None and lib.get(e.doc.id) is e.doc and e.doc.status != "retired"
    ]  # fmt: skip
    checklists = [e.doc for e in entries if isinstance(e.doc, Checklist)]
    procedures = [e.doc for e in entries if isinstance(e.doc, Procedure)]
    out: list[Diagnostic] = []
    linked = _linked_steps(checklists)
    participants = {role for proc in lib.procedures for role in _takes_part(proc)}
    # Indexes built once: each rule looks up, never scans every document (linear at 30k).
    audits = _audits(checklists)
    owned: dict[str, Procedure] = {}
    for proc in procedures:
        if proc.owner:
            owned.setdefault(proc.owner, proc)
    inspecting: dict[str, Checklist] = {}
    for chk in checklists:
        for role_id in chk.roles:
            inspecting.setdefault(role_id.lower(), chk)
    roles = lib.roles  # once: the property makes a list of every document each time
    for entry in entries:
        doc = entry.doc
        if isinstance(doc, Procedure):
            out.extend(_uninspected(entry, doc, audits.get(doc.id.lower(), []), linked))
            if roles and not any(view.roles for view in doc.walk()):
                out.append(_warn(entry, ("steps",), "procedure-without-role", on_key=True,
                                 id=doc.id, example=roles[0].id))  # fmt: skip
        elif isinstance(doc, Checklist) and isinstance(lib.get(doc.procedure or ""), Procedure):
            out.extend(_unlinked(entry, doc))
        elif isinstance(doc, Role) and doc.id.lower() not in participants:
            found = _idle(entry, doc, owned, inspecting)
            if found is not None:
                out.append(found)
    return out


def _warn(entry: Entry, loc: tuple, code: str, *, on_key: bool = False, **args: Any) -> Diagnostic:
    source = entry.source_for_location()
    return at(source, loc, code, on_key=on_key, severity=Severity.WARNING, **args)


def _audits(checklists: list[Checklist]) -> dict[str, list[Checklist]]:
    """Procedure id (lower case) → the checklists that audit it, in library order."""
    out: dict[str, list[Checklist]] = {}
    for chk in checklists:
        if chk.procedure:
            out.setdefault(chk.procedure.lower(), []).append(chk)
    return out


def _uninspected(
    entry: Entry, proc: Procedure, audits: list[Checklist], linked: set[tuple[str, str]]
) -> Iterator[Diagnostic]:
    if not audits:
        return
    for view in proc.walk():
        step = view.step
        if not step.standard or (step.id and (proc.id.lower(), step.id) in linked):
            continue
        roles = {r.lower() for r in view.roles}
        for chk in audits:
            inspected = {r.lower() for r in chk.roles}
            if not inspected or roles & inspected:
                yield _warn(
                    entry, (*view.loc, "standard"), "step-not-inspected", on_key=True,
                    number=view.number, id=step.id or "STEP-ID", checklist=chk.id,
                    procedure=proc.id,
                )  # fmt: skip
                break


def _unlinked(entry: Entry, chk: Checklist) -> Iterator[Diagnostic]:
    for si, section in enumerate(chk.sections):
        for ii, item in enumerate(section.items):
            if item.scored and not item.step:
                yield _warn(
                    entry, ("sections", si, "items", ii, "id"), "item-without-step",
                    id=item.id, procedure=chk.procedure,
                )  # fmt: skip


def _idle(
    entry: Entry, role: Role, owned: dict[str, Procedure], inspecting: dict[str, Checklist]
) -> Diagnostic | None:
    proc, chk = owned.get(role.department), inspecting.get(role.id.lower())
    if proc is not None:
        reason, ref = "§reason-department", proc.id
    elif chk is not None:
        reason, ref = "§reason-checklist", chk.id
    else:
        return None
    return _warn(entry, ("id",), "role-without-procedure", id=role.id, reason=reason, ref=ref)


# --- rendering ------------------------------------------------------------------------------

_SHORT = 40  # characters of a step's text shown in the table


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def render_table(cov: Coverage, lang: str = "en") -> str:
    """The report as text: the matrix (``.`` = no step), then each list of gaps."""
    import io

    out = io.StringIO()
    procs = [p["id"] for p in cov.procedures]
    out.write(label("coverage.matrix", lang) + "\n")
    if len(procs) > DENSE_LIMIT:  # a role × procedure grid of 10,000 columns helps no one
        for role in cov.roles:
            row = cov.matrix.get(role["id"], {})
            parts = ", ".join(f"{p} ({n})" for p, n in row.items()) or "."
            out.write(f"  {role['id']} {role['title']}: {parts}\n")
    else:
        _dense(out, cov, procs)
    _gaps(out, cov, lang)
    return out.getvalue()


DENSE_LIMIT = 40  # procedures: beyond this, the matrix is printed one role a line


def _dense(out, cov: Coverage, procs: list[str]) -> None:
    rows = []
    for role in cov.roles:
        row = {"role": role["id"], "title": role["title"]}
        for proc in procs:
            count = cov.matrix.get(role["id"], {}).get(proc)
            row[proc] = "." if count is None else str(count)
        rows.append(row)
    columns = [("role", "role"), ("title", "title"), *((p, p) for p in procs)]
    write_table(rows, columns, out, "table")


def _gaps(out, cov: Coverage, lang: str) -> None:
    none = label("coverage.none", lang)

    out.write(f"\n{label('coverage.uncovered', lang)} ({len(cov.uncovered_steps)})\n")
    by_proc: dict[str, list[dict[str, Any]]] = {}
    for step in cov.uncovered_steps:
        by_proc.setdefault(step["procedure"], []).append(step)
    for proc in cov.procedures:
        steps = by_proc.get(proc["id"], [])
        if not steps:
            continue
        checked = ", ".join(proc["checklists"]) or "-"
        out.write(f"  {proc['id']}  {proc['inspected']}/{proc['steps']}  ({checked})\n")
        for step in steps:
            ref = f" [{step['id']}]" if step["id"] else ""
            out.write(f"    {step['number']}{ref} {_short(step['text'])}\n")
    if not cov.uncovered_steps:
        out.write(f"  {none}\n")

    out.write(f"\n{label('coverage.unlinked', lang)} ({len(cov.unlinked_items)})\n")
    for item in cov.unlinked_items:
        out.write(f"  {item['checklist']} {item['id']} {_short(item['text'])}\n")
    if not cov.unlinked_items:
        out.write(f"  {none}\n")

    out.write(f"\n{label('coverage.idle', lang)} ({len(cov.idle_roles)})\n")
    for role in cov.idle_roles:
        out.write(f"  {role['id']} {role['title']} ({role['department']})\n")
    if not cov.idle_roles:
        out.write(f"  {none}\n")
