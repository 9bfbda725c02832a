"""sopkit import over the real inputs (../shared/seeds) and over any text at all.

For each seed: the documents found, and the share of its numbered duty lines that became
duties. The numbered duty lines are counted by this test's own plain scan of the text (not
by the importer): numbered items after a duty heading (岗位职责, 工作职责, 主要职责 …) and
before the next other heading. The README's table shows these numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sopkit.documents.library import validate
from sopkit.importer import import_files
from tests.importer.test_importer import assert_values_from_source


def _seeds() -> Path:
    here = Path(__file__).resolve()
    first = here.parents[2].parent / "shared" / "seeds"  # CI: shared/ beside the clone
    if first.is_dir():
        return first
    for folder in here.parents:  # a worktree further down
        if (folder / "shared" / "seeds").is_dir():
            return folder / "shared" / "seeds"
    return first


SEEDS = _seeds()
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seeds at {SEEDS}")

DUTY_HEAD = re.compile(
    r"(岗位职责|工作职责|主要职责|崗位職責|工作職責|主要職責|职责与任务|职责描述|主要工作内容)"
    r"\s*\d*(?=\s*(?:[:：]|$|\d{1,2}[.、]|[(（]))"
)
OTHER_HEAD = re.compile(
    r"(任职|任職|工作关系|工作關係|岗位权限|权限|考核指标|工作条件|工作环境|职业发展|发展前景|薪资"
    r"|工作时间|组织关系|其他要求|注意事项|岗位概述|工作概述|基本信息|工作要求|素质要求|职能"
    r"|工作流程|工作内容|作业指导书|岗位要求|能力要求)[^。;；,，]{0,6}?(?:[:：]|$|(?=\d{1,2}[.、]))"
)
MARK = re.compile(
    r"(?:^|(?<=[。;；:：]))\s*(?:\d{1,2}\s*[、.．,，)）](?!\d)|[(（]\d{1,2}[)）]|[①-⑳⑴-⒇]、?"
    r"|[(（][一二三四五六七八九十]{1,3}[)）])"
)


def numbered_duty_lines(text: str) -> list[str]:
    """The numbered duty lines of ``text``, by a plain scan independent of the importer."""
    items, inside = [], False
    for line in text.splitlines():
        events = sorted(
            [(m.start(), m.end(), "duty") for m in DUTY_HEAD.finditer(line)]
            + [(m.start(), m.end(), "other") for m in OTHER_HEAD.finditer(line)]
            + [(m.start(), m.end(), "mark") for m in MARK.finditer(line)]
        )
        for i, (_, end, kind) in enumerate(events):
            if kind != "mark":
                inside = kind == "duty"
                continue
            stop = events[i + 1][0] if i + 1 < len(events) else len(line)
            body = line[end:stop].strip()
            if inside and len(body) >= 4:
                items.append(body)
    return items


def _flat(text: str) -> str:
    return re.sub(r"\W", "", text)


# seed: (roles, procedures, numbered duty lines, of which imported as duties)
EXPECTED = {
    "000_83431a2fb20f4592.txt": (24, 0, 71, 62),
    "001_a30cb97473c93c28.txt": (21, 0, 137, 135),
    "002_54c5b8ba9de6a67d.txt": (1, 9, 5, 5),
    "003_6138c4af79474c51.txt": (2, 0, 0, 0),
    "004_c621788751de3c88.txt": (3, 2, 28, 24),
}


@needs_seeds
@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_documents_found_and_duty_lines_imported(tmp_path, seed):
    source = SEEDS / seed
    result = import_files([source], tmp_path / "lib")
    drafts = [d for d in result.files[0].drafts if d.path is not None]
    roles = [d for d in drafts if d.kind == "role"]
    procedures = [d for d in drafts if d.kind == "procedure"]
    duties = "".join(
        _flat(str(d.get("area", "")) + str(d["description"]))
        for draft in roles
        for d in yaml.safe_load(draft.path.read_text(encoding="utf-8"))["duties"]
    )
    lines = numbered_duty_lines(source.read_text(encoding="utf-8"))
    found = [line for line in lines if _flat(line)[:10] in duties]
    assert (len(roles), len(procedures), len(lines), len(found)) == EXPECTED[seed]
    assert result.report.errors == []
    texts = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (tmp_path / "lib").glob("*/*.yaml")
    }
    assert_values_from_source(source.read_text(encoding="utf-8") + source.stem, texts)


@needs_seeds
def test_a_library_of_every_seed_validates(tmp_path):
    result = import_files(sorted(SEEDS.glob("*.txt")), tmp_path / "lib")
    assert result.report.errors == []
    report = validate(tmp_path / "lib")
    assert report.errors == [] and report.files == sum(len(f.drafts) for f in result.files)


PIECES = st.sampled_from([
    "岗位职责", "任职要求:", "客服领班岗位说明书", "作业指导书", "岗位名称:", "直接上级:", "1、",
    "2.", "(1)", "⑴", "①", "一、", "(一)", "1.1.1", "。", ";", ":", "\n", " ", "　", "负责", "工作",
    "KPI",
    "內部關係:", "#", "- ", "'", '"', "\t", "\u2028", "\x85", "{", "&a", "*a", "!!str", "---",
])  # fmt: skip


@settings(max_examples=60)
@given(st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join))
def test_any_text_imports_without_an_exception(tmp_path_factory, text):
    tmp = tmp_path_factory.mktemp("any")
    (tmp / "in.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    result = import_files([tmp / "in.txt"], tmp / "lib")
    assert [d for d in result.report.errors if d.code == "import-draft-invalid"] == []
    drafts = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in (tmp / "lib").glob("*/*.yaml")
    }
    assert_values_from_source(text + "\nin", drafts)  # no title: the file name is the title
