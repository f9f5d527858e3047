from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select, text

from app.store.audit import verify_chain
from app.store.models import AuditEntry
from tests.helpers import receive_one


def _chain(station):
    with station.db.read() as s:
        return verify_chain(s)


def test_intact_chain(station, people):
    receive_one(station, people)
    report = _chain(station)
    assert report.ok and report.entries > 5


def test_altered_detail_is_found(station, people):
    receive_one(station, people)
    with station.db.transaction() as s:
        victim = s.execute(select(AuditEntry).order_by(AuditEntry.chain_index).offset(3).limit(1)).scalar_one()
        victim.detail = {**victim.detail, "forged": True}
        index = victim.chain_index
    report = _chain(station)
    assert not report.ok and report.first_bad_index == index and "修改" in report.problem_zh


def test_altered_actor_via_raw_sql_is_found(station, people):
    receive_one(station, people)
    with station.db.transaction() as s:
        s.execute(text("UPDATE audit_log SET actor = 'someone.else' WHERE chain_index = 2"))
    report = _chain(station)
    assert not report.ok and report.first_bad_index == 2


def test_removed_row_is_found(station, people):
    receive_one(station, people)
    with station.db.transaction() as s:
        s.execute(text("DELETE FROM audit_log WHERE chain_index = 4"))
    report = _chain(station)
    assert not report.ok and report.first_bad_index == 4 and "缺失" in report.problem_zh


def test_removed_tail_is_found(station, people):
    receive_one(station, people)
    with station.db.transaction() as s:
        last = s.execute(select(AuditEntry.chain_index).order_by(AuditEntry.chain_index.desc()).limit(1)).scalar_one()
        s.execute(text("DELETE FROM audit_log WHERE chain_index = :i"), {"i": last})
    report = _chain(station)
    assert not report.ok


def test_cli_reports_first_broken_link(sqlite_station, sqlite_people, data_dir):
    receive_one(sqlite_station, sqlite_people)
    ok = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "audit", "verify"],
        capture_output=True,
        text=True,
        env=_env(sqlite_station),
    )
    assert ok.returncode == 0 and "intact" in ok.stdout
    with sqlite_station.db.transaction() as s:
        s.execute(text("UPDATE audit_log SET entity_id = 'X' WHERE chain_index = 3"))
    bad = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "audit", "verify"],
        capture_output=True,
        text=True,
        env=_env(sqlite_station),
    )
    assert bad.returncode == 1 and "#3" in bad.stdout


def _env(station):
    import os

    return {**os.environ, "TW_DATABASE_URL": station.db.url}


# -- anchored: the five attacks a hash chain alone does not see ------------------------------
def _anchored(station, data_dir):  # type: ignore[no-untyped-def]
    from app.store.audit_anchor import AnchorBook, verify_anchored

    with station.db.read() as s:
        return verify_anchored(s, AnchorBook(data_dir, station.ctx.workstation_id))


def _anchor(station, data_dir):  # type: ignore[no-untyped-def]
    from app.store.audit_anchor import AnchorBook

    with station.db.read() as s:
        return AnchorBook(data_dir, station.ctx.workstation_id).record(s)


def _last_index(s) -> int:  # type: ignore[no-untyped-def]
    return s.execute(select(AuditEntry.chain_index).order_by(AuditEntry.chain_index.desc()).limit(1)).scalar_one()


def _recompute_from(s, start: int) -> None:  # type: ignore[no-untyped-def]
    """What an attacker with write access does after editing: rebuild every hash after it."""
    from app.store.audit import GENESIS, entry_hash
    from app.store.models import AuditHead

    prev = (
        GENESIS
        if start == 1
        else s.execute(select(AuditEntry.hash).where(AuditEntry.chain_index == start - 1)).scalar_one()
    )
    index = start - 1
    for row in s.execute(
        select(AuditEntry).where(AuditEntry.chain_index >= start).order_by(AuditEntry.chain_index)
    ).scalars():
        row.prev_hash = prev
        row.hash = entry_hash(
            prev,
            row.chain_index,
            row.at,
            row.workstation_id,
            row.actor,
            row.action,
            row.entity_type,
            row.entity_id,
            row.detail,
        )
        prev, index = row.hash, row.chain_index
    s.flush()
    head = s.get(AuditHead, 1)
    head.chain_index, head.hash = index, prev


def _move_head_to(s, index: int) -> None:  # type: ignore[no-untyped-def]
    from app.store.audit import GENESIS
    from app.store.models import AuditHead

    head = s.get(AuditHead, 1)
    head.chain_index = index
    head.hash = (
        GENESIS
        if index == 0
        else s.execute(select(AuditEntry.hash).where(AuditEntry.chain_index == index)).scalar_one()
    )


def test_anchored_intact_chain_says_so(station, people, data_dir):
    receive_one(station, people)
    anchor = _anchor(station, data_dir)
    receive_one(station, people, line_id="L2")  # entries after the anchor are fine
    report = _anchored(station, data_dir)
    assert report.ok and report.anchored and report.anchor_index == anchor.chain_index


