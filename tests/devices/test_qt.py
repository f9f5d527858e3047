"""ScanEventFilter with pytest-qt: scans land nowhere, typing lands in the focused field."""

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.devices.qt import ScanEventFilter


class FakeClock:
    now = 0.0

    def __call__(self):
        return self.now


@pytest.fixture
def rig(qtbot):
    w = QWidget()
    lay = QVBoxLayout(w)
    a, b = QLineEdit(), QLineEdit()
    lay.addWidget(a)
    lay.addWidget(b)
    qtbot.addWidget(w)
    w.show()
    clock = FakeClock()
    f = ScanEventFilter(burst_gap_ms=60, min_length=6, clock=clock)
    QApplication.instance().installEventFilter(f)
    yield w, a, b, f, clock
    QApplication.instance().removeEventFilter(f)


def press(widget, ch, clock, gap):
    key = Qt.Key.Key_Return if ch == "\r" else Qt.Key(ord(ch.upper()))
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch))
    clock.now += gap


def test_scan_is_emitted_and_swallowed_whatever_has_focus(rig, qtbot):
    w, a, b, f, clock = rig
    b.setFocus()
    with qtbot.waitSignal(f.scanned, timeout=1000) as sig:
        for ch in "TW2611210000017\r":
            press(b, ch, clock, 5)
    assert sig.args == ["TW2611210000017"]
    assert a.text() == "" and b.text() == ""


def test_typing_reaches_the_field(rig, qtbot):
    w, a, b, f, clock = rig
    got = []
    f.scanned.connect(got.append)
    for ch in "hello1":
        press(a, ch, clock, 200)
    qtbot.waitUntil(lambda: a.text() == "hello1", timeout=1000)
    assert got == []


def test_fast_but_short_burst_is_replayed(rig, qtbot):
    w, a, b, f, clock = rig
    for ch in "ab\r":
        press(a, ch, clock, 5)
    assert a.text() == "ab"
