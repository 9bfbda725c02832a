"""Problems in sopkit.yaml speak of sopkit.yaml, and show what was written (issue 9, item 24)."""

from __future__ import annotations

from sopkit.app import validate


def _found(tmp_path, text: str):
    (tmp_path / "sopkit.yaml").write_text(text, encoding="utf-8")
    report = validate(tmp_path)
    return [d for d in report.diagnostics if d.location.file.endswith("sopkit.yaml")]


def test_sopkit_yaml_that_is_not_key_value_lines_gets_its_own_hint(tmp_path):
    [d] = _found(tmp_path, "- organization: 滨江物业\n")
    assert d.code == "config-not-a-mapping"
    assert (d.location.line, d.location.col) == (1, 1)
    hint = d.hint("en")
    assert "organization" in hint and "locale" in hint and "results" in hint
    assert "kind: role" not in hint and "KF-LB" not in hint  # a document's, not sopkit.yaml's
    assert "sopkit.yaml" in d.message("zh-CN") and "locale" in d.hint("zh-CN")


def test_locale_null_is_shown_as_written(tmp_path):
    for written, col in (("null", 9), ("~", 9), ("", 8)):
        line = f"locale: {written}".rstrip()
        [d] = _found(tmp_path, f"organization: 滨江物业\n{line}\n")
        assert d.code == "invalid-choice"
        assert (d.location.line, d.location.col) == (2, col)
        assert d.args["value"] == written
        assert "None" not in d.message("en") and f"'{written}'" in d.message("en")
