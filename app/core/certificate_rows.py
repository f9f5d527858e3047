"""The rows printed on a certificate and the disclosures it must carry, from the measured
facts of a piece. Part, part-state, function-test and treatment names come from
app.core.vocab, the same terms the screens show; an unknown code prints as it came, never
disappears.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from app.core.certificate_key_facts import decimal_text, mask_imei
from app.core.vocab import gems, phone


class FactRow(NamedTuple):
    label_zh: str
    label_en: str
    value: str


class Disclosure(NamedTuple):
    zh: str
    en: str


def _cap(text: str) -> str:
    # a printed cell starts with a capital (vocabularies keep English names lower case)
    return text[:1].upper() + text[1:]


def _pair(named: tuple[str, str]) -> tuple[str, str]:
    return named[0], _cap(named[1])


def treatment_disclosure(code: str) -> Disclosure:
    """A treatment code of ``gems.TREATMENTS`` (or a free-text method) as printed."""
    term = gems.TREATMENTS.find(code)
    return Disclosure(term.zh, _cap(term.en)) if term else Disclosure(code, code)


def _both(named: tuple[str, str]) -> str:
    zh, en = _pair(named)
    return f"{zh} {en}".strip() if zh != en else zh


def _add(rows: list[FactRow], zh: str, en: str, value: Any) -> None:
    if value is not None and value != "":
        rows.append(FactRow(zh, en, str(value)))


def jewelry_fact_rows(m: Mapping[str, Any]) -> tuple[FactRow, ...]:
    """Rows from measured jewelry facts; keys: total_mass_g (required), main_stone_ct, shape,
    colour, specific_gravity, refractive_index, fineness_mark, diamond_colour,
    diamond_clarity, diamond_cut, observations. Missing keys are left out."""
    mass = Decimal(m["total_mass_g"])
    # Printed with the digits measured (0.30 ct stays 0.30); 1 ct = 0.2 g exactly.
    rows: list[FactRow] = [FactRow("总质量", "Total mass", mass_text(mass, m.get("total_mass_u_g")))]
    if m.get("main_stone_ct") is not None:
        _add(rows, "主石质量", "Main stone", f"{Decimal(m['main_stone_ct']):f} ct")
    _add(rows, "形状", "Shape", m.get("shape"))
    _add(rows, "颜色", "Colour", m.get("colour"))
    if m.get("specific_gravity") is not None:
        _add(rows, "比重", "Specific gravity", sg_text(m["specific_gravity"], m.get("specific_gravity_u")))
    if m.get("refractive_index") is not None:
        _add(rows, "折射率", "Refractive index", decimal_text(m["refractive_index"]))
    _add(rows, "成色（测定）", "Fineness determined", m.get("fineness_mark"))
    _add(rows, "钻石颜色", "Diamond colour", m.get("diamond_colour"))
    _add(rows, "钻石净度", "Diamond clarity", m.get("diamond_clarity"))
    _add(rows, "钻石切工", "Diamond cut", m.get("diamond_cut"))
    _add(rows, "观察", "Observations", m.get("observations"))
    return tuple(rows)


def mass_text(mass: Decimal, expanded: Decimal | None) -> str:
    if expanded is None:
        return f"{mass:f} g ({mass * 5:f} ct)"
    shown = mass.quantize(Decimal(expanded))
    return f"{shown:f} g ± {Decimal(expanded):f} g (k=2) ({mass * 5:f} ct)"


def sg_text(sg: Decimal | str, expanded: Decimal | str | None) -> str:
    return decimal_text(sg) if expanded is None else f"{decimal_text(sg)} ± {decimal_text(expanded)}"


def jewelry_disclosures(m: Mapping[str, Any]) -> tuple[Disclosure, ...]:
    """Treatments (codes of ``TREATMENTS`` or free text) become disclosures, always printed."""
    out = [treatment_disclosure(t) for t in m.get("treatments", ())]
    return tuple(out) + tuple(Disclosure(*d) for d in m.get("other_disclosures", ()))


def phone_fact_rows(m: Mapping[str, Any]) -> tuple[FactRow, ...]:
    """Rows from measured phone facts; keys: model, storage_gb, colour, imei, serial,
    battery_health_pct, battery_cycles, parts {part: state}, failed_functions [code],
    cosmetic_grade, warranty_until (date)."""
    rows: list[FactRow] = []
    _add(rows, "型号", "Model", m.get("model"))
    if m.get("storage_gb") is not None:
        _add(rows, "存储容量", "Storage", f"{m['storage_gb']} GB")
    _add(rows, "颜色", "Colour", m.get("colour"))
    _add(rows, "IMEI", "IMEI", mask_imei(m["imei"]) if m.get("imei") else None)
    _add(rows, "序列号", "Serial no.", m.get("serial"))
    if m.get("battery_health_pct") is not None:
        cycles = m.get("battery_cycles")
        tail = f" · {cycles} 次循环 cycles" if cycles is not None else ""
        _add(rows, "电池健康", "Battery health", f"{m['battery_health_pct']}%{tail}")
    for part, state in m.get("parts", {}).items():
        zh, en = _pair(phone.part_name(part))
        rows.append(FactRow(zh, en, _both(phone.part_status_name(state))))
    failed = [_both(phone.function_test_name(f)) for f in m.get("failed_functions", ())]
    _add(rows, "功能异常", "Failed functions", "、".join(failed) if failed else "无 None")
    _add(rows, "成色等级", "Cosmetic grade", m.get("cosmetic_grade"))
    if m.get("warranty_until") is not None:
        _add(rows, "保修截止", "Warranty until", m["warranty_until"].isoformat())
    return tuple(rows)


def phone_disclosures(m: Mapping[str, Any]) -> tuple[Disclosure, ...]:
    """Every part that is not original, and every failed function, is disclosed."""
    out: list[Disclosure] = []
    for part, state in m.get("parts", {}).items():
        if state != "original":
            pzh, pen = _pair(phone.part_name(part))
            szh, sen = _pair(phone.part_status_name(state))
            out.append(Disclosure(f"{pzh}：{szh}", f"{pen}: {sen}"))
    for code in m.get("failed_functions", ()):
        fzh, fen = _pair(phone.function_test_name(code))
        out.append(Disclosure(f"{fzh}功能异常", f"{fen} does not work"))
    return tuple(out) + tuple(Disclosure(*d) for d in m.get("other_disclosures", ()))
