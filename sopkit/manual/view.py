"""The view model of a manual: what one output file shows, as plain data (no formatting).

:func:`plan` turns a valid :class:`Library` into the manuals to produce: one per role
(:func:`role_manual`) or one handbook (:func:`handbook`). :class:`ManualIndex` computes who
takes part in what once per library, so manuals for every role reuse it. Templates and writers
(HTML, Markdown, PDF, Word) read these objects and nothing else.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sopkit.atomic import safe_name
from sopkit.diagnostics import Diagnostic, Location
from sopkit.documents.library import Library
from sopkit.documents.models import Checklist, Document, Procedure, Role
from sopkit.documents.models.procedure import Record, Step
from sopkit.documents.models.types import DURATION_RE
from sopkit.manual.errors import ManualError

# --- what a manual holds -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ref:
    """A role named somewhere (career path, step, keeper): the role, or free text."""

    text: str
    role: Role | None = None

    @property
    def title(self) -> str:
        return self.role.title if self.role else self.text


@dataclass(frozen=True, slots=True)
class StepRow:
    """One step of a procedure as printed: display number, depth, who performs it."""

    number: str
    depth: int
    step: Step
    roles: frozenset[str]  # performing role ids (inherited), lower-case
    declared: tuple[Ref, ...]  # roles named on this very step
    records: tuple[Record, ...]

    @property
    def group(self) -> bool:
        return bool(self.step.steps)


@dataclass(frozen=True, slots=True)
class RecordView:
    """A record form: who keeps it and the steps that fill it in."""

    record: Record
    procedure: Procedure
    keeper: Ref | None
    steps: tuple[str, ...]  # display numbers
    roles: frozenset[str]  # roles performing those steps, lower-case


@dataclass(slots=True)
class ProcedureView:
    doc: Procedure
    rows: list[StepRow]
    records: list[RecordView]
    roles: frozenset[str]  # every role taking part (steps or keeper), lower-case


@dataclass(slots=True)
class ChecklistView:
    doc: Checklist
    procedure: Procedure | None
    roles: list[Ref]
    points: float  # sum of the points of scored items
    critical: bool  # has a critical item
    links: dict[str, tuple[str, str]]  # item id -> (procedure id, step display number)
    inspects: dict[str, StepRow] = field(default_factory=dict)  # item id -> the step it checks


@dataclass(slots=True)
class RoleView:
    doc: Role
    boss: Role | None
    chain: list[Role]  # reporting line upward, nearest first
    reports: list[Role]  # direct reports
    promotion: list[Ref]
    lateral: list[Ref]
    procedures: list[ProcedureView]
    checklists: list[ChecklistView]
    records: list[RecordView]  # records the role keeps or fills in
    superiors: list[Ref] = field(default_factory=list)  # every reports_to, in or outside
    subordinates: list[Ref] = field(default_factory=list)  # direct reports, then written ones
    above: list[str] = field(default_factory=list)  # titles outside the library atop the chain


@dataclass(frozen=True, slots=True)
class Chapter:
    kind: str  # role | procedure | checklist
    view: RoleView | ProcedureView | ChecklistView
    number: int

    @property
    def doc(self) -> Document:
        return self.view.doc


@dataclass(frozen=True, slots=True)
class Copy:
    """One numbered controlled copy (分发号) and who holds it."""

    number: int
    holder: str = ""

    @property
    def label(self) -> str:
        return f"{self.number:03d}"


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of a PDF handbook laid out on its own (:mod:`sopkit.manual.pdfparts`).

    ``front``: the cover and the contents, whose page numbers are given in ``pages`` (anchor
    → page number); ``body``: the chapters numbered ``chapters``, the title pages of the
    kinds in ``titled``, the org chart and the closing pages if asked; ``folios``: one empty
    page per text of ``folios``, that text as its footer (第 X 页 共 Y 页).
    """

    kind: str  # front | body | folios
    chapters: frozenset[int] = frozenset()
    titled: frozenset[str] = frozenset()
    org_chart: bool = False
    closing: bool = False
    pages: dict[str, int] = field(default_factory=dict)
    folios: tuple[str, ...] = ()


