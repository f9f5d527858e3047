"""The inspection box on a pseudo-terminal, speaking protocol v2 through the shared Link.

``session_s`` sets how long a session takes (the real box: quick 10-30 s, full 60-180 s;
tests and the demo use a second or two). Faults: ``garbage`` (probability of noise bytes
before a frame), ``drop`` (probability of losing an incoming or outgoing frame),
``bad_crc`` (probability of a corrupted CRC), ``mute`` (stops answering), ``detach()``
mid-session, ``unplug()``/``replug()``.
"""

from __future__ import annotations

import copy
import random
import time
from typing import Any

from app.core.clock import rfc3339, utcnow

from ..boxlink import Link
from .phones import FUNCTION_TESTS, PHONES, PROMPTED
from .pty import PtySimulator

STEPS = ("identity", "battery", "parts", "locks") + FUNCTION_TESTS


class BoxSimulator(PtySimulator):
    name = "box"

    def __init__(
        self,
        phone: str | None = "iphone13",
        *,
        session_s: float = 1.5,
        prompt_timeout_s: float = 5.0,
        model: str = "TWB-2",
        serial: str = "TWB2-000042",
        firmware: str = "2.4.1",
        refuse_pairing: bool = False,
        ack_timeout: float = 0.5,
        seed: int | None = None,
        rotation: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.rotation = rotation  # demo: after each report the next phone of this list is plugged in
        self.phone_name = phone
        self.phone = copy.deepcopy(PHONES[phone]) if phone else None
        self.session_s = session_s
        self.prompt_timeout_s = prompt_timeout_s
        self.model, self.serial, self.firmware = model, serial, firmware
        self.refuse_pairing = refuse_pairing
        self.rng = random.Random(seed)
        self.garbage = self.drop = self.bad_crc = 0.0
        self.mute = False
        self.received: list[dict[str, Any]] = []
        self._ack_timeout = ack_timeout
        self._session: dict[str, Any] | None = None
        self._report_no = 123455
        self._new_link()

    def _new_link(self) -> None:
        self.link = Link(self._out, self._on_message, ack_timeout=self._ack_timeout)

    def on_replug(self) -> None:
        self._session = None
        self._new_link()
        self.write(b"TWB-2 boot v" + self.firmware.encode() + b"\r\n")  # a banner outside frames

    # -- faults and the phone -----------------------------------------------------------
    def _out(self, data: bytes) -> None:
        if self.mute or (self.drop and self.rng.random() < self.drop):
            return
        if self.garbage and self.rng.random() < self.garbage:
            self.write(bytes(self.rng.randrange(256) for _ in range(self.rng.randint(1, 8))))
        if self.bad_crc and self.rng.random() < self.bad_crc:
            data = data[:-3] + bytes([data[-3] ^ 0x5A]) + data[-2:]
        self.write(data)

    def on_bytes(self, data: bytes) -> None:
        if self.mute or (self.drop and self.rng.random() < self.drop):
            return
        self.link.feed(data)

    def attach(self, phone: str = "iphone13") -> None:
        self.phone_name, self.phone = phone, copy.deepcopy(PHONES[phone])
        self.link.send({"t": "attached", "connector": self.phone["connector"]})

    def detach(self) -> None:
        self.phone = None
        self.link.send({"t": "detached"})
        if self._session:
            sid, self._session = self._session["id"], None
            self.link.send({"t": "error", "code": "PHONE_DETACHED", "message": "手机已拔出", "session_id": sid})

    # -- protocol -----------------------------------------------------------------------
    def _state(self) -> str:
        if self._session:
            return "testing"
        return "phone_attached" if self.phone else "idle"

    def _on_message(self, msg: dict[str, Any]) -> None:
        self.received.append(msg)
        kind, s = msg["t"], self._session
        if kind == "hello":
            self.link.reset()
            self.link.send(
                {"t": "hello", "model": self.model, "serial": self.serial, "firmware": self.firmware, "protocol": 2}
            )
        elif kind == "status":
            self.link.send({"t": "status", "state": self._state(), "phone_present": self.phone is not None})
        elif kind == "start":
            sid = str(msg.get("session_id"))
            if s:
                self._error("BUSY", "正在检测", sid)
            elif self.phone is None:
                self._error("UNSUPPORTED_DEVICE", "未连接手机", sid)
            elif self.refuse_pairing:
                self._error("PAIRING_REFUSED", "手机未信任此设备", sid)
            else:
                self._session = {
                    "id": sid,
                    "profile": msg.get("profile", "quick"),
                    "step": 0,
                    "t0": time.monotonic(),
                    "next": time.monotonic(),
                    "prompt": None,
                    "results": {},
                    "started": rfc3339(utcnow()),
                    "last_progress": 0.0,
                }
        elif kind == "prompt_result" and s and msg.get("session_id") == s["id"] and s["prompt"]:
            if msg.get("step") == s["prompt"][0]:
                outcome = msg.get("outcome")
                s["results"][s["prompt"][0]] = {"pass": "pass", "fail": "fail"}.get(str(outcome), "skipped")
                s["prompt"] = None
                s["next"] = time.monotonic()
        elif kind == "cancel" and s and msg.get("session_id") == s["id"]:
            self._session = None
            self._error("CANCELLED", "已取消", s["id"])

    def _error(self, code: str, message: str, sid: str | None) -> None:
        self.link.send({"t": "error", "code": code, "message": message, "session_id": sid})

    def tick(self) -> None:
        if self._master is None:
            return
        if not self.mute:
            self.link.tick()
        s, now = self._session, time.monotonic()
        if not s or self.mute:
            return
        if s["prompt"]:
            step, since = s["prompt"]
            if now - since > self.prompt_timeout_s:
                s["results"][step] = "skipped"
                s["prompt"] = None
            else:
                return
        if now < s["next"]:
            return
        if s["step"] >= len(STEPS):
            self._session = None
            self._report(s)
            return
        step = STEPS[s["step"]]
        s["step"] += 1
        s["next"] = now + self.session_s / len(STEPS)
        pct = int(100 * s["step"] / len(STEPS))
        self.link.send({"t": "progress", "session_id": s["id"], "step": step, "percent": min(pct, 99)})
        if step in PROMPTED and s["profile"] in ("quick", "full"):
            s["prompt"] = (step, now)
            self.link.send(
                {
                    "t": "prompt",
                    "session_id": s["id"],
                    "step": step,
                    "message": PROMPTED[step],
                    "timeout_s": self.prompt_timeout_s,
                }
            )

    def _report(self, s: dict[str, Any]) -> None:
        p = self.phone or {}
        functions = []
        for test in FUNCTION_TESTS:
            if test in s["results"]:
                functions.append({"test": test, "result": s["results"][test]})
            elif test in p.get("failing", {}):
                functions.append({"test": test, "result": "fail", "detail": p["failing"][test]})
            else:
                functions.append({"test": test, "result": "pass"})
        self._report_no += 1
        report_id = f"RPT-{self._report_no:010d}"
        report = {
            "report_version": 2,
            "started_at": s["started"],
            "finished_at": rfc3339(utcnow()),
            "identity": p.get("identity"),
            "battery": p.get("battery"),
            "parts": p.get("parts", []),
            "locks": p.get("locks"),
            "functions": functions,
            "flags": p.get("flags"),
            "box_qr": f"TWB2:{report_id}",
        }
        self.link.send({"t": "progress", "session_id": s["id"], "step": "report", "percent": 100})
        self.link.send({"t": "report", "session_id": s["id"], "report_id": report_id, "report": report})
        if self.rotation:
            names = list(self.rotation)
            following = names[(names.index(self.phone_name) + 1) % len(names)] if self.phone_name in names else names[0]
            self.detach()
            self.attach(following)
