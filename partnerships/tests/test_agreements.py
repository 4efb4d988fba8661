import csv
import io
import os
import zipfile
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from contacts.tests.factories import OrganisationFactory
from partnerships.documents import MAX_DOCUMENT_SIZE
from partnerships.models import Agreement

from .conftest import PDF_BYTES, query_count
from .factories import AgreementFactory, PartnerRoleFactory, PartnershipFactory

pytestmark = pytest.mark.django_db
LIST = reverse("partnerships:agreement_list")
CREATE = reverse("partnerships:agreement_create")


def agreement_form(**overrides):
    data = {"title": "MOU on gender-responsive budgeting", "kind": "mou", "status": "draft", "renewal_notice_days": 90}
    data.update(overrides)
    return data


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_an_agreement_expiring_before_it_takes_effect_is_refused_with_a_clear_message(officer_client):
    response = officer_client.post(
        CREATE, agreement_form(effective_date="2026-03-01", expiry_date="2026-02-28", status="draft")
    )

    assert response.status_code == 200
    assert "An agreement cannot expire before it takes effect" in response.content.decode()
    assert response.context["form"].errors["expiry_date"]
    assert not Agreement.objects.exists()


def test_a_signed_agreement_needs_its_signature_date(officer_client):
    response = officer_client.post(CREATE, agreement_form(status="signed"))

    assert "Enter the date of signature" in response.content.decode()
    assert not Agreement.objects.exists()


def test_an_officer_records_a_signed_mou_with_its_parties_and_document(officer_client, officer):
    partnership = PartnershipFactory()
    parties = [OrganisationFactory(), OrganisationFactory()]

    response = officer_client.post(
        CREATE,
        agreement_form(
            status="active",
            partnership=partnership.pk,
            parties=[p.pk for p in parties],
            signed_date="2026-01-15",
            effective_date="2026-02-01",
            expiry_date="2029-01-31",
            reference_number="UCLG-ASPAC/MOU/2026/01",
            owner=officer.pk,
            document=SimpleUploadedFile("MOU signed.pdf", PDF_BYTES, content_type="application/pdf"),
        ),
    )

    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert agreement.status == Agreement.Status.ACTIVE
    assert set(agreement.parties.all()) == set(parties)
    assert agreement.history.latest().history_user == officer
    # Stored under a generated name, in the private folder, never under the uploaded name.
    assert agreement.document_name == "MOU signed.pdf"
    assert agreement.document.name.startswith("agreements/") and agreement.document.name.endswith(".pdf")
    assert "MOU signed" not in agreement.document.name
    path = agreement.document.path
    assert path.startswith(os.path.join(str(settings.MEDIA_ROOT), "private"))
    with open(path, "rb") as handle:
        assert handle.read() == PDF_BYTES
    download = officer_client.get(reverse("partnerships:agreement_document", args=[agreement.pk]))
    assert download["Content-Security-Policy"].startswith("sandbox")
    assert "no-store" in download["Cache-Control"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("contract.exe", b"MZ\x90\x00", "Upload a PDF or an Office document"),
        ("contract.html", b"<html><script>alert(1)</script></html>", "Upload a PDF or an Office document"),
        ("contract.pdf", b"<html>not a pdf</html>", "content is not a .pdf document"),
        ("contract.docx", PDF_BYTES, "content is not a .docx document"),
        ("contract.pdf", b"%PDF-" + b"0" * MAX_DOCUMENT_SIZE, "the limit is 10 MB"),
    ],
    ids=["executable", "html", "renamed-html", "pdf-renamed-docx", "too-large"],
)
def test_an_upload_that_is_not_an_allowed_document_is_refused(officer_client, name, content, message):
    response = officer_client.post(CREATE, agreement_form(document=SimpleUploadedFile(name, content)))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["document"])
    assert not Agreement.objects.exists()
    assert not os.path.exists(os.path.join(settings.MEDIA_ROOT, "private", "agreements")) or not os.listdir(
        os.path.join(settings.MEDIA_ROOT, "private", "agreements")
    )


def test_an_office_document_is_accepted(officer_client):
    upload = SimpleUploadedFile("MOU.docx", docx_bytes())

    assert officer_client.post(CREATE, agreement_form(document=upload)).status_code == 302
    assert Agreement.objects.get().document.name.endswith(".docx")


@pytest.fixture
def signed_agreement():
    agreement = AgreementFactory()
    agreement.document.save("x.pdf", io.BytesIO(PDF_BYTES))
    Agreement.objects.filter(pk=agreement.pk).update(document_name="LOI UCLG ASPAC - DBKL.pdf")
    return agreement


