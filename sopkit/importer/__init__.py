"""Word and text files → draft documents in a library (``sopkit import``).

:func:`import_files` reads each file (:mod:`~sopkit.importer.read`, :mod:`~.word`), finds
the job descriptions and work instructions in it (:mod:`~.segment`), builds one draft per
document (:mod:`~.build`), writes it as commented YAML (:mod:`~.emit`) — but only after the
one single-document check (:mod:`sopkit.documents.check`) has passed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sopkit.atomic import safe_name, write_bytes
from sopkit.diagnostics import Diagnostic, Location, Report, Severity
from sopkit.documents.check import check_bytes
from sopkit.importer.base import ImportProblem
from sopkit.importer.build import Draft, build
from sopkit.importer.emit import render
from sopkit.importer.read import read_lines
from sopkit.importer.segment import Src, segment

__all__ = ["FOLDERS", "FileResult", "ImportResult", "Written", "import_files"]

FOLDERS = {"role": "roles", "procedure": "procedures"}


@dataclass(slots=True)
class Written:
    kind: str
    id: str
    title: str
    path: Path | None  # None when not written (exists, or did not validate)
    duties: int  # duties (role) or steps (procedure) in the draft
    numbered: int  # numbered source lines that became duties or steps
    unplaced: int


@dataclass(slots=True)
class FileResult:
    file: str
    drafts: list[Written] = field(default_factory=list)
    readable: bool = True


@dataclass(slots=True)
class ImportResult:
    files: list[FileResult] = field(default_factory=list)
    report: Report = field(default_factory=Report)

    @property
    def could_not_read(self) -> list[Diagnostic]:
        return [d for d in self.report.errors if d.code in UNREADABLE]


UNREADABLE = {
    "import-unreadable", "import-empty", "import-too-large", "import-unsupported",
    "import-damaged", "import-zip-bomb", "import-doc-needs-libreoffice", "import-doc-failed",
    "import-write-failed",
}  # fmt: skip


def _where(file: str, src: Src) -> Location:
    if src.line is not None:
        return Location(file, line=src.line, col=1)
    return Location(file, cell=src.where)


def _warn(code: str, where: Location, **args) -> Diagnostic:
    return Diagnostic(code, where, args, Severity.WARNING)


def import_files(
    paths: list[Path],
    library: Path,
    kind: str | None = None,
    *,
    lang: str = "zh-CN",
    today: date | None = None,
    force: bool = False,
) -> ImportResult:
    """Import every file of ``paths`` into ``library`` as drafts.

    A file that cannot be read gets one error (its code in :data:`UNREADABLE`) and the
    others are still imported. Inputs are never written; a draft whose path is an input,
    or that exists already (without ``force``), is not written.
    """
    result = ImportResult()
    inputs = {p.resolve() for p in paths}
    taken: set[str] = set()
    for path in paths:
        shown = str(path)
        entry = FileResult(shown)
        result.files.append(entry)
        result.report.files += 1
        if path.is_dir():
            result.report.add(
                Diagnostic("import-unreadable", Location(shown), {"error": "a folder"})
            )
            entry.readable = False
            continue
        try:
            lines, notes = read_lines(path, shown)
        except ImportProblem as exc:
            result.report.add(exc.diagnostic)
            entry.readable = False
            continue
        result.report.extend(notes)
        docs, outside = segment(lines, kind, safe_name(path.stem))
        for src in outside:
            result.report.add(_warn("import-skipped", _where(shown, src), text=_short(src.text)))
        if not docs:
            result.report.add(_warn("import-no-document", Location(shown)))
        for doc in docs:
            draft = build(doc, taken, safe_name(path.stem), today or date.today())
            entry.drafts.append(_write(draft, shown, library, inputs, lang, force, result.report))
    return result


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _write(draft: Draft, shown: str, library: Path, inputs: set[Path], lang: str,
           force: bool, report: Report) -> Written:  # fmt: skip
    """Check the draft's YAML and write it, reporting what it left out."""
    target = library / FOLDERS[draft.kind] / f"{safe_name(draft.id)}.yaml"
    count = len(draft.data.get("duties") or draft.data.get("steps") or [])
    written = Written(draft.kind, draft.id, draft.title, None, count, draft.duty_sources,
                      len(draft.unplaced))  # fmt: skip
    first = Location(shown)
    for src in draft.unplaced:
        report.add(_warn("import-unplaced", _where(shown, src), text=_short(src.text), id=draft.id))
    if draft.missing:
        report.add(
            _warn("import-field-missing", first, id=draft.id, fields=", ".join(draft.missing))
        )
    text = render(draft, Path(shown).name, lang)
    _, _, diags = check_bytes(text.encode("utf-8"), str(target))
    errors = [d for d in diags if d.severity is Severity.ERROR]
    if errors:  # a bug in the importer: say so rather than write a broken file
        problem = f"{errors[0].code} {errors[0].args}"
        report.add(Diagnostic("import-draft-invalid", first,
                              {"id": draft.id, "problem": problem}))  # fmt: skip
        return written
    if target.resolve() in inputs:
        report.add(Diagnostic("import-output-is-input", Location(str(target))))
        return written
    if target.exists() and not force:
        report.add(_warn("import-exists", Location(str(target)), id=draft.id))
        return written
    try:
        written.path = write_bytes(target, text.encode("utf-8"))
    except OSError as exc:  # a read-only folder, a full disk, a file where a folder must be
        report.add(Diagnostic("import-write-failed", Location(str(target)),
                              {"error": exc.strerror or str(exc)}))  # fmt: skip
    return written
