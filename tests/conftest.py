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
