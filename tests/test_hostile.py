"""Hostile and broken input (issue 9): no crash, no hang, no lost file, no silently wrong
result. Anything that could hang runs in a subprocess with a hard ``timeout=``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sopkit.documents.check import check_bytes
from tests.conftest import ROOT

ROLE = (
    "kind: role\nid: R-X\ntitle: t\nversion: '1'\neffective: 2026-01-01\n"
    "department: d\nsummary: s\nduties: [{area: a, description: b}]\n"
)


def sopkit(*args: str, timeout: float = 60, cwd: Path | None = None, **kw):
    """Run the CLI in a subprocess that is killed after ``timeout`` seconds."""
    return subprocess.run(
        [sys.executable, "-m", "sopkit", *args],
        capture_output=True, text=True, timeout=timeout, cwd=cwd or ROOT, **kw,
    )  # fmt: skip


def codes(raw: str | bytes, name: str = "x.yaml") -> list[str]:
    data = raw.encode() if isinstance(raw, str) else raw
    return [d.code for d in check_bytes(data, name)[2]]


# --- 5: many unknown keys ---------------------------------------------------------------


def test_fifty_thousand_unknown_keys_are_capped_and_fast(tmp_path):
    (tmp_path / "r.yaml").write_text(ROLE + "".join(f"junk{i}: 1\n" for i in range(50_000)))
    result = sopkit("validate", str(tmp_path), "--lang", "en", "--format", "json", timeout=30)
    assert result.returncode == 1, result.stderr
    assert result.stdout.count('"code": "unknown-key"') == 100
    assert '"code": "too-many-findings"' in result.stdout


def test_a_misspelt_required_key_is_still_reported_once_with_its_guess():
    found = codes(ROLE.replace("department:", "departmnt:"))
    assert found == ["unknown-key"]
