"""Signing keys from the Admin station: list with state and expiry, rotate, retire with a
reason; a session that unlocked the old key is asked again instead of signing with it."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from app.core.errors import PermissionDenied, ValidationError
from app.core.signing_keys import KeyState
from app.store.models import AuditEntry
from tests.services.test_review_support import PASSPHRASE, approved

logging.getLogger("pyhanko").setLevel(logging.CRITICAL)


def _audit(station, action: str) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return list(s.execute(select(AuditEntry).where(AuditEntry.action == action)).scalars())


def test_rotation_makes_the_old_session_key_ask_again(station, people) -> None:  # type: ignore[no-untyped-def]
    certs = station.certificates
    old = certs.generate_key(people.supervisor, PASSPHRASE, valid_years=2)
    listed = certs.signing_keys(people.admin)
    assert [(k.key_id, k.state, k.registered) for k in listed] == [(old.key.key_id, KeyState.CURRENT, False)]
    assert 730 <= (listed[0].expires_at - old.key.certificate.not_valid_before_utc).days <= 732
    new = certs.generate_key(people.admin, "second passphrase")
    states = {k.key_id: k.state for k in certs.signing_keys(people.supervisor)}
    assert states == {old.key.key_id: KeyState.RETIRED, new.key.key_id: KeyState.CURRENT}
    (entry,) = _audit(station, "rotate_signing_key")
    assert entry.entity_id == new.key.key_id and entry.detail["retired"] == old.key.key_id
    tag = approved(station, people)
    with pytest.raises(ValidationError) as info:
        certs.issue(people.supervisor, tag, old)  # the session still holds the replaced key
    assert info.value.code == "key_not_current"
    assert station.items.find(tag).state == "approved"
    assert certs.issue(people.supervisor, tag, certs.unlock(people.supervisor, "second passphrase")).status == "valid"


def test_retire_needs_a_reason_and_a_key_manager(station, people) -> None:  # type: ignore[no-untyped-def]
    certs = station.certificates
    issuer = certs.generate_key(people.supervisor, PASSPHRASE)
    key_id = issuer.key.key_id
    with pytest.raises(PermissionDenied):
        certs.retire_key(people.appraiser, key_id, "leaving")
    with pytest.raises(PermissionDenied):
        certs.signing_keys(people.clerk)
    with pytest.raises(ValidationError) as info:
        certs.retire_key(people.admin, key_id, "   ")
    assert info.value.code == "reason_required"
    certs.retire_key(people.admin, key_id, "laptop with the passphrase note was stolen")
    (entry,) = _audit(station, "retire_signing_key")
    assert entry.detail == {"reason": "laptop with the passphrase note was stolen", "was_current": True}
    assert not certs.has_key()
    tag = approved(station, people)
    with pytest.raises(ValidationError) as info:
        certs.issue(people.supervisor, tag, issuer)
    assert info.value.code == "key_not_current"
    with pytest.raises(ValidationError) as info:
        certs.unlock(people.supervisor, PASSPHRASE)
    assert info.value.code == "no_key"
