"""Outbound: a certified piece goes to its buyer, a rejected piece back to its merchant.

Before a piece leaves, its photo is compared with the photo it was certified (or
appraised) with; a poor match stops the dispatch — the photo and the result are kept
— until a supervisor looks and dispatches it with a reason, which is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.core.carriers import carrier_of
from app.core.clock import DEFAULT_TIME_ZONE
from app.core.errors import Conflict, DomainError, PermissionDenied, ValidationError
from app.core.lifecycle import STATE_NAMES, ItemState, next_state
from app.core.roles import Action, Actor, Role
from app.core.tags import looks_like_tag
from app.services import photo_match
from app.services.base import ServiceContext
from app.services.items import item_view, load_item
from app.services.photos import image_size
from app.services.views import ItemView
from app.store.models import AsnLine, Certificate, Dispatch, Item, Photo, Rejection, Shipment, User


@dataclass(frozen=True)
class DispatchCheck:
    item: ItemView
    destination: str | None  # buyer | merchant_return | None when it may not leave
    problem: DomainError | None
    certificate_no: str | None = None
    reason_code: str | None = None
    reason_note: str | None = None
    reference_photo: str | None = None


@dataclass(frozen=True)
class DispatchOutcome:
    status: str  # dispatched | blocked
    item: ItemView
    destination: str
    match: photo_match.MatchResult | None
    photo_sha256: str
    slip_sha256: str | None = None


def outbound_waybill(text: str) -> str:
    """The outbound waybill, normalised and validated exactly like an inbound one (one
    normaliser), and never a warehouse tag scanned by mistake."""
    from app.core.codes import normalise_waybill

    code = normalise_waybill(text)
    if looks_like_tag(code):
        raise ValidationError(
            "这是物品标签，不是发货运单，请扫描面单上的运单号",
            "That is an item tag, not an outbound waybill; scan the waybill on the shipping label",
        )
    return code


def _eligibility(s: Session, item: Item) -> DispatchCheck:
    view = item_view(s, item)
    state = ItemState(item.state)
    cert = (
        s.execute(select(Certificate).where(Certificate.item_id == item.id).order_by(Certificate.id.desc()))
        .scalars()
        .first()
    )
    front = (
        s.execute(
            select(Photo.sha256)
            .where(Photo.item_id == item.id, Photo.view == "front", Photo.purpose == "appraisal")
            .order_by(Photo.id.desc())
        )
        .scalars()
        .first()
    )
    if state is ItemState.CERTIFIED:
        if cert is None or cert.status != "valid":
            no = cert.certificate_no if cert else "—"
            problem = DomainError(
                f"物品 {item.tag} 的证书 {no} 无效，不能发给买家，请交主管",
                f"Certificate {no} of {item.tag} is not valid; it cannot go to a buyer",
                code="no_certificate",
            )
            return DispatchCheck(view, None, problem, no)
        reference = (cert.facts or {}).get("photo_sha256") or front
        return DispatchCheck(view, "buyer", None, cert.certificate_no, reference_photo=reference)
    if state is ItemState.REJECTED:
        rej = (
            s.execute(select(Rejection).where(Rejection.item_id == item.id).order_by(Rejection.id.desc()))
            .scalars()
            .first()
        )
        return DispatchCheck(
            view,
            "merchant_return",
            None,
            reason_code=rej.reason_code if rej else "other",
            reason_note=rej.note if rej else "",
            reference_photo=front,
        )
    if state is ItemState.ON_HOLD:
        problem = DomainError(
            f"物品 {item.tag} 已被主管冻结，不能发出", f"{item.tag} is on hold and cannot leave", code="on_hold"
        )
    elif state is ItemState.DISPATCHED:
        problem = Conflict(f"物品 {item.tag} 已经发出", f"{item.tag} was dispatched already", code="already_dispatched")
    elif state is ItemState.APPROVED and cert is not None and cert.status == "voided":
        problem = DomainError(
            f"物品 {item.tag} 的证书 {cert.certificate_no} 已作废（{cert.voided_reason or '—'}），"
            "新证书签发前不能发给买家",
            f"Certificate {cert.certificate_no} of {item.tag} was voided; it cannot go to a buyer "
            "until a new one is issued",
            code="certificate_voided",
        )
    else:
        zh, en = STATE_NAMES[state]
        problem = DomainError(
            f"物品 {item.tag} 尚未出证（当前：{zh}），不能发给买家",
            f"{item.tag} has no certificate yet (it is {en.lower()}); it cannot go to a buyer",
            code="no_certificate",
        )
    return DispatchCheck(view, None, problem, cert.certificate_no if cert else None)


class DispatchService:
    def __init__(self, ctx: ServiceContext, time_zone: str = DEFAULT_TIME_ZONE) -> None:
        self.ctx, self.time_zone = ctx, time_zone

    def check(self, tag: str) -> DispatchCheck:
        with self.ctx.db.read() as s:
            return _eligibility(s, load_item(s, tag))

    def dispatch(
        self,
        actor: Actor,
        tag: str,
        *,
        waybill: str,
        photo: bytes,
        carrier: str | None = None,
        override_reason: str | None = None,
    ) -> DispatchOutcome:
        code = outbound_waybill(waybill)
        carrier = (carrier or carrier_of(code)).strip()[:32]
        content_type, width, height = image_size(photo)
        override = (override_reason or "").strip() or None
        if override_reason is not None and override is None:
            raise ValidationError("放行必须填写原因", "Releasing a piece needs a reason")
        first = self.check(tag)
        if first.problem is not None:
            raise first.problem
        assert first.destination is not None
        # A certified piece must be the one on its certificate; a rejected piece has no
        # certificate, so its return is photographed (kept as evidence) but not compared.
        must_match = first.destination == "buyer"
        reference = self.ctx.blobs.get(first.reference_photo) if must_match and first.reference_photo else None
        # Image work and the PDF happen before the transaction so no lock waits on them.
        match = photo_match.compare(reference, photo) if reference else None
        slip = self._slip(first, code, carrier, actor) if first.destination == "merchant_return" else None
        action = Action.DISPATCH_TO_BUYER if first.destination == "buyer" else Action.RETURN_TO_MERCHANT
        try:
            with self.ctx.operation(actor, action) as tx:
                s = tx.session
                item = load_item(s, tag, for_update=True)
                now = _eligibility(s, item)
                if now.problem is not None:
                    raise now.problem
                if now.destination != first.destination or now.reference_photo != first.reference_photo:
                    raise Conflict("物品状态刚刚发生变化，请重新扫描", "The item changed just now; scan it again")
                if override and Role.SUPERVISOR not in tx.actor.roles:
                    raise PermissionDenied(
                        "只有主管可以在照片比对不符时放行",
                        "Only a supervisor may release a piece whose photo does not match",
                    )
                digest = tx.put_blob(photo, content_type)
                shot = Photo(
                    item_id=item.id,
                    view="front",
                    purpose="dispatch",
                    sha256=digest,
                    width=width,
                    height=height,
                    device={"type": "camera"},
                    taken_by=tx.actor.user_id,
                    taken_at=tx.now,
                )
                s.add(shot)
                ship = s.get(Shipment, item.shipment_id)
                asn = ship.asn_id if ship else None
                line = s.get(AsnLine, item.asn_line_id).line_id if item.asn_line_id else None  # type: ignore[union-attr]  # a foreign key: the line exists
                tx.emit(
                    "photo.attached",
                    {"view": "front", "purpose": "dispatch", "width": width, "height": height},
                    item_tag=item.tag,
                    asn_id=asn,
                    line_id=line,
                    blobs=[digest],
                )
                if not must_match:
                    result: dict[str, Any] = {"ok": None, "method": "not_required", "note": "return to merchant"}
                else:
                    result = match.summary() if match else {"ok": False, "method": "none", "note": "no reference photo"}
                if must_match and not (match and match.ok) and not override:
                    tx.audit(
                        "item",
                        item.tag,
                        {"dispatch_blocked": result, "photo": digest, "waybill_no": code},
                        action="dispatch_blocked",
                    )
                    return DispatchOutcome("blocked", item_view(s, item), first.destination, match, digest)
                slip_sha = tx.put_blob(slip, "application/pdf") if slip else None
                item.state = next_state(ItemState(item.state), action).value
                item.updated_at = tx.now
                s.add(
                    Dispatch(
                        item_id=item.id,
                        destination=first.destination,
                        carrier=carrier,
                        waybill_no=code,
                        photo_sha256=digest,
                        match_score=match.score if match else None,
                        dispatched_by=tx.actor.user_id,
                        dispatched_at=tx.now,
                    )
                )
                tx.audit(
                    "item",
                    item.tag,
                    {
                        "destination": first.destination,
                        "carrier": carrier,
                        "waybill_no": code,
                        "photo_match": result,
                        "override": override,
                        "slip": slip_sha,
                        "certificate_no": first.certificate_no,
                    },
                )
                payload = {
                    "destination": first.destination,
                    "carrier": carrier,
                    "waybill_no": code,
                    "certificate_no": first.certificate_no,
                    "photo_match": result.get("score"),
                    "supervisor_override": override,
                }
                tx.emit(
                    "item.dispatched",
                    payload,
                    item_tag=item.tag,
                    asn_id=asn,
                    line_id=line,
                    blobs=[slip_sha] if slip_sha else [],
                )
                return DispatchOutcome("dispatched", item_view(s, item), first.destination, match, digest, slip_sha)
        except IntegrityError:
            raise Conflict(
                f"物品 {tag} 已经发出（可能是另一工作站刚刚发出）",
                f"{tag} was just dispatched (possibly by another station)",
                code="already_dispatched",
            ) from None

    def _slip(self, check: DispatchCheck, waybill: str, carrier: str, actor: Actor) -> bytes:
        from app.services.returns_slip import SlipFacts, render_return_slip

        with self.ctx.db.read() as s:
            item = load_item(s, check.item.tag)
            rej = (
                s.execute(select(Rejection).where(Rejection.item_id == item.id).order_by(Rejection.id.desc()))
                .scalars()
                .first()
            )
            ship = s.get(Shipment, item.shipment_id)
            user = s.get(User, actor.user_id)
        v = check.item
        return render_return_slip(
            SlipFacts(
                warehouse_name=self.ctx.warehouse_name,
                merchant_name=(ship.merchant_name if ship else None) or "—",
                merchant_id=(ship.merchant_id if ship else None) or "—",
                tag=v.tag,
                title=v.title,
                order_no=v.order_no or "",
                reason_code=check.reason_code or "other",
                note=check.reason_note or "",
                carrier=carrier,
                waybill_no=waybill,
                rejected_at=rej.rejected_at if rej else self.ctx.clock(),
                dispatched_at=self.ctx.clock(),
                clerk=user.display_name if user else actor.display_name,
                time_zone=self.time_zone,
            )
        )

    def slip_pdf(self, sha256: str) -> bytes:
        return self.ctx.blobs.get(sha256)
