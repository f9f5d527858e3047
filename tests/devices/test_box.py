"""The box client against the simulated box over a real pty pair."""

import threading
import time

import pytest

from app.devices.box import BoxHandler, InspectionBox
from app.devices.errors import (
    BoxBusy,
    BoxNotAnswering,
    DeviceDisconnected,
    PairingRefused,
    PhoneDetached,
    SessionCancelled,
    UnsupportedDevice,
)
from app.devices.sim.box import BoxSimulator


class Recorder(BoxHandler):
    def __init__(self, answer="pass", delay=0.0):
        self.answer, self.delay = answer, delay
        self.events = []

    def on_state(self, state):
        self.events.append(("state", state))

    def on_progress(self, sid, step, percent):
        self.events.append(("progress", step, percent))

    def on_prompt(self, prompt, answer):
        self.events.append(("prompt", prompt.step))
        if self.answer:
            threading.Timer(self.delay, answer, (self.answer,)).start()

    def on_detached(self):
        self.events.append(("detached",))

    def on_attached(self, connector):
        self.events.append(("attached", connector))


@pytest.fixture
def rig():
    made = []

    def make(handler=None, **kw):
        kw.setdefault("session_s", 0.6)
        sim = BoxSimulator(seed=3, **kw)
        sim.start()
        box = InspectionBox(sim.path, handler or Recorder(), resolver=lambda: sim.path, keepalive_s=0.5)
        made.append((box, sim))
        box.connect(2)
        return box, sim

    yield make
    for box, sim in made:
        box.close()
        sim.stop()


def test_hello_identity_and_status(rig):
    box, sim = rig()
    assert box.identity.device_payload() == {
        "type": "box",
        "model": "TWB-2",
        "serial": "TWB2-000042",
        "firmware": "2.4.1",
    }
    st = box.status()
    assert st["state"] == "phone_attached" and st["phone_present"] is True
    assert sim.received[0]["t"] == "hello" and sim.received[0]["seq"] == 1 and sim.received[0]["protocol"] == 2


def test_full_session_with_prompts(rig):
    h = Recorder("fail")
    box, sim = rig(h)
    result = box.start_session("quick").wait(5)
    funcs = {f["test"]: f["result"] for f in result.report["functions"]}
    assert funcs["display"] == "fail" and funcs["buttons"] == "fail" and funcs["microphone"] == "fail"
    assert [e[1] for e in h.events if e[0] == "prompt"] == ["display", "buttons"]
    percents = [e[2] for e in h.events if e[0] == "progress"]
    assert percents == sorted(percents) and percents[-1] == 100
    payload = result.event_payload()
    assert payload["box"]["serial"] == "TWB2-000042" and payload["report_id"].startswith("RPT-")
    assert payload["report"]["identity"]["imei"] == "356789104567891"
    results = [m for m in sim.received if m["t"] == "prompt_result"]
    assert {m["outcome"] for m in results} == {"fail"}


def test_unanswered_prompt_is_skipped_by_the_box(rig):
    box, sim = rig(Recorder(answer=None), prompt_timeout_s=0.2)
    result = box.start_session("quick").wait(5)
    funcs = {f["test"]: f["result"] for f in result.report["functions"]}
    assert funcs["display"] == "skipped" and funcs["buttons"] == "skipped"


def test_phone_pulled_out_mid_session(rig):
    h = Recorder()
    box, sim = rig(h, session_s=2.0)
    session = box.start_session("quick")
    time.sleep(0.4)
    sim.detach()
    with pytest.raises(PhoneDetached) as e:
        session.wait(3)
    assert "拔出" in e.value.zh
    assert ("detached",) in h.events
    sim.attach("pixel7")
    assert box.wait_for_phone(2)
    assert box.start_session("quick").wait(5).report["identity"]["platform"] == "android"


def test_cancel(rig):
    box, sim = rig(session_s=3.0)
    session = box.start_session("full")
    time.sleep(0.2)
    session.cancel()
    with pytest.raises(SessionCancelled):
        session.wait(2)


@pytest.mark.parametrize("kw, err", [({"phone": None}, UnsupportedDevice), ({"refuse_pairing": True}, PairingRefused)])
def test_box_errors_are_typed(rig, kw, err):
    box, sim = rig(**kw)
    with pytest.raises(err):
        box.start_session("quick").wait(2)


def test_busy_when_box_already_testing(rig):
    box, sim = rig(session_s=2)
    box.start_session("quick")
    with pytest.raises(BoxBusy):
        box.start_session("quick")


def test_silent_box_reported_within_two_seconds_of_third_missed_ack(rig):
    box, sim = rig(session_s=5)
    session = box.start_session("quick")
    time.sleep(0.2)
    sim.mute = True
    t0 = time.monotonic()
    with pytest.raises(BoxNotAnswering):
        session.wait(6)
    # keepalive after 0.5 s idle, then 4 x 0.5 s of missed acks
    assert time.monotonic() - t0 < 0.5 + 2.0 + 2.0
    assert box.state == "not_answering"


@pytest.mark.parametrize("fault", ["garbage", "bad_crc", "drop"])
def test_sessions_survive_line_faults(rig, fault):
    box, sim = rig(session_s=0.6)
    setattr(sim, fault, 0.2)
    result = box.start_session("quick").wait(15)
    assert result.report["box_qr"].startswith("TWB2:RPT-")
    assert box.identity.serial == "TWB2-000042"


def test_unplug_mid_session_then_replug_with_new_name(rig):
    box, sim = rig(session_s=2)
    session = box.start_session("quick")
    time.sleep(0.2)
    sim.unplug()
    with pytest.raises(DeviceDisconnected):
        session.wait(2)
    sim.replug()
    deadline = time.monotonic() + 4
    while box.state != "connected" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert box.state == "connected"
    assert box.start_session("quick").wait(6).report_id
