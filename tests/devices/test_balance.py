"""The balance driver against the simulator over real pty pairs."""

import threading
import time
from decimal import Decimal

import pytest

from app.devices.balance import SerialBalance
from app.devices.errors import (
    BalanceOverload,
    BalanceUnderload,
    BalanceUnstable,
    DeviceDisconnected,
    DeviceError,
)


@pytest.fixture
def balance():
    made = []

    def make(sim, **kw):
        kw.setdefault("command_timeout", 0.4)
        kw.setdefault("reconnect_timeout", 1.0)
        b = SerialBalance(sim.path, sim.protocol, resolver=lambda: sim.path, **kw)
        made.append(b)
        return b

    yield make
    for b in made:
        b.close()


def test_identity_and_stable_reading(scale_sim, balance):
    sim = scale_sim()
    sim.scale.put("2.347")
    b = balance(sim)
    r = b.read_stable(2)
    assert r.value == Decimal("2.3470") and r.unit == "g" and r.stable
    assert r.device_payload() == {"type": "scale", "model": "XPR204", "serial": "B912345678"}
    assert sim.commands[:2] == ["@", "I2"]


def test_units_convert_exactly(scale_sim, balance):
    sim = scale_sim()
    sim.scale.put("0.2")
    b = balance(sim)
    assert b.read_stable(2, unit="ct").value == Decimal("1")
    assert b.read_stable(2, unit="mg").value == Decimal("200")
    assert b.read_stable(2).to("ct").value == Decimal("1")


def test_carat_balance(scale_sim, balance):
    sim = scale_sim(unit="ct")
    sim.scale.put("1.2345")
    r = balance(sim).read_stable(2, unit="g")
    assert r.value == Decimal("0.24690") and r.unit == "g"


def test_settling_weight_is_not_stable_until_settled(scale_sim, balance):
    sim = scale_sim(settle_s=0.4)
    b = balance(sim)
    b.connect()
    sim.scale.put("10")
    now = b.read_now()
    assert not now.stable
    t = time.monotonic()
    r = b.read_stable(3)
    assert r.value == Decimal("10.0000") and time.monotonic() - t > 0.2


def test_unstable_times_out(scale_sim, balance):
    sim = scale_sim(settle_s=5)
    b = balance(sim)
    b.connect()
    sim.scale.put("10")
    with pytest.raises(BalanceUnstable):
        b.read_stable(0.6)
    sim.scale.settle_s = 0
    sim.scale.put("3")
    assert b.read_stable(1).value == Decimal("3.0000")  # the late S reply was not taken


def test_overload_and_underload(scale_sim, balance):
    sim = scale_sim()
    b = balance(sim)
    sim.scale.put("500")
    with pytest.raises(BalanceOverload) as e:
        b.read_stable(1)
    assert "天平过载" in str(e.value) and "overloaded" in e.value.en
    sim.scale.put("-50")
    time.sleep(0.1)
    with pytest.raises(BalanceUnderload):
        b.read_now()


def test_zero_and_tare(scale_sim, balance):
    sim = scale_sim()
    sim.scale.put("5")
    b = balance(sim)
    b.zero()
    assert b.read_stable(1).value == 0
    sim.scale.put("7")
    tare = b.tare()
    assert tare.value == Decimal("2.0000")
    sim.scale.put("8.5")
    assert b.read_stable(1).value == Decimal("1.5000")
    b.clear_tare()
    assert b.read_stable(1).value == Decimal("3.5000")


def test_garbage_lines_never_give_a_reading(scale_sim, balance):
    sim = scale_sim()
    sim.garbage = 1.0
    sim.scale.put("1.5")
    b = balance(sim)
    for _ in range(10):
        assert b.read_stable(1).value == Decimal("1.5000")


def test_corrupted_replies_are_retried_not_misread(scale_sim, balance):
    sim = scale_sim()
    sim.corrupt = 0.4
    sim.scale.put("1.5")
    b = balance(sim, command_timeout=0.2)
    got = 0
    for _ in range(8):
        try:
            assert b.read_stable(1).value == Decimal("1.5000")
            got += 1
        except DeviceError:
            pass
    assert got >= 4


