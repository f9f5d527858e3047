"""``settle()`` (called once the main window is on screen): garbage of start-up is collected,
what survives is frozen out of later full collections, and what a closed window leaves
behind is still collected at the next settle."""

from __future__ import annotations

import gc
import weakref

from app.ui import gc as gui_gc


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


def test_settle_collects_then_freezes_and_a_later_settle_frees_the_old(qapp):
    collector = gui_gc.install(qapp)
    try:
        garbage = _Node()
        dead = weakref.ref(garbage)
        del garbage
        window = _Node()  # alive when settling: frozen
        kept = weakref.ref(window)
        collector.settle()
        assert dead() is None  # start-up's garbage collected first, not frozen
        assert gc.get_freeze_count() > 0
        del window
        gc.collect()
        assert kept() is not None  # frozen: a full collection no longer looks at it
        collector.settle()  # the next window: the old one is unfrozen and collected
        assert kept() is None
    finally:
        gc.unfreeze()
