"""``score`` and ``record`` put each sheet of a batch in the same place (one owner:
``SheetScore.outcome``): a skipped file, a copy of an inspection, a sheet that cannot be
scored and a scored one are counted alike by both commands."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from sopkit.cli import app
from tests.checklist.test_scoring import FROZEN, best
from tests.checklist.test_workbook import XC, fill, write

HEADER = {"site": "滨江壹号", "date": "2026-05-03", "inspector": "张敏"}


def test_score_and_record_count_a_batch_alike(tmp_path):
    form = write(XC, tmp_path / "forms")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    answers = best(XC)
    fill(form, answers, inbox / "a.xlsx", header=HEADER)
    shutil.copy(inbox / "a.xlsx", inbox / "a - 副本.xlsx")  # the same inspection again
    half = dict(list(answers.items())[:2])  # unanswered items: not scored (--missing error)
    fill(form, half, inbox / "b.xlsx", header={**HEADER, "inspector": "李强"})
    shutil.copy(inbox / "b.xlsx", inbox / "b - 副本.xlsx")  # a copy of a sheet not scored
    (inbox / "notes.txt").write_text("not a form", encoding="utf-8")

    result = CliRunner().invoke(app, ["score", str(inbox), "--lib", str(FROZEN), "--lang", "en"])
    assert result.exit_code == 1
    assert "5 file(s): 1 scored, 1 passed, 0 failed, 1 with problems" in result.output

    args = ["record", str(inbox), "--lib", str(FROZEN), "--db", str(tmp_path / "s.sqlite"),
            "--format", "json"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    files = json.loads(result.stdout)["files"]
    assert {f["sheet"] for f in files} == {"检查表", None}  # the sheet in its own field
    states = {f["file"].rsplit("/", 1)[-1]: f["state"] for f in files}
    assert states == {"a.xlsx": "recorded", "a - 副本.xlsx": "duplicate",
                      "b.xlsx": "not-recorded", "b - 副本.xlsx": "duplicate",
                      "notes.txt": "skipped"}  # fmt: skip


def test_record_json_gives_the_sheet_its_own_field_in_findings_too(tmp_path):
    form = write(XC, tmp_path / "forms")
    path = fill(form, best(XC), tmp_path / "nodate.xlsx", header={**HEADER, "date": "下周一"})
    args = ["record", str(path), "--lib", str(FROZEN), "--db", str(tmp_path / "s.sqlite"),
            "--format", "json", "--lang", "en"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["files"] == [{"file": str(path), "sheet": "检查表", "state": "not-recorded"}]
    [found] = [d for d in data["diagnostics"] if d["code"] == "record-no-date"]
    assert (found["file"], found["sheet"]) == (str(path), "检查表")
    text = CliRunner().invoke(app, [*args[:-4], "--lang", "en"]).stdout
    assert f"{path} [检查表]: error[record-no-date]" in text  # the text names it as before


def test_record_text_labels_each_hint(tmp_path):
    """The record report reads as validate's and score's do: ``    hint: …`` under the
    finding (it printed the hint bare, and an empty line for a finding without one)."""
    form = write(XC, tmp_path / "forms")
    answers = best(XC)
    first = next(i for i, a in answers.items() if a == "合格")
    path = fill(form, {**answers, first: "合个"}, tmp_path / "a.xlsx", header=HEADER)
    args = ["record", str(path), "--lib", str(FROZEN), "--db", str(tmp_path / "s.sqlite"),
            "--lang", "en"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    at = next(n for n, line in enumerate(lines) if "error[answer-invalid-check]" in line)
    assert lines[at + 1].startswith("    hint: Did you mean '合格'?")
    assert all(line.strip() for line in lines)


def test_english_csv_headers_are_capitalised_alike(tmp_path):
    """The last two headers of 'score -f csv --lang en' were 'sheet' and 'added rows'."""
    form = write(XC, tmp_path / "forms")
    path = fill(form, best(XC), tmp_path / "a.xlsx", header=HEADER)
    args = ["score", str(path), "--lib", str(FROZEN), "-f", "csv", "--lang", "en"]
    header = CliRunner().invoke(app, args).stdout.lstrip("\ufeff").splitlines()[0].split(",")
    assert header[-2:] == ["Sheet", "Added rows"]
    assert all(h[:1].isupper() for h in header)
