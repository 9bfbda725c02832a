"""Hostile and broken input (issue 9): no crash, no hang, no lost file, no silently wrong
result. Anything that could hang runs in a subprocess with a hard ``timeout=``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sopkit.app import load_library
from sopkit.documents.check import check_bytes
from tests.conftest import ROOT, seen_in_subprocess

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
    seen_in_subprocess("too-many-findings")


def test_a_misspelt_required_key_is_still_reported_once_with_its_guess():
    found = codes(ROLE.replace("department:", "departmnt:"))
    assert found == ["unknown-key"]


# --- 6: numbers and versions of absurd size -----------------------------------------------


def test_numbers_too_long_for_python_or_a_manual_are_refused_at_load(tmp_path):
    for value in ("9" * 5000, "0o" + "7" * 100_000, "0x" + "f" * 50, "1" * 41 + ".5"):
        assert codes(ROLE + f"headcount: {value}\n") == ["number-too-long"], value[:8]
    assert codes(ROLE + "headcount: " + "9" * 40 + "\n") == []  # 40 characters are allowed
    (tmp_path / "r.yaml").write_text(ROLE + "headcount: " + "9" * 5000 + "\n")
    result = sopkit("validate", str(tmp_path), "--lang", "en")
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout


def test_a_version_part_of_thousands_of_digits_is_an_invalid_version():
    doc = ROLE.replace("version: '1'", "version: '1." + "0" * 5000 + "'")
    assert codes(doc) == ["invalid-version"]


# --- 17: ids are text as written ----------------------------------------------------------


def test_an_id_written_as_a_number_is_an_error_quoting_it_as_written():
    for written in ("007", "0x1F", "1.5"):
        doc, _, diags = check_bytes(ROLE.replace("id: R-X", f"id: {written}").encode(), "r.yaml")
        assert doc is None and [d.code for d in diags] == ["id-not-string"]
        assert f'"{written}"' in diags[0].hint("en") and diags[0].location.line == 2
    assert codes(ROLE + "reports_to: 0x1F\n") == ["id-not-string"]


# --- 18: control characters ---------------------------------------------------------------


def test_control_characters_are_refused_with_their_line_and_column():
    for escape in ("\\0", "\\a", "\\e[31m", "\\x7f", "\\x85x\\x9b"):
        doc = ROLE.replace("summary: s", f'summary: "a{escape}b"')
        _, _, diags = check_bytes(doc.encode(), "r.yaml")
        assert [d.code for d in diags] == ["control-character"], escape
        assert (diags[0].location.line, diags[0].location.col) == (7, 10)
        assert "\\x" in diags[0].message("en")
    assert codes(ROLE.replace("summary: s", 'summary: "tab\\tand\\nnewline"')) == []
    assert codes(ROLE + '"x\\e]0;title\\a": 1\n') == ["control-character"]


# --- 7: dates past the year 9999 ----------------------------------------------------------


def test_due_dates_past_year_9999_saturate_instead_of_crashing(tmp_path):
    from datetime import date

    from sopkit.doccontrol.due import add_duration, horizon

    assert add_duration(date(9999, 6, 1), "1y") == date.max
    assert add_duration(date(2026, 1, 1), "9999y") == date.max
    assert add_duration(date(9999, 12, 1), "9999d") == date.max
    assert horizon(date(2026, 1, 1), "9999y") == date.max
    doc = ROLE.replace("effective: 2026-01-01", "effective: 9999-06-01") + "review_every: 1y\n"
    (tmp_path / "r.yaml").write_text(doc)
    (tmp_path / "s.yaml").write_text(ROLE.replace("R-X", "R-Y") + "review_every: 9999y\n")
    for args in ((), ("--within", "9999y")):
        result = sopkit("due", str(tmp_path), "--lang", "en", *args)
        assert (result.returncode, result.stderr) == (0, "")  # never due: nothing listed


# --- 14: an unreadable folder ---------------------------------------------------------------


def test_an_unreadable_sub_folder_is_an_error_not_silently_skipped(tmp_path, monkeypatch):
    import os

    (tmp_path / "roles").mkdir()
    (tmp_path / "r.yaml").write_text(ROLE)
    (tmp_path / "roles" / "s.yaml").write_text(ROLE.replace("R-X", "R-Y"))
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("roles"):  # root can read anything: refuse it here
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = load_library(tmp_path).report
    assert [(d.code, Path(d.location.file).name) for d in report.errors] == [
        ("unreadable", "roles")
    ]


# --- 23: escape sequences never reach the terminal raw -------------------------------------


def test_escape_sequences_in_names_and_cells_are_shown_not_sent(tmp_path):
    from io import StringIO

    from sopkit.reporters import visible, write_table

    (tmp_path / "ok\x1b]0;owned\x07.yaml").write_text(ROLE)
    (tmp_path / "bad\x1b[2J.yaml").write_text(ROLE.replace("R-X", "R-Y") + "oops: 1\n")
    for command in ("validate", "list"):
        result = sopkit(command, str(tmp_path), "--lang", "en")
        assert result.returncode == 1
        both = result.stdout + result.stderr
        assert "\x1b" not in both and "\x07" not in both
        assert "\\x1b" in both
    out = StringIO()
    write_table([{"a": "x\x1b[31my\nz"}], [("a", "A")], out)
    assert out.getvalue().splitlines()[2] == "x\\x1b[31my\\x0az"
    assert visible("line\n\tnext\x9b") == "line\n\tnext\\x9b"


# --- 9: an output is never an input --------------------------------------------------------


def test_score_refuses_a_summary_path_that_is_one_of_the_forms(tmp_path):
    import os

    forms = tmp_path / "forms"
    assert sopkit("checklist", "sops", "KF-CHK-01", "-o", str(forms)).returncode == 0
    form = forms / "KF-CHK-01.xlsx"
    before = form.read_bytes()
    os.link(form, tmp_path / "hard.xlsx")
    (tmp_path / "soft.xlsx").symlink_to(form)
    relative = Path(os.path.relpath(form, ROOT))
    for out in (form, tmp_path / "hard.xlsx", tmp_path / "soft.xlsx", relative):
        result = sopkit("score", str(forms), "--lib", "sops", "--out", str(out))
        assert result.returncode == 2, (out, result.stderr)
        assert result.stderr.count("\n") == 1 and "--out" in result.stderr
        assert form.read_bytes() == before


# --- 11: two ids, one file name -------------------------------------------------------------


def test_ids_that_give_the_same_file_name_are_an_error_naming_both(tmp_path):
    (tmp_path / "a.yaml").write_text(ROLE.replace("R-X", "KF-LB"))
    (tmp_path / "b.yaml").write_text(ROLE.replace("R-X", '"KF-LB."'))
    [diag] = load_library(tmp_path).report.errors
    assert diag.code == "file-name-clash" and diag.location.line == 2
    assert "KF-LB." in diag.message("en") and "a.yaml" in diag.message("en")
    result = sopkit("manual", str(tmp_path), "-o", str(tmp_path / "out"), "--lang", "en")
    assert result.returncode == 1 and not (tmp_path / "out").exists()


# --- 12: temporary files of a killed run ----------------------------------------------------


def test_stale_temporary_files_of_our_own_pattern_are_removed(tmp_path):
    import os
    import time

    from sopkit.atomic import write_bytes

    stale = tmp_path / ".KF-LB.html.k3j_x9a2.tmp"
    fresh = tmp_path / ".KF-ZG.html.ab12cd34.tmp"  # another run may be writing it right now
    theirs = tmp_path / ".notes.tmp"
    for path in (stale, fresh, theirs):
        path.write_bytes(b"")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    os.utime(theirs, (old, old))
    write_bytes(tmp_path / "KF-LB.html", b"x")
    assert not stale.exists() and fresh.exists() and theirs.exists()


# --- 10: bump and approve respect the file system ------------------------------------------


def _bumpable(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "lib" / "KF-LB.yaml"
    target.parent.mkdir()
    shutil.copy(ROOT / "sops" / "roles" / "KF-LB.yaml", target)
    return target


def test_bump_edits_a_symlinks_target_and_keeps_hard_links_and_owner(tmp_path):
    import os

    from sopkit.doccontrol.bump import bump

    target = _bumpable(tmp_path)
    link = tmp_path / "lib" / "link.yaml"
    link.symlink_to(target.name)
    bump(link, "minor", "x", author="a")
    assert link.is_symlink() and "- version:" in target.read_text()
    hard = tmp_path / "hard.yaml"
    os.link(target, hard)
    bump(target, "minor", "y", author="a")
    assert os.path.samefile(target, hard) and "changes: y" in hard.read_text()
    os.unlink(hard)
    if os.geteuid() == 0:  # only root can give the file to someone else
        os.chown(target, 4321, 4321)
        bump(target, "minor", "z", author="a")
        assert (target.stat().st_uid, target.stat().st_gid) == (4321, 4321)


def test_bump_refuses_a_read_only_file_even_as_root(tmp_path):
    target = _bumpable(tmp_path)
    target.chmod(0o444)
    before = target.read_bytes()
    result = sopkit("bump", str(target), "--minor", "--note", "x")
    assert result.returncode == 2 and "read-only" in result.stderr
    assert result.stderr.count("\n") == 1 and target.read_bytes() == before
    result = sopkit("approve", str(target), "--by", "x")
    assert result.returncode == 2 and target.read_bytes() == before


def test_an_edit_saved_while_bump_ran_is_not_overwritten(tmp_path, monkeypatch):
    import pytest

    from sopkit.atomic import FileChanged
    from sopkit.doccontrol import bump, yamledit

    target = _bumpable(tmp_path)
    theirs = target.read_bytes() + b"# saved by the editor meanwhile\n"

    def meanwhile(path):
        target.write_bytes(theirs)

    monkeypatch.setattr(yamledit, "_check_in_library", meanwhile)
    with pytest.raises(FileChanged):
        bump.bump(target, "minor", "x", author="a")
    assert target.read_bytes() == theirs


# --- 8: could not run is exit 2 and one plain line ------------------------------------------


def _one_plain_line(result) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    assert result.stderr.startswith("sopkit: ") and result.stderr.count("\n") <= 2


def test_writing_to_a_full_device_is_one_plain_line(tmp_path):
    import resource

    forms = tmp_path / "forms"
    assert sopkit("checklist", "sops", "KF-CHK-01", "-o", str(forms)).returncode == 0
    for args in (("validate", "sops"), ("list", "sops"), ("score", str(forms), "--lib", "sops")):
        with open("/dev/full", "w") as full:
            result = subprocess.run(
                [sys.executable, "-m", "sopkit", *args], stdout=full, stderr=subprocess.PIPE,
                text=True, timeout=60, cwd=ROOT,
            )  # fmt: skip
        _one_plain_line(result)

    def small_files():  # a disk that is full after 2 KB
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    for args in (
        ("checklist", "sops", "KF-CHK-01", "-o", str(tmp_path / "out")),
        ("score", str(forms), "--lib", "sops", "--out", str(tmp_path / "sum.xlsx")),
    ):
        _one_plain_line(sopkit(*args, preexec_fn=small_files))


def test_a_user_template_that_raises_is_one_plain_line_naming_it(tmp_path):
    import shutil

    lib = tmp_path / "lib"
    shutil.copytree(ROOT / "sops", lib)
    (lib / "templates").mkdir()
    cover = lib / "templates" / "cover.html.j2"
    for text in (
        b"{{ 1/0 }}",
        b"{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "<p>测试</p>".encode("gb18030"),
    ):
        cover.write_bytes(text)
        result = sopkit("manual", str(lib), "--role", "KF-LB", "-o", str(tmp_path / "o"))
        _one_plain_line(result)
        assert "cover.html.j2" in result.stderr and "manual.html.j2" not in result.stderr


def test_a_pdf_with_no_font_installed_is_refused_not_a_crash(tmp_path):
    import os

    import pytest

    pytest.importorskip("weasyprint")
    (tmp_path / "fonts.conf").write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{tmp_path}/none</dir>'
        f"<cachedir>{tmp_path}/cache</cachedir></fontconfig>"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "fonts.conf")}
    result = sopkit("manual", "sops", "--role", "KF-LB", "-f", "pdf", "-o", str(tmp_path / "o"),
                    "--lang", "en", env=env)  # fmt: skip
    _one_plain_line(result)
    assert "no font is installed" in result.stderr  # manual-no-fonts' message
    seen_in_subprocess("manual-no-fonts")


# --- 19: Markdown block syntax in a value stays text -----------------------------------------


def test_values_at_a_line_start_do_not_become_markdown_blocks(base_library, tmp_path):
    from sopkit.reporters import md_escape

    proc = base_library / "proc.yaml"
    refs = ["# 标题", "---", "1. 第一", "- 列表", "==="]
    text = proc.read_text("utf-8").replace("steps:", "references:\n" + "".join(
        f"  - '{r}'\n" for r in refs) + "steps:", 1)  # fmt: skip
    proc.write_text(text, "utf-8")
    out = tmp_path / "o"
    result = sopkit("manual", str(base_library), "-f", "md", "-o", str(out), "--all")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = next(out.iterdir()).read_text("utf-8").splitlines()
    for shown in ("- \\# 标题", "- \\---", "- 1\\. 第一", "- \\- 列表", "- \\==="):
        assert shown in lines
    assert md_escape("1.1") == "1.1" and md_escape("-5 度") == "-5 度"


# --- 1, 2, 4: workbooks and files nobody vouches for ----------------------------------------


def _form(tmp_path: Path) -> Path:
    forms = tmp_path / "forms"
    assert sopkit("checklist", "sops", "KF-CHK-01", "-o", str(forms)).returncode == 0
    return forms / "KF-CHK-01.xlsx"


def _score_json(*paths: Path, timeout: float = 60) -> list[dict]:
    import json

    result = sopkit("score", *map(str, paths), "--lib", "sops", "-f", "json", timeout=timeout)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def _codes_of(sheet: dict) -> list[str]:
    return [d["code"] for d in sheet["errors"] + sheet.get("warnings", [])]


def test_a_cell_at_xfd1048576_is_refused_before_reading_and_the_batch_goes_on(tmp_path):
    import openpyxl

    good = _form(tmp_path)
    wb = openpyxl.load_workbook(good)
    wb.worksheets[0]["XFD1048576"] = "x"
    wb.save(good.parent / "corner.xlsx")
    sheets = _score_json(good.parent, timeout=60)
    by_file = {Path(s["file"]).name: s for s in sheets}
    assert by_file["corner.xlsx"]["status"] == "unreadable"
    assert _codes_of(by_file["corner.xlsx"]) == ["sheet-too-large"]
    seen_in_subprocess("sheet-too-large")
    assert by_file["KF-CHK-01.xlsx"]["status"] != "unreadable"


def test_a_zip_bomb_is_refused_by_its_decompressed_size(tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member,
    ):
        chunk = b"<c/>" * (1 << 18)
        for _ in range(300):  # 300 MB of XML in ~300 KB
            member.write(chunk)
    assert bomb.stat().st_size < 2 * 10**6
    [sheet] = _score_json(bomb, timeout=60)
    assert sheet["status"] == "unreadable" and _codes_of(sheet) == ["file-unpacks-too-large"]
    seen_in_subprocess("file-unpacks-too-large")


def test_a_fifo_or_device_is_never_opened(tmp_path):
    import os

    forms = _form(tmp_path).parent
    os.mkfifo(forms / "x.xlsx")  # opening it for reading would block forever
    sheets = _score_json(forms, timeout=30)
    [fifo] = [s for s in sheets if s["file"].endswith("x.xlsx")]
    assert fifo["status"] == "unreadable" and _codes_of(fifo) == ["unreadable"]
    result = sopkit("checklist", "sops", "KF-CHK-01", "--sites", "/dev/zero",
                    "-o", str(tmp_path / "o"), timeout=30)  # fmt: skip
    assert result.returncode == 2 and "not a regular file" in result.stderr


def test_sites_files_in_utf16_or_gb18030_are_read(tmp_path):
    for encoding in ("utf-16", "gb18030"):
        sites = tmp_path / f"sites-{encoding}.txt"
        sites.write_bytes("锦华\n嘉园\n".encode(encoding))
        out = tmp_path / encoding
        result = sopkit("checklist", "sops", "KF-CHK-01", "--sites", str(sites), "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert sorted(p.name for p in out.iterdir()) == [
            "KF-CHK-01-嘉园.xlsx", "KF-CHK-01-锦华.xlsx"
        ]  # fmt: skip


def test_a_file_that_kills_its_worker_costs_that_file_not_the_batch(tmp_path, monkeypatch):
    import os

    from sopkit.app import load_library as load
    from sopkit.checklist import batch

    form = _form(tmp_path)
    for n in range(30):
        (form.parent / f"copy{n:02}.xlsx").write_bytes(form.read_bytes())
    (form.parent / "killer.xlsx").write_bytes(form.read_bytes())
    real = batch.score_workbook

    def score_workbook(path, *args, **kw):
        if str(path).endswith("killer.xlsx"):
            os._exit(134)  # what an abort in the native reader does to a worker
        return real(path, *args, **kw)

    monkeypatch.setattr(batch, "score_workbook", score_workbook)
    paths = sorted(form.parent.iterdir())
    scores = batch.score_paths(paths, load(ROOT / "sops").checklists, jobs=2)
    assert len(scores) == 32
    [killed] = [s for s in scores if s.file.endswith("killer.xlsx")]
    assert killed.status == "unreadable"
    assert all(s.status != "unreadable" for s in scores if s is not killed)


# --- 3: the _sopkit sheet is untrusted -------------------------------------------------------


def test_meta_columns_that_are_not_letters_do_not_hang_the_reader(tmp_path):
    import openpyxl

    from sopkit.checklist.answers import normalize
    from sopkit.checklist.reader import label_index

    form = _form(tmp_path)
    wb = openpyxl.load_workbook(form)
    index = label_index()
    for row in wb.worksheets[0].iter_rows():
        for cell in row:  # rename the table's labels: the reader falls back on the meta sheet
            if isinstance(cell.value, str) and index.get(normalize(cell.value)):
                cell.value = "改名"
    meta = wb["_sopkit"]
    for row in meta.iter_rows():
        if row[0].value == "columns":
            for cell, value in zip(row[1:4], ("B", "1", "ZZZZ"), strict=True):
                cell.value = value
    wb.save(form)
    [sheet] = _score_json(form, timeout=30)  # read by the default columns
    assert sheet["status"] == "incomplete"


# --- 16: one file, one score ------------------------------------------------------------------


def test_the_same_form_given_twice_or_by_another_path_is_scored_once(tmp_path):
    import os

    form = _form(tmp_path)
    (tmp_path / "link.xlsx").symlink_to(form)
    paths = (form, Path(os.path.relpath(form, ROOT)), form, tmp_path / "link.xlsx", form.parent)
    assert len(_score_json(*paths)) == 1


# --- 22: a file name that is not UTF-8 ----------------------------------------------------------


def test_a_form_whose_name_is_not_utf8_is_read_and_reported(tmp_path):
    import os

    import openpyxl

    form = _form(tmp_path)
    odd = Path(os.fsdecode(bytes(tmp_path / "forms") + b"/\xb2\xe2\xca\xd4.xlsx"))
    form.rename(odd)
    for fmt in ("json", "csv", "table"):
        result = sopkit("score", str(tmp_path / "forms"), "--lib", "sops", "-f", fmt,
                        "--out", str(tmp_path / f"{fmt}.xlsx"))  # fmt: skip
        assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
        assert "xb2" in result.stdout and "file-corrupt" not in result.stdout
        openpyxl.load_workbook(tmp_path / f"{fmt}.xlsx")  # a valid workbook


# --- 15: error values are not blank answers -------------------------------------------------


def test_error_values_in_answer_cells_are_invalid_answers_not_blanks(tmp_path):
    import json

    import openpyxl

    form = _form(tmp_path)
    wb = openpyxl.load_workbook(form)
    meta = {row[0].value: [c.value for c in row[1:]] for row in wb["_sopkit"].iter_rows()}
    result_column = meta["columns"][1]
    first_row = meta["rows"][0].split()[0].split("=")[1]
    cell = wb[meta["sheet"][0]][f"{result_column}{first_row}"]
    cell.value = "#N/A"
    assert cell.data_type == "e"  # saved as an error value, as Excel does
    wb.save(form)
    result = sopkit("score", str(form), "--lib", "sops", "-f", "json", "--missing", "na")
    [sheet] = json.loads(result.stdout)
    assert sheet["status"] != "ok" and result.returncode == 1
    assert any(d["code"].startswith("answer-invalid") for d in sheet["errors"]), sheet


# --- at scale: did-you-mean over many ids -----------------------------------------------------


def test_did_you_mean_over_thirty_thousand_ids_finds_the_best_match():
    import difflib
    import random

    from sopkit.documents.library import Suggester

    ids = [f"{p}-{n:04}" for p in ("KF-LB", "XC-ZG", "AC-JL") for n in range(10_000)]
    suggester = Suggester(ids)
    rng = random.Random(1)
    for _ in range(8):
        value = rng.choice(ids)
        i = rng.randrange(len(value))
        typo = value[:i] + rng.choice("0123456789ABX") + value[i + 1 :]
        got = suggester.suggest(typo)
        [best] = difflib.get_close_matches(typo, ids, 1, 0.6)
        ratio = difflib.SequenceMatcher(None, typo, got).ratio()
        assert ratio == difflib.SequenceMatcher(None, typo, best).ratio()
    # the shortlist is what makes it cheap: never more than SHORTLIST comparisons
    assert len(Suggester(ids[:10]).ids) == 10


# --- 21: diff --rev over links and odd names ----------------------------------------------------


def test_diff_rev_follows_committed_links_and_reads_names_with_newlines(tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    (tmp_path / "shared").mkdir()
    (tmp_path / "lib").mkdir()
    (tmp_path / "shared" / "r.yaml").write_text(ROLE)
    (tmp_path / "lib" / "r.yaml").symlink_to("../shared/r.yaml")
    (tmp_path / "lib" / "odd\nname.yaml").write_text(ROLE.replace("R-X", "R-Y"))
    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x")
    for target in ("lib", "lib/r.yaml", "lib/odd\nname.yaml"):
        result = sopkit("diff", target, "--rev", "HEAD", "--exit-code", cwd=tmp_path)
        assert result.returncode == 0, (target, result.stdout, result.stderr)  # nothing changed


# --- 20: grade bands a spreadsheet formula can hold ---------------------------------------------


def test_the_most_grade_bands_allowed_give_a_formula_excel_can_hold(tmp_path):
    import openpyxl

    from sopkit.documents.rules import MAX_GRADE_CHARS, MAX_GRADES

    name = "优" * (MAX_GRADE_CHARS // MAX_GRADES)
    bands = "".join(
        f"    - {{name: {name[: MAX_GRADE_CHARS // MAX_GRADES - 2]}{i:02}, min: {95 - 5 * i}}}\n"
        for i in range(MAX_GRADES)
    )
    doc = (
        "kind: checklist\nid: C-G\ntitle: t\nversion: '1'\neffective: 2026-01-01\n"
        "scoring:\n  pass: 80\n  grades:\n" + bands +
        "sections:\n  - title: a\n    items: [{id: A1, text: t, points: 5}]\n"
    )  # fmt: skip
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "c.yaml").write_text(doc)
    result = sopkit("checklist", str(tmp_path / "lib"), "-o", str(tmp_path / "o"))
    assert result.returncode == 0, result.stdout + result.stderr
    sheet = openpyxl.load_workbook(next((tmp_path / "o").iterdir())).worksheets[0]
    formulas = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    grade = max((f for f in formulas if f.startswith("=")), key=len)
    assert len(grade) <= 8192 and grade.count("IF(") <= 64


# --- 24: plain, right messages ----------------------------------------------------------------


def test_utf16_without_bom_is_named_with_an_iconv_that_works(tmp_path):
    [diag] = check_bytes(ROLE.encode("utf-16-le"), "r.yaml")[2]
    assert diag.code == "encoding" and "UTF-16" in diag.message("en")
    assert "iconv -f UTF-16LE" in diag.hint("en")
    [diag] = check_bytes(b"a: \xff\xfe\xfa\n", "r.yaml")[2]
    assert "unknown" not in diag.message("en") and "GB18030" not in diag.hint("en")


def test_an_id_in_lookalike_letters_is_one_error_not_a_cascade(tmp_path):
    (tmp_path / "boss-role.yaml").write_text(ROLE.replace("R-X", "КF-LB"))  # Cyrillic К
    for n in range(8):
        (tmp_path / f"r{n}.yaml").write_text(
            ROLE.replace("R-X", f"R-{n}") + "reports_to: KF-LB\n"
        )  # fmt: skip
    (tmp_path / "full.yaml").write_text(ROLE.replace("R-X", "ＫＦ-ZG"))  # full width
    (tmp_path / "z.yaml").write_text(ROLE.replace("R-X", "R-Z") + "reports_to: KF-ZG\n")
    codes_found = sorted(d.code for d in load_library(tmp_path).report.errors)
    assert codes_found == ["invalid-id", "invalid-id"]


def test_a_config_that_is_a_folder_or_a_dead_link_is_reported(tmp_path):
    (tmp_path / "r.yaml").write_text(ROLE)
    (tmp_path / "sopkit.yaml").mkdir()
    assert [d.code for d in load_library(tmp_path).report.errors] == ["unreadable"]
    (tmp_path / "sopkit.yaml").rmdir()
    (tmp_path / "sopkit.yaml").symlink_to(tmp_path / "gone.yaml")
    [diag] = load_library(tmp_path).report.errors
    assert diag.code == "unreadable" and "link" in diag.message("en")


def test_sizes_are_not_rounded_to_the_limit_and_invisible_answers_are_visible(tmp_path):
    from sopkit.reporters import visible

    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * 5_100_000 + b"\n")
    [diag] = load_library(tmp_path).report.errors
    assert "5.1 MB" in diag.message("en") and "5.0 MB" in diag.message("en")
    assert visible("\u200b") == "\\u200b" and visible("合格\u202e") == "合格\\u202e"


def test_a_utf16_csv_form_is_read_not_called_corrupt(tmp_path):
    import csv
    import io

    import openpyxl

    form = _form(tmp_path)
    sheet = openpyxl.load_workbook(form).worksheets[0]
    text = io.StringIO()
    csv.writer(text).writerows(
        [["" if c is None else c for c in row] for row in sheet.iter_rows(values_only=True)]
    )
    (tmp_path / "form.csv").write_bytes(text.getvalue().encode("utf-16"))  # Excel's "Unicode"
    [scored] = _score_json(tmp_path / "form.csv")
    assert scored["checklist"] == "KF-CHK-01" and scored["status"] != "unreadable"
