from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Timing is not what these properties test: a loaded CI machine must not turn a slow
# example into a failure (HealthCheck and deadline errors are noise here).
settings.register_profile("sopkit", deadline=None, print_blob=True)
# The fuzz targets' fixed budget in CI (.ci/run): --hypothesis-profile fuzz.
settings.register_profile("fuzz", deadline=None, print_blob=True, max_examples=2000)
settings.load_profile("sopkit")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
SOPS = ROOT / "sops"


def write_tree(base: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` under ``base``; return ``base``."""
    for rel, content in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return base


@pytest.fixture
def base_library(tmp_path: Path) -> Path:
    """A copy of the small valid library in ``tests/corpus/base``."""
    lib = tmp_path / "lib"
    shutil.copytree(CORPUS / "base", lib)
    return lib


# --- every diagnostic code is produced by some test (issue 8) ------------------------------
#
# Every Diagnostic created while the suite runs (and every one unpickled from a worker
# process) records its code. When the whole suite ran — every test file collected, nothing
# deselected or skipped, every test finished and passed — a code of the catalogue that no
# test produced fails the run, so a code whose producer breaks cannot go unnoticed.

# Codes no input can reach, each with its reason. Keep this short.
UNREACHABLE_CODES: dict[str, str] = {
    # WeasyPrint installed but its system libraries (Pango) missing: the import itself fails.
    # Where the tests run, the pdf extra is either absent (manual-pdf-missing) or complete.
    "manual-pdf-libraries": "needs a machine with WeasyPrint but without Pango",
    # The importer's own safety net: its drafts are built to pass the single-document check,
    # and tests/importer/test_importer_seeds.py asserts that no input, however odd, reaches
    # this code.
    "import-draft-invalid": "a bug in the importer would reach it; no input may",
}

PRODUCED: set[str] = set()


def seen_in_subprocess(*codes: str) -> None:
    """Codes a test found in a ``sopkit`` subprocess's output (JSON codes, or the code's own
    message): the recorder below sees only diagnostics created in this process."""
    PRODUCED.update(codes)


def _record(cls) -> None:
    init, setstate = cls.__init__, cls.__setstate__

    def recording_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        PRODUCED.add(self.code)

    def recording_setstate(self, state):
        setstate(self, state)
        PRODUCED.add(self.code)

    cls.__init__ = recording_init
    cls.__setstate__ = recording_setstate


def _install_recorder() -> None:
    from sopkit.diagnostics import Diagnostic

    _record(Diagnostic)


_install_recorder()
_RUN = {"finished": 0, "skipped": 0, "deselected": 0}


def pytest_deselected(items):
    _RUN["deselected"] += len(items)


def pytest_runtest_logreport(report):
    if report.skipped:
        _RUN["skipped"] += 1
    if report.when == "teardown":
        _RUN["finished"] += 1


def _whole_suite_ran(session) -> bool:
    """Every test file collected, nothing deselected or skipped, every test finished."""
    config = session.config
    tests = Path(__file__).resolve().parent
    every_file = {p.resolve() for p in tests.rglob("test_*.py")}
    collected = {Path(item.path).resolve() for item in session.items}
    return (
        not config.option.keyword
        and not config.option.markexpr
        and not _RUN["deselected"]
        and not _RUN["skipped"]
        and every_file <= collected
        and _RUN["finished"] == len(session.items)
    )


def never_produced() -> list[str]:
    from sopkit.locale import en

    return sorted(set(en.MESSAGES) - PRODUCED - set(UNREACHABLE_CODES))


def pytest_sessionfinish(session, exitstatus):
    if not _whole_suite_ran(session):
        return
    missing = never_produced()
    if not missing:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line("")
        reporter.write_line(
            "diagnostic codes no test produced (write a test that does, or list the code in"
            f" UNREACHABLE_CODES in tests/conftest.py with the reason): {', '.join(missing)}",
            red=True,
        )
    if exitstatus == 0:  # with failing tests, some codes may be missing for that reason only
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
