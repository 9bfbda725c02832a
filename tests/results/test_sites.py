"""sites.yaml: validated like every document, in the JSON Schema, used by checklist --sites
and by sopkit record to name sites."""

from __future__ import annotations

import json

import jsonschema
import yaml
from typer.testing import CliRunner

from sopkit.app import load_library
from sopkit.cli import app
from sopkit.documents.schema import json_schema
from tests.results.results_quarter import SITES_YAML, make_library, make_quarter


def diags(lib) -> list[tuple[str, str, int | None, int | None, str]]:
    report = load_library(lib).report
    return [(d.code, d.location.file.rsplit("/", 1)[-1], d.location.line, d.location.col,
             d.hint("en")) for d in report.sorted()]  # fmt: skip


def test_a_valid_sites_file_loads_and_is_not_a_document(tmp_path):
    lib = make_library(tmp_path)
    library = load_library(lib)
    assert library.report.ok(strict=True), library.report.diagnostics
    assert [s.id for s in library.sites.sites] == ["BJ1", "HX2", "QS3"]
    assert library.sites.sites[0].spellings() == ["BJ1", "滨江壹号", "滨江1号", "滨江一号"]
    assert library.sites.sites[0].schedule["XC-CHK-01"].times == 2


def test_mistakes_are_located_with_did_you_mean(tmp_path):
    lib = make_library(tmp_path)
    broken = (SITES_YAML.replace("    manager: 李强", "    manger: 李强")
              .replace("aliases: [滨江1号, 滨江一号]", "aliases: [滨江1号, 海棠湾]")
              .replace("      XC-CHK-01: {every: month, times: 2}\n  - id: QS3",
                       "      XC-CHK-1: {every: monthly, times: 2}\n  - id: QS3"))  # fmt: skip
    (lib / "sites.yaml").write_text(broken, encoding="utf-8")
    found = diags(lib)
    codes = {d[0]: d for d in found}
    assert codes["unknown-key"][1:4] == ("sites.yaml", 11, 5)
    assert "Did you mean 'manager'" in codes["unknown-key"][4]
    assert codes["invalid-choice"][1:3] == ("sites.yaml", 13)
    assert "month" in codes["invalid-choice"][4]


def test_cross_checks_name_the_line(tmp_path):
    lib = make_library(tmp_path)
    broken = SITES_YAML.replace("aliases: [滨江1号, 滨江一号]", "aliases: [滨江1号, 海棠湾]")
    broken = broken.replace("      XC-CHK-01: {every: month, times: 2}\n  - id: QS3",
                            "      XC-CHK-1: {every: month, times: 2}\n  - id: QS3")  # fmt: skip
    (lib / "sites.yaml").write_text(broken, encoding="utf-8")
    found = {d[0]: d for d in diags(lib)}
    assert found["duplicate-site"][1:3] == ("sites.yaml", 10)  # HX2: 海棠湾 is an alias of BJ1
    assert found["unknown-checklist"][1:4] == ("sites.yaml", 13, 7)
    assert "XC-CHK-01" in found["unknown-checklist"][4]


def test_a_broken_sites_file_is_an_error_with_its_line(tmp_path):
    lib = make_library(tmp_path)
    (lib / "sites.yaml").write_text("sites:\n  - id: BJ1\n    name: [\n", encoding="utf-8")
    assert diags(lib)[0][:3] == ("yaml-syntax", "sites.yaml", 4)
    result = CliRunner().invoke(app, ["validate", str(lib)])
    assert result.exit_code == 1 and "sites.yaml:4" in result.output


def test_the_json_schema_describes_sites():
    schema = json_schema("sites")
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(SITES_YAML), schema)
    bad = {"sites": [{"id": "X1", "name": "x", "schedule": {"A": {"every": "day"}}}]}
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)
    out = CliRunner().invoke(app, ["schema", "sites"]).output
    assert json.loads(out)["title"] == "sites.yaml"


