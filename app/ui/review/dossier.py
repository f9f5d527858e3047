"""One item laid out for the supervisor: the merchant's declaration beside what the appraiser
found, the photos, every measurement with where it came from, the inspection report of a
phone, earlier decisions and certificates."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import DEFAULT_TIME_ZONE, format_local
from app.core.lifecycle import STATE_NAMES, ItemState
from app.services.review import Dossier
from app.ui import i18n


def _label(text: str, role: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


class DossierView(QWidget):
    PHOTO = 230

    def __init__(self, zh: bool, parent: QWidget | None = None, time_zone: str = DEFAULT_TIME_ZONE) -> None:
        super().__init__(parent)
        self.zh = zh
        self.time_zone = time_zone  # times are stored UTC and shown at the warehouse
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = _label(self.tr("Scan a tag or pick an item from the list"), "title")
        self.heading.setObjectName("dossierHeading")
        self.sub = _label("", "hint")
        layout.addWidget(self.heading)
        layout.addWidget(self.sub)
        grid = QGridLayout()
        self.declared_box, self.declared = self._form(self.tr("Merchant's declaration"))
        self.found_box, self.found = self._form(self.tr("Appraisal result"))
        photos = QGroupBox(self.tr("Photos"))
        strip = QWidget()
        self.photo_row = QHBoxLayout(strip)
        self.photo_row.setContentsMargins(0, 0, 0, 0)
        # The row scrolls sideways instead of widening the window past a 1366-pixel screen.
        scroll = QScrollArea()
        scroll.setObjectName("dossierPhotos")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(strip)
        # Small screens (1366x768 at 125%) get half-height photos that scroll; larger ones the full row.
        scroll.setMinimumHeight(self.PHOTO // 2 + scroll.horizontalScrollBar().sizeHint().height() + 4)
        QVBoxLayout(photos).addWidget(scroll)
        grid.addWidget(self.declared_box, 0, 0)
        grid.addWidget(self.found_box, 0, 1)
        grid.addWidget(photos, 0, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 3)
        layout.addLayout(grid)
        # Red findings of the revision under review with the appraiser's justification: each is
        # ticked by the reviewer before approving (ReviewService.approve checks it again).
        self.red_box = QGroupBox(self.tr("Red findings: read and acknowledge each before approving"))
        self.red_box.setObjectName("redFindings")
        self.red_box.setStyleSheet("#redFindings { border: 2px solid #b3261e; }")
        red = QVBoxLayout(self.red_box)
        self.red_list = QVBoxLayout()
        red.addLayout(self.red_list)
        self.justification = _label("")
        self.justification.setObjectName("justificationText")
        red.addWidget(self.justification)
        self.red_checks: dict[str, QCheckBox] = {}
        self.red_box.hide()
        layout.addWidget(self.red_box)
        self.measures = QTableWidget(0, 5)
        self.measures.setObjectName("measurementsTable")
        self.measures.setHorizontalHeaderLabels(
            [self.tr("Measurement"), self.tr("Value"), self.tr("Source"), self.tr("By"), self.tr("When")]
        )
        self.measures.horizontalHeader().setStretchLastSection(True)
        self.measures.verticalHeader().setVisible(False)
        self.measures.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.measures, 1)
        self.report = _label("")
        self.report.setObjectName("inspectionSummary")
        self.history = _label("", "hint")
        layout.addWidget(self.report)
        layout.addWidget(self.history)

    def _form(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        return box, form

    def _fill(self, form: QFormLayout, rows: list[tuple[str, Any]]) -> None:
        while form.rowCount():
            form.removeRow(0)
        for key, value in rows:
            if value not in (None, "", [], {}):
                form.addRow(key, _label(str(value)))

    def show_dossier(self, d: Dossier, photos: dict[str, bytes]) -> None:
        item, g = d.item, d.grading
        state = STATE_NAMES[ItemState(item.state)][0 if self.zh else 1]
        self.heading.setText(f"{item.tag} · {(g.name if g and g.name else item.title)}")
        self.sub.setText(" · ".join(x for x in (state, item.merchant_name, item.order_no, item.waybill_no) if x))
        from app.core.declared import describe

        # Codes in words (Au750 → 18K金 (Au750)); anything unexpected is still shown.
        self._fill(
            self.declared, [(self.tr("Title"), item.title), *describe(item.declared, "zh_CN" if self.zh else "en")]
        )
        self._fill(self.found, self._found_rows(d))
        self._show_red(d)
        self._show_photos(photos)
        self.measures.setRowCount(len(d.measurements))
        for i, m in enumerate(d.measurements):
            value = m.value if not isinstance(m.value, dict) else " × ".join(f"{v}" for v in m.value.values())
            source = {
                "device": self.tr("device"),
                "manual": self.tr("typed by hand"),
                "computed": self.tr("computed"),
            }.get(m.source, m.source)
            if m.device.get("model"):
                source += f" ({m.device['model']} {m.device.get('serial', '')})".rstrip()
            kind = self._kind_name(m.extra.get("field", m.kind) if m.kind == "other" else m.kind)
            for j, text in enumerate(
                (
                    kind,
                    f"{value} {m.unit if m.unit not in ('1', '') else ''}".strip(),
                    source,
                    d.person(m.recorded_by),
                    self._when(m.recorded_at),
                )
            ):
                self.measures.setItem(i, j, QTableWidgetItem(text))
        self.measures.resizeColumnsToContents()
        r = d.inspection
        self.report.setText(
            ""
            if r is None
            else self.tr("Inspection report %1 from box %2 (%3), %4")
            .replace("%1", r.report_id)
            .replace("%2", r.box.get("serial", ""))
            .replace("%3", r.box.get("firmware", ""))
            .replace("%4", self._when(r.recorded_at))
        )
        lines = [
            self.tr("Revision %1: %2 by %3")
            .replace("%1", str(v.revision))
            .replace("%2", self.tr("approved") if v.decision == "approved" else self.tr("returned"))
            .replace("%3", d.person(v.reviewer))
            + (f" — {v.reason}" if v.reason else "")
            for v in d.reviews
        ]
        lines += [
            f"{c.certificate_no} · {self.tr('valid') if c.status == 'valid' else self.tr('voided')}"
            + (f" → {c.replaced_by}" if c.replaced_by else "")
            for c in d.certificates
        ]
        self.history.setText("\n".join(lines))

    def _show_red(self, d: Dossier) -> None:
        while self.red_list.count():
            taken = self.red_list.takeAt(0)
            w = taken.widget() if taken is not None else None
            if w is not None:
                w.deleteLater()
        self.red_checks = {}
        reds = d.grading.red_findings if d.grading is not None else []
        for f in reds:
            box = QCheckBox("✘ " + str(f.get("zh") if self.zh else f.get("en")))
            box.setObjectName(f"ack_{f['code']}")
            box.setStyleSheet("color: #b3261e; font-weight: 600;")
            self.red_checks[f["code"]] = box
            self.red_list.addWidget(box)
        why = d.grading.result.justification if d.grading is not None else ""
        self.justification.setText(self.tr("Appraiser's justification: %1").replace("%1", why or self.tr("(none)")))
        self.red_box.setVisible(bool(reds))

    def _when(self, at: Any) -> str:
        return format_local(at, self.time_zone)

    def acknowledged(self) -> list[str]:
        """Codes of the red findings the reviewer ticked (passed to ReviewService.approve)."""
        return [code for code, box in self.red_checks.items() if box.isChecked()]

    def _found_rows(self, d: Dossier) -> list[tuple[str, Any]]:
        g = d.grading
        if g is None:
            return [(self.tr("Result"), self.tr("not graded yet"))]
        rows: list[tuple[str, Any]] = [
            (self.tr("Name"), g.name),
            (self.tr("Verdict"), self.tr("pass") if g.verdict == "pass" else self.tr("fail")),
            (self.tr("Revision"), f"{g.revision} · {d.person(g.graded_by)} · {self._when(g.graded_at)}"),
        ]
        j, p = g.result.jewelry, g.result.phone
        if j is not None:
            s = j.main_stone
            rows += [
                (self.tr("Metal"), j.metal and _metal_text(j.metal, self.zh)),
                (self.tr("Total mass"), _unit(j.total_mass_g, "g")),
                (self.tr("Main stone"), s and _stone_text(s, self.zh)),
                (self.tr("Diamond grades"), s and s.diamond and f"{s.diamond.colour} / {s.diamond.clarity}"),
                (
                    self.tr("Treatments"),
                    s and i18n.join_list((_term(gems_vocab().TREATMENTS, t, self.zh) for t in s.treatments), self.zh),
                ),
            ]
        if p is not None:
            from app.core.vocab import phone

            rows += [
                (self.tr("Model"), f"{_term(phone.BRANDS, p.brand, self.zh)} {p.model} {p.storage_gb} GB"),
                (self.tr("Colour"), p.colour and _term(phone.COLOURS, p.colour, self.zh)),
                (self.tr("IMEI"), p.imei),
                (self.tr("Cosmetic grade"), _term(phone.COSMETIC_GRADES, p.cosmetic_grade, self.zh)),
                (self.tr("Battery"), _unit(p.battery_health_pct, "%")),
                (self.tr("Disclosures"), "；".join(x.zh if self.zh else x.en for x in p.disclosures)),
            ]
        return rows + [(self.tr("Note"), g.result.note)]

    def _kind_name(self, kind: str) -> str:
        names = {
            "mass": self.tr("Mass"),
            "mass_in_water": self.tr("Mass in water"),
            "specific_gravity": self.tr("Specific gravity"),
            "refractive_index": self.tr("Refractive index"),
            "dimensions": self.tr("Dimensions"),
            "magnification": self.tr("Magnification"),
            "fluorescence": self.tr("Fluorescence"),
            "polariscope": self.tr("Polariscope"),
            "spectroscope": self.tr("Spectroscope"),
            "inclusions": self.tr("Inclusions"),
            "hallmark_text": self.tr("Hallmark"),
            "metal_content": self.tr("Metal content (XRF)"),
            "condition": self.tr("Condition"),
            "note": self.tr("Note"),
        }
        return names.get(kind, kind)

    def _show_photos(self, photos: dict[str, bytes]) -> None:
        while self.photo_row.count():
            taken = self.photo_row.takeAt(0)
            w = taken.widget() if taken is not None else None
            if w is not None:
                w.deleteLater()
        for n, (view, data) in enumerate(photos.items()):
            pix = QPixmap()
            pix.loadFromData(data)
            side = self.PHOTO if n == 0 else self.PHOTO // 2
            cell = QLabel()
            cell.setObjectName(f"photo_{view}")
            cell.setPixmap(
                pix.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )
            cell.setToolTip(view)
            self.photo_row.addWidget(cell, 0, Qt.AlignmentFlag.AlignTop)
        self.photo_row.addStretch(1)


def gems_vocab():
    from app.core.vocab import gems

    return gems


def _term(vocab: Any, code: str, zh: bool) -> str:
    """A code in words; an unknown code is shown as it came."""
    term = vocab.find(code)
    return (term.zh if zh else term.en) if term is not None else code


def _metal_text(code: str, zh: bool) -> str:
    from app.core.vocab import metals

    term = metals.METALS.get(code)
    return f"{term.zh if zh else term.en} ({code})"


def _stone_text(stone: Any, zh: bool) -> str:
    from app.core.vocab import gems

    parts = []
    if stone.material:
        term = gems.gem_term(stone.material)
        parts.append(term.zh if zh else term.en)
    origin = gems.ORIGINS.get(stone.origin)
    parts.append(origin.zh if zh else origin.en)
    if stone.mass_ct is not None:
        parts.append(f"{stone.mass_ct} ct")
    return " · ".join(parts)


def _unit(value: Any, unit: str) -> str | None:
    return None if value is None else f"{value} {unit}".replace(" %", "%")
