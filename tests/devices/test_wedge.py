"""The wedge recogniser fed key streams as a USB scanner and as a person produce them:
Shift pressed and released around capitals, CapsLock, AltGr, a prefix, Tab or Enter."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices.wedge import KEY, MODIFIER, RELEASE, SUFFIXES, Key, WedgeRecogniser

SHIFTED = set('ABCDEFGHIJKLMNOPQRSTUVWXYZ:~!@#$%^&*()_+{}|"<>?')


class Run:
    """Feeds events and keeps what reached the widget (typed) and what became scans."""

    def __init__(self, r: WedgeRecogniser) -> None:
        self.r, self.t = r, 0.0
        self.scans: list[str] = []
        self.garbled: list[str] = []
        self.typed: list[str] = []
        self.passed: list[str] = []  # modifier/release events that went straight to the widget

    def _take(self, d, key: Key) -> None:
        self.typed += [k.text for k in d.replay if k.kind == KEY]
        if d.scan is not None:
            self.scans.append(d.scan)
        if d.garbled is not None:
            self.garbled.append(d.garbled)
        if not d.swallow:
            if key.kind == KEY:
                self.typed.append(key.text)
            else:
                self.passed.append(key.kind)

    def event(self, text: str, kind: str = KEY, gap: float = 0.0) -> None:
        self.t += gap
        key = Key(text, self.t, None, kind)
        self._take(self.r.feed(key), key)

    def scanner(self, code: str, gap: float = 3.0, suffix: str = "\r", caps: str = "shift") -> None:
        """A USB wedge: every key pressed and released, Shift (or CapsLock) around capitals."""
        for ch in code + suffix:
            needs_shift = ch in SHIFTED
            if needs_shift and caps == "shift":
                self.event("", MODIFIER, gap)  # Shift down
            elif needs_shift and caps == "altgr":
                self.event("", MODIFIER, gap)  # AltGr down
            self.event(ch, KEY, gap)
            self.event("", RELEASE, gap)
            if needs_shift and caps in ("shift", "altgr"):
                self.event("", MODIFIER, gap)  # Shift/AltGr up

    def person(self, text: str, gap: float = 150.0) -> None:
        for ch in text:
            if ch in SHIFTED:
                self.event("", MODIFIER, gap / 3)
            self.event(ch, KEY, gap / 3)
            self.event("", RELEASE, gap / 3)

    def settle(self) -> "Run":
        d = self.r.flush(self.t + 10_000)
        self._take(d, Key("", self.t, None, RELEASE))  # the flush swallows nothing
        self.passed.pop()
        return self

    @property
    def text(self) -> str:
        return "".join(self.typed)


def test_shift_around_every_capital_keeps_the_whole_code():
    for gap in (1.0, 3.0, 10.0):
        run = Run(WedgeRecogniser(60, 6))
        run.scanner("SF8549711522283", gap)
        run.scanner("TW2611210000017", gap)
        run.settle()
        assert run.scans == ["SF8549711522283", "TW2611210000017"] and run.text == "" and run.garbled == []


def test_capslock_and_altgr_are_part_of_the_burst():
    run = Run(WedgeRecogniser(60, 6))
    run.event("", MODIFIER, 0)  # CapsLock on
    run.event("", MODIFIER, 2)
    run.scanner("KS20261121A001", 4, caps="none")
    run.event("", MODIFIER, 2)  # CapsLock off
    run.scanner("MERCH@0001", 4, caps="altgr")  # '@' is AltGr+Q on a German layout
    assert run.settle().scans == ["KS20261121A001", "MERCH@0001"] and run.text == ""


def test_modifiers_pass_through_and_never_end_a_burst():
    run = Run(WedgeRecogniser(60, 6))
    run.scanner("SF8549711522283", 5)
    assert run.scans == ["SF8549711522283"]
    assert run.passed.count(MODIFIER) == 4  # Shift down/up around S and F reach the widget, harmlessly


def test_prefix_is_stripped_and_required():
    run = Run(WedgeRecogniser(60, 6, prefix="]C1"))
    run.scanner("]C1SF8549711522283", 3)
    run.scanner("SF8549711522283", 3)  # no prefix: not this scanner, replayed as typing
    run.settle()
    assert run.scans == ["SF8549711522283"] and run.text == "SF8549711522283\r"


def test_tab_suffix_is_a_setting():
    run = Run(WedgeRecogniser(60, 6, suffix=SUFFIXES["tab"]))
    run.scanner("SF8549711522283", 3, suffix="\t")
    assert run.settle().scans == ["SF8549711522283"] and run.text == ""


def test_tab_when_enter_is_expected_is_garbled_never_silent():
    run = Run(WedgeRecogniser(60, 6))
    run.scanner("SF8549711522283", 3, suffix="\t")
    run.settle()
    assert run.scans == [] and run.garbled == ["SF8549711522283"]
    assert run.text == "SF8549711522283\t"  # nothing lost: the keys reach the field


def test_no_suffix_ends_at_the_gap():
    run = Run(WedgeRecogniser(60, 6, suffix=SUFFIXES["none"]))
    run.scanner("SF8549711522283", 3, suffix="")
    assert run.settle().scans == ["SF8549711522283"]


def test_burst_stopping_without_enter_is_replayed_and_reported():
    run = Run(WedgeRecogniser(60, 6))
    run.scanner("SF85497", 3, suffix="")
    run.settle()
    assert run.scans == [] and run.text == "SF85497" and run.garbled == ["SF85497"]


def test_crlf_scanner_leaves_no_stray_enter():
    run = Run(WedgeRecogniser(60, 6))
    run.scanner("SF8549711522283", 3, suffix="\r\n")
    assert run.settle().scans == ["SF8549711522283"] and run.text == ""


def test_gs1_separator_stays_in_the_scan():
    run = Run(WedgeRecogniser(60, 6))
    run.scanner("0104012345678901\x1d21ABC123", 3)
    assert run.settle().scans == ["0104012345678901\x1d21ABC123"]


def test_person_typing_at_150_ms_is_replayed_not_scanned():
    run = Run(WedgeRecogniser(60, 6))
    run.person("SF8549711522283\r", 150)
    run.settle()
    assert run.scans == [] and run.garbled == [] and run.text == "SF8549711522283\r"


def test_short_fast_burst_is_typing():
    run = Run(WedgeRecogniser(60, 6))
    run.person("ok\r", 5)
    assert run.settle().scans == [] and run.text == "ok\r"


def test_typing_then_scan_keeps_both():
    run = Run(WedgeRecogniser(60, 6))
    run.person("x", 150)
    run.event("", RELEASE, 500)
    run.scanner("1234567", 4, suffix="\n")
    assert (run.settle().scans, run.text) == (["1234567"], "x")


def test_gap_is_a_setting():
    run = Run(WedgeRecogniser(200, 6))
    run.person("1234567\r", 150)
    assert run.settle().scans == ["1234567"]


def test_releases_of_held_keys_are_replayed_after_their_presses():
    r = WedgeRecogniser(60, 6)
    d1 = r.feed(Key(" ", 0, "press"))
    d2 = r.feed(Key("", 20, "release", RELEASE))  # a quick person: released before the gap
    assert d1.swallow and d2.swallow
    assert [k.payload for k in r.flush(200).replay] == ["press", "release"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijABCDEF0123456789\r", max_size=30), st.floats(61 * 3, 400))
def test_slow_typing_is_never_a_scan_and_nothing_is_lost(text, gap):
    run = Run(WedgeRecogniser(60, 6))
    run.person(text, gap)
    run.settle()
    assert run.scans == [] and run.garbled == [] and run.text == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ABCDEFGHKSTWXYZ0123456789-:", min_size=6, max_size=40), st.floats(1, 10))
def test_any_code_at_scanner_speed_arrives_whole(code, gap):
    run = Run(WedgeRecogniser(60, 6))
    run.scanner(code, gap)
    assert run.settle().scans == [code] and run.text == ""
