"""The comparison widget offscreen: every finding side by side with its verdict coloured and in
words, the drawn photo pairs, the proposal; in Chinese and English, within 1366x768."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from PySide6.QtGui import QColor

from app.core import fingerprint as f
from app.core.fingerprint import Fingerprint, Found, PhoneFacts, PhotoRef, PhotoScore
from app.services import photo_match
from app.ui import i18n
from app.ui.cases.compare import VERDICT_COLOURS, ComparisonView
from app.ui.style import ERROR_COLOR, OK_COLOR, STYLESHEET
from bench.case_images import different_pairs, same_pairs


@pytest.fixture(params=["zh_CN", "en"])
def lang(request, qapp):  # type: ignore[no-untyped-def]
    installed = i18n.install_translators(qapp, request.param)
    qapp.setStyleSheet(STYLESHEET)
    yield request.param
    for tr in installed:
        qapp.removeTranslator(tr)


def _swap() -> tuple[f.Comparison, dict[str, bytes]]:
    """A ring returned with the right mass but another ring's photo (a real drawn match)."""
    _, cert, now = different_pairs(1, start=0)[0]
    _, cert2, now2 = same_pairs(1, start=9)[0]
    front, hallmark = photo_match.match_view(cert, now), photo_match.match_view(cert2, now2)
    fp = Fingerprint(
        "TW2611210000017",
        "jewelry",
        "TWC26120200000178",
        (PhotoRef("front", "a" * 64), PhotoRef("hallmark", "b" * 64)),
        mass_g=D("5.000"),
        mass_u_g=D("0.0015"),
    )
    out = f.compare(
        fp, Found(mass_g=D("5.001"), mass_u_g=D("0.0015")), {"front": front.score, "hallmark": hallmark.score}
    )
    return out, {"front": front.drawn_png, "hallmark": hallmark.drawn_png}


def test_a_swap_shows_each_finding_and_proposes_not_the_same(qtbot, lang) -> None:  # type: ignore[no-untyped-def]
    view = ComparisonView()
    qtbot.addWidget(view)
    comparison, drawn = _swap()
    view.show_comparison(comparison, drawn)
    view.resize(1100, 640)
    view.show()
    zh = lang.startswith("zh")
    assert comparison.same_piece == "no"
    assert view.proposal.text() == ("建议：不是认证的那一件" if zh else "Proposed: NOT the piece that was certified")
    assert view.banner.property("status") == "error"
    rows = {view.table.item(r, 0).text(): r for r in range(view.table.rowCount())}
    assert view.table.rowCount() == len(comparison.findings) == 3
    front = rows["照片：正面" if zh else "Photo: Front"]
    verdict = view.table.item(front, 3)
    assert verdict.text() == ("不一致" if zh else "Different")
    assert verdict.foreground().color() == QColor(ERROR_COLOR)
    mass = rows["质量（g）" if zh else "Mass (g)"]
    assert (view.table.item(mass, 1).text(), view.table.item(mass, 2).text()) == ("5", "5.001")
    assert view.table.item(mass, 3).foreground().color() == QColor(OK_COLOR)
    pictures = [view.findChild(type(view.proposal), f"comparisonPicture_{v}") for v in ("front", "hallmark")]
    assert all(p is not None and not p.pixmap().isNull() for p in pictures)
    assert pictures[0].pixmap().height() == ComparisonView.PHOTO_HEIGHT
    assert view.sizeHint().height() <= 768 and view.minimumSizeHint().width() <= 1366


def test_a_phone_and_an_empty_view(qtbot, lang) -> None:  # type: ignore[no-untyped-def]
    report = {
        "identity": {"imei": "356789104567894", "serial": "F2LX", "model_number": "A2633"},
        "battery": {"cycle_count": 412},
        "parts": [{"part": "screen", "status": "original"}],
    }
    later = {
        "identity": {"imei": "356789104567894", "serial": "F2LX", "model_number": "A2633"},
        "battery": {"cycle_count": 12},
        "parts": [{"part": "screen", "status": "replaced"}],
    }
    fp = Fingerprint("TW1", "phone", "TWC1", (PhotoRef("back", "c" * 64),), phone=PhoneFacts.from_report(report))
    comparison = f.compare(fp, Found(phone=PhoneFacts.from_report(later)), {"back": PhotoScore(0.0, 0, 5)})
    view = ComparisonView()
    qtbot.addWidget(view)
    view.show_comparison(comparison, {})
    zh = lang.startswith("zh")
    texts = {view.table.item(r, 0).text(): view.table.item(r, 3).text() for r in range(view.table.rowCount())}
    assert texts["电池循环次数" if zh else "Battery charge cycles"] == ("不一致" if zh else "Different")
    assert texts["部件屏幕：是否原装" if zh else "Part screen: originality"] == ("不一致" if zh else "Different")
    assert texts["照片：背面" if zh else "Photo: Back"] == ("无法判断" if zh else "Cannot tell")
    assert view.banner.property("status") == "ok"  # same IMEI and serial: the phone sold, repaired since
    picture = view.findChild(type(view.proposal), "comparisonPicture_back")
    assert picture.text() == ("未重新拍摄" if zh else "Not photographed again")
    view.clear()
    assert view.table.rowCount() == 0 and view.proposal.text() == ("尚未比对" if zh else "No comparison yet")
    assert set(VERDICT_COLOURS) == set(f.VERDICTS)
