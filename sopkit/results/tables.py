"""The store's tables (SQLAlchemy Core) at the newest schema; migrations/ builds them."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

inspections = Table(
    "inspections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_key", String(64), nullable=False, unique=True),
    Column("file", Text, nullable=False),
    Column("sheet", Text),  # the worksheet of the inspection (NULL: recorded before 0003)
    Column("checklist", String(64), nullable=False),
    Column("version", String(32)),
    Column("fingerprint", String(32)),
    Column("draft", Boolean, nullable=False, default=False),
    Column("site", String(200), nullable=False),  # the site id, or the name as written
    Column("site_known", Boolean, nullable=False, default=True),
    Column("day", Date, nullable=False),
    Column("month", String(7), nullable=False),  # 2026-05
    Column("week", String(8), nullable=False),  # 2026-W18 (ISO week)
    Column("inspector", Text),
    Column("inspected", Text),
    Column("status", String(16), nullable=False),
    Column("score", Float),
    Column("maximum", Float),
    Column("passed", Boolean),
    Column("grade", Text),
    Column("critical_failures", Integer, nullable=False, default=0),
    Column("recorded_at", DateTime, nullable=False),
)

items = Table(
    "inspection_items",
    metadata,
    Column("inspection_id", Integer, ForeignKey("inspections.id"), primary_key=True),
    Column("item", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("answer", Text),
    Column("earned", Float),
    Column("points", Float),
    Column("failed", Boolean, nullable=False),
    Column("critical", Boolean, nullable=False),
)

actions = Table(
    "actions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("inspection_id", Integer, ForeignKey("inspections.id"), nullable=False),
    Column("site", String(200), nullable=False),
    Column("checklist", String(64), nullable=False),
    Column("item", String(64), nullable=False),
    Column("found", Date, nullable=False),
    Column("due", Date, nullable=False),
    Column("owner", Text),
    Column("status", String(8), nullable=False),  # open | closed (overdue is computed)
    Column("closed_on", Date),
    Column("closed_by", Text),
    Column("note", Text),
    Column("evidence_id", Integer, ForeignKey("inspections.id")),
    Column("text", Text),  # an added finding's own words (its item is the cell)
)

added = Table(
    "added_findings",
    metadata,
    Column("inspection_id", Integer, ForeignKey("inspections.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("cell", Text, nullable=False),  # 检查表!B14
    Column("text", Text, nullable=False),
    Column("answer", Text),
    Column("remarks", Text),
)
