"""Review: a supervisor approves a graded item or returns it to appraisal with a reason.

Nobody reviews a revision they graded (``check_four_eyes``, enforced here, inside the
operation). The decision names the revision it was made on; when the appraiser has
recorded a newer one meanwhile, the decision is refused rather than applied to a result
the supervisor never saw.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from app.core.errors import ValidationError
from app.core.lifecycle import ItemState, check_four_eyes, next_state
from app.core.roles import Action, Actor
from app.services.appraisal_views import GradingView, MeasurementView
from app.services.balance_checks import check_balance_basis
from app.services.base import ServiceContext
from app.services.inspection import ReportView
from app.services.items import item_view, load_item
from app.services.photos import PhotoView
from app.services.views import ItemView
from app.store.models import GradingResult as GradingRow
from app.store.models import Item, Review, User

MAX_REASON = 2000


@dataclass(frozen=True)
class ReviewView:
    revision: int
    decision: str
    reason: str | None
    reviewer: str
    decided_at: datetime


@dataclass(frozen=True)
class QueueRow:
    tag: str
    state: str
    category: str
    title: str
    name: str | None
    revision: int | None
    graded_by: str | None
    graded_at: datetime | None
    merchant_name: str | None
    certificate_no: str | None = None


@dataclass(frozen=True)
class Dossier:
    """Everything the supervisor sees side by side for one item."""

    item: ItemView
    grading: GradingView | None
    measurements: list[MeasurementView]
    photos: dict[str, PhotoView]
    inspection: ReportView | None
    reviews: list[ReviewView]
    certificates: list[Any] = field(default_factory=list)  # CertificateView, newest first
    people: dict[str, str] = field(default_factory=dict)  # username -> display name, for showing people

    def person(self, username: str | None) -> str:
        return self.people.get(username or "", username or "")


def revision_red_findings(result: object) -> list[dict[str, str]]:
    """The red findings stored with a grading revision (see core.grading.red_findings)."""
    found = result.get("red_findings") if isinstance(result, dict) else None
    return (
        [f for f in found if isinstance(f, dict) and isinstance(f.get("code"), str)] if isinstance(found, list) else []
    )


def check_acknowledged(reds: list[dict[str, str]], acknowledged: tuple[str, ...]) -> None:
    missing = [f for f in reds if f["code"] not in acknowledged]
    if missing:
        raise ValidationError(
            "批准前必须逐条确认红色发现及鉴定师的理由：" + "；".join(str(f.get("zh", f["code"])) for f in missing),
            "Acknowledge every red finding and the appraiser's justification before approving: "
            + "; ".join(str(f.get("en", f["code"])) for f in missing),
            code="unacknowledged_findings",
        )


class ReviewService:
    def __init__(self, ctx: ServiceContext, station: Any) -> None:
        self.ctx = ctx
        self.station = station  # for the read queries of appraisal, inspection and photos

    # ------------------------------------------------------------ reads

    def queue(self, *states: str, limit: int = 500) -> list[QueueRow]:
        """Items waiting in ``states`` (default: in review), oldest first, with their latest grading."""
        from app.store.models import Certificate

        states = states or (ItemState.IN_REVIEW.value,)
        items = self.station.items.by_state(*states, limit=limit)
        if not items:
            return []
        ids = [i.id for i in items]
        with self.ctx.db.read() as s:
            latest: dict[int, tuple[GradingRow, str]] = {}
            for g, who in s.execute(
                select(GradingRow, User.username)
                .join(User, User.id == GradingRow.graded_by)
                .where(GradingRow.item_id.in_(ids))
                .order_by(GradingRow.revision)
            ):
                latest[g.item_id] = (g, who)
            certs = dict(
                s.execute(
                    select(Certificate.item_id, Certificate.certificate_no).where(
                        Certificate.item_id.in_(ids), Certificate.status == "valid"
                    )
                ).all()
            )
        out = []
        for i in items:
            g, who = latest.get(i.id, (None, None))  # type: ignore[assignment]  # not graded (yet)
            out.append(
                QueueRow(
                    i.tag,
                    i.state,
                    i.category,
                    i.title,
                    g.name if g else None,
                    g.revision if g else None,
                    who,
                    g.graded_at if g else None,
                    i.merchant_name,
                    certs.get(i.id),
                )
            )
        return out

    def dossier(self, tag: str) -> Dossier:
        st = self.station
        item = st.items.find(tag)
        inspection = st.inspection.latest_report(tag) if item.category == "phone" else None
        certificates = st.certificates.for_item(tag) if hasattr(st, "certificates") else []
        with self.ctx.db.read() as s:
            people = {r.username: r.display_name for r in s.execute(select(User.username, User.display_name))}
        return Dossier(
            item,
            st.appraisal.latest_grading(tag),
            st.appraisal.measurements(tag),
            st.photos.latest(tag),
            inspection,
            self.reviews(tag),
            certificates,
            people,
        )

    def reviews(self, tag: str) -> list[ReviewView]:
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            rows = s.execute(
                select(Review, User.username)
                .join(User, User.id == Review.reviewer_id)
                .where(Review.item_id == item.id)
                .order_by(Review.id)
            ).all()
            return [ReviewView(r.revision, r.decision, r.reason, who, r.decided_at) for r, who in rows]

    # ------------------------------------------------------------ decisions

    def approve(self, actor: Actor, tag: str, revision: int, *, acknowledged: Iterable[str] = ()) -> ReviewView:
        """``acknowledged``: the codes of the revision's red findings the reviewer has read
        (with the appraiser's justification); every one must be there."""
        return self._decide(actor, tag, revision, "approved", None, tuple(acknowledged))

    def return_for_rework(self, actor: Actor, tag: str, revision: int, reason: str) -> ReviewView:
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("退回重做必须写明原因", "Returning an item needs a reason", field="reason")
        if len(reason) > MAX_REASON:
            raise ValidationError(
                f"原因不能超过 {MAX_REASON} 字", f"The reason is longer than {MAX_REASON} characters", field="reason"
            )
        return self._decide(actor, tag, revision, "returned", reason)

    def _decide(
        self,
        actor: Actor,
        tag: str,
        revision: int,
        decision: str,
        reason: str | None,
        acknowledged: tuple[str, ...] = (),
    ) -> ReviewView:
        action = Action.APPROVE if decision == "approved" else Action.RETURN_FOR_REWORK
        with self.ctx.operation(actor, action) as tx:
            item: Item = load_item(tx.session, tag, for_update=True)
            before = item.state
            target = next_state(ItemState(item.state), action)
            grading = (
                tx.session.execute(
                    select(GradingRow).where(GradingRow.item_id == item.id).order_by(GradingRow.revision.desc())
                )
                .scalars()
                .first()
            )
            if grading is None:
                raise ValidationError("该物品没有分级结果", "The item has no grading result", code="no_grading")
            if grading.revision != revision:
                raise ValidationError(
                    f"分级结果已更新为第 {grading.revision} 版，请重新查看后再复核",
                    f"The grading is now revision {grading.revision}; look at it again before deciding",
                    code="stale_revision",
                )
            check_four_eyes(tx.actor.user_id, grading.graded_by)
            reds = revision_red_findings(grading.result)
            if decision == "approved":
                check_acknowledged(reds, acknowledged)
                check_balance_basis(tx.session, item.id)
            item.state, item.updated_at = target.value, tx.now
            row = Review(
                item_id=item.id,
                grading_id=grading.id,
                revision=revision,
                decision=decision,
                reason=reason,
                reviewer_id=tx.actor.user_id,
                decided_at=tx.now,
            )
            tx.session.add(row)
            tx.session.flush()
            detail: dict[str, Any] = {
                "revision": revision,
                "decision": decision,
                "reason": reason,
                "from": before,
                "to": item.state,
            }
            if reds and decision == "approved":
                detail["acknowledged"] = sorted({f["code"] for f in reds})
                detail["justification"] = grading.result.get("justification")
            tx.audit("item", item.tag, detail)
            view = item_view(tx.session, item)
            tx.emit(
                "review.decided",
                {"revision": revision, "decision": decision, "reason": reason},
                item_tag=item.tag,
                asn_id=view.asn_id,
                line_id=view.line_id,
            )
            return ReviewView(revision, decision, reason, tx.actor.username, tx.now)
