"""local copy of the platform's certificate status feed (platform-api.md §4a, 1.1)

Revision ID: 0002_trust
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.store.models

revision = "0002_trust"
down_revision = "0002_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificate_status_copy",
        sa.Column("certificate_no", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("changed_at", app.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("replaced_by", sa.String(length=32), nullable=True),
        sa.Column("received_at", app.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("certificate_no"),
    )


def downgrade() -> None:
    op.drop_table("certificate_status_copy")
