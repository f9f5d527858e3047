"""Fewer index pages per receive, and no parcel-sized scan in it (issue 16)

Every receive writes a page of every index on ``items``, ``outbox`` and ``audit_log``, and
under ``synchronous=FULL`` the commit waits for all of them to reach the disk.

- ``ix_items_state`` goes: ``ix_items_state_updated`` (state, updated_at) starts with it.
- ``ix_items_shipment_id`` becomes (shipment_id, merchant_ref): a scanned merchant label is
  looked up in its parcel by both, which read every piece of the parcel through the old index
  (a parcel of 300 pieces: 300 rows read on every scan). It still serves shipment_id alone.
- ``ix_outbox_status_occurred`` becomes ``ix_outbox_rejected`` (occurred_at) for rejected
  events only, the one thing it was read for (the supervisor's queue); a new event is pending,
  so writing one no longer touches it.

Revision ID: 0003_receive
Revises: 0003_dashdays
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_receive"
down_revision = "0003_dashdays"
branch_labels = None
depends_on = None

_REJECTED = "status = 'rejected'"


def upgrade() -> None:
    op.drop_index("ix_items_state", table_name="items")
    op.create_index("ix_items_shipment_ref", "items", ["shipment_id", "merchant_ref"], unique=False)
    op.drop_index("ix_items_shipment_id", table_name="items")
    op.create_index(
        "ix_outbox_rejected",
        "outbox",
        ["occurred_at"],
        unique=False,
        sqlite_where=sa.text(_REJECTED),
        postgresql_where=sa.text(_REJECTED),
    )
    op.drop_index("ix_outbox_status_occurred", table_name="outbox")


def downgrade() -> None:
    op.create_index("ix_outbox_status_occurred", "outbox", ["status", "occurred_at"], unique=False)
    op.drop_index("ix_outbox_rejected", table_name="outbox")
    op.create_index("ix_items_shipment_id", "items", ["shipment_id"], unique=False)
    op.drop_index("ix_items_shipment_ref", table_name="items")
    op.create_index("ix_items_state", "items", ["state"], unique=False)
