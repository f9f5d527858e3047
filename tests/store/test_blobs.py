from __future__ import annotations

import pytest

from app.core.errors import StorageError
from app.store.blobs import BlobStore, sha256_hex


def test_put_get_and_idempotence(tmp_path):
    store = BlobStore(tmp_path)
    digest = store.put(b"photo bytes")
    assert digest == sha256_hex(b"photo bytes")
    assert store.put(b"photo bytes") == digest
    assert store.get(digest) == b"photo bytes"
    assert not list(tmp_path.rglob(".tmp-*"))


def test_damaged_file_is_reported_not_returned(tmp_path):
    store = BlobStore(tmp_path)
    digest = store.put(b"original")
    store.path(digest).write_bytes(b"tampered")
    with pytest.raises(StorageError) as err:
        store.get(digest)
    assert "损坏" in err.value.zh


def test_missing_file(tmp_path):
    with pytest.raises(StorageError):
        BlobStore(tmp_path).get("0" * 64)
