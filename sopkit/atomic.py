"""File names that stay in their folder, and atomic writes.

A write goes to a temporary file in the target's folder, then ``os.replace``.

A failed run leaves the old file (or none) in place, never half a file. A replaced file
keeps its permissions; a new one gets the usual ``0o666 & ~umask`` rather than the
``0o600`` of a temporary file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

MAX_NAME_BYTES = 100  # a name part; ids, sites and suffixes stay under the usual 255 bytes
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?\Z", re.I)
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def safe_name(text: str, limit: int = 80) -> str:
    """``text`` as one file-name component, safe on Windows and unable to leave its folder."""
    name = unicodedata.normalize("NFC", text)
    name = _UNSAFE.sub("_", name).strip().strip(".").strip()
    name = re.sub(r"\s+", " ", name)[:limit].rstrip(" .")
    while len(name.encode("utf-8")) > MAX_NAME_BYTES:  # file systems count bytes, not characters
        name = name[:-1].rstrip(" .")
    if not name or set(name) <= {"_", "."}:
        name = "_"
    if _RESERVED.match(name):
        name = "_" + name
    return name


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


STALE_SECONDS = 3600  # a temporary file this old belongs to a run that was killed
_TEMP = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp\Z")  # what tempfile.mkstemp makes below
_swept: set[str] = set()


def sweep_stale(folder: str | Path) -> list[Path]:
    """Remove our own temporary files (``.NAME.xxxxxxxx.tmp``) left in ``folder`` by a run
    that was killed (``kill -9``, power loss); each folder is swept once per process, and a
    file younger than an hour may belong to a run still going, so it stays."""
    key = os.path.abspath(folder)
    if key in _swept:
        return []
    _swept.add(key)
    removed = []
    now = time.time()
    try:
        entries = list(os.scandir(key))
    except OSError:
        return []
    for entry in entries:
        if entry.name.startswith(".") and _TEMP.match(entry.name):
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_SECONDS:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _refuse_special(path: Path) -> None:
    """Only a plain file (or nothing) may be replaced: ``os.replace`` would put a workbook
    where ``/dev/full``, a named pipe or a folder was, even for root."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "not a regular file (a device, pipe or socket): sopkit "
                      "writes its outputs as plain files", str(path))  # fmt: skip


def write_with(path: str | Path, write: Callable[[str], None]) -> Path:
    """Create ``path`` by calling ``write(temporary_path)``, then move it into place. A
    folder, device, pipe or socket at ``path`` (``-o /dev/full``) is refused, not replaced."""
    path = Path(path)
    _refuse_special(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_umask()
        with contextlib.suppress(OSError):
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    return write_with(path, lambda tmp: Path(tmp).write_bytes(data))


def same_file(path: str | Path, others: Iterable[str | Path]) -> Path | None:
    """The first of ``others`` that is ``path`` itself (the same name, a link to it, or the
    same file by another path), or ``None``: an output must never replace an input."""
    target = Path(path)
    try:
        info = target.stat()
    except OSError:
        info = None
    absolute = os.path.abspath(target)
    for other in others:
        if os.path.abspath(other) == absolute:
            return Path(other)
        if info is not None:
            try:
                if os.path.samestat(info, os.stat(other)):
                    return Path(other)
            except OSError:
                continue
    return None


class FileChanged(OSError):
    """The file changed on disk between reading it and replacing it: nothing was written."""

    def __init__(self, path: str | Path):
        super().__init__(
            errno.EAGAIN,
            "the file was changed by someone else while sopkit edited it; nothing was written,"
            " run the command again",
            str(path),
        )


def rewrite(path: str | Path, data: bytes, *, expected: bytes) -> Path:
    """Replace the contents of a file the user keeps, as the file system says it may be.

    ``expected`` is what was read: if the file holds anything else just before the
    replace, :class:`FileChanged` is raised. A symbolic link is followed (the target is
    edited, the link stays); a read-only file (no write bit, even for root) raises
    ``PermissionError``; a file with hard links, or owned by another user whom we cannot
    give the new file to, is written in place so that links and owner stay.
    """
    target = Path(os.path.realpath(path))
    info = target.stat()
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise PermissionError(
            errno.EACCES, "the file is read-only (make it writable first)", str(path)
        )
    others = info.st_uid != os.geteuid() or info.st_gid != os.getegid()
    if info.st_nlink > 1 or (others and os.geteuid() != 0):
        with open(target, "r+b") as handle:
            if handle.read() != expected:
                raise FileChanged(path)
            handle.seek(0)
            handle.write(data)
            handle.truncate()
        return Path(path)

    def write(tmp: str) -> None:
        Path(tmp).write_bytes(data)
        if others:
            os.chown(tmp, info.st_uid, info.st_gid)
        if target.read_bytes() != expected:
            raise FileChanged(path)

    write_with(target, write)
    return Path(path)
