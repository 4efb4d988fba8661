"""Delivery against a real SMTP server (aiosmtpd): refusals, stalls, crashes, digests taken whole."""

import threading
import time
from datetime import date, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from liaison.reminders.delivery import delivery_claim, email_message
from liaison.reminders.models import Delivery, Notification, NotificationPreference, Reminder
from liaison.reminders.sweep import sweep
from liaison.reminders.tests.conftest import kl, prefer

NOW = kl(2027, 3, 9, 9, 0)


def test_a_451_at_rcpt_is_retried_then_delivered(deadlines, immediate_officer, smtp):
    smtp.rcpt_reply["*"] = "451 4.3.0 Greylisted, try again later"
    deadlines.add(date(2027, 3, 16), immediate_officer)

    sweep(NOW)
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.reason) == ("scheduled", 1, "try_later")
    assert delivery.server_reply.startswith("451 4.3.0")

    smtp.rcpt_reply.clear()
    sweep(NOW + timedelta(minutes=5))

    assert [m.subject for m in smtp.to(immediate_officer.email)] == [
        "[Liaison] Due in 7 days: Deadline: UNDP call for proposals"
    ]
    assert Reminder.objects.get().state == "sent"


def test_a_451_at_data_is_retried(deadlines, immediate_officer, smtp):
    smtp.data_reply["*"] = "451 4.3.0 Local problem"
    deadlines.add(date(2027, 3, 16), immediate_officer)

    sweep(NOW)
    smtp.data_reply.clear()
    sweep(NOW + timedelta(minutes=5))

    assert len(smtp.to(immediate_officer.email)) == 1
    assert Delivery.objects.get().attempts == 2


def test_a_550_for_one_address_fails_that_e_mail_only(deadlines, immediate_officer, other_officer, smtp, client):
    prefer(other_officer)
    smtp.rcpt_reply[immediate_officer.email] = "550 5.1.1 No such user"
    deadlines.add(date(2027, 3, 16), immediate_officer, other_officer)

    sweep(NOW)
    sweep(NOW + timedelta(hours=2))

    assert smtp.to(immediate_officer.email) == [] and len(smtp.to(other_officer.email)) == 1
    refused = Delivery.objects.get(recipient=immediate_officer)
    assert (refused.state, refused.attempts, refused.reason) == ("failed", 1, "address_refused")
    assert Reminder.objects.get(recipient=other_officer).state == "sent"

    client.force_login(immediate_officer)
    page = client.get(reverse("reminders:notifications")).text
    assert "The mail server refused this address." in page
    assert "SMTPRecipientsRefused" not in page and "Traceback" not in page


def test_the_admin_shows_why_an_e_mail_failed(deadlines, immediate_officer, smtp, administrator_client):
    smtp.rcpt_reply["*"] = "550 5.1.1 No such user"
    deadlines.add(date(2027, 3, 16), immediate_officer)
    sweep(NOW)

    page = administrator_client.get(reverse("admin:reminders_delivery_changelist")).text
    assert "The mail server refused this address." in page
    delivery = Delivery.objects.get()
    detail = administrator_client.get(reverse("admin:reminders_delivery_change", args=[delivery.pk])).text
    assert "550 5.1.1 No such user" in detail

    administrator_client.post(
        reverse("admin:reminders_delivery_changelist"), {"action": "retry", "_selected_action": [delivery.pk]}
    )
    smtp.rcpt_reply.clear()
    sweep(NOW + timedelta(minutes=1))
    assert len(smtp.received) == 1 and Reminder.objects.get().state == "sent"


def test_a_stalled_server_costs_one_timeout_not_the_sweep(deadlines, immediate_officer, other_officer, smtp):
    prefer(other_officer)
    smtp.stall[immediate_officer.email] = 30
    deadlines.add(date(2027, 3, 16), immediate_officer, other_officer)

    started = time.monotonic()
    sweep(NOW)
    took = time.monotonic() - started

    assert took < 5, took  # EMAIL_TIMEOUT is 1 s here
    stalled = Delivery.objects.get(recipient=immediate_officer)
    assert (stalled.state, stalled.reason) == ("scheduled", "timeout")
    assert len(smtp.to(other_officer.email)) == 1


def test_an_unreachable_server_is_retried(deadlines, immediate_officer, settings):
    from liaison.reminders.tests.test_reminders_broker import closed_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 1
    deadlines.add(date(2027, 3, 16), immediate_officer)

    sweep(NOW)

    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.reason) == ("scheduled", "unreachable")


