"""Org charts and swimlane flowcharts: a layout computed here, drawn as SVG.

The layout is plain geometry (boxes, lanes, connectors in px at 96 dpi) computed from the view
model, so it is tested without drawing anything; :mod:`sopkit.manual.svg` draws it. Both
diagrams are made to stay legible on an A4 page (170 mm of text width, about 640 px):

- **org chart**: a tree from ``reports_to``; a manager whose reports are all leaves stacks them
  in one column below it (so 30 roles in 5 departments are 6 columns wide, not 30); a
  superior outside the chart (another department, or outside the library) is a dashed box;
- **flowchart**: one lane per role, in order of first appearance, labelled with the role's
  title; one row per step, numbered as in the table, in the lane of the role that performs it
  (dashed copies in the lanes of the other roles named on it); group steps are bands across
  all lanes; records hang under the step that fills them in; long procedures are cut into
  pages of at most :data:`PAGE_HEIGHT` px, each with the lane titles.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sopkit.documents.models import Role
from sopkit.manual.view import ProcedureView, StepRow

WIDTH = 640  # px: the text width of an A4 page (170 mm at 96 dpi)
PAGE_HEIGHT = 860  # px: what fits on a page under a heading
FONT = 11  # px
SMALL = 9  # px


@dataclass(slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    lines: list[str]
    kind: str  # role | self | outside | step | own | also | record | group | lane
    sub: str = ""  # second, smaller line (role id, department)


@dataclass(slots=True)
class Line:
    points: list[tuple[float, float]]
    arrow: bool = False
    dashed: bool = False


@dataclass(slots=True)
class Diagram:
    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    title: str = ""


# --- text -------------------------------------------------------------------------------------


def text_width(text: str, size: float = FONT) -> float:
    """Estimated width in px: CJK and full-width characters 1 em, others 0.58 em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.58 for c in text)


def wrap(text: str, width: float, size: float = FONT, max_lines: int = 3) -> list[str]:
    """``text`` cut into lines no wider than ``width``; the last line ends in … if cut short."""
    lines, current = [], ""
    for char in " ".join(str(text).split()):
        if current and text_width(current + char, size) > width:
            lines.append(current.rstrip())
            current = char.lstrip()
        else:
            current += char
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines or [""]


# --- org chart --------------------------------------------------------------------------------

NODE_W, NODE_H, H_GAP, V_GAP, INDENT = 112, 44, 10, 26, 14


@dataclass(slots=True)
class OrgNode:
    key: str
    title: str
    sub: str
    kind: str = "role"  # role | self | outside
    children: list[OrgNode] = field(default_factory=list)
    # set by the layout
    x: float = 0.0
    y: float = 0.0
    stacked: bool = False


def _boss_ref(role: Role) -> tuple[str, str | None] | None:
    """``(key, title)`` of the superior a chart draws: the first one in the library (title
    None), else the first one written by title (``reports_to: {title: 总裁}``)."""
    if role.boss_id:
        return role.boss_id.lower(), None
    outside = [s for s in role.superiors if not isinstance(s, str)]
    if outside:
        return f"title:{outside[0].title}".lower(), str(outside[0].title)
    return None


def _boss_key(role: Role) -> str | None:
    ref = _boss_ref(role)
    return ref[0] if ref else None


def _boss_title(role: Role, roles: dict[str, Role]) -> str:
    key, title = _boss_ref(role) or ("", None)
    if title:
        return title
    known = roles.get(key)
    return known.title if known else key


