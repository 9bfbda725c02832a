"""Column letters have one owner (sopkit/columns.py): forms, the Word importer and the bounds
check of untrusted workbooks all name columns the way Excel does."""

from __future__ import annotations

import pytest

from sopkit.columns import column_index, column_letter

EXCEL = [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16383, "XFD")]


@pytest.mark.parametrize(("index", "letters"), EXCEL)
def test_letters_are_excel_s(index, letters):
    assert column_letter(index) == letters
    assert column_index(letters) == index
    assert column_index(letters.lower()) == index


def test_every_column_of_a_sheet_goes_there_and_back():
    assert all(column_index(column_letter(i)) == i for i in range(16384))


def test_a_negative_index_is_refused_not_an_endless_loop():
    with pytest.raises(ValueError, match="column index -1"):
        column_letter(-1)
