"""An administrator replaces a report's Word template in the admin; a broken upload is refused with a message."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from liaison.reports.documents import default_template
from liaison.reports.models import ReportTemplate

pytestmark = pytest.mark.django_db


def word(*paragraphs) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(client, content, name="letterhead.docx"):
    return client.post(
        reverse("admin:reports_reporttemplate_add"),
        {"kind": "activity", "file": SimpleUploadedFile(name, content)},
    )


def report_text(client):
    response = client.get(reverse("reports:activity"), {"period": "year", "format": "docx"})
    assert response.status_code == 200
    return "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)


def test_an_uploaded_template_is_used_for_the_report(administrator_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert "KUALA LUMPUR CITY HALL" not in report_text(administrator_client)
    response = upload(administrator_client, word("KUALA LUMPUR CITY HALL", "{{ title }} — {{ period }}"))
    assert response.status_code == 302
    assert ReportTemplate.objects.get().uploaded_by.username == "administrator"
    text = report_text(administrator_client)
    assert "KUALA LUMPUR CITY HALL" in text and "Activity report — From 1 January" in text
    ReportTemplate.objects.all().delete()  # the built-in one comes back
    assert "KUALA LUMPUR CITY HALL" not in report_text(administrator_client)


@pytest.mark.parametrize("content", [b"not a zip at all", word("{% for x in %}broken")], ids=["not-word", "bad-tags"])
def test_a_template_that_cannot_be_used_is_refused(administrator_client, settings, tmp_path, content):
    settings.MEDIA_ROOT = tmp_path
    response = upload(administrator_client, content)
    assert response.status_code == 200
    assert "This is not a Word template that can be used" in response.content.decode()
    assert not ReportTemplate.objects.exists()


def test_the_built_in_template_can_be_written_out_to_start_from(tmp_path):
    path = tmp_path / "activity.docx"
    call_command("report_template", "activity", str(path))
    assert path.read_bytes() == default_template("activity")
    assert "{{ title }}" in [p.text for p in Document(str(path)).paragraphs]
