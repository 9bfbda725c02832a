"""The form's live formulas, built from the column table of :mod:`sopkit.checklist.layout`.

Each item row gets a score formula, hidden helper formulas and a data validation; under the
table a summary block adds them up as FORMAT.md §5 scores. Nothing here writes a workbook:
functions return formula text and cell descriptions that :mod:`sopkit.checklist.writer`
puts into the sheet.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sopkit.checklist.answers import FAIL_WORDS, NA_WORDS, PASS_WORDS, unit_info, units
from sopkit.checklist.layout import COL, fmt, lines, number, ref, span
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
    return item.kind.rule(item, lab)


def prompt_text(item: Item, lab: dict[str, str]) -> str:
    """The input message shown when the result cell is selected (Excel: ≤ 255 characters)."""
    return item.kind.prompt(item, lab)[:255]


def number_formula(cell: str, item: Item) -> str:
    """The answer in ``cell`` as the number its type's rules take, or "" when it is none.

    A pass / fail answer is 1 or 0; a number is also read when typed as text, in full-width
    digits or with a unit the scorer accepts (3次, 50分钟, 96%).
    """
    key = f"TRIM(ASC({cell}))"
    if item.kind.answers.kind == "choice":
        return (
            f"=IF(OR({_eq(key, formula_words('pass'))}),1,"
            f'IF(OR({_eq(key, formula_words("fail"))}),0,""))'
        )
    text = f"LOWER({key})"
    value = f"VALUE({text})"
    # A unit is taken off the end only (SUBSTITUTE would read 4mm as 4 on a 米 item); the
    # longest first: 人次 before 次. Units sopkit converts (400cm on a 米 item) are left to
    # sopkit: the form counts them as invalid rather than guess.
    accepted = sorted(units(item.type, item.unit), key=len)
    for unit in accepted:
        n, quoted = len(unit), unit.lower().replace('"', '""')
        value = (
            f'IF(RIGHT({text},{n})="{quoted}",VALUE(TRIM(LEFT({text},LEN({text})-{n}))),{value})'
        )
    words = [w for w, _ in item.kind.answers.words]
    if words:  # 无: no occurrence
        zero = ",".join(f'{text}="{w.lower()}"' for w in words)
        value = f"IF(OR({zero}),0,{value})"
    return f'=IF(ISNUMBER({cell}),{_typed_number(cell, item)},IFERROR({value},""))'


def _typed_number(cell: str, item: Item) -> str:
    """A number cell as sopkit reads it: 97% typed is stored as 0.97 with a percent format.

    On an item in % it is 97; on any other item a number shown as a percentage (``100%``
    too) is a wrong unit (invalid: ""), as sopkit says (sopkit.checklist.sheet reads it).
    """
    percent = f'LEFT(CELL("format",{cell}),1)="P"'
    info = unit_info(item.unit)
    if info is not None and info[0] == "percent":
        return f"IF({percent},{cell}*100,{cell})"
    return f'IF({percent},"",{cell})'


@functools.cache  # constant: the accepted words and the catalogues' dropdown words
def formula_words(kind: str) -> tuple[str, ...]:
    """Every accepted word and both languages' dropdown words (spreadsheet "=" ignores case)."""
    words = {"pass": PASS_WORDS, "fail": FAIL_WORDS, "na": NA_WORDS}[kind]
    labels = {catalogue(lang).LABELS[f"sheet.{kind}"] for lang in LANGS}
    found = {w.upper() for w in words} | {w.upper() for w in labels}
    # ✔️ is ✔ followed by an emoji selector, which a spreadsheet's "=" does not ignore.
    found |= {w + "\ufe0f" for w in found if len(w) == 1 and not w.isalnum()}
    return tuple(sorted(found))


def _eq(cell: str, words: Iterable[str]) -> str:
    return ",".join(f'{cell}="{w}"' for w in words)


