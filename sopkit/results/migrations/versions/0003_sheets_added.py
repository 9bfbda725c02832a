"""Which sheet of its workbook an inspection is; inspectors' added findings (issue 10).

Stores made before keep their inspections: their sheet is unknown (NULL, shown as the
file alone) and they have no added findings.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    with op.batch_alter_table("inspections") as batch:
        batch.add_column(sa.Column("sheet", sa.Text))
    with op.batch_alter_table("actions") as batch:
        batch.add_column(sa.Column("text", sa.Text))  # an added finding's own words
    op.create_table(
        "added_findings",
        sa.Column("inspection_id", sa.Integer, sa.ForeignKey("inspections.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("cell", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("answer", sa.Text),
        sa.Column("remarks", sa.Text),
    )
