"""notice quarantine: platform notices that could not be applied, with their reason

Revision ID: 0002_hostile
Revises: 0001
Create Date: 2026-12-02 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.store.models

revision = "0002_hostile"
down_revision = "0002_setup"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notice_quarantine",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("asn_id", sa.String(length=64), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=256), nullable=True),
        sa.Column("reason_zh", sa.Text(), nullable=False),
        sa.Column("reason_en", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("received_at", app.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("received_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["received_by"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_notice_quarantine_asn_id"), "notice_quarantine", ["asn_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_notice_quarantine_asn_id"), table_name="notice_quarantine")
    op.drop_table("notice_quarantine")