def test_attack_truncate_the_log(station, people, data_dir):
    receive_one(station, people)
    anchor = _anchor(station, data_dir)
    with station.db.transaction() as s:
        s.execute(text("DELETE FROM audit_log WHERE chain_index > :i"), {"i": anchor.chain_index - 3})
    report = _anchored(station, data_dir)
    assert not report.ok and report.kind == "truncated" and "截断" in report.problem_zh
    assert f"#{anchor.chain_index}" in report.problem_en


def test_attack_truncate_and_move_the_head(station, people, data_dir):
    receive_one(station, people)
    anchor = _anchor(station, data_dir)
    keep = anchor.chain_index - 3
    with station.db.transaction() as s:
        s.execute(text("DELETE FROM audit_log WHERE chain_index > :i"), {"i": keep})
        _move_head_to(s, keep)
    assert _chain(station).ok  # the chain alone is fooled ...
    report = _anchored(station, data_dir)  # ... the signed anchor is not
    assert not report.ok and report.kind == "truncated" and f"#{keep}" in report.problem_en


def test_attack_wipe_the_log(station, people, data_dir):
    receive_one(station, people)
    _anchor(station, data_dir)
    with station.db.transaction() as s:
        s.execute(text("DELETE FROM audit_log"))
        _move_head_to(s, 0)
    assert _chain(station).ok and _chain(station).entries == 0  # "intact: 0 entries"
    report = _anchored(station, data_dir)
    assert not report.ok and report.kind == "wiped" and "清空" in report.problem_zh


def test_attack_edit_a_row(station, people, data_dir):
    receive_one(station, people)
    _anchor(station, data_dir)
    with station.db.transaction() as s:
        s.execute(text("UPDATE audit_log SET actor = 'someone.else' WHERE chain_index = 3"))
    report = _anchored(station, data_dir)
    assert not report.ok and report.kind == "altered" and report.first_bad_index == 3


def test_attack_edit_rows_and_recompute_the_hashes(station, people, data_dir):
    receive_one(station, people)
    anchor = _anchor(station, data_dir)
    with station.db.transaction() as s:
        s.execute(text("UPDATE audit_log SET actor = 'someone.else' WHERE chain_index = 2"))
        _recompute_from(s, 2)
    assert _chain(station).ok  # consistent in itself
    report = _anchored(station, data_dir)
    assert not report.ok and report.kind == "rewritten" and f"#{anchor.chain_index}" in report.problem_en


def test_a_forged_checkpoint_is_refused(station, people, data_dir):
    import json

    receive_one(station, people)
    anchor = _anchor(station, data_dir)
    path = data_dir / "audit-anchors.jsonl"
    line = json.loads(path.read_text())
    line["chain_index"] = 1  # move the anchor back to hide a truncation
    path.write_text(json.dumps(line) + "\n")
    report = _anchored(station, data_dir)
    assert not report.ok and report.kind == "anchor_invalid" and anchor.chain_index > 1


def test_the_checkpoint_key_is_outside_the_database(sqlite_station, sqlite_people, data_dir):
    receive_one(sqlite_station, sqlite_people)
    _anchor(sqlite_station, data_dir)
    key = data_dir / "secrets" / "audit-anchor-key.pem"
    assert key.exists() and key.stat().st_mode & 0o077 == 0
    pem = key.read_bytes().split(b"\n")[1]
    with sqlite_station.db.read() as s:
        dump = "".join(str(v) for row in s.execute(text("SELECT value FROM sync_state")) for v in row)
    assert pem.decode() not in dump


def test_cli_names_a_wipe(sqlite_station, sqlite_people, data_dir):
    receive_one(sqlite_station, sqlite_people)
    _anchor(sqlite_station, data_dir)
    args = [sys.executable, "-m", "app", "--data-dir", str(data_dir), "audit", "verify"]
    ok = subprocess.run(args, capture_output=True, text=True, env=_env(sqlite_station))
    assert ok.returncode == 0 and "signed anchor" in ok.stdout
    with sqlite_station.db.transaction() as s:
        s.execute(text("DELETE FROM audit_log"))
        _move_head_to(s, 0)
    bad = subprocess.run(args, capture_output=True, text=True, env=_env(sqlite_station))
    assert bad.returncode == 1 and "wiped" in bad.stdout and "清空" in bad.stdout


def test_a_tampered_log_is_never_anchored_over(sqlite_station, sqlite_people, data_dir):
    """Truncate, then let the station write past the old anchor: the next sync must not sign
    the new head (the newest checkpoint would then bless the rewrite)."""
    receive_one(sqlite_station, sqlite_people)
    anchor = _anchor(sqlite_station, data_dir)
    with sqlite_station.db.transaction() as s:
        s.execute(text("DELETE FROM audit_log WHERE chain_index > 2"))
        _move_head_to(s, 2)
    for n in range(1, 10):  # new, honest work after the tampering, past the anchored index
        receive_one(sqlite_station, sqlite_people, asn=f"ASN-20261121-00090{n}", waybill=f"SF99900000{n}")
        with sqlite_station.db.read() as s:
            if _last_index(s) > anchor.chain_index:
                break
    with sqlite_station.db.read() as s:
        assert _last_index(s) > anchor.chain_index
    assert _anchor(sqlite_station, data_dir) is None
    report = _anchored(sqlite_station, data_dir)
    assert not report.ok and report.kind == "rewritten" and report.anchor_index == anchor.chain_index
