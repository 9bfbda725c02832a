"""A generated quarter of inspections with known truths, and stores to record it into.

Three sites inspected with XC-CHK-01 twice a month, April to June 2026:

- BJ1 滨江壹号 gets worse (more failures every month) and names itself four ways (id, name,
  two aliases); item A1 fails at it five inspections in a row;
- HX2 海棠湾 improves: A2 fails in April and passes from May on (its action closes);
- QS3 青山苑 sends nothing in May;
- one sheet is copied under another name (a duplicate), and one is of the draft AC-CHK-01.

The sheets are written by ``sopkit checklist``'s writer and filled like a user's app would.
"""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from sopkit.app import load_library
from tests.checklist.test_scoring import best
from tests.checklist.test_workbook import fill, write
from tests.conftest import SOPS

SITES_YAML = """\
# 站点
sites:
  - id: BJ1
    name: 滨江壹号
    aliases: [滨江1号, 滨江一号]
    manager: 张敏
    schedule:
      XC-CHK-01: {every: month, times: 2}
  - id: HX2
    name: 海棠湾
    manager: 李强
    schedule:
      XC-CHK-01: {every: month, times: 2}
  - id: QS3
    name: 青山苑
    manager: 王芳
    schedule:
      XC-CHK-01: {every: month, times: 2}
"""

# (site as written, date, failed check items)
SHEETS = [
    ("滨江壹号", "2026-04-03", []),
    ("滨江1号", "2026-04-17", ["A1"]),
    ("BJ1", "2026-05-06", ["A1"]),
    ("滨江一号", "2026-05-20", ["A1", "B3"]),
    ("滨江壹号", "2026-06-04", ["A1", "B3"]),
    ("bj1", "2026-06-18", ["A1", "B3", "C3"]),
    ("海棠湾", "2026-04-05", ["A2", "B3", "C3"]),
    ("海棠湾", "2026-04-19", ["A2", "B3"]),
    ("海棠湾", "2026-05-08", ["B3"]),
    ("海棠湾", "2026-05-22", []),
    ("海棠湾", "2026-06-05", []),
    ("海棠湾", "2026-06-19", []),
    ("青山苑", "2026-04-10", []),
    ("青山苑", "2026-04-24", ["C3"]),
    ("青山苑", "2026-06-12", []),
    ("青山苑", "2026-06-26", []),
]
TODAY = "2026-07-01"


def make_library(folder: Path) -> Path:
    """A copy of sops/ with the quarter's sites.yaml."""
    lib = folder / "lib"
    shutil.copytree(SOPS, lib)
    (lib / "sites.yaml").write_text(SITES_YAML, encoding="utf-8")
    return lib


def make_quarter(folder: Path) -> tuple[Path, Path]:
    """The library and the inbox of filled sheets (see the module's docstring)."""
    lib = make_library(folder)
    library = load_library(lib)
    xc, ac = library.get("XC-CHK-01"), library.get("AC-CHK-01")
    form = write(xc, folder / "forms", organization=library.config.organization)
    inbox = folder / "inbox"
    inbox.mkdir()
    for n, (site, day, failed) in enumerate(SHEETS):
        answers = best(xc) | dict.fromkeys(failed, "×")
        header = {"site": site, "date": day, "inspector": "周检"}
        fill(form, answers, inbox / f"{n:02d}-{day}.xlsx", header=header)
    shutil.copy(inbox / "00-2026-04-03.xlsx", inbox / "copy of 00.xlsx")  # the duplicate
    draft = write(ac, folder / "forms", organization=library.config.organization)
    fill(draft, best(ac), inbox / "draft-AC.xlsx",
         header={"site": "滨江壹号", "date": "2026-05-10", "inspector": "周检"})  # fmt: skip
    return lib, inbox


def postgres_url() -> str | None:
    """The test server's URL; in CI its absence is a failure, not a skip."""
    url = os.environ.get("SOPKIT_TEST_POSTGRES_URL")
    if not url and os.environ.get("CI") == "true":
        pytest.fail("CI must run the PostgreSQL tests: SOPKIT_TEST_POSTGRES_URL is not set")
    return url


@contextmanager
def fresh_store(kind: str, folder: Path):
    """A new empty store: a SQLite file, or a new database on the test PostgreSQL server."""
    if kind == "sqlite":
        yield str(folder / f"store-{uuid.uuid4().hex[:8]}.sqlite")
        return
    url = postgres_url()
    if not url:
        pytest.skip("set SOPKIT_TEST_POSTGRES_URL to run against PostgreSQL (CI does)")
    import psycopg

    name = f"sopkit_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base = url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
