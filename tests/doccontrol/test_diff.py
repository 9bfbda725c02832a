"""Semantic diff (sopkit diff): matching by id and content, step numbers, moves, warnings,
renderers, and comparisons against git revisions in a temporary repository."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sopkit.cli import app
from sopkit.doccontrol.changes import render_markdown, render_text
from sopkit.doccontrol.diff import Side, diff_documents, diff_pair
from sopkit.doccontrol.history import compare_paths, compare_revision
from sopkit.documents.parse import parse_document
from sopkit.documents.source import load_bytes
from sopkit.reporters import md_escape
from tests.conftest import SOPS, write_tree

XC_SOP = (SOPS / "procedures" / "XC-SOP-01.yaml").read_text("utf-8")
KF_LB = (SOPS / "roles" / "KF-LB.yaml").read_text("utf-8")
XC_CHK = (SOPS / "checklists" / "XC-CHK-01.yaml").read_text("utf-8")


def side(text: str, name: str = "doc.yaml") -> Side:
    source = load_bytes(text.encode("utf-8"), name)
    doc, diags = parse_document(source)
    assert doc is not None, [d.to_dict() for d in diags]
    return Side(doc, name, source)


def changes(old: str, new: str) -> list[tuple[str, str, str, str]]:
    result = diff_pair(side(old, "old.yaml"), side(new, "new.yaml"))
    return [(c.op, c.element, c.label, c.field) for c in result.documents[0].changes]


def replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def git(repo, *args):
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=repo, check=True, capture_output=True,
    )  # fmt: skip


# --- what counts as a change ------------------------------------------------------------


def test_formatting_is_not_a_change():
    reformatted = KF_LB.replace('version: "1.1"', "version: '1.1'  # quoted differently")
    reformatted = reformatted.replace("headcount: 2", "headcount:   2\n\n# a comment")
    reformatted = "x-note: ignored\n" + reformatted
    assert changes(KF_LB, reformatted) == []
    result = diff_pair(side(KF_LB), side(reformatted))
    assert result.documents[0].status == "unchanged" and result.warnings == []


def test_field_and_nested_field_changes():
    new = replace(KF_LB, "headcount: 2", "headcount: 3")
    new = replace(new, "education: 大专以上", "education: 本科以上")
    assert changes(KF_LB, new) == [
        ("changed", "field", "headcount", ""),
        ("changed", "field", "qualifications.education", ""),
    ]


def test_edited_duty_is_changed_not_replaced():
    new = replace(
        KF_LB, "定期统计盘点部门物资,拟订采购计划。", "每月统计盘点部门物资,拟订采购计划。"
    )
    result = diff_pair(side(KF_LB), side(new)).documents[0]
    (change,) = result.changes
    assert (change.op, change.element, change.field) == ("changed", "duty", "description")
    assert change.old.startswith("定期") and change.new.startswith("每月")


def test_duties_added_removed_and_moved():
    new = replace(
        KF_LB,
        "  - area: 制度建设\n    description: 根据管理工作需要拟订相关管理制度,提交客服主管审核。\n"
        "    kpi: 制度100%健全\n",
        "",
    )
    added = "  - area: 安全检查\n    description: 每周检查消防通道。\n"
    new = replace(new, "  - area: 有偿服务\n", added + "  - area: 有偿服务\n")
    ops = {(op, label.split(" ", 1)[1]) for op, el, label, _ in changes(KF_LB, new) if el == "duty"}
    assert ops == {("removed", "制度建设"), ("added", "安全检查")}


def test_text_lists_report_entries():
    new = replace(KF_LB, "  - 领导技巧\n", "  - 领导技巧\n  - 消防知识\n")
    assert changes(KF_LB, new) == [("added", "entry", "training", "")]


# --- steps ----------------------------------------------------------------------------------


def test_steps_are_named_by_their_display_numbers():
    new = replace(XC_SOP, "      - id: smile\n        text: 全程微笑服务。\n", "")
    new = replace(new, "对客服务用语一律使用普通话。", "对客服务用语一律使用标准普通话。")
    got = changes(XC_SOP, new)
    assert ("removed", "step", "1.4", "") in got
    assert ("changed", "step", "1.3", "text") in got
    # Removing 1.4 renumbers what follows in its group, which is not a move.
    assert not [c for c in got if c[0] == "moved"]


def test_step_without_id_is_matched_by_content():
    old_text = "电瓶车岗须经公司专门审批后方可设立。"
    new = replace(XC_SOP, old_text, "电瓶车岗须经公司专门审批后方可设立并备案。")
    assert changes(XC_SOP, new) == [("changed", "step", "3.2.1", "text")]


def test_moved_step_shows_old_and_new_numbers():
    block = (
        "              - id: close-hall\n                text: 检查并关闭大厅门窗、灯光和空调。\n"
    )
    new = replace(XC_SOP, block, "")
    new = replace(
        new,
        "                text: 检核岗位物品,与接班巡逻岗做工作交接,并填写《交接记录表》。\n"
        "                records: [handover-log]\n",
        "                text: 检核岗位物品,与接班巡逻岗做工作交接,并填写《交接记录表》。\n"
        "                records: [handover-log]\n" + block,
    )
    result = diff_pair(side(XC_SOP), side(new)).documents[0]
    (move,) = result.changes
    assert (move.op, move.label, move.old_label, move.ref) == (
        "moved", "2.2.5.3", "2.2.5.1", "close-hall",
    )  # fmt: skip


def test_step_moved_to_another_group():
    block = "      - id: smile\n        text: 全程微笑服务。\n"
    new = replace(XC_SOP, block, "")
    new = replace(
        new,
        "          - id: xxg-patrol\n",
        "          - id: smile\n            text: 全程微笑服务。\n          - id: xxg-patrol\n",
    )
    moves = [c for c in diff_pair(side(XC_SOP), side(new)).documents[0].changes]
    assert [(c.op, c.old_label, c.label) for c in moves] == [("moved", "1.4", "2.1.4")]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 999), min_size=1, max_size=12, unique=True),
    st.data(),
)
def test_random_edits_of_a_step_list_are_found_exactly(keys, data):
    """Steps with distinct texts: what was deleted is 'removed', what was inserted 'added',
    nothing else is reported whatever the permutation."""

    def text(n: int) -> str:  # unrelated texts: nothing is similar enough to be "changed"
        digest = hashlib.sha256(str(n).encode()).digest()
        return "".join(chr(0x4E00 + b * 7 % 2000) for b in digest[:12])

    def doc(numbers):
        steps = "".join(f"  - text: {text(n)}\n" for n in numbers)
        return (
            'kind: procedure\nid: P\ntitle: t\nversion: "1"\neffective: 2026-01-01\n'
            f"purpose: p\nscope: s\nsteps:\n{steps}"
        )

    kept = data.draw(st.lists(st.sampled_from(keys), unique=True))
    inserted = data.draw(st.lists(st.integers(1000, 1999), unique=True, max_size=4))
    new_keys = data.draw(st.permutations(kept + inserted))
    if not new_keys:
        return
    result = diff_pair(side(doc(keys)), side(doc(new_keys))).documents[0]
    removed = {c.old for c in result.changes if c.op == "removed"}
    added = {c.new for c in result.changes if c.op == "added"}
    assert removed == {text(k) for k in keys if k not in kept}
    assert added == {text(k) for k in inserted}
    assert not [c for c in result.changes if c.op == "changed"]


# --- checklists -----------------------------------------------------------------------------


def test_item_changes_and_moves_between_sections():
    new = replace(
        XC_CHK, "        per: 5\n        points: 10\n", "        per: 5\n        points: 15\n"
    )
    block = (
        "      - id: A2\n        text: 对客使用普通话,微笑服务\n        type: check\n"
        "        points: 5\n        step: XC-SOP-01#mandarin\n"
    )
    new = replace(new, block, "")
    new = replace(new, "    items:\n      - id: B1\n", "    items:\n" + block + "      - id: B1\n")
    got = changes(XC_CHK, new)
    assert ("moved", "item", "A2", "") in got
    assert ("changed", "item", "B4", "points") in got
    assert len(got) == 2


def test_renamed_item_id_is_a_change_of_id():
    new = replace(XC_CHK, "      - id: E3\n", "      - id: E9\n")
    assert changes(XC_CHK, new) == [("changed", "item", "E9", "id")]


# --- versions -------------------------------------------------------------------------------


def test_content_change_without_version_change_warns_at_the_version_line():
    new = replace(KF_LB, "headcount: 2", "headcount: 3")
    result = diff_pair(side(KF_LB, "old.yaml"), side(new, "new.yaml"))
    (warning,) = result.warnings
    assert warning.code == "version-unchanged"
    assert (warning.location.file, warning.location.line, warning.location.col) == (
        "new.yaml", 5, 10,
    )  # fmt: skip


def test_lower_version_warns_and_raised_version_does_not():
    changed = replace(KF_LB, "headcount: 2", "headcount: 3")
    lower = replace(changed, 'version: "1.1"\neffective', 'version: "1.0"\neffective')
    lower = replace(lower, '  - version: "1.1"\n', '  - version: "1.0"\n')
    lower = replace(
        lower, '  - version: "1.0"\n    date: 2025', '  - version: "0.9"\n    date: 2025'
    )
    assert [w.code for w in diff_pair(side(KF_LB), side(lower)).warnings] == ["version-not-newer"]
    higher = replace(changed, 'version: "1.1"\neffective', 'version: "1.2"\neffective')
    higher = replace(higher, "revisions:\n", 'revisions:\n  - {version: "1.2", date: 2026-04-01, '
                     "changes: 编制调整}\n")  # fmt: skip
    assert diff_pair(side(KF_LB), side(higher)).warnings == []


def test_only_document_control_changed_is_no_reason_to_bump():
    new = replace(KF_LB, "approved_on: 2026-02-20", "approved_on: 2026-02-21")
    new = replace(new, "status: active", "status: retired")
    result = diff_pair(side(KF_LB), side(new))
    assert len(result.documents[0].changes) == 2 and result.warnings == []


# --- renderers ------------------------------------------------------------------------------


def test_markdown_escapes_text_from_yaml():
    assert md_escape("<script>x</script> [a](b) *c* `d` a|b &amp;") == (
        r"\<script\>x\</script\> \[a\](b) \*c\* \`d\` a\|b \&amp;"
    )
    new = replace(KF_LB, "headcount: 2", "headcount: 3")
    new = replace(new, "summary: 协助", "summary: <b>协助</b>")
    md = render_markdown(diff_pair(side(KF_LB), side(new)), "zh-CN")
    assert "\\<b\\>协助" in md and "<b>" not in md
    assert md.startswith("### KF-LB 客服领班 (岗位) 1.1\n")
    assert "- 修改`headcount`: 2 → 3" in md


def test_text_report_in_both_languages():
    new = replace(KF_LB, "headcount: 2", "headcount: 3")
    result = diff_pair(side(KF_LB, "a.yaml"), side(new, "b.yaml"))
    en = render_text(result, "en")
    assert "  ~ headcount: 2 → 3" in en and "1 document(s) changed, 1 change(s)" in en
    assert "warning[version-unchanged]" in en
    assert "1 个文件有变化,共 1 处" in render_text(result, "zh-CN")
    same = diff_pair(side(KF_LB), side(KF_LB))
    assert render_text(same, "en") == "No changes.\n"


# --- folders, files and git -------------------------------------------------------------


def test_two_library_folders(tmp_path):
    old = tmp_path / "old"
    shutil.copytree(SOPS, old)
    new = tmp_path / "new"
    shutil.copytree(SOPS, new)
    (new / "roles" / "WY-SFY.yaml").unlink()
    shutil.move(new / "roles" / "KF-LB.yaml", new / "roles" / "renamed.yaml")
    write_tree(new, {"roles/NEW.yaml": "kind: role\nid: NEW-1\ntitle: 新岗位\nversion: \"1.0\"\n"
                     "effective: 2026-01-01\ndepartment: 客服部\nsummary: s\nduties:\n"
                     "  - {area: a, description: d}\n"})  # fmt: skip
    result = compare_paths(old, new)
    status = {d.id: d.status for d in result.changed}
    assert status == {"NEW-1": "added", "WY-SFY": "removed"}  # a moved file is not a change


def test_cli_json_is_the_library_value(tmp_path):
    a = write_tree(tmp_path, {"a.yaml": KF_LB, "b.yaml": replace(KF_LB, "headcount: 2",
                                                                   "headcount: 3")})  # fmt: skip
    result = CliRunner().invoke(app, ["diff", str(a / "a.yaml"), str(a / "b.yaml"), "-f", "json"])
    assert result.exit_code == 0, result.output
    expected = compare_paths(a / "a.yaml", a / "b.yaml").to_dict("zh-CN")
    assert json.loads(result.output) == expected
    assert expected["documents"][0]["changes"][0]["label"] == "headcount"


def test_cli_exit_codes(tmp_path):
    write_tree(tmp_path, {"a.yaml": KF_LB, "b.yaml": KF_LB.replace("headcount: 2", "headcount: 3")})
    run = CliRunner().invoke
    a, b = str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")
    assert run(app, ["diff", a, b]).exit_code == 0
    assert run(app, ["diff", a, b, "--exit-code"]).exit_code == 1
    assert run(app, ["diff", a, a, "--exit-code"]).exit_code == 0
    assert run(app, ["diff", a]).exit_code == 2  # neither NEW nor --rev
    assert run(app, ["diff", a, str(tmp_path)]).exit_code == 2  # a file with a folder
    assert run(app, ["diff", a, str(tmp_path / "nowhere.yaml")]).exit_code == 2
    (tmp_path / "bad.yaml").write_text("kind: role\nid: X\n", "utf-8")
    bad = run(app, ["diff", a, str(tmp_path / "bad.yaml")])
    assert bad.exit_code == 1 and "missing-field" in bad.output


@pytest.fixture
def repo(tmp_path):
    """A git repository holding a copy of sops/, committed once."""
    git(tmp_path, "init", "-q", "-b", "main")
    shutil.copytree(SOPS, tmp_path / "sops")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "initial")
    return tmp_path


def test_diff_against_a_git_revision(repo, monkeypatch):
    path = repo / "sops" / "procedures" / "XC-SOP-01.yaml"
    path.write_text(replace(XC_SOP, "全程微笑服务。", "全程保持微笑服务。"), "utf-8")
    result = compare_revision(path, "HEAD")
    (doc,) = result.changed
    assert [(c.op, c.label, c.ref) for c in doc.changes] == [("changed", "1.4", "smile")]
    assert doc.old_file.startswith("HEAD:")
    monkeypatch.chdir(repo)
    out = CliRunner().invoke(app, ["diff", "sops", "--rev", "HEAD", "--lang", "en"])
    assert out.exit_code == 0
    assert "~ step 1.4 [smile] · text" in out.output
    assert "warning[version-unchanged]" in out.output


def test_library_at_a_revision_with_added_and_deleted_files(repo):
    git(repo, "rm", "-q", "sops/roles/WY-SFY.yaml")
    git(repo, "commit", "-q", "-m", "drop a role")
    (repo / "sops" / "roles" / "WY-SFY.yaml").write_text(
        (SOPS / "roles" / "WY-SFY.yaml").read_text("utf-8"), "utf-8"
    )
    (repo / "sops" / "roles" / "KF-LB.yaml").unlink()
    result = compare_revision(repo / "sops", "HEAD")
    assert {d.id: d.status for d in result.changed} == {"KF-LB": "removed", "WY-SFY": "added"}
    # the first commit, by hash: WY-SFY was there, KF-LB too
    first = subprocess.run(["git", "rev-list", "--max-parents=0", "HEAD"], cwd=repo,
                           capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    result = compare_revision(repo / "sops", first)
    assert {d.id: d.status for d in result.changed} == {"KF-LB": "removed"}


def test_file_added_since_the_revision(repo):
    path = repo / "sops" / "roles" / "NEW.yaml"
    path.write_text(KF_LB.replace("id: KF-LB", "id: KF-NEW"), "utf-8")
    (doc,) = compare_revision(path, "HEAD").changed
    assert (doc.id, doc.status) == ("KF-NEW", "added")


def test_git_problems_are_usage_errors(repo, tmp_path_factory):
    run = CliRunner().invoke
    bad_rev = run(app, ["diff", str(repo / "sops"), "--rev", "no-such-branch"])
    assert bad_rev.exit_code == 2 and "unknown revision" in bad_rev.output
    option = run(app, ["diff", str(repo / "sops"), "--rev", "--output=x"])
    assert option.exit_code == 2
    outside = tmp_path_factory.mktemp("plain")
    shutil.copy(SOPS / "roles" / "KF-LB.yaml", outside / "KF-LB.yaml")
    not_repo = run(app, ["diff", str(outside / "KF-LB.yaml"), "--rev", "HEAD"])
    assert not_repo.exit_code == 2 and "not in a git repository" in not_repo.output
    nowhere = run(app, ["diff", str(repo / "sops" / "none.yaml"), "--rev", "HEAD"])
    assert nowhere.exit_code == 2 and "neither in the work tree nor at HEAD" in nowhere.output


def test_diff_documents_needs_a_document():
    with pytest.raises(ValueError):
        diff_documents(None, None)


def test_library_diff_locates_the_version_warning(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(SOPS, old)
    shutil.copytree(SOPS, new)
    path = new / "roles" / "KF-LB.yaml"
    path.write_text(path.read_text("utf-8").replace("headcount: 2", "headcount: 3"), "utf-8")
    result = compare_paths(old, new)
    [warning] = result.warnings
    assert (warning.code, warning.location.file) == ("version-unchanged", str(path))
    assert warning.location.line == 5


# --- guards: diff follows the models (issue 8) ------------------------------------------------


def _edited(doc, edit):
    """``doc`` with ``edit(data)`` applied to its plain data, validated again by its model."""
    data = doc.model_dump(by_alias=True, exclude_none=True)
    edit(data)
    return type(doc).model_validate(data)


def _ops(old, new) -> set[tuple[str, str, str, str]]:
    return {(c.op, c.element, c.label, c.field) for c in diff_documents(old, new).changes}


ITEM_EDITS = {  # a new value for each field of a measure item (XC-CHK-01 has unit 米 on it)
    "text": "新的检查内容",
    "standard": "新的标准",
    "type": "scale",
    "points": 7,
    "per": 2,
    "unit": "厘米",
    "target": {"min": 1, "max": 3},
    "critical": True,
    "step": "XC-SOP-01#hall-patrol",
    "fix_within": "14d",
}


@pytest.mark.parametrize("name", sorted(ITEM_EDITS))
def test_every_field_of_an_item_shows_in_the_diff(name):
    old = side(XC_CHK).doc
    section, item = next((s, i) for s, i in old.items() if i.unit == "米")
    s_at = old.sections.index(section)
    i_at = section.items.index(item)

    def edit(data):
        data["sections"][s_at]["items"][i_at][name] = ITEM_EDITS[name]

    assert ("changed", "item", item.id, name) in _ops(old, _edited(old, edit))


def test_item_edits_cover_every_field_of_the_model():
    from sopkit.documents.models import Item

    assert set(ITEM_EDITS) == set(Item.model_fields) - {"id"}


def test_section_weight_and_step_fields_show_in_the_diff():
    old = side(XC_CHK).doc
    weighted = next(s for s in old.sections if s.weight is not None)
    at = old.sections.index(weighted)
    new = _edited(old, lambda d: d["sections"][at].update(weight=weighted.weight + 5))
    assert _ops(old, new) == {("changed", "section", weighted.title, "weight")}
    proc = side(XC_SOP).doc
    new = _edited(proc, lambda d: d["steps"][0].update(standard="新的标准"))
    assert ("changed", "step", "1", "standard") in _ops(proc, new)


@pytest.mark.parametrize(
    ("text", "key", "element"),
    [(KF_LB, "duties", "duty"), (KF_LB, "kpis", "kpi"), (XC_SOP, "records", "record")],
)
def test_reordered_duties_kpis_and_records_are_moves(text, key, element):
    old = side(text).doc
    new = _edited(old, lambda d: d[key].reverse())
    ops = {(op, el) for op, el, _, _ in _ops(old, new)}
    assert ops == {("moved", element)}


def test_a_field_added_to_a_model_shows_in_the_diff_without_editing_diff():
    from typing import Literal

    from sopkit.documents.models import Checklist, Item, Role, Section

    class PhotoItem(Item):
        photo: str | None = None

    class PhotoSection(Section):
        items: list[PhotoItem]

    class PhotoChecklist(Checklist):
        kind: Literal["checklist"]
        sections: list[PhotoSection]

    class BadgeRole(Role):
        badge: str | None = None

    checklist = PhotoChecklist.model_validate(
        side(XC_CHK).doc.model_dump(by_alias=True, exclude_none=True)
    )
    first = checklist.sections[0].items[0].id
    photo = _edited(checklist, lambda d: d["sections"][0]["items"][0].update(photo="门岗.jpg"))
    assert _ops(checklist, photo) == {("changed", "item", first, "photo")}
    role = BadgeRole.model_validate(side(KF_LB).doc.model_dump(by_alias=True, exclude_none=True))
    badged = _edited(role, lambda d: d.update(badge="金色"))
    assert _ops(role, badged) == {("added", "field", "badge", "")}
    text = render_text(diff_pair(Side(role, "a.yaml"), Side(badged, "b.yaml")), "en")
    assert "+ badge: 金色" in text


@pytest.mark.parametrize("key", ["internal", "external"])
def test_a_relations_frequency_change_names_its_side_and_party(key):
    old = side(KF_LB).doc
    first = getattr(old.relations, key)[0]
    other = "often" if first.frequency != "often" else "regular"
    new = _edited(old, lambda d: d["relations"][key][0].update(frequency=other))
    party = first.party
    assert _ops(old, new) == {("changed", "relation", f"{key} {party}", "frequency")}
