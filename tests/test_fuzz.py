"""Fuzz target for the workbook reader, beside the YAML one (tests/documents/test_source.py).

Every value in a filled sheet is untrusted: any grid of cells, any ``_sopkit`` meta sheet,
must give a scored sheet or a :class:`SheetError`, never another exception or a hang. The
number of examples comes from the hypothesis profile: ``sopkit`` (every test run) or
``fuzz`` (CI: ``pytest tests/test_fuzz.py --hypothesis-profile fuzz``, a fixed budget).
"""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from sopkit.app import load_library
from sopkit.checklist.meta import META_SHEET, read_meta
from sopkit.checklist.reader import SheetError, label_index, parse_grid
from sopkit.checklist.sheet import score_filled
from tests.conftest import SOPS

LIBRARY = load_library(SOPS)
CHECKLISTS = {c.id.lower(): c for c in LIBRARY.checklists}
LABELS = sorted(label_index())
IDS = sorted({i.id for c in LIBRARY.checklists for _, i in c.items()})
META_KEYS = ["sopkit", "checklist", "version", "fingerprint", "lang", "sheet", "columns",
             "header", "items", "rows"]  # fmt: skip

text = st.text(max_size=12)
cell = st.one_of(
    st.none(),
    text,
    st.sampled_from(LABELS),
    st.sampled_from(IDS),
    st.sampled_from(sorted(CHECKLISTS)).map(str.upper),
    st.sampled_from(["#N/A", "#DIV/0!", "#VALUE!", "合格", "不合格", "√", "×", "", " ", "\u200b"]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1)),
    st.sampled_from(["A", "E", "1", "-1", "ZZZZ", "XFD", "AMK", "0", "a"]),
)
grids = st.lists(st.lists(cell, max_size=12), max_size=40)
meta_value = st.one_of(text, st.sampled_from(["A", "E", "F", "1", "", "KF-CHK-01", "1.0"]))
metas = st.one_of(
    st.none(),
    st.dictionaries(st.sampled_from(META_KEYS), st.lists(meta_value, max_size=5), max_size=10),
)


def _score(grid, meta, require_table: bool) -> None:
    try:
        filled = parse_grid(grid, "检查表", meta, require_table=require_table)
    except SheetError as exc:
        assert exc.code
        return
    for missing in ("error", "fail", "na"):
        score = score_filled("f.xlsx", filled, CHECKLISTS, missing)
        assert score.status
        for diagnostic in score.diagnostics:
            assert diagnostic.message("en") and diagnostic.message("zh-CN")


@given(grids, metas, st.booleans())
def test_any_grid_and_meta_give_a_score_or_a_sheet_error(grid, meta, require_table):
    _score(grid, meta, require_table)


@given(st.lists(st.lists(cell, max_size=8), max_size=14), grids)
def test_any_meta_sheet_is_read_as_untrusted_data(meta_grid, grid):
    meta = read_meta(meta_grid)
    assert META_SHEET == "_sopkit" and all(isinstance(v, list) for v in meta.values())
    _score(grid, meta, False)


@given(st.lists(st.lists(st.sampled_from(LABELS + IDS + ["", None, "合格"]), max_size=10),
                max_size=30))  # fmt: skip
def test_grids_made_of_labels_and_item_ids_are_read(grid):
    _score(grid, None, False)
