"""The form's live formulas, built from the column table of :mod:`sopkit.checklist.layout`.

Each item row gets a score formula, hidden helper formulas and a data validation; under the
table a summary block adds them up as FORMAT.md §5 scores. Nothing here writes a workbook:
functions return formula text and cell descriptions that :mod:`sopkit.checklist.writer`
puts into the sheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sopkit.checklist.answers import FAIL_WORDS, PASS_WORDS, units
from sopkit.checklist.layout import COL, fmt, lines, number, ref, span, states_range
from sopkit.checklist.layout import target_text as target_text
from sopkit.documents.models.checklist import Checklist, Item
from sopkit.locale import LANGS, catalogue


@dataclass
class ItemCells:
    """What the form holds for one item besides its texts."""

    score: str | None  # the score formula, or None (an item that is not scored)
    validation: tuple[tuple, dict[str, Any]]  # (key shared by equal rules, DataValidation kw)
    helpers: dict[str, str] = field(default_factory=dict)  # helper column key -> formula


def rule_text(item: Item, lab: dict[str, str]) -> str:
    """How the item is scored, printed under its standard (unless the standard says it)."""
    if item.type == "scale":
        if states_range(item.standard, item.points):
            return ""
        return lab["sheet.rule_scale"].format(points=fmt(item.points))
    if item.type == "count":
        return lab["sheet.rule_count"].format(per=fmt(item.per), points=fmt(item.points))
    if item.type == "measure":
        return lab["sheet.rule_measure"].format(target=target_text(item, lab))
    return ""


def prompt_text(item: Item, lab: dict[str, str]) -> str:
    """The input message shown when the result cell is selected (Excel: ≤ 255 characters)."""
    words = {"pass": lab["sheet.pass"], "fail": lab["sheet.fail"], "na": lab["sheet.na"]}
    if item.type == "check":
        text = lab["sheet.prompt_check"].format(**words)
    elif item.type == "scale":
        text = lab["sheet.prompt_scale"].format(points=fmt(item.points), **words)
    elif item.type == "count":
        text = lab["sheet.prompt_count"].format(per=fmt(item.per), points=fmt(item.points), **words)
    elif item.type == "measure":
        text = lab["sheet.prompt_measure"].format(
            unit=item.unit or "", target=target_text(item, lab), **words
        )
    else:
        text = lab["sheet.prompt_info"]
    return text[:255]


def number_formula(cell: str, item: Item) -> str:
    """The answer in ``cell`` as a number, also when typed as text, in full-width digits
    or with a unit the scorer accepts (3次, 50分钟, 96%); "" when it is none."""
    text = f"TRIM(ASC({cell}))"
    if item.type != "check":
        accepted = sorted(units(item.type, item.unit), key=len, reverse=True)  # 人次 before 次
        if accepted:
            text = f"LOWER({text})"
        for unit in accepted:
            text = f'SUBSTITUTE({text},"{unit.lower().replace(chr(34), chr(34) * 2)}","")'
        if accepted:
            text = f"TRIM({text})"
    return f'=IF(ISNUMBER({cell}),{cell},IFERROR(VALUE({text}),""))'


def formula_words(kind: str) -> list[str]:
    """Every accepted word and both languages' dropdown words (spreadsheet "=" ignores case)."""
    words = PASS_WORDS if kind == "pass" else FAIL_WORDS
    labels = {catalogue(lang).LABELS[f"sheet.{kind}"] for lang in LANGS}
    return sorted({w.upper() for w in words} | {w.upper() for w in labels})


def _eq(cell: str, words: Iterable[str]) -> str:
    return ",".join(f'{cell}="{w}"' for w in words)


