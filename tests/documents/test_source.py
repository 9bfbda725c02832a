"""Loading YAML: YAML 1.2 scalars, encodings, bounded aliases, positions, never a traceback."""

from __future__ import annotations

import codecs
import tracemalloc

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sopkit.documents.library import load_entry
from sopkit.documents.parse import parse_document
from sopkit.documents.source import MAX_NODES, LoadError, Source, load_bytes, locate
from tests.conftest import CORPUS


def load(text: str):
    return load_bytes(text.encode(), "t.yaml").data


def error(raw: bytes):
    try:
        load_bytes(raw, "t.yaml")
    except LoadError as exc:
        return exc.diagnostic
    raise AssertionError("expected a LoadError")


def test_scalars_follow_yaml_1_2():
    data = load(
        "a: no\nb: yes\nc: on\nd: off\ne: 9:00\nf: 2026-05-01\ng: 1.10\nh: 0x1F\n"
        "i: ~\nj: true\nk: 010\nl: 1e3\nm: .inf\nn: '1.10'\no: Yes\n"
    )
    assert data == {
        "a": "no", "b": "yes", "c": "on", "d": "off", "e": "9:00", "f": "2026-05-01",
        "g": 1.1, "h": 31, "i": None, "j": True, "k": 10, "l": 1000.0, "m": float("inf"),
        "n": "1.10", "o": "Yes",
    }  # fmt: skip


def test_x_keys_are_dropped_at_every_level():
    assert load("a: 1\nx-note: mine\nb:\n  - {c: 2, x-d: 3}\n") == {"a": 1, "b": [{"c": 2}]}


def test_bom_is_tolerated():
    assert load_bytes(codecs.BOM_UTF8 + "a: 中文\n".encode(), "t.yaml").data == {"a": "中文"}


def test_gbk_file_is_named_and_located():
    diag = error("kind: role\ntitle: 客服领班\n".encode("gbk"))
    assert (diag.code, diag.location.line, diag.location.col) == ("encoding", 2, 8)
    assert "GB18030/GBK" in diag.message("en")
    assert "iconv -f GB18030 -t UTF-8" in diag.hint("en")


def test_utf16_is_named():
    diag = error("a: 1\n".encode("utf-16"))
    assert diag.code == "encoding" and diag.args["encoding"] == "UTF-16"


def test_billion_laughs_stops_at_the_node_bound_with_little_memory():
    raw = (CORPUS / "invalid" / "too-many-nodes.yaml").read_bytes()
    tracemalloc.start()
    try:
        diag = error(raw)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert diag.code == "too-many-nodes" and diag.args["limit"] == MAX_NODES
    assert peak < 100 * 1024 * 1024


def test_recursive_alias_is_bounded():
    assert error(b"a: &a [*a]\n").code == "too-deep"


def test_python_tags_never_construct_objects():
    for tag in (
        "!!python/object/apply:os.system ['true']",
        "!!python/name:os.system",
        "!!binary aGk=",
    ):
        assert error(f"a: {tag}\n".encode()).code == "unsupported-tag"


def test_standard_tags_are_accepted():
    assert load("a: !!str 1.10\nb: !!int '7'\nc: !!float 1\nd: !!bool true\ne: !!null ''\n") == {
        "a": "1.10", "b": 7, "c": 1.0, "d": True, "e": None,
    }  # fmt: skip


def test_positions_are_exact_after_chinese_text():
    source = load_bytes(
        "名称: 客服领班\nduties:\n  - area: 制度建设\n    kpi: 制度\n".encode(), "t"
    )
    assert locate(source.root, ("duties", 0, "kpi")) == (4, 10)
    assert locate(source.root, ("duties", 0, "kpi"), key=True) == (4, 5)
    # a path that leaves the tree points at the deepest node that exists
    assert locate(source.root, ("duties", 0, "missing")) == (3, 5)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_loads_or_gives_a_located_diagnostic(text):
    try:
        source = load_bytes(text.encode("utf-8", "surrogatepass"), "t.yaml")
    except LoadError as exc:
        assert exc.diagnostic.location.file == "t.yaml"
        assert exc.diagnostic.message("en") and exc.diagnostic.hint("zh-CN")
        return
    parse_document(source)  # whatever it holds, validation returns diagnostics


# Control characters are refused at load (control-character); tests/test_hostile.py has them.
printable = st.characters(exclude_categories=("Cc", "Cs"))
yaml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False)
    | st.text(printable, max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(printable, min_size=1, max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)
field_names = st.sampled_from(
    ["kind", "id", "title", "version", "effective", "duties", "steps", "sections", "scoring",
     "items", "role", "records", "revisions", "approval", "kpis", "weight", "points", "x-own"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(["role", "procedure", "checklist", "other", None]),
    data=st.dictionaries(field_names, yaml_values, max_size=10),
)
def test_any_mapping_gives_diagnostics_never_an_exception(kind, data, tmp_path_factory):
    if kind is not None:
        data["kind"] = kind
    text = yaml.safe_dump(data, allow_unicode=True)
    path = tmp_path_factory.mktemp("h") / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    entry, diags = load_entry(str(path))
    assert entry.doc is not None or diags
    for diag in diags:
        assert diag.location.line is None or diag.location.line >= 1
        assert diag.message("zh-CN") and diag.hint("en")


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(st.from_regex(r"[a-z][a-z_]{0,10}", fullmatch=True), yaml_values, min_size=1)
)
def test_every_key_is_located_on_its_own_line(data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    source: Source = load_bytes(text.encode(), "t.yaml")
    lines = text.splitlines()
    for key in data:
        line, col = locate(source.root, (key,), key=True)
        # the dumper quotes keys YAML 1.1 would read as booleans ('on':)
        assert col == 1 and lines[line - 1].lstrip("'\"").startswith(key)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


SOPS_DATA = [
    load_bytes(p.read_bytes(), str(p)).data
    for p in sorted((CORPUS.parent.parent / "sops").rglob("*.yaml"))
]


@settings(max_examples=300, deadline=None)
@given(doc=st.sampled_from(SOPS_DATA), pick=st.integers(min_value=0), value=yaml_values)
def test_a_real_document_with_any_value_replaced_never_raises(doc, pick, value, tmp_path_factory):
    import copy

    data = copy.deepcopy(doc)
    paths = [p for p in _paths(data) if p]
    path = paths[pick % len(paths)]
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    file = tmp_path_factory.mktemp("m") / "doc.yaml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, diags = load_entry(str(file))
    for diag in diags:
        assert diag.location.line is not None
        assert diag.message("en") and diag.hint("zh-CN")