def invalid_formula(item: Item, row: int, names: dict[str, str]) -> str:
    """1 when the answer in ``row`` is one sopkit rejects: not a word or number the item
    takes, or outside its type's conditions (a scale's range, a whole count)."""
    e, k = ref("result", row), ref("number", row)
    key = f"TRIM(ASC({e}))"
    na = _eq(key, formula_words("na"))
    checks = [condition.excel(names) for condition, _ in item.kind.answers.valid]
    valid = f"IF(AND({','.join(checks)}),0,1)" if checks else "0"
    return f'=IF(OR(TRIM({e})="",{na}),0,IF(ISNUMBER({k}),{valid},1))'


def cell_names(item: Item, row: int) -> dict[str, str]:
    """What each variable of the type's rules is in ``row``: a cell, or the item's number."""
    names = {k: fmt(v) for k, v in item.kind.numbers(item).items() if v is not None}
    names.update(x=ref("number", row), points=ref("points", row))
    return names


def validation_rule(item: Item, lab: dict[str, str], check_list: str) -> dict[str, Any]:
    """The keyword arguments of the DataValidation of the item's result cell."""
    rule = item.kind.validation
    kw: dict[str, Any] = {"type": rule.type}
    if rule.operator:
        kw["operator"] = rule.operator
    if rule.type == "list":
        kw["formula1"] = check_list
    elif rule.formula1:
        kw["formula1"] = rule.formula1(item)
    if rule.formula2:
        kw["formula2"] = rule.formula2(item)
    kw["prompt"] = prompt_text(item, lab)
    if rule.error:
        kw["error"] = lab[rule.error][:255]
    return kw


def item_cells(item: Item, row: int, lab: dict[str, str], check_list: str) -> ItemCells:
    """The score formula, helper formulas and data validation of ``item`` in ``row``."""
    kw = validation_rule(item, lab, check_list)
    kind = item.kind
    key = (item.type, *sorted((k, str(v)) for k, v in kw.items()))
    if not kind.scored:
        return ItemCells(None, (key, kw))
    e, d, f, k = ref("result", row), ref("points", row), ref("score", row), ref("number", row)
    names = cell_names(item, row)
    score = f'=IF(ISNUMBER({k}),{kind.earned(item).excel(names)},"")'
    cells = ItemCells(score, (key, kw))
    cells.helpers["number"] = number_formula(e, item)
    cells.helpers["applicable"] = f"=IF(ISNUMBER({f}),{d},0)"
    cells.helpers["unanswered"] = f'=IF(TRIM({e})="",1,0)'
    cells.helpers["invalid"] = invalid_formula(item, row, names)
    if item.critical:
        failed = kind.failed(item).excel(names)
        cells.helpers["critical"] = f"=IF(ISNUMBER({k}),IF({failed},1,0),0)"
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
    # A deleted item row is unanswered too, as sopkit reports it: the scored items whose
    # points are no longer in the table.
    scored = sum(1 for _, item in checklist.items() if item.scored)
    points = span("points", first, last)
    gone = f"+MAX(0,{scored}-COUNT({points}))" if scored else ""
    unanswered = line("sheet.unanswered", f"=SUM({span('unanswered', first, last)}){gone}", "0")
    invalid = line("sheet.invalid_count", f"=SUM({span('invalid', first, last)})", "0")
    # Until a scored item is answered the form shows no score, verdict or grade (sopkit
    # does not score a blank form either): a printed blank form does not read 100.
    blank = f"{unanswered}>=COUNT({span('points', first, last)})" if scored else "FALSE"
    # An answer sopkit rejects: no score and no verdict but the count of invalid answers.
    score = line("sheet.score", f'=IF(OR({blank},{invalid}>0),"",{raw})', "0.0", bold=True)
    if scoring.method == "deduct":
        percentage = f'=IF({score}="","",ROUND(100*{score}/{fmt(scoring.total)},1))'
        line("sheet.percentage", percentage, "0.0")
    pass_mark = line("sheet.pass_mark", number(scoring.pass_), "0.0#")
    verdict = (
        f'=IF({invalid}>0,"{lab["sheet.verdict_invalid"]}",'
        f'IF({score}="","",IF({unanswered}>0,"{lab["sheet.verdict_incomplete"]}",'
        f'IF(AND({score}>={pass_mark},{crit}=0),"{lab["sheet.verdict_pass"]}",'
        f'"{lab["sheet.verdict_fail"]}"))))'
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
