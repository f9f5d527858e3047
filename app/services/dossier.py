"""An item's whole life, as a timeline built from its records and its audit entries, shown
to each person as their role allows (``app.core.dossier.VISIBLE``, enforced here).

Records give the facts (which device, stable or not, which photo and its SHA-256, what
changed between grading revisions); audit entries give the operations that leave no record
of their own (holds, prints, exports, label prints); the outbox tells whether each event
reached the platform (an operation's records, audit entry and events share one timestamp,
its transaction's). Every query goes through an index on the item, its parcel, its
certificate numbers or its tag (see tests/services/test_search_plans.py): a dossier opens in
a constant number of round trips, however large the warehouse.

Exports (supervisors): JSON, and a PDF with the photos that embeds the same JSON and is
signed with the warehouse key like a certificate. Each export is audited.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.core.clock import rfc3339
from app.core.dossier import Section, visible_sections
from app.core.errors import NotFound, PermissionDenied, StorageError
from app.core.lifecycle import STATE_NAMES, ItemState
from app.core.roles import Action, Actor, require
from app.core.tags import validate_tag
from app.services.base import ServiceContext
from app.services.dossier_timeline import (
    AUDIT_ONLY_ACTIONS,
    CertificateRef,
    PhotoRef,
    TimelineBuilder,
    TimelineEntry,
    jsonable,
)
from app.store.models import AsnLine, Certificate, Item, Shipment, User

__all__ = [
    "AUDIT_ONLY_ACTIONS",
    "FORMAT",
    "CertificateRef",
    "DossierService",
    "ItemDossier",
    "PhotoRef",
    "TimelineEntry",
]

FORMAT = "tw-dossier/1"


@dataclass(frozen=True)
class ItemDossier:
    tag: str
    title: str
    category: str
    state: str
    held_from: str | None
    merchant_id: str | None
    merchant_name: str | None
    waybill_no: str
    asn_id: str | None
    line_id: str | None
    order_no: str | None
    declared: dict[str, Any]
    received_at: datetime
    entries: tuple[TimelineEntry, ...]
    photos: tuple[PhotoRef, ...]
    certificates: tuple[CertificateRef, ...]
    sections: frozenset[Section]
    viewer: str
    generated_at: datetime

    def state_text(self, zh: bool) -> str:
        return STATE_NAMES[ItemState(self.state)][0 if zh else 1]

    def to_json(self) -> dict[str, Any]:
        """The dossier as exported: plain JSON, times in the platform's format (UTC)."""

        def entry(e: TimelineEntry) -> dict[str, Any]:
            return {
                "at": rfc3339(e.at),
                "kind": e.kind.value,
                "section": e.section.value,
                "actor": e.actor,
                "summary_zh": e.summary_zh,
                "summary_en": e.summary_en,
                "facts": e.facts,
                "photo_sha256": e.photo_sha256,
                "sync": e.sync,
            }

        return {
            "format": FORMAT,
            "generated_at": rfc3339(self.generated_at),
            "viewer": self.viewer,
            "sections": sorted(s.value for s in self.sections),
            "item": {
                "tag": self.tag,
                "title": self.title,
                "category": self.category,
                "state": self.state,
                "held_from": self.held_from,
                "merchant_id": self.merchant_id,
                "merchant_name": self.merchant_name,
                "waybill_no": self.waybill_no,
                "asn_id": self.asn_id,
                "line_id": self.line_id,
                "order_no": self.order_no,
                "declared": self.declared,
                "received_at": rfc3339(self.received_at),
            },
            "timeline": [entry(e) for e in self.entries],
            "photos": [dict(asdict(p), taken_at=rfc3339(p.taken_at)) for p in self.photos],
            "certificates": [dict(asdict(c), issued_at=rfc3339(c.issued_at)) for c in self.certificates],
        }


