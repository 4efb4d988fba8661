"""Celery entry points of the events app: thin, taking ids."""

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

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
