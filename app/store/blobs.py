"""Content-addressed files (photos, certificate PDFs, raw reports) beside the database.

A blob's name is the SHA-256 of its bytes. Writes are atomic (temp file, fsync,
rename, fsync of the folder); reads check the digest, so a damaged file is reported
instead of being shown or sent as if it were the original.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from app.core.errors import StorageError

CONTENT_TYPES = ("image/jpeg", "image/png", "application/pdf", "application/json")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, digest: str) -> Path:
        return self.root / digest[:2] / digest[2:4] / digest

    def exists(self, digest: str) -> bool:
        return self.path(digest).exists()

    def put(self, data: bytes) -> str:
        digest = sha256_hex(data)
        target = self.path(digest)
        if target.exists() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        return digest

    def get(self, digest: str) -> bytes:
        try:
            data = self.path(digest).read_bytes()
        except FileNotFoundError:
            raise StorageError(
                f"文件 {digest[:12]}… 不存在", f"Stored file {digest[:12]}… is missing", digest=digest
            ) from None
        if sha256_hex(data) != digest:
            raise StorageError(
                f"文件 {digest[:12]}… 已损坏（校验不符）",
                f"Stored file {digest[:12]}… is damaged (digest mismatch)",
                digest=digest,
            )
        return data
