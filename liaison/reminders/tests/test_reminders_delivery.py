"""Delivery: immediate e-mails or digests, in the user's language, retried, failed visibly, summaries."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django_celery_beat.models import PeriodicTask

from contacts.tests.factories import InteractionFactory
from liaison.reminders.delivery import max_attempts
from liaison.reminders.models import Delivery, Notification, Reminder
from liaison.reminders.schedule import TASK_NAMES
from liaison.reminders.sweep import sweep
from liaison.reminders.tasks import deliver_digests, send_weekly_summaries, sweep_reminders
from liaison.reminders.tests.conftest import kl, prefer

NOW = kl(2027, 3, 9, 9, 0)
TEMPORARY = "liaison.reminders.tests.backends.TemporaryFailureBackend"
PERMANENT = "liaison.reminders.tests.backends.PermanentFailureBackend"


# --- retries and failures -------------------------------------------------------------------


def test_a_temporary_smtp_failure_is_retried_with_back_off_then_marked_failed(
    deadlines, immediate_officer, settings, administrator_client
):
    settings.EMAIL_BACKEND = TEMPORARY
    deadlines.add(date(2027, 3, 16), immediate_officer)

    moments = [NOW, NOW + timedelta(minutes=5), NOW + timedelta(minutes=20), NOW + timedelta(minutes=65)]
    states = []
    for moment in moments:
        sweep(moment)
        sweep(moment + timedelta(minutes=1))  # before the back-off is over: no attempt
        reminder = Reminder.objects.select_related("delivery").get()
        states.append((reminder.state, reminder.delivery.state, reminder.delivery.attempts))

    assert states == [
        ("pending", "scheduled", 1),
        ("pending", "scheduled", 2),
        ("pending", "scheduled", 3),
        ("failed", "failed", max_attempts()),
    ]
    assert reminder.delivery.reason == "disconnected"
    assert reminder.sent_at is None
    sweep(NOW + timedelta(days=1))
    assert Delivery.objects.get().attempts == max_attempts()  # given up for good

    # Shown to the administrator…
    response = administrator_client.get(reverse("admin:reminders_reminder_changelist"), {"state__exact": "failed"})
    assert "Deadline: UNDP call for proposals" in response.text


def test_a_failed_reminder_is_shown_to_its_user(deadlines, immediate_officer, settings, client):
    settings.EMAIL_BACKEND = PERMANENT
    deadlines.add(date(2027, 3, 16), immediate_officer)

    sweep(NOW)

    reminder = Reminder.objects.select_related("delivery").get()
    assert (reminder.state, reminder.delivery.attempts) == ("failed", 1)  # a 550 is not worth retrying
    client.force_login(immediate_officer)
    page = client.get(reverse("reminders:notifications")).text
    assert "These reminders could not be sent to you by e-mail" in page
    assert "E-mail not delivered" in page
    assert "The mail server refused the message." in page
    assert "SMTPDataError" not in page
    assert "Some reminders could not be e-mailed to you." in client.get(reverse("home")).text


def test_a_retry_that_succeeds_is_sent_once(deadlines, immediate_officer, settings):
    settings.EMAIL_BACKEND = TEMPORARY
    deadlines.add(date(2027, 3, 16), immediate_officer)
    sweep(NOW)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    sweep(NOW + timedelta(minutes=5))
    sweep(NOW + timedelta(minutes=30))

    reminder = Reminder.objects.select_related("delivery").get()
    assert (reminder.state, reminder.delivery.attempts, reminder.delivery.reason) == ("sent", 2, "")
    assert len(mail.outbox) == 1


def test_a_user_without_an_address_gets_a_failed_reminder_not_a_sent_one(deadlines, immediate_officer):
    immediate_officer.email = ""
    immediate_officer.save()
    deadlines.add(date(2027, 3, 16), immediate_officer)

    sweep(NOW)

    assert Reminder.objects.get().state == "failed"
    assert Notification.objects.filter(user=immediate_officer).count() == 1


# --- digests and immediate e-mails ----------------------------------------------------------


def test_the_digest_holds_every_due_reminder_once_at_the_users_hour(deadlines, officer):
    deadlines.add(date(2027, 3, 16), officer, name="UNDP call")
    deadlines.add(date(2027, 3, 12), officer, name="ADB grant")
    InteractionFactory(subject="Call the mayor", author=officer, follow_up_date=date(2027, 3, 11))

    sweep(kl(2027, 3, 9, 0, 5))  # claimed after midnight, e-mailed in the 08:00 digest
    sweep(kl(2027, 3, 9, 7, 59))
    assert mail.outbox == []
    assert Notification.objects.filter(user=officer).count() == 3

    sweep(kl(2027, 3, 9, 8, 0))
    sweep(kl(2027, 3, 9, 8, 5))

    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.subject == "[Liaison] 3 reminders for today"
    for line in ("Due in 7 days: Deadline: UNDP call", "Due in 3 days: Deadline: ADB grant", "Call the mayor"):
        assert digest.body.count(line) == 1
        assert digest.alternatives[0][0].count(line.split(": ")[-1]) == 1
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}


def test_a_reminder_found_after_the_digest_waits_for_the_next_one(deadlines, officer):
    deadlines.add(date(2027, 3, 16), officer)

    sweep(NOW)  # 09:00: today's digest has gone
    sweep(kl(2027, 3, 10, 7, 59))
    assert mail.outbox == []

    sweep(kl(2027, 3, 10, 8, 0))
    assert len(mail.outbox) == 1


def test_a_same_day_reminder_after_the_digest_is_sent_at_once(deadlines, officer):
    deadlines.add(kl(2027, 3, 9, 17, 0), officer)

    sweep(NOW)

    assert Reminder.objects.get().offset == 0
    assert len(mail.outbox) == 1


def test_a_later_digest_hour_is_respected(deadlines, officer):
    prefer(officer, "digest", digest_hour=18)
    deadlines.add(date(2027, 3, 16), officer)

    sweep(NOW)
    sweep(kl(2027, 3, 9, 17, 59))
    assert mail.outbox == []
    sweep(kl(2027, 3, 9, 18, 0))
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(("language", "expected"), [("ms", "ms"), ("en", "en")])
def test_e_mails_are_written_in_the_users_language(deadlines, officer, language, expected):
    prefer(officer, "immediate", language=language)
    deadlines.title = lambda record: format_lazy("{}: {}", lazy(get_language, str)(), record.name)
    deadlines.add(date(2027, 3, 16), officer, name="UNDP call")

    sweep(NOW)

    assert f"{expected}: UNDP call" in mail.outbox[0].subject
    assert f"{expected}: UNDP call" in mail.outbox[0].body
    assert Notification.objects.get().title.endswith(f"{expected}: UNDP call")


def test_the_reminder_e_mail_has_text_and_html_with_a_full_link(deadlines, immediate_officer, settings):
    settings.SITE_URL = "https://liaison.example.org"
    record = deadlines.add(date(2027, 3, 16), immediate_officer, name="Fund <for> cities")

    sweep(NOW)

    message = mail.outbox[0]
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f"https://liaison.example.org/r/{record.pk}/" in message.body
    assert "Fund <for> cities" in message.body
    assert "Fund &lt;for&gt; cities" in html and "<for>" not in html


# --- supervisors' weekly summary ------------------------------------------------------------


def test_supervisors_get_one_weekly_summary_from_monday_8(deadlines, officer, supervisor):
    deadlines.add(date(2027, 3, 19), officer, name="APUF registration")
    deadlines.add(date(2027, 4, 30), officer, name="Far away")
    interaction = InteractionFactory(subject="Met the mayor")
    interaction.history.update(history_date=kl(2027, 3, 12))  # created last week

    sweep(kl(2027, 3, 15, 7, 59))  # Monday, before 08:00
    assert [m.to for m in mail.outbox] == []

    sweep(kl(2027, 3, 15, 8, 0))
    sweep(kl(2027, 3, 16, 8, 0))

    summaries = [m for m in mail.outbox if m.to == [supervisor.email]]
    assert len(summaries) == 1
    body = summaries[0].body
    assert "APUF registration" in body and "Far away" not in body
    assert "Interactions: 1 new, 0 changed, 0 deleted" in body


def test_a_summary_missed_on_monday_is_sent_later_that_week(supervisor):
    sweep(kl(2027, 3, 17, 10, 0))  # Wednesday

    assert [m.to for m in mail.outbox] == [[supervisor.email]]
    assert Reminder.objects.get().due_on == date(2027, 3, 15)


# --- entry points: command, tasks, beat schedule ------------------------------------------


def test_send_reminders_runs_the_sweep_without_a_broker(immediate_officer):
    InteractionFactory(subject="Send minutes", author=immediate_officer, follow_up_date=date.today())

    call_command("send_reminders", verbosity=0)
    call_command("send_reminders", verbosity=0)

    assert len(mail.outbox) == 1


def test_the_tasks_call_the_services(immediate_officer, supervisor):
    InteractionFactory(subject="Send minutes", author=immediate_officer, follow_up_date=date.today())

    assert sweep_reminders.apply().get()["sent"] >= 1
    deliver_digests.apply().get()
    send_weekly_summaries.apply().get()

    assert Reminder.objects.filter(state="sent", recipient=immediate_officer).count() == 1


def test_a_fresh_install_has_the_periodic_tasks(db):
    tasks = dict(PeriodicTask.objects.filter(name__in=TASK_NAMES).values_list("name", "task"))
    assert set(tasks.values()) == {
        "liaison.reminders.tasks.sweep_reminders",
        "liaison.reminders.tasks.deliver_digests",
        "liaison.reminders.tasks.send_weekly_summaries",
    }
    sweep_task = PeriodicTask.objects.get(task="liaison.reminders.tasks.sweep_reminders")
    assert (sweep_task.interval.every, sweep_task.interval.period) == (5, "minutes")

    call_command("setup_periodic_tasks", verbosity=0)
    assert PeriodicTask.objects.filter(name__in=TASK_NAMES).count() == 3
