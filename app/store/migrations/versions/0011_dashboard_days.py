"""dashboard_days: the dashboard's counts of closed days, kept once counted

Revision ID: 0003_dashdays
Revises: 0003_dossier
Create Date: 2026-12-02 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.store.models import UTCDateTime

revision = "0003_dashdays"
down_revision = "0003_dossier"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dashboard_days",
        sa.Column("period_start", UTCDateTime(), nullable=False),
        sa.Column("period_end", UTCDateTime(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("computed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("period_start", "period_end"),
    )


def downgrade() -> None:
    op.drop_table("dashboard_days")
