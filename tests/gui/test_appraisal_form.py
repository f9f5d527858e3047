"""The grading form composes certificate names by GB/T 16552's rules, composites included."""

from __future__ import annotations

from app.ui.appraisal.form import JewelryForm


def _pick(combo, code) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(code))


def test_composite_and_imitation_names(qtbot):
    form = JewelryForm(zh=True)
    qtbot.addWidget(form)
    _pick(form.piece, "loose_stone")
    _pick(form.material, "sapphire")
    _pick(form.origin, "composite")
    assert form.layer2.isEnabled()
    _pick(form.layer2, "sapphire")
    _pick(form.layer2_origin, "synthetic")
    assert form.name_label.text() == "蓝宝石、合成蓝宝石拼合石"
    _pick(form.origin, "imitation")
    assert not form.layer2.isEnabled()
    _pick(form.material, "")
    _pick(form.imitates, "emerald")
    assert "仿祖母绿" in form.name_label.text()
