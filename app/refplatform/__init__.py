"""Reference implementation of the central platform (platform-api.md), for tests and the demo.

Qt-free; its own sqlite3 store. Start it in-process with ``PlatformServer(...).start()`` or
from the command line with ``python -m app platform serve`` (or ``python -m app.cli.platform``).
It stands in for another party's system, so it shares only the core contract with the
workstation: it imports ``app.core`` and nothing else of ``app`` (a contract in
pyproject ``[tool.importlinter]``, run by tests/test_layers.py).
"""

from .app import Faults
from .asn_gen import generate_notices
from .http import PlatformServer

__all__ = ["Faults", "PlatformServer", "generate_notices"]
