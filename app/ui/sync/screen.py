"""Sync: what is waiting to reach the platform, when it last succeeded, what is wrong
now (in words), and every event the platform rejected, with its reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import format_local
from app.ui import keys, states, style
from app.ui.context import UiContext
from app.ui.ops import Op
from app.ui.screen import StationScreen


def _bytes(count: int) -> str:
    n = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


class SyncScreen(StationScreen):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Sync with the platform"))
        title.setProperty("role", "title")
        layout.addWidget(title)
        form = QFormLayout()
        self.state = QLabel("—")
        self.state.setObjectName("syncState")
        self.state.setProperty("role", "big")
        self.platform = QLabel("—")
        self.pending = QLabel("—")
        self.pending.setObjectName("syncPending")
        self.last_success = QLabel("—")
        self.error = QLabel("")
        self.error.setObjectName("syncError")
        self.error.setWordWrap(True)
        form.addRow(self.tr("State"), self.state)
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow(self.tr("Waiting to send"), self.pending)
        form.addRow(self.tr("Last success"), self.last_success)
        form.addRow(self.tr("Problem"), self.error)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setProperty("role", "primary")
        self.sync_button.clicked.connect(self.sync_now)
        keys.bind(self.sync_button, "F5", command="sync_now")
        row.addWidget(self.sync_button)
        row.addStretch(1)
        layout.addLayout(row)
        heading = QLabel(
            self.tr(
                "Not sent: refused by the platform or by this station's checks (kept here, never resent as they are)"
            )
        )
        heading.setProperty("role", "hint")
        heading.setWordWrap(True)  # a long hint wraps; it never sets the window's width
        layout.addWidget(heading)
        self.rejected = QTableWidget(0, 6)
        self.rejected.setObjectName("rejectedEvents")
        self.rejected.setHorizontalHeaderLabels(
            [self.tr("No."), self.tr("Time"), self.tr("Event"), self.tr("Item"), self.tr("Reason"), self.tr("Detail")]
        )
        header = self.rejected.horizontalHeader()
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(48)
        self.rejected.setWordWrap(True)
        self.rejected.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.rejected.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.rejected, 1)
        self.notices = QLabel("")
        self.notices.setWordWrap(True)
        self.notices.setProperty("status", "warn")
        layout.addWidget(self.notices)
        ui.signals.sync_status_did_change.connect(self.show_status)
        self._timer = QTimer(self)
        self._timer.setInterval(5000)
        self._timer.timeout.connect(self.refresh_lists)

    def _runtime(self) -> Any:
        return getattr(self.ui.runtime, "sync", None)

    def activated(self) -> None:
        rt = self._runtime()
        if rt is None:
            self.state.setText(states.sync_state("not_started"))
            style.set_status(self.state, "warn")
            self.error.setText(
                self.tr("Sync is not configured or has not started (see the platform address in the settings).")
            )
        else:
            self.platform.setText(rt.base_url)
            self.show_status(rt.status())
        self.refresh_lists()
        self._timer.start()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self._timer.stop()
        super().hideEvent(event)

    def shutdown(self) -> None:
        self._timer.stop()

    def show_status(self, status: Any) -> None:
        self.state.setText(states.sync_state(status.state))
        style.set_status(self.state, states.sync_level(status.state, status.pending_events))
        self.pending.setText(
            self.tr("%1 events, %2")
            .replace("%1", str(status.pending_events))
            .replace("%2", _bytes(status.pending_bytes))
        )
        self.last_success.setText(
            format_local(status.last_success, self.ui.config.time_zone, seconds=True)
            if status.last_success
            else self.tr("never")
        )
        text = status.error(self.ui.lang) or ""
        if status.retry_in_s:
            text += "  " + self.tr("(next try in %1 s)").replace("%1", str(int(status.retry_in_s)))
        self.error.setText(text.strip())

    def refresh_lists(self) -> None:
        from app.services.sync_port import StationSyncPort

        port = StationSyncPort(self.ui.station.ctx)

        def load() -> tuple[list, dict]:
            return port.rejected_events(), port.notice_errors()

        Op(self, load).success(self._show_lists).failure(lambda e: None).run()

    def _show_lists(self, data: tuple[list, dict]) -> None:
        rejected, notices = data
        self.rejected.setRowCount(len(rejected))
        for i, ev in enumerate(rejected):
            when = format_local(ev.occurred_at, self.ui.config.time_zone) if ev.occurred_at else ""
            for j, text in enumerate(
                (
                    str(ev.seq),
                    when,
                    states.event_name(ev.type),
                    ev.item_tag or "",
                    states.reject_reason(ev.reason or ""),
                    ev.detail or "",
                )
            ):
                self.rejected.setItem(i, j, QTableWidgetItem(text))
        self.rejected.resizeColumnsToContents()
        key = "zh" if self.ui.zh else "en"
        self.notices.setText(
            "\n".join(
                self.tr("Notice %1 refused: %2").replace("%1", asn).replace("%2", msg.get(key, ""))
                for asn, msg in notices.items()
            )
        )

    def sync_now(self) -> None:
        rt = self._runtime()
        if rt is not None:
            rt.sync_now()
            self.state.setText(states.sync_state("syncing"))


Screen = SyncScreen
