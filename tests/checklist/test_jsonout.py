"""``score --format json`` encoded by the workers and streamed: the same bytes as encoding
every sheet once all are scored (issue 9)."""

from __future__ import annotations

import io
import json
import shutil

from sopkit.checklist.batch import score_paths
from sopkit.checklist.jsonout import element, encoded, write_json
from sopkit.checklist.summary import write_scores
from tests.checklist.test_scoring import best
from tests.checklist.test_workbook import AC, KF, LIB, XC, fill, write


def _forms(tmp_path):
    paths = []
    for n in range(28):
        checklist = (XC, KF, AC)[n % 3]
        first = next(i.id for _, i in checklist.items() if i.type == "check")
        raw = best(checklist) | ({first: "不合格"} if n % 2 else {})
        src = write(checklist, tmp_path / "forms" / str(n % 3))
        paths.append(fill(src, raw, tmp_path / f"{n:02d}-{checklist.id}.xlsx"))
    copy = tmp_path / "00-XC-CHK-01 - copy.xlsx"  # the same inspection: sheet-duplicate
    shutil.copyfile(paths[0], copy)
    (tmp_path / "07-broken.xlsx").write_bytes(b"nope")
    return [*paths, copy, tmp_path / "07-broken.xlsx"]


def _json(scores, lang):
    out = io.StringIO()
    write_scores(scores, out, "json", lang)
    return out.getvalue()


def test_json_encoded_by_workers_is_byte_identical(tmp_path):
    paths = _forms(tmp_path)
    for lang in ("zh-CN", "en"):
        streamed = score_paths(paths, LIB.checklists, jobs=2, json_lang=lang)
        plain = score_paths(paths, LIB.checklists, jobs=1)
        assert all(s.encoded is not None for s in streamed)
        assert all(s.encoded is None for s in plain)
        text = _json(streamed, lang)
        assert text == _json(plain, lang)
        assert json.loads(text) == [s.to_dict(lang) for s in plain]
    # The duplicate was flagged after its worker encoded it: encoded again, not stale.
    duplicate = next(s for s in streamed if s.duplicate_of)
    assert duplicate.encoded[1].decode() != encoded(duplicate, "en")
    assert '"sheet-duplicate"' in encoded(duplicate, "en")


def test_write_json_streams_one_write_per_sheet():
    writes = []

    class Out:
        def write(self, text):
            writes.append(text)

    sheets = [{"file": "a", "items": [{"id": 1}]}, {"file": "b", "items": []}]
    write_json(iter(sheets), Out())
    assert len(writes) == 3  # one per sheet, then the closing bracket
    assert json.loads("".join(writes)) == sheets
    assert "".join(writes).startswith("[\n" + element(sheets[0]))
    empty = []
    write_json(iter([]), type("O", (), {"write": lambda self, t: empty.append(t)})())
    assert empty == ["[]\n"]
