"""Outgoing webhooks: the records' events, one signed delivery per event and endpoint, retried with back-off.

Events. Every save of a record that the API serves (each resource of registry.py) is an event:
`created`, `changed`, and `stage_changed` when the resource's `stage_field` (a partnership's stage, an
opportunity's or an agreement's status, an event's status) took another value — whether the save came
from a page, the API or the admin. The events of one transaction are gathered and sent after it
commits (nothing for a rolled-back one), each record's at most once per kind. A resource may leave a
record out (`ApiResource.webhook_record` returning None: confidential interactions are never sent).

Deliveries. Each event makes one WebhookDelivery row per endpoint that wants it (unique on the
endpoint and the event's id), then a Celery task (tasks.deliver_webhook) claims the row by an UPDATE
that only one process can win (pending and due, or sending with its lease run out), POSTs the JSON
with its signature, and records the outcome: delivered on a 2xx answer; otherwise the HTTP status or
the error, and the next attempt after the next of WEBHOOK_RETRY_DELAYS, or failed once they are
spent. A delivered row is never claimed again, so a retry never sends an event twice; only a process
that dies between the receiver's answer and the record of it (then the lease, WEBHOOK_LEASE, runs
out) sends it again, with the same X-Liaison-Delivery id for the receiver to recognise.

Signature. `X-Liaison-Signature: sha256=<hex>` is HMAC-SHA256 with the endpoint's secret over
`<X-Liaison-Timestamp>.<body>`; receivers compare in constant time and refuse old timestamps.

Server-side request forgery. Webhook addresses are typed by administrators but reached by the
server, which sits inside the council's network. So: only http and https; no credentials in the
address; no redirects followed; and unless WEBHOOK_ALLOW_PRIVATE_ADDRESSES is on, an address whose
host resolves to a loopback, private, link-local, shared, multicast or reserved address is refused when
registered and again before every attempt (the check and the connection resolve the name separately,
so a firewall rule keeping the workers away from internal ranges remains the real protection).
"""

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
import urllib.error
import urllib.request
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)
Event = WebhookEndpoint.Event
State = WebhookDelivery.State
USER_AGENT = "Liaison-Webhooks/1"


# --- addresses --------------------------------------------------------------------------


def _forbidden(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def url_problem(url: str) -> str | None:
    """Why the server may not call `url`, in words; None when it may."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _("Enter a valid address.")
    if parts.scheme not in ("http", "https"):
        return _("Only http:// and https:// addresses can receive webhooks.")
    if not parts.hostname:
        return _("Enter a valid address.")
    if parts.username or parts.password:
        return _("Put no user name or password in the address; the signature authenticates the sender.")
    if getattr(settings, "WEBHOOK_ALLOW_PRIVATE_ADDRESSES", False):
        return None
    try:
        found = socket.getaddrinfo(parts.hostname, port or (443 if parts.scheme == "https" else 80))
    except (OSError, UnicodeError):
        return _("The host name of this address cannot be found.")
    if any(_forbidden(info[4][0].split("%")[0]) for info in found):
        return _(
            "This address is on a private or local network, which the server does not call "
            "(an administrator of the server can allow it with WEBHOOK_ALLOW_PRIVATE_ADDRESSES)."
        )
    return None


# --- signing ----------------------------------------------------------------------------


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


# --- events -----------------------------------------------------------------------------


def _resources_by_model():
    from .registry import registry

    found = {}
    for resource in registry.entries():
        model = getattr(getattr(resource.viewset, "queryset", None), "model", None)
        if model is not None:
            found[model] = resource
    return found


_by_model = None


def resource_for(model):
    global _by_model
    if _by_model is None:
        _by_model = _resources_by_model()
    return _by_model.get(model)


class _Pending:
    """The events of one transaction, sent when it commits: {(resource prefix, pk): {event, …}}."""

    def __init__(self, connection):
        self.connection = connection
        self.events: dict[tuple[str, int], set[str]] = {}

    def flush(self):
        if getattr(self.connection, "liaison_webhooks", None) is self:
            self.connection.liaison_webhooks = None
        emit(self.events)


def _note(resource, pk, events: set[str]):
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        emit({(resource.prefix, pk): events})
        return
    pending = getattr(connection, "liaison_webhooks", None)
    # A rolled-back transaction or savepoint drops its on-commit callbacks: start again when ours is gone.
    if pending is None or not any(entry[1] == pending.flush for entry in connection.run_on_commit):
        pending = _Pending(connection)
        connection.liaison_webhooks = pending
        transaction.on_commit(pending.flush)
    pending.events.setdefault((resource.prefix, pk), set()).update(events)


def _before_save(sender, instance, raw=False, **kwargs):
    resource = resource_for(sender)
    if raw or resource is None or not resource.stage_field or instance.pk is None:
        return
    field = resource.stage_field
    instance._webhook_stage_before = sender._base_manager.filter(pk=instance.pk).values_list(field, flat=True).first()


def _after_save(sender, instance, created, raw=False, **kwargs):
    resource = resource_for(sender)
    if raw or resource is None:
        return
    events = {Event.CREATED} if created else {Event.CHANGED}
    field = resource.stage_field
    if (
        not created
        and field
        and getattr(instance, "_webhook_stage_before", None) not in (None, getattr(instance, field))
    ):
        events.add(Event.STAGE_CHANGED)
    instance._webhook_stage_before = None
    _note(resource, instance.pk, events)


def connect():
    """Called by ApiConfig.ready: every model's saves pass by here (a dictionary look-up for the others)."""
    pre_save.connect(_before_save, dispatch_uid="liaison-webhooks-pre")
    post_save.connect(_after_save, dispatch_uid="liaison-webhooks-post")


def emit(events: dict[tuple[str, int], set[str]]) -> list[WebhookDelivery]:
    """One delivery per event and endpoint that wants it, then a task for each."""
    if not events:
        return []
    endpoints = list(WebhookEndpoint.objects.filter(active=True))
    if not endpoints:
        return []
    from .registry import registry
    from .tasks import deliver_webhook

    resources = {resource.prefix: resource for resource in registry.entries()}
    now = timezone.now()
    deliveries = []
    for (prefix, pk), kinds in events.items():
        if Event.CREATED in kinds:
            kinds = {Event.CREATED}  # a record made and changed in one transaction is a new record
        wanting = {kind: [e for e in endpoints if e.wants(kind, prefix)] for kind in kinds}
        if not any(wanting.values()):
            continue
        resource = resources[prefix]
        instance = resource.viewset.queryset.filter(pk=pk).first()
        record = resource.webhook_record(instance) if instance is not None else None
        if record is None:
            continue
        for kind in sorted(kinds):
            event = {"event": kind, "resource": prefix, "occurred_at": now.isoformat(), "record": record}
            event_id = None
            for endpoint in wanting[kind]:
                delivery = WebhookDelivery(
                    endpoint=endpoint, event=kind, resource=prefix, record_id=pk, next_attempt_at=now
                )
                event_id = event_id or delivery.event_id  # one event, one id, whichever endpoint
                delivery.event_id = event_id
                delivery.payload = {"id": str(event_id), **event}
                deliveries.append(delivery)
    created = WebhookDelivery.objects.bulk_create(deliveries)
    from liaison.celery import enqueue_on_commit

    for delivery in created:
        enqueue_on_commit(deliver_webhook, delivery.pk)
    return created


# --- sending ----------------------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a 3xx is the answer, not a new address to call


_opener = urllib.request.build_opener(_NoRedirects)


def retry_delays() -> list[float]:
    return [float(delay) for delay in settings.WEBHOOK_RETRY_DELAYS]


def claim(delivery_id: int) -> WebhookDelivery | None:
    """Take the delivery for one attempt, or None when it is not due or another process holds it."""
    now = timezone.now()
    lease = now + timedelta(seconds=settings.WEBHOOK_LEASE)
    due = models.Q(state=State.PENDING, next_attempt_at__lte=now) | models.Q(state=State.SENDING, lease_until__lt=now)
    taken = WebhookDelivery.objects.filter(due, pk=delivery_id).update(
        state=State.SENDING, lease_until=lease, attempts=models.F("attempts") + 1
    )
    if not taken:
        return None
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)


