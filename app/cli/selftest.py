"""``python -m app selftest``: offscreen, a temporary database built by the migrations,
every station opened, one operation run end to end. Exit 0, or say what failed."""

from __future__ import annotations

import argparse
import os
import tempfile
import traceback
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("selftest", help="check that the workstation starts and works (offscreen, temporary data)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tw-selftest-") as tmp:
        try:
            _check(Path(tmp), failures)
        except Exception as exc:  # noqa: BLE001 - reported as a failed check
            failures.append(f"unexpected: {exc.__class__.__name__}: {exc}\n{traceback.format_exc()}")
    if failures:
        print("自检失败 SELFTEST FAILED")
        for f in failures:
            print(" -", f)
        return 1
    print("自检通过 selftest passed")
    return 0


def _step(name: str) -> None:
    print(f"  … {name}", flush=True)


def _check(tmp: Path, failures: list[str]) -> None:
    from app.config import load_config
    from app.demo.data import make_demo_data
    from app.services.station import Station
    from app.store.audit import verify_chain

    config = load_config(tmp, env={})
    _step("database from migrations")
    station = Station.open(config)
    _step("one intake operation end to end (notice, parcel, item, close)")
    summary = make_demo_data(station, items=2, seed=1, announce_extra=0)
    if summary["items"] != 2:
        failures.append(f"demo data created {summary['items']} items, expected 2")
    with station.db.read() as s:
        report = verify_chain(s)
    if not report.ok:
        failures.append(f"audit chain broken: {report.problem_en}")
    _step("every station opens")
    from PySide6.QtWidgets import QApplication

    from app.ui import ops
    from app.ui.context import AppSignals, UiContext
    from app.ui.main import make_app
    from app.ui.shell import MainWindow

    make_app(config)
    _step("font, translations, icon and print rendering")
    _check_resources(failures)
    actor = station.users.authenticate("admin", summary["password"])
    window = MainWindow(UiContext(station=station, actor=actor, config=config, signals=AppSignals()))
    window.show()
    for key in window.screens:
        try:
            window.show_station(key)
            QApplication.processEvents()
        except Exception as exc:  # noqa: BLE001
            failures.append(f"station {key}: {exc.__class__.__name__}: {exc}")
    ops.wait_idle(10_000)
    for screen in window.screens.values():
        screen.shutdown()
    window.close()
    station.close()


def _check_resources(failures: list[str]) -> None:
    """What a bundle or a wheel can lose without any import failing."""
    from PySide6.QtCore import QTranslator
    from PySide6.QtGui import QFontDatabase, QIcon

    from app import resources
    from app.ui.review.printing import rasterise

    try:
        fid = QFontDatabase.addApplicationFont(str(resources.cjk_font()))
        if fid < 0 or not QFontDatabase.applicationFontFamilies(fid):
            failures.append("the CJK font does not load")
        qms = sorted(resources.i18n_dir().glob("*_zh_CN.qm"))
        stations = {ts.stem for ts in resources.i18n_dir().glob("*_zh_CN.ts")}
        if not qms or (stations and stations - {q.stem for q in qms}):
            failures.append(f"translations not compiled: {sorted(stations - {q.stem for q in qms}) or 'none'}")
        for qm in qms:
            if not QTranslator().load(str(qm)):
                failures.append(f"translation {qm.name} does not load")
        if QIcon(str(resources.icon("png"))).isNull():
            failures.append("the application icon does not load")
    except FileNotFoundError as exc:
        failures.append(str(exc))
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("TWSelftest", str(resources.cjk_font()), subfontIndex=0))
    buf = io.BytesIO()
    c = Canvas(buf)
    c.setFont("TWSelftest", 12)
    c.drawString(72, 72, "自检 selftest")
    c.save()
    if not rasterise(buf.getvalue(), dpi=30):
        failures.append("print rendering (PDFium) gave no page")
