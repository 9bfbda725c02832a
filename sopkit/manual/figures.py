"""The diagrams of one manual, as the templates and the Word writer ask for them.

``Figures(manual, labels)`` is handed to the templates as ``figures``: ``figures.org()`` (the
handbook's org chart), ``figures.chain(rv)`` (a role, its superior and its reports) and
``figures.flow(pv)`` (a procedure's swimlane pages) return SVG markup; :meth:`Figures.layouts`
gives the same layouts to the Word writer, which draws them as Word shapes
(:mod:`sopkit.manual.drawingml`).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from sopkit.manual.diagrams import Diagram, OrgNode, flowchart, org_chart, org_forest
from sopkit.manual.svg import to_svg
from sopkit.manual.view import Manual, ProcedureView, RoleView


class Figures:
    """SVG of each diagram of ``manual``, drawn once however often it is printed."""

    def __init__(self, manual: Manual, labels: dict[str, str]):
        self.manual, self.L = manual, labels
        self._cache: dict[tuple[str, int], list[tuple[Diagram, str]]] = {}

    def _svgs(self, kind: str, view: Any) -> list[str]:
        return [to_svg(d, label) for d, label in self.layouts(kind, view)]

    def layouts(self, kind: str, view: Any) -> list[tuple[Diagram, str]]:
        """The layouts of a diagram (``org``, ``chain`` or ``flow``) and their names."""
        key = (kind, id(view))
        if key not in self._cache:
            self._cache[key] = self._draw(kind, view)
        return self._cache[key]

    def _draw(self, kind: str, view: Any) -> list[tuple[Diagram, str]]:
        L, m = self.L, self.manual
        if kind == "org":
            chart = [rv.doc for rv in m.roles]
            roots = org_forest(chart, m.every_role, L["manual_outside_library"], m.focus)
            return [(org_chart(roots), L["manual_org_chart"])]
        if kind == "chain":
            return [(org_chart([self._chain(view)]), L["manual_reporting_line"])]
        pages = flowchart(view, L["manual_none"], m.focus)
        return [(d, f"{L['manual_flowchart']} {view.doc.id}") for d in pages]

    def _chain(self, rv: RoleView) -> OrgNode:
        role = rv.doc
        me = OrgNode(role.id.lower(), role.title, role.id, "self")
        me.children = [OrgNode(r.id.lower(), r.title, r.id) for r in rv.reports]
        if rv.boss is not None:
            return OrgNode(rv.boss.id.lower(), rv.boss.title, rv.boss.id, children=[me])
        outside = [r for r in rv.superiors if r.role is None]
        if outside:
            label = self.L["manual_outside_library"]
            return OrgNode("", outside[0].title, label, "outside", [me])
        return me

    # --- what the templates call ----------------------------------------------------------

    def org(self) -> Markup:
        return Markup("".join(self._svgs("org", self.manual)))

    def chain(self, rv: RoleView) -> Markup:
        return Markup("".join(self._svgs("chain", rv)))

    def flow(self, pv: ProcedureView) -> list[Markup]:
        return [Markup(s) for s in self._svgs("flow", pv)]