def attempt(delivery_id: int) -> float | None:
    """One attempt at the delivery; returns the seconds until the next one when it must be retried."""
    delivery = claim(delivery_id)
    if delivery is None:
        return None
    status_code, error = _send(delivery)
    now = timezone.now()
    delivery.last_status_code = status_code
    delivery.lease_until = None
    if error is None:
        delivery.state, delivery.delivered_at, delivery.last_error = State.DELIVERED, now, ""
        delivery.save(update_fields=["state", "delivered_at", "last_error", "last_status_code", "lease_until"])
        return None
    delivery.last_error = error[:2000]
    delays = retry_delays()
    if delivery.attempts > len(delays):
        delivery.state = State.FAILED
        delay = None
    else:
        delay = delays[delivery.attempts - 1]
        delivery.state, delivery.next_attempt_at = State.PENDING, now + timedelta(seconds=delay)
    delivery.save(update_fields=["state", "next_attempt_at", "last_error", "last_status_code", "lease_until"])
    logger.info("webhook delivery %s attempt %s failed: %s", delivery.pk, delivery.attempts, error)
    return delay


def _send(delivery: WebhookDelivery) -> tuple[int | None, str | None]:
    """POST the delivery: (HTTP status, None) on success, else (status or None, what went wrong)."""
    endpoint = delivery.endpoint
    problem = url_problem(endpoint.url)
    if problem:
        return None, problem
    body = body_of(delivery)
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked by url_problem: http or https)
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Liaison-Event": delivery.event,
            "X-Liaison-Delivery": str(delivery.event_id),
            "X-Liaison-Timestamp": timestamp,
            "X-Liaison-Signature": signature(endpoint.secret, timestamp, body),
        },
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        return error.code, _("The receiver answered %(code)s.") % {"code": error.code}
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return None, _("Could not reach the receiver: %(reason)s.") % {"reason": reason}


def due_deliveries(limit: int = 500) -> list[int]:
    """The deliveries whose attempt is due (or whose process died): what the periodic task sends again."""
    now = timezone.now()
    due = models.Q(state=State.PENDING, next_attempt_at__lte=now) | models.Q(state=State.SENDING, lease_until__lt=now)
    return list(WebhookDelivery.objects.filter(due).order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
