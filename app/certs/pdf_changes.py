"""What was added to a signed PDF after its signature, and whether it matters.

A PDF signature covers the file up to the end of its own revision. Anything after that is
one of three things, and a verifier must tell them apart rather than call all of them
"modified" (a harmless re-save would then cry wolf) or none of them (a changed page would
pass):

- ``trailing``: bytes that are not a PDF update at all (a mail gateway's padding, a
  download tool's junk). No PDF reader sees them; the document is what was signed.
- ``info``: a PDF incremental update that changes only the document information
  (/Info: title, author, dates; and its XML twin, the catalogue's /Metadata stream) or
  rewrites other objects *unchanged*. What the
  certificate shows is exactly what was signed.
- ``content``: an update that changes, adds to or frees anything the document shows (a
  page, a content stream, the catalogue, the embedded facts), or an update the reader
  cannot follow (a viewer might follow it differently, so it is never taken as harmless).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# Markers of an incremental update (or an attempt at one) in appended bytes.
_UPDATE_MARKERS = re.compile(rb"startxref|\bxref\b|trailer|\bobj\b|%%EOF")
_PADDING = b"\r\n\t \x00"


@dataclass(frozen=True)
class AfterSigning:
    kind: str  # "none" | "trailing" | "info" | "content"
    detail: str = ""


def changes_after_signing(reader: Any, sig: Any, pdf: bytes) -> AfterSigning:
    """Classify what follows the signed revision of ``sig`` in ``pdf`` (read by ``reader``)."""
    start, length = sig.byte_range[2], sig.byte_range[3]
    rest = pdf[start + length :]
    if not rest.strip(_PADDING):
        return AfterSigning("none")
    signed_rev = sig.signed_revision
    total = reader.xrefs.total_revisions
    if total - 1 == signed_rev:
        if _UPDATE_MARKERS.search(rest):
            return AfterSigning("content", "an update was appended that cannot be read")
        return AfterSigning("trailing", f"{len(rest)} bytes after the end of the signed file")
    return _compare_revisions(reader, signed_rev, total)


def _compare_revisions(reader: Any, signed_rev: int, total: int) -> AfterSigning:
    signed = reader.get_historical_resolver(signed_rev)
    signed_root = signed.trailer_view.raw_get("/Root")
    # The catalogue's XMP stream is the same document information as /Info, in XML; PDF tools
    # (pyHanko among them) refresh its dates whenever they save.
    metadata = signed(signed_root).raw_get("/Metadata") if "/Metadata" in signed(signed_root) else None
    metadata_ref = (metadata.idnum, metadata.generation) if metadata is not None else None
    xref_streams = {(r.idnum, r.generation) for r in _xref_stream_refs(reader)}
    changed: list[str] = []
    info_changed = False
    for rev in range(signed_rev + 1, total):
        resolver = reader.get_historical_resolver(rev)
        trailer = resolver.trailer_view
        if trailer.raw_get("/Root") != signed_root:
            return AfterSigning("content", "the document catalogue was replaced")
        freed = list(reader.xrefs.refs_freed_in_revision(rev))
        if freed:
            return AfterSigning("content", f"objects {_numbers(freed)} were deleted")
        info = trailer.raw_get("/Info") if "/Info" in trailer else None
        info_ref = (info.idnum, info.generation) if info is not None else None
        for ref in reader.xrefs.explicit_refs_in_revision(rev):
            key = (ref.idnum, ref.generation)
            if key in xref_streams:
                continue
            if key in (info_ref, metadata_ref):
                info_changed = True
                continue
            if not _existed(reader, ref, signed_rev):
                continue  # a new object nothing signed refers to (the catalogue is unchanged)
            if not _same(signed(ref), resolver(ref)):
                changed.append(str(ref.idnum))
    if changed:
        return AfterSigning("content", f"objects {', '.join(sorted(set(changed), key=int))} changed after signing")
    return AfterSigning("info", "document information updated" if info_changed else "objects re-written unchanged")


def _xref_stream_refs(reader: Any) -> list[Any]:
    try:
        return list(reader.xrefs.xref_stream_refs)
    except Exception:  # noqa: BLE001 - classic xref tables: none
        return []


def _existed(reader: Any, ref: Any, signed_rev: int) -> bool:
    try:
        return int(reader.xrefs.get_introducing_revision(ref)) <= signed_rev
    except Exception:  # noqa: BLE001 - not known to the xref history: treat as existing (compare it)
        return True


def _same(old: Any, new: Any) -> bool:
    """Equal as PDF objects: same type, same dictionary entries (references not followed, so
    a changed target is caught where it changed), same stream bytes."""
    if type(old) is not type(new):
        return False
    if hasattr(old, "data") and hasattr(new, "data"):  # streams
        try:
            if old.data != new.data:
                return False
        except Exception:  # noqa: BLE001 - a stream that cannot be decoded is not "the same"
            return False
    return bool(old == new)


def _numbers(refs: list[Any]) -> str:
    return ", ".join(str(r.idnum) for r in refs)
