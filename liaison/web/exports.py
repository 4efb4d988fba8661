"""Exports of what a list shows: CSV and Excel, exactly as filtered, safe against formula injection.

`?export=csv` or `?export=xlsx` on a list URL returns the rows the filters select, in the same
order; a cell that a spreadsheet would run as a formula is kept as text. Every export writes one
row to the audit trail (liaison.audit), with the filters and the number of rows.
"""

import csv
import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from itertools import islice

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model, QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from liaison.audit.services import audit_export

from .forms import user_label
from .views import ratelimited

# Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXPORT_FORMATS = ("csv", "xlsx")
EXPORT_CHUNK = 2000

logger = logging.getLogger(__name__)


def neutralise(value: str) -> str:
    """Text a spreadsheet will show as text, never run as a formula (for CSV)."""
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def plain(value) -> str | int | float | Decimal | date | datetime | None:
    """A cell value for export: numbers and dates as they are, everything else as text."""
    if value is None or isinstance(value, bool):
        return {None: "", True: _("yes"), False: _("no")}[value]
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (int, float, Decimal, date)):
        return value
    if isinstance(value, AbstractBaseUser):
        return user_label(value)  # by full name, as the lists and forms show users
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, (list, tuple, set, QuerySet)):
        return "; ".join(str(item) for item in value)
    return str(value)


Column = tuple[str, str | Callable[[Model], object]]


def resolve(obj: Model, accessor: str | Callable) -> object:
    """`accessor` is a callable or a dotted path; `get_FOO_display` is used for choices."""
    if callable(accessor):
        return accessor(obj)
    value = obj
    for part in accessor.split("."):
        if value is None:
            return None
        display = getattr(value, f"get_{part}_display", None)
        value = display() if display else getattr(value, part)
        if callable(value) and not isinstance(value, Model):
            value = value()
    return value


def export_rows(queryset: QuerySet, columns: list[Column]) -> Iterable[list]:
    # A queryset with prefetches is iterated in chunks, each chunk with its own prefetch.
    rows = queryset.iterator(chunk_size=EXPORT_CHUNK) if isinstance(queryset, QuerySet) else queryset
    model = queryset.model if isinstance(queryset, QuerySet) else None
    cells = [cell_reader(model, accessor) for _label, accessor in columns]
    words = {None: "", True: _("yes"), False: _("no")}  # translated once per export, not once per cell
    for obj in rows:
        row = []
        for read in cells:
            value = read(obj)
            row.append(words[value] if value is None or isinstance(value, bool) else plain(value))
        yield row


def cell_reader(model: type[Model] | None, accessor: str | Callable) -> Callable[[Model], object]:
    """How to read one column of every row: worked out once per export, from the model's fields.

    A field with choices is read through a table of its labels, and a country through a table of
    country names, each translated once into the reader's language (not `get_FOO_display()` and a
    translation for every cell); any other path is read as `resolve()` reads it.
    """
    if callable(accessor) or model is None:
        return lambda obj: resolve(obj, accessor)
    parts = accessor.split(".")
    field = _field_at(model, parts)
    if field is None:
        return lambda obj: resolve(obj, accessor)
    table = _labels(field)
    if table is None:
        return lambda obj: resolve(obj, accessor)
    attname = field.attname if not field.is_relation else None

    def read(obj):
        for part in parts[:-1]:
            obj = getattr(obj, part)
            if obj is None:
                return None
        raw = getattr(obj, attname)
        raw = getattr(raw, "code", raw)  # a country field's value is a Country
        return table.get(raw, raw) if raw not in ("", None) else raw

    return read


def _field_at(model, parts):
    """The model field that a dotted path ends on, or None when the path is not all fields."""
    field = None
    for i, part in enumerate(parts):
        try:
            field = model._meta.get_field(part)
        except Exception:  # a property, method or reverse accessor: read it as it is
            return None
        if i < len(parts) - 1:
            if not field.is_relation or field.many_to_many or field.one_to_many:
                return None
            model = field.related_model
    return field


def _labels(field) -> dict | None:
    """{stored value: its label as text} for a field with choices or a country field, else None."""
    countries = getattr(field, "countries", None)
    if countries is not None and not getattr(field, "multiple", False):
        return {code: str(name) for code, name in countries}
    if field.choices and not field.is_relation:
        return {value: str(label) for value, label in field.flatchoices}
    return None


class _Echo:
    def write(self, value):
        return value


def csv_response(filename: str, columns: list[Column], rows: Iterable[list]) -> StreamingHttpResponse:
    """The rows as a streamed CSV file.

    The first chunk is read before the response starts, so a query that fails is an error page, not a 200.
    Should a later chunk fail, the file ends with a line saying it is incomplete and the connection is cut,
    so that neither the user nor the browser takes a partial file for the whole export.
    """
    writer = csv.writer(_Echo())
    rows = iter(rows)
    first = list(islice(rows, EXPORT_CHUNK))

    def cells(row):
        return writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row])

    def lines():
        yield "\ufeff"  # a byte-order mark, so Excel opens UTF-8 (Malay, Chinese, Tamil names) correctly
        yield writer.writerow([label for label, _accessor in columns])
        yield "".join(cells(row) for row in first)
        try:
            for row in rows:
                yield cells(row)
        except Exception:
            logger.exception("CSV export %s failed part-way", filename)
            yield writer.writerow(
                [_("INCOMPLETE EXPORT: an error stopped it here. Try again or ask an administrator.")]
            )
            raise

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, columns: list[Column], rows: Iterable[list], title: str = "") -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or filename)[:31])
    bold = Font(bold=True)
    header = []
    for label, _accessor in columns:
        cell = WriteOnlyCell(sheet, value=str(label))  # labels may be lazy translations
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([xlsx_cell(sheet, value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def unknown_export_format(request):
    """The answer to ?export=<anything but csv or xlsx>: a 400 page in the application's layout."""
    message = _("Unknown export format. Use csv or xlsx.")
    return render(request, "400.html", {"message": message}, status=400)


def xlsx_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # stored as text even when it looks like a formula
    return cell


def export_response(request, fmt: str, queryset, columns: list[Column], *, filename: str, title: str = ""):
    """The rows as a CSV or Excel download; who exported what, with which filters and how many rows, is audited."""
    count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
    audit_export(request, target=title or filename, row_count=count)
    rows = export_rows(queryset, columns)
    if fmt == "csv":
        return csv_response(filename, columns, rows)
    return xlsx_response(filename, columns, rows, title=title)


class ExportMixin:
    """`?export=csv|xlsx` returns the filtered rows in `export_columns` instead of the page."""

    export_columns: list[Column] = []
    export_filename: str = ""

    def get_export_columns(self) -> list[Column]:
        return self.export_columns

    def get_export_queryset(self):
        return self.object_list

    def get_export_filename(self) -> str:
        base = self.export_filename or self.model._meta.verbose_name_plural
        return f"{base}-{timezone.localdate():%Y%m%d}".replace(" ", "-")

    def export(self, fmt: str):
        return export_response(
            self.request,
            fmt,
            self.get_export_queryset(),
            self.get_export_columns(),
            filename=self.get_export_filename(),
            title=str(self.model._meta.verbose_name_plural),
        )

    def render_to_response(self, context, **kwargs):
        fmt = self.request.GET.get("export")
        if fmt is None:
            return super().render_to_response(context, **kwargs)
        if fmt not in EXPORT_FORMATS:
            return unknown_export_format(self.request)
        if is_ratelimited(self.request, group="export", key="user", rate=settings.RATELIMITS["export"], increment=True):
            return ratelimited(self.request)
        return self.export(fmt)
