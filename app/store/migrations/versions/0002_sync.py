"""platform_blobs: blob presence confirmed by the platform, remembered across processes

Revision ID: 0002_sync
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.store.models

revision = "0002_sync"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "platform_blobs",
        sa.Column("platform", sa.String(length=256), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("confirmed_at", app.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("platform", "sha256"),
    )


def downgrade() -> None:
    op.drop_table("platform_blobs")
