"""Manual rendering speed, side by side in one run.

    pip install -e ".[pdf]"
    python benchmarks/bench_manual.py [--docs 2000] [--pages 100] [--rounds 3]

On one synthetic library (benchmarks/synth.py) it measures

* HTML: every role's manual, written to files (``write_manuals``), split into sopkit's own
  steps: building the manuals' data (index, views), the templates, writing; target < 10 s for
  the 2,000-document library;
* PDF: one handbook of about ``--pages`` pages (the first roles of the library, as many as it
  takes), split into sopkit's work (data + templates → HTML) and WeasyPrint's (layout and PDF);
  target: sopkit's share under 10 % of the whole.

Each figure is the best of ``--rounds`` runs.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import generate

from sopkit.app import load_library
from sopkit.manual.render import (
    ManualIndex,
    plan,
    render,
    render_text,
    template_dirs,
    write_manuals,
)
from sopkit.manual.view import handbook

DAY = date(2026, 5, 1)


def best(rounds: int, fn):
    """(best seconds, last result) of ``rounds`` calls of ``fn``."""
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def bench_html(lib, out: Path, rounds: int) -> None:
    dirs = template_dirs(lib.root)
    t_plan, planned = best(rounds, lambda: plan(lib, issued=DAY))
    t_tpl, blobs = best(rounds, lambda: [render(m, "html", lib.lang, dirs) for _, m in planned])
    t_all, paths = best(rounds, lambda: write_manuals(lib, out, issued=DAY))
    size = sum(len(b) for b in blobs) / 1e6
    print(f"HTML  every role's manual: {len(paths)} files, {size:.0f} MB")
    print(f"      total {t_all:6.2f} s   (target < 10 s: {'met' if t_all < 10 else 'MISSED'})")
    print(f"        data (index, views)  {t_plan:6.2f} s  {t_plan / t_all:5.1%}")
    print(f"        templates            {t_tpl:6.2f} s  {t_tpl / t_all:5.1%}")
    rest = max(t_all - t_plan - t_tpl, 0.0)
    print(f"        writing files        {rest:6.2f} s  {rest / t_all:5.1%}")
    print(f"      per manual {t_all / len(paths) * 1000:.1f} ms")


def pick_roles(lib, pages: int):
    """The first roles of the library whose handbook has about ``pages`` pages."""
    from weasyprint import HTML

    dirs = template_dirs(lib.root)
    index = ManualIndex(lib)

    def count(n: int) -> int:
        html = render_text(handbook(index, lib.roles[:n], issued=DAY), "pdf", lib.lang, dirs)
        return len(HTML(string=html).render().pages)

    n = max(1, round(pages / count(1)))
    return lib.roles[:n], count(n)


def bench_pdf(lib, pages: int, rounds: int) -> None:
    from sopkit.manual.pdf import html_to_pdf

    roles, count = pick_roles(lib, pages)
    dirs = template_dirs(lib.root)

    def sopkit_part():
        return render_text(handbook(ManualIndex(lib), roles, issued=DAY), "pdf", lib.lang, dirs)

    t_sopkit, html = best(rounds, sopkit_part)
    t_weasy, pdf = best(rounds, lambda: html_to_pdf(html))
    total = t_sopkit + t_weasy
    print(f"PDF   handbook of {len(roles)} roles: {count} pages, {len(pdf) / 1e6:.1f} MB")
    print(f"      total {total:6.2f} s   ({total / count * 1000:.0f} ms per page)")
    print(f"        sopkit (data + templates → HTML) {t_sopkit:6.2f} s  {t_sopkit / total:5.1%}"
          f"   (target < 10 %: {'met' if t_sopkit / total < 0.10 else 'MISSED'})")  # fmt: skip
    print(f"        WeasyPrint (layout, fonts, PDF)  {t_weasy:6.2f} s  {t_weasy / total:5.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sopkit-bench-manual-"))
    try:
        lib_dir = generate(tmp / "lib", args.docs)
        start = time.perf_counter()
        lib = load_library(lib_dir)
        loaded = time.perf_counter() - start
        assert lib.report.ok(), "the synthetic library has errors"
        print(f"library: {args.docs} documents ({len(lib.roles)} roles, {len(lib.procedures)} "
              f"procedures, {len(lib.checklists)} checklists), loaded in {loaded:.2f} s "
              "(not counted below)\n")  # fmt: skip
        bench_html(lib, tmp / "html", args.rounds)
        print()
        try:
            import weasyprint  # noqa: F401
        except ImportError:
            print('PDF   skipped: pip install "sopkit[pdf]"')
            return
        bench_pdf(lib, args.pages, args.rounds)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
