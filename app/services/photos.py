"""Photos: stored content-addressed, linked to an item or a parcel, announced to the
platform with ``photo.attached`` (item photos) once their blob exists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.core.errors import NotFound, ValidationError
from app.core.lifecycle import ItemState, check_in_state
from app.core.roles import Action, Actor
from app.core.vocab.photo_views import PHOTO_VIEWS
from app.services.base import ServiceContext
from app.services.items import load_item
from app.store.models import Photo, Shipment

VIEWS = PHOTO_VIEWS.codes
PURPOSES = ("appraisal", "intake", "dispatch")
MAX_PHOTO_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class PhotoView:
    id: int
    sha256: str
    view: str
    purpose: str
    width: int | None
    height: int | None
    taken_at: datetime
    taken_by: str


def image_size(data: bytes) -> tuple[str, int | None, int | None]:
    """Content type and size from the bytes themselves; anything else is refused."""
    if data[:3] == b"\xff\xd8\xff":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            seg_len = int.from_bytes(data[i + 2 : i + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2):
                return (
                    "image/jpeg",
                    int.from_bytes(data[i + 7 : i + 9], "big"),
                    int.from_bytes(data[i + 5 : i + 7], "big"),
                )
            i += 2 + seg_len
        return "image/jpeg", None, None
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png", int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    raise ValidationError("照片格式无效（需要 JPEG 或 PNG）", "Not a photo (JPEG or PNG expected)")


class PhotoService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def attach(
        self,
        actor: Actor,
        data: bytes,
        view: str,
        *,
        tag: str | None = None,
        shipment_id: int | None = None,
        purpose: str = "appraisal",
        device: dict[str, Any] | None = None,
    ) -> PhotoView:
        if view not in VIEWS:
            raise ValidationError(f"未知照片视角：{view}", f"Unknown photo view: {view}")
        if purpose not in PURPOSES:
            raise ValidationError(f"未知照片用途：{purpose}", f"Unknown photo purpose: {purpose}")
        if not data or len(data) > MAX_PHOTO_BYTES:
            raise ValidationError("照片为空或超过 20 MB", "The photo is empty or larger than 20 MB")
        if (tag is None) == (shipment_id is None):
            raise ValidationError("照片须属于一件物品或一个包裹", "A photo belongs to one item or one parcel")
        content_type, width, height = image_size(data)
        with self.ctx.operation(actor, Action.ATTACH_PHOTO) as tx:
            item = None
            if tag is not None:
                item = load_item(tx.session, tag, for_update=True)
                if purpose == "appraisal":
                    check_in_state(ItemState(item.state), Action.ATTACH_PHOTO)
            elif tx.session.get(Shipment, shipment_id) is None:
                raise NotFound("包裹不存在", "No such parcel")
            digest = tx.put_blob(data, content_type)
            prior = None
            if item is not None:
                prior = (
                    tx.session.execute(
                        select(Photo)
                        .where(Photo.item_id == item.id, Photo.view == view, Photo.purpose == purpose)
                        .order_by(Photo.id.desc())
                    )
                    .scalars()
                    .first()
                )
            photo = Photo(
                item_id=item.id if item else None,
                shipment_id=shipment_id,
                view=view,
                purpose=purpose,
                sha256=digest,
                width=width,
                height=height,
                device=device or {"type": "camera"},
                taken_by=tx.actor.user_id,
                taken_at=tx.now,
                supersedes_id=prior.id if prior else None,
            )
            tx.session.add(photo)
            tx.session.flush()
            tx.audit(
                "item" if item else "shipment",
                item.tag if item else str(shipment_id),
                {"photo": digest, "view": view, "purpose": purpose, "retake_of": prior.sha256 if prior else None},
            )
            ship = tx.session.get(Shipment, item.shipment_id if item else shipment_id)
            tx.emit(
                "photo.attached",
                {"view": view, "purpose": purpose, "width": width, "height": height},
                item_tag=item.tag if item else None,
                asn_id=ship.asn_id if ship else None,
                blobs=[digest],
            )
            return PhotoView(photo.id, digest, view, purpose, width, height, tx.now, tx.actor.username)

    def latest(self, tag: str, purpose: str = "appraisal") -> dict[str, PhotoView]:
        """The current photo of each view (a retake replaces the earlier one in this list)."""
        from app.store.models import User

        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            rows = s.execute(
                select(Photo, User.username)
                .join(User, User.id == Photo.taken_by)
                .where(Photo.item_id == item.id, Photo.purpose == purpose)
                .order_by(Photo.id)
            ).all()
            return {
                p.view: PhotoView(p.id, p.sha256, p.view, p.purpose, p.width, p.height, p.taken_at, who)
                for p, who in rows
            }

    def image(self, sha256: str) -> bytes:
        return self.ctx.blobs.get(sha256)
