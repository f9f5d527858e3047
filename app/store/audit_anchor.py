"""Signed checkpoints of the audit chain, kept outside the database.

A hash chain alone only proves that the rows agree with each other: whoever can write the
database can cut the tail and move the head, empty the log, or edit rows and recompute
every hash, and the chain still looks intact. So the station periodically signs its chain
head (index + hash) with its own Ed25519 key and appends the checkpoint to a file in its
data folder. The key lives beside that file (mode 0600), never in the database, so writing
the database is not enough to forge or move an anchor. ``verify_anchored`` checks the chain
against the newest valid checkpoint and names a wipe, a truncation or a rewrite.

What this does not cover (docs/sync.md): entries written after the newest checkpoint, and
an attacker who can also write the station's data folder (then the checkpoints themselves
can be removed; that is reported as "no anchor", not as intact history).
"""

from __future__ import annotations

import base64
import json
import logging
import os
from dataclasses import dataclass, replace
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.clock import rfc3339, utcnow
from app.store.audit import ChainReport, verify_chain
from app.store.models import AuditEntry, AuditHead

log = logging.getLogger(__name__)
ANCHOR_FILE = "audit-anchors.jsonl"
KEY_FILE = Path("secrets") / "audit-anchor-key.pem"


@dataclass(frozen=True)
class Anchor:
    workstation_id: str
    chain_index: int
    hash: str
    at: str  # RFC 3339, UTC

    def signed_bytes(self) -> bytes:
        return json.dumps(
            ["tw-audit-anchor-1", self.workstation_id, self.chain_index, self.hash, self.at], separators=(",", ":")
        ).encode()


class AnchorBook:
    """The station's checkpoint file and its signing key (both in the data folder)."""

    def __init__(self, data_dir: Path, workstation_id: str) -> None:
        self.path = Path(data_dir) / ANCHOR_FILE
        self.key_path = Path(data_dir) / KEY_FILE
        self.workstation_id = workstation_id

    # -- key ------------------------------------------------------------------------------
    def _key(self, create: bool) -> Ed25519PrivateKey | None:
        if self.key_path.exists():
            key = serialization.load_pem_private_key(self.key_path.read_bytes(), password=None)
            if not isinstance(key, Ed25519PrivateKey):
                raise ValueError(f"{self.key_path} is not an Ed25519 key")
            return key
        if not create:
            return None
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        self.key_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
        return key

    # -- write ----------------------------------------------------------------------------
    def record(self, session: Session) -> Anchor | None:
        """Sign and append the current chain head; None when it has not moved since the
        newest checkpoint (or the chain is empty)."""
        head = session.execute(select(AuditHead.chain_index, AuditHead.hash).where(AuditHead.id == 1)).one()
        last_index, last_hash = self._last()
        if head.chain_index == 0 or head.chain_index <= last_index:
            return None
        if (
            last_index
            and session.execute(
                select(AuditEntry.hash).where(AuditEntry.chain_index == last_index)
            ).scalar_one_or_none()
            != last_hash
        ):
            # The log no longer holds what was last signed: signing the new head would bless the
            # tampering and hide it from verify (which trusts the newest checkpoint). Keep the evidence.
            log.warning("audit chain no longer matches checkpoint #%d; not anchoring (run audit verify)", last_index)
            return None
        key = self._key(create=True)
        assert key is not None
        anchor = Anchor(self.workstation_id, int(head.chain_index), str(head.hash), rfc3339(utcnow()))
        line = {
            "workstation_id": anchor.workstation_id,
            "chain_index": anchor.chain_index,
            "hash": anchor.hash,
            "at": anchor.at,
            "sig": base64.b64encode(key.sign(anchor.signed_bytes())).decode(),
        }
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        return anchor

    def _last(self) -> tuple[int, str]:
        """Index and hash of the last line (runs after every sync cycle: reads only the file's
        tail and checks no signature; ``newest`` is the careful reader)."""
        if not self.path.exists():
            return 0, ""
        with open(self.path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - 4096))
            lines = fh.read().splitlines()
        try:
            data = json.loads(lines[-1])
            return int(data["chain_index"]), str(data["hash"])
        except (ValueError, KeyError, TypeError, IndexError):
            return 0, ""  # a damaged tail: verify reports it; a fresh checkpoint goes after it

    # -- read -----------------------------------------------------------------------------
    def newest(self) -> tuple[Anchor | None, list[str]]:
        """The newest checkpoint whose signature holds, and a note per line that does not."""
        if not self.path.exists():
            return None, []
        key = self._key(create=False)
        if key is None:
            return None, [f"anchor key {self.key_path} is missing: checkpoints cannot be checked"]
        public = key.public_key()
        best: Anchor | None = None
        bad: list[str] = []
        for n, text in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                data = json.loads(text)
                anchor = Anchor(
                    str(data["workstation_id"]), int(data["chain_index"]), str(data["hash"]), str(data["at"])
                )
                public.verify(base64.b64decode(data["sig"]), anchor.signed_bytes())
            except (ValueError, KeyError, TypeError, InvalidSignature):
                bad.append(f"checkpoint line {n} is damaged or not signed by this station's key")
                continue
            if best is None or anchor.chain_index > best.chain_index:
                best = anchor
        return best, bad


def verify_anchored(session: Session, book: AnchorBook) -> ChainReport:
    """``verify_chain`` plus the newest signed checkpoint: a chain that is consistent in
    itself but shorter than, empty despite, or different from what was signed is broken."""
    report = verify_chain(session)
    anchor, bad = book.newest()
    if bad and anchor is None:
        return replace(
            report,
            ok=False,
            kind="anchor_invalid",
            problem_zh="审计锚点文件损坏或签名不符：" + "; ".join(bad),
            problem_en="audit checkpoints are damaged or not signed by this station: " + "; ".join(bad),
        )
    if anchor is None:
        return report
    report = replace(report, anchored=True, notes=tuple(bad))
    rows = session.execute(select(func.count(AuditEntry.id), func.max(AuditEntry.chain_index))).one()
    count, last = int(rows[0] or 0), int(rows[1] or 0)
    i, when = anchor.chain_index, anchor.at
    if count == 0:
        return replace(
            report,
            ok=False,
            kind="wiped",
            first_bad_index=1,
            anchor_index=i,
            problem_zh=f"审计日志已被清空：{when} 的签名锚点记录了 {i} 条，现在一条也没有",
            problem_en=f"the audit log was wiped: the signed anchor of {when} records {i} entries, none are left",
        )
    if last < i:
        return replace(
            report,
            ok=False,
            kind="truncated",
            first_bad_index=last + 1,
            anchor_index=i,
            problem_zh=f"审计日志被截断：{when} 的签名锚点记录到第 {i} 条，现在只到第 {last} 条",
            problem_en=f"the audit log was truncated: the signed anchor of {when} reaches entry #{i}, "
            f"the log now ends at #{last}",
        )
    if not report.ok:
        return replace(report, anchor_index=i)
    row_hash = session.execute(select(AuditEntry.hash).where(AuditEntry.chain_index == i)).scalar_one_or_none()
    if row_hash != anchor.hash:
        return replace(
            report,
            ok=False,
            kind="rewritten",
            first_bad_index=None,
            anchor_index=i,
            problem_zh=f"审计日志被改写：第 {i} 条及之前的记录与 {when} 的签名锚点不符（哈希已被重算）",
            problem_en=f"the audit log was rewritten: entries up to #{i} no longer match the signed "
            f"anchor of {when} (hashes were recomputed)",
        )
    return replace(report, anchor_index=i)