def test_checklist_sites_takes_the_sites_file(tmp_path):
    lib = make_library(tmp_path)
    out = tmp_path / "forms"
    result = CliRunner().invoke(app, ["checklist", str(lib), "XC-CHK-01", "--sites",
                                      str(lib / "sites.yaml"), "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "XC-CHK-01-海棠湾.xlsx", "XC-CHK-01-滨江壹号.xlsx", "XC-CHK-01-青山苑.xlsx"]  # fmt: skip
    bad = tmp_path / "bad-sites.yaml"
    bad.write_text("sites:\n  - id: BJ1\n    nam: x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["checklist", str(lib), "--sites", str(bad), "-o",
                                      str(out), "--lang", "en"])  # fmt: skip
    assert result.exit_code == 1 and "bad-sites.yaml:3:5" in result.output


def test_checklist_sites_checks_the_file_as_the_library_checks_its_own(tmp_path):
    """A sites file given to --sites with a site twice or a schedule naming no checklist was
    taken as it was: a second form for the same site, named 海棠苑-2, exit 0."""
    lib = make_library(tmp_path)
    given = tmp_path / "given-sites.yaml"
    text = "sites:\n  - id: HT\n    name: 海棠苑\n  - id: BJ\n    name: 海棠苑\n"
    given.write_text(text + "    schedule:\n      XC-CHK-1: {every: month}\n", encoding="utf-8")
    out = tmp_path / "forms"
    result = CliRunner().invoke(app, ["checklist", str(lib), "XC-CHK-01", "--sites", str(given),
                                      "-o", str(out), "--lang", "en"])  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "given-sites.yaml:5:11: error[duplicate-site]: '海棠苑' already names site HT" in (
        result.output
    )
    assert "given-sites.yaml:7:7: error[unknown-checklist]" in result.output
    assert "Did you mean 'XC-CHK-01'?" in result.output
    assert not out.exists()


def test_an_unknown_site_is_a_warning_with_did_you_mean(tmp_path):
    lib, inbox = make_quarter(tmp_path)
    from tests.checklist.test_scoring import best
    from tests.checklist.test_workbook import fill

    xc = load_library(lib).get("XC-CHK-01")
    fill(inbox / "05-2026-06-18.xlsx", best(xc), tmp_path / "typo.xlsx",
         header={"site": "海棠弯", "date": "2026年6月30日"})  # fmt: skip
    args = ["record", str(tmp_path / "typo.xlsx"), "--lib", str(lib), "--db",
            str(tmp_path / "s.sqlite"), "--lang", "en"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "warning[site-unknown]" in result.output and "海棠湾 (HX2)" in result.output

    report = json.loads(CliRunner().invoke(app, ["report", "--lib", str(lib), "--db",
                        str(tmp_path / "s.sqlite"), "--format", "json"]).output)  # fmt: skip
    assert [(p["site"], p["period"]) for p in report["periods"]] == [("海棠弯", "2026-06")]


def test_a_sheet_without_a_date_or_site_is_not_recorded(tmp_path):
    lib, inbox = make_quarter(tmp_path)
    from tests.checklist.test_scoring import best
    from tests.checklist.test_workbook import fill

    xc = load_library(lib).get("XC-CHK-01")
    src = inbox / "05-2026-06-18.xlsx"
    fill(src, best(xc), tmp_path / "nodate.xlsx", header={"date": "下周一"})
    fill(src, best(xc), tmp_path / "nosite.xlsx", header={"site": " ", "date": "2026-06-01"})
    args = [
        "record",
        str(tmp_path / "nodate.xlsx"),
        str(tmp_path / "nosite.xlsx"),
        "--lib",
        str(lib),
        "--db",
        str(tmp_path / "s.sqlite"),
        "--lang",
        "en",
        "-f",
        "json",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    out = json.loads(result.output)
    assert out["recorded"] == 0 and out["not_recorded"] == 2
    assert {d["code"] for d in out["diagnostics"]} == {"record-no-date", "record-no-site"}