def item_cells(item: Item, row: int, lab: dict[str, str], check_list: str) -> ItemCells:
    """The score formula, helper formulas and data validation of ``item`` in ``row``."""
    e, d, f, k = ref("result", row), ref("points", row), ref("score", row), ref("number", row)
    prompt = prompt_text(item, lab)
    common = {"prompt": prompt}
    if item.type == "check":
        key = f"TRIM(ASC({e}))"
        score = (
            f"=IF(OR({_eq(key, formula_words('pass'))},{k}=1),{d},"
            f'IF(OR({_eq(key, formula_words("fail"))},{k}=0),0,""))'
        )
        rule = ("check",), {"type": "list", "formula1": check_list,
                            "error": lab["sheet.error_check"][:255]}  # fmt: skip
    elif item.type == "scale":
        score = f'=IF(ISNUMBER({k}),MIN(MAX({k},0),{d}),"")'
        rule = ("scale", prompt), {"type": "decimal", "operator": "between", "formula1": "0",
                                   "formula2": fmt(item.points),
                                   "error": lab["sheet.error_number"][:255]}  # fmt: skip
    elif item.type == "count":
        score = f'=IF(ISNUMBER({k}),{d}-MIN({k}*{fmt(item.per)},{d}),"")'
        rule = ("count", prompt), {"type": "whole", "operator": "greaterThanOrEqual",
                                   "formula1": "0",
                                   "error": lab["sheet.error_count"][:255]}  # fmt: skip
    elif item.type == "measure":
        low = item.target.min if item.target else None
        high = item.target.max if item.target else None
        conds = [f"{k}>={fmt(low)}"] * (low is not None)
        conds += [f"{k}<={fmt(high)}"] * (high is not None)
        inside = f"AND({','.join(conds)})" if conds else "TRUE"
        score = f'=IF(ISNUMBER({k}),IF({inside},{d},0),"")'
        rule = ("measure", prompt), {"type": "decimal", "operator": "between",
                                     "formula1": "-1E+300", "formula2": "1E+300",
                                     "error": lab["sheet.error_number"][:255]}  # fmt: skip
    else:
        return ItemCells(None, (("info", prompt), {"type": None, **common}))
    key, kw = rule
    cells = ItemCells(score, (key, {**kw, **common}))
    cells.helpers["number"] = number_formula(e, item)
    cells.helpers["applicable"] = f"=IF(ISNUMBER({f}),{d},0)"
    cells.helpers["unanswered"] = f'=IF(TRIM({e})="",1,0)'
    if item.critical:
        limit = f"{d}/2" if item.type == "scale" else d
        cells.helpers["critical"] = f"=IF(ISNUMBER({f}),IF({f}<{limit},1,0),0)"
    return cells


# --- the summary block -----------------------------------------------------------------


@dataclass
class SummaryCell:
    row: int
    column: str  # a column key of the layout
    value: Any
    formula: bool = False
    bold: bool = False
    head: bool = False  # a column heading (filled)
    align: str | None = "center"  # center | right | wrap | None
    border: bool = False
    fmt: str | None = None


@dataclass
class SummaryBlock:
    cells: list[SummaryCell] = field(default_factory=list)
    helpers: list[SummaryCell] = field(default_factory=list)  # plain formulas, no style
    heights: dict[int, float] = field(default_factory=dict)
    last_row: int = 0


