import json

from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices.boxframe import BadFrame, Frame, FrameDecoder, crc16_ccitt_false, encode_frame


def test_crc_check_value():
    assert crc16_ccitt_false(b"123456789") == 0x29B1


def test_frame_layout_byte_by_byte():
    f = encode_frame({"t": "status", "seq": 7})
    body = b'{"t":"status","seq":7}'
    assert f[0] == 0x02 and f[-1] == 0x03
    assert f[1:3] == len(body).to_bytes(2, "big")
    assert f[3:-3] == body
    assert f[-3:-1] == crc16_ccitt_false(f[1:3] + body).to_bytes(2, "big")


def test_utf8_body_length_counts_bytes():
    f = encode_frame({"t": "prompt", "seq": 1, "message": "请按电源键"})
    assert int.from_bytes(f[1:3], "big") == len(f) - 6
    assert FrameDecoder().feed(f, 0) == [Frame({"t": "prompt", "seq": 1, "message": "请按电源键"})]


def test_noise_and_banner_around_frames_are_discarded():
    f = encode_frame({"t": "hello", "seq": 1})
    out = FrameDecoder().feed(b"TWB-2 boot v2\r\n\xff\x00" + f + b"noise" + f, 0)
    assert out == [Frame({"t": "hello", "seq": 1})] * 2


def test_one_byte_at_a_time():
    f = encode_frame({"t": "ack", "seq": 3, "ack": 9})
    d, out = FrameDecoder(), []
    for b in f:
        out += d.feed(bytes([b]), 0)
    assert out == [Frame({"t": "ack", "seq": 3, "ack": 9})]


def test_bad_crc_is_reported_and_next_frame_still_read():
    f = encode_frame({"t": "status", "seq": 2})
    bad = f[:-3] + bytes([f[-3] ^ 1]) + f[-2:]
    assert FrameDecoder().feed(bad + f, 0) == [BadFrame("crc"), Frame({"t": "status", "seq": 2})]


def test_missing_etx_is_format_error():
    f = encode_frame({"t": "status", "seq": 2})
    assert FrameDecoder().feed(f[:-1] + b"X" + f, 0) == [BadFrame("format"), Frame({"t": "status", "seq": 2})]


def test_valid_crc_but_not_json_or_not_a_message():
    def raw(body: bytes) -> bytes:
        head = len(body).to_bytes(2, "big")
        return b"\x02" + head + body + crc16_ccitt_false(head + body).to_bytes(2, "big") + b"\x03"

    for body in (b"{not json", b"\xff\xfe", b"[1,2]", b'{"t":"x"}', b'{"seq":1}', b'{"t":"x","seq":true}'):
        assert FrameDecoder().feed(raw(body), 0) == [BadFrame("format")]


def test_cut_frame_times_out_and_resynchronises():
    f = encode_frame({"t": "status", "seq": 2})
    d = FrameDecoder(frame_timeout=0.3)
    assert d.feed(b"\x02\xff\xff" + f, 0.0) == []  # a noise STX claims a 64 KiB body
    assert d.feed(b"", 0.5) == [BadFrame("format"), Frame({"t": "status", "seq": 2})]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_raise_or_invent_messages(data):
    out = FrameDecoder().feed(data, 0) + FrameDecoder().feed(data, 10)
    assert all(isinstance(x, BadFrame) for x in out)


msgs = st.fixed_dictionaries(
    {"t": st.sampled_from(["progress", "prompt", "report"]), "seq": st.integers(1, 2**32 - 1)},
    optional={"step": st.text(max_size=20), "percent": st.integers(0, 100)},
)


@settings(max_examples=120, deadline=None)
@given(st.lists(msgs, min_size=1, max_size=5), st.data())
def test_flipped_bits_and_cuts_never_give_a_false_message(messages, data):
    stream = b"".join(encode_frame(m) for m in messages)
    pos = data.draw(st.integers(0, len(stream) - 1))
    bit = data.draw(st.integers(0, 7))
    damaged = bytearray(stream)
    damaged[pos] ^= 1 << bit
    cut = data.draw(st.integers(0, len(damaged)))
    d = FrameDecoder()
    out = d.feed(bytes(damaged[:cut]), 0) + d.feed(bytes(damaged[cut:]), 0)
    for k in range(1, 8):  # the link ticks: each stalled false start expires after frame_timeout
        out += d.feed(b"", 5 * k)
    originals = [json.loads(json.dumps(m)) for m in messages]
    for item in out:
        if isinstance(item, Frame):
            assert item.msg in originals
    assert sum(isinstance(i, Frame) for i in out) >= len(messages) - 2
