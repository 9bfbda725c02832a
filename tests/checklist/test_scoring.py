"""Scoring rules of FORMAT.md §5 and answer parsing, on the example library's checklists."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sopkit.app import load_library
from sopkit.checklist.answers import BLANK, INVALID, NA, VALUE, Answer, parse_answer, suggest
from sopkit.checklist.batch import memo_result, plan_of
from sopkit.checklist.scoring import score_checklist, score_raw
from sopkit.documents.models import Checklist
from sopkit.documents.parse import parse_document
from sopkit.documents.source import load_bytes
from tests.conftest import ROOT

# A frozen copy of the example library's checklists: expected numbers stay put when sops/ grows.
FROZEN = ROOT / "tests" / "golden" / "score-library"
LIB = load_library(FROZEN)
XC, KF, AC = (LIB.get(i) for i in ("XC-CHK-01", "KF-CHK-01", "AC-CHK-01"))


def best(checklist: Checklist) -> dict[str, object]:
    """The raw cell value that earns every item its full points."""
    out: dict[str, object] = {}
    for _, item in checklist.items():
        if item.type == "check":
            out[item.id] = "合格"
        elif item.type == "scale":
            out[item.id] = item.points
        elif item.type == "count":
            out[item.id] = 0
        elif item.type == "measure":
            t = item.target
            out[item.id] = t.min if t.min is not None else t.max
        else:
            out[item.id] = "备注"
    return out


def answers(checklist: Checklist, raw: dict[str, object]) -> dict[str, Answer]:
    items = {i.id: i for _, i in checklist.items()}
    return {
        k: parse_answer(v, items[k].type, items[k].points, items[k].unit) for k, v in raw.items()
    }


def score(checklist: Checklist, raw: dict[str, object], missing: str = "error"):
    return score_checklist(checklist, answers(checklist, raw), missing)


# --- answers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "合格",
        " 符合 ",
        "是",
        "通过",
        "√",
        "✓",
        "✔",
        "y",
        "Yes",
        "PASS",
        "ok",
        "true",
        "1",
        1,
        1.0,
        True,
        "1.0",
        "ＯＫ",
        "１",
    ],
)
def test_pass_synonyms(raw):
    assert parse_answer(raw, "check") == Answer(VALUE, True, parse_answer(raw, "check").shown)


@pytest.mark.parametrize(
    "raw",
    ["不合格", "不符合", "否", "×", "✗", "✘", "n", "No", "fail", "NG", "False", "0", 0, 0.0, False],
)
def test_fail_synonyms(raw):
    assert parse_answer(raw, "check").kind == VALUE
    assert parse_answer(raw, "check").value is False


@pytest.mark.parametrize("raw", ["不适用", "n/a", "N/A", "na", " NA ", "Ｎ／Ａ"])
@pytest.mark.parametrize("item_type", ["check", "scale", "count", "measure"])
def test_na_synonyms(raw, item_type):
    assert parse_answer(raw, item_type, 10).kind == NA


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000"])
def test_blank_is_unanswered(raw):
    assert parse_answer(raw, "check").kind == BLANK


@pytest.mark.parametrize(
    ("raw", "item_type", "value"),
    [
        ("３", "scale", Decimal(3)),
        ("8.5", "scale", Decimal("8.5")),
        (7.0, "scale", Decimal(7)),
        ("２", "count", Decimal(2)),
        (3.0, "count", Decimal(3)),
        ("96%", "measure", Decimal(96)),
        (0.1, "measure", Decimal("0.1")),
        ("－１", "measure", Decimal(-1)),
        ("4米", "measure", Decimal(4)),
        ("50分钟", "measure", Decimal(50)),
        ("５０ 分钟", "measure", Decimal(50)),
        ("９６％", "measure", Decimal(96)),
        ("3次", "count", Decimal(3)),
        ("３次", "count", Decimal(3)),
        ("2 人次", "count", Decimal(2)),
        ("1 Times", "count", Decimal(1)),
        ("8分", "scale", Decimal(8)),
        ("８.５分", "scale", Decimal("8.5")),
        ("7 pts", "scale", Decimal(7)),
    ],
)
def test_numbers_as_typed(raw, item_type, value):
    unit = {"96%": "%", "９６％": "%", "4米": "米", "50分钟": "分钟", "５０ 分钟": "分钟"}.get(raw)
    answer = parse_answer(raw, item_type, 10, unit)
    assert (answer.kind, answer.value) == (VALUE, value)


@pytest.mark.parametrize("raw", ["x", "X", "ｘ", " x "])
def test_x_is_a_fail(raw):
    assert (parse_answer(raw, "check").kind, parse_answer(raw, "check").value) == (VALUE, False)


@pytest.mark.parametrize(
    ("raw", "item_type", "reason"),
    [
        ("好", "check", "§choice"),
        (2, "check", "§choice"),
        (datetime(2026, 5, 1), "check", "§choice"),
        ("abc", "scale", "§number"),
        (11, "scale", "§range"),
        (-1, "scale", "§range"),
        (1.5, "count", "§integer"),
        (-1, "count", "§integer"),
        ("x", "measure", "§number"),
        (True, "measure", "§number"),
        ("3-5", "count", "§number"),
        ("3米", "count", "§unit"),  # a count takes occurrences, not metres
        ("8次", "scale", "§unit"),
        ("1.5次", "count", "§integer"),
        ("11分", "scale", "§range"),
    ],
)
def test_invalid_answers(raw, item_type, reason):
    answer = parse_answer(raw, item_type, 10)
    assert (answer.kind, answer.reason) == (INVALID, reason)


@pytest.mark.parametrize(
    ("raw", "unit", "reason"),
    # Issue 10: a unit of the same kind converts (50厘米 on a 米 item is 0.5, 50分 is 50
    # 分钟); a unit of another kind is still wrong.
    [("50分钟", "米", "§unit"), ("50米", "分钟", "§unit"), ("5米", None, "§number")],
)
def test_a_measure_takes_only_its_own_unit(raw, unit, reason):
    answer = parse_answer(raw, "measure", 10, unit)
    assert (answer.kind, answer.reason) == (INVALID, reason)


@pytest.mark.parametrize(
    ("raw", "item_type", "unit", "expected"),
    [
        ("合隔", "check", None, "合格"),
        ("不合各", "check", None, "不合格"),
        ("pas", "check", None, "PASS"),
        ("faile", "check", None, "FAIL"),
        ("不试用", "measure", "米", "不适用"),
        ("50分种", "measure", "分钟", "50分钟"),
        ("5米", "measure", None, "5"),
        ("好", "check", None, ""),
        ("很多", "count", None, ""),
    ],
)
def test_did_you_mean(raw, item_type, unit, expected):
    assert suggest(raw, item_type, unit) == expected


def test_info_takes_anything():
    assert parse_answer(datetime(2026, 5, 1), "info").value == "2026-05-01"
    assert parse_answer(3.0, "info").value == "3"


# --- scores ----------------------------------------------------------------------------


@pytest.mark.parametrize("checklist", [XC, KF, AC], ids=lambda c: c.id)
def test_best_answers_score_the_maximum(checklist):
    result = score(checklist, best(checklist))
    assert (result.status, result.score, result.passed) == ("ok", 100, True)


def test_weighted_percent_rounds_half_up():
    raw = best(XC) | {"A3": 5}  # section 1: 15 of 20 points = 75 %
    result = score(XC, raw)
    # (15 × 75 + 85 × 100) / 100 = 96.25: half up gives 96.3 (a float would round to 96.2)
    assert result.score == Decimal("96.3")
    assert result.grade == "优秀"


def test_section_without_applicable_items_drops_out_of_the_weights():
    raw = best(XC) | {"A3": 5} | {i: "不适用" for i in ("C1", "C2", "C3", "C4")}
    assert score(XC, raw).score == Decimal("95.3")  # (15 × 75 + 65 × 100) / 80 = 95.3125


def test_na_item_leaves_its_section():
    assert score(XC, best(XC) | {"B1": "N/A"}).score == 100


def test_deduct():
    raw = best(KF) | {"B1": 2, "B4": 3, "D4": 90, "A1": "×"}  # −4 −2 −5 −5
    result = score(KF, raw)
    # B4 earned 3 of 5: not a failure (a scale item fails below half its points)
    assert (result.score, result.passed, result.failed) == (84, True, ["A1", "B1", "D4"])


def test_deduct_never_below_zero():
    raw = {k: ("不合格" if v == "合格" else v) for k, v in best(KF).items()}
    raw |= {"A3": 9, "B1": 9, "B3": 9, "C3": 9, "D2": 9, "B4": 0, "D4": 0}
    assert score(KF, raw).score == 0


def test_critical_fail_fails_the_sheet_whatever_the_score():
    result = score(KF, best(KF) | {"D2": 1})
    assert (result.score, result.passed, result.critical_failed) == (90, False, ["D2"])
    assert result.grade is None  # KF-CHK-01 has no grade bands


def test_critical_zero_sets_the_score_to_zero():
    result = score(AC, best(AC) | {"S1": "不合格"})
    assert (result.score, result.passed, result.grade) == (0, False, "待改进")


def test_scale_below_half_is_a_critical_failure():
    chk = _checklist("""
        scoring: {pass: 50, critical: zero}
        sections:
          - title: s
            items:
              - {id: A, text: a, type: scale, points: 10, critical: true}
              - {id: B, text: b, type: check, points: 10}
    """)
    assert score(chk, {"A": 5, "B": "√"}).score == 75
    assert score(chk, {"A": 4.5, "B": "√"}).score == 0


def test_measure_target_is_inclusive_and_may_be_open():
    chk = _checklist("""
        scoring: {pass: 50}
        sections:
          - title: s
            items:
              - {id: A, text: a, type: measure, points: 5, target: {min: 3, max: 5}}
              - {id: B, text: b, type: measure, points: 5, target: {max: 20}}
    """)
    assert score(chk, {"A": 3, "B": -4}).score == 100
    assert score(chk, {"A": 5.01, "B": 20}).score == 50


@pytest.mark.parametrize(
    ("missing", "status", "value"),
    [("error", "incomplete", None), ("fail", "ok", Decimal("94.7")), ("na", "ok", Decimal(100))],
)
def test_missing_modes(missing, status, value):
    raw = best(AC)
    del raw["R1"]  # 5 of 95 points
    result = score(AC, raw, missing)
    assert (result.status, result.score) == (status, value)
    assert result.missing == ["R1"]


def test_missing_fail_counts_a_critical_item_as_failed():
    raw = best(AC)
    del raw["S1"]
    result = score(AC, raw, "fail")
    assert (result.score, result.critical_failed) == (0, ["S1"])


def test_invalid_answer_makes_the_sheet_invalid():
    result = score(AC, best(AC) | {"S3": "好"})
    assert (result.status, result.score, result.invalid) == ("invalid", None, ["S3"])


def test_no_applicable_item_scores_the_maximum():
    all_na = {i.id: "不适用" for _, i in KF.items() if i.scored}
    assert score(KF, all_na).score == 100
    assert score(XC, {i.id: "NA" for _, i in XC.items() if i.scored}).score == 100


@pytest.mark.parametrize("missing", ["error", "fail", "na"])
@pytest.mark.parametrize("info", [{}, {"A0": "3人"}])  # an info item alone does not count
def test_a_blank_sheet_is_never_scored(missing, info):
    result = score(XC, info, missing)
    assert (result.status, result.score, result.passed, result.grade) == (
        "incomplete", None, None, None,
    )  # fmt: skip
    assert result.unfilled and result.failed == result.critical_failed == []
    assert result.missing == [i.id for _, i in XC.items() if i.scored]


@pytest.mark.parametrize("missing", ["error", "fail", "na"])
def test_one_answer_is_enough_for_a_sheet_to_be_filled_in(missing):
    result = score(XC, {"A1": "不适用"}, missing)
    assert not result.unfilled
    assert result.status == ("incomplete" if missing == "error" else "ok")


def test_info_items_are_never_missing():
    raw = best(XC)
    del raw["A0"]
    assert score(XC, raw).status == "ok"


def _checklist(body: str) -> Checklist:
    import textwrap

    text = "kind: checklist\nid: T-1\ntitle: t\nversion: '1'\neffective: 2026-01-01\n"
    doc, diags = parse_document(load_bytes((text + textwrap.dedent(body)).encode(), "t.yaml"))
    assert not diags, [d.to_dict() for d in diags]
    return doc


# --- properties ------------------------------------------------------------------------

CHECKLISTS = [XC, KF, AC]


def answer_for(item) -> st.SearchStrategy:
    na = st.sampled_from(["不适用", "N/A", "na"])
    if item.type == "check":
        value = st.sampled_from(["合格", "pass", "√", "1", 1, "不合格", "fail", "×", 0, "NG"])
    elif item.type == "scale":
        value = st.integers(0, int(item.points * 2)).map(lambda n: n / 2)
    elif item.type == "count":
        value = st.integers(0, 6)
    elif item.type == "measure":
        value = st.integers(-20, 250).map(lambda n: n / 2)
    else:
        value = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=5)
    return st.one_of(value, na) if item.scored else value


def checklist_item_scored(checklist: Checklist, item_id: str) -> bool:
    return any(i.id == item_id and i.scored for _, i in checklist.items())


@st.composite
def filled(draw, missing_ok: bool = False):
    checklist = draw(st.sampled_from(CHECKLISTS))
    raw = {}
    for _, item in checklist.items():
        if missing_ok and draw(st.booleans()) and draw(st.booleans()):
            continue
        raw[item.id] = draw(answer_for(item))
    return checklist, raw


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(filled(missing_ok=True), st.sampled_from(["fail", "na"]))
def test_score_is_within_range(case, missing):
    checklist, raw = case
    result = score(checklist, raw, missing)
    if not any(checklist_item_scored(checklist, k) for k in raw):
        assert (result.status, result.score) == ("incomplete", None)  # a blank sheet
        return
    assert result.status == "ok"
    assert 0 <= result.score <= checklist.scoring.maximum
    assert result.passed == (result.score >= checklist.scoring.pass_ and not result.critical_failed)


@settings(max_examples=200)
@given(filled(), st.data())
def test_na_never_changes_another_items_points(case, data):
    checklist, raw = case
    scored = [i.id for _, i in checklist.items() if i.scored]
    target = data.draw(st.sampled_from(scored))
    before = {i.id: (i.earned, i.points) for i in score(checklist, raw).items}
    after = {i.id: (i.earned, i.points) for i in score(checklist, raw | {target: "不适用"}).items}
    assert after[target][0] is None
    assert {k: v for k, v in before.items() if k != target} == {
        k: v for k, v in after.items() if k != target
    }


@settings(max_examples=200)
@given(filled(), st.data())
def test_turning_a_failure_into_a_pass_never_lowers_the_score(case, data):
    checklist, raw = case
    result = score(checklist, raw)
    failed = [i for i in result.items if i.failed]
    if not failed:
        return
    item = data.draw(st.sampled_from(failed))
    better = raw | {item.id: best(checklist)[item.id]}
    improved = score(checklist, better)
    assert improved.score >= result.score
    assert improved.passed or not result.passed


# Values equal under == but shown or parsed differently: the memo of score_raw must keep
# them apart (1 / 1.0 / True, 0.0 / -0.0 / False, "1" / " 1", NaN never equal to itself).
TRICKY = [1, 1.0, True, 0, 0.0, -0.0, False, "1", " 1", "1.0", "１", float("nan"), 2.5, "2.5"]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(CHECKLISTS),
    st.lists(st.sampled_from([*TRICKY, None, "不适用", "合格", "×", "备注"]), min_size=1),
    st.sampled_from(["error", "fail", "na"]),
    st.randoms(use_true_random=False),
)
def test_score_raw_is_parse_then_score(checklist, values, missing, rng):
    # The same item answered differently from sheet to sheet: every sheet scores as if its
    # answers were parsed afresh, whatever the sheets before it held.
    ids = [i.id for _, i in checklist.items()]
    for _ in range(3):
        raw = {item_id: rng.choice(values) for item_id in ids}
        raw = {k: v for k, v in raw.items() if v is not None}
        expected = score(checklist, raw, missing)
        got = score_raw(checklist, raw, missing)
        assert got.to_dict() == expected.to_dict()
        assert got.items == expected.items


_CELLS = st.one_of(
    st.none(),
    st.sampled_from(["合格", "×", "不适用", "✔️", "/", "无", "3次", "8分", "4m", "400cm", "合隔",
                     "12", "-0", "", " "]),
    st.integers(-3, 12),
    st.floats(-1, 12, allow_nan=False),
    st.booleans(),
)  # fmt: skip


@given(st.sampled_from([XC, KF, AC]), st.data(), st.sampled_from(["error", "fail", "na"]))
def test_the_batch_memo_scores_as_the_pure_scorer(checklist, data, missing):
    """Production's memoized item results (batch.py) equal the pure scorer's, sheet after sheet."""
    for _ in range(3):
        raws = {i.id: data.draw(_CELLS) for _, i in checklist.items()}
        pure = score_raw(checklist, raws, missing)
        memo = score_raw(plan_of(checklist), raws, missing, result_of=memo_result)
        assert memo.to_dict() == pure.to_dict()
        assert [i.reason for i in memo.items] == [i.reason for i in pure.items]
