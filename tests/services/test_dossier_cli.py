"""``search TEXT`` and ``dossier TAG --out/--json``: matches with their tags, exports written
only for a supervisor who proved who they are, reasons (not tracebacks) for bad input."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from tests.helpers import PASSWORD
from tests.services.test_dispatch_support import PASSPHRASE


@pytest.fixture
def life_dir(data_dir, monkeypatch):  # type: ignore[no-untyped-def]
    from app.config import load_config
    from app.services.station import Station
    from tests.helpers import make_people
    from tests.services.test_dossier_support import whole_life

    for var in ("TW_DATABASE_URL", "TW_DATA_DIR", "TW_PLATFORM_URL", "TW_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    station = Station.open(load_config(data_dir, env={}))
    people = make_people(station)
    life = whole_life(station, people)
    station.close()
    return data_dir, life


def test_search_lists_matches_with_their_tags(life_dir, capsys) -> None:  # type: ignore[no-untyped-def]
    data_dir, life = life_dir
    assert main(["--data-dir", str(data_dir), "search", life.waybill_out]) == 0
    out = capsys.readouterr().out
    assert life.tag in out and "出库运单号" in out and life.waybill_out in out
    assert main(["--data-dir", str(data_dir), "search", life.tag[:8], "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [h["tag"] for h in hits] == [life.tag] and hits[0]["key"] == "tag" and not hits[0]["exact"]
    assert main(["--data-dir", str(data_dir), "search", "NOSUCHTHING"]) == 1
    assert "no item matches" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "search", "ab"]) == 2
    assert "at least 3" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "search", "TW\x0026"]) == 2
    assert "U+0000" in capsys.readouterr().err


def test_dossier_exports_for_a_supervisor_only(life_dir, tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.services.test_dossier import signed_dossier_json

    data_dir, life = life_dir
    monkeypatch.setenv("TW_PASSWORD", PASSWORD)
    monkeypatch.setenv("TW_TEST_PHRASE", PASSPHRASE)
    out = tmp_path / "d.json"
    assert main(["--data-dir", str(data_dir), "dossier", life.tag, "--json", str(out), "--as-user", "super.chen"]) == 0
    body = json.loads(out.read_text("utf-8"))
    assert body["item"]["tag"] == life.tag and body["timeline"][-1]["kind"] == "dispatch"
    pdf = tmp_path / "d.pdf"
    assert (
        main(
            [
                "--data-dir",
                str(data_dir),
                "dossier",
                life.tag,
                "--out",
                str(pdf),
                "--as-user",
                "super.chen",
                "--passphrase-env",
                "TW_TEST_PHRASE",
            ]
        )
        == 0
    )
    assert signed_dossier_json(pdf.read_bytes())["item"]["tag"] == life.tag
    capsys.readouterr()
    refused = tmp_path / "clerk.json"
    assert (
        main(["--data-dir", str(data_dir), "dossier", life.tag, "--json", str(refused), "--as-user", "clerk.wang"]) == 2
    )
    assert not refused.exists() and "导出物品档案" in capsys.readouterr().err
    monkeypatch.setenv("TW_TEST_PHRASE", "wrong passphrase")
    assert (
        main(
            [
                "--data-dir",
                str(data_dir),
                "dossier",
                life.tag,
                "--out",
                str(tmp_path / "x.pdf"),
                "--as-user",
                "super.chen",
                "--passphrase-env",
                "TW_TEST_PHRASE",
            ]
        )
        == 2
    )
    assert not (tmp_path / "x.pdf").exists()
    monkeypatch.setenv("TW_PASSWORD", "not the password")
    assert main(["--data-dir", str(data_dir), "dossier", life.tag, "--json", str(out), "--as-user", "super.chen"]) == 2
