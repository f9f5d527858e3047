"""Back up and restore this station's records (SQLite): the database through SQLite's
online backup API while the station keeps working, plus the content-addressed blobs,
then verified (integrity check, every blob's SHA-256). A restore refuses another
warehouse's backup, says first what it would replace, and keeps the current database
beside it (nothing is deleted)."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from app.core.clock import utcnow
from app.core.errors import ValidationError
from app.core.roles import Action, Actor
from app.services.base import ServiceContext

T = TypeVar("T")
MANIFEST = "manifest.json"
COUNTED = ("items", "certificates", "photos", "audit_log")


@dataclass(frozen=True)
class BackupInfo:
    folder: Path
    warehouse_id: str
    workstation_id: str
    created_at: str
    counts: dict[str, int]
    blobs: int


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in COUNTED}  # noqa: S608


def _copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup (consistent while others write), as one self-contained file."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # no -wal beside it: the file is the whole copy
    finally:
        src.close()
        dst.close()
    target.chmod(0o600)


def _read(path: Path, fn: Callable[[sqlite3.Connection], T]) -> T:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return fn(conn)
    finally:
        conn.close()


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class BackupService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def _db_path(self) -> Path:
        url = self.ctx.db.engine.url
        if url.get_backend_name() != "sqlite" or not url.database:
            raise ValidationError(
                "共享的 PostgreSQL 数据库请由数据库管理员用 pg_dump 备份",
                "A shared PostgreSQL database is backed up by its administrator (pg_dump)",
            )
        return Path(url.database)

    def backup(self, actor: Actor, target: Path) -> BackupInfo:
        with self.ctx.operation(actor, Action.MANAGE_SETTINGS) as tx:  # permission first; audited below
            tx.audit("backup", "station", {"to": str(target)}, action="backup_started")
        source = self._db_path()
        stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
        folder = Path(target) / f"tw-backup-{self.ctx.warehouse_id}-{self.ctx.workstation_id}-{stamp}"
        folder.mkdir(parents=True, mode=0o700)
        db_copy = folder / "workstation.sqlite3"
        _copy_database(source, db_copy)
        blobs = 0
        for path in sorted(self.ctx.blobs.root.rglob("*")):
            if path.is_file() and len(path.name) == 64:
                dest = folder / "blobs" / path.relative_to(self.ctx.blobs.root)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)
                blobs += 1
        counts = _read(db_copy, _counts)
        info = BackupInfo(folder, self.ctx.warehouse_id, self.ctx.workstation_id, stamp, counts, blobs)
        manifest = {
            "warehouse_id": info.warehouse_id,
            "workstation_id": info.workstation_id,
            "created_at": stamp,
            "counts": counts,
            "blobs": blobs,
            "database_sha256": _sha256(db_copy),
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        self.verify(folder)
        with self.ctx.operation(actor, Action.MANAGE_SETTINGS) as tx:
            tx.audit(
                "backup", "station", {"folder": str(folder), "counts": counts, "blobs": blobs}, action="backup_verified"
            )
        return info

    @staticmethod
    def verify(folder: Path) -> BackupInfo:
        """The manifest, the database's hash and integrity, every blob's hash."""
        folder = Path(folder)
        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise ValidationError(
                f"{folder} 不是本程序的备份（缺少 manifest.json）",
                f"{folder} is not a backup of this program (no manifest.json)",
            ) from None
        db = folder / "workstation.sqlite3"
        if not db.exists() or _sha256(db) != manifest.get("database_sha256"):
            raise ValidationError("备份中的数据库已损坏或被修改", "The database in the backup is damaged or altered")
        if _read(db, lambda conn: conn.execute("PRAGMA integrity_check").fetchone()[0]) != "ok":
            raise ValidationError("备份数据库完整性检查失败", "The backup database fails its integrity check")
        counts = _read(db, _counts)
        blobs = [p for p in (folder / "blobs").rglob("*") if p.is_file()] if (folder / "blobs").exists() else []
        bad = [p.name for p in blobs if _sha256(p) != p.name]
        if bad or len(blobs) != int(manifest.get("blobs", -1)):
            raise ValidationError(
                f"备份中的文件缺失或损坏（{len(bad)} 个）", f"Files in the backup are missing or damaged ({len(bad)})"
            )
        return BackupInfo(
            folder,
            str(manifest["warehouse_id"]),
            str(manifest.get("workstation_id", "")),
            str(manifest["created_at"]),
            counts,
            len(blobs),
        )

    def restore_preview(self, actor: Actor, folder: Path) -> tuple[BackupInfo, dict[str, int]]:
        """What a restore would bring back and what it would replace (current counts)."""
        from app.core.roles import require

        require(actor.roles, Action.MANAGE_SETTINGS, actor.username)
        info = self.verify(folder)
        if info.warehouse_id != self.ctx.warehouse_id:
            raise ValidationError(
                f"这是仓库 {info.warehouse_id} 的备份，不能恢复到本仓库 {self.ctx.warehouse_id}",
                f"This backup belongs to warehouse {info.warehouse_id}, not to {self.ctx.warehouse_id}",
            )
        return info, _read(self._db_path(), _counts)

    def restore(self, actor: Actor, folder: Path) -> Path:
        """Replace the records with the backup's (online, page by page); the current
        database is kept first as ``before-restore-<time>.sqlite3``. Returns that path."""
        info, _current = self.restore_preview(actor, folder)
        live = self._db_path()
        kept = live.with_name(f"before-restore-{utcnow().strftime('%Y%m%dT%H%M%SZ')}.sqlite3")
        _copy_database(live, kept)
        src, dst = (
            sqlite3.connect(f"file:{info.folder / 'workstation.sqlite3'}?mode=ro", uri=True),
            sqlite3.connect(live),
        )
        try:
            src.backup(dst)  # page by page into the live database; other connections see it next
        finally:
            src.close()
            dst.close()
        for path in (info.folder / "blobs").rglob("*") if (info.folder / "blobs").exists() else []:
            if path.is_file() and not self.ctx.blobs.path(path.name).exists():
                dest = self.ctx.blobs.path(path.name)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)
        with self.ctx.operation(actor, Action.MANAGE_SETTINGS) as tx:
            tx.audit(
                "backup",
                "station",
                {"restored_from": str(info.folder), "kept": str(kept), "counts": info.counts},
                action="restore",
            )
        return kept
