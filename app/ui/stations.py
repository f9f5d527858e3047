"""The table of stations the shell shows, in order. Each entry names its module so a
station is its own module and the shell stays small."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.core.roles import Role


@dataclass(frozen=True)
class StationEntry:
    key: str
    module: str  # module with a ``Screen(ui)`` class
    roles: frozenset[Role]  # who works here (others may look, operations still decide)

    def title(self) -> str:
        return QCoreApplication.translate("Stations", _TITLES[self.key])


_TITLES = {
    "intake": "Intake",
    "appraisal": "Jewelry appraisal",
    "phone": "Phone inspection",
    "review": "Review & certificates",
    "supervisor": "Exceptions & dashboard",
    "dispatch": "Dispatch",
    "cases": "After-sale cases",
    "sync": "Sync",
    "devices": "Devices",
    "admin": "Admin",
}
# lupdate only sees literal strings inside translate() calls:
_ = (
    QCoreApplication.translate("Stations", "Intake"),
    QCoreApplication.translate("Stations", "Jewelry appraisal"),
    QCoreApplication.translate("Stations", "Phone inspection"),
    QCoreApplication.translate("Stations", "Review & certificates"),
    QCoreApplication.translate("Stations", "Sync"),
    QCoreApplication.translate("Stations", "Exceptions & dashboard"),
    QCoreApplication.translate("Stations", "Devices"),
    QCoreApplication.translate("Stations", "Admin"),
    QCoreApplication.translate("Stations", "After-sale cases"),
)

R = Role
STATIONS: tuple[StationEntry, ...] = (
    StationEntry("intake", "app.ui.intake.screen", frozenset({R.INTAKE_CLERK, R.SUPERVISOR})),
    StationEntry("appraisal", "app.ui.appraisal.screen", frozenset({R.APPRAISER})),
    StationEntry("phone", "app.ui.phone.screen", frozenset({R.APPRAISER})),
    StationEntry("review", "app.ui.review.screen", frozenset({R.SUPERVISOR})),
    StationEntry("supervisor", "app.ui.supervisor.screen", frozenset({R.SUPERVISOR})),
    StationEntry("dispatch", "app.ui.dispatch.screen", frozenset({R.INTAKE_CLERK, R.SUPERVISOR})),
    StationEntry("cases", "app.ui.cases.screen", frozenset({R.INTAKE_CLERK, R.APPRAISER, R.SUPERVISOR})),
    StationEntry("sync", "app.ui.sync.screen", frozenset({R.SUPERVISOR, R.ADMIN})),
    StationEntry("devices", "app.ui.devices.screen", frozenset(set(Role))),
    StationEntry("admin", "app.ui.admin.screen", frozenset({R.ADMIN})),
)


def screen_class(entry: StationEntry) -> type:
    return importlib.import_module(entry.module).Screen
