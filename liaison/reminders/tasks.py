"""Celery entry points: thin, taking ids, calling the sweep and delivery.

Every task here is idempotent (reminders and e-mails are claimed in the database, delivery.py), so
acks_late is safe: a task lost with its worker runs again and sends nothing twice.
"""

from celery import shared_task
from django.db import DatabaseError, transaction
from django.utils import timezone

from liaison.celery import enqueue_on_commit

from . import delivery, sweep

RETRY = {"autoretry_for": (DatabaseError,), "retry_backoff": True, "max_retries": 3}


@shared_task(acks_late=True, **RETRY)
def sweep_reminders():
    """Every 5 minutes (django-celery-beat), and nudged after a record with reminders is saved."""
    return sweep.sweep().as_dict()


@shared_task(acks_late=True, **RETRY)
def deliver_digests():
    """Hourly: one delivery task per user whose digest (or retry) is due."""
    with transaction.atomic():
        for user_id in delivery.users_with_due_deliveries():
            enqueue_on_commit(deliver_to_user, user_id)


@shared_task(acks_late=True, **RETRY)
def deliver_to_user(user_id):
    return delivery.deliver_due(user_ids=[user_id]).as_dict()


@shared_task(acks_late=True, **RETRY)
def send_weekly_summaries():
    """Monday 08:00 Asia/Kuala_Lumpur: claim and send the supervisors' weekly summaries."""
    sweep.weekly_summaries_claim(now=timezone.now())
    return delivery.deliver_due().as_dict()