@dataclass(slots=True)
class Manual:
    """Everything one output file shows; templates read it, nothing else."""

    kind: str  # "role" or "handbook"
    title: str
    organization: str | None
    department: str | None
    issued: date
    roles: list[RoleView]
    procedures: list[ProcedureView]
    checklists: list[ChecklistView]
    focus: str | None = None  # lower-case id of the role whose steps are marked
    anchors: set[str] = field(default_factory=set)  # ids of documents printed inside
    controlled: bool = False  # 受控: numbered copies with a distribution record
    copy: Copy | None = None  # this file's copy, when controlled
    copies: list[Copy] = field(default_factory=list)  # every copy issued (发放记录)
    signoff: bool = True  # end with the 培训签收 page (role manuals)
    every_role: list[Role] = field(default_factory=list)  # the library's, for org charts
    preset: str = "trainer"  # trainer | frontline | auditor (what the manual prints)
    piece: Piece | None = None  # the piece of a PDF handbook laid out in pieces, else None

    @property
    def documents(self) -> list[Document]:
        return [c.doc for c in self.chapters]

    @property
    def chapters(self) -> list[Chapter]:
        """Every document printed, numbered: job descriptions, procedures, checklists."""
        views = [
            *(("role", v) for v in self.roles),
            *(("procedure", v) for v in self.procedures),
            *(("checklist", v) for v in self.checklists),
        ]
        return [Chapter(kind, view, n) for n, (kind, view) in enumerate(views, 1)]

    @property
    def parts(self) -> list[tuple[str, list[Chapter]]]:
        """Chapters grouped by kind (role, procedure, checklist); empty kinds are left out.

        In a body piece (:attr:`piece`), only the chapters that piece prints."""
        groups: dict[str, list[Chapter]] = {}
        chosen = self.piece.chapters if self.piece and self.piece.kind == "body" else None
        for chapter in self.chapters:
            if chosen is not None and chapter.number not in chosen:
                continue
            groups.setdefault(chapter.kind, []).append(chapter)
        return list(groups.items())


# --- from a library to manuals -------------------------------------------------------------


