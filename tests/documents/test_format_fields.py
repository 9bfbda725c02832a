"""The format fits real job descriptions and work instructions (issue 12, item 3).

A library written with the new fields validates clean, and the manuals print each fact
where a reader of a 岗位说明书 or 作业指导书 expects it.
"""

from __future__ import annotations

from datetime import date

from sopkit.app import load_library, validate
from sopkit.documents.fingerprint import fingerprint
from sopkit.manual.render import write_manuals
from tests.conftest import write_tree
from tests.manual.test_manual import Page

HEAD = 'version: "1.0"\neffective: 2026-01-01\n'

GM = f"""kind: role
id: KF-GM
title: 客户服务中心总经理
{HEAD}doc_no: KXYF-KF-01
department: 客户服务中心
reports_to: {{title: 总裁}}
summary: 代表开发商负责客户服务整体工作。
duties:
  - description: 负责部门管理制度及流程的建立、完善,并监督落实。
    standard: 制度健全
    kpi: [制度100%健全, 流程按时更新]
  - description: 负责跨部门之间的协调与沟通。
qualifications:
  education: 大学本科以上学历
  experience: {{text: 5年以上同职工作经验, level: 必备}}
  knowledge: [房地产政策法规, 客户关系管理]
  abilities: [领导能力, {{text: 粤语沟通, level: 优先}}]
  training_history: [项目策划]
"""

LB = f"""kind: role
id: KF-LB
title: 客服接待领班
{HEAD}department: 营销案场
reports_to: [KF-GM, {{title: 案场负责人}}]
subordinates: [{{title: 客服接待员}}]
summary: 负责案场客服接待工作。
duties:
  - description: 负责案场客服接待工作。
"""

PROC = f"""kind: procedure
id: KF-SOP
title: 客户服务专员作业指导书
{HEAD}doc_no: CE-OP-408[2005]0801-A
purpose: 规范客户服务专员的工作。
scope: 客户服务中心。
records:
  - id: monthly
    title: 客户回访月报表
    form_no: KF-R-012
    retention: 一年
    keeper: KF-LB
steps:
  - text: 每月1号编制客户回访月报表,报送分公司客服经理。
    role: KF-LB
    records: [monthly]
    frequency: 1次/每月
    deadline: 每月1号前
    reviewer: 部门经理或客服主管
    upstream: 培训部
    downstream: 客户
"""


def _lib(tmp_path):
    return write_tree(
        tmp_path / "lib",
        {"roles/KF-GM.yaml": GM, "roles/KF-LB.yaml": LB, "procedures/KF-SOP.yaml": PROC},
    )


def test_real_document_facts_validate_clean(tmp_path):
    report = validate(_lib(tmp_path))
    assert [d.to_dict() for d in report.diagnostics] == []


def test_superiors_outside_the_library_and_several_superiors(tmp_path):
    library = load_library(_lib(tmp_path))
    lb = library.get("KF-LB")
    assert lb.superior_ids == ["KF-GM"]
    assert [s if isinstance(s, str) else s.title for s in lb.superiors] == ["KF-GM", "案场负责人"]
    assert [r.id for r in library.direct_reports("KF-GM")] == ["KF-LB"]
    assert [r.id for r in library.chain_up("KF-LB")] == ["KF-GM"]


def test_manual_prints_the_new_fields(tmp_path):
    library = load_library(_lib(tmp_path))
    out = tmp_path / "out"
    html = {
        p.stem: Page(p.read_text(encoding="utf-8")).plain
        for p in write_manuals(library, out, issued=date(2026, 7, 1))
    }
    gm, lb = html["KF-GM"], html["KF-LB"]
    assert "KXYF-KF-01" in gm and "总裁" in gm
    assert "工作标准" in gm and "制度健全" in gm and "流程按时更新" in gm
    assert "主要职责" not in gm  # no duty has an area: no empty column
    for value in ("知识", "房地产政策法规", "能力", "粤语沟通（优先）", "培训经历", "项目策划"):
        assert value in gm
    assert "5年以上同职工作经验（必备）" in gm
    assert "客户服务中心总经理、案场负责人" in lb  # both superiors
    assert "客服接待员" in lb  # a subordinate outside the library
    assert "总裁 › 客户服务中心总经理 › 客服接待领班" in lb  # the reporting line, to the top
    for value in ("CE-OP-408[2005]0801-A", "频次", "1次/每月", "时限", "每月1号前", "审核方",
                  "部门经理或客服主管", "流程上方", "培训部", "流程下方", "KF-R-012",
                  "保存期限", "一年"):  # fmt: skip
        assert value in lb, value


def test_markdown_manual_prints_the_new_fields(tmp_path):
    library = load_library(_lib(tmp_path))
    paths = write_manuals(library, tmp_path / "out", fmt="md", issued=date(2026, 7, 1))
    md = {p.stem: p.read_text(encoding="utf-8") for p in paths}
    assert "粤语沟通（优先）" in md["KF-GM"] and "流程按时更新" in md["KF-GM"]
    assert "1次/每月" in md["KF-LB"] and "一年" in md["KF-LB"]


def test_old_documents_keep_their_data_and_fingerprint(base_library):
    # Values are kept as written: a document that uses none of the new fields holds the
    # same data as before, so no recorded approval goes stale with this format.
    role = load_library(base_library).get("R-MID")
    data = role.model_dump(by_alias=True, exclude_defaults=True)
    assert data["reports_to"] == "R-TOP"
    assert data["duties"] == [
        {
            "area": "档案管理",
            "description": "协助做好业主档案的收集、整理、保管工作",
            "kpi": "100%完好",
        }
    ]
    # the fingerprint sopkit computed for this file before the format grew
    assert fingerprint(role).startswith("6d5cc7d4b5a37fb2")


def test_mistakes_inside_the_new_mappings_are_named():
    from sopkit.documents.check import check_bytes

    raw = GM.replace("reports_to: {title: 总裁}", "reports_to: {titel: 总裁}").replace(
        "experience: {text: 5年以上同职工作经验, level: 必备}", "experience: {level: 优先}"
    )
    _, _, diags = check_bytes(raw.encode(), "gm.yaml")
    found = sorted((d.code, d.location.line, d.args.get("suggestion"), d.args.get("field"))
                   for d in diags)  # fmt: skip
    assert found == [
        ("missing-field", 17, None, "text"),
        ("unknown-key", 8, "title", "reports_to"),
    ]
