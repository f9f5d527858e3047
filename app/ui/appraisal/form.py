"""The jewellery grading form: every field a vocabulary picker (GB 11887 metals, GB/T 16554
diamond grades, GB/T 23885 jadeite grades, GB/T 16552 gems, origins and treatments). The
certificate name is composed live from the result by the naming rules — never typed."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import TWError
from app.core.grading import DiamondGrades, JadeiteGrades, JewelryResult, Stone
from app.core.naming import certificate_name
from app.core.vocab import Vocabulary, gems, metals, pieces
from app.core.vocab import diamond as dia
from app.core.vocab import jadeite as jad
from app.ui.style import set_status

ORIGINS = ("natural", "synthetic", "man_made", "composite", "reconstructed", "imitation")
LAYER_ORIGINS = ("natural", "synthetic", "man_made")  # what a composite's layers may be


def fill(
    combo: QComboBox, vocab: Vocabulary, zh: bool, *, blank: str | None = None, codes: tuple[str, ...] | None = None
) -> None:
    combo.clear()
    if blank is not None:
        combo.addItem(blank, None)
    for term in vocab:
        if codes is not None and term.code not in codes:
            continue
        combo.addItem(term.zh if zh else term.en, term.code)
        combo.setItemData(combo.count() - 1, term.criteria_zh if zh else term.criteria_en, Qt.ItemDataRole.ToolTipRole)


def _select(combo: QComboBox, code: object) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(index if index >= 0 else 0)


def fill_codes(combo: QComboBox, codes: list[str], blank: str | None = None) -> None:
    combo.clear()
    if blank is not None:
        combo.addItem(blank, None)
    for code in codes:
        combo.addItem(code, code)


class JewelryForm(QWidget):
    changed = Signal()

    def __init__(self, zh: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zh = zh
        self.total_mass_g: Decimal | None = None
        self.name_label = QLabel("—")
        self.name_label.setObjectName("certName")
        self.name_label.setProperty("role", "big")
        self.name_label.setWordWrap(True)
        self.problem = QLabel("")
        self.problem.setObjectName("formProblem")
        self.problem.setWordWrap(True)
        none = self.tr("(none)")
        self.piece, self.metal, self.material = QComboBox(), QComboBox(), QComboBox()
        self.origin, self.imitates, self.shape = QComboBox(), QComboBox(), QComboBox()
        # A composite: the main-stone row is its top layer (natural), these give the next one.
        self.layer2, self.layer2_origin = QComboBox(), QComboBox()
        self.layer2.setObjectName("compositeLayer2")
        fill(self.piece, pieces.PIECES, zh)
        fill(self.metal, metals.METALS, zh, blank=none)
        fill(self.material, gems.GEMS, zh, blank=none)
        fill(self.origin, gems.ORIGINS, zh, codes=ORIGINS)
        fill(self.imitates, gems.GEMS, zh, blank=none)
        fill(self.layer2, gems.GEMS, zh, blank=none)
        fill(self.layer2_origin, gems.ORIGINS, zh, codes=LAYER_ORIGINS)
        fill(self.shape, pieces.SHAPES, zh, blank=none)
        self.treatments = QListWidget()
        self.treatments.setMaximumHeight(96)
        for term in gems.TREATMENTS:
            item = QListWidgetItem(term.zh if zh else term.en)
            item.setData(Qt.ItemDataRole.UserRole, term.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.treatments.addItem(item)
        self.stone_ct = QLineEdit()
        self.stone_ct.setPlaceholderText(self.tr("e.g. 0.30"))
        self.count = QSpinBox()
        self.count.setRange(1, 10000)
        self.d_colour, self.d_clarity, self.d_cut, self.d_fluor = QComboBox(), QComboBox(), QComboBox(), QComboBox()
        fill(self.d_cut, dia.DIAMOND_CUTS, zh, blank=none)
        fill(self.d_fluor, dia.DIAMOND_FLUORESCENCE, zh, blank=none)
        self.j_colour, self.j_transp, self.j_texture, self.j_clarity = (
            QComboBox(),
            QComboBox(),
            QComboBox(),
            QComboBox(),
        )
        fill(self.j_colour, jad.JADEITE_COLOURS, zh)
        fill(self.j_transp, jad.JADEITE_TRANSPARENCIES, zh)
        fill(self.j_texture, jad.JADEITE_TEXTURES, zh)
        fill(self.j_clarity, jad.JADEITE_CLARITIES, zh)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name_label)
        layout.addWidget(self.problem)
        form = QFormLayout()
        form.addRow(self.tr("Piece"), self.piece)
        form.addRow(self.tr("Metal (GB 11887)"), self.metal)
        form.addRow(self.tr("Main stone (GB/T 16552)"), self.material)
        form.addRow(self.tr("Origin"), self.origin)
        form.addRow(self.tr("Imitates"), self.imitates)
        form.addRow(self.tr("Composite: second layer"), self.layer2)
        form.addRow(self.tr("Second layer origin"), self.layer2_origin)
        form.addRow(self.tr("Treatments"), self.treatments)
        form.addRow(self.tr("Stone mass (ct)"), self.stone_ct)
        form.addRow(self.tr("Count"), self.count)
        form.addRow(self.tr("Shape"), self.shape)
        layout.addLayout(form)
        self.diamond_box = QGroupBox(self.tr("Diamond grades (GB/T 16554)"))
        dform = QFormLayout(self.diamond_box)
        dform.addRow(self.tr("Colour"), self.d_colour)
        dform.addRow(self.tr("Clarity"), self.d_clarity)
        dform.addRow(self.tr("Cut"), self.d_cut)
        dform.addRow(self.tr("Fluorescence"), self.d_fluor)
        self.jadeite_box = QGroupBox(self.tr("Jadeite grades (GB/T 23885)"))
        jform = QFormLayout(self.jadeite_box)
        jform.addRow(self.tr("Colour"), self.j_colour)
        jform.addRow(self.tr("Transparency"), self.j_transp)
        jform.addRow(self.tr("Texture"), self.j_texture)
        jform.addRow(self.tr("Clarity"), self.j_clarity)
        layout.addWidget(self.diamond_box)
        layout.addWidget(self.jadeite_box)
        layout.addStretch(1)
        for combo in (
            self.piece,
            self.metal,
            self.material,
            self.origin,
            self.imitates,
            self.layer2,
            self.layer2_origin,
            self.shape,
            self.d_colour,
            self.d_clarity,
            self.d_cut,
            self.d_fluor,
            self.j_colour,
            self.j_transp,
            self.j_texture,
            self.j_clarity,
        ):
            combo.currentIndexChanged.connect(self._refresh)
        self.treatments.itemChanged.connect(self._refresh)
        self.stone_ct.textChanged.connect(self._refresh)
        self.count.valueChanged.connect(self._refresh)
        self._mounted: bool | None = None
        self._read_only = False
        self._refresh()

    # ---------------------------------------------------------------- reset and show

    def tab_chain(self) -> list[QWidget]:
        """The inputs in the order they are shown (Tab walks them top to bottom)."""
        return self._inputs()

    def _inputs(self) -> list[QWidget]:
        return [
            self.piece,
            self.metal,
            self.material,
            self.origin,
            self.imitates,
            self.layer2,
            self.layer2_origin,
            self.treatments,
            self.stone_ct,
            self.count,
            self.shape,
            self.d_colour,
            self.d_clarity,
            self.d_cut,
            self.d_fluor,
            self.j_colour,
            self.j_transp,
            self.j_texture,
            self.j_clarity,
        ]

    def _quiet(self, block: bool) -> None:
        for w in self._inputs():
            w.blockSignals(block)

    def clear(self) -> None:
        """Back to an empty form (another item was opened): nothing of the last item stays."""
        self._quiet(True)
        for combo in (
            self.piece,
            self.metal,
            self.material,
            self.origin,
            self.imitates,
            self.layer2,
            self.layer2_origin,
            self.shape,
            self.d_cut,
            self.d_fluor,
            self.j_colour,
            self.j_transp,
            self.j_texture,
            self.j_clarity,
        ):
            combo.setCurrentIndex(0)
        for i in range(self.treatments.count()):
            self.treatments.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.stone_ct.clear()
        self.count.setValue(1)
        self.total_mass_g = None
        self._mounted = None
        self._quiet(False)
        self.set_read_only(False)

    def show_result(self, result: JewelryResult) -> None:
        """Fill the form with a recorded result (a revision, shown read-only by the screen)."""
        self.clear()
        self._quiet(True)
        _select(self.piece, result.piece)
        _select(self.metal, result.metal)
        stone = result.main_stone
        if stone is not None:
            if stone.origin == "composite" and len(stone.components) > 1:
                _select(self.material, stone.components[0].material)
                _select(self.layer2, stone.components[1].material)
                _select(self.layer2_origin, stone.components[1].origin)
            else:
                _select(self.material, stone.material)
            _select(self.origin, stone.origin)
            _select(self.imitates, stone.imitates)
            _select(self.shape, stone.shape)
            for i in range(self.treatments.count()):
                item = self.treatments.item(i)
                if item.data(Qt.ItemDataRole.UserRole) in stone.treatments:
                    item.setCheckState(Qt.CheckState.Checked)
            self.stone_ct.setText("" if stone.mass_ct is None else str(stone.mass_ct))
            self.count.setValue(stone.count)
        self._quiet(False)
        self.total_mass_g = result.total_mass_g
        self._refresh()  # fills the diamond grade lists for a mounted or loose piece
        if stone is not None and stone.diamond is not None:
            self._quiet(True)
            for combo, code in (
                (self.d_colour, stone.diamond.colour),
                (self.d_clarity, stone.diamond.clarity),
                (self.d_cut, stone.diamond.cut),
                (self.d_fluor, stone.diamond.fluorescence),
            ):
                _select(combo, code)
            self._quiet(False)
        if stone is not None and stone.jadeite is not None:
            self._quiet(True)
            j = stone.jadeite
            for combo, code in (
                (self.j_colour, j.colour),
                (self.j_transp, j.transparency),
                (self.j_texture, j.texture),
                (self.j_clarity, j.clarity),
            ):
                _select(combo, code)
            self._quiet(False)
        self._refresh()

    def set_read_only(self, read_only: bool) -> None:
        """A recorded revision is shown, not edited, until a new revision is started."""
        self._read_only = read_only
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        # The imitation and composite fields follow the origin (``_refresh``), not only this.
        follows_origin = (self.imitates, self.layer2, self.layer2_origin)
        for w in self._inputs():
            if self._read_only or w not in follows_origin:
                w.setEnabled(not self._read_only)

    @property
    def read_only(self) -> bool:
        return self._read_only

    # ---------------------------------------------------------------- result

    def set_total_mass(self, grams: Decimal | None) -> None:
        self.total_mass_g = grams
        self._refresh()

    def _checked_treatments(self) -> tuple[str, ...]:
        return tuple(
            self.treatments.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.treatments.count())
            if self.treatments.item(i).checkState() == Qt.CheckState.Checked
        )

    def result(self) -> JewelryResult:
        """The structured result, or the ValidationError (zh/en) saying what is missing."""
        material, origin = self.material.currentData(), self.origin.currentData()
        stone = None
        if material is not None or origin == "imitation":
            ct = self.stone_ct.text().strip()
            try:
                mass = Decimal(ct) if ct else None
            except InvalidOperation:
                from app.core.errors import ValidationError

                raise ValidationError(f"宝石质量不是数值：{ct}", f"Stone mass is not a number: {ct}") from None
            diamond = jade = None
            if material == "diamond" and not self.diamond_box.isHidden() and self.d_colour.currentData():
                diamond = DiamondGrades(
                    self.d_colour.currentData(),
                    self.d_clarity.currentData(),
                    self.d_cut.currentData(),
                    self.d_fluor.currentData(),
                )
            if material == "jadeite" and not self.jadeite_box.isHidden():
                jade = JadeiteGrades(
                    self.j_colour.currentData(),
                    self.j_transp.currentData(),
                    self.j_texture.currentData(),
                    self.j_clarity.currentData(),
                )
            imitation = origin == "imitation"
            if origin == "composite":
                layers = (
                    Stone(material=material, origin="natural"),
                    Stone(material=self.layer2.currentData(), origin=self.layer2_origin.currentData()),
                )
                stone = Stone(
                    material=None,
                    origin="composite",
                    components=layers,
                    mass_ct=mass,
                    count=self.count.value(),
                    shape=self.shape.currentData(),
                )
            else:
                stone = Stone(
                    material=material,
                    origin=origin,
                    treatments=self._checked_treatments(),
                    imitates=self.imitates.currentData() if imitation else None,
                    mass_ct=mass,
                    count=self.count.value(),
                    shape=self.shape.currentData(),
                    diamond=diamond,
                    jadeite=jade,
                )
        return JewelryResult(
            piece=self.piece.currentData(),
            metal=self.metal.currentData(),
            main_stone=stone,
            total_mass_g=self.total_mass_g,
        )

    def _refresh(self, *_: object) -> None:
        material, origin = self.material.currentData(), self.origin.currentData()
        mounted = pieces.PIECES.get(self.piece.currentData()).mounted
        if mounted != self._mounted:  # mounted stones are graded in groups, loose ones singly
            self._mounted = mounted
            fill_codes(self.d_colour, list(dia.MOUNTED_COLOUR_GROUPS) if mounted else list(dia.DIAMOND_COLOURS.codes))
            fill_codes(
                self.d_clarity, list(dia.MOUNTED_CLARITY_GROUPS) if mounted else list(dia.DIAMOND_CLARITIES.codes)
            )
        self.imitates.setEnabled(origin == "imitation" and not self._read_only)
        self.layer2.setEnabled(origin == "composite" and not self._read_only)
        self.layer2_origin.setEnabled(origin == "composite" and not self._read_only)
        self.diamond_box.setVisible(material == "diamond" and origin in ("natural", "synthetic"))
        treated = (
            bool(material) and bool(gems.must_declare(self._checked_treatments(), material))
            if material and origin != "imitation"
            else False
        )
        self.jadeite_box.setVisible(material == "jadeite" and origin == "natural" and not treated)
        try:
            name = certificate_name(self.result())
        except TWError as exc:
            self.name_label.setText("—")
            self.problem.setText(exc.message("zh_CN" if self.zh else "en"))
            set_status(self.problem, "warn")
        else:
            self.name_label.setText(name.zh if self.zh else name.en)
            remarks = name.remarks_zh if self.zh else name.remarks_en
            self.problem.setText("；".join(remarks) if remarks else "")
            set_status(self.problem, "ok")
        self.changed.emit()
