"""Read documents as they were at a git revision, and the sides of a ``sopkit diff``.

Git is run as a subprocess (``git show REV:path``, ``git ls-tree``, ``git cat-file
--batch``); no Python git library is needed. Everything here reads, nothing writes to the
repository.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sopkit.diagnostics import Diagnostic, Report
from sopkit.doccontrol.changes import DiffResult
from sopkit.doccontrol.diff import Side, diff_pair, diff_sides
from sopkit.documents.check import check_bytes, check_file
from sopkit.documents.library import load_library

HISTORY_LIMIT = 200  # commits searched for the approved content of one file


class GitError(Exception):
    """Git could not answer: not a repository, an unknown revision, git missing."""


class DocumentsError(Exception):
    """A side of the comparison has documents that do not load; carries the report."""

    def __init__(self, report: Report):
        super().__init__("documents with errors")
        self.report = report


def git(args: list[str], cwd: str | Path, *, stdin: bytes | None = None) -> bytes:
    """Run ``git ARGS`` in ``cwd``; raise :class:`GitError` with git's message on failure."""
    if not Path(cwd).is_dir():
        raise GitError(f"{cwd}: no such folder")
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def _folder(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def toplevel(path: str | Path) -> Path | None:
    """The root of the work tree holding ``path``, or ``None`` outside a repository."""
    try:
        out = git(["rev-parse", "--show-toplevel"], _folder(Path(path).absolute()))
    except GitError:
        return None
    return Path(out.decode("utf-8").strip())


def _relative(path: Path, top: Path) -> str:
    return Path(os.path.relpath(os.path.realpath(path), os.path.realpath(top))).as_posix()


def resolve(rev: str, cwd: str | Path) -> str:
    """The commit hash ``rev`` names; :class:`GitError` when it names none."""
    if rev.startswith("-"):
        raise GitError(f"{rev!r} is not a revision")
    try:
        out = git(["rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"], cwd)
    except GitError:
        raise GitError(f"unknown revision {rev!r}") from None
    return out.decode().strip()


def read_blobs(specs: list[str], cwd: str | Path) -> list[bytes | None]:
    """Contents of ``REV:path`` objects in one ``git cat-file --batch``; ``None`` if missing."""
    if not specs:
        return []
    # --follow-symlinks: a document committed as a link reads as the file it points to.
    stdin = "".join(s + "\n" for s in specs).encode("utf-8", "surrogateescape")
    out = git(["cat-file", "--batch", "--follow-symlinks"], cwd, stdin=stdin)
    blobs: list[bytes | None] = []
    pos = 0
    for _ in specs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs.append(out[pos : pos + size])
            pos += size + 1
        elif len(header) == 2 and header[0] in (b"symlink", b"dangling", b"loop", b"notdir"):
            pos += int(header[1]) + 1  # a link out of the repository, or broken: no document
            blobs.append(None)
        else:  # "<spec> missing", or a tree
            blobs.append(None)
    return blobs


def _spec(commit: str, name: str, mode: bytes, oid: bytes) -> str:
    """What to ask ``cat-file`` for: the object id (safe for any name, a newline included),
    or ``commit:name`` for a symbolic link, which only a path can follow."""
    if mode == b"120000" and "\n" not in name:
        return f"{commit}:{name}"
    return oid.decode()


def show_file(rev: str, path: str | Path) -> bytes | None:
    """The file at ``path`` as it was at ``rev``; ``None`` when it did not exist then."""
    path = Path(path).absolute()
    top = toplevel(path.parent if not path.exists() else path)
    if top is None:
        raise GitError(f"{path}: not in a git repository")
    commit = resolve(rev, top)
    rel = _relative(path, top)
    listing = git(["ls-tree", "-z", "--full-tree", commit, "--", rel], top)
    for record in listing.split(b"\0"):
        meta, _, name = record.partition(b"\t")
        if name.decode("utf-8", "surrogateescape") == rel and meta.split()[1] == b"blob":
            mode, _, oid = meta.split()
            return read_blobs([_spec(commit, rel, mode, oid)], top)[0]
    return None


def tree_files(rev: str, folder: str | Path) -> dict[str, bytes]:
    """Every ``*.yaml``/``*.yml`` file under ``folder`` at ``rev``: ``{relative path: bytes}``."""
    folder = Path(folder).absolute()
    top = toplevel(folder)
    if top is None:
        raise GitError(f"{folder}: not in a git repository")
    commit = resolve(rev, top)
    prefix = _relative(folder, top)
    prefix = "" if prefix == "." else prefix + "/"
    listing = git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix or "."], top)
    names, specs = [], []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        path = name.decode("utf-8", "surrogateescape")
        mode, kind, oid = meta.split()
        if kind == b"blob" and path.endswith((".yaml", ".yml")):
            names.append(path)
            specs.append(_spec(commit, path, mode, oid))
    blobs = read_blobs(specs, top)
    return {n[len(prefix) :]: b for n, b in zip(names, blobs, strict=True) if b is not None}


