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
    ok = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), "audit", "verify"],
                        capture_output=True, text=True, env=_env(sqlite_station))
    assert ok.returncode == 0 and "intact" in ok.stdout
    with sqlite_station.db.transaction() as s:
        s.execute(text("UPDATE audit_log SET entity_id = 'X' WHERE chain_index = 3"))
    bad = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), "audit", "verify"],
                         capture_output=True, text=True, env=_env(sqlite_station))
    assert bad.returncode == 1 and "#3" in bad.stdout


def _env(station):
    import os

    return {**os.environ, "TW_DATABASE_URL": station.db.url}
