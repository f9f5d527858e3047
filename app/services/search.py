"""Find an item by whatever a person holds: a tag, an IMEI or serial, a waybill (in or out),
an order number, an ASN id, a certificate number, a merchant's name or id.

The text is normalised once (``app.core.codes``: full-width folded, spaces dropped, upper
case); a merchant's name, which may be Chinese, is compared as typed (stripped). Every key
is a prefix lookup on an index (``[text, text + U+10FFFF)``), so a partial tag lists the
items it starts, and nothing scans the items table (``EXPLAIN`` in the tests). Exact matches
come first. Anybody logged in may search: a hit names the item, nothing of its appraisal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    bindparam,
    func,
    literal_column,
    select,
    union_all,
)

from app.core import codes
from app.core.dossier import (
    MAX_SEARCH_CHARS,
    MIN_SEARCH_CHARS,
    SEARCH_LIMIT,
    SearchKey,
    prefix_bounds,
    search_weight,
)
from app.core.errors import ValidationError
from app.services.base import ServiceContext
from app.store.models import AsnLine, Certificate, Dispatch, InspectionReport, Item, Shipment


@dataclass(frozen=True)
class SearchHit:
    tag: str
    title: str
    state: str
    held_from: str | None
    merchant_name: str | None
    key: SearchKey  # what matched
    value: str  # the matched value as stored
    exact: bool


def json_text(dialect: str, column: Any, *path: str) -> ColumnElement[Any]:
    """The JSON field as text, written exactly as the index of migration 0003_dossier is."""
    # Literal paths, not bound parameters: an expression index is only used for the same text.
    if dialect == "sqlite":
        return func.json_extract(column, literal_column("'$." + ".".join(path) + "'"))
    expr: Any = column
    for part in path[:-1]:
        expr = expr.op("->")(literal_column(f"'{part}'"))
    return expr.op("->>")(literal_column(f"'{path[-1]}'"))


_ITEM_COLUMNS = (Item.tag, Item.title, Item.state, Item.held_from, Shipment.merchant_name)


class SearchService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._statements: dict[tuple[bool, int], Any] = {}

    @staticmethod
    def normalise(text: str) -> tuple[str | None, str]:
        """``(code, name)``: the text as a code (None when it cannot be one) and as a name."""
        raw = text if isinstance(text, str) else ""
        name = " ".join(raw.split())
        if search_weight(name) < MIN_SEARCH_CHARS:
            raise ValidationError(
                f"请至少输入 {MIN_SEARCH_CHARS} 个字符",
                f"Type at least {MIN_SEARCH_CHARS} characters",
                code="search_too_short",
            )
        if len(name) > MAX_SEARCH_CHARS:
            raise ValidationError(
                f"查询内容不能超过 {MAX_SEARCH_CHARS} 个字符",
                f"The search text is longer than {MAX_SEARCH_CHARS} characters",
                code="search_too_long",
            )
        try:
            code: str | None = codes.normalise_search(raw)
        except ValidationError:
            if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in raw.strip()):
                raise  # a control character or a broken one: the reason names it
            code = None  # a Chinese merchant name, say: only names are compared
        return code, name

    def queries(self, with_codes: bool) -> list[tuple[SearchKey, Select[Any], Any]]:
        """One indexed query per key, each selecting the item columns and the matched value,
        with the bounds as parameters (``lo``/``hi`` for codes, ``name_lo``/``name_hi``)."""
        dialect = self.ctx.db.dialect
        lo, hi = bindparam("lo", type_=String()), bindparam("hi", type_=String())

        def prefix(col: Any, lower: Any = lo, upper: Any = hi) -> ColumnElement[bool]:
            return (col >= lower) & (col < upper)

        def items(value: Any) -> Select[Any]:
            return select(*_ITEM_COLUMNS, value.label("value")).join(Shipment, Shipment.id == Item.shipment_id)

        out: list[tuple[SearchKey, Select[Any], Any]] = []
        if with_codes:
            imei_declared = json_text(dialect, AsnLine.declared, "imei")
            serial_declared = json_text(dialect, AsnLine.declared, "serial")
            imei_found = json_text(dialect, InspectionReport.report, "identity", "imei")
            serial_found = json_text(dialect, InspectionReport.report, "identity", "serial")
            line_join: Callable[[Any], Select[Any]] = lambda v: items(v).join(AsnLine, AsnLine.id == Item.asn_line_id)  # noqa: E731
            box_join: Callable[[Any], Select[Any]] = lambda v: items(v).join(  # noqa: E731
                InspectionReport, InspectionReport.item_id == Item.id
            )
            out += [
                (SearchKey.TAG, items(Item.tag).where(prefix(Item.tag)), Item.tag),
                (
                    SearchKey.CERTIFICATE_NO,
                    items(Certificate.certificate_no)
                    .join(Certificate, Certificate.item_id == Item.id)
                    .where(prefix(Certificate.certificate_no)),
                    Certificate.certificate_no,
                ),
                (
                    SearchKey.INBOUND_WAYBILL,
                    items(Shipment.waybill_no).where(prefix(Shipment.waybill_no)),
                    Shipment.waybill_no,
                ),
                (
                    SearchKey.OUTBOUND_WAYBILL,
                    items(Dispatch.waybill_no)
                    .join(Dispatch, Dispatch.item_id == Item.id)
                    .where(prefix(Dispatch.waybill_no)),
                    Dispatch.waybill_no,
                ),
                (SearchKey.ASN_ID, items(Shipment.asn_id).where(prefix(Shipment.asn_id)), Shipment.asn_id),
                (SearchKey.ORDER_NO, line_join(AsnLine.order_no).where(prefix(AsnLine.order_no)), AsnLine.order_no),
                (SearchKey.IMEI, line_join(imei_declared).where(prefix(imei_declared)), imei_declared),
                (SearchKey.SERIAL, line_join(serial_declared).where(prefix(serial_declared)), serial_declared),
                (SearchKey.IMEI, box_join(imei_found).where(prefix(imei_found)), imei_found),
                (SearchKey.SERIAL, box_join(serial_found).where(prefix(serial_found)), serial_found),
                (
                    SearchKey.MERCHANT_ID,
                    items(Shipment.merchant_id).where(prefix(Shipment.merchant_id)),
                    Shipment.merchant_id,
                ),
            ]
        name_lo, name_hi = bindparam("name_lo", type_=String()), bindparam("name_hi", type_=String())
        out.append(
            (
                SearchKey.MERCHANT_NAME,
                items(Shipment.merchant_name).where(prefix(Shipment.merchant_name, name_lo, name_hi)),
                Shipment.merchant_name,
            )
        )
        return out

    def statement(self, with_codes: bool, rows: int = SEARCH_LIMIT + 1) -> Any:
        """Every key's query in one statement (one round trip, compiled once): a UNION ALL of
        per-key subqueries, each walking its index in order and stopping at ``rows`` rows. The
        limit is written into the statement, not bound: a plan kept for the statement (on
        PostgreSQL) then knows each branch reads a few rows (with the limit unknown it planned
        for 25,000 rows a branch, with parallel workers)."""
        cached = self._statements.get((with_codes, rows))
        if cached is None:
            parts = []
            for key, stmt, value_col in self.queries(with_codes):
                sub = (
                    stmt.add_columns(literal_column(f"'{key.value}'").label("key"))
                    .order_by(value_col)
                    .limit(literal_column(str(int(rows))))
                    .subquery()
                )
                parts.append(select(*sub.c))
            cached = self._statements[(with_codes, rows)] = union_all(*parts) if len(parts) > 1 else parts[0]
        return cached

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
        """Items matching ``text`` by any key, exact matches first, at most ``limit``."""
        code, name = self.normalise(text)
        params: dict[str, Any] = {}
        params["name_lo"], params["name_hi"] = prefix_bounds(name)
        if code is not None:
            params["lo"], params["hi"] = prefix_bounds(code)
        hits: dict[str, SearchHit] = {}
        with self.ctx.db.read() as s:
            conn = s.connection()
            postgres = self.ctx.db.dialect == "postgresql"
            if postgres:
                # PostgreSQL planned the twelve-way UNION ALL afresh on every search (about 10 ms,
                # against 0.4 ms to run it). Every branch is an index range whatever the text, so
                # one generic plan serves: psycopg prepares the statement on a connection's fifth
                # use, and the read ends with COMMIT because psycopg forgets its prepared
                # statements at a ROLLBACK (nothing was written either way).
                conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_generic_plan")
            rows = conn.execute(self.statement(code is not None, limit + 1), params).all()
            if postgres:
                s.commit()
        for r in rows:
            exact = r.value in (code, name)
            old = hits.get(r.tag)
            if old is None or (exact and not old.exact):
                hits[r.tag] = SearchHit(
                    r.tag, r.title, r.state, r.held_from, r.merchant_name, SearchKey(r.key), str(r.value), exact
                )
        ordered = sorted(hits.values(), key=lambda h: (not h.exact, h.key != SearchKey.TAG, h.value, h.tag))
        return ordered[:limit]

    def unique(self, text: str) -> str | None:
        """The tag when ``text`` names exactly one item (exactly, or as the only partial match)."""
        hits = self.search(text, limit=SEARCH_LIMIT)
        exact = {h.tag for h in hits if h.exact}
        if len(exact) == 1:
            return exact.pop()
        return hits[0].tag if len(hits) == 1 else None