@dataclass(frozen=True, slots=True)
class Commit:
    hash: str
    date: str

    @property
    def short(self) -> str:
        return self.hash[:7]


def file_history(path: str | Path, limit: int = HISTORY_LIMIT) -> list[tuple[Commit, bytes]]:
    """The committed versions of ``path``, newest first (empty outside a repository)."""
    path = Path(path).absolute()
    top = toplevel(path)
    if top is None:
        return []
    rel = _relative(path, top)
    try:
        log = git(["log", f"-n{limit}", "--format=%H %cs", "--", rel], top).decode()
    except GitError:
        return []  # e.g. a repository without commits yet
    commits = [Commit(*line.split(" ", 1)) for line in log.splitlines() if line.strip()]
    blobs = read_blobs([f"{c.hash}:{rel}" for c in commits], top)
    return [(c, b) for c, b in zip(commits, blobs, strict=True) if b is not None]


# --- the sides of a diff ----------------------------------------------------------------


def load_side(raw: bytes | None, display: str, report: Report) -> Side | None:
    """Parse one document; its problems go to ``report``."""
    if raw is None:
        return None
    doc, source, diags = check_bytes(raw, display, rules=False)  # the model only, as diff sees
    report.extend(diags)
    return Side(doc, display, source) if doc is not None else None


def _file_side(path: Path, report: Report) -> Side | None:
    doc, source, diags = check_file(path, rules=False)
    report.extend(diags)
    return Side(doc, str(path), source) if doc is not None else None


def _library_sides(folder: Path, display: str | None = None) -> tuple[list[Side], Report]:

    lib = load_library(folder)
    sides = []
    for entry in lib.entries:
        if entry.doc is None:
            continue
        shown = entry.path
        if display is not None:
            shown = display + Path(entry.path).relative_to(folder).as_posix()
        sides.append(Side(entry.doc, shown, entry.source))
    report = Report(files=lib.report.files)
    # A document that does not load would look removed: those errors stop the diff.
    # Problems between documents (an unknown role, say) do not hide anything from it.
    failed = {e.path for e in lib.entries if e.doc is None}
    for d in lib.report.errors:
        if d.location.file not in failed:
            continue
        if display is not None:  # a temporary copy: show where the file was in git
            rel = Path(d.location.file).relative_to(folder).as_posix()
            loc = d.location.__class__(display + rel, d.location.line, d.location.col)
            d = Diagnostic(d.code, loc, d.args, d.severity)
        report.add(d)
    return sides, report


def compare_paths(old: str | Path, new: str | Path) -> DiffResult:
    """Compare two files or two library folders.

    Raises :class:`DocumentsError` when a document does not load, ``FileNotFoundError`` /
    ``ValueError`` when the paths are not two files or two folders.
    """
    old, new = Path(old), Path(new)
    for p in (old, new):
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such file or folder")
    if old.is_dir() and new.is_dir():
        a, ra = _library_sides(old)
        b, rb = _library_sides(new)
        _raise_errors(ra, rb)
        return diff_sides(a, b)
    if old.is_dir() or new.is_dir():
        raise ValueError("compare two files or two folders, not a file with a folder")
    report = Report(files=2)
    a_side, b_side = _file_side(old, report), _file_side(new, report)
    _raise_errors(report)
    assert a_side is not None and b_side is not None
    return diff_pair(a_side, b_side)


def compare_revision(path: str | Path, rev: str) -> DiffResult:
    """Compare a file or library folder as it was at git revision ``rev`` with the work tree.

    Raises :class:`GitError` (not a repository, unknown revision) and
    :class:`DocumentsError`.
    """
    path = Path(path)
    if path.is_dir():
        files = tree_files(rev, path)
        with tempfile.TemporaryDirectory(prefix="sopkit-rev-") as tmp:
            for rel, raw in files.items():
                target = Path(tmp, rel)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(raw)
            prefix = "" if path.as_posix() in ("", ".") else path.as_posix().rstrip("/") + "/"
            a, ra = _library_sides(Path(tmp), display=f"{rev}:{prefix}")
        b, rb = _library_sides(path)
        _raise_errors(ra, rb)
        return diff_sides(a, b)
    report = Report(files=2)
    raw = show_file(rev, path)
    if raw is None and not path.exists():
        raise FileNotFoundError(f"{path}: neither in the work tree nor at {rev}")
    before = load_side(raw, f"{rev}:{path.as_posix()}", report)
    after = _file_side(path, report) if path.exists() else None
    _raise_errors(report)
    if before and after:
        return diff_pair(before, after)
    return diff_sides([before] if before else [], [after] if after else [])


def _raise_errors(*reports: Report) -> None:
    merged = Report(files=sum(r.files for r in reports))
    for r in reports:
        merged.extend(r.errors)
    if merged.diagnostics:
        raise DocumentsError(merged)
