"""Invitations: consent and do-not-contact leave people out with the reason; each e-mail goes once, over real SMTP."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.core.mail.backends.smtp import EmailBackend
from django.db import connection
from django.urls import reverse

from contacts.models import Person
from contacts.tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory, purpose
from events.invitations import invitations_create, invitations_send
from events.models import Invitation, InvitationTemplate, Participation
from events.tasks import send_invitations
from liaison.privacy.models import Purpose
from liaison.reminders.tests.conftest import smtp  # noqa: F401 (the real SMTP server fixture)
from liaison.reminders.tests.smtp import wait_for

from .factories import EventFactory


@pytest.fixture
def template(db):
    return InvitationTemplate.objects.create(
        name="Forum",
        subject_en="Invitation: {{ event }}",
        body_en="Dear {{ honorific }} {{ name }},\nyou are invited to {{ event }} on {{ dates }}. {{ link }}",
        subject_ms="Jemputan: {{ event }}",
        body_ms="{{ honorific }} {{ name }} yang dihormati,\nanda dijemput ke {{ event }} pada {{ dates }}. {{ link }}",
    )


@pytest.fixture
def fast(settings):
    settings.INVITATION_PAUSE = 0
    settings.INVITATIONS_PER_MINUTE = 10_000


@pytest.fixture
def five_hundred(db):
    """495 who may be invited, 3 who asked not to be contacted, 2 who never consented to invitations."""
    purpose(Purpose.INVITATIONS)
    people = [PersonFactory(email=f"guest{n}@example.org", consents=[Purpose.INVITATIONS]) for n in range(495)]
    people += [PersonFactory(do_not_contact=True, consents=[Purpose.INVITATIONS]) for _ in range(3)]
    people += [PersonFactory() for _ in range(2)]
    return people


def test_it_leaves_out_do_not_contact_and_no_consent_and_says_why(officer_client, template, five_hundred, fast):
    event = EventFactory()
    result = invitations_create(event=event, people=five_hundred, template=template)
    assert len(result.created) == 495
    reasons = sorted(why for _person, why in result.left_out)
    assert len(reasons) == 5
    assert reasons.count("asked not to be contacted") == 3
    assert sum("no consent recorded" in why for why in reasons) == 2
    again = invitations_create(event=event, people=five_hundred[:10], template=template)
    assert not again.created and len(again.already) == 10
    assert Invitation.objects.filter(event=event).count() == 495
    assert Participation.objects.filter(event=event, status="invited").count() == 495


def test_the_officer_sees_who_was_left_out_and_why(officer_client, template, db, fast, mailoutbox):
    purpose(Purpose.INVITATIONS)
    event = EventFactory()
    ok = PersonFactory(full_name="Siti Aminah", consents=[Purpose.INVITATIONS])
    refused = PersonFactory(full_name="Lim Kok Wah", do_not_contact=True)
    data = {"template": template.pk, "people": [ok.pk, refused.pk]}
    response = officer_client.post(reverse("events:invitations", args=[event.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Lim Kok Wah — asked not to be contacted" in body
    assert Invitation.objects.get(event=event).person == ok


def test_invite_everyone_in_an_organisation_kind_and_state(officer_client, template, db, fast):
    purpose(Purpose.INVITATIONS)
    from liaison.reference.models import State

    selangor = State.objects.get_or_create(
        iso_code="MY-10", defaults={"name": "Selangor", "name_ms": "Selangor", "kind": "state", "abbreviation": "SGR"}
    )[0]
    council = OrganisationFactory(kind="local_government", state=selangor)
    mayor = AffiliationFactory(organisation=council, position="Mayor", person__consents=[Purpose.INVITATIONS]).person
    AffiliationFactory(position="Elsewhere", person__consents=[Purpose.INVITATIONS])
    event = EventFactory()
    data = {"template": template.pk, "organisation_kind": "local_government", "state": selangor.pk}
    officer_client.post(reverse("events:invitations", args=[event.pk]), data)
    assert list(Invitation.objects.filter(event=event).values_list("person", flat=True)) == [mayor.pk]


def test_each_person_gets_the_template_in_their_language_personalised(template, db, fast, mailoutbox):
    purpose(Purpose.INVITATIONS)
    event = EventFactory(title="Malaysia Urban Forum")
    english = PersonFactory(honorific="Dr.", full_name="Wong Li Na", consents=[Purpose.INVITATIONS])
    malay = PersonFactory(
        honorific="Dato'", full_name="Ahmad Faizal", preferred_language="Bahasa Melayu", consents=[Purpose.INVITATIONS]
    )
    invitations_create(event=event, people=[english, malay], template=template)
    assert invitations_send(event_id=event.pk) == 2
    by_person = {message.to[0]: message for message in mailoutbox}
    assert by_person[english.email].subject == "Invitation: Malaysia Urban Forum"
    assert by_person[english.email].body.startswith("Dear Dr. Wong Li Na,")
    assert by_person[malay.email].subject == "Jemputan: Malaysia Urban Forum"
    assert by_person[malay.email].body.startswith("Dato' Ahmad Faizal yang dihormati,")


class CrashingBackend(EmailBackend):
    """Django's SMTP backend whose process dies (SystemExit, not an error it could record) after `limit` e-mails."""

    limit = 0
    sent = 0

    def send_messages(self, messages):
        if CrashingBackend.sent >= CrashingBackend.limit:
            raise SystemExit("killed")
        CrashingBackend.sent += 1
        return super().send_messages(messages)


