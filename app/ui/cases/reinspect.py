"""Re-inspection with the station's own devices, as the appraisal and phone stations use them:
weigh on the balance (a stable reading only, its daily check looked up on a worker), photograph
the views the certificate's fingerprint has (live preview, the captured frame shown), and for
a phone run the inspection box (identity, parts, battery; for a warranty claim the function
test of the claimed defect). What was captured becomes ``Found`` and the photos for
``station.fingerprints.compare``. Nothing here waits on a device on the GUI thread: readings
and box messages arrive through Qt signals, stills and sessions run on the "io" pool."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import cases as case_rules
from app.core import fingerprint as fpc
from app.core.errors import DeviceError, ValidationError
from app.core.gravity import GRAMS_PER
from app.core.vocab.phone import FUNCTION_TESTS
from app.devices.box import InspectionResult
from app.devices.readings import WeightReading, convert
from app.services.photos import VIEWS
from app.ui.context import UiContext
from app.ui.devices.bridge import CameraBridge, CameraFeed, WeightBridge
from app.ui.intake.hardware import take_still
from app.ui.ops import Op, error_text
from app.ui.phone.prompt import PromptPanel
from app.ui.phone.session import BoxBridge, BridgeHandler, SessionControl, run_session
from app.ui.style import set_status

THUMB = 104


def weighing(station: Any, reading: WeightReading) -> tuple[Decimal, Decimal]:
    """On a worker: the mass in g and its standard uncertainty (the same rule as the certified
    fingerprint's), refused when the balance's check is not current and the policy refuses."""
    serial = str(reading.device.serial or "").strip()
    if not serial:
        raise ValidationError("天平没有报告序列号，无法对应检查记录",
                              "The balance reported no serial number, so no check can be found for it",
                              field="balance_check")
    state = station.balance_checks.state(serial)
    if state.blocking and station.policy.balance_check_policy == "refuse":
        zh, en = state.reason()
        raise ValidationError(zh + "（复检称量未采用）", en + " (the re-inspection weighing was not taken)",
                              field="balance_check", check_state=state.state)
    grams = convert(reading.value, reading.unit, "g")
    unit = reading.unit if reading.unit in GRAMS_PER else "g"
    readability = fpc.readability_of(reading.value) * GRAMS_PER[unit]
    return grams, fpc.balance_uncertainty(grams, readability)


class ReinspectPanel(QWidget):
    compare_requested = Signal()
    reproduced = Signal(object)  # bool | None: the claimed defect reproduced by the box

    def __init__(self, ui: UiContext, view_name: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.view_name = view_name
        self.tag: str | None = None
        self.category = ""
        self.kind = ""
        self.claimed: dict[str, Any] = {}
        self.views: tuple[str, ...] = ()
        self.last: WeightReading | None = None
        self.mass: tuple[Decimal, Decimal] | None = None
        self.photos: dict[str, bytes] = {}
        self.report: dict[str, Any] | None = None
        self.control: SessionControl | None = None
        self._streaming = False
        self._box_tag: str | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout()
        outer.addLayout(layout)

        # -- balance
        weigh = QGroupBox(self.tr("Weigh"))
        wl = QVBoxLayout(weigh)
        self.weight = QLabel("— g")
        self.weight.setObjectName("reWeight")
        self.weight.setStyleSheet("font-size: 24px; font-weight: 700; font-family: monospace;")
        self.stable = QLabel(self.tr("NO READING"))
        self.stable.setObjectName("reStable")
        self.balance_state = QLabel("")
        self.balance_state.setObjectName("reBalanceState")
        self.balance_state.setWordWrap(True)
        self.weigh_btn = QPushButton(self.tr("Take stable weight"))
        self.weigh_btn.setObjectName("btn_re_weigh")
        self.weigh_btn.clicked.connect(self.weigh)
        self.taken_mass = QLabel(self.tr("Not weighed"))
        self.taken_mass.setObjectName("reTakenMass")
        self.taken_mass.setWordWrap(True)
        for w in (self.weight, self.stable, self.balance_state, self.weigh_btn, self.taken_mass):
            wl.addWidget(w)
        wl.addStretch(1)
        layout.addWidget(weigh, 1)
        self.bridge = WeightBridge(self)
        self.bridge.reading.connect(self._on_reading)

        # -- camera
        photos = QGroupBox(self.tr("Photograph the certified views"))
        pl = QHBoxLayout(photos)
        self.preview = QLabel(self.tr("No camera preview"))
        self.preview.setObjectName("rePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(184, 138)
        self.preview.setStyleSheet("background: #111827; color: #d1d5db; border-radius: 6px;")
        pl.addWidget(self.preview)
        shots = QWidget()
        self.shot_grid = QGridLayout(shots)
        self.shot_grid.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(shots, 1)
        self.view_buttons: dict[str, QPushButton] = {}
        self.thumbs: dict[str, QLabel] = {}
        self.cam_bridge = CameraBridge(self, max_width=184)
        self.cam_bridge.frame.connect(self._on_frame)
        camera = getattr(ui.devices, "camera", None) if ui.devices is not None else None
        self.feed = CameraFeed(camera, self.cam_bridge)
        layout.addWidget(photos, 2)

        # -- inspection box (phones)
        self.box_group = QGroupBox(self.tr("Inspection box"))
        bl = QHBoxLayout(self.box_group)
        run = QVBoxLayout()
        self.box_btn = QPushButton(self.tr("Run the box"))
        self.box_btn.setObjectName("btn_re_box")
        self.box_btn.clicked.connect(self.run_box)
        self.box_progress = QProgressBar()
        self.box_progress.setRange(0, 100)
        self.box_status = QLabel(self.tr("Plug the phone into the box, then run it"))
        self.box_status.setObjectName("reBoxStatus")
        self.box_status.setWordWrap(True)
        self.prompt_panel = PromptPanel(ui.zh)
        self.box_bridge = BoxBridge(self)
        self.box_bridge.progress.connect(lambda _step, pct: self.box_progress.setValue(pct))
        self.box_bridge.prompt.connect(self._on_prompt)
        self.handler = BridgeHandler(self.box_bridge)
        run.addWidget(self.box_btn)
        run.addWidget(self.box_progress)
        run.addStretch(1)
        bl.addLayout(run, 1)
        bl.addWidget(self.box_status, 2)
        bl.addWidget(self.prompt_panel, 2)
        outer.addWidget(self.box_group)  # below: the three devices side by side would not fit 1366 px

        self.status = QLabel("")
        self.status.setObjectName("reStatus")
        self.status.setWordWrap(True)
        self.compare_btn = QPushButton(self.tr("Compare with the certificate"))
        self.compare_btn.setObjectName("btn_re_compare")
        self.compare_btn.setProperty("role", "primary")
        self.compare_btn.clicked.connect(self.compare_requested.emit)
        side = QHBoxLayout()
        side.addWidget(self.compare_btn)
        side.addWidget(self.status, 1)
        outer.addLayout(side)
        self.set_case(None)

    # ---------------------------------------------------------------- the case

    def set_case(self, view: Any) -> None:
        tag = view.item_tag if view is not None else None
        if tag != self.tag:
            self._cancel_box()
            self.mass, self.photos, self.report, self.views = None, {}, None, ()
            self.taken_mass.setText(self.tr("Not weighed"))
            self.box_progress.setValue(0)
            self._say("", "ok")
            self._build_views()
            if tag:
                Op(self, self.ui.station.fingerprints.certified, tag).success(
                    lambda fp: self._certified(tag, fp)).failure(self._failed).run()
        self.tag = tag
        self.category = view.category if view is not None else ""
        self.kind = view.kind if view is not None else ""
        self.claimed = dict(view.claimed or {}) if view is not None else {}
        self.box_group.setVisible(self.category == "phone")
        self._refresh()

    def _certified(self, tag: str | None, fp: Any) -> None:
        if tag != self.tag:
            return
        if fp is None:
            self._say(self.tr("No certified fingerprint for this piece: nothing to compare with"), "warn")
            self.views = ()
        else:
            order = {v: i for i, v in enumerate(VIEWS)}  # front, back, … as the stations take them
            self.views = tuple(sorted((p.view for p in fp.photos), key=lambda v: order.get(v, len(order))))
        self._build_views()
        self._refresh()

    def _build_views(self) -> None:
        while self.shot_grid.count():
            item = self.shot_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.view_buttons, self.thumbs = {}, {}
        for i, view in enumerate(self.views):
            thumb = QLabel(self.view_name(view))
            thumb.setObjectName(f"reThumb_{view}")
            thumb.setFixedSize(THUMB, THUMB * 3 // 4)
            thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
            thumb.setStyleSheet("border: 1px solid #9ca3af; border-radius: 4px;")
            button = QPushButton(self.tr("Take %1").replace("%1", self.view_name(view)))
            button.setObjectName(f"re_take_{view}")
            button.clicked.connect(lambda _=False, v=view: self.take(v))
            row, col = 2 * (i // 3), i % 3  # three a row: four views still fit 1366 px
            self.shot_grid.addWidget(thumb, row, col)
            self.shot_grid.addWidget(button, row + 1, col)
            self.view_buttons[view], self.thumbs[view] = button, thumb

    def _refresh(self) -> None:
        has = bool(self.tag)
        self.weigh_btn.setEnabled(has and self.balance is not None)
        self.box_btn.setEnabled(has and self.control is None)
        for button in self.view_buttons.values():
            button.setEnabled(has)
        self.compare_btn.setEnabled(has and (self.mass is not None or bool(self.photos) or self.report is not None))

    # ---------------------------------------------------------------- devices on and off

    @property
    def balance(self) -> Any:
        return getattr(self.ui.devices, "balance", None) if self.ui.devices is not None else None

    def start(self) -> None:
        if self.balance is None:
            self.balance_state.setText(self.tr("No balance is configured at this station"))
            set_status(self.balance_state, "error")
        elif not self._streaming:
            self._streaming = True
            Op(self, self.balance.start_stream, self.bridge.stream_callback, kind="io").failure(self._failed).run()
        self.feed.attach()
        camera = self.feed.camera
        if camera is not None and getattr(camera, "state", "") == "stopped":
            Op(self, camera.start, kind="io").failure(self._failed).run()
        self._refresh()

    def stop(self) -> None:
        self.feed.detach()
        if self.balance is not None and self._streaming:
            self._streaming = False
            Op(None, self.balance.stop_stream, kind="io").failure(lambda e: None).run()
        self._cancel_box()

    # ---------------------------------------------------------------- weigh

    def _on_reading(self, reading: object) -> None:
        if isinstance(reading, BaseException):
            self.last = None
            self.stable.setText(self.tr("NO READING"))
            self._say(error_text(reading, self.ui.lang), "error")
            return
        assert isinstance(reading, WeightReading)
        serial_changed = self.last is None or self.last.device.serial != reading.device.serial
        self.last = reading
        self.weight.setText(f"{convert(reading.value, reading.unit, 'g'):.4f} g")
        self.stable.setText(self.tr("● STABLE") if reading.stable else self.tr("○ UNSTABLE"))
        set_status(self.stable, "ok" if reading.stable else "warn")
        if serial_changed and reading.device.serial:
            serial = reading.device.serial
            Op(self, self.ui.station.balance_checks.state, serial).success(self._check_state).failure(
                self._failed).run()

    def _check_state(self, state: Any) -> None:
        if state.blocking:
            zh, en = state.reason()
            self.balance_state.setText(zh if self.ui.zh else en)
            set_status(self.balance_state, "error")
        else:
            self.balance_state.setText(self.tr("Balance check current"))
            set_status(self.balance_state, "ok")

    def weigh(self) -> None:
        if self.balance is None:
            self._failed(DeviceError("本工作站没有配置天平", "No balance is configured at this station",
                                     code="no_balance"))
            return
        reading, tag = self.last, self.tag
        if reading is None:
            self._say(self.tr("No reading from the balance yet."), "warn")
            return
        if not reading.stable:
            self._say(self.tr("The reading is not stable yet; wait for the STABLE sign."), "warn")
            return
        Op(self, weighing, self.ui.station, reading).success(lambda m: self._weighed(tag, m)).failure(
            self._weigh_failed).run()

    def _weighed(self, tag: str | None, mass: tuple[Decimal, Decimal]) -> None:
        if tag != self.tag:
            return
        self.mass = mass
        u = mass[1].quantize(Decimal(1).scaleb(mass[1].adjusted() - 1)) if mass[1] else mass[1]  # 2 significant
        self.taken_mass.setText(self.tr("Taken: %1 g ± %2 g").replace("%1", str(mass[0])).replace("%2", f"{u:f}"))
        set_status(self.taken_mass, "ok")
        self._refresh()

    def _weigh_failed(self, error: BaseException) -> None:
        self._failed(error)
        if getattr(error, "details", {}).get("field") == "balance_check":
            self.balance_state.setText(error_text(error, self.ui.lang))
            set_status(self.balance_state, "error")

    # ---------------------------------------------------------------- photos

    def _on_frame(self, image: QImage) -> None:
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(self.preview.size(),
                                                               Qt.AspectRatioMode.KeepAspectRatio))

    def take(self, view: str) -> None:
        tag = self.tag
        if not tag:
            return
        self._say(self.tr("Taking the photo…"), "warn")
        Op(self, take_still, self.ui, kind="io").success(lambda data: self._taken(tag, view, data)).failure(
            self._failed).run()

    def _taken(self, tag: str, view: str, data: bytes) -> None:
        if tag != self.tag or view not in self.thumbs:
            return
        self.photos[view] = data
        image = QImage.fromData(data)
        thumb = self.thumbs[view]
        if not image.isNull():
            thumb.setPixmap(QPixmap.fromImage(image).scaled(thumb.size(), Qt.AspectRatioMode.KeepAspectRatio))
        self.view_buttons[view].setText(self.tr("Retake %1").replace("%1", self.view_name(view)))
        self._say(self.tr("Photo taken: %1").replace("%1", self.view_name(view)), "ok")
        self._refresh()

    # ---------------------------------------------------------------- inspection box

    def run_box(self) -> None:
        if not self.tag or self.control is not None:
            return
        self.control = SessionControl(profile=self.ui.box_profile,
                                      phone_wait_s=self.ui.phone_wait_s)
        self._box_tag = self.tag
        self.box_progress.setValue(0)
        self.box_status.setText(self.tr("The box is testing the phone…"))
        set_status(self.box_status, "warn")
        box = getattr(self.ui.devices, "box", None) if self.ui.devices is not None else None
        tag, control = self.tag, self.control
        Op(self, run_session, box, self.handler, control, kind="io").success(
            lambda result: self._boxed(tag, control, result)).failure(
            lambda e: self._box_failed(control, e)).run()
        self._refresh()

    def _on_prompt(self, prompt: Any, answer: Any) -> None:
        control = self.control
        if control is None or (control.session is not None and prompt.session_id != control.session.session_id):
            return
        self.prompt_panel.show_prompt(prompt, answer)

    def _boxed(self, tag: str | None, control: SessionControl, result: InspectionResult) -> None:
        if control is not self.control:
            return
        self.control = None
        self.prompt_panel.close_unanswered()
        if tag != self.tag:
            return
        self.report = dict(result.report)
        facts = fpc.PhoneFacts.from_report(self.report)
        lines = [self.tr("Report %1").replace("%1", result.report_id),
                 f"IMEI {facts.imei or '?'} · SN {facts.serial or '?'}",
                 self.tr("Battery: %1 cycles, %2 %").replace("%1", str(facts.battery_cycles))
                 .replace("%2", str(facts.battery_health_pct))]
        if self.kind == "warranty_claim":
            outcome = case_rules.defect_reproduced(self.claimed, self.report)
            tests = ("、" if self.ui.zh else ", ").join(FUNCTION_TESTS.get(t).name(self.ui.lang) for t in case_rules.defect_tests(self.claimed)
                             if t in FUNCTION_TESTS) or "—"
            text = {True: self.tr("Claimed defect reproduced (%1 failed)"),
                    False: self.tr("Claimed defect NOT reproduced (%1 passed)"),
                    None: self.tr("The box cannot tell whether the claimed defect is there (%1)")}[outcome]
            lines.append(text.replace("%1", tests))
            self.reproduced.emit(outcome)
        self.box_status.setText("\n".join(lines))
        set_status(self.box_status, "ok")
        self._refresh()
        self.compare_btn.setFocus()  # the next step; and the scroll area stays here, not on the table

    def _box_failed(self, control: SessionControl, error: BaseException) -> None:
        if control is not self.control:
            return
        self.control = None
        self.prompt_panel.close_unanswered()
        self.box_status.setText(error_text(error, self.ui.lang))
        set_status(self.box_status, "error")
        self._refresh()

    def _cancel_box(self) -> None:
        if self.control is not None:
            self.control.cancel()
            self.control = None
            self.prompt_panel.close_unanswered()

    # ---------------------------------------------------------------- what was found

    def found(self) -> fpc.Found:
        mass_g, mass_u = self.mass if self.mass is not None else (None, None)
        phone = fpc.PhoneFacts.from_report(self.report) if self.report is not None else None
        return fpc.Found(mass_g=mass_g, mass_u_g=mass_u, phone=phone)

    def reports(self) -> list[bytes]:
        return [json.dumps(self.report, ensure_ascii=False, sort_keys=True).encode()] if self.report else []

    def _failed(self, error: BaseException) -> None:
        self._say(error_text(error, self.ui.lang), "error")

    def _say(self, text: str, status: str) -> None:
        self.status.setText(text)
        set_status(self.status, status)