class ManualIndex:
    """Who takes part in what, computed once for a library (manuals for every role reuse it).

    Equivalent to :meth:`Library.procedures_of`, :meth:`Library.checklists_of` and
    :meth:`Library.direct_reports`, in one pass instead of one per role.
    """

    def __init__(self, library: Library):
        self.library = library
        self.roles = {r.id.lower(): r for r in library.roles}
        self._reports: dict[str, list[Role]] = defaultdict(list)
        for role in library.roles:
            for boss_id in dict.fromkeys(i.lower() for i in role.superior_ids):
                self._reports[boss_id].append(role)
        self.procedures: list[ProcedureView] = []
        self._numbers: dict[str, dict[str, str]] = {}  # procedure id -> step id -> number
        self._steps: dict[str, dict[str, StepRow]] = {}  # procedure id -> step id -> row
        self._procs_of: dict[str, list[ProcedureView]] = defaultdict(list)
        for proc in library.procedures:
            view = self._procedure(proc)
            self.procedures.append(view)
            for key in view.roles:
                self._procs_of[key].append(view)
        self.checklists: list[ChecklistView] = []
        self._checks_of: dict[str, list[ChecklistView]] = defaultdict(list)
        for chk in library.checklists:
            view = self._checklist(chk)
            self.checklists.append(view)
            for key in dict.fromkeys(r.lower() for r in chk.roles):
                self._checks_of[key].append(view)

    def ref(self, value: Any) -> Ref:
        """A role id of the library, free text, or ``{title: …}`` for a role outside it."""
        if not isinstance(value, str):
            return Ref(value.title)
        return Ref(value, self.roles.get(value.lower()))

    def _procedure(self, proc: Procedure) -> ProcedureView:
        rows = []
        filled: dict[str, list[StepRow]] = defaultdict(list)
        records = {r.id: r for r in proc.records}
        numbers = self._numbers[proc.id.lower()] = {}
        by_id = self._steps[proc.id.lower()] = {}
        for view in proc.walk():
            step = view.step
            row = StepRow(
                number=view.number,
                depth=view.number.count("."),
                step=step,
                roles=frozenset(r.lower() for r in view.roles),
                declared=tuple(self.ref(r) for r in step.role or ()),
                records=tuple(records[r] for r in step.records or () if r in records),
            )
            rows.append(row)
            if step.id is not None:
                numbers.setdefault(step.id, view.number)
                by_id.setdefault(step.id, row)
            for rec in row.records:
                filled[rec.id].append(row)
        record_views = [
            RecordView(
                record=rec,
                procedure=proc,
                keeper=self.ref(rec.keeper) if rec.keeper else None,
                steps=tuple(r.number for r in filled[rec.id]),
                roles=frozenset(k for r in filled[rec.id] for k in r.roles),
            )
            for rec in proc.records
        ]
        roles = {k for row in rows for k in row.roles}
        roles |= {r.keeper.lower() for r in proc.records if r.keeper}
        return ProcedureView(proc, rows, record_views, frozenset(roles))

    def _checklist(self, chk: Checklist) -> ChecklistView:
        proc = self.library.get(chk.procedure) if chk.procedure else None
        items = [item for _, item in chk.items()]
        links, inspects = {}, {}
        for item in items:
            if item.step and item.step.count("#") == 1:
                proc_id, step_id = item.step.split("#")
                number = self._numbers.get(proc_id.lower(), {}).get(step_id)
                if number:
                    links[item.id] = (self.library.get(proc_id).id, number)
                    inspects[item.id] = self._steps[proc_id.lower()][step_id]
        return ChecklistView(
            doc=chk,
            procedure=proc if isinstance(proc, Procedure) else None,
            roles=[self.ref(r) for r in chk.roles],
            points=sum(item.points or 0 for item in items if item.scored),
            critical=any(item.critical for item in items),
            links=links,
            inspects=inspects,
        )

    def direct_reports(self, role: Role) -> list[Role]:
        return list(self._reports.get(role.id.lower(), ()))

    def role(self, role: Role) -> RoleView:
        key = role.id.lower()
        procedures = self._procs_of.get(key, [])
        records = [
            rv
            for p in procedures
            for rv in p.records
            if key in rv.roles or (rv.keeper and rv.keeper.text.lower() == key)
        ]
        boss = self.roles.get(role.boss_id.lower()) if role.boss_id else None
        chain = self.library.chain_up(role.id)
        top = chain[-1] if chain else role
        reports = self.direct_reports(role)
        shown = {r.id.lower() for r in reports}
        written = [self.ref(v) for v in role.outside_subordinates]
        career = role.career
        return RoleView(
            doc=role,
            boss=boss,
            chain=chain,
            above=[s.title for s in top.superiors if not isinstance(s, str)],
            reports=reports,
            superiors=[self.ref(v) for v in role.superiors],
            subordinates=[Ref(r.id, r) for r in reports]
            + [r for r in written if r.role is None or r.role.id.lower() not in shown],
            promotion=[self.ref(v) for v in career.promotion] if career else [],
            lateral=[self.ref(v) for v in career.lateral] if career else [],
            procedures=list(procedures),
            checklists=list(self._checks_of.get(key, [])),
            records=records,
        )


def role_manual(index: ManualIndex, role: Role, *, issued: date) -> Manual:
    """The manual of one role: its job description, procedures, records and checklists."""
    view = index.role(role)
    manual = Manual(
        kind="role",
        title=role.title,
        organization=index.library.config.organization,
        department=role.department,
        issued=issued,
        roles=[view],
        procedures=view.procedures,
        checklists=view.checklists,
        focus=role.id.lower(),
        every_role=list(index.library.roles),
    )
    manual.anchors = {d.id.lower() for d in manual.documents}
    return manual


def handbook(
    index: ManualIndex, roles: Sequence[Role], *, issued: date, department: str | None = None
) -> Manual:
    """One handbook for ``roles``: each job description, then each procedure and checklist once."""
    views = [index.role(r) for r in hierarchy_order(roles)]
    procs = {id(p.doc): p for v in views for p in v.procedures}
    checks = {id(c.doc): c for v in views for c in v.checklists}
    manual = Manual(
        kind="handbook",
        title=department or "",
        organization=index.library.config.organization,
        department=department,
        issued=issued,
        roles=views,
        procedures=[p for p in index.procedures if id(p.doc) in procs],
        checklists=[c for c in index.checklists if id(c.doc) in checks],
        every_role=list(index.library.roles),
    )
    manual.anchors = {d.id.lower() for d in manual.documents}
    return manual


