"""Opening a results store: a SQLite file or a database URL, upgraded to the newest schema.

The schema is versioned with Alembic (``migrations/``); opening a store made by an older
sopkit upgrades it in place, in one transaction. Whatever goes wrong connecting is a
:class:`StoreError` with one plain sentence (the command line exits 2 with it).
"""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import SQLAlchemyError

DEFAULT_NAME = "results.sqlite"
_URL = re.compile(r"^[a-z][a-z0-9+]*://", re.I)
_PG_LOCK = 0x50_4B_49_54  # advisory lock id: one process migrates a shared store at a time


class StoreError(Exception):
    """The store cannot be opened or written (exit 2)."""


def is_url(db: str) -> bool:
    return bool(_URL.match(db))


def store_url(db: str | Path) -> str:
    """A SQLAlchemy URL for ``db``: a URL as given, a path as a SQLite file."""
    text_ = str(db)
    if is_url(text_):
        if text_.startswith("postgresql://") or text_.startswith("postgres://"):
            return "postgresql+psycopg://" + text_.split("://", 1)[1]
        return text_
    return "sqlite:///" + str(Path(text_).absolute())


def default_store(root: Path, configured: str | None) -> str:
    """``results:`` of sopkit.yaml (relative to the library), else results.sqlite there."""
    if configured:
        return configured if is_url(configured) else str(root / configured)
    return str(root / DEFAULT_NAME)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers do not block the one writer
    cur.execute("PRAGMA synchronous=NORMAL")  # with WAL: never corrupt, one fsync per checkpoint
    cur.close()


def _engine(db: str | Path) -> Engine:
    url = store_url(db)
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        if not path.parent.is_dir():
            raise StoreError(f"{db}: the folder {path.parent} does not exist")
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN; take the write lock at the
        # start of a batch so that two recorders queue instead of failing halfway.
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        event.listen(engine, "connect", lambda c, _r: setattr(c, "isolation_level", None))
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise StoreError(
            f"{shown(db)}: the driver {exc.name} is missing; install sopkit[postgres]"
        ) from None
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(f"{shown(db)}: {reason(exc)}") from None


def shown(db: str | Path) -> str:
    """The store without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", str(db))


def reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(orig).__name__


def lock_for_writing(conn) -> None:
    """Queue behind any other sopkit writing to this store until the transaction ends.

    Recording reads which inspections exist, then inserts the new ones: two recorders at
    once must not both find a sheet new. SQLite takes its write lock at BEGIN IMMEDIATE;
    PostgreSQL gets a transaction-scoped advisory lock.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK})


def migrate(engine: Engine) -> None:
    """Bring the store to the newest schema (creating it when empty)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "sopkit.results:migrations")
    with engine.begin() as conn:
        lock_for_writing(conn)
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_store(db: str | Path) -> Engine:
    """An engine on ``db`` whose schema is current. Raises :class:`StoreError`."""
    engine = _engine(db)
    try:
        migrate(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"{shown(db)}: {reason(exc)}") from None
    return engine


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the store is at (``None``: not a sopkit store yet)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
