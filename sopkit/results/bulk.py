"""Many rows into one table, fast: PostgreSQL's COPY, else the driver's executemany.

Recording 10,000 sheets writes over a million item rows; SQLAlchemy's per-row parameter
processing cost more than the database's own work (see benchmarks/bench_record.py), so
the rows go to the driver as plain tuples. Values are plain Python values; dates go to
SQLite as ISO text, the form SQLAlchemy's ``Date`` type reads back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import Connection, Table


def _iso_dates(rows: Iterable[tuple], at: list[int]) -> Iterator[tuple]:
    for row in rows:
        row = list(row)
        for i in at:
            if isinstance(row[i], dt.date):
                row[i] = row[i].isoformat()
        yield tuple(row)


def insert_rows(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[tuple],
    *,
    dates: Sequence[str] = (),
) -> None:
    """Insert ``rows`` (tuples in the order of ``columns``; ``dates`` names the columns that
    hold dates) into ``table``."""
    names = ", ".join(columns)
    if conn.dialect.name == "postgresql":
        driver = conn.connection.driver_connection
        with driver.cursor() as cur, cur.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table.name} ({names}) VALUES ({marks})"
    if dates:
        rows = _iso_dates(rows, [columns.index(c) for c in dates])
    batch = list(rows)
    if batch:
        conn.exec_driver_sql(sql, batch)
