"""Administrator operations on the station's records as a whole: verify the audit chain,
export a signed certificate's original PDF. Each checks the permission and is audited."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.errors import ValidationError
from app.core.roles import Action, Actor
from app.services.base import ServiceContext
from app.store.audit import verify_chain

if TYPE_CHECKING:
    from app.services.certificates import CertificateService


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    entries: int
    problem_zh: str
    problem_en: str


class MaintenanceService:
    def __init__(self, ctx: ServiceContext, certificates: CertificateService) -> None:
        self.ctx, self.certificates = ctx, certificates

    def verify_audit_chain(self, actor: Actor) -> ChainCheck:
        with self.ctx.operation(actor, Action.MANAGE_SETTINGS) as tx:
            report = verify_chain(tx.session)
            result = ChainCheck(bool(report.ok), int(report.entries), report.problem_zh, report.problem_en)
            tx.audit(
                "audit_chain",
                "all",
                {"ok": result.ok, "checked": result.entries, "problem": result.problem_en},
                action="verify_audit_chain",
            )
        return result

    def export_certificate(self, actor: Actor, certificate_no: str, folder: Path) -> Path:
        """The signed PDF exactly as issued (byte for byte), checked against its hash."""
        view = self.certificates.get(certificate_no)
        data = self.certificates.pdf(certificate_no)
        if hashlib.sha256(data).hexdigest() != view.pdf_sha256:
            raise ValidationError(
                f"证书 {certificate_no} 的存档文件已损坏", f"The stored PDF of {certificate_no} is damaged"
            )
        folder = Path(folder)
        if not folder.is_dir():
            raise ValidationError(f"文件夹不存在：{folder}", f"No such folder: {folder}")
        target = folder / f"{certificate_no}.pdf"
        with self.ctx.operation(actor, Action.MANAGE_SETTINGS) as tx:
            tx.audit(
                "certificate",
                certificate_no,
                {"exported_to": str(target), "sha256": view.pdf_sha256},
                action="export_certificate",
            )
            tmp = target.with_suffix(".part")
            try:
                tmp.write_bytes(data)
                os.replace(tmp, target)
            except OSError as exc:
                raise ValidationError(
                    f"无法写入 {target}：{exc.strerror}", f"Cannot write {target}: {exc.strerror}"
                ) from None
        return target
