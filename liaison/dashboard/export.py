"""The dashboard's tables as an Excel workbook."""

from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from liaison.web.exports import plain, xlsx_cell

from .registry import Dashboard


def xlsx_export(dashboard: Dashboard, filename: str) -> HttpResponse:
    """One sheet per table, each with its headings; text cells stay text (no formulas)."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    used = set()
    for table in dashboard.all_tables():
        sheet = workbook.create_sheet(title=_sheet_title(str(table.title), used))
        header = [WriteOnlyCell(sheet, value=str(label)) for label in ["", *table.columns]]
        for cell in header:
            cell.font = bold
        sheet.append(header)
        for row in table.rows:
            sheet.append([xlsx_cell(sheet, plain(value)) for value in [row.label, *row.values]])
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _sheet_title(title: str, used: set) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the workbook.
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)[:31]
    candidate, n = clean, 2
    while candidate.lower() in used:
        candidate = f"{clean[:28]} {n}"
        n += 1
    used.add(candidate.lower())
    return candidate
