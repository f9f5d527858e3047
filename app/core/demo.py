"""The values that only demo mode (``gui --demo``) may use. A real warehouse never runs on
them: a device that is not configured is "not configured", never simulated."""

from __future__ import annotations

SIMULATED = "simulated"  # a device port / camera source served by an in-process simulator
EMBEDDED = "embedded"  # the platform URL served by the local reference platform
DEMO_WAREHOUSE_NAME = "珍宝仓（演示仓）"
# The platform spec's example address: what the QR code of a certificate issued with the
# embedded platform (or no platform URL at all) points at.
DEMO_VERIFY_BASE_URL = "https://platform.example/tw/api/v1"

# How a device or the platform link is reported when it is not there (status bar, CLI).
NOT_CONFIGURED = "not_configured"  # nobody has set it up yet
REFUSED = "refused"  # a demo-only value (SIMULATED, EMBEDDED) outside demo mode