def org_forest(
    chart: Sequence[Role], every: Sequence[Role], outside_label: str, focus: str | None = None
) -> list[OrgNode]:
    """Trees of the roles in ``chart``; a superior not in ``chart`` becomes a dashed root
    (its department when it is in the library ``every``, else ``outside_label``)."""
    roles = {r.id.lower(): r for r in every}
    keys = {r.id.lower() for r in chart}
    nodes = {
        r.id.lower(): OrgNode(
            r.id.lower(), r.title, r.id, "self" if r.id.lower() == focus else "role"
        )
        for r in chart
    }
    roots: list[OrgNode] = []
    outside: dict[str, OrgNode] = {}
    for role in chart:
        node, boss = nodes[role.id.lower()], _boss_key(role)
        if boss is not None and boss in keys and boss != node.key:
            nodes[boss].children.append(node)
        elif boss is not None and boss != node.key:
            if boss not in outside:
                known = roles.get(boss)
                sub = (known.department or "") if known else outside_label
                outside[boss] = OrgNode(boss, _boss_title(role, roles), sub, "outside")
                roots.append(outside[boss])
            outside[boss].children.append(node)
        else:
            roots.append(node)
    reached = {id(n) for root in roots for n in _walk(root)}
    roots += [n for n in nodes.values() if id(n) not in reached]  # a reporting cycle
    return roots


def _walk(node: OrgNode, seen: set[int] | None = None) -> Iterable[OrgNode]:
    seen = set() if seen is None else seen
    if id(node) in seen:
        return
    seen.add(id(node))
    yield node
    for child in node.children:
        yield from _walk(child, seen)


def _size(node: OrgNode, seen: frozenset[int] = frozenset()) -> tuple[float, float]:
    """Width and height of the subtree; decides which managers stack their reports."""
    kids = [c for c in node.children if id(c) not in seen]
    if not kids:
        return NODE_W, NODE_H
    seen = seen | {id(node)}
    sizes = [_size(c, seen) for c in kids]
    node.stacked = all(not c.children for c in kids) and len(kids) > 2
    if node.stacked:
        return INDENT + NODE_W, NODE_H + len(kids) * (NODE_H + V_GAP / 2) + V_GAP / 2
    width = sum(w for w, _ in sizes) + H_GAP * (len(sizes) - 1)
    return max(NODE_W, width), NODE_H + V_GAP + max(h for _, h in sizes)


def _place(node: OrgNode, x: float, y: float, d: Diagram, seen: frozenset[int]) -> None:
    width, _ = _size(node, seen)
    kids = [c for c in node.children if id(c) not in seen]
    seen = seen | {id(node)}
    if node.stacked:
        node.x, node.y = x, y
        for n, child in enumerate(kids):
            cy = y + NODE_H + V_GAP / 2 + n * (NODE_H + V_GAP / 2)
            _place(child, x + INDENT, cy, d, seen)
            d.lines.append(Line([(x + INDENT / 2, y + NODE_H), (x + INDENT / 2, cy + NODE_H / 2),
                                 (x + INDENT, cy + NODE_H / 2)]))  # fmt: skip
    else:
        node.x, node.y = x + (width - NODE_W) / 2, y
        cx = x
        for child in kids:
            child_w, _ = _size(child, seen)
            _place(child, cx, y + NODE_H + V_GAP, d, seen)
            top = (child.x + NODE_W / 2, child.y)
            mid = y + NODE_H + V_GAP / 2
            d.lines.append(Line([(node.x + NODE_W / 2, y + NODE_H), (node.x + NODE_W / 2, mid),
                                 (top[0], mid), top]))  # fmt: skip
            cx += child_w + H_GAP
    lines = wrap(node.title, NODE_W - 10, FONT, 2)
    d.boxes.append(Box(node.x, node.y, NODE_W, NODE_H, lines, node.kind, node.sub))


def org_chart(roots: Sequence[OrgNode], title: str = "") -> Diagram:
    """The layout of a forest: trees side by side."""
    d = Diagram(0, 0, title=title)
    x, height = 0.0, 0.0
    for root in roots:
        w, h = _size(root)
        _place(root, x, 0, d, frozenset())
        x += w + H_GAP * 2
        height = max(height, h)
    d.width, d.height = max(x - H_GAP * 2, NODE_W), height
    return d


# --- swimlane flowchart -----------------------------------------------------------------------

LANE_HEAD, ROW_GAP, BAND_H, REC_H = 30, 16, 22, 18


@dataclass(slots=True)
class Lane:
    key: str
    title: str