def hierarchy_order(roles: Sequence[Role]) -> list[Role]:
    """Roles grouped by department (first seen first), each group top-down along reporting lines.

    A role whose manager is not among ``roles`` starts a tree; siblings keep their order.
    """
    keys = {r.id.lower() for r in roles}
    children: dict[str, list[Role]] = defaultdict(list)
    tops = []
    for role in roles:
        boss = role.boss_id.lower() if role.boss_id else None
        if boss in keys and boss != role.id.lower():
            children[boss].append(role)
        else:
            tops.append(role)
    ordered, seen = [], set()

    def visit(role: Role) -> None:
        stack = [role]
        while stack:
            current = stack.pop()
            key = current.id.lower()
            if key in seen:
                continue
            seen.add(key)
            ordered.append(current)
            stack.extend(reversed(children.get(key, [])))

    for role in [*tops, *roles]:  # roles in a reporting cycle have no top; visit them anyway
        visit(role)
    rank = {d: i for i, d in enumerate(dict.fromkeys(r.department for r in ordered))}
    return sorted(ordered, key=lambda r: rank[r.department])


def select_roles(library: Library, role_ids: Iterable[str]) -> list[Role]:
    """The roles named by ``role_ids``, in the order given; an unknown id is a ManualError."""
    roles = []
    for role_id in role_ids:
        role = library.get(role_id)
        if not isinstance(role, Role):
            ids = [r.id for r in library.roles]
            guess = difflib.get_close_matches(role_id, ids, n=1, cutoff=0.6)
            raise ManualError(
                Diagnostic(
                    "unknown-role",
                    Location(str(library.root)),
                    {"id": role_id, "suggestion": guess[0] if guess else ""},
                )
            )
        if role not in roles:
            roles.append(role)
    return roles


def department_roles(library: Library, department: str) -> list[Role]:
    """Roles of ``department`` (exact name, or ignoring case and surrounding spaces)."""
    wanted = department.strip().casefold()
    roles = [r for r in library.roles if (r.department or "").strip().casefold() == wanted]
    if not roles:  # a draft may have no department yet
        names = sorted({r.department for r in library.roles if r.department})
        raise ManualError(
            Diagnostic(
                "manual-unknown-department",
                Location(str(library.root)),
                {"name": department, "departments": ", ".join(names) or "—"},
            )
        )
    return roles


def plan(
    library: Library,
    *,
    roles: Sequence[str] = (),
    department: str | None = None,
    combined: bool = False,
    issued: date,
) -> list[tuple[str, Manual]]:
    """The manuals to produce, each with its file name stem.

    Default: one manual per role (all roles, or those named in ``roles``). With ``combined``
    (``--all``) or a ``department``: one handbook.
    """
    index = ManualIndex(library)
    if department is not None:
        chosen = department_roles(library, department)
        book = handbook(index, chosen, issued=issued, department=department)
        return [(f"handbook-{safe_name(department)}", book)]
    chosen = select_roles(library, roles) if roles else library.roles
    if combined:
        return [("handbook", handbook(index, chosen, issued=issued))]
    return [(safe_name(r.id), role_manual(index, r, issued=issued)) for r in chosen]


_ZH_DIGITS = "零一两三四五六七八九十"
_ZH_UNITS = {"d": "天", "w": "周", "m": "个月", "y": "年"}
_EN_UNITS = {"d": ("day", "days"), "w": ("week", "weeks"), "m": ("month", "months"),
             "y": ("year", "years")}  # fmt: skip


def duration_text(value: str | None, lang: str) -> str:
    """``1y`` → 一年 / 1 year, ``6m`` → 六个月 / 6 months, ``90d`` → 90 天; other text as is."""
    if not value:
        return ""
    match = DURATION_RE.match(str(value).strip())
    if not match:
        return str(value)
    count, unit = int(match.group(1)), match.group(2).lower()
    if lang.startswith("zh"):
        number = _ZH_DIGITS[count] if count <= 10 else str(count)
        if count == 10 and unit != "d":
            number = "十"
        space = " " if count > 10 else ""
        return f"{number}{space}{_ZH_UNITS[unit]}"
    one, many = _EN_UNITS[unit]
    return f"{count} {one if count == 1 else many}"


def controlled_copies(count: int | None, holders: Sequence[str] = ()) -> list[Copy]:
    """Numbered copies 001, 002, …: one per holder, else ``count`` without names."""
    if holders:
        return [Copy(n, h) for n, h in enumerate(holders, 1)]
    return [Copy(n) for n in range(1, (count or 1) + 1)]
