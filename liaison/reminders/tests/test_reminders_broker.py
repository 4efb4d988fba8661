"""Saving a record never waits for Redis, and a real Redis receives the sweep nudged on commit."""

import logging
import os
import socket
import time
from datetime import date

import pytest
import redis
from django.core import mail
from django.db import transaction

from contacts.models import Interaction
from contacts.tests.factories import InteractionFactory
from liaison.celery import app as celery_app
from liaison.reminders.models import Reminder
from liaison.reminders.sweep import sweep
from liaison.reminders.tests.conftest import prefer

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/5")


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


@pytest.fixture
def hung_redis():
    """A server that accepts connections and never answers, like a Redis stuck or behind a dead NAT."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def broker():
    """Point Celery at a broker URL for one test, with real (not eager) publishing."""
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}

    def use(url):
        celery_app.conf.update(broker_url=url, task_always_eager=False)
        _forget_connections()

    yield use
    celery_app.conf.update(saved)
    _forget_connections()


def _forget_connections():
    celery_app._pool = None  # as Celery does after a fork
    celery_app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("down", ["closed port", "hung server"])
def test_saving_a_record_is_fast_when_redis_is_down(broker, hung_redis, officer, caplog, down):
    broker(f"redis://127.0.0.1:{closed_port() if down == 'closed port' else hung_redis}/5")
    prefer(officer)

    with caplog.at_level(logging.WARNING, logger="liaison.queue"):
        started = time.monotonic()
        with transaction.atomic():
            interaction = InteractionFactory(subject="Send the LOI", author=officer, follow_up_date=date.today())
        created_in = time.monotonic() - started

        started = time.monotonic()
        interaction.subject = "Send the signed LOI"
        interaction.save()
        edited_in = time.monotonic() - started

    assert created_in < 2 and edited_in < 2, (created_in, edited_in)
    assert Interaction.objects.get().subject == "Send the signed LOI"
    assert caplog.text.count("the next periodic run will catch up") == 2

    sweep()  # what the periodic sweep (or send_reminders) does next
    assert len(mail.outbox) == 1
    assert Reminder.objects.get().state == "sent"


@pytest.mark.django_db(transaction=True)
def test_a_save_nudges_a_sweep_through_redis_after_commit_only(broker, officer):
    broker(REDIS_TEST_URL)
    queue = redis.Redis.from_url(REDIS_TEST_URL)
    queue.delete("celery")

    with transaction.atomic():
        InteractionFactory(author=officer, follow_up_date=date.today())
        assert queue.llen("celery") == 0  # not before the commit
    with pytest.raises(RuntimeError), transaction.atomic():
        InteractionFactory(author=officer, follow_up_date=date.today())
        raise RuntimeError("rolled back")

    messages = queue.lrange("celery", 0, -1)
    queue.delete("celery")
    assert len(messages) == 1
    assert b"liaison.reminders.tasks.sweep_reminders" in messages[0]


@pytest.mark.django_db(transaction=True)
def test_the_interaction_form_saves_fast_with_redis_refusing_and_logs_one_line(broker, officer_client, caplog):
    from django.urls import reverse

    from contacts.tests.factories import PersonFactory

    broker(f"redis://127.0.0.1:{closed_port()}/5")
    person = PersonFactory()

    with caplog.at_level(logging.WARNING, logger="liaison.celery"):
        started = time.monotonic()
        response = officer_client.post(
            reverse("contacts:interaction_create"),
            {
                "occurred_at": "2026-11-20T10:30",
                "kind": "meeting",
                "subject": "VLR kick-off",
                "people": [person.pk],
                "follow_up_date": date.today().isoformat(),
            },
        )
        took = time.monotonic() - started

    assert response.status_code == 302 and Interaction.objects.get().subject == "VLR kick-off"
    assert took < 2, took
    warnings = [record for record in caplog.records if record.name == "liaison.celery"]
    assert len(warnings) == 1 and warnings[0].exc_info is None
    assert "the next periodic run will catch up" in warnings[0].getMessage()
