"""Review decisions: approve, return with a reason, four eyes, stale revisions, the queue."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.errors import DomainError, IllegalTransition, PermissionDenied, ValidationError
from app.core.grading import GradingResult
from app.store.models import AuditEntry, OutboxEvent, Review
from tests.services.test_review_support import jewelry_in_review, pendant


def _events(station, kind: str) -> list[OutboxEvent]:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return list(s.execute(select(OutboxEvent).where(OutboxEvent.type == kind).order_by(OutboxEvent.seq)).scalars())


def test_queue_and_dossier_show_the_graded_item(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = jewelry_in_review(station, people)
    rows = station.review.queue()
    assert [(r.tag, r.name, r.revision, r.graded_by) for r in rows] == [(tag, "18K金镶钻石吊坠", 1, "appraiser.li")]
    d = station.review.dossier(tag)
    assert d.item.declared["material"] == "Au750" and d.grading.result.jewelry == pendant()
    assert {m.kind for m in d.measurements} >= {"mass", "refractive_index"}
    assert set(d.photos) == {"front", "back", "hallmark", "detail"} and d.inspection is None and d.reviews == []


def test_approve_moves_to_approved_with_event_and_audit(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = jewelry_in_review(station, people)
    view = station.review.approve(people.supervisor, tag, 1)
    assert (view.decision, view.reviewer, view.reason) == ("approved", "super.chen", None)
    assert station.items.find(tag).state == "approved"
    assert _events(station, "review.decided")[-1].payload == {"revision": 1, "decision": "approved", "reason": None}
    with station.db.read() as s:
        audit = s.execute(select(AuditEntry).where(AuditEntry.action == "approve")).scalars().one()
    assert audit.entity_id == tag and audit.detail["to"] == "approved"
    assert station.review.queue() == [] and station.review.queue("approved")[0].tag == tag
    with pytest.raises(IllegalTransition):
        station.review.approve(people.supervisor, tag, 1)


def test_return_needs_a_reason_and_goes_back_to_appraisal(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = jewelry_in_review(station, people)
    for blank in ("", "   "):
        with pytest.raises(ValidationError):
            station.review.return_for_rework(people.supervisor, tag, 1, blank)
    assert station.items.find(tag).state == "in_review" and _events(station, "review.decided") == []
    station.review.return_for_rework(people.supervisor, tag, 1, "  印记照片模糊，请重拍  ")
    assert station.items.find(tag).state == "in_appraisal"
    assert _events(station, "review.decided")[-1].payload == {
        "revision": 1,
        "decision": "returned",
        "reason": "印记照片模糊，请重拍",
    }
    # the appraiser corrects it: revision 2 comes back to review and is approved
    station.appraisal.record_grading(people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=pendant()))
    assert [r.decision for r in station.review.reviews(tag)] == ["returned"]
    station.review.approve(people.supervisor, tag, 2)
    assert [(r.revision, r.decision) for r in station.review.reviews(tag)] == [(1, "returned"), (2, "approved")]


def test_four_eyes_a_grader_cannot_review_his_own_revision(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = jewelry_in_review(station, people, grader=people.supervisor2)
    with pytest.raises(DomainError) as exc:
        station.review.approve(people.supervisor2, tag, 1)
    assert exc.value.code == "four_eyes"
    with pytest.raises(DomainError):
        station.review.return_for_rework(people.supervisor2, tag, 1, "自己退回自己")
    with station.db.read() as s:
        assert s.execute(select(Review)).scalars().all() == []
    assert station.items.find(tag).state == "in_review"
    station.review.approve(people.supervisor, tag, 1)  # another supervisor may
    assert station.items.find(tag).state == "approved"


def test_only_supervisors_decide(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = jewelry_in_review(station, people)
    for actor in (people.appraiser2, people.clerk, people.admin):
        with pytest.raises(PermissionDenied):
            station.review.approve(actor, tag, 1)
        with pytest.raises(PermissionDenied):
            station.review.return_for_rework(actor, tag, 1, "不对")
    assert station.items.find(tag).state == "in_review"


def test_a_decision_on_an_older_revision_is_refused(station, people) -> None:  # type: ignore[no-untyped-def]
    tag = jewelry_in_review(station, people)
    with pytest.raises(ValidationError) as exc:
        station.review.approve(people.supervisor, tag, 2)
    assert exc.value.code == "stale_revision"
    assert station.items.find(tag).state == "in_review"
