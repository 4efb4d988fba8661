"""Notifications and reminders are rendered in the reader's language when shown, not frozen when written."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from conftest import login
from liaison.reminders.messages import ReaderDate, message_of, message_render, reader_text
from liaison.reminders.models import Notification, Reminder
from liaison.reminders.sweep import sweep
from liaison.reminders.tests.conftest import prefer
from liaison.work.models import Task
from liaison.work.services import task_assigned

pytestmark = pytest.mark.django_db


def read_as(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("reminders:notifications")).content.decode()


def test_a_task_notification_reads_in_the_language_of_whoever_reads_it(client, officer, other_officer):
    prefer(other_officer, language="ms")  # written while its recipient read Malay
    given = Task.objects.create(title="Call the mayor", due_on=date(2027, 3, 10), assignee=other_officer)
    note = task_assigned(given, by=officer)
    assert note.title.startswith("Officer memberi anda tugasan: Call the mayor")
    login(client, other_officer)

    assert "Officer gave you a task: Call the mayor (due 10 Mar 2027)" in read_as(client, "en")
    malay = read_as(client, "ms")
    assert "Officer memberi anda tugasan: Call the mayor (tarikh akhir 10 Mac 2027)" in malay
    assert "gave you a task" not in malay


def test_a_reminder_and_its_notification_follow_the_reader(client, officer):
    prefer(officer, language="ms")
    Task.objects.create(title="Hantar laporan", assignee=officer, due_on=date(2027, 3, 10))
    sweep(timezone.make_aware(timezone.datetime(2027, 3, 9, 9)))
    reminder, note = Reminder.objects.get(), Notification.objects.get(user=officer)
    assert reminder.title == "Tugasan: Hantar laporan"  # as e-mailed to them then
    with translation.override("en"):
        assert (reminder.text, note.text) == ("Task: Hantar laporan", "Due tomorrow: Task: Hantar laporan")
    with translation.override("ms"):
        assert reminder.text == "Tugasan: Hantar laporan" and not note.text.startswith("Due")
    login(client, officer)
    assert "Due tomorrow: Task: Hantar laporan" in read_as(client, "en")


def test_messages_keep_translatable_values_and_dates_apart_from_plain_text():
    text = reader_text(
        translation.gettext_lazy("Next step: %(step)s (%(partnership)s)"),
        step=translation.gettext_lazy("to be decided"),
        partnership="Penang MoU",
    )
    stored = message_of(text)
    assert stored["params"] == {"step": {"t": "to be decided"}, "partnership": {"s": "Penang MoU"}}
    overdue = translation.gettext_lazy("Overdue since %(date)s")
    dated = message_of(reader_text(overdue, date=ReaderDate(date(2027, 1, 5))))
    with translation.override("en"):
        assert message_render(stored) == "Next step: to be decided (Penang MoU)"
        assert message_render(dated) == "Overdue since 5 Jan 2027"
    with translation.override("ms"):
        assert "to be decided" not in message_render(stored) and "Penang MoU" in message_render(stored)
    assert message_of("plain text") is None


def test_the_migration_gives_frozen_task_notifications_their_message_back(officer, other_officer):
    given = Task.objects.create(title="Call the mayor", due_on=date(2027, 3, 10), assignee=other_officer)
    frozen = Notification.objects.create(
        user=other_officer,
        title="Officer memberi anda tugasan: Call the mayor (tarikh akhir 10 Mac 2027)",
        url=given.get_absolute_url(),
    )
    other = Notification.objects.create(user=other_officer, title="Something else", url="/somewhere/")
    migration = importlib.import_module("liaison.reminders.migrations.0004_issue17c_messages")

    migration.task_notifications_readable_in_any_language(apps, None)

    frozen.refresh_from_db()
    other.refresh_from_db()
    with translation.override("en"):
        assert frozen.text == "Officer gave you a task: Call the mayor (due 10 Mar 2027)"
    assert other.message is None and other.text == "Something else"
