"""Printable manuals: one per role, or one handbook for a department or the whole library.

Data flows one way: :func:`role_manual` / :func:`handbook` turn a valid :class:`Library` into
a :class:`Manual` (plain data, no formatting); :func:`render` turns a manual into HTML,
Markdown or PDF through the Jinja2 templates in the top-level ``templates/`` folder, which a
library may override by name; :func:`write_manuals` does both for a selection of roles and
writes the files atomically.

Text from YAML is never a template: it is a value, escaped for HTML by autoescaping and for
Markdown by :func:`md_escape`, so ``<script>`` and ``{{ 7*7 }}`` print as written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sopkit.atomic import safe_name, write_bytes
from sopkit.diagnostics import Diagnostic, Location
from sopkit.documents.library import Library
from sopkit.documents.models import Checklist, Document, Procedure, Role
from sopkit.documents.models.procedure import Record, Step
from sopkit.locale import labels, normalize_lang
from sopkit.manual.errors import ManualError
from sopkit.manual.pdf import html_to_pdf
from sopkit.reporters import MdText, md_escape
from sopkit.reporters import format_number as _num

FORMATS = ("html", "md", "pdf")  # also the file extensions
ENTRY = {"html": "manual.html.j2", "md": "manual.md.j2", "pdf": "manual.html.j2"}
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
        """Chapters grouped by kind (role, procedure, checklist); empty kinds are left out."""
        groups: dict[str, list[Chapter]] = {}
        for chapter in self.chapters:
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
        links = {}
        for item in items:
            if item.step and item.step.count("#") == 1:
                proc_id, step_id = item.step.split("#")
                number = self._numbers.get(proc_id.lower(), {}).get(step_id)
                if number:
                    links[item.id] = (self.library.get(proc_id).id, number)
        return ChecklistView(
            doc=chk,
            procedure=proc if isinstance(proc, Procedure) else None,
            roles=[self.ref(r) for r in chk.roles],
            points=sum(item.points or 0 for item in items if item.scored),
            critical=any(item.critical for item in items),
            links=links,
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
    import difflib

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


# --- templates -----------------------------------------------------------------------------


def builtin_templates() -> Path:
    """The built-in templates: inside the installed package, or the checkout's ``templates/``."""
    here = Path(__file__).resolve().parents[1]  # the sopkit package
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / ENTRY["html"]).is_file():
            return candidate
    raise ManualError(
        Diagnostic("manual-template-missing", Location(str(here / "templates")), {"name": "*"})
    )


def template_dirs(library_root: str | Path | None = None, extra: str | Path | None = None):
    """Folders searched for templates, first match wins: ``extra``, the library's, built-in."""
    dirs = []
    if extra is not None:
        extra = Path(extra)
        if not extra.is_dir():
            raise ManualError(Diagnostic("manual-templates-dir", Location(str(extra)), {}))
        dirs.append(extra.resolve())
    if library_root is not None and (Path(library_root) / "templates").is_dir():
        dirs.append((Path(library_root) / "templates").resolve())
    dirs.append(builtin_templates())
    return tuple(dirs)


def _md_raw(value: Any) -> MdText:
    return MdText(value)


def _css_string(value: Any) -> str:
    """A CSS string literal (quotes included); safe inside a <style> element."""
    out = []
    for ch in str(value):
        if ch in '"\\<>&' or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _css_counters(template: str) -> str:
    """``"第 {page} 页 共 {pages} 页"`` as a CSS ``content`` value with page counters."""
    parts = re.split(r"(\{pages?\})", template)
    out = []
    for part in parts:
        if part == "{page}":
            out.append("counter(page)")
        elif part == "{pages}":
            out.append("counter(pages)")
        elif part:
            out.append(_css_string(part))
    return " ".join(out) or '""'


def _svg_watermark(text: str, color: str = "#c00000") -> str:
    """A data: URL of a diagonal text watermark (for draft and retired documents)."""
    from urllib.parse import quote
    from xml.sax.saxutils import escape

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800" viewBox="0 0 600 800">'
        f'<text x="300" y="400" font-size="110" font-weight="bold" fill="{color}" '
        'fill-opacity="0.10" text-anchor="middle" dominant-baseline="middle" '
        f'font-family="sans-serif" transform="rotate(-35 300 400)">{escape(text)}</text></svg>'
    )
    return "data:image/svg+xml," + quote(svg, safe="")


def _fmt(template: str, **values: Any) -> str:
    return template.format(**{k: _num(v) for k, v in values.items()})


def _autoescape(name: str | None) -> bool:
    return not (name or "").endswith((".css", ".css.j2"))


@lru_cache(maxsize=16)
def environment(kind: str, dirs: tuple[Path, ...]):
    """The Jinja2 environment for ``kind`` (``html`` or ``md``) over template folders ``dirs``.

    Undefined names are errors (``StrictUndefined``); HTML templates autoescape every value;
    Markdown templates escape every value with :func:`md_escape` unless it is ``|md``.
    """
    import jinja2

    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in dirs])
    options: dict[str, Any] = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    if kind == "md":
        env = jinja2.Environment(autoescape=False, finalize=md_escape, **options)
    else:
        # Everything is escaped for HTML but the style sheet, whatever a template is named.
        env = jinja2.Environment(autoescape=_autoescape, **options)
    env.filters.update(
        num=_num, md=_md_raw, md_escape=md_escape, css_string=_css_string,
        css_counters=_css_counters, fmt=_fmt,
        watermark=_svg_watermark,
    )  # fmt: skip
    return env


