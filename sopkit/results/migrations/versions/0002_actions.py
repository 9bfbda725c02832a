"""Corrective actions (整改), opened for the failures already recorded; report indexes."""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
DEFAULT_DAYS = 7  # the default fix_within; the checklists are not at hand in a migration


def upgrade() -> None:
    actions = op.create_table(
        "actions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("inspection_id", sa.Integer, sa.ForeignKey("inspections.id"), nullable=False),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("checklist", sa.String(64), nullable=False),
        sa.Column("item", sa.String(64), nullable=False),
        sa.Column("found", sa.Date, nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("owner", sa.Text),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("closed_on", sa.Date),
        sa.Column("closed_by", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("evidence_id", sa.Integer, sa.ForeignKey("inspections.id")),
    )
    op.create_index("ix_inspections_site_day", "inspections", ["site", "checklist", "day"])
    op.create_index("ix_actions_site", "actions", ["site", "checklist", "item", "status"])
    failed = sa.text(
        "SELECT i.id, i.site, i.checklist, t.item, i.day FROM inspections i "
        "JOIN inspection_items t ON t.inspection_id = i.id "
        "WHERE t.failed AND NOT i.draft ORDER BY i.day, i.id, t.position"
    )
    rows, seen = [], set()
    for inspection_id, site, checklist, item, day in op.get_bind().execute(failed):
        if (site, checklist, item) in seen:
            continue  # one open action per site and item
        seen.add((site, checklist, item))
        if isinstance(day, str):
            day = dt.date.fromisoformat(day)
        rows.append({"inspection_id": inspection_id, "site": site, "checklist": checklist,
                     "item": item, "found": day, "due": day + dt.timedelta(DEFAULT_DAYS),
                     "status": "open"})  # fmt: skip
    if rows:
        op.bulk_insert(actions, rows)
