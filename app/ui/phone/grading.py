"""What the appraiser adds to the box's report: the cosmetic grade (chosen from the defined
scale with its criteria in view), the three photos (front, back, screen on) and the
result. The verdict and reason come from phone_rules; this panel only shows them."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core import phone_rules
from app.core.clock import utcnow
from app.core.grading import PhoneResult, allowed_cosmetic_grades
from app.core.vocab.phone import COSMETIC_GRADES, COSMETIC_MARKS, PHONE_DEFECTS
from app.core.vocab.photo_views import PHONE_VIEWS, view_name
from app.core.vocab.reasons import reason_name
from app.services.inspection import InspectionView
from app.ui import keys
from app.ui.style import set_status

PHOTO_VIEWS = PHONE_VIEWS


PHOTO_KEYS = {"front": "F2", "back": "F3", "screen": "F4"}


MARK_PAIR_WIDTH = 200  # px: cosmetic marks no wider than this go two to a row


class GradingPanel(QWidget):
    photo_requested = Signal(str)  # view
    record_requested = Signal()
    defect_requested = Signal()

    def __init__(self, zh: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zh = zh
        self.view: InspectionView | None = None
        self.photos: set[str] = set()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(self.tr("Cosmetic grade (the box cannot see scratches)"))
        grades = QVBoxLayout(box)
        self.grade_group = QButtonGroup(self)
        self.grade_buttons: dict[str, QRadioButton] = {}
        for n, term in enumerate(COSMETIC_GRADES.terms, start=1):
            b = QRadioButton(f"{n}  {term.zh if zh else term.en}")
            b.setObjectName(f"grade_{term.code}")
            b.setStyleSheet("font-weight: 600;")
            crit = QLabel(term.criteria_zh if zh else term.criteria_en)
            crit.setWordWrap(True)
            crit.setProperty("role", "hint")
            crit.setContentsMargins(26, 0, 0, 4)
            self.grade_group.addButton(b)
            self.grade_buttons[term.code] = b
            grades.addWidget(b)
            grades.addWidget(crit)
            b.toggled.connect(self._update)
        lay.addWidget(box)
        mbox = QGroupBox(self.tr("What you see on the body"))
        mgrid = QGridLayout(mbox)
        self.mark_boxes: dict[str, QCheckBox] = {}
        for term in COSMETIC_MARKS.terms:
            c = QCheckBox(term.zh if zh else term.en)
            c.setObjectName(f"mark_{term.code}")
            c.toggled.connect(self._marks_changed)
            self.mark_boxes[term.code] = c
        # Side by side when the names are short (Chinese), one under another when they are long
        # (English): two long ones side by side were wider than the column in a 1366x768 window.
        per_row = 2 if max(c.sizeHint().width() for c in self.mark_boxes.values()) <= MARK_PAIR_WIDTH else 1
        for n, c in enumerate(self.mark_boxes.values()):
            mgrid.addWidget(c, n // per_row, n % per_row)
        lay.addWidget(mbox)
        pbox = QGroupBox(self.tr("Photos from the station camera"))
        grid = QGridLayout(pbox)
        self.photo_buttons: dict[str, QPushButton] = {}
        self.photo_marks: dict[str, QLabel] = {}
        for row, view in enumerate(PHOTO_VIEWS):
            shoot = QPushButton(self.tr("Take %1").replace("%1", view_name(view)[0 if zh else 1]))
            shoot.setObjectName(f"photo_{view}")
            shoot.clicked.connect(lambda _=False, v=view: self.photo_requested.emit(v))
            keys.bind(shoot, PHOTO_KEYS[view], command=f"photo_{view}")
            mark = QLabel(self.tr("missing"))
            set_status(mark, "warn")
            self.photo_buttons[view], self.photo_marks[view] = shoot, mark
            grid.addWidget(shoot, row, 0)  # one view per row: three buttons in a row did not fit
            grid.addWidget(mark, row, 1)
        lay.addWidget(pbox)
        self.confirm = QCheckBox(self.tr("I checked the amber items in the report by hand"))
        self.confirm.setObjectName("confirmWarnings")
        self.confirm.toggled.connect(self._update)
        lay.addWidget(self.confirm)
        self.warranty = QLabel()
        self.warranty.setWordWrap(True)
        lay.addWidget(self.warranty)
        self.blocker = QLabel()
        self.blocker.setWordWrap(True)
        self.blocker.setProperty("role", "hint")
        lay.addWidget(self.blocker)
        self.record = QPushButton(self.tr("Record result"))
        self.record.setObjectName("recordResult")
        self.record.setProperty("role", "primary")
        self.record.setMinimumHeight(44)
        self.record.clicked.connect(self.record_requested)
        keys.bind(self.record, "F10", command="record_result")
        lay.addWidget(self.record)
        dbox = QGroupBox(self.tr("Fail for a defect the box cannot see"))
        dform = QFormLayout(dbox)
        self.defect_kind = QComboBox()
        self.defect_kind.setObjectName("defectKind")
        self.defect_kind.addItem(self.tr("(choose the defect)"), None)
        for term in PHONE_DEFECTS.terms:
            self.defect_kind.addItem(term.zh if zh else term.en, term.code)
        self.defect_note = QLineEdit()
        self.defect_note.setObjectName("defectNote")
        self.defect_note.setPlaceholderText(self.tr("Where and how large"))
        self.defect_photo = QPushButton(self.tr("Photograph the defect"))
        self.defect_photo.setObjectName("defectPhoto")
        self.defect_photo.clicked.connect(lambda: self.photo_requested.emit("detail"))
        keys.bind(self.defect_photo, "F12", command="photo_defect")
        self.defect_button = QPushButton(self.tr("Fail: defect → reject"))
        self.defect_button.setObjectName("defectFail")
        self.defect_button.setProperty("role", "danger")
        self.defect_button.clicked.connect(self.defect_requested)
        keys.bind(self.defect_button, "F11", command="fail_defect")
        self.defect_kind.currentIndexChanged.connect(self._update)
        dform.addRow(self.tr("Defect"), self.defect_kind)
        dform.addRow(self.tr("Note"), self.defect_note)
        dform.addRow(self.defect_photo)
        dform.addRow(self.defect_button)
        lay.addWidget(dbox)
        lay.addStretch(1)
        self.set_inspection(None)

    def grade(self) -> str | None:
        return next((code for code, b in self.grade_buttons.items() if b.isChecked()), None)

    def marks(self) -> tuple[str, ...]:
        return tuple(code for code, c in self.mark_boxes.items() if c.isChecked())

    def defect(self) -> tuple[str | None, str]:
        return self.defect_kind.currentData(), self.defect_note.text().strip()

    def choose_grade(self, number: int) -> None:
        codes = list(self.grade_buttons)
        if 1 <= number <= len(codes) and self.grade_buttons[codes[number - 1]].isEnabled():
            self.grade_buttons[codes[number - 1]].setChecked(True)

    def _marks_changed(self) -> None:
        """A grade whose own criteria exclude what was seen cannot be chosen."""
        allowed = allowed_cosmetic_grades(self.marks())
        for code, b in self.grade_buttons.items():
            b.setEnabled(code in allowed)
            if b.isChecked() and code not in allowed:
                self.grade_group.setExclusive(False)
                b.setChecked(False)
                self.grade_group.setExclusive(True)
        self._update()

    def set_inspection(self, view: InspectionView | None, photos: set[str] | None = None) -> None:
        self.view = view
        self.photos = set(photos or ())
        self.confirm.setChecked(False)
        for c in self.mark_boxes.values():
            c.blockSignals(True)
            c.setChecked(False)
            c.blockSignals(False)
        for w in (
            *self.mark_boxes.values(),
            *self.photo_buttons.values(),
            self.defect_kind,
            self.defect_note,
            self.confirm,
        ):
            w.setEnabled(True)  # a recorded result shown before left them disabled
        self.defect_kind.setCurrentIndex(0)
        self.defect_note.clear()
        self.grade_group.setExclusive(False)
        for b in self.grade_buttons.values():
            b.setChecked(False)
            b.setEnabled(True)
        self.grade_group.setExclusive(True)
        self._update()

    def show_recorded(self, result: PhoneResult) -> None:
        """A recorded result (the phone is past appraisal): its grade and marks, nothing editable."""
        self.set_inspection(self.view, self.photos)
        for code, c in self.mark_boxes.items():
            c.setChecked(code in result.cosmetic_marks)
        b = self.grade_buttons.get(result.cosmetic_grade)
        if b is not None:
            b.setEnabled(True)
            b.setChecked(True)
        for w in (
            *self.grade_buttons.values(),
            *self.mark_boxes.values(),
            *self.photo_buttons.values(),
            self.record,
            self.defect_kind,
            self.defect_note,
            self.defect_photo,
            self.defect_button,
            self.confirm,
        ):
            w.setEnabled(False)

    def photo_taken(self, view: str) -> None:
        self.photos.add(view)
        self._update()

    def warnings(self) -> bool:
        return self.view is not None and any(f.severity == "warning" for f in self.view.evaluation.findings)

    def _update(self) -> None:
        for view, mark in self.photo_marks.items():
            done = view in self.photos
            mark.setText("✓ " + self.tr("taken") if done else self.tr("missing"))
            set_status(mark, "ok" if done else "warn")
        self.confirm.setVisible(self.warnings())
        ev = self.view.evaluation if self.view else None
        until = (utcnow() + timedelta(days=phone_rules.WARRANTY_DAYS)).strftime("%Y-%m-%d")
        self.warranty.setText(
            self.tr("Warranty: %1 days from certification (until %2 if certified today), stored on the result.")
            .replace("%1", str(phone_rules.WARRANTY_DAYS))
            .replace("%2", until)
            if ev is None or ev.verdict == "pass"
            else ""
        )
        self.defect_photo.setEnabled(self.view is not None)
        self.defect_button.setEnabled(self.view is not None and self.defect_kind.currentData() is not None)
        blocker = self.blocker_text()
        self.blocker.setText(blocker)
        self.record.setEnabled(self.view is not None and not blocker)
        if ev is not None:
            self.record.setText(
                self.tr("Record PASS → review")
                if ev.verdict == "pass"
                else self.tr("Record FAIL (%1) → reject").replace(
                    "%1", reason_name(ev.reason_code, "zh_CN" if self.zh else "en")
                )
            )
            keys.bind(self.record, "F10", command="record_result")  # setText cleared the shortcut
            self.record.setProperty("role", "primary" if ev.verdict == "pass" else "danger")
            self.record.style().unpolish(self.record)
            self.record.style().polish(self.record)

    def blocker_text(self) -> str:
        if self.view is None:
            return self.tr("No report yet.")
        if self.view.evaluation.verdict == "fail":
            return ""  # a fail needs neither grade nor photos
        if self.grade() is None:
            return self.tr("Choose the cosmetic grade (keys 1–5).")
        missing = [v for v in PHOTO_VIEWS if v not in self.photos]
        if missing:
            return self.tr("Take the missing photos first.")
        if self.warnings() and not self.confirm.isChecked():
            return self.tr("Confirm the amber items by hand first.")
        return ""
