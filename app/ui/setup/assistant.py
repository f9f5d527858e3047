"""The setup assistant: shown on a first start with an empty data folder (not in demo
mode), and again from the Admin station. The same steps as ``python -m app setup``:
Finish tests the database and platform once more, then saves (app.setup.apply)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget, QWizard, QWizardPage

from app.config import load_config
from app.core.roles import Actor
from app.setup.apply import Prepared, prepare_plan, record_plan
from app.setup.plan import SetupPlan
from app.ui.ops import Op, error_text
from app.ui.setup.pages import (
    AdminPage,
    CameraPrinterPage,
    DatabasePage,
    DevicesPage,
    PlatformPage,
    WarehousePage,
)


class SetupAssistant(QWizard):
    def __init__(self, data_dir: Path, lang: str, *, actor: Actor | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.lang, self.actor = Path(data_dir), lang, actor
        cfg = load_config(data_dir, env={})
        self.setWindowTitle(self.tr("Treasure Warehouse — set up this workstation"))
        self.setObjectName("setupAssistant")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.warehouse = WarehousePage(cfg)
        self.database = DatabasePage(cfg, lang)
        workstation = lambda: self.warehouse.workstation_id.text().strip()  # noqa: E731
        self.platform = PlatformPage(cfg, lang, workstation)
        self.devices = DevicesPage(cfg, lang, workstation)
        self.outputs = CameraPrinterPage(cfg, lang)
        self.admin = AdminPage() if actor is None else None
        for page in (self.warehouse, self.database, self.platform, self.devices, self.outputs, self.admin):
            if page is not None:
                self.addPage(page)
        self.message = QLabel("")
        self.message.setObjectName("setupMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("status", "error")
        last: QWizardPage = self.admin or self.outputs
        if (holder := last.layout()) is not None:  # every page has its layout by now
            holder.addWidget(self.message)
        self.saved = False

    def plan(self) -> SetupPlan:
        settings = {
            **self.warehouse.values(),
            **self.database.values(),
            **self.platform.values(),
            **self.devices.values(),
            **self.outputs.values(),
        }
        token = self.platform.token.text().strip()
        if not token and self.actor is not None:  # re-run: the token already stored stays
            from app.sync.secrets import load_token

            token = load_token(self.data_dir, settings["workstation_id"])
        plan = SetupPlan(
            settings=settings,
            platform_token=token if settings["platform_url"] else "",
            test_platform=bool(settings["platform_url"]),
        )
        if self.admin is not None:
            plan.admin = {
                "username": self.admin.username.text().strip(),
                "name": self.admin.display.text().strip(),
                "password": self.admin.password.text(),
            }
        return plan

    def accept(self) -> None:
        if self.saved:
            super().accept()
            return
        from app.config import convert

        try:
            plan = self.plan()
            plan.settings = {k: convert(k, v) for k, v in plan.settings.items()}
        except Exception as exc:  # noqa: BLE001 - a ValidationError, shown on the page
            self.message.setText(error_text(exc, self.lang))
            return
        self.message.setText(self.tr("Testing and saving…"))
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        operator = "setup assistant" if self.actor is None else self.actor.username

        def record(prepared: Prepared) -> None:  # the database's part runs on the database worker
            Op(self, record_plan, prepared, operator=operator, actor=self.actor, kind="db").success(
                self._saved
            ).failure(self._failed).run()

        # testing devices and the platform can take seconds: the I/O pool; no database write there
        Op(self, prepare_plan, plan, self.data_dir, actor=self.actor, kind="io").success(record).failure(
            self._failed
        ).run()

    def _saved(self, _steps: object) -> None:
        self.saved = True
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.message.setText(error_text(error, self.lang))
