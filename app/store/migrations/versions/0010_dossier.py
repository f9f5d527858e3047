"""dossier: indexes for search by every key and for an item's whole history

Search compares a text with tags, IMEIs and serials (declared and found by the box),
inbound and outbound waybills, order numbers, ASN ids, certificate numbers and merchants;
the dossier reads an item's outbox events. Each of these is answered from an index (see
tests/services/test_search_plans.py) at 5,000,000 items.

Revision ID: 0003_dossier
Revises: 0002_hostile
Create Date: 2026-12-02 19:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0003_dossier"
down_revision = "0003_queue"
branch_labels = None
depends_on = None

# name, table, column(s)
_PLAIN = (
    ("ix_dispatches_waybill_no", "dispatches", ["waybill_no"]),
    ("ix_shipments_merchant_id", "shipments", ["merchant_id"]),
    ("ix_shipments_merchant_name", "shipments", ["merchant_name"]),
    ("ix_outbox_item_tag", "outbox", ["item_tag"]),
    ("ix_photos_sha256", "photos", ["sha256"]),
    ("ix_items_asn_line_id", "items", ["asn_line_id"]),  # search by order, IMEI, serial: line -> item
)
# name, table, SQLite expression, PostgreSQL expression (the queries use the same text)
_JSON = (
    ("ix_asn_lines_declared_imei", "asn_lines", "json_extract(declared, '$.imei')", "(declared ->> 'imei')"),
    ("ix_asn_lines_declared_serial", "asn_lines", "json_extract(declared, '$.serial')", "(declared ->> 'serial')"),
    (
        "ix_inspection_reports_imei",
        "inspection_reports",
        "json_extract(report, '$.identity.imei')",
        "((report -> 'identity') ->> 'imei')",
    ),
    (
        "ix_inspection_reports_serial",
        "inspection_reports",
        "json_extract(report, '$.identity.serial')",
        "((report -> 'identity') ->> 'serial')",
    ),
)


def upgrade() -> None:
    for name, table, cols in _PLAIN:
        op.create_index(name, table, cols, unique=False)
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, table, lite, pg in _JSON:
        op.execute(f"CREATE INDEX {name} ON {table} ({lite if sqlite else pg})")


def downgrade() -> None:
    for name, _table, _lite, _pg in reversed(_JSON):
        op.execute(f"DROP INDEX {name}")
    for name, table, _cols in reversed(_PLAIN):
        op.drop_index(name, table_name=table)
