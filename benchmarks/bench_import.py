"""Reading Word files for ``sopkit import``: python-docx against docx2python.

    pip install -e ".[bench]" docx2python
    python benchmarks/bench_import.py [--roles 60] [--rounds 3]

Builds one .docx (tests/docx_builder.py) of ``--roles`` job descriptions, each a key/value
table with a merged cell and 30 duties numbered by Word itself (``w:numPr``, formats
``%1.``, ``%1、`` chineseCounting and ``(%1)``), then reads it with each library and prints

* the time to read every paragraph and table cell in body order (best of ``--rounds``);
* what each gets right: paragraphs and tables kept apart, merged cells read once, the
  numbering level of each auto-numbered paragraph, Word's own number format, warnings.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path
from tempfile import TemporaryDirectory

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.docx_builder import build


def sample(path: Path, roles: int) -> Path:
    blocks: list = []
    for i in range(roles):
        form = [["岗位名称", f"岗位{i}", "所属部门", "客服部"], ["直接上级", "主管", None, None]]
        blocks += [("h", f"岗位{i}岗位说明书"), ("t", form), "岗位职责"]
        fmt = ("decimal", "chinese", "paren")[i % 3]
        blocks += [("n", f"职责{j}:负责某项工作,并做好记录。", fmt, j % 2) for j in range(30)]
    return build(path, blocks)


def with_python_docx(path: Path) -> dict:
    import docx
    from docx.table import Table

    from sopkit.importer.word import docx_lines

    document = docx.Document(str(path))
    tables = sum(isinstance(b, Table) for b in document.iter_inner_content())
    lines = docx_lines(path, path.name)
    return {"tables": tables, "numbered": sum(line.level is not None for line in lines),
            "levels": sorted({line.level for line in lines if line.level is not None}),
            "merged read once": not any(line.text.count("主管") > 1 for line in lines)}  # fmt: skip


def with_docx2python(path: Path) -> dict:
    from docx2python import docx2python

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with docx2python(path) as result:
            text = result.text
            body = result.body
    numbered = [line for line in text.splitlines() if line[:3].strip().rstrip(")").isdigit()]
    return {"tables (incl. paragraphs wrapped as 1x1 tables)": len(body),
            "numbered": len(numbered), "first numbered": numbered[:2],
            "warnings": sorted({str(w.message)[:60] for w in caught}),
            "merged read once": "主管\n\n主管" not in text}  # fmt: skip


def best(fn, path: Path, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with TemporaryDirectory() as tmp:
        path = sample(Path(tmp) / "sample.docx", args.roles)
        print(f"{path.stat().st_size / 1024:.0f} KB, {args.roles} roles x 30 numbered duties")
        for name, fn in (("python-docx", with_python_docx), ("docx2python", with_docx2python)):
            try:
                seconds = best(fn, path, args.rounds)
            except ImportError:
                print(f"{name}: not installed")
                continue
            print(f"{name}: {seconds:.2f} s  {fn(path)}")


if __name__ == "__main__":
    main()