def test_a_resend_after_a_crash_keeps_the_message_id(deadlines, officer, smtp, settings):
    settings.REMINDER_DELIVERY_LEASE = 60
    deadlines.add(date(2027, 3, 16), officer)
    sweep(kl(2027, 3, 9, 7, 0))  # claimed, for the 08:00 digest
    at = kl(2027, 3, 9, 8, 0)

    # A process takes the e-mail, the server accepts it, and the process dies before recording it.
    claimed = delivery_claim(now=at)
    preference = NotificationPreference.objects.for_user(officer)
    message = email_message(claimed.kind, officer, preference, list(claimed.reminders.all()), at)
    message.extra_headers["Message-ID"] = claimed.message_id
    message.send()

    assert sweep(at + timedelta(seconds=30)).sent == 0  # the lease holds: nobody else sends it meanwhile
    sweep(at + timedelta(minutes=2))  # the lease has run out: sent again, as the same message

    messages = smtp.to(officer.email)
    assert len(messages) == 2
    assert messages[0].message_id == messages[1].message_id == claimed.message_id
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("sent", 2)


def test_a_digest_being_sent_takes_no_late_reminder(deadlines, officer, smtp):
    deadlines.add(date(2027, 3, 16), officer, name="UNDP call")
    deadlines.add(date(2027, 3, 12), officer, name="ADB grant")
    sweep(kl(2027, 3, 9, 7, 0))
    digest = delivery_claim(now=kl(2027, 3, 9, 8, 0))  # one process takes the 08:00 digest…

    deadlines.add(date(2027, 3, 10), officer, name="Late one")
    sweep(kl(2027, 3, 9, 8, 0))  # …another sweep finds a new reminder and the digest held

    assert smtp.received == []
    late = Reminder.objects.get(title="Deadline: Late one")
    assert late.delivery != digest and late.delivery.due_at == kl(2027, 3, 10, 8, 0)
    assert Reminder.objects.filter(delivery=digest).count() == 2


def test_two_deliverers_at_once_send_each_digest_whole_and_once(deadlines, smtp, django_user_model):
    smtp.delay = 0.05
    users = [django_user_model.objects.create(username=f"u{n}", email=f"u{n}@example.org") for n in range(6)]
    for user in users:
        for day in (12, 13, 16):
            deadlines.add(date(2027, 3, day), user, name=f"call {day}")
    sweep(kl(2027, 3, 9, 7, 0))  # claimed, waiting for the 08:00 digests

    def deliver():
        try:
            from liaison.reminders.delivery import deliver_due

            deliver_due(now=kl(2027, 3, 9, 8, 0))
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(m.to for m in smtp.received) == sorted(user.email for user in users)
    for message in smtp.received:
        assert message.subject == "[Liaison] 3 reminders for today"
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}


def test_a_withdrawn_reminder_leaves_the_bell_and_is_not_e_mailed(deadlines, officer, smtp):
    record = deadlines.add(date(2027, 3, 16), officer)
    sweep(kl(2027, 3, 9, 7, 0))
    assert Notification.objects.filter(user=officer).count() == 1

    deadlines.due.pop(record)  # the deadline was moved away, or the call closed
    sweep(kl(2027, 3, 9, 7, 5))

    assert Reminder.objects.get().state == "cancelled"
    assert Notification.objects.filter(user=officer).count() == 0
    sweep(kl(2027, 3, 9, 8, 0))
    assert smtp.received == []
    assert Delivery.objects.get().state == "cancelled"


def test_a_failed_weekly_summary_is_retried(supervisor, smtp):
    NotificationPreference.objects.create(user=supervisor)
    smtp.rcpt_reply["*"] = "421 4.7.0 Try again later"
    sweep(kl(2027, 3, 15, 8, 0))
    smtp.rcpt_reply.clear()
    sweep(kl(2027, 3, 15, 8, 5))

    assert [m.subject.split(" ")[1] for m in smtp.to(supervisor.email)] == ["Weekly"]
    assert Delivery.objects.get(kind="weekly_summary").state == "sent"


def test_the_e_mail_carries_its_delivery_s_message_id(deadlines, immediate_officer, smtp):
    deadlines.add(date(2027, 3, 16), immediate_officer)
    sweep(NOW)
    assert smtp.received[0].message_id == Delivery.objects.get().message_id
    assert smtp.received[0].message_id.endswith("@localhost>")


pytestmark = pytest.mark.django_db(transaction=True)
