"""The quality system at the Devices station: each balance's check state, and its history of
daily checks (weights, readings, pass/fail) and outside calibrations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.balance_checks import CHECK_STATES
from app.core.clock import DEFAULT_TIME_ZONE, format_local
from app.core.errors import ValidationError
from app.core.roles import Action
from app.ui.context import UiContext
from app.ui.ops import Op, error_text
from app.ui.style import set_status


def state_words(state: str, zh: bool) -> str:
    return CHECK_STATES[state][0 if zh else 1]


class BalanceChecksDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.zone = str(ui.config.time_zone) if ui.config is not None else DEFAULT_TIME_ZONE
        self.setObjectName("balanceChecksDialog")
        self.setWindowTitle(self.tr("Balance checks"))
        self.balances = QTableWidget(0, 3)
        self.balances.setObjectName("balanceStates")
        self.balances.setHorizontalHeaderLabels([self.tr("Balance"), self.tr("State"), self.tr("Daily check until")])
        self.history = QTableWidget(0, 5)
        self.history.setObjectName("balanceHistory")
        self.history.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Kind"), self.tr("Result"), self.tr("By"), self.tr("Weights / certificate")]
        )
        for table in (self.balances, self.history):
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        # An outside laboratory's calibration certificate, entered by a supervisor.
        self.lab, self.cert_no = QLineEdit(), QLineEdit()
        self.lab.setPlaceholderText(self.tr("Calibration laboratory"))
        self.cert_no.setPlaceholderText(self.tr("Certificate no."))
        self.calibrated_on, self.due = QDateEdit(QDate.currentDate()), QDateEdit(QDate.currentDate().addYears(1))
        for edit in (self.calibrated_on, self.due):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.calibration_btn = QPushButton(self.tr("Record calibration"))
        self.calibration_btn.setObjectName("recordCalibration")
        self.calibration_btn.clicked.connect(self.record_calibration)
        allowed = ui.may(Action.RECORD_CALIBRATION)
        for w in (self.lab, self.cert_no, self.calibrated_on, self.due, self.calibration_btn):
            w.setEnabled(allowed)
        calibration = QHBoxLayout()
        calibration.addWidget(self.lab, 2)
        calibration.addWidget(self.cert_no, 1)
        calibration.addWidget(QLabel(self.tr("on")))
        calibration.addWidget(self.calibrated_on)
        calibration.addWidget(QLabel(self.tr("due")))
        calibration.addWidget(self.due)
        calibration.addWidget(self.calibration_btn)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.balances)
        lay.addWidget(QLabel(self.tr("History of the selected balance")))
        lay.addWidget(self.history, 1)
        lay.addLayout(calibration)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        lay.addLayout(bottom)
        self.resize(820, 520)
        self.balances.itemSelectionChanged.connect(self._selected)
        self._states: list[Any] = []
        Op(self, ui.station.balance_checks.balances).success(self._show_balances).failure(self._failed).run()

    def _show_balances(self, states: list[Any]) -> None:
        self._states = states
        self.balances.setRowCount(len(states))
        for row, st in enumerate(states):
            until = format_local(st.daily.valid_until, self.zone) if st.daily else "—"
            for col, text in enumerate((st.serial, state_words(st.state, self.ui.zh), until)):
                self.balances.setItem(row, col, QTableWidgetItem(text))
        self.balances.resizeColumnsToContents()
        if states:
            self.balances.selectRow(0)
            self._selected()  # also when row 0 was selected already (after a calibration)
        else:
            self.status.setText(self.tr("No balance has been checked yet."))

    def _selected(self) -> None:
        rows = self.balances.selectionModel().selectedRows()
        if not rows:
            return
        serial = self._states[rows[0].row()].serial
        Op(self, self.ui.station.balance_checks.history, serial).success(self._show_history).failure(self._failed).run()

    def _show_history(self, checks: list[Any]) -> None:
        self.history.setRowCount(len(checks))
        for row, c in enumerate(checks):
            kind = self.tr("Daily check") if c.kind == "daily" else self.tr("Calibration")
            result = self.tr("Pass") if c.passed else self.tr("FAIL")
            if c.kind == "daily":
                what = "; ".join(
                    f"{w['weight_id']} {w['class']} {w['nominal_g']} g → {w['reading_g']} g"
                    for w in c.detail.get("weights", ())
                )
            else:
                what = f"{c.detail.get('lab', '')} {c.detail.get('certificate_no', '')} → {c.detail.get('due', '')}"
            for col, text in enumerate((format_local(c.performed_at, self.zone), kind, result, c.performed_by, what)):
                self.history.setItem(row, col, QTableWidgetItem(text))
        self.history.resizeColumnsToContents()

    def selected_serial(self) -> str | None:
        rows = self.balances.selectionModel().selectedRows()
        return self._states[rows[0].row()].serial if rows else None

    def record_calibration(self) -> None:
        serial = self.selected_serial()
        if serial is None:
            self._failed(ValidationError("请先选择天平", "Choose a balance first"))
            return
        readability = str(self.ui.config.balance_readability_g) if self.ui.config is not None else "0.0001"
        svc = self.ui.station.balance_checks
        Op(
            self,
            svc.record_calibration,
            self.ui.actor,
            serial,
            "",
            Decimal(readability),
            lab=self.lab.text(),
            certificate_no=self.cert_no.text(),
            calibrated_on=self.calibrated_on.date().toPython(),
            due=self.due.date().toPython(),
        ).success(self._calibrated).failure(self._failed).run()

    def _calibrated(self, check: Any) -> None:
        self.status.setText(self.tr("Calibration recorded; next due %1").replace("%1", str(check.detail.get("due"))))
        set_status(self.status, "ok")
        Op(self, self.ui.station.balance_checks.balances).success(self._show_balances).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        self.status.setText(error_text(error, self.ui.lang))
        set_status(self.status, "error")
