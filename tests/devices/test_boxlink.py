"""The link layer with a fake clock and an in-memory wire, message by message."""

from app.devices.boxframe import FrameDecoder, encode_frame
from app.devices.boxlink import SEQ_MAX, Link


class Clock:
    t = 0.0

    def __call__(self):
        return self.t


def pair():
    clock = Clock()
    a_out, b_out, a_got, b_got, lost = [], [], [], [], []
    a = Link(a_out.append, a_got.append, on_lost=lambda: lost.append("a"), clock=clock)
    b = Link(b_out.append, b_got.append, clock=clock)
    return clock, a, b, a_out, b_out, a_got, b_got, lost


def frames(chunks):
    return [f.msg for f in FrameDecoder().feed(b"".join(chunks), 0)]


def test_send_is_acked_and_next_goes_out():
    clock, a, b, a_out, b_out, a_got, b_got, lost = pair()
    a.send({"t": "hello", "host": "h", "protocol": 2})
    a.send({"t": "status"})
    assert len(a_out) == 1  # stop and wait
    b.feed(a_out.pop())
    assert b_got == [{"t": "hello", "host": "h", "protocol": 2, "seq": 1}]
    assert frames(b_out) == [{"t": "ack", "seq": 0, "ack": 1}]
    a.feed(b_out.pop())
    assert frames(a_out) == [{"t": "status", "seq": 2}]


def test_resend_three_times_then_lost():
    clock, a, b, a_out, *_, lost = pair()
    a.send({"t": "status"})
    for i in range(3):
        clock.t += 0.5
        a.tick()
        assert len(a_out) == 2 + i and a_out[-1] == a_out[0]  # same frame, same seq
    assert lost == []
    clock.t += 0.5
    a.tick()
    assert lost == ["a"] and a.idle


def test_duplicate_is_acked_again_but_not_acted_on():
    clock, a, b, a_out, b_out, a_got, b_got, lost = pair()
    a.send({"t": "status"})
    frame = a_out[0]
    b.feed(frame)
    b.feed(frame)
    assert len(b_got) == 1 and len(frames(b_out)) == 2 and b.stats["dups"] == 1


def test_nak_makes_the_sender_resend():
    clock, a, b, a_out, b_out, *_ = pair()
    a.send({"t": "status"})
    damaged = a_out[0][:-3] + b"\x00\x00" + a_out[0][-1:]
    b.feed(damaged)
    assert frames(b_out) == [{"t": "nak", "seq": 0, "reason": "crc"}]
    a.feed(b_out.pop())
    assert len(a_out) == 2 and a_out[1] == a_out[0]


def test_ack_for_another_seq_does_not_release():
    clock, a, b, a_out, *_ = pair()
    a.send({"t": "status"})
    a.feed(encode_frame({"t": "ack", "seq": 5, "ack": 99}))
    assert not a.idle


def test_seq_wraps_to_one():
    clock, a, *_ = pair()
    a.seq = SEQ_MAX - 1
    assert a.send({"t": "status"}) == SEQ_MAX
    a._inflight = None
    assert a.send({"t": "status"}) == 1


def test_hello_resets_duplicate_memory():
    clock, a, b, a_out, b_out, a_got, b_got, lost = pair()
    b.feed(encode_frame({"t": "status", "seq": 1}))
    b.feed(encode_frame({"t": "hello", "seq": 1, "model": "m"}))
    b.feed(encode_frame({"t": "status", "seq": 2}))
    assert [m["t"] for m in b_got] == ["status", "hello", "status"]