def summary_block(
    checklist: Checklist,
    lab: dict[str, str],
    widths: dict[int, int],
    section_rows: list[tuple[int, int]],
    row: int,
) -> SummaryBlock:
    """Live totals under the table, starting at ``row`` (``widths``: of the columns)."""
    block = SummaryBlock()
    out = block.cells
    scoring = checklist.scoring
    first, last = section_rows[0][0], section_rows[-1][1]

    def line(key: str, value: Any, fmt_: str | None = None, bold: bool = False) -> str:
        nonlocal row
        # Right-aligned text spills left over the empty cells: no merge needed.
        out.append(SummaryCell(row, "result", lab[key], bold=bold, align="right"))
        formula = isinstance(value, str)
        out.append(SummaryCell(row, "score", value, formula, bold, border=True, fmt=fmt_))
        row += 1
        return ref("score", row - 1)

    out.append(SummaryCell(row, "id", lab["sheet.summary"], bold=True, align=None))
    row += 1
    weighted = scoring.method == "percent" and any(s.weight is not None for s in checklist.sections)
    section_percent = None
    if weighted:
        row, section_percent = _section_table(block, checklist, lab, widths, section_rows, row)
    earned = line("sheet.earned", f"=SUM({span('score', first, last)})", "0.0#")
    applicable = line("sheet.applicable", f"=SUM({span('applicable', first, last)})", "0.0#")
    critical = f"SUM({span('critical', first, last)})"
    if scoring.method == "deduct":
        raw = f"MAX(0,ROUND({fmt(scoring.total)}-({applicable}-{earned}),1))"
    elif section_percent:
        weights, weighted_sum = section_percent
        raw = f"IF(SUM({weights})=0,100,ROUND(SUM({weighted_sum})/SUM({weights}),1))"
    else:
        raw = f"IF({applicable}=0,100,ROUND(100*{earned}/{applicable},1))"
    if scoring.critical == "zero":
        raw = f"IF({critical}>0,0,{raw})"
    crit = line("sheet.critical_failed", f"={critical}", "0")
    unanswered = line("sheet.unanswered", f"=SUM({span('unanswered', first, last)})", "0")
    # Until a scored item is answered the form shows no score, verdict or grade (sopkit
    # does not score a blank form either): a printed blank form does not read 100.
    scored = sum(1 for _, item in checklist.items() if item.scored)
    blank = f"{unanswered}>=COUNT({span('points', first, last)})" if scored else "FALSE"
    score = line("sheet.score", f'=IF({blank},"",{raw})', "0.0", bold=True)
    if scoring.method == "deduct":
        percentage = f'=IF({score}="","",ROUND(100*{score}/{fmt(scoring.total)},1))'
        line("sheet.percentage", percentage, "0.0")
    pass_mark = line("sheet.pass_mark", number(scoring.pass_), "0.0#")
    verdict = (
        f'=IF({score}="","",IF({unanswered}>0,"{lab["sheet.verdict_incomplete"]}",'
        f'IF(AND({score}>={pass_mark},{crit}=0),"{lab["sheet.verdict_pass"]}",'
        f'"{lab["sheet.verdict_fail"]}")))'
    )
    line("sheet.verdict", verdict, bold=True)
    if scoring.grades:
        grade = '""'
        for band in reversed(scoring.grades):
            name = band.name.replace('"', '""')
            grade = f'IF({score}>={fmt(band.min)},"{name}",{grade})'
        line("sheet.grade", f'=IF(OR({score}="",{unanswered}>0),"",{grade})', bold=True)
    block.last_row = row - 1
    return block


def _section_table(
    block: SummaryBlock,
    checklist: Checklist,
    lab: dict[str, str],
    widths: dict[int, int],
    section_rows: list[tuple[int, int]],
    row: int,
) -> tuple[int, tuple[str, str]]:
    """Weighted sections: a row per section (applicable, weight, earned, percentage).

    Returns the next free row and the helper ranges of weights and weighted percentages.
    """
    out = block.cells
    # The weight (a short number) in the narrow points column: "applicable points" needs
    # the wider one.
    heads = {
        "item": "sheet.section",
        "standard": "sheet.applicable",
        "points": "sheet.weight",
        "result": "sheet.earned",
        "score": "sheet.percentage",
    }
    wrapped = 1
    for column, key in heads.items():
        out.append(SummaryCell(row, column, lab[key], bold=True, head=True, border=True))
        wrapped = max(wrapped, lines(lab[key], widths[COL[column]]))
    if wrapped > 1:  # 得分率(%) wraps in the narrow score column
        block.heights[row] = 15 * wrapped + 3
    row += 1
    top = row
    for section, (a, b) in zip(checklist.sections, section_rows, strict=True):
        applicable, earned = ref("standard", row), ref("result", row)
        weight, percentage = ref("points", row), ref("score", row)
        out += [
            SummaryCell(row, "item", section.title, align="wrap", border=True),
            SummaryCell(row, "standard", f"=SUM({span('applicable', a, b)})", True,
                        border=True, fmt="0.0#"),
            SummaryCell(row, "points", number(section.weight), border=True),
            SummaryCell(row, "result", f"=SUM({span('score', a, b)})", True, border=True,
                        fmt="0.0#"),
            SummaryCell(row, "score", f'=IF({applicable}=0,"",100*{earned}/{applicable})', True,
                        border=True, fmt="0.0"),
        ]  # fmt: skip
        block.helpers += [
            SummaryCell(row, "applicable", f"=IF(ISNUMBER({percentage}),{weight},0)"),
            SummaryCell(row, "critical", f"=IF(ISNUMBER({percentage}),{weight}*{percentage},0)"),
        ]
        row += 1
    ranges = (span("applicable", top, row - 1), span("critical", top, row - 1))
    return row + 1, ranges
