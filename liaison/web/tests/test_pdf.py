from io import BytesIO

import pytest
from pypdf import PdfReader

from liaison.web.pdf import _static_only, pdf_response


def test_a_template_becomes_a_pdf_whose_text_can_be_read(tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    (tmp_path / "doc.html").write_text(
        '{% extends "web/_pdf_base.html" %}{% block content %}<h1>Sijil kehadiran</h1><p>{{ name }}</p>{% endblock %}'
    )
    response = pdf_response("doc.html", {"name": "Nurul Huda binti Ahmad"}, "certificate")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="certificate.pdf"'
    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert "Sijil kehadiran" in text
    assert "Nurul Huda binti Ahmad" in text


def test_documents_never_fetch_from_the_network():
    with pytest.raises(ValueError):
        _static_only("https://cdn.example.org/bootstrap.css")
    assert _static_only("static:favicon.svg")["mime_type"] == "image/svg+xml"
