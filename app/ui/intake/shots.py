"""Screenshots of the intake and dispatch stations mid-work (for docs/screenshots):

    python -m app.ui.intake.shots --out docs/screenshots [--lang zh_CN]

Demo data is made through the operations; the intake screen is then driven by scans
exactly as a clerk would, so the picture shows a real parcel half received.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from app.demo.data import make_demo_data
    from app.ui import ops
    from app.ui.screenshots import shot_window

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with shot_window(args.lang, lambda st: make_demo_data(st, items=6, announce_extra=4)) as shot:
        notice = _big_notice(shot.station.ctx.warehouse_id)
        window = shot.open_window("clerk", args.lang)
        shot.station.notices.apply(window.ui.actor, notice)
        screen = window.show_station("intake")
        ops.wait_idle()
        for code in [notice["waybill_no"]] + [ln["order_no"] for ln in notice["lines"][:7]]:
            window.route_scan(code)
            ops.wait_idle()
        window.route_scan(notice["lines"][2]["order_no"])  # scanned twice: "already received"
        ops.wait_idle()
        screen.refresh_board()
        ops.wait_idle()
        QApplication.processEvents()
        path = out / f"intake-{args.lang}.png"
        window.grab().save(str(path))
        print(path)
    return 0


def _big_notice(warehouse_id: str) -> dict:
    titles = [
        ("18K金钻石吊坠", "jewelry", {"material": "Au750", "stone": "diamond", "total_mass_g": 2.35}),
        ("足金手镯", "jewelry", {"material": "Au999", "total_mass_g": 30.12}),
        ("iPhone 13 128GB 午夜色", "phone", {"brand": "Apple", "model": "iPhone 13", "storage_gb": 128}),
        ("翡翠手镯", "jewelry", {"stone": "jadeite", "total_mass_g": 62.4}),
        ("铂金钻戒", "jewelry", {"material": "Pt950", "stone": "diamond", "main_stone_ct": 0.5}),
        ("华为 Mate 60 Pro 512GB", "phone", {"brand": "HUAWEI", "model": "Mate 60 Pro", "storage_gb": 512}),
    ]
    lines = []
    for i in range(12):
        title, category, declared = titles[i % len(titles)]
        lines.append(
            {
                "line_id": f"L{i + 1}",
                "order_no": f"KS2026112100{i + 1:02d}",
                "category": category,
                "title": title,
                "declared_value_cents": 100000 + i * 25000,
                "declared": declared,
            }
        )
    return {
        "asn_id": "ASN-20261121-000123",
        "revision": 1,
        "status": "open",
        "warehouse_id": warehouse_id,
        "merchant": {"id": "M100234", "name": "翠玉轩珠宝"},
        "carrier": "SF",
        "waybill_no": "SF1234567890123",
        "announced_at": "2026-11-21T02:00:00.000Z",
        "lines": lines,
    }


if __name__ == "__main__":
    raise SystemExit(main())
