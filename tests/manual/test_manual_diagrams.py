"""Org charts and swimlane flowcharts: the layout (legible on A4 at 30 roles / 40 steps, no
overlaps, each step in its role's lane) and the SVG drawn from it (golden files).

Regenerate the SVG golden files after a deliberate change with
``SOPKIT_UPDATE_GOLDEN=1 python -m pytest tests/manual/test_manual_diagrams.py`` and look at them.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from sopkit.app import load_library
from sopkit.documents.models.people import Outside
from sopkit.locale import zh_CN
from sopkit.manual.diagrams import (
    FONT,
    PAGE_HEIGHT,
    WIDTH,
    Box,
    flowchart,
    org_chart,
    org_forest,
    text_width,
    wrap,
)
from sopkit.manual.docx_package import BODY_NS
from sopkit.manual.drawingml import to_drawing
from sopkit.manual.figures import Figures
from sopkit.manual.svg import scaled, to_svg
from sopkit.manual.view import ManualIndex, handbook, role_manual
from tests.conftest import write_tree
from tests.manual.test_manual import GOLDEN, LIB, UPDATE, XSS

SVG_GOLDEN = GOLDEN / "svg"
L = zh_CN.LABELS
MIN_FONT_PT = 7.0  # smallest type a trainee reads on paper without effort


def _role(rid: str, title: str, dept: str, boss: str | None) -> str:
    boss_line = f"reports_to: {boss}\n" if boss else ""
    return (
        f"kind: role\nid: {rid}\ntitle: {title}\nversion: '1.0'\neffective: 2026-01-01\n"
        f"department: {dept}\n{boss_line}summary: 概要\nduties:\n  - area: 职责\n"
        "    description: 描述\n"
    )


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """30 roles (a manager, 5 department heads with 4-5 staff each) and a 40-step procedure."""
    files = {"sopkit.yaml": "organization: 测试\nlocale: zh-CN\n"}
    files["roles/GM.yaml"] = _role("GM", "总经理", "总经办", None)
    roles = ["GM"]
    for d in range(5):
        head = f"D{d}"
        files[f"roles/{head}.yaml"] = _role(head, f"第{d + 1}部门经理", f"部门{d}", "GM")
        roles.append(head)
        for s in range(5 if d < 4 else 4):
            rid = f"D{d}-S{s}"
            files[f"roles/{rid}.yaml"] = _role(rid, f"部门{d}专员{s}（白班岗位）", f"部门{d}", head)
            roles.append(rid)
    steps = []
    for n in range(40):
        role = ["D0", "D0-S0", "D0-S1", "D1"][n % 4] if n % 7 else "D0-S0"
        record = "\n    records: [log]" if n % 9 == 0 else ""
        steps.append(f"  - id: s{n}\n    role: {role}\n    text: 第{n + 1}步 核对并记录现场情况，"
                     f"发现问题立即上报主管处理{record}")  # fmt: skip
    files["procedures/P-BIG.yaml"] = (
        "kind: procedure\nid: P-BIG\ntitle: 长流程\nversion: '1.0'\neffective: 2026-01-01\n"
        "purpose: 目的\nscope: 范围\nrecords:\n  - id: log\n    title: 现场巡查记录表\n"
        "steps:\n" + "\n".join(steps) + "\n"
    )
    lib = write_tree(tmp_path_factory.mktemp("big"), files)
    assert len(roles) == 30
    return lib


def _overlaps(boxes: list[Box]) -> list[tuple[Box, Box]]:
    solid = [b for b in boxes if b.kind not in ("lane", "group")]
    return [
        (a, b)
        for a, b in itertools.combinations(solid, 2)
        if a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h
    ]


def _printed_pt(diagram) -> float:
    """The size of the diagram's type on paper, in points, once scaled to the A4 text width."""
    return FONT * scaled(diagram, WIDTH + 8) * 0.75


def test_org_chart_of_30_roles_is_legible_on_a4(big):
    library = load_library(big)
    roots = org_forest(library.roles, library.roles, "库外")
    d = org_chart(roots)
    assert len([b for b in d.boxes if b.kind == "role"]) == 30
    assert not _overlaps(d.boxes)
    assert _printed_pt(d) >= MIN_FONT_PT, f"type prints at {_printed_pt(d):.1f} pt"
    assert d.height * scaled(d, WIDTH + 8) < PAGE_HEIGHT  # one page
    for box in d.boxes:  # every title fits its box
        assert all(text_width(line) <= box.w for line in box.lines)


def test_flowchart_of_40_steps_is_legible_and_in_order(big):
    library = load_library(big)
    index = ManualIndex(library)
    (pv,) = index.procedures
    pages = flowchart(pv, "—", focus="d0-s0")
    assert len(pages) >= 2  # cut into pages, each one fitting under a heading
    for page in pages:
        assert page.height <= PAGE_HEIGHT
        assert page.width <= WIDTH
        assert not _overlaps(page.boxes)
        assert _printed_pt(page) >= MIN_FONT_PT
        lane_titles = ["".join(b.lines) for b in page.boxes if b.kind == "lane"]
        assert lane_titles == [
            "部门0专员0（白班岗位）",
            "部门0专员1（白班岗位）",
            "第2部门经理",
            "第1部门经理",
        ]
    steps = [b for p in pages for b in p.boxes if b.kind in ("step", "own")]
    assert [b.lines[0].split()[0] for b in steps] == [str(n) for n in range(1, 41)]
    lanes = [b for b in pages[0].boxes if b.kind == "lane"]
    titles = {"d0": "第1部门经理", "d0-s0": "部门0专员0（白班岗位）", "d1": "第2部门经理"}
    for row, box in zip((r for r in pv.rows), steps, strict=True):
        lane = next(lane for lane in lanes if lane.x <= box.x < lane.x + lane.w)
        role = next(iter(row.roles))
        assert "".join(lane.lines) == titles.get(role, "".join(lane.lines))
        assert (box.kind == "own") == (role == "d0-s0")
    records = [b for p in pages for b in p.boxes if b.kind == "record"]
    assert len(records) == 5 and records[0].lines == ["现场巡查记录表"]


