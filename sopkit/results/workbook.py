"""The report as a workbook: native Excel line charts and an item-level sheet for pivots.

Text from sheets and documents is always stored as text, never as a formula; the only
formulas are sopkit's own (the failure rate of each item row).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sopkit.atomic import write_with
from sopkit.locale import catalogue

_ILLEGAL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def _put(ws, row: int, col: int, value) -> None:
    """A value in a cell; text stays text even when it starts with '='."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = "".join(ch for ch in value if ch not in _ILLEGAL)
        cell.data_type = "s"
    else:
        cell.value = value


def _sheet(wb, title: str, headers: list[str], rows: list[list]) -> object:
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)
    for c, h in enumerate(headers, 1):
        _put(ws, 1, c, h)
        ws.cell(row=1, column=c).font = Font(bold=True)
    for r, values in enumerate(rows, 2):
        for c, v in enumerate(values, 1):
            _put(ws, r, c, v)
    ws.freeze_panes = "A2"
    for c in range(1, len(headers) + 1):
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = 14
    return ws


def _trend(wb, periods: list[dict], label: dict) -> None:
    """One block of mean scores (periods × sites) and a line chart per checklist."""
    from openpyxl.chart import LineChart, Reference

    ws = wb.create_sheet(label["report.trend"])
    by_checklist = defaultdict(lambda: defaultdict(dict))
    for p in periods:
        by_checklist[p["checklist"]][p["site"]][p["period"]] = p["mean"]
    top = 1
    for checklist, sites in sorted(by_checklist.items()):
        keys = sorted({k for v in sites.values() for k in v})
        names = sorted(sites)
        _put(ws, top, 1, checklist)
        for c, site in enumerate(names, 2):
            _put(ws, top, c, site)
        for r, key in enumerate(keys, top + 1):
            _put(ws, r, 1, key)
            for c, site in enumerate(names, 2):
                _put(ws, r, c, sites[site].get(key))
        chart = LineChart()
        chart.title = f"{checklist} {label['report.trend']}"
        chart.y_axis.title = label["report.mean"]
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
        data = Reference(ws, min_col=2, max_col=len(names) + 1, min_row=top,
                         max_row=top + len(keys))  # fmt: skip
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=top + 1, max_row=top + len(keys)))
        chart.width, chart.height = 18, 8
        ws.add_chart(chart, f"{chr(ord('B') + len(names) + 1)}{top}")
        top += max(len(keys) + 2, 18)


def build_workbook(data: dict, lang: str = "zh-CN"):
    """The report workbook (openpyxl), not yet saved."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import ColorScaleRule

    L = catalogue(lang).LABELS
    h = {k[7:]: v for k, v in L.items() if k.startswith("report.")}
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, h["periods"],
           [h["site"], h["checklist"], h["period"], h["inspections"], h["mean"], h["change"],
            h["pass_rate"], h["critical"], h["rank"]],
           [[p["site"], p["checklist"], p["period"], p["inspections"], p["mean"], p["change"],
             p["pass_rate"], p["critical_failures"], p["rank"]]
            for p in data["periods"]])  # fmt: skip
    _trend(wb, data["periods"], L)
    texts = {(i["checklist"], i["item"]): i for i in data["items"]}
    rows = []
    for n, x in enumerate(data["heatmap"], 2):
        info = texts.get((x["checklist"], x["item"]), {})
        rows.append([x["site"], x["checklist"], x["item"], info.get("text", ""),
                     info.get("step_number") or "", ", ".join(info.get("roles", [])),
                     x["failures"], x["answered"], f'=IF(H{n}=0,"",G{n}/H{n})'])  # fmt: skip
    ws = _sheet(wb, h["item_sheet"],
                [h["site"], h["checklist"], h["item"], h["text"], h["step"], h["roles"],
                 h["failures"], h["answered"], h["rate"]], rows)  # fmt: skip
    for n in range(2, len(rows) + 2):
        ws.cell(row=n, column=9).data_type = "f"
        ws.cell(row=n, column=9).number_format = "0.0%"
    if rows:
        ws.conditional_formatting.add(
            f"I2:I{len(rows) + 1}",
            ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                           end_type="num", end_value=1, end_color="B00020"),
        )  # fmt: skip
    _sheet(wb, h["missing"], [h["site"], h["checklist"], h["period"], h["expected"],
                              h["received"]],
           [[m["site"], m["checklist"], m["period"], m["expected"], m["received"]]
            for m in data["missing"]])  # fmt: skip
    _sheet(wb, h["added"], [h["site"], h["checklist"], h["found"], h["file"], h["sheet"],
                            h["cell"], h["finding"], h["answer"]],
           [[x["site"], x["checklist"], x["date"], x["file"], x["sheet"] or "", x["cell"],
             x["text"], x["answer"] or ""] for x in data["added"]])  # fmt: skip
    _sheet(wb, h["actions"], ["id", h["site"], h["checklist"], h["item"], h["found"], h["due"],
                              h["owner"], h["status"], h["closed_on"]],
           [[a["id"], a["site"], a["checklist"], a["item"], a["found"], a["due"],
             a["owner"] or "", h["status_" + a["status"]], a["closed_on"] or ""]
            for a in data["actions"]])  # fmt: skip
    return wb


def write_workbook(data: dict, out: str | Path, *, lang: str = "zh-CN") -> Path:
    """Write the report workbook to ``out`` atomically."""
    wb = build_workbook(data, lang)
    return write_with(out, wb.save)
