"""Any table of the supervisor station as CSV or XLSX, exactly as shown (headers and cells).

XLSX through XlsxWriter: maintained, pure Python, write-only (all we need), no reading
engine to ship. CSV is UTF-8 with a BOM so that Excel on a Chinese Windows opens it right."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import QTableWidget


def table_rows(table: QTableWidget) -> tuple[list[str], list[list[str]]]:
    headers = [
        (h.text() if (h := table.horizontalHeaderItem(c)) is not None else "") for c in range(table.columnCount())
    ]
    rows = [
        [(it.text() if (it := table.item(r, c)) is not None else "") for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]
    return headers, rows


def write_csv(path: Path, headers: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(headers)
        writer.writerows([_safe(c) for c in row] for row in rows)


def write_xlsx(path: Path, headers: list[str], rows: list[list[str]], sheet: str = "Sheet1") -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    try:
        ws = book.add_worksheet(sheet[:31])
        bold = book.add_format({"bold": True})
        ws.write_row(0, 0, headers, bold)
        for i, row in enumerate(rows, start=1):
            for j, cell in enumerate(row):
                if cell.isdigit() and len(cell) < 12:
                    ws.write_number(i, j, int(cell))  # counts stay numbers; tags and waybills stay text
                else:
                    ws.write_string(i, j, cell)
        for j, h in enumerate(headers):
            ws.set_column(j, j, min(60, max([len(h)] + [len(r[j]) for r in rows[:200]]) + 2))
    finally:
        book.close()


def _safe(cell: str) -> str:
    """A cell a spreadsheet would run as a formula (a merchant name "=HYPERLINK(...)") is kept as text."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") and not _number(cell) else cell


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def export_table(table: QTableWidget, path: Path, sheet: str = "Sheet1") -> Path:
    headers, rows = table_rows(table)
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, headers, rows, sheet)
    else:
        write_csv(path, headers, rows)
    return path
