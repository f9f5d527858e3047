"""The supervisor's day: figures per stage, charts per hour and per stage (pyqtgraph: pure
Python on numpy, a few MB, where QtCharts would need PySide6-Addons, ~150 MB more in the
installer), and tables per reason, grade, appraiser, station and merchant. Queries run on the
worker; the panel refreshes as records change. Every table exports as CSV or XLSX."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import format_local
from app.core.supervision import DAY_STAGES
from app.core.vocab.phone import COSMETIC_GRADES
from app.core.vocab.reasons import reason_name
from app.services.dashboard import Dashboard
from app.ui import states
from app.ui.context import UiContext
from app.ui.intake.changes import ChangeWatcher
from app.ui.ops import Op, error_text
from app.ui.supervisor.export import export_table

STAGE_COLOURS = ("#2563eb", "#16a34a", "#d97706", "#7c3aed", "#0f766e")


class DashboardPanel(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.data: Dashboard | None = None
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.period = QComboBox()
        self.period.setObjectName("period")
        for days, text in (
            (1, self.tr("Today")),
            (7, self.tr("Last 7 days")),
            (30, self.tr("Last 30 days")),
            (90, self.tr("Last 90 days")),
        ):
            self.period.addItem(text, days)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(QLabel(self.tr("Period")))
        top.addWidget(self.period)
        top.addStretch(1)
        for text, name, slot in (
            (self.tr("Export CSV…"), "exportCsv", lambda: self.ask_export("csv")),
            (self.tr("Export XLSX…"), "exportXlsx", lambda: self.ask_export("xlsx")),
            (self.tr("Daily report PDF…"), "dailyReport", self.ask_report),
        ):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            top.addWidget(b)
        lay.addLayout(top)
        self.status = QLabel()
        self.status.setObjectName("dashboardStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        figures = QGridLayout()
        self.figures: dict[str, QLabel] = {}
        for i, (key, zh, en) in enumerate(DAY_STAGES):
            caption = QLabel(zh if ui.zh else en)
            caption.setProperty("role", "hint")
            value = QLabel("—")
            value.setObjectName(f"total_{key}")
            self.figures[key] = value
            value.setStyleSheet(f"font-size: 20px; font-weight: 600; color: {STAGE_COLOURS[i]};")
            figures.addWidget(caption, 0, i)
            figures.addWidget(value, 1, i)
        lay.addLayout(figures)
        charts = QHBoxLayout()
        self.hour_plot, self.queue_plot = self._plots()
        charts.addWidget(self.hour_plot, 3)
        charts.addWidget(self.queue_plot, 2)
        lay.addLayout(charts)
        self.tables = QTabWidget()
        self.tables.setObjectName("dashboardTables")
        self.queue_table = self._table(
            "queues", [self.tr("Stage"), self.tr("Pieces"), self.tr("Waiting since")], self.tr("Queue per stage")
        )
        self.verdict_table = self._table(
            "verdicts", [self.tr("Verdict"), self.tr("Reason"), self.tr("Results")], self.tr("Pass / fail")
        )
        self.grade_table = self._table(
            "grades", [self.tr("Cosmetic grade"), self.tr("Phones")], self.tr("Phones by grade")
        )
        self.appraiser_table = self._table(
            "appraisers", [self.tr("Appraiser"), self.tr("Results"), self.tr("Passed")], self.tr("Appraisers")
        )
        self.station_table = self._table(
            "stations", [self.tr("Workstation"), self.tr("Recorded actions")], self.tr("Stations")
        )
        self.rate_table = self._table(
            "merchantRate",
            [self.tr("Merchant"), self.tr("Received"), self.tr("Rejected"), self.tr("Rejection rate")],
            self.tr("Merchants: rejection rate"),
        )
        self.fake_table = self._table(
            "merchantFake",
            [self.tr("Merchant"), self.tr("Counterfeit"), self.tr("Rejected")],
            self.tr("Merchants: counterfeits"),
        )
        lay.addWidget(self.tables, 1)
        self.watcher = ChangeWatcher(ui.signals, self.refresh, self, delay_ms=800)

    def _plots(self):
        import pyqtgraph as pg

        pg.setConfigOptions(antialias=True, background="w", foreground="#374151")
        hours = pg.PlotWidget()
        hours.setObjectName("hourChart")
        hours.setTitle(self.tr("Today per hour"))
        hours.addLegend(offset=(8, 4), labelTextSize="8pt")
        hours.showGrid(y=True, alpha=0.2)
        hours.setMinimumHeight(150)
        hours.setMaximumHeight(220)
        hours.setMouseEnabled(x=False, y=False)
        queue = pg.PlotWidget()
        queue.setObjectName("queueChart")
        queue.setTitle(self.tr("Queue per stage"))
        queue.setMinimumHeight(150)
        queue.setMaximumHeight(220)
        queue.setMouseEnabled(x=False, y=False)
        return hours, queue

    def _table(self, name: str, headers: list[str], title: str) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(f"table_{name}")
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        self.tables.addTab(table, title)
        return table

    # -- reading -------------------------------------------------------------------------
    def refresh(self, done: Callable[[], None] | None = None) -> None:
        q = self.ui.station.dashboard
        days = int(self.period.currentData() or 1)

        def load() -> Dashboard:
            start, end = q.day_range(days)
            return q.dashboard(start, end)

        def shown(d: Dashboard) -> None:
            self.show_dashboard(d)
            if done:
                done()

        def failed(error: BaseException) -> None:
            self.status.setText(error_text(error))
            if done:
                done()

        Op(self, load).success(shown).failure(failed).run()

    def show_dashboard(self, d: Dashboard) -> None:
        self.data = d
        zone, zh = self.ui.config.time_zone, self.ui.zh
        self.status.setText(
            self.tr("%1 to %2 · as of %3")
            .replace("%1", format_local(d.start, zone))
            .replace("%2", format_local(d.end, zone))
            .replace("%3", format_local(d.at, zone, seconds=True))
        )
        for key, label in self.figures.items():
            label.setText(str(d.totals[key]))
        self._fill(
            self.queue_table, [[states.item_state(q.state), q.count, format_local(q.oldest, zone)] for q in d.queues]
        )
        verdict = {"pass": self.tr("Pass"), "fail": self.tr("Fail")}
        self._fill(
            self.verdict_table,
            [
                [verdict.get(v, v), reason_name(r, self.ui.lang) if r else "—", n]
                for (v, r), n in sorted(d.verdicts.items())
            ],
        )
        self._fill(self.grade_table, [[_grade_name(g, zh), n] for g, n in sorted(d.phone_grades.items())])
        self._fill(self.appraiser_table, [list(a) for a in d.appraisers])
        self._fill(self.station_table, sorted(map(list, d.stations.items())))
        self._fill(
            self.rate_table,
            [
                [m.merchant_name, m.received, m.rejected, f"{m.rejection_rate:.0%}" if m.received else "—"]
                for m in d.merchants_by_rate
            ],
        )
        self._fill(self.fake_table, [[m.merchant_name, m.counterfeit, m.rejected] for m in d.merchants_by_counterfeit])
        self._draw(d)

    def _fill(self, table: QTableWidget, rows: list[list[object]]) -> None:
        table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                table.setItem(i, j, QTableWidgetItem("" if value is None else str(value)))
        table.resizeColumnsToContents()

    def _draw(self, d: Dashboard) -> None:
        import pyqtgraph as pg

        self.hour_plot.clear()
        legend = self.hour_plot.plotItem.legend
        if legend is not None:
            legend.clear()
        for i, (key, zh, en) in enumerate(DAY_STAGES):
            self.hour_plot.plot(
                list(range(24)), d.per_hour[key], pen=pg.mkPen(STAGE_COLOURS[i], width=2), name=zh if self.ui.zh else en
            )
        self.queue_plot.clear()
        counts = [q.count for q in d.queues]
        self.queue_plot.addItem(pg.BarGraphItem(x=list(range(len(counts))), height=counts, width=0.6, brush="#60a5fa"))
        axis = self.queue_plot.getAxis("bottom")
        axis.setTicks([[(i, states.item_state(q.state)) for i, q in enumerate(d.queues)]])

    # -- output --------------------------------------------------------------------------
    def ask_export(self, kind: str) -> None:
        table = self.tables.currentWidget()
        name = f"{self.tables.tabText(self.tables.currentIndex())}.{kind}".replace("/", "-").replace(" ", "_")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export table"), str(Path.home() / name), "CSV (*.csv)" if kind == "csv" else "Excel (*.xlsx)"
        )
        if path and isinstance(table, QTableWidget):  # every tab is a table
            self.export(table, Path(path))

    def export(self, table: QTableWidget, path: Path) -> None:
        sheet = self.tables.tabText(self.tables.indexOf(table)) or "Sheet1"
        Op(self, export_table, table, path, sheet, kind="io").success(
            lambda p: self.status.setText(self.tr("Saved %1").replace("%1", str(p)))
        ).run()

    def ask_report(self) -> None:
        day = self.data.day if self.data else datetime.now(UTC).date().isoformat()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Daily report"), str(Path.home() / f"daily-{day}.pdf"), "PDF (*.pdf)"
        )
        if path:
            self.write_report(Path(path))

    def write_report(self, path: Path) -> None:
        from app.services.daily_report import render_daily_report

        st, lang = self.ui.station, self.ui.lang
        name = self.ui.config.warehouse_name or st.ctx.warehouse_name

        def figures() -> Dashboard:  # the database worker: counting a closed day keeps it (a write)
            q = st.dashboard
            return q.dashboard(*q.day_range(1))

        def make(data: Dashboard) -> Path:  # the I/O pool: the PDF and the file
            path.write_bytes(render_daily_report(data, name, lang))
            return path

        def counted(data: Dashboard) -> None:
            Op(self, make, data, kind="io").success(
                lambda p: self.status.setText(self.tr("Saved %1").replace("%1", str(p)))
            ).run()

        Op(self, figures).success(counted).run()


def _grade_name(code: str, zh: bool) -> str:
    term = COSMETIC_GRADES.find(code)
    return (term.zh if zh else term.en) if term is not None else code
