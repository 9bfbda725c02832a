"""Report speed and memory: ``build_report`` against its bare aggregate queries.

    python benchmarks/bench_report.py [--inspections 100000] [--items 120] [--db URL]

Generates N inspections of one checklist of ~120 items (50 sites, one year, failures spread
by a fixed pattern), their N × 120 item rows and one open corrective action per failing
site and item, straight into a fresh store by SQL (``INSERT … SELECT``), then times in turn
(best of ``--rounds``):

- bare: every aggregate query the report runs (``sopkit.results.queries``), executed and
  fetched, nothing else;
- report: ``build_report`` — the same queries plus what it adds (item text, step and roles
  from the library, change, rank, missing periods, actions).

Target (issue 11): the report takes at most 2× the bare queries, and its memory stays
bounded: the Python heap's peak during the report (tracemalloc) is printed next to the size
of the store, which it must not follow.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_score import interleaved, make_library  # noqa: E402

SITES = 50


def _days() -> list[tuple]:
    start = dt.date(2026, 1, 1)
    out = []
    for n in range(365):
        day = start + dt.timedelta(days=n)
        y, w, _ = day.isocalendar()
        out.append((n, day.isoformat(), f"{day.year}-{day.month:02d}", f"{y}-W{w:02d}"))
    return out


def generate(engine, checklist, count: int) -> None:
    """Fill the store by SQL; item k of inspection i fails when (i*7 + k*13) % 23 == 0."""
    from sqlalchemy import text

    ids = [item.id for _, item in checklist.items()]
    scored = {item.id: item.type != "info" for _, item in checklist.items()}
    pg = engine.dialect.name == "postgresql"
    with engine.begin() as conn:
        conn.execute(text("CREATE TEMP TABLE g_days (n INTEGER, day TEXT, month TEXT, week TEXT)"))
        conn.execute(text("INSERT INTO g_days VALUES (:n, :d, :m, :w)"),
                     [{"n": n, "d": d, "m": m, "w": w} for n, d, m, w in _days()])  # fmt: skip
        conn.execute(text("CREATE TEMP TABLE g_items (k INTEGER, item TEXT, scored INTEGER)"))
        rows = [{"k": k, "i": i, "s": int(scored[i])} for k, i in enumerate(ids)]
        conn.execute(text("INSERT INTO g_items VALUES (:k, :i, :s)"), rows)
        series = ("generate_series(1, :n) AS s(i)" if pg else
                  "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s "
                  "WHERE i < :n) SELECT i FROM s) AS s")  # fmt: skip
        day = "CAST(d.day AS DATE)" if pg else "d.day"
        true, false = ("TRUE", "FALSE") if pg else ("1", "0")
        conn.execute(text(f"""
            INSERT INTO inspections (id, content_key, file, checklist, version, fingerprint, draft,
                site, site_known, day, month, week, inspector, status, score, maximum, passed,
                grade, critical_failures, recorded_at)
            SELECT s.i, 'k' || s.i, 'sheet-' || s.i || '.xlsx', 'BENCH-CHK', '1.0', 'bench',
                {false}, 'S' || (s.i % {SITES}), {true}, {day}, d.month, d.week, '周检', 'ok',
                60 + (s.i % 400) / 10.0, 100, (s.i % 400) >= 200, NULL, 0,
                CURRENT_TIMESTAMP
            FROM {series} JOIN g_days d ON d.n = (s.i * 365) / (:n + 1)
        """), {"n": count})  # fmt: skip
        conn.execute(text(f"""
            INSERT INTO inspection_items (inspection_id, item, position, answer, earned, points,
                failed, critical)
            SELECT i.id, t.item, t.k, '合格',
                CASE WHEN t.scored = 0 THEN NULL WHEN (i.id * 7 + t.k * 13) % 23 = 0 THEN 0
                     ELSE 10 END,
                CASE WHEN t.scored = 0 THEN NULL ELSE 10 END,
                t.scored = 1 AND (i.id * 7 + t.k * 13) % 23 = 0, {false}
            FROM inspections i CROSS JOIN g_items t
        """))  # fmt: skip
        conn.execute(text(f"""
            INSERT INTO actions (inspection_id, site, checklist, item, found, due, owner, status)
            SELECT MIN(i.id), i.site, i.checklist, t.item, MIN(i.day), MIN(i.day), NULL, 'open'
            FROM inspection_items t JOIN inspections i ON i.id = t.inspection_id
            WHERE t.failed AND i.day >= {"CAST('2026-12-01' AS DATE)" if pg else "'2026-12-01'"}
            GROUP BY i.site, i.checklist, t.item
        """))  # fmt: skip
        if pg:
            conn.execute(text("SELECT setval('inspections_id_seq', :n)"), {"n": count})
    with engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db", help="an empty PostgreSQL database URL (default: SQLite)")
    args = parser.parse_args()

    from sqlalchemy import func, select

    from sopkit.app import load_library
    from sopkit.results import queries as q
    from sopkit.results.report import build_report
    from sopkit.results.sites import SiteIndex
    from sopkit.results.store import open_store
    from sopkit.results.tables import items as inspection_items_table

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        library = load_library(make_library(tmp / "lib", args.items))
        engine = open_store(args.db or tmp / "store.sqlite")
        start = time.perf_counter()
        generate(engine, library.get("BENCH-CHK"), args.inspections)
        made = time.perf_counter() - start
        with engine.connect() as conn:
            rows = conn.execute(select(func.count()).select_from(inspection_items_table)).scalar()
        f = q.Filters()
        today = dt.date(2027, 1, 1)

        def bare() -> None:
            with engine.connect() as conn:
                for query in (q.span_query(f), q.periods_query(f), q.items_query(f),
                              q.heatmap_query(f), q.recurring_query(f, 3),
                              q.received_query(f, "month"), q.received_query(f, "week"),
                              q.action_summary_query(f, today)):  # fmt: skip
                    conn.execute(query).all()

        def report() -> None:
            build_report(engine, f, checklists=library.checklists, procedures=[],
                         sites=SiteIndex.of(None), today=today)  # fmt: skip

        best = interleaved({"bare": bare, "report": report}, args.rounds)
        tracemalloc.start()
        report()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = (tmp / "store.sqlite").stat().st_size if not args.db else 0
        engine.dispose()
    print(f"{args.inspections} inspections × {args.items} items = {rows} item rows "
          f"({'PostgreSQL' if args.db else 'SQLite'}), generated in {made:.1f} s")  # fmt: skip
    for name, seconds in best.items():
        print(f"  {name:7s} {seconds:7.2f} s")
    print(f"report / bare queries: {best['report'] / best['bare']:.2f} (target ≤ 2)")
    print(f"Python heap peak during the report: {peak / 2**20:.1f} MiB"
          + (f"; store file {size / 2**20:.0f} MiB" if size else ""))  # fmt: skip


if __name__ == "__main__":
    main()