def _lanes_of(
    pv: ProcedureView, none_label: str
) -> tuple[list[Lane], list[tuple[StepRow, list[str]]]]:
    """Lanes in order of first appearance and, per row, the lane keys of its roles."""
    lanes: dict[str, Lane] = {}
    stack: list[list[str]] = []  # declared lanes per depth, for inheritance
    rows = []
    for row in pv.rows:
        del stack[row.depth :]
        own = [r.text.lower() for r in row.declared]
        for ref in row.declared:
            lanes.setdefault(ref.text.lower(), Lane(ref.text.lower(), ref.title))
        inherited = next((s for s in reversed(stack) if s), [])
        keys = own or inherited
        if not keys and not row.group:
            keys = [""]
            lanes.setdefault("", Lane("", none_label))
        stack.append(own)
        rows.append((row, keys))
    return list(lanes.values()), rows


def flowchart(
    pv: ProcedureView, none_label: str, focus: str | None = None, width: float = WIDTH
) -> list[Diagram]:
    """The swimlane flowchart of a procedure, cut into pages; empty when it has no steps."""
    lanes, rows = _lanes_of(pv, none_label)
    if not lanes:
        return []
    lane_w = width / len(lanes)
    index = {lane.key: n for n, lane in enumerate(lanes)}
    pages: list[Diagram] = []
    d = _lane_page(lanes, lane_w, width)
    y, previous = LANE_HEAD + ROW_GAP / 2, None
    for row, keys in rows:
        box_w = lane_w - 14
        if row.group:
            label = wrap(
                f"{row.number}  {row.step.title or row.step.text or ''}", width - 16, FONT, 1
            )
            need = BAND_H + ROW_GAP / 2
        else:
            text = row.step.title or row.step.text or ""
            label = wrap(f"{row.number}  {text}", box_w - 10, FONT, 3)
            need = 12 + 14 * len(label) + (REC_H + 4) * len(row.records) + ROW_GAP
        if y + need > PAGE_HEIGHT and len(d.boxes) > len(lanes):
            d.height = y
            pages.append(d)
            d, y, previous = _lane_page(lanes, lane_w, width), LANE_HEAD + ROW_GAP / 2, None
        if row.group:
            d.boxes.append(Box(4, y, width - 8, BAND_H, label, "group"))
            y += need
            continue
        lane = index[keys[0]]
        h = 10 + 14 * len(label)
        own = bool(focus and focus in row.roles)
        box = Box(lane * lane_w + 7, y, box_w, h, label, "own" if own else "step")
        d.boxes.append(box)
        for other in keys[1:]:
            n = index[other]
            d.boxes.append(Box(n * lane_w + 7, y, box_w, h, [row.number], "also"))
            d.lines.append(Line([(box.x + (box_w if n > lane else 0), y + h / 2),
                                 (n * lane_w + 7 + (0 if n > lane else box_w), y + h / 2)],
                                dashed=True))  # fmt: skip
        ry = y + h + 4
        for record in row.records:
            rec = wrap(record.title, box_w - 16, SMALL, 1)
            d.boxes.append(Box(box.x + 8, ry, box_w - 8, REC_H, rec, "record"))
            ry += REC_H + 4
        if previous is not None:
            d.lines.append(_connector(previous, box))
        previous = box
        y += need
    d.height = y
    pages.append(d)
    return pages


def _lane_page(lanes: list[Lane], lane_w: float, width: float) -> Diagram:
    d = Diagram(width, 0)
    for n, lane in enumerate(lanes):
        d.boxes.append(
            Box(n * lane_w, 0, lane_w, LANE_HEAD, wrap(lane.title, lane_w - 8, FONT, 2), "lane")
        )
    return d


def _connector(a: Box, b: Box) -> Line:
    """From the bottom of step ``a`` to the top of step ``b``, with one elbow between lanes."""
    x1, y1 = a.x + a.w / 2, a.y + a.h
    x2, y2 = b.x + b.w / 2, b.y
    if abs(x1 - x2) < 1:
        return Line([(x1, y1), (x2, y2)], arrow=True)
    mid = y2 - ROW_GAP / 2
    return Line([(x1, y1), (x1, mid), (x2, mid), (x2, y2)], arrow=True)
