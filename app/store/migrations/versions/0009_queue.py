"""Indexes for the supervisor's exceptions queue and dashboard: every figure reads a time
range or a state through an index, never the whole table (5 M items, 50 M audit entries).

Revision ID: 0003_queue
Revises: 0002_hostile
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_queue"
down_revision = "0003_cases"
branch_labels = None
depends_on = None

# (name, table, columns): each a time range or state the dashboard or the queue filters on.
INDEXES = (
    ("ix_items_state_updated", "items", ["state", "updated_at"]),
    ("ix_items_received_at", "items", ["received_at"]),
    ("ix_grading_results_graded_at", "grading_results", ["graded_at"]),
    ("ix_reviews_decided_at", "reviews", ["decided_at"]),
    ("ix_certificates_issued_at", "certificates", ["issued_at"]),
    ("ix_dispatches_dispatched_at", "dispatches", ["dispatched_at"]),
    ("ix_rejections_rejected_at", "rejections", ["rejected_at"]),
    ("ix_audit_log_at_workstation", "audit_log", ["at", "workstation_id"]),
    ("ix_discrepancies_recorded_at", "discrepancies", ["recorded_at"]),
    ("ix_outbox_status_occurred", "outbox", ["status", "occurred_at"]),
    ("ix_notice_quarantine_received_at", "notice_quarantine", ["received_at"]),
)
_PENDING = "pending_notice IS NOT NULL"


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    # Only the few parcels with a notice change waiting are in it.
    op.create_index(
        "ix_shipments_pending_notice",
        "shipments",
        ["id"],
        unique=False,
        sqlite_where=sa.text(_PENDING),
        postgresql_where=sa.text(_PENDING),
    )


def downgrade() -> None:
    op.drop_index("ix_shipments_pending_notice", table_name="shipments")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
