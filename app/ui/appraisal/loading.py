"""Opening a jewellery item for appraisal, off the GUI thread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.errors import ValidationError
from app.core.lifecycle import ItemState
from app.services.station import Station


@dataclass(frozen=True)
class Loaded:
    item: Any
    latest: dict[str, Any]
    photos: dict[str, Any]
    grading: Any
    blind: bool = False  # merchant and declaration withheld by the service until findings are saved


def load(station: Station, actor: Any, tag: str) -> Loaded:
    """Open an item for appraisal (starting it when just received); runs off the GUI thread.
    The item comes from the appraisal view, which withholds what a blind appraisal hides."""
    view = station.appraisal.appraisal_view(tag)
    if view.item.category != "jewelry":
        raise ValidationError("这是手机，请在手机检测工位处理", "This is a phone; use the phone inspection station")
    if view.item.state == ItemState.RECEIVED:
        station.appraisal.start(actor, tag)
        view = station.appraisal.appraisal_view(tag)
    return Loaded(
        view.item,
        station.appraisal.latest_measurements(tag),
        station.photos.latest(tag),
        station.appraisal.latest_grading(tag),
        view.blind,
    )
