"""The parcel's table at intake is redrawn row by row: a scan changes one line, and only that
line's row (and the one highlighted before it) is rebuilt, so a scan costs the same in a
parcel of 300 lines as in one of 3. What is shown equals a table drawn whole."""

from __future__ import annotations

from dataclasses import replace

from app.services.views import LineView, ShipmentView
from app.ui.intake.widgets import ParcelPanel


def _parcel(n: int, received: dict[int, str], parcel_id: int = 7, unexpected: tuple[str, ...] = ()) -> ShipmentView:
    lines = tuple(
        LineView(
            f"L{i}", f"KS{i:06d}", f"翡翠手镯 {i}", "jewelry", None, {"material": "jadeite"}, False, received.get(i)
        )
        for i in range(n)
    )
    return ShipmentView(
        parcel_id, "ASN-1", 1, "receiving", "SF1234567890123", "SF", "M1", "翠玉轩珠宝", None, None, lines, unexpected
    )


def _cells(panel: ParcelPanel) -> list[tuple[str, ...]]:
    t = panel.table
    return [tuple(t.item(r, c).text() for c in range(t.columnCount())) for r in range(t.rowCount())]


def _bold_rows(panel: ParcelPanel) -> list[int]:
    return [r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).font().bold()]


def test_a_scan_rebuilds_only_the_rows_it_changed(qtbot):
    panel = ParcelPanel()
    qtbot.addWidget(panel)
    panel.show_parcel(_parcel(300, {}))
    before = [panel.table.item(r, 0) for r in range(300)]
    panel.show_parcel(_parcel(300, {5: "TW2612030000017"}), "TW2612030000017")
    after = [panel.table.item(r, 0) for r in range(300)]
    assert [r for r in range(300) if after[r] is not before[r]] == [5]
    assert _bold_rows(panel) == [5]
    again = [panel.table.item(r, 0) for r in range(300)]
    panel.show_parcel(_parcel(300, {5: "TW2612030000017", 9: "TW2612030000025"}), "TW2612030000025")
    now = [panel.table.item(r, 0) for r in range(300)]
    assert [r for r in range(300) if now[r] is not again[r]] == [5, 9]  # 5 is no longer the one just received
    assert _bold_rows(panel) == [9]


def test_what_is_shown_equals_a_table_drawn_whole(qtbot):
    step = ParcelPanel()
    whole = ParcelPanel()
    qtbot.addWidget(step)
    qtbot.addWidget(whole)
    views = [
        (_parcel(4, {}), None),
        (_parcel(4, {1: "TW2612030000017"}), "TW2612030000017"),
        (_parcel(4, {1: "TW2612030000017"}, unexpected=("TW2612030000025",)), "TW2612030000025"),
        (_parcel(4, {1: "TW2612030000017", 3: "TW2612030000033"}, unexpected=("TW2612030000025",)), None),
        (_parcel(2, {}, parcel_id=8), None),  # another parcel: drawn whole, fewer rows
    ]
    for view, highlight in views:
        step.show_parcel(view, highlight)
        whole.show_parcel(None)
        whole.show_parcel(view, highlight)
        assert _cells(step) == _cells(whole)
        assert _bold_rows(step) == _bold_rows(whole)
        assert step.progress.text() == whole.progress.text()
    # An accepted notice change: the same line, described anew, is redrawn (not its old cells).
    revised = _parcel(2, {}, parcel_id=8)
    first = replace(revised.lines[0], title="白玉挂件", declared={"material": "nephrite"})
    revised = replace(revised, revision=2, lines=(first, revised.lines[1]))
    step.show_parcel(revised)
    whole.show_parcel(None)
    whole.show_parcel(revised)
    assert _cells(step) == _cells(whole) and "白玉挂件" in _cells(step)[0]
    withdrawn = replace(revised, lines=(revised.lines[0], replace(revised.lines[1], withdrawn=True)))
    step.show_parcel(withdrawn)
    assert _cells(step) == [_cells(whole)[0]]


def test_a_longer_tag_widens_its_column(qtbot):
    panel = ParcelPanel()
    qtbot.addWidget(panel)
    panel.show_parcel(_parcel(3, {}))
    width = panel.table.columnWidth(5)
    panel.show_parcel(_parcel(3, {0: "TW2612030000017-REPRINTED-LABEL"}))
    assert panel.table.columnWidth(5) > width


def test_the_first_piece_of_a_parcel_does_not_widen_the_tag_column(qtbot):
    """A parcel is drawn with room for a tag in bold: widening a column on the first piece
    redrew the whole table, on one scan in ten."""
    from datetime import date

    from app.core.tags import make_tag

    panel = ParcelPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_parcel(_parcel(3, {}))
    width = panel.table.columnWidth(5)
    tag = make_tag(date(2026, 12, 31), 999_999)
    panel.show_parcel(_parcel(3, {0: tag}), tag)
    assert _bold_rows(panel) == [0]
    assert panel.table.columnWidth(5) == width


def test_the_piece_just_received_is_scrolled_into_view_and_stays_highlighted(qtbot):
    """In a long parcel the received line is brought on screen; a refresh that passes the
    panel's own highlight back (the screen's ChangeWatcher) keeps it in bold."""
    panel = ParcelPanel()
    qtbot.addWidget(panel)
    panel.resize(800, 400)
    panel.show()
    t = panel.table
    scrolled: list[int] = []
    scroll_to = t.scrollTo
    t.scrollTo = lambda index, *a: (scrolled.append(index.row()), scroll_to(index, *a))  # type: ignore[method-assign]
    panel.show_parcel(_parcel(60, {}))
    first = "TW2612030000009"
    panel.show_parcel(_parcel(60, {1: first}), first)
    qtbot.wait(20)
    assert scrolled == []  # in sight already: not scrolled to, nor its cell repainted again
    tag = "TW2612030000017"
    panel.show_parcel(_parcel(60, {1: first, 50: tag}), tag)
    qtbot.waitUntil(lambda: t.viewport().rect().contains(t.visualItemRect(t.item(50, 0)).center()), timeout=2000)
    assert scrolled == [50]
    assert panel.highlighted == tag and _bold_rows(panel) == [50]
    panel.show_parcel(_parcel(60, {1: first, 50: tag, 3: "TW2612030000025"}), panel.highlighted)  # another station's
    assert _bold_rows(panel) == [50]
    panel.show_parcel(None)
    assert panel.highlighted is None


def test_the_bold_row_is_the_tables_font_in_bold(qtbot):
    """The piece just received is the table's own font (its stylesheet's 16 px) in bold, not
    the application's smaller default font."""
    panel = ParcelPanel()
    qtbot.addWidget(panel)
    panel.show()
    tag = "TW2612030000017"
    panel.show_parcel(_parcel(3, {1: tag}), tag)
    table_font = panel.table.font()
    bold = panel.table.item(1, 0).font()
    assert bold.bold() and bold.pixelSize() == table_font.pixelSize() == 16
