"""Fixtures for the reminder engine: a test-only source, Malaysian moments, e-mail preferences."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from contacts.tests.factories import OrganisationFactory
from liaison.reminders.models import NotificationPreference
from liaison.reminders.registry import DueItem, ReminderSource, local_date, registry

KL = ZoneInfo("Asia/Kuala_Lumpur")


def kl(year, month, day, hour=9, minute=0):
    """An aware moment in Malaysian time."""
    return datetime(year, month, day, hour, minute, tzinfo=KL)


class DeadlineSource(ReminderSource):
    """Deadlines kept in memory by the test: `source.due[record] = (due, recipients)`."""

    key = "tests.deadline"
    label = "Test deadlines"
    default_offsets = (30, 14, 7, 3, 1, 0)

    def __init__(self):
        self.due = {}

    def items(self, start, end):
        for record, (due, recipients) in list(self.due.items()):
            if start <= local_date(due) <= end:
                yield DueItem(
                    obj=record, due=due, recipients=recipients, title=self.title(record), url=f"/r/{record.pk}/"
                )

    def title(self, record):
        return f"Deadline: {record.name}"

    def add(self, due, *recipients, name="UNDP call for proposals"):
        record = OrganisationFactory(name=name)
        self.due[record] = (due, recipients)
        return record


@pytest.fixture
def deadlines(db):
    with registry.added(DeadlineSource()) as source:
        yield source


def prefer(user, delivery="immediate", **extra):
    NotificationPreference.objects.update_or_create(user=user, defaults={"delivery": delivery, **extra})
    return user


@pytest.fixture
def immediate_officer(officer):
    return prefer(officer)


@pytest.fixture
def smtp(settings):
    """A real SMTP server, and Django's SMTP backend pointed at it with a one-second timeout."""
    from .smtp import SMTPServer

    server = SMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    with server as handler:
        handler.port = server.port
        yield handler
