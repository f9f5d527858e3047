"""Photo views (platform-api.md §3, ``photo.attached``) and which of them each kind of piece
needs before it can be graded. The stations, the services and the event check all read them
here."""

from __future__ import annotations

from app.core.vocab import Term, vocabulary

PHOTO_VIEWS = vocabulary(
    "照片视角",
    "photo view",
    [
        Term("front", "正面", "front"),
        Term("back", "背面", "back"),
        Term("side", "侧面", "side"),
        Term("hallmark", "印记", "hallmark"),
        Term("detail", "细节", "detail"),
        Term("package", "包装", "package"),
        Term("screen", "亮屏", "screen on"),
    ],
)

JEWELRY_VIEWS = ("front", "back", "hallmark", "detail")  # the views the appraisal station offers
JEWELRY_BASE_VIEWS = ("front", "back", "detail")  # needed for every piece of jewellery
JEWELRY_METAL_VIEWS = ("front", "back", "hallmark", "detail")  # its mark is evidence of the fineness
PHONE_VIEWS = ("front", "back", "screen")  # needed for every phone
DEFECT_VIEW = "detail"  # a close-up of a phone's defect


def view_name(code: str) -> tuple[str, str]:
    """(zh, en) of a view; an unknown view keeps its code."""
    term = PHOTO_VIEWS.find(code)
    return (term.zh, term.en) if term else (code, code)


__all__ = [
    "DEFECT_VIEW",
    "JEWELRY_BASE_VIEWS",
    "JEWELRY_METAL_VIEWS",
    "JEWELRY_VIEWS",
    "PHONE_VIEWS",
    "PHOTO_VIEWS",
    "view_name",
]
