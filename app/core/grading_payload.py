"""Grading results to and from the platform's ``grading.recorded`` JSON. Reading re-checks
every field through the dataclasses in ``app.core.grading_fields``, so a payload from another
workstation's older vocabulary cannot smuggle in an impossible result."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core.grading_fields import (
    DiamondGrades,
    Disclosure,
    JadeiteGrades,
    JewelryResult,
    PhoneResult,
    Stone,
    bad,
    json_number,
    mapping_of,
    quantity,
    str_tuple,
)


def stone_out(stone: Stone) -> dict[str, Any]:
    out: dict[str, Any] = {
        "material": stone.material,
        "origin": stone.origin,
        "treatments": list(stone.treatments),
        "count": stone.count,
        "mass_ct": json_number(stone.mass_ct),
        "shape": stone.shape,
    }
    if stone.origin == "imitation":
        out["imitates"] = stone.imitates
        out["material_origin"] = stone.material_origin
    if stone.components:
        out["components"] = [stone_out(c) for c in stone.components]
    if stone.diamond is not None:
        out["diamond"] = {
            "colour": stone.diamond.colour,
            "clarity": stone.diamond.clarity,
            "cut": stone.diamond.cut,
            "fluorescence": stone.diamond.fluorescence,
        }
    if stone.jadeite is not None:
        g = stone.jadeite
        out["jadeite"] = {
            "colour": g.colour,
            "transparency": g.transparency,
            "texture": g.texture,
            "clarity": g.clarity,
        }
    return out


def grades_in(body: Mapping[str, Any], key: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
    raw = body.get(key)
    if raw is None:
        return None
    raw = mapping_of(raw, key)
    return {k: raw.get(k) for k in keys}


def stone_in(body: object) -> Stone:
    data = mapping_of(body, "stone")
    components = data.get("components") or []
    if not isinstance(components, list):
        raise bad("components 必须是列表", "components must be a list", "components")
    diamond = grades_in(data, "diamond", ("colour", "clarity", "cut", "fluorescence"))
    jade = grades_in(data, "jadeite", ("colour", "transparency", "texture", "clarity"))
    mass = data.get("mass_ct")
    return Stone(
        material=data.get("material"),
        origin=data.get("origin", "natural"),
        treatments=str_tuple(data.get("treatments"), "treatments"),
        imitates=data.get("imitates"),
        material_origin=data.get("material_origin"),
        components=tuple(stone_in(c) for c in components),
        mass_ct=None if mass is None else quantity(mass, "mass_ct"),
        count=data.get("count", 1),
        shape=data.get("shape"),
        diamond=None if diamond is None else DiamondGrades(**diamond),
        jadeite=None if jade is None else JadeiteGrades(**jade),
    )


def jewelry_out(j: JewelryResult) -> dict[str, Any]:
    return {
        "piece": j.piece,
        "metal": j.metal,
        "main_stone": None if j.main_stone is None else stone_out(j.main_stone),
        "side_stones": [stone_out(s) for s in j.side_stones],
        "total_mass_g": json_number(j.total_mass_g),
    }


def jewelry_in(body: Mapping[str, Any]) -> JewelryResult:
    side = body.get("side_stones") or []
    if not isinstance(side, list):
        raise bad("side_stones 必须是列表", "side_stones must be a list", "side_stones")
    mass = body.get("total_mass_g")
    main = body.get("main_stone")
    return JewelryResult(
        piece=body.get("piece"),  # type: ignore[arg-type]  # raw JSON values: the dataclass's __post_init__ validates them
        metal=body.get("metal"),
        main_stone=None if main is None else stone_in(main),
        side_stones=tuple(stone_in(s) for s in side),
        total_mass_g=None if mass is None else quantity(mass, "total_mass_g"),
    )


def phone_out(p: PhoneResult) -> dict[str, Any]:
    return {
        "brand": p.brand,
        "model": p.model,
        "storage_gb": p.storage_gb,
        "colour": p.colour,
        "imei": p.imei,
        "imei2": p.imei2,
        "cosmetic_grade": p.cosmetic_grade,
        "battery_health_pct": p.battery_health_pct,
        "report_id": p.report_id,
        "disclosures": [{"kind": d.kind, "subject": d.subject, "zh": d.zh, "en": d.en} for d in p.disclosures],
        "skipped_tests": list(p.skipped_tests),
        "cosmetic_marks": list(p.cosmetic_marks),
    }


def phone_in(body: Mapping[str, Any]) -> PhoneResult:
    raw = body.get("disclosures") or []
    if not isinstance(raw, list):
        raise bad("disclosures 必须是列表", "disclosures must be a list", "disclosures")
    disclosures = []
    for item in raw:
        d = mapping_of(item, "disclosure")
        disclosures.append(
            Disclosure(
                kind=d.get("kind"),  # type: ignore[arg-type]  # raw JSON values: the dataclass's __post_init__ validates them
                subject=d.get("subject"),  # type: ignore[arg-type]  # raw JSON values: the dataclass's __post_init__ validates them
                zh=d.get("zh"),  # type: ignore[arg-type]  # raw JSON values: the dataclass's __post_init__ validates them
                en=d.get("en"),  # type: ignore[arg-type]  # raw JSON values: the dataclass's __post_init__ validates them
            )
        )
    return PhoneResult(
        brand=body.get("brand"),  # type: ignore[arg-type]  # raw JSON values: the dataclass's __post_init__ validates them
        model=body.get("model"),  # type: ignore[arg-type]  # raw JSON values: the dataclass's __post_init__ validates them
        storage_gb=body.get("storage_gb"),  # type: ignore[arg-type]  # raw JSON values: the dataclass's __post_init__ validates them
        imei=body.get("imei"),
        cosmetic_grade=body.get("cosmetic_grade"),  # type: ignore[arg-type]  # raw JSON values: the dataclass's __post_init__ validates them
        colour=body.get("colour"),
        imei2=body.get("imei2"),
        battery_health_pct=body.get("battery_health_pct"),
        report_id=body.get("report_id"),
        disclosures=tuple(disclosures),
        skipped_tests=str_tuple(body.get("skipped_tests"), "skipped_tests"),
        cosmetic_marks=str_tuple(body.get("cosmetic_marks"), "cosmetic_marks"),
    )
