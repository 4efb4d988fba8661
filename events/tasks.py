"""Celery entry points of the events app: thin, taking ids."""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from . import feedback, invitations


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=3)
def send_invitations(event_id):
    """Send a batch of the event's invitations; the next batch follows after a minute (the throttle).

    Idempotent (each invitation is claimed, events/invitations.py), so acks_late is safe.
    """
    sent = invitations.invitations_send(event_id=event_id, limit=settings.INVITATIONS_PER_MINUTE)
    if invitations.invitations_pending(event_id) and not settings.CELERY_TASK_ALWAYS_EAGER:
        send_invitations.apply_async(args=[event_id], countdown=60)
    elif invitations.invitations_pending(event_id):
        invitations.invitations_send(event_id=event_id)  # in-process (no broker): the rest now
    return sent


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=3)
def send_feedback_requests(event_id):
    """Send a batch of the event's feedback requests, throttled as invitations are; idempotent (claimed rows)."""
    sent = feedback.feedback_requests_send(event_id=event_id, limit=settings.INVITATIONS_PER_MINUTE)
    if feedback.feedback_pending(event_id) and not settings.CELERY_TASK_ALWAYS_EAGER:
        send_feedback_requests.apply_async(args=[event_id], countdown=60)
    elif feedback.feedback_pending(event_id):
        feedback.feedback_requests_send(event_id=event_id)  # in-process (no broker): the rest now
    return sent


@shared_task(acks_late=True)
def send_pending_emails():
    """The periodic catch-up (every 5 minutes): a batch for each event whose invitations or feedback requests wait.

    enqueue_on_commit drops a task when the broker is down; this run sends what such a task would have.
    Each row is claimed before sending, so running beside a task already under way sends nothing twice.
    """
    from .models import FeedbackRequest, Invitation

    now = timezone.now()
    for event_id in Invitation.objects.claimable(now).order_by().values_list("event_id", flat=True).distinct():
        invitations.invitations_send(event_id=event_id, limit=settings.INVITATIONS_PER_MINUTE)
    for event_id in FeedbackRequest.objects.claimable(now).order_by().values_list("event_id", flat=True).distinct():
        feedback.feedback_requests_send(event_id=event_id, limit=settings.INVITATIONS_PER_MINUTE)
