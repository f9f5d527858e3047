"""One object that opens the database and hands out the operations of this station.

Screens, commands and tests receive a ``Station`` (never a global). Each station
issue adds its service here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.config import Config
from app.core.clock import DEFAULT_TIME_ZONE
from app.services.appraisal import AppraisalService
from app.services.balance_checks import BalanceCheckService, QualityPolicy
from app.services.base import ServiceContext
from app.services.cases import CaseService
from app.services.certificates import CertificateService
from app.services.dashboard import DashboardQueries
from app.services.dispatch import DispatchService
from app.services.dossier import DossierService
from app.services.fingerprints import FingerprintService
from app.services.holds import HoldService
from app.services.inspection import InspectionService
from app.services.intake import IntakeService
from app.services.items import ItemQueries
from app.services.notices import NoticeService
from app.services.photos import PhotoService
from app.services.review import ReviewService
from app.services.search import SearchService
from app.services.supervision import SupervisionQueries
from app.services.users import UserService
from app.store import migrate
from app.store.blobs import BlobStore
from app.store.db import Database


@dataclass
class Station:
    ctx: ServiceContext
    config: Config | None = None

    def __post_init__(self) -> None:
        max_failures = self.config.login_max_failures if self.config else 5
        lock_minutes = self.config.login_lock_minutes if self.config else 15
        self.users = UserService(self.ctx, max_failures, lock_minutes)
        self.items = ItemQueries(self.ctx)
        self.notices = NoticeService(self.ctx)
        self.intake = IntakeService(self.ctx)
        self.photos = PhotoService(self.ctx)
        self.holds = HoldService(self.ctx)
        self.dispatch = DispatchService(self.ctx, self.config.time_zone if self.config else DEFAULT_TIME_ZONE)
        self.policy = QualityPolicy.from_config(self.config)
        self.appraisal = AppraisalService(self.ctx, self.policy)
        self.balance_checks = BalanceCheckService(self.ctx)
        self.inspection = InspectionService(self.ctx)
        self.review = ReviewService(self.ctx, self)
        self.certificates = CertificateService.for_station(self)
        self.fingerprints = FingerprintService(self.ctx)
        self.cases = CaseService(self.ctx)
        self.supervision = SupervisionQueries(self.ctx)
        self.dashboard = DashboardQueries(self.ctx, self.config.time_zone if self.config else DEFAULT_TIME_ZONE)
        self.search = SearchService(self.ctx)
        self.dossiers = DossierService(
            self.ctx,
            self.config.data_dir if self.config else None,
            self.config.time_zone if self.config else DEFAULT_TIME_ZONE,
        )

    @property
    def db(self) -> Database:
        return self.ctx.db

    @classmethod
    def open(cls, config: Config, *, upgrade: bool = True) -> Station:
        db = Database(config.db_url)
        if upgrade:
            migrate.upgrade(db)
        ctx = ServiceContext(
            db=db,
            blobs=BlobStore(config.blob_dir),
            workstation_id=config.workstation_id,
            warehouse_id=config.warehouse_id,
            warehouse_name=config.warehouse_name,
        )
        return cls(ctx, config)

    @classmethod
    def for_url(
        cls,
        url: str,
        data_dir: Path,
        workstation_id: str = "WS-TEST-01",
        warehouse_id: str = "WH-LOCAL-01",
        upgrade: bool = True,
    ) -> Station:
        """A station on an explicit database (tests, benchmarks, a second station)."""
        db = Database(url)
        if upgrade:
            migrate.upgrade(db)
        return cls(
            ServiceContext(
                db=db,
                blobs=BlobStore(Path(data_dir) / "blobs"),
                workstation_id=workstation_id,
                warehouse_id=warehouse_id,
            )
        )

    def close(self) -> None:
        self.ctx.db.dispose()
