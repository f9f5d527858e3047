"""The setup assistant's pages: warehouse, database, platform, devices, administrator.
Each page holds its fields and its "Test" buttons; the assistant collects the values."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.config import Config
from app.setup import checks
from app.ui.setup.widgets import PortChooser, TestRow


def _line(value: str, name: str, secret: bool = False) -> QLineEdit:
    edit = QLineEdit(value)
    edit.setObjectName(name)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class WarehousePage(QWizardPage):
    def __init__(self, cfg: Config, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Warehouse and workstation"))
        self.setSubTitle(self.tr("The name is printed on every certificate."))
        form = QFormLayout(self)
        self.warehouse_id = _line(cfg.warehouse_id, "warehouse_id")
        self.warehouse_name = _line(cfg.warehouse_name, "warehouse_name")
        self.workstation_id = _line(cfg.workstation_id, "workstation_id")
        self.language = QComboBox()
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(cfg.language)))
        self.time_zone = _line(cfg.time_zone, "time_zone")
        form.addRow(self.tr("Warehouse id"), self.warehouse_id)
        form.addRow(self.tr("Warehouse name"), self.warehouse_name)
        form.addRow(self.tr("Workstation id"), self.workstation_id)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Time zone"), self.time_zone)
        for edit in (self.warehouse_id, self.warehouse_name, self.workstation_id):
            edit.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return all(e.text().strip() for e in (self.warehouse_id, self.warehouse_name, self.workstation_id))

    def values(self) -> dict[str, Any]:
        return {
            "warehouse_id": self.warehouse_id.text().strip(),
            "warehouse_name": self.warehouse_name.text().strip(),
            "workstation_id": self.workstation_id.text().strip(),
            "language": self.language.currentData(),
            "time_zone": self.time_zone.text().strip(),
        }


class DatabasePage(QWizardPage):
    def __init__(self, cfg: Config, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cfg = cfg
        self.setTitle(self.tr("Database"))
        self.setSubTitle(
            self.tr(
                "Leave empty for a database on this computer. Several workstations share one "
                "PostgreSQL database: postgresql+psycopg://user:password@host/name"
            )
        )
        form = QFormLayout(self)
        self.url = _line(cfg.database_url, "database_url", secret=False)
        self.test = TestRow(self.tr("Test the connection"), lambda: checks.check_database(self.target()), lang)
        form.addRow(self.tr("Database URL"), self.url)
        form.addRow(self.test)

    def target(self) -> str:
        return self.url.text().strip() or self.cfg.db_url

    def values(self) -> dict[str, Any]:
        return {"database_url": self.url.text().strip()}


class PlatformPage(QWizardPage):
    def __init__(self, cfg: Config, lang: str, workstation: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Platform"))
        self.setSubTitle(
            self.tr(
                "The address and token come from the platform's operators. Leave empty to work "
                "without sync for now (shown as not configured)."
            )
        )
        form = QFormLayout(self)
        self.url = _line(cfg.platform_url, "platform_url")
        self.token = _line("", "platform_token", secret=True)
        self.test = TestRow(
            self.tr("Test the connection"),
            lambda: checks.check_platform(self.url.text().strip(), self.token.text().strip(), workstation()),
            lang,
        )
        form.addRow(self.tr("Platform address"), self.url)
        form.addRow(self.tr("Token"), self.token)
        form.addRow(self.test)

    def values(self) -> dict[str, Any]:
        return {"platform_url": self.url.text().strip()}


class DevicesPage(QWizardPage):
    def __init__(self, cfg: Config, lang: str, workstation: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cfg = cfg
        self.setTitle(self.tr("Balance and inspection box"))
        self.setSubTitle(
            self.tr(
                "Connect the devices, choose their ports and test each one. A device left "
                "unconnected is shown as not configured."
            )
        )
        layout = QVBoxLayout(self)
        scale = QGroupBox(self.tr("Precision balance"))
        sform = QFormLayout(scale)
        self.scale_port = PortChooser(cfg.scale_port)
        self.scale_port.setObjectName("scale_port")
        self.protocol = QComboBox()
        self.protocol.addItem(self.tr("detect automatically"), "auto")
        for name in ("mt-sics", "and", "sbi"):
            self.protocol.addItem(name, name)
        self.scale_test = TestRow(
            self.tr("Read a stable weight"),
            lambda: checks.check_balance(self.scale_port.port(), self.protocol.currentData()),
            lang,
            on_ok=self._detected,
        )
        sform.addRow(self.tr("Port"), self.scale_port)
        sform.addRow(self.tr("Protocol"), self.protocol)
        sform.addRow(self.scale_test)
        box = QGroupBox(self.tr("Phone inspection box"))
        bform = QFormLayout(box)
        self.box_port = PortChooser(cfg.box_port)
        self.box_port.setObjectName("box_port")
        self.box_test = TestRow(
            self.tr("Say hello"), lambda: checks.check_box(self.box_port.port(), workstation()), lang
        )
        bform.addRow(self.tr("Port"), self.box_port)
        bform.addRow(self.box_test)
        for group in (scale, box):
            layout.addWidget(group)

    def _detected(self, value: Any) -> None:
        self.protocol.setCurrentIndex(max(0, self.protocol.findData(value[0])))

    def values(self) -> dict[str, Any]:
        return {
            "scale_port": self.scale_port.port(),
            "scale_protocol": self.protocol.currentData(),
            "box_port": self.box_port.port(),
        }


class CameraPrinterPage(QWizardPage):
    def __init__(self, cfg: Config, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cfg = cfg
        self.setTitle(self.tr("Camera and label printer"))
        self.setSubTitle(self.tr("Test the camera and print a test label."))
        layout = QVBoxLayout(self)
        camera = QGroupBox(self.tr("Camera"))
        cform = QFormLayout(camera)
        printer = QGroupBox(self.tr("Label printer"))
        pform = QFormLayout(printer)
        self.camera = _line(cfg.camera_source, "camera_source")
        self.camera.setPlaceholderText(self.tr("0 for the first camera, or a video file / image folder"))
        self.preview = QLabel()
        self.preview.setFixedHeight(90)
        self.camera_test = TestRow(self.tr("Show a picture"), self._grab, lang, on_ok=self._show_preview)
        self.printer_kind = QComboBox()
        for kind in ("file", "pdf", "tcp", "queue"):
            self.printer_kind.addItem(kind, kind)
        self.printer_kind.setCurrentIndex(max(0, self.printer_kind.findData(cfg.printer_kind)))
        self.printer_host = _line(cfg.printer_host, "printer_host")
        self.printer_port = QSpinBox()
        self.printer_port.setRange(1, 65535)
        self.printer_port.setValue(int(cfg.printer_port))
        self.printer_test = TestRow(self.tr("Print a test label"), self._test_label, lang)
        cform.addRow(self.tr("Source"), self.camera)
        cform.addRow(self.camera_test)
        cform.addRow(self.preview)
        pform.addRow(self.tr("Kind"), self.printer_kind)
        pform.addRow(self.tr("Printer address"), self.printer_host)
        pform.addRow(self.tr("Printer port"), self.printer_port)
        pform.addRow(self.printer_test)
        for group in (camera, printer):
            layout.addWidget(group)

    def _grab(self) -> Any:
        from app.devices.camera import Camera

        cam = Camera(self.camera.text().strip(), width=640, height=360)
        cam.start()
        try:
            return cam.capture_still(timeout=5.0)
        finally:
            cam.stop()

    def _show_preview(self, still: Any) -> None:
        image = QImage.fromData(still.jpeg)
        self.preview.setPixmap(QPixmap.fromImage(image).scaledToHeight(90))
        self.camera_test.result.setText(f"✔ {still.width}×{still.height}")

    def _test_label(self) -> str:
        from app.devices.factory import build_printer
        from app.devices.labels import TagLabel

        probe = Config(self.cfg.data_dir, dict(self.values()))
        label = TagLabel(tag="TW0000000000000", qr_text="TEST", description="测试标签 Test label")
        return str(build_printer(probe).print_label(label))

    def values(self) -> dict[str, Any]:
        return {
            "camera_source": self.camera.text().strip(),
            "printer_kind": self.printer_kind.currentData(),
            "printer_host": self.printer_host.text().strip(),
            "printer_port": self.printer_port.value(),
        }


class AdminPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Administrator"))
        self.setSubTitle(self.tr("The administrator adds the staff afterwards (Admin station)."))
        form = QFormLayout(self)
        self.username = _line("admin", "admin_username")
        self.display = _line("", "admin_name")
        self.password = _line("", "admin_password", secret=True)
        self.repeat = _line("", "admin_repeat", secret=True)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Full name"), self.display)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        for edit in (self.username, self.password, self.repeat):
            edit.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return bool(
            self.username.text().strip() and self.password.text() and self.password.text() == self.repeat.text()
        )
