"""SVG charts for the HTML and PDF report, drawn by pygal (no browser, no script)."""

from __future__ import annotations

import re
import sys
from collections import defaultdict

_SCRIPT = re.compile(r"<script\b.*?</script>|<!--.*?-->", re.S)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _clean(svg: str, n: int) -> str:
    """Without pygal's config script (its tooltips need an external one) and with a stable
    id, so the same data gives the same file."""
    return _UUID.sub(f"chart-{n}", _SCRIPT.sub("", svg))


def _pygal():
    """pygal, without the import hook it adds for its map plugins (unused here): the hook
    has no ``find_spec``, so every later failed import in the process would warn."""
    import pygal

    sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]
    return pygal


def trend_charts(periods: list[dict], title: str) -> dict[str, str]:
    """One line chart per checklist: mean score per period, one line per site."""
    pygal = _pygal()
    from pygal.style import Style

    style = Style(font_family="'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif",
                  background="white", plot_background="white")  # fmt: skip
    by_checklist: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    for row in periods:
        by_checklist[row["checklist"]][row["site"]][row["period"]] = row["mean"]
    out = {}
    for n, (checklist, sites) in enumerate(sorted(by_checklist.items())):
        keys = sorted({p for values in sites.values() for p in values})
        means = [m for values in sites.values() for m in values.values() if m is not None]
        low = max(0, (int(min(means, default=0)) // 10 - 1) * 10)  # room below the lowest
        chart = pygal.Line(js=[], disable_xml_declaration=True, width=760, height=320,
                           style=style, title=f"{checklist} {title}", x_label_rotation=30,
                           legend_at_bottom=True, show_dots=True, dots_size=4,
                           stroke_style={"width": 2.5}, range=(low, 100),
                           include_x_axis=False)  # fmt: skip
        chart.x_labels = keys
        for site, values in sorted(sites.items()):
            chart.add(site, [values.get(k) for k in keys], allow_interruptions=True)
        out[checklist] = _clean(chart.render(is_unicode=True), n)
    return out
