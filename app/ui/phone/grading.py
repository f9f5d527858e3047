"""What the appraiser adds to the box's report: the cosmetic grade (chosen from the defined
scale with its criteria in view), the three photos (front, back, screen on) and the
result. The verdict and reason come from phone_rules; this panel only shows them."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core import phone_rules
from app.core.clock import utcnow
from app.core.vocab.phone import COSMETIC_GRADES
from app.services.inspection import InspectionView
from app.ui.style import set_status

PHOTO_VIEWS = ("front", "back", "screen")


class GradingPanel(QWidget):
    photo_requested = Signal(str)  # view
    record_requested = Signal()

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
            crit = QLabel(term.criteria_zh if zh else term.criteria_en)  # type: ignore[attr-defined]
            crit.setWordWrap(True)
            crit.setProperty("role", "hint")
            crit.setContentsMargins(26, 0, 0, 4)
            self.grade_group.addButton(b)
            self.grade_buttons[term.code] = b
            grades.addWidget(b)
            grades.addWidget(crit)
            b.toggled.connect(self._update)
        lay.addWidget(box)
        pbox = QGroupBox(self.tr("Photos from the station camera"))
        grid = QGridLayout(pbox)
        self.photo_buttons: dict[str, QPushButton] = {}
        self.photo_marks: dict[str, QLabel] = {}
        names = {"front": self.tr("Front"), "back": self.tr("Back"), "screen": self.tr("Screen on")}
        for col, view in enumerate(PHOTO_VIEWS):
            b = QPushButton(self.tr("Take %1").replace("%1", names[view]))
            b.setObjectName(f"photo_{view}")
            b.clicked.connect(lambda _=False, v=view: self.photo_requested.emit(v))
            mark = QLabel(self.tr("missing"))
            set_status(mark, "warn")
            self.photo_buttons[view], self.photo_marks[view] = b, mark
            grid.addWidget(b, 0, col)
            grid.addWidget(mark, 1, col)
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
        lay.addWidget(self.record)
        lay.addStretch(1)
        self.set_inspection(None)

    def grade(self) -> str | None:
        return next((code for code, b in self.grade_buttons.items() if b.isChecked()), None)

    def choose_grade(self, number: int) -> None:
        codes = list(self.grade_buttons)
        if 1 <= number <= len(codes):
            self.grade_buttons[codes[number - 1]].setChecked(True)

    def set_inspection(self, view: InspectionView | None, photos: set[str] | None = None) -> None:
        self.view = view
        self.photos = set(photos or ())
        self.confirm.setChecked(False)
        self.grade_group.setExclusive(False)
        for b in self.grade_buttons.values():
            b.setChecked(False)
        self.grade_group.setExclusive(True)
        self._update()

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
        self.warranty.setText(self.tr("Warranty: %1 days from certification (until %2 if certified today), "
                                      "stored on the result.").replace("%1", str(phone_rules.WARRANTY_DAYS))
                              .replace("%2", until) if ev is None or ev.verdict == "pass" else "")
        blocker = self.blocker_text()
        self.blocker.setText(blocker)
        self.record.setEnabled(self.view is not None and not blocker)
        if ev is not None:
            self.record.setText(self.tr("Record PASS → review") if ev.verdict == "pass" else
                                self.tr("Record FAIL (%1) → reject").replace("%1", str(ev.reason_code)))
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
