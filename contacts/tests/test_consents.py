from django.urls import reverse

from contacts.models import Consent
from contacts.tests.factories import PersonFactory, purpose


def test_officer_records_a_consent_with_the_notice_version_and_the_page_shows_it(officer_client, officer):
    person = PersonFactory()
    invitations = purpose("invitations")
    response = officer_client.post(
        reverse("contacts:consent_record", args=[person.pk]),
        {"purpose": invitations.pk, "status": "given", "date": "2026-01-15", "source": "APUF registration form"},
    )
    assert response.status_code == 302
    consent = Consent.objects.get(person=person)
    assert (consent.status, consent.notice_version, consent.recorded_by) == ("given", invitations.version, officer)
    page = officer_client.get(person.get_absolute_url()).content.decode()
    assert "APUF registration form" in page
    assert person.contact_refusal("invitations") == ""


def test_consent_dated_in_the_future_is_refused_with_a_message(officer_client):
    person = PersonFactory()
    response = officer_client.post(
        reverse("contacts:consent_record", args=[person.pk]),
        {"purpose": purpose("invitations").pk, "status": "given", "date": "2999-01-01"},
        follow=True,
    )
    assert not Consent.objects.exists()
    assert "Consent cannot be dated in the future." in response.content.decode()


def test_supervisor_cannot_record_a_consent(supervisor_client):
    person = PersonFactory()
    response = supervisor_client.post(
        reverse("contacts:consent_record", args=[person.pk]),
        {"purpose": purpose("invitations").pk, "status": "given", "date": "2026-01-15"},
    )
    assert response.status_code == 403
    assert not Consent.objects.exists()