class DossierService:
    def __init__(self, ctx: ServiceContext, data_dir: Any = None, time_zone: str | None = None) -> None:
        from app.core.clock import DEFAULT_TIME_ZONE

        self.ctx = ctx
        self.data_dir = data_dir
        self.time_zone = time_zone or DEFAULT_TIME_ZONE  # times printed on the PDF (stored UTC)

    # ------------------------------------------------------------ reading

    def dossier(self, actor: Actor, tag: str) -> ItemDossier:
        """The item's life as ``actor``'s roles may see it (roles re-read from the database)."""
        tag = validate_tag(tag)
        with self.ctx.db.read() as s:
            sections = self._sections(s, actor)
            viewer = s.get(User, actor.user_id)
            assert viewer is not None  # _sections refused a missing account
            row = s.execute(
                select(Item, Shipment, AsnLine)
                .join(Shipment, Shipment.id == Item.shipment_id)
                .outerjoin(AsnLine, AsnLine.id == Item.asn_line_id)
                .where(Item.tag == tag)
            ).one_or_none()
            if row is None:
                raise NotFound(f"标签 {tag} 没有对应的物品", f"No item has tag {tag}")
            item, ship, line = row
            names = {
                u.id: (u.username, u.display_name or u.username)
                for u in s.execute(select(User.id, User.username, User.display_name)).all()
            }
            by_login = {login: name for login, name in names.values()}
            entries, photos, certs = TimelineBuilder(self.ctx, s, item, ship, names, by_login, sections).build()
        visible = tuple(e for e in entries if e.section in sections)
        return ItemDossier(
            tag=item.tag,
            title=item.title,
            category=item.category,
            state=item.state,
            held_from=item.held_from,
            merchant_id=ship.merchant_id,
            merchant_name=ship.merchant_name,
            waybill_no=ship.waybill_no,
            asn_id=ship.asn_id,
            line_id=line.line_id if line else None,
            order_no=line.order_no if line else None,
            declared=jsonable(dict(line.declared or {})) if line is not None and Section.RECEIPT in sections else {},
            received_at=item.received_at,
            entries=visible,
            photos=tuple(photos) if Section.PHOTOS in sections else (),
            certificates=tuple(certs) if Section.CERTIFICATES in sections else (),
            sections=sections,
            viewer=viewer.display_name or viewer.username,
            generated_at=self.ctx.clock(),
        )

    def appraisal(self, actor: Actor, tag: str, review: Any) -> Any:
        """The side-by-side appraisal summary (``ReviewService.dossier``), for those who may
        see the grading."""
        with self.ctx.db.read() as s:
            if Section.GRADING not in self._sections(s, actor):
                raise PermissionDenied("您的角色不能查看鉴定结果", "Your role may not see the appraisal result")
        return review.dossier(tag)

    def certificate_pdf(self, actor: Actor, certificate_no: str) -> bytes:
        """The signed certificate PDF exactly as issued (byte for byte, signature intact),
        checked against its recorded SHA-256; audited as an export."""
        require(actor.roles, Action.EXPORT_DOSSIER, actor.username)
        with self.ctx.db.read() as s:
            row = s.execute(
                select(Certificate.pdf_sha256, Item.tag)
                .join(Item, Item.id == Certificate.item_id)
                .where(Certificate.certificate_no == certificate_no.strip().upper())
            ).one_or_none()
        if row is None:
            raise NotFound(f"没有编号为 {certificate_no} 的证书", f"No certificate numbered {certificate_no}")
        data = self.ctx.blobs.get(row.pdf_sha256)  # refuses a damaged file (digest checked)
        with self.ctx.operation(actor, Action.EXPORT_DOSSIER) as tx:
            tx.audit(
                "certificate",
                certificate_no.strip().upper(),
                {"item_tag": row.tag, "sha256": row.pdf_sha256, "exported": "certificate_pdf"},
                action="export_certificate",
            )
        return data

    @staticmethod
    def _sections(s: Any, actor: Actor) -> frozenset[Section]:
        from app.core.roles import parse_roles

        user = s.get(User, actor.user_id)
        if user is None or not user.active:
            raise PermissionDenied("该账号已停用，请重新登录", "This account is disabled; log in again")
        return visible_sections(parse_roles(user.roles))

    def image(self, actor: Actor, dossier: ItemDossier, sha256: str) -> bytes:
        """A photo of the dossier at full size (only one the dossier lists)."""
        if not any(p.sha256 == sha256 for p in dossier.photos):
            raise NotFound("该照片不在此档案中", "That photo is not part of this dossier")
        return self.ctx.blobs.get(sha256)

    def thumbnails(self, dossier: ItemDossier, side: int = 160) -> dict[str, bytes]:
        """Small JPEGs of the dossier's photos. Made once from the blob store (a damaged blob
        is left out and shows as missing, never as a picture that is not the original) and
        kept beside the blobs in ``thumbs/`` — derived files, not evidence: the full-size photo
        is always the digest-checked blob."""
        out: dict[str, bytes] = {}
        for p in dossier.photos:
            if p.sha256 not in out:
                thumb = self._thumbnail(p.sha256, side)
                if thumb is not None:
                    out[p.sha256] = thumb
        return out

    def _thumbnail(self, sha256: str, side: int) -> bytes | None:
        import io
        import os

        from PIL import Image

        cached = Path(self.ctx.blobs.root).parent / "thumbs" / sha256[:2] / f"{sha256}-{side}.jpg"
        try:
            return cached.read_bytes()
        except OSError:
            pass
        try:
            data = self.ctx.blobs.get(sha256)
        except (StorageError, OSError):
            return None
        src = Image.open(io.BytesIO(data))
        src.draft("RGB", (side, side))  # JPEG: decode at a fraction of the size
        img = src.convert("RGB")
        img.thumbnail((side, side))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=80)
        thumb = buf.getvalue()
        try:  # best effort: a read-only or full disk only costs the next open the same work
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_name(cached.name + f".{os.getpid()}.part")
            tmp.write_bytes(thumb)
            os.replace(tmp, cached)
        except OSError:
            pass
        return thumb

    def verify_certificate(self, certificate_no: str) -> Any:
        """Full check of the stored signed PDF (signature, key, embedded facts, status)."""
        from pathlib import Path

        from app.certs.trust import load_trusted_keys
        from app.certs.verify import verify_pdf

        with self.ctx.db.read() as s:
            row = s.execute(
                select(Certificate.pdf_sha256, Certificate.status).where(Certificate.certificate_no == certificate_no)
            ).one_or_none()
        if row is None:
            raise NotFound(f"没有编号为 {certificate_no} 的证书", f"No certificate numbered {certificate_no}")
        data_dir = Path(self.data_dir) if self.data_dir else Path(self.ctx.blobs.root).parent
        status = row.status

        def lookup(_no: str) -> str:
            return str(status)

        return verify_pdf(
            self.ctx.blobs.get(row.pdf_sha256), load_trusted_keys(data_dir), status_lookup=lookup, accept_demo=True
        )

    # ------------------------------------------------------------ exports

    def export_json(self, actor: Actor, tag: str) -> bytes:
        """The dossier as JSON (UTF-8), audited as an export."""
        require(actor.roles, Action.EXPORT_DOSSIER, actor.username)
        d = self.dossier(actor, tag)
        data = json.dumps(d.to_json(), ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
        self._audit_export(actor, d.tag, "json", data)
        return data

    def export_pdf(self, actor: Actor, tag: str, key: Any, time_zone: str | None = None) -> bytes:
        """The dossier as a PDF in Chinese with its photos, the JSON embedded, signed with the
        warehouse ``key`` (an unlocked ``SigningKey``); audited as an export."""
        from app.certs.dossier_pdf import render_dossier, sign_dossier

        require(actor.roles, Action.EXPORT_DOSSIER, actor.username)
        d = self.dossier(actor, tag)
        images = {p.sha256: self.ctx.blobs.get(p.sha256) for p in d.photos if self.ctx.blobs.exists(p.sha256)}
        body = json.dumps(d.to_json(), ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
        zone = time_zone or self.time_zone
        name = self.ctx.warehouse_name or self.ctx.warehouse_id  # a station without a name still says whose
        pdf = sign_dossier(render_dossier(d, images, name, zone), body, d.tag, key, name)
        self._audit_export(actor, d.tag, "pdf", pdf)
        return pdf

    def _audit_export(self, actor: Actor, tag: str, kind: str, data: bytes) -> None:
        with self.ctx.operation(actor, Action.EXPORT_DOSSIER) as tx:
            tx.audit("item", tag, {"exported": kind, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)})