def _template_error(exc: Exception, dirs: Sequence[Path]) -> ManualError:
    """Wrap a Jinja2 error with the template file and line it comes from."""
    import jinja2

    if isinstance(exc, jinja2.TemplateNotFound):
        return ManualError(
            Diagnostic("manual-template-missing", Location(str(dirs[0])), {"name": exc.name})
        )
    file, line = None, None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        file, line = exc.filename or exc.name, exc.lineno
    else:
        roots = [str(d) for d in dirs]
        tb = exc.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if any(name.startswith(r) for r in roots):
                file, line = name, tb.tb_lineno
            elif tb.tb_frame.f_code.co_name == "get_source":  # a template that cannot be read
                file, line = tb.tb_frame.f_locals.get("filename", file), None
            tb = tb.tb_next
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if isinstance(exc, UnicodeDecodeError):
        message = f"not UTF-8 ({exc.reason} at byte {exc.start}): save the template as UTF-8"
    elif isinstance(exc, RecursionError):
        message = "a macro or include calls itself without end"
    return ManualError(
        Diagnostic("manual-template", Location(file or str(dirs[0]), line), {"error": message})
    )


def context(manual: Manual, lang: str, fmt: str) -> dict[str, Any]:
    """What the templates see: the manual, its labels, the language and the output format."""
    return {"manual": manual, "L": labels(lang), "lang": normalize_lang(lang), "format": fmt}


def render_text(manual: Manual, fmt: str, lang: str, dirs: Sequence[Path]) -> str:
    """Render ``manual`` as HTML (``html``; ``pdf`` is HTML laid out for WeasyPrint) or Markdown."""
    import jinja2

    env = environment("md" if fmt == "md" else "html", tuple(dirs))
    try:
        template = env.get_template(ENTRY[fmt])
        text = template.render(context(manual, lang, fmt))
    except (jinja2.TemplateError, ArithmeticError, LookupError, TypeError, ValueError,
            AttributeError, RecursionError, OSError) as exc:  # fmt: skip
        # A template is code: whatever it raises is the template's error, not a traceback.
        raise _template_error(exc, dirs) from None
    if fmt == "md":  # templates are easier to read with blank lines the output does not need
        text = _BLANK_LINES.sub("\n\n", _TRAILING_SPACE.sub("", text))
    return text


_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.M)


def render(manual: Manual, fmt: str, lang: str, dirs: Sequence[Path], library=None) -> bytes:
    """The bytes of ``manual`` in ``fmt`` (``html``, ``md`` or ``pdf``)."""
    text = render_text(manual, fmt, lang, dirs)
    if fmt != "pdf":
        return text.encode("utf-8")

    return html_to_pdf(text, locate=(lambda ch: locate_char(library, ch)) if library else None)


def locate_char(library: Library, char: str) -> Location | None:
    """Where ``char`` first appears in the library's files (to point at a missing glyph)."""
    paths = [e.path for e in library.entries]
    config = Path(library.root) / "sopkit.yaml"
    if config.is_file():
        paths.insert(0, str(config))
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        pos = text.find(char)
        if pos >= 0:
            line = text.count("\n", 0, pos) + 1
            col = pos - (text.rfind("\n", 0, pos) + 1) + 1
            return Location(path, line, col)
    return None


# --- writing ---------------------------------------------------------------------------------


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


def write_manuals(
    library: Library,
    out: str | Path,
    *,
    roles: Sequence[str] = (),
    department: str | None = None,
    combined: bool = False,
    fmt: str = "html",
    lang: str | None = None,
    templates: str | Path | None = None,
    issued: date | None = None,
) -> list[Path]:
    """Render the selected manuals and write them under ``out``; return the paths written.

    Every file is rendered before the first is written, and each is written atomically, so
    a failure (a template error, a missing font) leaves no new or half-written file.
    """
    if fmt not in FORMATS:
        raise ValueError(fmt)
    lang = normalize_lang(lang or library.config.locale)
    dirs = template_dirs(library.root, templates)
    planned = plan(
        library,
        roles=roles,
        department=department,
        combined=combined,
        issued=issued or date.today(),
    )
    rendered = [(f"{stem}.{fmt}", render(m, fmt, lang, dirs, library)) for stem, m in planned]
    out = Path(out)
    written = []
    for name, data in rendered:
        written.append(write_atomic(out, name, data))
    return written


def write_atomic(folder: Path, name: str, data: bytes) -> Path:
    """Write ``data`` to ``folder/name`` through a temporary file and ``os.replace``."""
    if Path(name).name != name or name.startswith("."):  # names come from safe_name
        raise ValueError(f"not a plain file name: {name!r}")
    target = folder / name
    try:
        write_bytes(target, data)
    except OSError as exc:
        raise ManualError(
            Diagnostic("manual-write", Location(str(target)), {"error": exc.strerror or str(exc)})
        ) from None
    return target
