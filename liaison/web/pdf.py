"""PDF documents from the application's own templates (WeasyPrint), for certificates, briefs and reports.

Pages are written as HTML templates like any other; stylesheets and images are read from the static
files (never fetched over the network), so a document renders the same on an intranet.
"""

import mimetypes

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

STATIC_PREFIX = "static:"


def _static_only(url: str) -> dict:
    """WeasyPrint's fetcher: `static:css/pdf.css` from the static files; nothing from the network."""
    if not url.startswith(STATIC_PREFIX):
        raise ValueError(f"documents read only static files, not {url}")
    path = finders.find(url.removeprefix(STATIC_PREFIX))
    if path is None:
        raise ValueError(f"no static file {url}")
    with open(path, "rb") as handle:
        return {"string": handle.read(), "mime_type": mimetypes.guess_type(path)[0]}


def render_pdf(template: str, context: dict, request=None) -> bytes:
    from weasyprint import HTML  # imported when a document is made: it loads Pango, which the web pages never need

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=STATIC_PREFIX, url_fetcher=_static_only).write_pdf()


def pdf_response(template: str, context: dict, filename: str, request=None, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(render_pdf(template, context, request), content_type="application/pdf")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.pdf"'
    return response
