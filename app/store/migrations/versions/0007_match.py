"""certified_fingerprints: what identifies a certified piece, kept with its certificate (issue 14)

Revision ID: 0003_match
Revises: 0002_hostile
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.store.models

revision = "0003_match"
down_revision = "0003_quality"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certified_fingerprints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("certificate_no", sa.String(length=32), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("captured_by", sa.Integer(), nullable=False),
        sa.Column("captured_at", app.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
        ),
        sa.ForeignKeyConstraint(
            ["captured_by"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("certificate_no"),
    )
    op.create_index(op.f("ix_certified_fingerprints_item_id"), "certified_fingerprints", ["item_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_certified_fingerprints_item_id"), table_name="certified_fingerprints")
    op.drop_table("certified_fingerprints")
