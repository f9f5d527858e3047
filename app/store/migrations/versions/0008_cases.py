"""after-sale cases (platform-api 1.1 §6) and their quarantine

Revision ID: 0003_cases
Revises: 0003_match
Create Date: 2026-12-02 19:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.store.models

revision = "0003_cases"
down_revision = "0003_match"  # after h-match's 0003_match, merged into this branch; the lead re-chains
branch_labels = None
depends_on = None

_T = app.store.models.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("platform_status", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("warehouse_id", sa.String(length=32), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("item_tag", sa.String(length=32), nullable=False),
        sa.Column("certificate_no", sa.String(length=32), nullable=True),
        sa.Column("opened_at", _T(timezone=True), nullable=False),
        sa.Column("inbound_carrier", sa.String(length=32), nullable=True),
        sa.Column("inbound_waybill", sa.String(length=64), nullable=True),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("claimed", sa.JSON(), nullable=False),
        sa.Column("raw", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("received_at", _T(timezone=True), nullable=True),
        sa.Column("received_by", sa.Integer(), nullable=True),
        sa.Column("package_condition", sa.String(length=16), nullable=True),
        sa.Column("inspector_id", sa.Integer(), nullable=True),
        sa.Column("inspected_at", _T(timezone=True), nullable=True),
        sa.Column("proposed_same_piece", sa.String(length=16), nullable=True),
        sa.Column("same_piece", sa.String(length=16), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("findings", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("evidence", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("evidence_blobs", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("decider_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", _T(timezone=True), nullable=True),
        sa.Column("decision", sa.String(length=16), nullable=True),
        sa.Column("reason_code", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("warranty_covered", sa.Boolean(), nullable=True),
        sa.Column("disposition", sa.String(length=16), nullable=True),
        sa.Column("disposed_at", _T(timezone=True), nullable=True),
        sa.Column("disposed_by", sa.Integer(), nullable=True),
        sa.Column("dispose_carrier", sa.String(length=32), nullable=True),
        sa.Column("dispose_waybill", sa.String(length=64), nullable=True),
        sa.Column("created_at", _T(timezone=True), nullable=False),
        sa.Column("updated_at", _T(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["items.id"],
        ),
        sa.ForeignKeyConstraint(
            ["received_by"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["inspector_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["decider_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["disposed_by"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id"),
    )
    op.create_index(op.f("ix_cases_item_id"), "cases", ["item_id"], unique=False)
    op.create_index(op.f("ix_cases_item_tag"), "cases", ["item_tag"], unique=False)
    op.create_index(op.f("ix_cases_certificate_no"), "cases", ["certificate_no"], unique=False)
    op.create_index(op.f("ix_cases_inbound_waybill"), "cases", ["inbound_waybill"], unique=False)
    op.create_index(op.f("ix_cases_state"), "cases", ["state"], unique=False)
    op.create_table(
        "case_quarantine",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=256), nullable=True),
        sa.Column("reason_zh", sa.Text(), nullable=False),
        sa.Column("reason_en", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("received_at", _T(timezone=True), nullable=False),
        sa.Column("received_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["received_by"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_case_quarantine_case_id"), "case_quarantine", ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_case_quarantine_case_id"), table_name="case_quarantine")
    op.drop_table("case_quarantine")
    for name in ("state", "inbound_waybill", "certificate_no", "item_tag", "item_id"):
        op.drop_index(op.f(f"ix_cases_{name}"), table_name="cases")
    op.drop_table("cases")
