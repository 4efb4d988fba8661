"""Uploads, for every FileField: zip bombs refused, the request's size bounded, files deleted with their record or
when replaced, orphans removed by a command, stored not world-readable, long names shortened."""

import io
import os
import stat
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaison.reports.models import ReportTemplate
from liaison.web.uploads import archive_problem, shortened_name
from partnerships.models import Agreement
from partnerships.tests.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db
CREATE = reverse("partnerships:agreement_create")
MB = 1024 * 1024


def office_zip(inflated: int, *, part="word/document.xml", extra=()) -> bytes:
    """A real Office-shaped zip whose `part` inflates to `inflated` bytes of zeros (written in 1 MB chunks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, text in extra:
            archive.writestr(name, text)
        with archive.open(part, "w", force_zip64=inflated > 2**31) as member:
            left = inflated
            while left > 0:
                member.write(b"\0" * min(MB, left))
                left -= MB
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb():
    """200 MB of zeros in a .docx of a few hundred KB."""
    return office_zip(200 * MB)


def agreement_form(**overrides):
    return {"title": "MOU on waste", "kind": "mou", "status": "draft", "renewal_notice_days": 90, **overrides}


def test_the_bomb_is_small_and_its_directory_says_how_large_it_would_be(bomb):
    assert len(bomb) < 2 * MB
    assert "would expand to 200" in archive_problem(io.BytesIO(bomb))
    assert archive_problem(io.BytesIO(office_zip(100_000))) is None
    assert archive_problem(io.BytesIO(PDF_BYTES)) is None


def test_an_agreement_document_that_is_a_zip_bomb_is_refused_with_a_form_error(officer_client, bomb):
    response = officer_client.post(
        CREATE, agreement_form(document=SimpleUploadedFile("MOU.docx", bomb, content_type="application/octet-stream"))
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["document"])
    assert "would expand to 200" in errors and "zip bomb" in errors
    assert not Agreement.objects.exists()


def test_a_file_that_inflates_too_many_times_is_refused_even_under_the_size_limit(officer_client):
    dense = office_zip(20 * MB)  # 20 MB of zeros: under 100 MB, but more than 100 times its packed size
    response = officer_client.post(CREATE, agreement_form(document=SimpleUploadedFile("MOU.docx", dense)))
    assert "would expand" in " ".join(response.context["form"].errors["document"])
    assert "times when opened" in " ".join(response.context["form"].errors["document"])
    assert not Agreement.objects.exists()


def test_an_ordinary_office_document_is_still_accepted(officer_client):
    docx = office_zip(200_000, extra=[("word/styles.xml", "<styles/>" * 50)])
    response = officer_client.post(CREATE, agreement_form(document=SimpleUploadedFile("MOU.docx", docx)))
    assert response.status_code == 302
    assert Agreement.objects.get().document_name == "MOU.docx"


def test_a_zip_bomb_as_a_report_template_is_refused_before_it_is_opened(administrator_client, bomb):
    response = administrator_client.post(
        reverse("admin:reports_reporttemplate_add"),
        {"kind": "activity", "file": SimpleUploadedFile("letterhead.docx", bomb)},
    )
    assert response.status_code == 200
    assert "zip bomb" in response.content.decode()
    assert not ReportTemplate.objects.exists()


def test_a_zip_bomb_as_an_import_is_refused_with_a_form_error(officer_client, bomb):
    from contacts.models import ImportBatch

    response = officer_client.post(
        reverse("contacts:import_start"),
        {"kind": "people", "duplicates": "update", "file": SimpleUploadedFile("people.xlsx", bomb)},
    )
    assert response.status_code == 200
    assert "zip bomb" in " ".join(response.context["form"].errors["file"])
    assert not ImportBatch.objects.exists()


def test_the_importer_refuses_a_zip_bomb_it_reads_from_a_stored_batch(bomb):
    from contacts.importing.readers import ImportFileError, read_table

    with pytest.raises(ImportFileError, match="zip bomb"):
        read_table("people.xlsx", office_zip(20 * MB, part="xl/worksheets/sheet1.xml"))


# --- the request's size -------------------------------------------------------------------------------------
def test_a_request_larger_than_the_limit_gets_the_branded_413_in_the_users_language(officer_client, settings):
    settings.MAX_REQUEST_BYTES = 1 * MB
    officer_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ms"
    big = SimpleUploadedFile("MOU.pdf", PDF_BYTES + b"0" * (2 * MB))
    response = officer_client.post(CREATE, agreement_form(document=big))
    assert response.status_code == 413
    page = response.content.decode()
    assert '<html lang="ms"' in page and "Terlalu besar" in page
    assert "navbar" in page  # the application's layout, not a bare page
    assert not Agreement.objects.exists()


def test_the_size_is_checked_before_the_body_is_read(officer_client, settings):
    # The body is 10 bytes but claims 50 MB: reading it would fail ("Cannot read more than the available bytes").
    response = officer_client.generic(
        "POST", CREATE, b"title=x&a=", content_type="application/x-www-form-urlencoded", CONTENT_LENGTH=str(50 * MB)
    )
    assert response.status_code == 413
    assert "50.0\xa0MB" in response.content.decode()


def test_a_request_under_the_limit_is_served(officer_client, settings):
    settings.MAX_REQUEST_BYTES = 1 * MB
    response = officer_client.post(CREATE, agreement_form(document=SimpleUploadedFile("MOU.pdf", PDF_BYTES)))
    assert response.status_code == 302


# --- files leave with their record ---------------------------------------------------------------------------
def upload_agreement(client, content=PDF_BYTES, name="MOU.pdf"):
    response = client.post(CREATE, agreement_form(document=SimpleUploadedFile(name, content)))
    assert response.status_code == 302, response.context["form"].errors
    return Agreement.objects.get()


def test_a_replaced_document_is_deleted_from_the_store(officer_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        agreement = upload_agreement(officer_client)
    old = agreement.document.path
    assert os.path.exists(old)
    data = agreement_form(document=SimpleUploadedFile("MOU v2.pdf", PDF_BYTES + b"%v2"))
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(reverse("partnerships:agreement_update", args=[agreement.pk]), data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.document_name == "MOU v2.pdf" and os.path.exists(agreement.document.path)
    assert not os.path.exists(old)


def test_saving_without_a_new_document_keeps_it_and_looks_nothing_up(officer_client):
    upload_agreement(officer_client)
    without = Agreement.objects.create(title="No document yet", kind="mou")
    for agreement in Agreement.objects.all():
        agreement.title += " (renamed)"
        with CaptureQueriesContext(connection) as queries:
            agreement.save()
        assert not [q["sql"] for q in queries if q["sql"].startswith("SELECT") and '"document"' in q["sql"]]
    kept = Agreement.objects.exclude(pk=without.pk).get()
    assert os.path.exists(kept.document.path)


def test_a_document_cleared_in_the_form_is_deleted(officer_client, django_capture_on_commit_callbacks):
    agreement = upload_agreement(officer_client)
    path = agreement.document.path
    data = agreement_form(**{"document-clear": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(reverse("partnerships:agreement_update", args=[agreement.pk]), data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert not agreement.document and not os.path.exists(path)


def test_a_deleted_agreements_document_is_deleted(officer_client, administrator, django_capture_on_commit_callbacks):
    agreement = upload_agreement(officer_client)
    path = agreement.document.path
    with django_capture_on_commit_callbacks(execute=True):
        agreement.delete()
    assert not os.path.exists(path)


def test_a_delete_that_is_rolled_back_keeps_the_file(officer_client, django_capture_on_commit_callbacks):
    agreement = upload_agreement(officer_client)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        agreement.delete()
    assert callbacks and os.path.exists(agreement.document.path)  # deleted only once the deletion commits


def test_the_orphaned_files_command_removes_only_files_no_record_names(officer_client, settings):
    kept = upload_agreement(officer_client)
    private = settings.MEDIA_ROOT / "private"
    orphan = private / "agreements" / "left-by-a-crash.pdf"
    orphan.write_bytes(PDF_BYTES)
    template_orphan = private / "report-templates" / "activity-old.docx"
    template_orphan.parent.mkdir(parents=True)
    template_orphan.write_bytes(b"PK")
    young = private / "agreements" / "being-saved.pdf"
    young.write_bytes(PDF_BYTES)
    an_hour_ago = time.time() - 3700
    for path in (orphan, template_orphan, Path(kept.document.path)):
        os.utime(path, (an_hour_ago, an_hour_ago))

    out = io.StringIO()
    call_command("remove_orphaned_files", "--dry-run", stdout=out)
    assert "2 orphaned files" in out.getvalue() and "would be deleted" in out.getvalue()
    assert orphan.exists() and template_orphan.exists()

    out = io.StringIO()
    call_command("remove_orphaned_files", stdout=out)
    assert "2 orphaned files" in out.getvalue()
    assert not orphan.exists() and not template_orphan.exists()
    assert young.exists()  # younger than an hour: its record may be being saved
    assert os.path.exists(kept.document.path)


# --- permissions and names ---------------------------------------------------------------------------------------
def test_stored_documents_are_not_world_readable(officer_client):
    agreement = upload_agreement(officer_client)
    assert stat.S_IMODE(os.stat(agreement.document.path).st_mode) == 0o640
    assert stat.S_IMODE(os.stat(os.path.dirname(agreement.document.path)).st_mode) == 0o750


def test_a_name_longer_than_255_characters_is_shortened_keeping_its_extension(officer_client):
    agreement = upload_agreement(officer_client, name="Memorandum " * 30 + ".pdf")
    assert len(agreement.document_name) == 255
    assert agreement.document_name == ("Memorandum " * 30)[:251] + ".pdf"
    assert Agreement._meta.get_field("document").max_length == 255


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.pdf", "a.pdf"),
        ("a" * 300 + ".docx", "a" * 250 + ".docx"),
        ("b" * 300, "b" * 255),
        ("c" * 280 + "." + "d" * 40, ("c" * 280 + "." + "d" * 40)[:255]),  # a 40-letter "extension" is the name's
    ],
)
def test_shortened_names(name, expected):
    assert shortened_name(name) == expected


def test_every_file_field_takes_255_characters_and_refuses_zip_bombs():
    from liaison.web.uploads import project_file_fields, validate_archive

    fields = list(project_file_fields())
    assert {model._meta.label for model, _field in fields} >= {"partnerships.Agreement", "reports.ReportTemplate"}
    for _model, field in fields:
        assert field.max_length == 255 and validate_archive in field.validators