def test_dropped_commands(scale_sim, balance):
    sim = scale_sim()
    sim.scale.put("4")
    b = balance(sim, command_timeout=0.15)
    b.connect()
    sim.drop = 0.5
    for _ in range(4):  # the budget is generous: a loaded machine must not fail it, a broken retry still does
        assert b.read_stable(6).value == Decimal("4.0000")


def test_power_cycle_banner_is_not_a_reply_and_tare_loss_is_seen(scale_sim, balance):
    sim = scale_sim(settle_s=0.3)
    b = balance(sim)
    sim.scale.put("3")
    b.read_stable(2)
    sim.scale.put("6")
    threading.Timer(0.1, sim.power_cycle).start()
    r = b.read_stable(2)
    assert r.value == Decimal("6.0000")
    assert sim.commands.count("@") >= 2  # identified again after the banner


def test_unplug_replug_with_new_port_name(scale_sim, balance):
    sim = scale_sim()
    sim.scale.put("1")
    states = []
    b = balance(sim, on_state=states.append)
    assert b.read_stable(1).value == Decimal("1.0000")
    old = sim.path
    sim.unplug()
    time.sleep(0.1)
    sim.replug()
    sim.scale.put("2")
    r = b.read_stable(2)
    assert r.value == Decimal("2.0000")
    assert "disconnected" in states and states[-1] == "connected"
    assert b._link.url == sim.path or old == sim.path


def test_unplugged_for_good_reports_disconnected(scale_sim, balance):
    sim = scale_sim()
    b = balance(sim, reconnect_timeout=0.3)
    b.connect()
    sim.unplug()
    with pytest.raises(DeviceDisconnected) as e:
        b.read_stable(5)  # raised as soon as the reconnect window (0.3 s) is over; 5 s only bounds a loaded machine
    assert b.state in ("disconnected", "reconnecting")
    assert e.value.zh.startswith("设备已断开")


def test_background_reconnect_after_replug(scale_sim, balance):
    sim = scale_sim()
    b = balance(sim, reconnect_timeout=0.2)
    b.connect()
    sim.unplug()
    with pytest.raises(DeviceDisconnected):
        b.read_now()
    sim.replug()
    deadline = time.monotonic() + 3
    while b.state != "connected" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert b.state == "connected"


def test_stream_delivers_live_weights_then_commands_still_match(scale_sim, balance):
    sim = scale_sim(stream_interval=0.02)
    sim.scale.put("1")
    b = balance(sim)
    got = []
    b.start_stream(got.append)
    time.sleep(0.3)
    sim.scale.put("2")
    time.sleep(0.3)
    b.stop_stream()
    values = [r.value for r in got if not isinstance(r, Exception)]
    assert Decimal("1.0000") in values and Decimal("2.0000") in values
    sim.scale.put("3")
    assert b.read_stable(1).value == Decimal("3.0000")
    assert b.read_now().value == Decimal("3.0000")


def test_no_stale_weight_after_replug_during_stream(scale_sim, balance):
    sim = scale_sim(stream_interval=0.02)
    sim.scale.put("1")
    b = balance(sim)
    got = []
    b.start_stream(got.append)
    _until(lambda: any(not isinstance(r, Exception) for r in got))
    sim.unplug()
    _until(lambda: any(isinstance(r, DeviceDisconnected) for r in got))  # the stream has seen the unplug
    n = len(got)
    sim.scale.put("9")
    sim.replug()
    _until(lambda: sum(not isinstance(r, Exception) for r in got[n:]) >= 5)
    b.stop_stream()
    after = [r for r in got[n:] if not isinstance(r, Exception)]
    assert after and all(r.value == Decimal("9.0000") for r in after)
    assert any(isinstance(r, DeviceDisconnected) for r in got)


@pytest.mark.parametrize("protocol", ["and", "sbi"])
def test_other_protocols(scale_sim, balance, protocol):
    sim = scale_sim(protocol)
    sim.scale.put("12.5")
    b = balance(sim)
    r = b.read_stable(2)
    assert r.value == Decimal("12.5000") and r.stable
    assert b.read_stable(2, unit="ct").value == Decimal("62.5")
    sim.scale.put("500")
    with pytest.raises(BalanceOverload):
        b.read_stable(1)


def test_driver_code_asserts_its_thread(scale_sim, balance):
    b = balance(scale_sim())
    with pytest.raises(AssertionError):
        b._ensure(1)


def _until(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Wait for what the test is about, not for a time a loaded machine may not keep."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)
