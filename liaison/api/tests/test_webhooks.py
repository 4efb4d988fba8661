"""Outgoing webhooks: events after the commit, one delivery per event and endpoint, signed, retried, never twice.

The end-to-end test runs a real Celery worker on Redis and a real HTTP receiver on 127.0.0.1 that
refuses connections (nothing listening) for the first attempts and then comes up.
"""

import hashlib
import hmac
import json
import os
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse

from contacts.tests.factories import InteractionFactory, OrganisationFactory
from liaison.api import webhooks
from liaison.api.models import ApiToken, WebhookDelivery, WebhookEndpoint
from liaison.celery import app as celery_app
from liaison.reminders.tests.test_reminders_broker import REDIS_TEST_URL, closed_port
from liaison.reminders.tests.test_reminders_worker import celery, stop
from partnerships.models import Partnership
from partnerships.tests.factories import PartnershipFactory

EVERY_EVENT = ["created", "changed", "stage_changed"]


def endpoint(url="http://127.0.0.1:9/hook", **extra):
    return WebhookEndpoint.objects.create(name="Website", url=url, events=extra.pop("events", EVERY_EVENT), **extra)


def api(client, method, url, data, secret):
    return getattr(client, method)(
        url, json.dumps(data), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )


# --- addresses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/hook",
        "file:///etc/passwd",
        "gopher://example.org/",
        "javascript:alert(1)",
        "http://user:pass@example.org/hook",
    ],
)
def test_only_plain_http_and_https_addresses_are_accepted(url, db):
    with pytest.raises(ValidationError) as refused:
        WebhookEndpoint(name="x", url=url, events=["created"]).full_clean()
    assert "url" in refused.value.message_dict


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/",
        "http://10.1.2.3/",
        "http://169.254.169.254/latest/",
        "http://[::1]/",
    ],
)
def test_private_addresses_are_refused_unless_the_setting_allows_them(url, db, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(ValidationError) as refused:
        WebhookEndpoint(name="x", url=url, events=["created"]).full_clean()
    assert "private or local network" in refused.value.message_dict["url"][0]
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    WebhookEndpoint(name="x", url=url, events=["created"]).full_clean()


def test_a_public_address_is_accepted_and_an_endpoint_needs_an_event(db, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    WebhookEndpoint(name="x", url="https://8.8.8.8/hook", events=["created"]).full_clean()
    with pytest.raises(ValidationError) as refused:
        WebhookEndpoint(name="x", url="https://8.8.8.8/hook", events=[]).full_clean()
    assert "events" in refused.value.message_dict


def test_admin_registers_an_endpoint_and_refuses_a_bad_address(administrator_client, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    url = reverse("admin:api_webhookendpoint_add")
    data = {"name": "Website", "url": "http://192.168.1.5/hook", "secret": "s3cret", "events": ["created"]}
    response = administrator_client.post(url, data)
    assert response.status_code == 200 and "private or local network" in response.content.decode()
    data["url"] = "https://8.8.8.8/hook"
    data["resources"] = ["events"]
    assert administrator_client.post(url, data).status_code == 302
    saved = WebhookEndpoint.objects.get()
    assert saved.events == ["created"] and saved.resources == ["events"]


# --- events ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_events_are_made_after_the_commit_once_per_record_and_kind(officer, django_capture_on_commit_callbacks):
    website = endpoint()
    only_stages = endpoint(events=["stage_changed"], resources=["partnerships"])
    endpoint(events=["created"], active=False)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            partnership = PartnershipFactory(stage=Partnership.Stage.IDEA)
            partnership.title = "Renamed in the same transaction"
            partnership.save()
        assert not WebhookDelivery.objects.exists()  # nothing before the commit: the events wait for it
    assert [(d.endpoint, d.event) for d in WebhookDelivery.objects.all()] == [(website, "created")]
    assert WebhookDelivery.objects.get().payload["record"]["title"] == "Renamed in the same transaction"

    WebhookDelivery.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        partnership.stage = Partnership.Stage.EXPLORING
        partnership.save()
        partnership.save()
    rows = sorted((d.endpoint.name, d.endpoint == only_stages, d.event) for d in WebhookDelivery.objects.all())
    assert rows == [
        ("Website", False, "changed"),
        ("Website", False, "stage_changed"),
        ("Website", True, "stage_changed"),
    ]
    stage_rows = WebhookDelivery.objects.filter(event="stage_changed")
    assert len({d.event_id for d in stage_rows}) == 1  # one event, its id shared by the endpoints


@pytest.mark.django_db
def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    endpoint()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            OrganisationFactory()
            raise RuntimeError
        with transaction.atomic():
            OrganisationFactory(name="MBPP")
    assert [d.payload["record"]["name"] for d in WebhookDelivery.objects.all()] == ["MBPP"]


@pytest.mark.django_db
def test_confidential_interactions_are_never_sent(officer, django_capture_on_commit_callbacks):
    endpoint()
    with django_capture_on_commit_callbacks(execute=True):
        InteractionFactory(author=officer, subject="secret talks", confidential=True)
        InteractionFactory(author=officer, subject="open call")
    assert [d.payload["record"]["subject"] for d in WebhookDelivery.objects.all()] == ["open call"]


@pytest.mark.django_db
def test_a_failed_attempt_is_logged_and_the_delivery_fails_after_the_last_delay(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    settings.WEBHOOK_RETRY_DELAYS = [0]
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint(url=f"http://127.0.0.1:{closed_port()}/hook"),
        event="created",
        resource="organisations",
        record_id=1,
        payload={"id": "x"},
    )
    assert webhooks.attempt(delivery.pk) == 0  # retried after the first delay
    delivery.refresh_from_db()
    assert delivery.state == "pending" and delivery.attempts == 1 and "Could not reach" in delivery.last_error
    assert webhooks.attempt(delivery.pk) is None
    delivery.refresh_from_db()
    assert delivery.state == "failed" and delivery.attempts == 2
    assert webhooks.attempt(delivery.pk) is None and WebhookDelivery.objects.get().attempts == 2  # never claimed


# --- end to end: a real worker, a real receiver ----------------------------------------------


class Receiver(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.django_db(transaction=True)
def test_a_receiver_down_for_a_while_gets_each_event_once_signed(client, officer, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    queue = f"webhooks-test-{uuid.uuid4().hex[:8]}"  # our own queue: no other worker on the Redis takes our tasks
    redis_url = os.environ.get("REDIS_URL") or REDIS_TEST_URL
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")}
    celery_app.conf.update(broker_url=redis_url, task_always_eager=False, task_default_queue=queue)
    celery_app._pool = None
    celery_app.amqp._producer_pool = None

    port = closed_port()  # nothing listens there yet: every attempt is a refused connection
    hook = endpoint(url=f"http://127.0.0.1:{port}/hook", secret="shared-secret")
    database = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{database['USER']}@/{database['NAME']}?host={database['HOST']}&port={database['PORT']}",
        "REDIS_URL": redis_url,
        "CONN_MAX_AGE": "0",
        "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": "True",
        # The schedule shortened: a second between attempts instead of a minute, then five.
        "WEBHOOK_RETRY_DELAYS": ",".join(["1"] * 30),
    }
    worker = celery(
        "worker", "-Q", queue, "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat", env=env
    )
    server = None
    Receiver.received = []
    try:
        secret = ApiToken.issue(user=officer, name="script", read_only=False)[1]
        made = api(
            client,
            "post",
            reverse("api:partnership-list"),
            {"title": "Kuala Lumpur and Bandung", "stage": "idea"},
            secret,
        )
        assert made.status_code == 201, made.content
        moved = api(
            client, "patch", reverse("api:partnership-detail", args=[made.json()["id"]]), {"stage": "exploring"}, secret
        )
        assert moved.status_code == 200, moved.content
        assert sorted(WebhookDelivery.objects.values_list("event", flat=True)) == [
            "changed",
            "created",
            "stage_changed",
        ]

        # Down: wait until every delivery has been refused at least twice.
        deadline = time.monotonic() + 60
        while WebhookDelivery.objects.filter(attempts__lt=2).exists():
            assert worker.poll() is None, "the worker stopped"
            assert time.monotonic() < deadline, list(WebhookDelivery.objects.values("state", "attempts", "last_error"))
            time.sleep(0.2)
        assert not Receiver.received
        assert all("Could not reach the receiver" in d.last_error for d in WebhookDelivery.objects.all())

        # Up again: each event arrives, once.
        server = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        deadline = time.monotonic() + 60
        while WebhookDelivery.objects.exclude(state="delivered").exists():
            assert worker.poll() is None, "the worker stopped"
            assert time.monotonic() < deadline, list(WebhookDelivery.objects.values("state", "attempts", "last_error"))
            time.sleep(0.2)
        time.sleep(3)  # any duplicate (a retry after the success) would arrive meanwhile
    finally:
        logs = stop(worker)
        if server is not None:
            server.shutdown()
            server.server_close()
        celery_app.conf.update(saved)
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    assert len(Receiver.received) == 3, logs
    deliveries = {str(d.event_id): d for d in WebhookDelivery.objects.all()}
    assert {headers["X-Liaison-Delivery"] for headers, _ in Receiver.received} == set(deliveries)
    for headers, body in Receiver.received:
        expected = hmac.new(
            hook.secret.encode(), headers["X-Liaison-Timestamp"].encode() + b"." + body, hashlib.sha256
        ).hexdigest()
        assert hmac.compare_digest(headers["X-Liaison-Signature"], f"sha256={expected}")
        payload = json.loads(body)
        delivery = deliveries[payload["id"]]
        assert headers["X-Liaison-Event"] == payload["event"] == delivery.event
        assert payload["resource"] == "partnerships" and payload["record"]["title"] == "Kuala Lumpur and Bandung"
        assert delivery.attempts >= 3 and delivery.last_status_code == 204 and delivery.last_error == ""
    stages = {json.loads(body)["event"]: json.loads(body)["record"]["stage"] for _, body in Receiver.received}
    assert stages == {"created": "idea", "changed": "exploring", "stage_changed": "exploring"}
