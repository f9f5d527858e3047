from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices.wedge import Key, WedgeRecogniser


def feed(r, text, gap, t0=0.0):
    scans, typed, t = [], [], t0
    for ch in text:
        d = r.feed(Key(ch, t))
        typed += [k.text for k in d.replay]
        if d.scan:
            scans.append(d.scan)
        elif not d.swallow:
            typed.append(ch)
        t += gap
    typed += [k.text for k in r.flush(t + 10_000)]
    return scans, "".join(typed)


def test_fast_burst_with_enter_is_a_scan():
    assert feed(WedgeRecogniser(60, 6), "TW2611210000017\r", 5) == (["TW2611210000017"], "")


def test_person_typing_is_replayed_not_scanned():
    assert feed(WedgeRecogniser(60, 6), "TW2611210000017\r", 150) == ([], "TW2611210000017\r")


def test_short_fast_burst_is_typing():
    assert feed(WedgeRecogniser(60, 6), "ok\r", 5) == ([], "ok\r")


def test_burst_without_enter_is_replayed_after_the_gap():
    r = WedgeRecogniser(60, 6)
    scans, typed = feed(r, "ABCDEFG", 5)
    assert scans == [] and typed == "ABCDEFG"


def test_typing_then_scan_keeps_both():
    r = WedgeRecogniser(60, 6)
    s1, t1 = feed(r, "x", 0)
    s2, t2 = feed(r, "1234567\n", 4, t0=500)
    assert (s1, t1, s2, t2) == ([], "x", ["1234567"], "")


def test_gap_is_a_setting():
    assert feed(WedgeRecogniser(200, 6), "1234567\r", 150)[0] == ["1234567"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghij0123456789\r", max_size=30), st.floats(61, 400))
def test_slow_typing_is_never_a_scan_and_nothing_is_lost(text, gap):
    scans, typed = feed(WedgeRecogniser(60, 6), text, gap)
    assert scans == [] and typed == text
