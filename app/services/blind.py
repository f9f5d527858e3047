"""Blind appraisal: in the categories the setting names, the appraiser is not shown who sent
a piece or what they declared until the findings are saved. The hiding happens here, in
the view the appraisal station is served, so no screen can show what it was never given.

Saving the findings (a local record with its audit entry; the platform has no event for
it, the grading that follows is the event) reveals the declaration; red findings then
follow the grading flow as always.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.grading import GradingResult
from app.services.balance_checks import QualityPolicy
from app.services.views import ItemView
from app.store.models import BlindFindings, Item
from app.store.models import GradingResult as GradingRow


@dataclass(frozen=True)
class AppraisalItem:
    """The item as the appraiser may see it now; ``blind`` when the declaration is withheld."""

    item: ItemView
    blind: bool
    findings_made_blind: bool


def findings_row(session: Session, item_id: int) -> BlindFindings | None:
    return (
        session.execute(select(BlindFindings).where(BlindFindings.item_id == item_id).order_by(BlindFindings.id))
        .scalars()
        .first()
    )


def blind_pending(session: Session, item: Item, policy: QualityPolicy) -> bool:
    """Hidden while the category is appraised blind and nothing has been found yet (an item
    graded before blind appraisal was switched on is not hidden after the fact)."""
    if item.category not in policy.blind_categories:
        return False
    if findings_row(session, item.id) is not None:
        return False
    graded = session.execute(select(GradingRow.id).where(GradingRow.item_id == item.id).limit(1)).first()
    return graded is None


def withheld(view: ItemView) -> ItemView:
    """Everything that names the merchant or repeats the declaration is taken out."""
    return replace(
        view, title="", merchant_name=None, declared={}, order_no=None, waybill_no="", asn_id=None, line_id=None
    )


def findings_json(result: GradingResult) -> dict[str, Any]:
    return result.to_payload()