def test_superiors_outside_the_chart_are_drawn_as_such(big):
    library = load_library(big)
    dept = [r for r in library.roles if r.department == "部门2"]
    roots = org_forest(dept, library.roles, "库外岗位")
    assert [(r.kind, r.title, r.sub) for r in roots] == [("outside", "总经理", "总经办")]
    assert [c.title for c in roots[0].children] == ["第3部门经理"]

    gm = library.get("GM").model_copy(update={"reports_to": Outside(title="总裁")})
    roots = org_forest([gm], library.roles, "库外岗位")
    assert [(r.kind, r.title, r.sub) for r in roots] == [("outside", "总裁", "库外岗位")]


def test_wrap_cuts_long_titles_with_an_ellipsis():
    assert wrap("客户服务中心现场服务专员岗位作业指导书", 60, 11, 2) == ["客户服务中", "心现场服…"]
    assert wrap("abc", 100) == ["abc"]


def _figures(kind: str):
    library = load_library(LIB)
    index = ManualIndex(library)
    if kind == "org":
        manual = handbook(index, library.roles, issued=date(2026, 7, 1))
        return Figures(manual, L).org()
    manual = role_manual(index, library.get("R-MID"), issued=date(2026, 7, 1))
    if kind == "chain":
        return Figures(manual, L).chain(manual.roles[0])
    return "".join(Figures(manual, L).flow(manual.procedures[0]))


@pytest.mark.parametrize("kind", ["org", "chain", "flow"])
def test_svg_golden(kind):
    svg = str(_figures(kind))
    ET.fromstring(svg)  # well-formed
    golden = SVG_GOLDEN / f"{kind}.svg"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(svg + "\n", encoding="utf-8", newline="\n")
    assert golden.is_file(), f"run SOPKIT_UPDATE_GOLDEN=1 pytest {__file__} to create it"
    assert svg + "\n" == golden.read_text(encoding="utf-8")


def test_svg_escapes_text():
    roots = org_forest([], [], "")
    from sopkit.manual.diagrams import OrgNode

    roots = [OrgNode("x", XSS + " & ]]>", "<id>")]
    svg = to_svg(org_chart(roots), label='"quoted" <label>')
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "<script>" in "".join(texts) and "<script" not in svg


# --- Word: the same drawings as DrawingML shapes -----------------------------------------------

WP = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_NS = " ".join(f'xmlns:{k}="{v}"' for k, v in BODY_NS.items())  # the document root's


def _drawing(d, first_id: int = 1, width_mm: float = 170):
    xml, next_id = to_drawing(d, first_id, "名称", width_mm)
    wrapped = xml.replace("<w:p>", f"<w:p {WORD_NS}>", 1)
    return ET.fromstring(wrapped), next_id


def test_word_drawing_escapes_text_and_keeps_ids_unique():
    from sopkit.manual.diagrams import OrgNode

    d = org_chart([OrgNode("x", "<b>&]]>\x01", "<id>", children=[OrgNode("y", "下级", "Y")])])
    root, next_id = _drawing(d, first_id=7)
    texts = "".join(t.text or "" for t in root.iter(W + "t"))
    assert "<b>&]]>\ufffd" in texts and "<id>" in texts  # control characters shown as �
    ids = [int(n.get("id")) for n in root.iter() if n.get("id") and n.tag.endswith("docPr")]
    ids += [int(n.get("id")) for n in root.iter() if n.tag.endswith("}cNvPr")]
    assert len(ids) == len(set(ids)) and min(ids) == 7 and next_id == max(ids) + 1


def test_word_drawing_of_30_roles_fits_the_page_with_legible_type(big):
    library = load_library(big)
    d = org_chart(org_forest(library.roles, library.roles, "库外"))
    root, _ = _drawing(d)
    group = root.find(f".//{WP}xfrm")
    width, height = (int(group.find(f"{WP}ext").get(k)) for k in ("cx", "cy"))
    assert width <= 170 * 36000  # EMU in 170 mm: the A4 text width
    for xfrm in list(root.iter(f"{WP}xfrm"))[1:]:  # every shape inside the group, none empty
        off, ext = xfrm.find(f"{WP}off"), xfrm.find(f"{WP}ext")
        x, y, cx, cy = (int(v) for v in (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy")))
        assert cx > 0 and cy > 0 and x + cx <= width and y + cy <= height
    sizes = [int(s.get(W + "val")) / 2 for s in root.iter(W + "sz")]
    assert min(sizes) >= MIN_FONT_PT - 0.5, min(sizes)  # half-points, rounded
