"""The public registration page: capacity and waiting list, cancellation, duplicates, abuse protection."""

import re
import uuid
from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contacts.models import Consent, Person
from contacts.tests.factories import PersonFactory, purpose
from events.models import Participation, Registration, RegistrationPage
from events.registration import cancel_token, registration_cancel
from liaison.privacy.models import Purpose

from .factories import EventFactory


@pytest.fixture
def page(db):
    purpose(Purpose.EVENT_REGISTRATION)
    event = EventFactory(title="Malaysia Urban Forum 2027", venue="KLCC", start=timezone.now() + timedelta(days=30))
    event.end = event.start + timedelta(hours=8)
    event.save()
    return RegistrationPage.objects.create(event=event, is_open=True, capacity=2, ask_dietary=True)


def without_csrf(response) -> str:
    return re.sub(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', "", response.content.decode())


def register(client, page, email, name="Aisyah binti Omar", **extra):
    data = {
        "full_name": name,
        "email": email,
        "organisation_name": "Majlis Bandaraya Shah Alam",
        "position": "Town planner",
        "gender": "female",
        "dietary_needs": "vegetarian",
        "consent": "on",
        **extra,
    }
    return client.post(reverse("events:register", args=[page.code]), data)


def test_it_shows_the_page_without_login_with_the_chosen_fields(client, page):
    page.ask_position = False
    page.save()
    response = client.get(reverse("events:register", args=[page.code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="dietary_needs"' in body and 'name="position"' not in body
    assert 'name="csrfmiddlewaretoken"' in body and 'name="website"' in body


def test_it_shows_the_page_in_malay(client, page):
    response = client.get(reverse("events:register", args=[page.code]), HTTP_ACCEPT_LANGUAGE="ms")
    assert "Daftar" in response.content.decode()


def test_a_registration_matches_the_person_by_email_and_records_consent(client, page):
    known = PersonFactory(email="Aisyah@Example.org")
    response = register(client, page, "aisyah@example.org")
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.participation.person == known and not registration.new_person
    assert registration.participation.status == Participation.Status.REGISTERED
    consent = Consent.objects.get(person=known)
    assert consent.purpose.key == Purpose.EVENT_REGISTRATION and consent.status == Consent.Status.GIVEN


def test_a_registrant_unknown_becomes_a_person_from_registration(client, page, officer_client):
    register(client, page, "new.person@example.org", name="Tan Mei Ling")
    person = Person.objects.get(email="new.person@example.org")
    assert person.full_name == "Tan Mei Ling" and person.gender == "female"
    assert Registration.objects.get().new_person
    body = officer_client.get(reverse("events:registrations", args=[page.event.pk])).content.decode()
    assert "Tan Mei Ling" in body and "from registration, to review" in body


def test_the_confirmation_carries_an_ics_and_a_qr_code(client, page):
    register(client, page, "aisyah@example.org")
    [message] = mail.outbox
    assert message.to == ["aisyah@example.org"]
    assert message.subject == "Registration confirmed: Malaysia Urban Forum 2027"
    registration = Registration.objects.get()
    assert registration.check_in_code in message.body
    attachments = {name: (content, mimetype) for name, content, mimetype in message.attachments}
    ics = icalendar.Calendar.from_ical(attachments[f"event-{page.event.pk}.ics"][0])
    [vevent] = ics.walk("VEVENT")
    assert str(vevent["summary"]) == "Malaysia Urban Forum 2027"
    png, mimetype = attachments[f"check-in-{registration.check_in_code}.png"]
    assert mimetype == "image/png" and png.startswith(b"\x89PNG")


def test_the_confirmation_is_in_the_registrants_language(client, page):
    client.post(reverse("set_language"), {"language": "ms", "next": "/"})
    register(client, page, "aisyah@example.org")
    assert mail.outbox[0].subject.startswith("Pendaftaran disahkan")


def test_beyond_capacity_lands_on_the_waiting_list_and_a_cancellation_promotes_the_next(client, page):
    for n in range(4):
        register(client, page, f"r{n}@example.org", name=f"Registrant {n}")
    statuses = {r.email: r.participation.status for r in Registration.objects.select_related("participation")}
    assert statuses == {
        "r0@example.org": "registered",
        "r1@example.org": "registered",
        "r2@example.org": "waiting",
        "r3@example.org": "waiting",
    }
    assert mail.outbox[2].subject.startswith("Waiting list") and not mail.outbox[2].attachments
    mail.outbox.clear()

    first = Registration.objects.get(email="r0@example.org")
    url = reverse("events:registration_cancel", args=[cancel_token(first)])
    assert "Cancel my registration" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 200 and "is cancelled" in response.content.decode()

    first.refresh_from_db()
    assert first.cancelled_at is not None and first.participation.status == "cancelled"
    promoted = Registration.objects.get(email="r2@example.org")
    assert promoted.participation.status == "registered"
    assert Registration.objects.get(email="r3@example.org").participation.status == "waiting"
    [message] = mail.outbox
    assert message.to == ["r2@example.org"] and message.subject.startswith("A place for you")
    assert any(name.endswith(".ics") for name, _c, _m in message.attachments)

    # Cancelling again changes nothing and promotes nobody else.
    client.post(url)
    assert Registration.objects.get(email="r3@example.org").participation.status == "waiting"


def test_cancelling_from_the_waiting_list_promotes_nobody(page):
    page.capacity = 0
    page.save()
    from events.registration import registration_submit

    data = {"full_name": "A", "email": "a@example.org"}
    first = registration_submit(page=page, data=data, language="en").registration
    registration_submit(page=page, data={**data, "email": "b@example.org"}, language="en")
    assert registration_cancel(registration=first) is None
    assert Registration.objects.get(email="b@example.org").participation.status == "waiting"


def test_a_forged_cancellation_link_is_not_found(client, page):
    register(client, page, "aisyah@example.org")
    token = cancel_token(Registration.objects.get())
    assert client.get(reverse("events:registration_cancel", args=[token[:-2] + "xx"])).status_code == 404
    assert client.post(reverse("events:registration_cancel", args=["not-a-token"])).status_code == 404


def test_a_duplicate_is_refused_politely_without_telling_the_page(client, page):
    first = register(client, page, "aisyah@example.org")
    again = register(client, page, "AISYAH@example.org", name="Somebody else")
    assert first.status_code == again.status_code == 302 and first["Location"] == again["Location"]
    assert without_csrf(client.get(first["Location"])) == without_csrf(client.get(again["Location"]))
    assert Registration.objects.count() == 1 and Person.objects.filter(full_name="Somebody else").count() == 0
    refusal = mail.outbox[-1]
    assert refusal.to == ["aisyah@example.org"] and refusal.subject.startswith("You are already registered")


def test_the_honeypot_registers_nobody(client, page):
    response = register(client, page, "robot@example.org", website="http://spam.example")
    assert response.status_code == 302
    assert Registration.objects.count() == 0 and not mail.outbox


def test_missing_consent_and_bad_email_are_form_errors(client, page):
    response = register(client, page, "not-an-address", consent="")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in body and "This field is required." in body
    assert Registration.objects.count() == 0


def test_a_closed_page_takes_no_registration(client, page):
    page.closes_at = timezone.now() - timedelta(minutes=1)
    page.save()
    response = client.get(reverse("events:register", args=[page.code]))
    assert response.status_code == 200 and "closed" in response.content.decode()
    assert register(client, page, "late@example.org").status_code == 403
    assert Registration.objects.count() == 0


def test_an_unknown_page_is_not_found(client, db):
    assert client.get(reverse("events:register", args=["nope"])).status_code == 404


def test_registrations_are_rate_limited_per_address(client, page, settings):
    settings.RATELIMIT_ENABLE = True
    settings.CACHES = {
        **settings.CACHES,
        "ratelimits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex},
    }
    settings.RATELIMIT_USE_CACHE = "ratelimits"
    settings.RATELIMITS = {**settings.RATELIMITS, "registration": "3/h"}
    statuses = [register(client, page, f"r{n}@example.org").status_code for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    other = register(client, page, "other@example.org", REMOTE_ADDR="10.1.1.1")
    assert other.status_code == 302 or other.status_code == 429  # REMOTE_ADDR is a data key here, not meta
    assert (
        client.post(
            reverse("events:register", args=[page.code]), {"email": "x@example.org"}, REMOTE_ADDR="10.9.9.9"
        ).status_code
        == 200
    )  # another address is not limited (a form error: no name, no consent)


def test_csrf_is_required(page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert register(strict, page, "aisyah@example.org").status_code == 403
    assert Registration.objects.count() == 0


def test_an_invitation_link_fills_in_the_details(client, page):
    from events.invitations import invitations_create
    from events.models import InvitationTemplate

    person = PersonFactory(full_name="Rahman bin Ali", email="rahman@example.org", consents=[Purpose.INVITATIONS])
    template = InvitationTemplate.objects.create(name="t", subject_en="s", body_en="b", subject_ms="s", body_ms="b")
    [invitation] = invitations_create(event=page.event, people=[person], template=template).created
    url = reverse("events:register", args=[page.code]) + f"?invitation={invitation.token}"
    body = client.get(url).content.decode()
    assert 'value="Rahman bin Ali"' in body and 'value="rahman@example.org"' in body
    client.post(url, {"full_name": "Rahman bin Ali", "email": "rahman@example.org", "consent": "on"})
    participation = Participation.objects.get(person=person, event=page.event)
    assert participation.status == "registered" and participation.registration.new_person is False
