"""GUI fixtures live in tests/conftest.py (ui_factory), shared with tests/e2e.

Every GUI test starts in Chinese, whatever the test before it switched to: the error
language (``ops.LANG``) is process-wide, and a test that measured the English screens
once left the next file's messages in English."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _chinese_error_language():  # type: ignore[no-untyped-def]
    from app.ui import ops

    ops.LANG["value"] = "zh_CN"
    yield
    ops.LANG["value"] = "zh_CN"
