"""Word documents from docxtpl templates: the built-in ones (made by code here), or an administrator's replacement.

A template is an ordinary .docx with docxtpl (Jinja) tags. Every text the reader sees comes from the context,
already in the user's language, so one template serves English and Malay. Tables come as sub-documents
(`{{p section.table }}`), charts as images (`{{ section.chart }}`), long texts as `Listing`s (line breaks kept).
"""

import logging
from contextlib import suppress
from functools import cache
from io import BytesIO

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from docx import Document
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, Listing

from liaison.web.uploads import validate_archive

from .models import ReportTemplate

logger = logging.getLogger(__name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_TEMPLATE_SIZE = 5 * 1024 * 1024


def _activity_template() -> Document:
    document = Document()
    document.add_heading("{{ title }}", level=0)
    document.add_paragraph("{{ period }}")
    document.add_paragraph("{{ filters }}")
    document.add_paragraph("{{ generated }}").runs[0].italic = True
    document.add_paragraph("{%p for section in sections %}")
    document.add_heading("{{ section.title }}", level=1)
    document.add_paragraph("{%p if section.chart %}")
    document.add_paragraph("{{ section.chart }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{{p section.table }}")
    document.add_paragraph("{{ section.applies }}").runs[0].italic = True
    document.add_paragraph("{%p endfor %}")
    return document


def _record_template() -> Document:
    """A record's report (back-to-office): a title, facts as a table, then titled sections of text or tables."""
    document = Document()
    document.add_heading("{{ title }}", level=0)
    document.add_paragraph("{{ subtitle }}")
    document.add_paragraph("{{p facts }}")
    document.add_paragraph("{%p for section in sections %}")
    document.add_heading("{{ section.title }}", level=1)
    document.add_paragraph("{%p if section.table %}")
    document.add_paragraph("{{p section.table }}")
    document.add_paragraph("{%p else %}")
    document.add_paragraph("{{ section.text }}")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{{ generated }}").runs[0].italic = True
    return document


BUILT_IN = {ReportTemplate.Kind.ACTIVITY: _activity_template, ReportTemplate.Kind.BACK_TO_OFFICE: _record_template}


@cache
def default_template(kind: str) -> bytes:
    buffer = BytesIO()
    BUILT_IN[kind]().save(buffer)
    return buffer.getvalue()


def template_bytes(kind: str) -> bytes:
    """The administrator's template of this kind, else the built-in one."""
    uploaded = ReportTemplate.objects.filter(kind=kind).first()
    if uploaded:
        try:
            with uploaded.file.open("rb") as handle:
                return handle.read()
        except OSError:
            logger.warning("report template %s is missing its file; using the built-in one", kind)
    return default_template(kind)


def validate_template(upload) -> None:
    """A .docx whose tags parse: refused with a message otherwise (the admin's upload form calls it)."""
    if upload.size > MAX_TEMPLATE_SIZE:
        raise ValidationError(_("The template is larger than 5 MB."))
    validate_archive(upload)  # before docxtpl inflates anything
    try:
        upload.seek(0)
        template = DocxTemplate(BytesIO(upload.read()))
        template.get_undeclared_template_variables()
    except Exception as error:  # not a zip, not Word, or a Jinja syntax error: all say the same to the user
        raise ValidationError(
            _("This is not a Word template that can be used: %(error)s"), params={"error": str(error)[:200]}
        ) from error
    finally:
        upload.seek(0)


class Builder:
    """What a context is made of, bound to the template being filled (sub-documents and images belong to it)."""

    def __init__(self, template: DocxTemplate):
        self.template = template

    def table(self, headings, rows):
        subdoc = self.template.new_subdoc()
        table = subdoc.add_table(rows=1, cols=len(headings))
        with suppress(KeyError, ValueError):  # an administrator's template without that style: a plain table
            table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, headings, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(heading)).bold = True
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = str(value)
        return subdoc

    def image(self, png: bytes, width_mm: int = 160):
        return InlineImage(self.template, BytesIO(png), width=Mm(width_mm))

    def text(self, value: str):
        return Listing(value or "")


def render_docx(kind: str, make_context) -> bytes:
    """The report: `make_context(builder)` gives the context; a replacement that fails falls back to the built-in."""
    source = template_bytes(kind)
    try:
        return _render(source, make_context)
    except Exception:
        if source == default_template(kind):
            raise
        logger.exception("the %s report template failed; the built-in one was used", kind)
        return _render(default_template(kind), make_context)


def _render(source: bytes, make_context) -> bytes:
    template = DocxTemplate(BytesIO(source))
    template.render(make_context(Builder(template)), autoescape=True)
    buffer = BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def docx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
    return response
