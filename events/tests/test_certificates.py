"""Attendance certificates: a PDF for those who attended, a code the public page validates, a changed one not."""

import pytest
from django.urls import reverse

from events.models import Certificate

from .factories import ParticipationFactory


@pytest.fixture
def attended(db):
    return ParticipationFactory(status="attended", person__full_name="Nurul Huda", event__title="GRPB training")


def test_an_attendee_gets_a_pdf_with_a_verification_code(officer_client, attended):
    response = officer_client.get(reverse("events:certificate", args=[attended.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    certificate = Certificate.objects.get(participation=attended)
    assert certificate.code in response["Content-Disposition"]
    officer_client.get(reverse("events:certificate", args=[attended.pk]))
    assert Certificate.objects.count() == 1  # issued once


def test_no_certificate_for_someone_who_did_not_attend(officer_client, db):
    registered = ParticipationFactory(status="registered")
    assert officer_client.get(reverse("events:certificate", args=[registered.pk])).status_code == 404
    assert not Certificate.objects.exists()


def test_the_code_validates_on_the_public_page_and_a_changed_one_does_not(client, officer_client, attended):
    officer_client.get(reverse("events:certificate", args=[attended.pk]))
    code = Certificate.objects.get().code
    url = reverse("events:certificate_verify")
    genuine = client.get(url, {"code": code.lower()})
    assert genuine.status_code == 200
    assert "Genuine: Nurul Huda attended GRPB training." in genuine.content.decode()
    changed = code[:-1] + ("A" if code[-1] != "A" else "B")
    forged = client.get(url, {"code": changed})
    assert forged.status_code == 404 and "not genuine" in forged.content.decode()
    assert "Nurul Huda" not in forged.content.decode()


def test_a_certificate_of_an_attendance_later_corrected_no_longer_validates(client, officer_client, attended):
    officer_client.get(reverse("events:certificate", args=[attended.pk]))
    attended.status = "no_show"
    attended.save()
    response = client.get(reverse("events:certificate_verify"), {"code": Certificate.objects.get().code})
    assert response.status_code == 404