def test_an_officer_downloads_the_signed_document_as_an_attachment(officer_client, signed_agreement):
    response = officer_client.get(reverse("partnerships:agreement_document", args=[signed_agreement.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "LOI UCLG ASPAC - DBKL.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_an_anonymous_user_cannot_download_a_signed_document(client, signed_agreement):
    response = client.get(reverse("partnerships:agreement_document", args=[signed_agreement.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_without_a_role_cannot_download_a_signed_document(client, outsider, signed_agreement):
    client.force_login(outsider)

    assert client.get(reverse("partnerships:agreement_document", args=[signed_agreement.pk])).status_code == 403


def test_a_document_has_no_public_url_only_the_download_view(signed_agreement):
    download = reverse("partnerships:agreement_document", args=[signed_agreement.pk])

    assert signed_agreement.document.url == download
    with pytest.raises(ValueError):
        signed_agreement.document.storage.url(signed_agreement.document.name)


def test_editing_an_agreement_keeps_its_document_and_links_it_to_the_download_view(officer_client, signed_agreement):
    url = reverse("partnerships:agreement_update", args=[signed_agreement.pk])
    stored = signed_agreement.document.name

    page = officer_client.get(url).content.decode()
    response = officer_client.post(url, agreement_form(title="Renamed"))

    assert f'href="{reverse("partnerships:agreement_document", args=[signed_agreement.pk])}"' in page
    assert response.status_code == 302
    signed_agreement.refresh_from_db()
    assert (signed_agreement.title, signed_agreement.document.name) == ("Renamed", stored)
    assert signed_agreement.document_name == "LOI UCLG ASPAC - DBKL.pdf"


def test_the_admin_opens_an_agreement_with_a_document(administrator_client, signed_agreement):
    response = administrator_client.get(reverse("admin:partnerships_agreement_change", args=[signed_agreement.pk]))

    assert response.status_code == 200
    assert reverse("partnerships:agreement_document", args=[signed_agreement.pk]) in response.content.decode()


def test_an_agreement_without_document_has_nothing_to_download(officer_client):
    agreement = AgreementFactory()

    assert officer_client.get(reverse("partnerships:agreement_document", args=[agreement.pk])).status_code == 404


def test_the_list_filters_agreements_expiring_in_the_next_90_days(officer_client):
    today = timezone.localdate()
    AgreementFactory(title="Soon", status="active", signed_date=today, expiry_date=today + timedelta(days=80))
    AgreementFactory(title="Later", status="active", signed_date=today, expiry_date=today + timedelta(days=120))
    AgreementFactory(title="Draft", status="draft", expiry_date=today + timedelta(days=30))
    AgreementFactory(title="Past", status="signed", signed_date=date(2020, 1, 1), expiry_date=today - timedelta(days=1))

    response = officer_client.get(LIST, {"expiring": "true"})

    assert [a.title for a in response.context["object_list"]] == ["Soon"]


def test_the_list_and_its_export_show_parties(supervisor_client):
    agreement = AgreementFactory(title="LOI", reference_number="=HYPERLINK(1)")
    agreement.parties.set([OrganisationFactory(name="UCLG ASPAC"), OrganisationFactory(name="DBKL")])

    response = supervisor_client.get(LIST, {"export": "csv", "party": agreement.parties.first().pk})

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    assert row[header.index("Parties")] in ("UCLG ASPAC; DBKL", "DBKL; UCLG ASPAC")
    assert row[header.index("Reference number")] == "'=HYPERLINK(1)"


def test_the_list_runs_as_many_queries_for_50_agreements_as_for_5(officer_client):
    for _ in range(5):
        AgreementFactory().parties.add(OrganisationFactory())
    few = query_count(officer_client, LIST)
    for _ in range(45):
        AgreementFactory().parties.add(OrganisationFactory())
    assert query_count(officer_client, LIST) == few


def test_a_new_agreement_from_a_partnership_starts_with_its_partners_as_parties(officer_client):
    role = PartnerRoleFactory()

    response = officer_client.get(CREATE, {"partnership": role.partnership.pk})

    form = response.context["form"]
    assert form.initial["partnership"] == role.partnership.pk
    assert form.initial["parties"] == [role.organisation.pk]


def test_a_supervisor_cannot_create_or_edit_an_agreement(supervisor_client):
    agreement = AgreementFactory(title="Original")

    assert supervisor_client.post(CREATE, agreement_form()).status_code == 403
    url = reverse("partnerships:agreement_update", args=[agreement.pk])
    assert supervisor_client.post(url, agreement_form(title="Changed")).status_code == 403
    agreement.refresh_from_db()
    assert agreement.title == "Original"
    assert Agreement.objects.count() == 1


def test_an_officer_changes_the_status_through_the_edit_form(officer_client):
    agreement = AgreementFactory(status="draft")

    response = officer_client.post(
        reverse("partnerships:agreement_update", args=[agreement.pk]),
        agreement_form(status="signed", signed_date="2026-05-01"),
    )

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_date) == ("signed", date(2026, 5, 1))