def test_495_emails_once_even_when_run_twice_and_retried_after_a_crash(template, five_hundred, fast, smtp, settings):  # noqa: F811
    event = EventFactory()
    invitations_create(event=event, people=five_hundred, template=template)
    settings.EMAIL_BACKEND = f"{__name__}.CrashingBackend"
    CrashingBackend.limit, CrashingBackend.sent = 200, 0
    with pytest.raises(SystemExit):
        invitations_send(event_id=event.pk)
    assert len(smtp.received) == 200
    # The invitation held by the dead process is taken again once its lease has run out.
    assert Invitation.objects.filter(state="sending").count() == 1
    Invitation.objects.filter(state="sending").update(lease_until="2000-01-01T00:00Z")

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    send_invitations.apply(args=[event.pk])  # the task retried
    send_invitations.apply(args=[event.pk])  # and run once more
    assert invitations_send(event_id=event.pk) == 0

    addresses = [message.to for message in smtp.received]
    assert len(addresses) == 495 and len(set(addresses)) == 495
    invited = {p.email for p in five_hundred if not p.do_not_contact and p.consents.exists()}
    assert set(addresses) == invited
    assert Invitation.objects.filter(event=event, state="sent").count() == 495


def test_a_refused_address_is_recorded_on_the_persons_invitation(template, db, fast, smtp):  # noqa: F811
    purpose(Purpose.INVITATIONS)
    event = EventFactory()
    good = PersonFactory(email="good@example.org", consents=[Purpose.INVITATIONS])
    bad = PersonFactory(email="nobody@example.org", consents=[Purpose.INVITATIONS])
    smtp.rcpt_reply["nobody@example.org"] = "550 5.1.1 No such user"
    invitations_create(event=event, people=[good, bad], template=template)
    assert invitations_send(event_id=event.pk) == 1
    failed = Invitation.objects.get(person=bad)
    assert failed.state == "failed" and "550" in failed.server_reply and failed.reason
    assert Invitation.objects.get(person=good).state == "sent"
    assert [m.to for m in smtp.received] == ["good@example.org"]


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_way_and_restarted_sends_each_invitation_once(template, fast, smtp):  # noqa: F811
    """A real process, SIGKILLed while sending; the restarted run finishes the list."""
    purpose(Purpose.INVITATIONS)
    people = [PersonFactory(email=f"k{n}@example.org", consents=[Purpose.INVITATIONS]) for n in range(60)]
    event = EventFactory()
    invitations_create(event=event, people=people, template=template)
    smtp.delay = 0.05
    database = connection.settings_dict["NAME"]
    url = django_settings.DATABASES["default"]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{url['USER']}@{url['HOST']}:{url['PORT']}/{database}",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        "INVITATION_PAUSE": "0",
        "REMINDER_DELIVERY_LEASE": "2",
        "REDIS_URL": "",
    }
    code = f"from events.invitations import invitations_send; invitations_send(event_id={event.pk})"
    worker = subprocess.Popen([sys.executable, "manage.py", "shell", "-c", code], env=env)
    assert wait_for(lambda: len(smtp.received) >= 20, timeout=60)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    assert len(smtp.received) < 60
    time.sleep(2.1)  # the dead worker's lease runs out
    restarted = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], env=env, timeout=120)
    assert restarted.returncode == 0
    addresses = [message.to for message in smtp.received]
    assert set(addresses) == {p.email for p in people}
    assert len(addresses) - len(set(addresses)) <= 1  # at least once: one duplicate at most, per kill
    assert Invitation.objects.filter(event=event, state="sent").count() == 60
    assert Person.objects.count() == 60
