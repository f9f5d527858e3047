"""GUI fixtures live in tests/conftest.py (ui_factory), shared with tests/e2e."""
