"""The first released schema: inspections and their items."""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "inspections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("content_key", sa.String(64), nullable=False, unique=True),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("checklist", sa.String(64), nullable=False),
        sa.Column("version", sa.String(32)),
        sa.Column("fingerprint", sa.String(32)),
        sa.Column("draft", sa.Boolean, nullable=False),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("site_known", sa.Boolean, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("week", sa.String(8), nullable=False),
        sa.Column("inspector", sa.Text),
        sa.Column("inspected", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("maximum", sa.Float),
        sa.Column("passed", sa.Boolean),
        sa.Column("grade", sa.Text),
        sa.Column("critical_failures", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "inspection_items",
        sa.Column("inspection_id", sa.Integer, sa.ForeignKey("inspections.id"), primary_key=True),
        sa.Column("item", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("answer", sa.Text),
        sa.Column("earned", sa.Float),
        sa.Column("points", sa.Float),
        sa.Column("failed", sa.Boolean, nullable=False),
        sa.Column("critical", sa.Boolean, nullable=False),
    )
