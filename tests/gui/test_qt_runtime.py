"""Guards against Qt binding regressions that would kill a workstation mid-shift.

PySide6 6.12.0 loses a reference on every Signal.emit() (its bool result): after a
few thousand signals the interpreter aborts with "deallocating True". A station
emits that many in minutes (live weights, camera frames), so the binding is pinned
and this test fails if a version with the bug comes back.
"""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    text = Signal(str)
    anything = Signal(object)


def test_emit_keeps_reference_counts(qapp):
    e = _Emitter()
    e.text.connect(lambda _t: None)
    e.anything.connect(lambda _o: None)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(500):
        e.text.emit("x")
        e.anything.emit(None)

    def from_thread() -> None:
        for _ in range(500):
            e.anything.emit(None)

    t = threading.Thread(target=from_thread)
    t.start()
    t.join()
    qapp.processEvents()
    assert abs(sys.getrefcount(True) - true_before) < 50
    assert abs(sys.getrefcount(None) - none_before) < 50
