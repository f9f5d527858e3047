"""A station killed between writing an operation's rows and committing leaves nothing
half-written: no item, no outbox event, no audit entry, no used counter."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

from sqlalchemy import func, select

from app.store.audit import verify_chain
from app.store.models import AuditEntry, Counter, Item, OutboxEvent
from tests.helpers import notice

CHILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from app.services.station import Station
    from app.services import base
    from app.core.roles import Actor
    import app.services.users as users

    url, data_dir, user_id, shipment_id, tag = sys.argv[1:6]
    st = Station.for_url(url, Path(data_dir), upgrade=False)
    original = base.Tx._finish

    def finish_then_hang(self):
        original(self)          # rows, outbox and audit are written, not committed
        if self._pipe is None:  # a hot operation's statements have gone to its executor already
            self.session.flush()
        print("WRITTEN", flush=True)
        time.sleep(60)          # the parent kills us here

    base.Tx._finish = finish_then_hang
    actor = Actor(int(user_id), "clerk.wang", "", frozenset())
    st.intake.receive_item(actor, int(shipment_id), line_id="L1", tag=tag, tag_printed=True)
""")


def test_kill_mid_operation_leaves_nothing(station, people, data_dir):
    station.notices.apply(people.clerk, notice())
    opened = station.intake.receive_parcel(people.clerk, "SF1234567890123")
    tag = station.intake.allocate_tag(people.clerk)
    with station.db.read() as s:
        before = (
            s.execute(select(func.count(AuditEntry.id))).scalar_one(),
            s.execute(select(func.count(OutboxEvent.id))).scalar_one(),
            s.execute(select(Counter.value).where(Counter.name == "seq:WS-TEST-01")).scalar_one(),
        )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            station.db.url,
            str(data_dir),
            str(people.clerk.user_id),
            str(opened.shipment.id),
            tag,
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.getcwd(),
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    try:
        line = proc.stdout.readline()  # type: ignore[union-attr]
        assert line.strip() == "WRITTEN", line
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    with station.db.read() as s:
        after = (
            s.execute(select(func.count(AuditEntry.id))).scalar_one(),
            s.execute(select(func.count(OutboxEvent.id))).scalar_one(),
            s.execute(select(Counter.value).where(Counter.name == "seq:WS-TEST-01")).scalar_one(),
        )
        assert s.execute(select(Item).where(Item.tag == tag)).scalar_one_or_none() is None
        assert verify_chain(s).ok
    assert after == before
    # and the station carries on: the same piece can be received now
    item = station.intake.receive_item(people.clerk, opened.shipment.id, line_id="L1", tag=tag, tag_printed=True)
    assert item.tag == tag
