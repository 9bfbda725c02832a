"""The templates ship with sopkit: a built wheel and an editable install both render manuals.

These build a real wheel and a real editable install (a few seconds each, offline: they use
the setuptools of the running environment, which the dev extra pins).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.manual.test_manual import LIB

SOURCES = ("sopkit", "templates", "pyproject.toml", "setup.py", "README.md")
TEMPLATES = sorted(p.name for p in (ROOT / "templates").iterdir() if p.is_file())


def _run(*args, **kw) -> subprocess.CompletedProcess:
    kw.setdefault("timeout", 300)
    result = subprocess.run(args, capture_output=True, text=True, **kw)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _checkout(tmp: Path) -> Path:
    """A copy of what a source distribution holds, so the build leaves the checkout alone."""
    src = tmp / "src"
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            src.mkdir(exist_ok=True)
            shutil.copy(path, src / name)
    return src


def _pip(*args: str, cwd: Path) -> None:
    _run(sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args, cwd=cwd)


def _render_with(python: str, env: dict, cwd: Path) -> tuple[Path, str]:
    """Run ``sopkit manual`` with ``python`` from ``cwd``; return the output and sopkit's path."""
    out = cwd / "out"
    code = (
        "import sys, sopkit, sopkit.manual.templating as m; from sopkit.cli import main;"
        "print(sopkit.__file__); print(m.builtin_templates());"
        f"sys.argv = ['sopkit', 'manual', {str(LIB)!r}, '--role', 'R-MID', '-o', {str(out)!r}];"
        "main()"
    )
    result = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "R-MID.html", result.stdout


def _clean_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return {**env, **extra}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    src = _checkout(tmp)
    _pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp / "dist"), str(src), cwd=tmp)
    (path,) = (tmp / "dist").glob("sopkit-*.whl")
    return path


def test_wheel_contains_every_template(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert sorted(n.split("/")[-1] for n in names if n.startswith("sopkit/templates/")) == TEMPLATES


def test_installed_wheel_renders_a_manual(wheel, tmp_path):
    site = tmp_path / "site"
    _pip("install", "--no-deps", "--target", str(site), str(wheel), cwd=tmp_path)
    html, printed = _render_with(sys.executable, _clean_env(PYTHONPATH=str(site)), tmp_path)
    sopkit_file, templates = printed.splitlines()[:2]
    assert Path(sopkit_file).is_relative_to(site)
    assert Path(templates) == site / "sopkit" / "templates"
    assert "客服领班" in html.read_text(encoding="utf-8")


def test_editable_install_renders_a_manual(tmp_path):
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    python = str(venv / "bin" / "python")
    # The new environment sees this one's packages (dependencies, pip, setuptools) …
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    here = [p for p in sys.path if p.endswith("site-packages")]
    Path(purelib.stdout.strip(), "deps.pth").write_text("\n".join(here) + "\n", encoding="utf-8")
    # … but gets its own editable sopkit, which must win over this environment's one.
    src = _checkout(tmp_path)
    _run(
        python,
        "-m",
        "pip",
        "--disable-pip-version-check",
        "-q",
        "install",
        "--no-deps",
        "--no-build-isolation",
        "--ignore-installed",
        "-e",
        str(src),
        cwd=tmp_path,
    )
    html, printed = _render_with(python, _clean_env(), tmp_path)
    sopkit_file, templates = printed.splitlines()[:2]
    assert Path(sopkit_file).is_relative_to(src)
    assert Path(templates) == src / "templates"
    assert "客服领班" in html.read_text(encoding="utf-8")
