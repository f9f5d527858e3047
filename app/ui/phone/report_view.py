"""The box report shown readably: the rules' verdict and findings first, then declared vs
found side by side, identity, battery, parts, locks, every function test, disclosures and
where the report came from. Rendered as HTML in one read-only browser."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.core import phone_rules
from app.core.vocab import phone
from app.core.vocab.reasons import reason_name
from app.services.inspection import InspectionView
from app.ui.style import ERROR_COLOR, OK_COLOR, WARN_COLOR

GREY = "#6b7280"


def _c(text: str, color: str, bold: bool = True) -> str:
    return f'<span style="color:{color};{"font-weight:600;" if bold else ""}">{text}</span>'


class ReportPanel(QTextBrowser):
    def __init__(self, zh: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phoneReport")
        self.zh = zh
        self.setOpenLinks(False)
        self.view: InspectionView | None = None
        self.show_empty()

    def show_empty(self, text: str | None = None) -> None:
        self.view = None
        msg = text or self.tr("Scan a phone's tag, then plug the phone into the inspection box.")
        self.setHtml(f'<p style="font-size:18px;color:{GREY}">{escape(msg)}</p>')

    @property
    def _lang(self) -> str:
        return "zh_CN" if self.zh else "en"

    def _name(self, pair: tuple[str, str]) -> str:
        return escape(pair[0] if self.zh else pair[1])

    def _val(self, value: Any) -> str:
        return _c(self.tr("not read"), WARN_COLOR) if value is None else escape(str(value))

    def show_inspection(self, view: InspectionView) -> None:
        self.view = view
        rep, ev = view.report.report, view.evaluation
        identity = rep.get("identity") or {}
        left = (
            self._verdict(view)
            + self._comparison(view, identity)
            + self._identity(identity)
            + self._battery(rep.get("battery") or {})
            + self._source(view)
        )
        right = (
            self._parts(rep)
            + self._locks(rep.get("locks") or {}, rep.get("flags") or {})
            + self._functions(rep)
            + self._disclosures(ev)
        )
        self.setHtml(
            '<table width="100%" cellspacing="0" cellpadding="6"><tr>'
            f'<td width="52%" valign="top">{left}</td><td valign="top">{right}</td></tr></table>'
        )

    def _h(self, text: str) -> str:
        return f'<h3 style="margin:10px 0 4px 0;">{escape(text)}</h3>'

    def _table(self, rows: Sequence[tuple[str, ...]], header: tuple[str, ...] | None = None) -> str:
        out = ['<table cellspacing="0" cellpadding="3" style="border-collapse:collapse;">']
        if header:
            out.append(
                "<tr>" + "".join(f'<th align="left" style="color:{GREY}">{escape(h)}</th>' for h in header) + "</tr>"
            )
        out += ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows]
        return "".join(out) + "</table>"

    def _verdict(self, view: InspectionView) -> str:
        ev = view.evaluation
        if ev.verdict == "fail":
            head = _c(
                self.tr("Rules say: FAIL (%1)").replace("%1", escape(reason_name(ev.reason_code, self._lang))),
                ERROR_COLOR,
            )
        else:
            head = _c(self.tr("Rules say: pass"), OK_COLOR)
        items = []
        for f in ev.findings:
            color = ERROR_COLOR if f.severity == "fail" else WARN_COLOR
            items.append(f"<li>{_c(escape(f.zh if self.zh else f.en), color, f.severity == 'fail')}</li>")
        if not items:
            none = self.tr("No finding: identity, locks and declaration agree.")
            items.append(f"<li>{escape(none)}</li>")
        return f'<p style="font-size:20px;margin:0">{head}</p><ul style="margin-top:2px">{"".join(items)}</ul>'

    def _comparison(self, view: InspectionView, identity: dict[str, Any]) -> str:
        d = view.declared
        codes = {f.code for f in view.evaluation.findings}
        rows = []
        for label, key, have, bad in (
            (self.tr("Brand"), "brand", identity.get("brand"), "brand_differs"),
            (
                self.tr("Model"),
                "model",
                identity.get("marketing_name") or identity.get("model_number"),
                "model_differs",
            ),
            (self.tr("Storage (GB)"), "storage_gb", identity.get("storage_gb"), "storage_differs"),
            (self.tr("Colour"), "color", phone.colour_name(identity.get("color"), self._lang), "colour_differs"),
            (self.tr("IMEI"), "imei", identity.get("imei"), "imei_mismatch_declared"),
        ):
            want = d.get(key)
            if want is None:
                mark = _c(self.tr("not declared"), GREY, False)
            elif bad in codes or (have is None and key != "imei"):
                mark = (
                    _c("✗ " + self.tr("differs"), ERROR_COLOR)
                    if have is not None
                    else _c("? " + self.tr("check by hand"), WARN_COLOR)
                )
            else:
                mark = _c("✓ " + self.tr("matches"), OK_COLOR)
            rows.append((escape(label), escape("" if want is None else str(want)), self._val(have), mark))
        if view.recorded_imei:
            ok = view.recorded_imei in (identity.get("imei"), identity.get("imei2"))
            rows.append(
                (
                    escape(self.tr("IMEI at first inspection")),
                    escape(view.recorded_imei),
                    self._val(identity.get("imei")),
                    _c("✓ " + self.tr("same phone"), OK_COLOR)
                    if ok
                    else _c("✗ " + self.tr("another phone"), ERROR_COLOR),
                )
            )
        return self._h(self.tr("Declared by the merchant vs found by the box")) + self._table(
            rows, (self.tr("Field"), self.tr("Declared"), self.tr("Box"), "")
        )

    def _imei(self, value: Any) -> str:
        if value is None:
            return self._val(None)
        ok = phone_rules.imei_valid(value)
        mark = _c(self.tr("check digit OK"), OK_COLOR) if ok else _c(self.tr("WRONG check digit"), ERROR_COLOR)
        return f"{escape(str(value))} &nbsp; {mark}"

    def _identity(self, i: dict[str, Any]) -> str:
        rows = [
            (self.tr("Model number"), self._val(i.get("model_number"))),
            (self.tr("Serial number"), self._val(i.get("serial"))),
            ("IMEI", self._imei(i.get("imei"))),
            ("IMEI 2", self._imei(i.get("imei2"))),
            (self.tr("System"), self._val(f"{i.get('platform') or ''} {i.get('os_version') or ''}".strip() or None)),
            (self.tr("Region"), self._val(i.get("region_code"))),
        ]
        return self._h(self.tr("Identity")) + self._table([(escape(a), b) for a, b in rows])

    def _battery(self, b: dict[str, Any]) -> str:
        health = b.get("health_pct")
        shown = self._val(None if health is None else f"{health}%")
        if isinstance(health, int) and health < phone_rules.BATTERY_SERVICE_PCT:
            shown = _c(escape(f"{health}%"), WARN_COLOR)
        original = b.get("original")
        rows = [
            (self.tr("Health"), shown),
            (self.tr("Charge cycles"), self._val(b.get("cycle_count"))),
            (
                self.tr("Capacity (mAh)"),
                self._val(
                    None
                    if b.get("full_charge_capacity_mah") is None
                    else f"{b.get('full_charge_capacity_mah')} / {b.get('design_capacity_mah')}"
                ),
            ),
            (
                self.tr("Original battery"),
                self._val(None)
                if original is None
                else (_c(self.tr("yes"), OK_COLOR) if original else _c(self.tr("no"), ERROR_COLOR)),
            ),
        ]
        return self._h(self.tr("Battery")) + self._table([(escape(a), c) for a, c in rows])

    def _parts(self, rep: dict[str, Any]) -> str:
        colors = {"original": OK_COLOR, "replaced": ERROR_COLOR, "unknown": WARN_COLOR}
        rows = []
        for p in rep.get("parts") or []:
            status = p.get("status") or "unknown"
            label = self._name(phone.part_status_name(status))
            rows.append(
                (
                    self._name(phone.part_name(p.get("part", ""))),
                    _c(label, colors.get(status, GREY)),
                    escape(phone.box_detail(p.get("detail"), self._lang)),
                )
            )
        return self._h(self.tr("Parts (originality)")) + self._table(rows)

    def _state(self, value: Any, bad_when_true: bool = True) -> str:
        if value is None:
            return _c(self.tr("not read: confirm by hand"), WARN_COLOR)
        if value:
            return _c(self.tr("ON"), ERROR_COLOR if bad_when_true else WARN_COLOR)
        return _c(self.tr("off"), OK_COLOR)

    def _locks(self, locks: dict[str, Any], flags: dict[str, Any]) -> str:
        rows = [
            (self.tr("Activation lock"), self._state(locks.get("activation_lock"))),
            (self.tr("MDM (device management)"), self._state(locks.get("mdm"))),
            (self.tr("Carrier lock"), self._state(locks.get("carrier_lock"), False)),
            (self.tr("Jailbroken / rooted"), self._state(flags.get("jailbroken"), False)),
            (self.tr("Liquid damage"), self._state(flags.get("liquid_damage"), False)),
        ]
        return self._h(self.tr("Locks and flags")) + self._table([(escape(a), b) for a, b in rows])

    def _functions(self, rep: dict[str, Any]) -> str:
        words = {
            "pass": (self.tr("pass"), OK_COLOR),
            "fail": (self.tr("FAIL"), ERROR_COLOR),
            "skipped": (self.tr("skipped"), WARN_COLOR),
        }
        rows = []
        for f in rep.get("functions") or []:
            word, color = words.get(f.get("result"), (self.tr("not run"), WARN_COLOR))
            rows.append(
                (
                    self._name(phone.function_test_name(f.get("test", ""))),
                    _c(escape(word), color),
                    escape(phone.box_detail(f.get("detail"), self._lang)),
                )
            )
        return self._h(self.tr("Function tests")) + self._table(rows)

    def _disclosures(self, ev: Any) -> str:
        items = [f"<li>{escape(d.zh if self.zh else d.en)}</li>" for d in ev.disclosures]
        not_tested = self.tr("Not tested: %1")
        items += [
            f"<li>{not_tested.replace('%1', self._name(phone.function_test_name(t)))}</li>" for t in ev.skipped_tests
        ]
        nothing = self.tr("Nothing to disclose.")
        body = f"<ul>{''.join(items)}</ul>" if items else f"<p>{escape(nothing)}</p>"
        return self._h(self.tr("Printed on the certificate (not hidden)")) + body

    def _source(self, view: InspectionView) -> str:
        r = view.report
        firmware = self.tr("firmware")
        box = f"{r.box.get('model')} · {r.box.get('serial')} · {firmware} {r.box.get('firmware')}"
        when = r.recorded_at.strftime("%Y-%m-%d %H:%M")
        rows = [
            (self.tr("Report"), escape(f"{r.report_id} (#{r.number})")),
            (self.tr("Box"), escape(box)),
            (self.tr("Recorded"), escape(f"{when} UTC · {r.recorded_by}")),
            ("SHA-256", escape((r.sha256 or "")[:16] + "…")),
        ]
        return self._h(self.tr("Source of these values")) + self._table([(escape(a), b) for a, b in rows])
