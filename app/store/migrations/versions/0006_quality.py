"""quality system: balance checks (daily with reference weights, outside calibration) and
findings made blind

Revision ID: 0003_quality
Revises: 0002_hostile
Create Date: 2026-12-02 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.store.models

revision = "0003_quality"
down_revision = "0002_hostile"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "balance_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("balance_serial", sa.String(length=64), nullable=False),
        sa.Column("balance_model", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("readability_g", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("performed_by", sa.Integer(), nullable=False),
        sa.Column("performed_at", app.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("valid_until", app.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["performed_by"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_balance_checks_balance_serial"), "balance_checks", ["balance_serial"], unique=False)
    op.create_table(
        "blind_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", app.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_blind_findings_item_id"), "blind_findings", ["item_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_blind_findings_item_id"), table_name="blind_findings")
    op.drop_table("blind_findings")
    op.drop_index(op.f("ix_balance_checks_balance_serial"), table_name="balance_checks")
    op.drop_table("balance_checks")
