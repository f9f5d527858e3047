"""The application-wide scan filter fed real QKeyEvents as a window system delivers them
from a USB wedge scanner (Shift press, key press, key release, Shift release, each with its
timestamp) and from a person; into a plain field and into password fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget

from app.config import load_config
from app.devices.qt import ScanEventFilter
from app.ui.context import AppSignals
from app.ui.main import install_scanner

SHIFT_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ:")
NO = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Keyboard:
    """Sends key events with window-system timestamps, like X11 or Windows do."""

    def __init__(self, t0: float = 1_000_000) -> None:
        self.t = t0

    def send(self, widget: QWidget, kind: QEvent.Type, key: int, text: str = "", mods=NO, gap: float = 0) -> None:
        self.t += gap
        ev = QKeyEvent(kind, key, mods, text)
        ev.setTimestamp(int(self.t))
        QApplication.sendEvent(widget, ev)

    def tap(self, widget: QWidget, ch: str, gap: float, shift_mode: str = "shift") -> None:
        key = {"\r": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}.get(ch) or Qt.Key(ord(ch.upper()))
        shifted = ch in SHIFT_CHARS and shift_mode == "shift"
        mod_key = Qt.Key.Key_AltGr if shift_mode == "altgr" and ch in SHIFT_CHARS else Qt.Key.Key_Shift
        if shifted or mod_key == Qt.Key.Key_AltGr:
            self.send(widget, QEvent.Type.KeyPress, mod_key, "", NO, gap)
        mods = SHIFT if shifted else NO
        self.send(widget, QEvent.Type.KeyPress, key, ch, mods, gap)
        self.send(widget, QEvent.Type.KeyRelease, key, ch, mods, gap)
        if shifted or mod_key == Qt.Key.Key_AltGr:
            self.send(widget, QEvent.Type.KeyRelease, mod_key, "", mods, gap)

    def type(self, widget: QWidget, text: str, gap: float, shift_mode: str = "shift") -> None:
        for ch in text:
            self.tap(widget, ch, gap, shift_mode)


@pytest.fixture
def rig(qtbot):
    w = QWidget()
    lay = QVBoxLayout(w)
    field, password = QLineEdit(), QLineEdit()
    password.setEchoMode(QLineEdit.EchoMode.Password)
    lay.addWidget(field)
    lay.addWidget(password)
    qtbot.addWidget(w)
    w.show()
    filt = ScanEventFilter(burst_gap_ms=60, min_length=6)
    scans: list[str] = []
    garbled: list[str] = []
    filt.scanned.connect(scans.append)
    filt.garbled.connect(garbled.append)
    QApplication.instance().installEventFilter(filt)
    yield field, password, scans, garbled, filt
    QApplication.instance().removeEventFilter(filt)


@pytest.mark.parametrize("gap", [1, 5, 10])
def test_scanner_with_shift_around_capitals_keeps_the_first_letter(rig, qtbot, gap):
    field, _pw, scans, garbled, _f = rig
    field.setFocus()
    kb = Keyboard()
    kb.type(field, "SF8549711522283\r", gap)
    kb.type(field, "TW2611210000017\r", gap)
    qtbot.waitUntil(lambda: len(scans) == 2, timeout=3000)
    assert scans == ["SF8549711522283", "TW2611210000017"]
    assert field.text() == "" and garbled == []


def test_capslock_and_altgr_inside_a_burst(rig, qtbot):
    field, _pw, scans, _g, _f = rig
    kb = Keyboard()
    kb.send(field, QEvent.Type.KeyPress, Qt.Key.Key_CapsLock, "", NO, 3)
    kb.send(field, QEvent.Type.KeyRelease, Qt.Key.Key_CapsLock, "", NO, 3)
    kb.type(field, "KS20261121A001\r", 4, shift_mode="none")
    kb.type(field, "MERCH:0001\r", 4, shift_mode="altgr")
    qtbot.waitUntil(lambda: len(scans) == 2, timeout=3000)
    assert scans == ["KS20261121A001", "MERCH:0001"] and field.text() == ""


def test_person_typing_at_150_ms_lands_in_the_field_with_capitals(rig, qtbot):
    field, _pw, scans, garbled, _f = rig
    field.setFocus()
    Keyboard().type(field, "Sf12345", 50)  # 3 events a key, 50 ms apart: 150 ms a key
    qtbot.waitUntil(lambda: field.text() == "Sf12345", timeout=3000)
    assert scans == [] and garbled == []


def test_password_typed_at_25_ms_stays_in_the_password_field(rig, qtbot):
    _field, password, scans, garbled, filt = rig
    password.setFocus()
    kb = Keyboard()
    kb.type(password, "Secret-Pass99", 8)  # ~25 ms a key with Shift around capitals
    kb.send(password, QEvent.Type.KeyPress, Qt.Key.Key_Return, "\r", NO, 8)
    assert password.text() == "Secret-Pass99"
    assert not filt.recogniser.holding
    qtbot.wait(100)  # past the burst gap: nothing may surface later either
    assert scans == [] and garbled == []


@pytest.mark.parametrize("mode", [QLineEdit.EchoMode.NoEcho, QLineEdit.EchoMode.PasswordEchoOnEdit])
def test_every_hidden_echo_mode_is_left_alone(rig, qtbot, mode):
    _field, password, scans, _g, _f = rig
    password.setEchoMode(mode)
    password.setFocus()
    Keyboard().type(password, "SF8549711522283\r", 3)
    assert scans == [] and password.text() == "SF8549711522283"


def test_a_dialog_marked_twnoscan_keeps_its_keys(qtbot, rig):
    _field, _pw, scans, _g, _f = rig
    dlg = QDialog()
    dlg.setProperty("twNoScan", True)
    inner = QLineEdit(dlg)
    qtbot.addWidget(dlg)
    dlg.show()
    Keyboard().type(inner, "PASSPHRASE1", 5)
    assert inner.text() == "PASSPHRASE1" and scans == []


def test_garbled_burst_is_reported_and_its_keys_are_kept(rig, qtbot):
    field, _pw, scans, garbled, _f = rig
    Keyboard().type(field, "SF85497", 3)  # the scanner lost its Enter
    qtbot.waitUntil(lambda: garbled == ["SF85497"], timeout=3000)
    qtbot.waitUntil(lambda: field.text() == "SF85497", timeout=3000)
    assert scans == []


def test_settings_choose_suffix_and_prefix(qtbot, data_dir):
    config = load_config(data_dir, env={})
    config.set("scanner_suffix", "tab")
    config.set("scanner_prefix", "]C1")
    from app.ui import sound

    app = QApplication.instance()
    signals = AppSignals()
    previous = sound.player()
    filt = install_scanner(app, config, signals)
    assert filt is not None
    try:
        assert sound.player() is not previous and sound.player().volume == 70  # the setting's default
        field = QLineEdit()
        qtbot.addWidget(field)
        scans: list[str] = []
        signals.scan_did_arrive.connect(scans.append)
        Keyboard().type(field, "]C1SF8549711522283\t", 3)
        qtbot.waitUntil(lambda: scans == ["SF8549711522283"], timeout=3000)
        assert field.text() == ""
    finally:
        app.removeEventFilter(filt)
        sound.set_player(previous)


# --- command barcodes (MainWindow.route_scan) ----------------------------------------------


@pytest.fixture
def recorder():
    from app.ui import sound

    rec = sound.SoundPlayer(70, backend=None)
    previous = sound.set_player(rec)
    yield rec
    sound.set_player(previous)


def test_command_barcode_presses_its_button_before_the_station_sees_it(qtbot, ui_factory, sqlite_people, recorder):
    from PySide6.QtWidgets import QPushButton

    from app.ui.shell import MainWindow

    window = MainWindow(ui_factory(sqlite_people.admin))
    qtbot.addWidget(window)
    window.show()
    screen = window.show_station("admin")
    seen: list[str] = []
    screen.handle_scan = lambda code: seen.append(code) or False  # type: ignore[method-assign]
    button = QPushButton("Pass", screen)
    button.setProperty("twCommand", "pass")  # what keys.bind(button, "F9", command="pass") registers
    button.show()
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))

    window.route_scan("CMD:pass")
    window.route_scan("cmd:PASS")  # a scanner with CapsLock on
    assert len(clicks) == 2 and seen == []
    button.setEnabled(False)
    window.route_scan("CMD:pass")
    assert "not available" in window.statusBar().currentMessage() and len(clicks) == 2
    window.route_scan("CMD:launch")
    assert "Unknown command barcode: launch" in window.statusBar().currentMessage()
    assert seen == [] and list(recorder.requested) == ["error", "error"]
    window.route_scan("TW2611210000017")  # an ordinary scan still reaches the station
    assert seen == ["TW2611210000017"]
    # ...and, unclaimed, goes to the search (in the background): no item has it, which is said.
    qtbot.waitUntil(lambda: list(recorder.requested)[-1:] == ["warn"], timeout=10_000)
    assert "TW2611210000017" in window.statusBar().currentMessage()


def test_login_dialog_never_takes_scans_even_in_the_username(rig, qtbot, sqlite_station):
    from app.ui.login import LoginDialog

    _field, _pw, scans, garbled, _f = rig
    dlg = LoginDialog(sqlite_station, "测试仓")
    qtbot.addWidget(dlg)
    dlg.show()
    kb = Keyboard()
    kb.type(dlg.username, "supervisor\t", 5)  # a password manager's auto-type
    kb.type(dlg.password, "Demo-Pass-1", 5)
    assert (dlg.username.text(), dlg.password.text()) == ("supervisor", "Demo-Pass-1")
    qtbot.wait(100)
    assert scans == [] and garbled == []


def test_a_key_held_down_is_typing_not_a_scan(rig, qtbot):
    field, _pw, scans, garbled, _f = rig
    kb = Keyboard()
    kb.send(field, QEvent.Type.KeyPress, Qt.Key.Key_0, "0", NO, 0)
    for _ in range(8):  # auto-repeat every 33 ms: as fast as a slow scanner
        ev = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_0, NO, "0", True)
        kb.t += 33
        ev.setTimestamp(int(kb.t))
        QApplication.sendEvent(field, ev)
    kb.send(field, QEvent.Type.KeyRelease, Qt.Key.Key_0, "0", NO, 20)
    kb.send(field, QEvent.Type.KeyPress, Qt.Key.Key_Return, "\r", NO, 20)
    assert field.text() == "0" * 9
    qtbot.wait(100)
    assert scans == [] and garbled == []


def test_garbled_scan_in_a_dialog_is_shown_beside_the_focused_field(qtbot, recorder):
    from PySide6.QtWidgets import QToolTip

    from app.ui import sound

    dlg = QDialog()
    field = QLineEdit(dlg)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=3000)
    sound.garbled_scan("SF85497")
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert "SF85497" in QToolTip.text() and list(recorder.requested) == ["error"]
    QToolTip.hideText()
