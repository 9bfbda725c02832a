"""The report as a file: ``.json``, ``.html`` (one offline file, A4), ``.pdf``, ``.xlsx``."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from sopkit.atomic import write_bytes
from sopkit.locale import catalogue
from sopkit.results.charts import trend_charts
from sopkit.results.workbook import write_workbook

TEMPLATE = Path(__file__).with_name("report.html.j2")


class RenderError(Exception):
    """The report cannot be written (a missing extra, an unwritable path): exit 2."""


def labels(lang: str) -> dict[str, str]:
    return {k[7:]: v for k, v in catalogue(lang).LABELS.items() if k.startswith("report.")}


def heat_table(heatmap: list[dict]) -> dict[str, dict]:
    """Per checklist: the sites, the items and site → item → failure rate."""
    out: dict[str, dict] = {}
    for row in heatmap:
        t = out.setdefault(row["checklist"], {"sites": set(), "items": [], "rate": {}})
        t["sites"].add(row["site"])
        if row["item"] not in t["items"]:
            t["items"].append(row["item"])
        t["rate"][(row["site"], row["item"])] = row["rate"]
    for t in out.values():
        t["sites"] = sorted(t["sites"])
    return out


def render_html(data: dict, *, lang: str = "zh-CN", organization: str | None = None) -> str:
    """The report as one HTML page: inline CSS and SVG, no script, no network."""
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                               lstrip_blocks=True)  # fmt: skip
    template = env.from_string(TEMPLATE.read_text(encoding="utf-8"))
    L = labels(lang)
    charts = trend_charts(data["periods"], L["trend"])
    return template.render(r=data, L=L, lang=lang, charts=charts, heat=heat_table(data["heatmap"]),
                           organization=organization or "")  # fmt: skip


def write_report_file(data: dict, out: Path, *, lang: str, organization: str | None) -> Path:
    """Write ``data`` to ``out`` in the format its extension names."""
    suffix = out.suffix.lower()
    try:
        if suffix == ".json":
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            return write_bytes(out, text.encode("utf-8"))
        if suffix == ".xlsx":
            return write_workbook(data, out, lang=lang)
        html = render_html(data, lang=lang, organization=organization)
        if suffix == ".pdf":
            return write_bytes(out, _pdf(html))
        return write_bytes(out, html.encode("utf-8"))
    except OSError as exc:
        raise RenderError(f"{out}: {exc.strerror or exc}") from None


def _pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except ImportError:
        raise RenderError("a PDF report needs WeasyPrint: pip install 'sopkit[pdf]'") from None
    except OSError as exc:
        raise RenderError(f"WeasyPrint cannot load its system libraries: {exc}") from None
    return HTML(string=html).write_pdf()
