"""Fixtures of the acceptance suite: one Xvfb for the session (1366x768), screenshots under
``build/acceptance`` (or ``TW_ACCEPTANCE_ARTIFACTS``), one demo data folder shared by the
runs of the application, and a way to start it and log in with real key presses."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.acceptance.harness import ROOT, Records, Workstation, X, XServer, missing_tools

MAIN_TITLE = r"工作站|workstation"
LOGIN_TITLE = r"登录|log in"
START_TIMEOUT = 120  # a first start builds the demo data on a shared 2-core machine


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def xserver() -> Iterator[XServer]:
    missing = missing_tools()
    if missing:
        pytest.skip(f"the acceptance suite needs {', '.join(missing)} (scripts/setup.sh installs them)")
    server = XServer(1366, 768)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    folder = Path(os.environ.get("TW_ACCEPTANCE_ARTIFACTS") or ROOT / "build" / "acceptance")
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder


@pytest.fixture(scope="session")
def x(xserver: XServer, artifacts: Path) -> X:
    return X(xserver.display, artifacts)


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("acceptance-data")


@pytest.fixture(scope="session")
def records(demo_dir: Path) -> Records:
    return Records(demo_dir / "workstation.sqlite3")


class Session:
    """A running workstation and, once logged in, its main window."""

    def __init__(self, x: X, app: Workstation) -> None:
        self.x, self.app = x, app
        self.main: int | None = None
        self.problem = ""

    def log_in(self, username: str, password: str, *, password_delay_ms: int = 8) -> None:
        """A person types the name (150 ms a key), Tab, the password at ``password_delay_ms``
        a key and Return in the same breath (what a password manager or a fast typist does)."""
        try:
            login = self.x.wait_window(LOGIN_TITLE, START_TIMEOUT)
        except AssertionError as exc:
            self.problem = f"no log-in window: {exc}; log: {self.app.log.read_text(errors='replace')[-1500:]}"
            return
        self.x.focus(login)
        self.x.type(username, 150)
        self.x.key("Tab")
        self.x.type(password, password_delay_ms, then="Return")
        try:
            self.main = self.x.wait_window(MAIN_TITLE, 45)
        except AssertionError as exc:
            self.x.screenshot("login-failed")
            self.problem = f"the main window did not open after log-in: {exc}"
            return
        self.x.focus(self.main)

    def require(self) -> int:
        if self.main is None:
            pytest.fail(f"not logged in: {self.problem}")
        return self.main

    def show_station(self, index: int) -> None:
        """Click into the station list (top left), then Home and Down: real keys, no coordinates
        beyond 'the list starts at the top left'."""
        self.x.click(100, 60)
        self.x.key("Home", *(["Down"] * index))


# xdotool on a busy shared machine is sometimes descheduled for tens of milliseconds in the
# middle of a burst; a real scanner is not. The gap is a setting (devices.md: some scanners
# are set to slow down); 120 ms still tells a person at 150 ms a key from a scanner.
SETTINGS = "scanner_burst_gap_ms = 120\n"


def start_session(x: X, demo_dir: Path, artifacts: Path, lang: str) -> Workstation:
    settings = demo_dir / "settings.toml"
    if not settings.exists():
        settings.write_text(SETTINGS, encoding="utf-8")
    return Workstation(x.display, demo_dir, lang, artifacts / f"workstation-{lang}.log")


@pytest.fixture(scope="module")
def clerk_zh(x: X, demo_dir: Path, artifacts: Path) -> Iterator[Session]:
    app = start_session(x, demo_dir, artifacts, "zh_CN")
    session = Session(x, app)
    session.log_in("clerk", "demo-pass-1")
    yield session
    app.stop()


@pytest.fixture(scope="module")
def supervisor_en(x: X, demo_dir: Path, artifacts: Path) -> Iterator[Session]:
    app = start_session(x, demo_dir, artifacts, "en")
    session = Session(x, app)
    session.log_in("supervisor", "demo-pass-1")
    yield session
    app.stop()
