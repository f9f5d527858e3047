"""The intake board is read again after every commit; only entries that changed are rebuilt,
and what is shown equals a board drawn whole (text, waybill behind it, cancelled struck out)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from app.services.views import BoardEntry
from app.ui.intake.widgets import ParcelBoard


def _entries(n: int) -> list[BoardEntry]:
    return [BoardEntry(i, f"ASN-{i}", "announced", f"SF{i:013d}", "翠玉轩珠宝", 0, 3) for i in range(n)]


def _shown(board: ParcelBoard) -> list[tuple[str, str, bool, str]]:
    out = []
    for r in range(board.count()):
        it = board.item(r)
        out.append(
            (it.text(), it.data(Qt.ItemDataRole.UserRole), it.font().strikeOut(), it.foreground().color().name())
        )
    return out


def test_only_changed_entries_are_rebuilt_and_the_board_equals_one_drawn_whole(qtbot):
    step, whole = ParcelBoard(), ParcelBoard()
    qtbot.addWidget(step)
    qtbot.addWidget(whole)
    first = _entries(100)
    step.show_board(first)
    before = [step.item(r) for r in range(100)]
    second = list(first)
    second[7] = replace(first[7], status="receiving", received_count=1)
    step.show_board(second)
    after = [step.item(r) for r in range(100)]
    assert [r for r in range(100) if after[r] is not before[r]] == [7]
    boards = [
        second,
        [replace(second[0], status="cancelled"), *second[1:]],
        [replace(second[1], status="unannounced", asn_id=None), second[0]],  # fewer, reordered
        [],
    ]
    for entries in boards:
        step.show_board(entries)
        fresh = ParcelBoard()
        qtbot.addWidget(fresh)
        fresh.show_board(entries)
        assert _shown(step) == _shown(fresh)
    step.show_board(second[:2])
    assert _shown(step)[0][2] is False and "1/3" not in _shown(step)[0][0]
