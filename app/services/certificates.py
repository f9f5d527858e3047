"""Certificates: issue (signed PDF + row + ``certificate.issued``), print and reprint (audited,
a reprint is marked 副本/COPY; counted only once a print job was accepted), void, and void-and-reissue in one transaction.

Rendering and signing take a while, so they happen *before* the transaction, on the
caller's (worker) thread. The certificate number comes from a gapless daily counter that
is only incremented inside the transaction: the number is predicted from the counter, the
PDF made, and the transaction checks the counter gives exactly that number — if another
station took it meanwhile, the transaction rolls back (no gap) and the PDF is made again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.certs.keys import KeyStore, SigningKey, registration_body
from app.core.certificate import CertificateFacts, make_certificate_no
from app.core.clock import DEFAULT_TIME_ZONE
from app.core.demo import DEMO_VERIFY_BASE_URL
from app.core.errors import NotFound, ValidationError
from app.core.lifecycle import ItemState, check_in_state, next_state
from app.core.roles import Action, Actor, require
from app.core.signing_keys import DEFAULT_VALIDITY_YEARS, KeyState, may_sign, refuse_to_sign
from app.services.base import ServiceContext, Tx, next_counter
from app.services.certificate_facts import approved_basis, compose_facts, issued_day
from app.services.fingerprints import FingerprintService
from app.services.items import load_item
from app.store.models import AuditEntry, Certificate, Counter, Item, SyncState, User

if TYPE_CHECKING:  # the signing stack (pyHanko, reportlab) loads on first use, not with the station
    from app.certs.issue import CertificateIssuer, IssuedCertificate

PDF = "application/pdf"
DEMO_BASE_URL = DEMO_VERIFY_BASE_URL
KEY_STATE = "signing_key:"  # SyncState key prefix; value JSON {"registered": bool, ...} for the sync worker


class _NumberTaken(Exception):
    """Another station issued the predicted number first; make the PDF again."""


@dataclass(frozen=True)
class CertificateView:
    certificate_no: str
    item_tag: str
    category: str
    name: str
    status: str
    key_id: str
    issued_at: datetime
    issued_by: str
    warranty_until: date | None
    pdf_sha256: str
    qr_payload: str
    voided_reason: str | None = None
    replaced_by: str | None = None


@dataclass(frozen=True)
class KeyView:
    """A signing key as the Admin station lists it (never the private part)."""

    key_id: str
    state: KeyState
    created_at: str
    expires_at: datetime
    retired_at: str | None
    registered: bool | None  # None: this station never queued it for registration (made by the CLI or setup)
    demo: bool


@dataclass(frozen=True)
class PrintDocument:
    certificate_no: str
    pdf: bytes
    copy: bool
    print_no: int  # the number this print will have once it is recorded
    layout: str = "A4"


@dataclass(frozen=True)
class _Prepared:
    issued: IssuedCertificate
    grading_id: int
    review_id: int
    seq: int
    features: Mapping[str, bytes] = field(default_factory=dict)  # photo sha -> ORB features, made beforehand


def _counter_name(day: date) -> str:
    return f"certificate:{day:%y%m%d}"


class CertificateService:
    def __init__(
        self,
        ctx: ServiceContext,
        keys_dir: Path,
        base_url: str = DEMO_BASE_URL,
        time_zone: str = DEFAULT_TIME_ZONE,
        demo: bool = False,
    ) -> None:
        self.ctx, self.keys, self.base_url, self.time_zone = ctx, KeyStore(keys_dir), base_url, time_zone
        self.demo = demo  # a demo station only ever makes demo keys (watermarked, never verify as real)

    @classmethod
    def for_station(cls, station: Any) -> CertificateService:
        from app.certs.issue import verify_base_url

        config = station.config
        keys_dir = config.data_dir / "keys" if config else Path(station.ctx.blobs.root).parent / "keys"
        if config is None:
            return cls(station.ctx, keys_dir)
        return cls(station.ctx, keys_dir, verify_base_url(config.platform_url), config.time_zone, config.demo)

    # ------------------------------------------------------------ signing key

    def has_key(self) -> bool:
        return self.keys.current_id() is not None

    def generate_key(
        self, actor: Actor, passphrase: str, demo: bool = False, valid_years: int = DEFAULT_VALIDITY_YEARS
    ) -> CertificateIssuer:
        """A new warehouse key protected by the passphrase, made current at once (the key it
        replaces is retired and keeps verifying what it signed). Its id is recorded as waiting
        for registration with the platform (the sync worker does that). A ``demo`` key (demo
        data only) signs watermarked certificates that never verify as real. Returns the key
        unlocked: whoever just typed the passphrase need not type it again."""
        from app.certs.issue import CertificateIssuer

        demo = demo or self.demo
        with self.ctx.operation(actor, Action.MANAGE_KEYS) as tx:
            replaced = self.keys.current_id()
            key = self.keys.generate(
                self.ctx.warehouse_id, self.ctx.warehouse_name, passphrase, demo=demo, valid_years=valid_years
            )
            tx.session.add(
                SyncState(
                    key=KEY_STATE + key.key_id,
                    value=json.dumps(
                        {"registered": False, "created_by": tx.actor.username, "created_at": tx.now.isoformat()}
                    ),
                )
            )
            detail: dict[str, Any] = {
                "algorithm": "ES256",
                "demo": demo,
                "valid_years": valid_years,
                "expires_at": key.certificate.not_valid_after_utc.isoformat(),
            }
            if replaced:
                detail["retired"] = replaced
            tx.audit(
                "signing_key", key.key_id, detail, action="rotate_signing_key" if replaced else "generate_signing_key"
            )
        return CertificateIssuer(key, self.base_url, self.time_zone)

    def signing_keys(self, actor: Actor) -> list[KeyView]:
        require(actor.roles, Action.MANAGE_KEYS, actor.username)
        with self.ctx.db.read() as s:
            rows = s.execute(select(SyncState).where(SyncState.key.like(KEY_STATE + "%"))).scalars()
            registered = {r.key[len(KEY_STATE) :]: bool(json.loads(r.value).get("registered")) for r in rows}
        return [
            KeyView(k.key_id, k.state(), k.created_at, k.expires_at, k.retired_at, registered.get(k.key_id), k.demo)
            for k in reversed(self.keys.keys())
        ]

    def retire_key(self, actor: Actor, key_id: str, reason: str) -> None:
        """Withdraw a key (suspected leak, a supervisor leaving): it signs nothing more; the
        certificates it signed keep verifying. Audited with the reason."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(
                "请填写停用密钥的原因", "Give the reason for retiring the key", code="reason_required"
            )
        with self.ctx.operation(actor, Action.MANAGE_KEYS) as tx:
            was_current = self.keys.current_id() == key_id
            self.keys.retire(key_id)
            tx.audit("signing_key", key_id, {"reason": reason, "was_current": was_current}, action="retire_signing_key")

    def _check_signs(self, issuer: CertificateIssuer) -> None:
        """The unlocked key of a session must still be the current, unexpired key: after a
        rotation or retirement elsewhere, the next signature asks for the passphrase again."""
        key_id = issuer.key.key_id
        stored = [k for k in self.keys.keys() if k.key_id == key_id]
        state = stored[0].state() if stored else KeyState.RETIRED
        if self.keys.current_id() != key_id or not may_sign(state):
            raise refuse_to_sign(key_id, state)

    def unlock(self, actor: Actor, passphrase: str) -> CertificateIssuer:
        from app.certs.issue import CertificateIssuer

        with self.ctx.operation(actor, Action.ISSUE_CERTIFICATE) as tx:
            key: SigningKey = self.keys.unlock(passphrase)
            tx.audit("signing_key", key.key_id, {}, action="unlock_signing_key")
        return CertificateIssuer(key, self.base_url, self.time_zone)

    def registration_body(self, key_id: str | None = None) -> dict[str, str]:
        key_id = key_id or self.keys.current_id()
        match = [k for k in self.keys.keys() if k.key_id == key_id]
        if not match:
            raise NotFound("没有签名密钥", "No signing key", code="no_key")
        return registration_body(match[0])

    def unregistered_keys(self) -> list[str]:
        with self.ctx.db.read() as s:
            rows = s.execute(select(SyncState).where(SyncState.key.like(KEY_STATE + "%"))).scalars()
            return [r.key[len(KEY_STATE) :] for r in rows if not json.loads(r.value).get("registered")]

    # ------------------------------------------------------------ issue / void

    def issue(self, actor: Actor, tag: str, issuer: CertificateIssuer, layout: str = "A4") -> CertificateView:
        require(actor.roles, Action.ISSUE_CERTIFICATE, actor.username)  # fail before signing; re-checked below
        for _ in range(5):
            prepared = self._prepare(tag, issuer, layout, ItemState.APPROVED)
            try:
                with self.ctx.operation(actor, Action.ISSUE_CERTIFICATE) as tx:
                    item = load_item(tx.session, tag, for_update=True)
                    return self._write(tx, item, prepared)
            except _NumberTaken:
                continue
        raise ValidationError("证书编号冲突，请重试", "Certificate numbers clashed with another station; try again")

    def void(self, actor: Actor, certificate_no: str, reason: str) -> CertificateView:
        from app.certs.issue import void_payload

        payload = void_payload(certificate_no, reason.strip() if reason else "")
        with self.ctx.operation(actor, Action.VOID_CERTIFICATE) as tx:
            row, item = self._void(tx, certificate_no, payload)
            return self._view(tx.session, row, item.tag)

    def void_and_reissue(
        self, actor: Actor, certificate_no: str, reason: str, issuer: CertificateIssuer, layout: str = "A4"
    ) -> CertificateView:
        """Void a certificate and issue its replacement in one transaction, so the voided
        event names the new number in ``replaced_by``."""
        from app.certs.issue import void_payload

        void_payload(certificate_no, reason.strip() if reason else "")  # refuse a missing reason early
        require(actor.roles, Action.ISSUE_CERTIFICATE, actor.username)
        tag = self.get(certificate_no).item_tag
        for _ in range(5):
            prepared = self._prepare(tag, issuer, layout, ItemState.CERTIFIED)
            new_no = prepared.issued.certificate_no
            try:
                with self.ctx.operation(actor, Action.VOID_CERTIFICATE) as tx:
                    require(tx.actor.roles, Action.ISSUE_CERTIFICATE, tx.actor.username)
                    _, item = self._void(tx, certificate_no, void_payload(certificate_no, reason.strip(), new_no))
                    return self._write(tx, item, prepared)
            except _NumberTaken:
                continue
        raise ValidationError("证书编号冲突，请重试", "Certificate numbers clashed with another station; try again")

    # ------------------------------------------------------------ printing

    def prepare_print(
        self, actor: Actor, certificate_no: str, issuer: CertificateIssuer | None = None, layout: str = "A4"
    ) -> PrintDocument:
        """What the next print of this certificate is: the signed PDF as issued while the
        original has never been printed, afterwards a copy marked 副本/COPY (needs the
        unlocked key). Nothing is counted here: a preview, a cancelled print dialog or a
        printer that refused the job does not use up the original (see ``record_print``)."""
        require(actor.roles, Action.PRINT_CERTIFICATE, actor.username)
        with self.ctx.db.read() as s:
            row = self._row(s, certificate_no)
            printed = self._prints(s, certificate_no)
            _check_valid(row)
            item = s.get(Item, row.item_id)
            assert item is not None
            check_in_state(ItemState(item.state), Action.PRINT_CERTIFICATE)
            facts, qr, pdf_sha, photo = (
                CertificateFacts.from_dict(row.facts),
                row.qr_payload,
                row.pdf_sha256,
                row.facts.get("photo_sha256"),
            )
        if printed == 0:
            pdf, copy = self.ctx.blobs.get(pdf_sha), False
        else:
            if issuer is None:
                raise ValidationError(
                    "补打副本需要先解锁签名密钥", "Unlock the signing key to reprint a copy", code="key_locked"
                )
            self._check_signs(issuer)
            pdf, copy = issuer.reprint(facts, self.ctx.blobs.get(photo) if photo else None, qr, layout).pdf, True
        return PrintDocument(certificate_no, pdf, copy, printed + 1, layout)

    def record_print(self, actor: Actor, doc: PrintDocument) -> int:
        """A print job of ``doc`` was accepted by the printer: count it (audited as
        ``print_certificate``). Returns the print's number. What was printed is recorded as
        it was, even if another station printed the original meanwhile."""
        with self.ctx.operation(actor, Action.PRINT_CERTIFICATE) as tx:
            row = self._row(tx.session, doc.certificate_no)
            item = tx.session.get(Item, row.item_id)
            assert item is not None
            _check_valid(row)
            check_in_state(ItemState(item.state), Action.PRINT_CERTIFICATE)
            print_no = self._prints(tx.session, doc.certificate_no) + 1
            tx.audit(
                "certificate",
                doc.certificate_no,
                {"item_tag": item.tag, "copy": doc.copy, "print_no": print_no, "layout": doc.layout},
            )
        return print_no

    # ------------------------------------------------------------ reads

    def listing(self, status: str | None = None, limit: int = 500) -> list[CertificateView]:
        with self.ctx.db.read() as s:
            stmt = select(Certificate).order_by(Certificate.id.desc()).limit(limit)
            if status:
                stmt = stmt.where(Certificate.status == status)
            return [self._view(s, r) for r in s.execute(stmt).scalars()]

    def for_item(self, tag: str) -> list[CertificateView]:
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            rows = s.execute(
                select(Certificate).where(Certificate.item_id == item.id).order_by(Certificate.id.desc())
            ).scalars()
            return [self._view(s, r, item.tag) for r in rows]

    def get(self, certificate_no: str) -> CertificateView:
        with self.ctx.db.read() as s:
            return self._view(s, self._row(s, certificate_no))

    def pdf(self, certificate_no: str) -> bytes:
        """The signed PDF exactly as issued (the stored blob)."""
        return self.ctx.blobs.get(self.get(certificate_no).pdf_sha256)

    def status(self, certificate_no: str) -> str:
        """``valid`` | ``voided`` | ``unknown``: a status lookup for ``verify_pdf``/``verify_qr``."""
        with self.ctx.db.read() as s:
            found = s.execute(select(Certificate.status).where(Certificate.certificate_no == certificate_no)).scalar()
        return str(found) if found else "unknown"

    # ------------------------------------------------------------ helpers

    def _prepare(self, tag: str, issuer: CertificateIssuer, layout: str, state: ItemState) -> _Prepared:
        self._check_signs(issuer)
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            if state is ItemState.APPROVED:
                next_state(ItemState(item.state), Action.ISSUE_CERTIFICATE)
            elif item.state != state.value:
                next_state(ItemState(item.state), Action.VOID_CERTIFICATE)
            basis = approved_basis(s, item)
            now = self.ctx.clock()
            day = issued_day(now)
            seq = int(s.execute(select(Counter.value).where(Counter.name == _counter_name(day))).scalar() or 0) + 1
            facts = compose_facts(
                s, basis, make_certificate_no(day, seq), now, self.ctx.warehouse_id, self.ctx.warehouse_name
            )
        photo = self.ctx.blobs.get(basis.photo_sha256) if basis.photo_sha256 else None
        features = FingerprintService(self.ctx).photo_features(tag)  # slow image work, before the transaction
        return _Prepared(issuer.issue(facts, photo, layout), basis.grading.id, basis.review.id, seq, features)

    def _write(self, tx: Tx, item: Item, p: _Prepared) -> CertificateView:
        issued = p.issued
        before = item.state
        item.state = next_state(ItemState(item.state), Action.ISSUE_CERTIFICATE).value
        item.updated_at = tx.now
        basis = approved_basis(tx.session, item)
        if (basis.grading.id, basis.review.id) != (p.grading_id, p.review_id):
            raise ValidationError(
                "分级或复核在签发过程中有变动，请重新查看",
                "The grading or review changed while the certificate was being made; look at the item again",
                code="stale",
            )
        if next_counter(tx.session, _counter_name(issued_day(issued.facts.issued_at))) != p.seq:
            raise _NumberTaken()
        digest = tx.put_blob(issued.pdf, PDF)
        row = Certificate(
            certificate_no=issued.certificate_no,
            item_id=item.id,
            grading_id=p.grading_id,
            key_id=issued.key_id,
            issued_at=issued.facts.issued_at,
            issued_by=tx.actor.user_id,
            qr_payload=issued.qr.text,
            warranty_until=issued.facts.warranty_until,
            pdf_sha256=digest,
            facts=issued.facts.to_dict(),
            status="valid",
        )
        tx.session.add(row)
        tx.session.flush()
        FingerprintService(self.ctx).capture(tx, item, issued.certificate_no, p.features)
        tx.audit(
            "item",
            item.tag,
            {
                "certificate_no": issued.certificate_no,
                "key_id": issued.key_id,
                "pdf": digest,
                "from": before,
                "to": item.state,
            },
            action=Action.ISSUE_CERTIFICATE.value,
        )
        line, asn = _line(tx.session, item)
        tx.emit(
            "certificate.issued", issued.event_payload(), item_tag=item.tag, asn_id=asn, line_id=line, blobs=[digest]
        )
        return self._view(tx.session, row, item.tag)

    def _void(self, tx: Tx, certificate_no: str, payload: dict[str, Any]) -> tuple[Certificate, Item]:
        row = self._row(tx.session, certificate_no)
        item = load_item(tx.session, tx.session.get(Item, row.item_id).tag, for_update=True)  # type: ignore[union-attr]  # a foreign key: the item exists
        if row.status != "valid":
            raise ValidationError(
                f"证书 {certificate_no} 已作废", f"Certificate {certificate_no} is already void", code="voided"
            )
        before = item.state
        item.state, item.updated_at = next_state(ItemState(item.state), Action.VOID_CERTIFICATE).value, tx.now
        row.status, row.voided_reason, row.voided_at, row.voided_by = (
            "voided",
            payload["reason"],
            tx.now,
            tx.actor.user_id,
        )
        row.replaced_by = payload["replaced_by"]
        tx.audit(
            "item", item.tag, dict(payload, **{"from": before, "to": item.state}), action=Action.VOID_CERTIFICATE.value
        )
        line, asn = _line(tx.session, item)
        tx.emit("certificate.voided", payload, item_tag=item.tag, asn_id=asn, line_id=line)
        return row, item

    @staticmethod
    def _row(session: Session, certificate_no: str) -> Certificate:
        row = session.execute(
            select(Certificate).where(Certificate.certificate_no == certificate_no.strip())
        ).scalar_one_or_none()
        if row is None:
            raise NotFound(f"没有编号为 {certificate_no} 的证书", f"No certificate numbered {certificate_no}")
        return row

    @staticmethod
    def _prints(session: Session, certificate_no: str) -> int:
        return int(
            session.execute(
                select(func.count()).where(
                    AuditEntry.entity_type == "certificate",
                    AuditEntry.entity_id == certificate_no,
                    AuditEntry.action == Action.PRINT_CERTIFICATE.value,
                )
            ).scalar_one()
        )

    @staticmethod
    def _view(session: Session, r: Certificate, tag: str | None = None) -> CertificateView:
        tag = tag or session.execute(select(Item.tag).where(Item.id == r.item_id)).scalar_one()
        who = session.execute(select(User.username).where(User.id == r.issued_by)).scalar_one()
        return CertificateView(
            r.certificate_no,
            tag,
            r.facts.get("category", ""),
            r.facts.get("name", ""),
            r.status,
            r.key_id,
            r.issued_at,
            who,
            r.warranty_until,
            r.pdf_sha256,
            r.qr_payload,
            r.voided_reason,
            r.replaced_by,
        )


def _check_valid(row: Certificate) -> None:
    if row.status != "valid":
        raise ValidationError(
            f"证书 {row.certificate_no} 已作废，不能打印",
            f"Certificate {row.certificate_no} is void and cannot be printed",
            code="voided",
        )


def _line(session: Session, item: Item) -> tuple[str | None, str | None]:
    from app.services.items import item_view

    view = item_view(session, item)
    return view.line_id, view.asn_id
