"""Saving never waits on Redis: a form of each app and the API answer in under 2 s with Redis refusing,
frozen (a SIGSTOP'd redis-server of our own) or restarting, and the log gets one line of warning, not a traceback.
"""

import json
import logging
import os
import shutil
import signal
import subprocess
import time
from datetime import timedelta

import pytest
import redis
from django.urls import reverse
from django.utils import timezone

from contacts.models import Interaction
from contacts.tests.factories import OrganisationFactory, PersonFactory
from events.models import Event
from funding.models import FundingOpportunity
from liaison.api.models import ApiToken
from liaison.celery import app as celery_app
from liaison.reminders.tests.test_reminders_broker import closed_port
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db
STATES = ["refusing", "frozen", "restarting"]


class OwnRedis:
    """A redis-server on a port of its own, that a test may stop, freeze (SIGSTOP) or restart."""

    def __init__(self, tmp_path):
        self.port, self.dir, self.process = closed_port(), tmp_path, None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, wait=True):
        self.process = subprocess.Popen(
            [
                *(shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.dir)),
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        if wait:
            self.wait_ready()

    def wait_ready(self, timeout=10):
        client, deadline = redis.Redis(port=self.port, socket_timeout=1), time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                return client.ping()
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)  # a frozen server must be thawed to end
            self.process.terminate()
            self.process.wait()

    def queued(self):
        return redis.Redis(port=self.port).lrange("celery", 0, -1)


@pytest.fixture
def own_redis(tmp_path):
    """Our Redis, running, and this process's Celery publishing to it for real (as the web processes do)."""
    server = OwnRedis(tmp_path)
    server.start()
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=server.url, task_always_eager=False)
    _forget_connections()
    yield server
    server.stop()
    celery_app.conf.update(saved)
    _forget_connections()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """The test runs in a transaction that is rolled back: run what the request's commit would run, on exit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _forget_connections():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _disturb(server, state):
    if state == "frozen":
        os.kill(server.process.pid, signal.SIGSTOP)
        return
    server.stop()
    if state == "restarting":
        server.start(wait=False)  # the save lands while it starts again


def _soon(days=3, hour="10:00"):
    return f"{(timezone.localdate() + timedelta(days=days)).isoformat()}T{hour}"


def _contacts(client, officer):
    person = PersonFactory()
    data = {
        "occurred_at": _soon(-1),
        "kind": "meeting",
        "subject": "VLR kick-off",
        "people": [person.pk],
        "follow_up_date": timezone.localdate().isoformat(),
    }
    return client.post(reverse("contacts:interaction_create"), data), Interaction.objects.filter(subject="VLR kick-off")


def _partnerships(client, officer):
    data = {
        "title": "Climate action exchange with Surabaya",
        "kind": "city_to_city",
        "stage": "exploring",
        "owner": officer.pk,
        "next_step": "Send the draft MOU",
        "next_step_due": timezone.localdate().isoformat(),
        "partners-TOTAL_FORMS": "1",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "1000",
        "partners-0-role": "partner",
    }
    return client.post(reverse("partnerships:partnership_create"), data), Partnership.objects.filter(
        title="Climate action exchange with Surabaya"
    )


def _funding(client, officer):
    data = {
        "title": "UNDP call for proposals: SDG localisation",
        "funder": OrganisationFactory().pk,
        "owner": officer.pk,
        "kind": FundingOpportunity.Kind.CALL_FOR_PROPOSALS,
        "currency": "usd",
        "amount_min": "50000",
        "amount_max": "150000",
        "deadline": _soon(5, "17:00"),
        "probability": "30",
        "milestones-TOTAL_FORMS": "2",
        "milestones-INITIAL_FORMS": "0",
        "milestones-0-label": "Concept note",
        "milestones-0-due": _soon(2, "12:00"),
        "milestones-1-label": "Budget",
        "milestones-1-due": _soon(3, "12:00"),
    }
    return client.post(reverse("funding:opportunity_create"), data), FundingOpportunity.objects.filter(
        title="UNDP call for proposals: SDG localisation"
    )


def _events(client, officer):
    data = {
        "title": "GRPB module 3: monitoring",
        "kind": "training",
        "level": "national",
        "status": "planned",
        "start": _soon(2, "09:00"),
        "end": _soon(3, "17:00"),
        "city": "Kuala Lumpur",
        "country": "MY",
        "office_role": "organiser",
        "owner": officer.pk,
    }
    return client.post(reverse("events:event_create"), data), Event.objects.filter(title="GRPB module 3: monitoring")


def _api(client, officer):
    secret = ApiToken.issue(user=officer, name="script", read_only=False)[1]
    body = {
        "subject": "Call with UN-Habitat",
        "people": [PersonFactory().pk],
        "occurred_at": _soon(-1),
        "follow_up_date": timezone.localdate().isoformat(),
    }
    response = client.post(
        reverse("api:interaction-list"),
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    return response, Interaction.objects.filter(subject="Call with UN-Habitat")


SAVES = {"contacts": _contacts, "partnerships": _partnerships, "funding": _funding, "events": _events, "api": _api}
# Opened first, with Redis up: a first request's one-off loading (URLs, templates) is not what is measured.
FORMS = {
    "contacts": "contacts:interaction_create",
    "partnerships": "partnerships:partnership_create",
    "funding": "funding:opportunity_create",
    "events": "events:event_create",
    "api": "api:interaction-list",
}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("save", list(SAVES))
def test_saving_never_waits_on_redis(save, state, own_redis, client, officer, caplog, commit):
    client.force_login(officer)
    assert client.get(reverse(FORMS[save])).status_code in (200, 401)
    _disturb(own_redis, state)

    with caplog.at_level(logging.WARNING):
        started = time.monotonic()
        with commit():  # the request, then what its commit runs: the enqueue
            response, saved = SAVES[save](client, officer)
        took = time.monotonic() - started

    assert response.status_code in (201, 302), response.content.decode()[:2000]
    assert saved.count() == 1
    assert took < 2, f"{save} took {took:.2f} s with Redis {state}"
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert all(r.exc_info is None for r in problems), "a traceback in the log"
    if state == "restarting":
        own_redis.wait_ready()
        # Either the nudge reached the restarted Redis, or the one line says it will be caught up on.
        assert len(problems) + len(own_redis.queued()) == 1, [r.getMessage() for r in problems]
    else:
        assert len(problems) == 1, [r.getMessage() for r in problems]
    if problems:
        assert problems[0].name == "liaison.celery"
        assert "sweep_reminders" in problems[0].getMessage()
        assert "the next periodic run will catch up" in problems[0].getMessage()


@pytest.mark.parametrize("save", list(SAVES))
def test_with_redis_up_a_save_nudges_one_sweep(save, own_redis, client, officer, commit):
    client.force_login(officer)

    with commit():
        response, saved = SAVES[save](client, officer)

    assert response.status_code in (201, 302) and saved.count() == 1
    queued = own_redis.queued()
    assert len(queued) == 1  # one sweep, however many records the form saved
    assert b"liaison.reminders.tasks.sweep_reminders" in queued[0]
