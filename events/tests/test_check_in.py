"""Check-in by QR code or typed code, the printable sign-in sheet and the entry of its ticks."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Participation, Registration, RegistrationPage
from events.registration import check_in_payload, registration_submit

from .factories import EventFactory, ParticipationFactory, started


@pytest.fixture
def registered(db):
    page = RegistrationPage.objects.create(event=EventFactory(start=started()), is_open=True)
    data = {"full_name": "Aisyah binti Omar", "email": "aisyah@example.org"}
    return registration_submit(page=page, data=data, language="en").registration


def scan(client, registration, code):
    return client.post(reverse("events:check_in", args=[registration.event_id]), {"code": code})


def status(registration):
    return Participation.objects.get(pk=registration.participation_id).status


def test_scanning_the_qr_code_marks_attended_once(officer_client, registered):
    response = scan(officer_client, registered, check_in_payload(registered))
    assert response.status_code == 200 and "Aisyah binti Omar checked in." in response.content.decode()
    assert status(registered) == "attended"
    again = scan(officer_client, registered, check_in_payload(registered))
    assert again.status_code == 400 and "already checked in" in again.content.decode()
    assert Participation.objects.attended().count() == 1


def test_typing_the_short_code_works_in_any_case(officer_client, registered):
    scan(officer_client, registered, registered.check_in_code.lower())
    assert status(registered) == "attended"


def test_a_forged_code_is_refused(officer_client, registered):
    payload = check_in_payload(registered)
    code, _colon, signature = payload.partition(":")
    for forged in (f"{code}:{signature[:-1]}x", f"ZZZZZZZZ:{signature}", "ZZZZZZZZ", "anything"):
        response = scan(officer_client, registered, forged)
        assert response.status_code == 400 and "not valid for this event" in response.content.decode(), forged
    assert status(registered) == "registered"


def test_another_events_code_is_refused(officer_client, registered):
    other_page = RegistrationPage.objects.create(event=EventFactory(start=started()), is_open=True)
    other = registration_submit(
        page=other_page, data={"full_name": "Other", "email": "other@example.org"}, language="en"
    ).registration
    # The other event's QR code (signed for it) and its short code, scanned at this event.
    for code in (check_in_payload(other), other.check_in_code):
        response = scan(officer_client, registered, code)
        assert response.status_code == 400 and "not valid for this event" in response.content.decode()
    assert status(other) == "registered" and status(registered) == "registered"


def test_a_waiting_or_cancelled_registrant_is_not_checked_in(officer_client, registered):
    Participation.objects.filter(pk=registered.participation_id).update(status=Participation.Status.WAITING)
    assert "waiting list" in scan(officer_client, registered, registered.check_in_code).content.decode()
    Registration.objects.filter(pk=registered.pk).update(cancelled_at="2027-01-01T00:00Z")
    assert "cancelled" in scan(officer_client, registered, registered.check_in_code).content.decode()
    assert status(registered) == "waiting"


def test_the_check_in_page_may_use_the_camera(officer_client, registered):
    response = officer_client.get(reverse("events:check_in", args=[registered.event_id]))
    assert "camera=(self)" in response["Permissions-Policy"]
    assert "js/checkin.js" in response.content.decode()


def test_supervisors_cannot_check_in(supervisor_client, registered):
    assert scan(supervisor_client, registered, registered.check_in_code).status_code == 403
    assert status(registered) == "registered"


def test_the_sign_in_sheet_lists_who_is_expected_and_its_ticks_are_entered_in_one_page(officer_client, db):
    event = EventFactory(start=started())
    first = ParticipationFactory(event=event, person__full_name="Ahmad Zaki")
    second = ParticipationFactory(event=event, person__full_name="Bella Tan")
    waiting = ParticipationFactory(event=event, person__full_name="Chong Wei", status=Participation.Status.WAITING)
    sheet = officer_client.get(reverse("events:sign_in_sheet", args=[event.pk])).content.decode()
    assert sheet.index("Ahmad Zaki") < sheet.index("Bella Tan") and "Chong Wei" not in sheet
    response = officer_client.post(reverse("events:sign_in_ticks", args=[event.pk]), {"attended": [str(second.pk)]})
    assert response.status_code == 302
    statuses = dict(Participation.objects.filter(event=event).values_list("pk", "status"))
    assert statuses == {first.pk: "no_show", second.pk: "attended", waiting.pk: "waiting"}


def test_a_scan_before_the_event_starts_checks_nobody_in(officer_client, registered):
    tomorrow = timezone.now() + timedelta(days=1)
    Event.objects.filter(pk=registered.event_id).update(start=tomorrow, end=tomorrow + timedelta(hours=8))
    response = scan(officer_client, registered, check_in_payload(registered))
    assert response.status_code == 400
    assert "Attendance can only be recorded once the event has started" in response.content.decode()
    assert status(registered) == "registered"
