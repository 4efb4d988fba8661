"""Celery entry points of the contacts app: thin, taking ids (contacts/importing/batches.py does the work)."""

from celery import shared_task

from .importing import batches


@shared_task(acks_late=False)
def import_plan(batch_id, language=""):
    batches.batch_plan(batch_id, language)


@shared_task(acks_late=False)
def import_commit(batch_id, user_id, sha256, fingerprint, language=""):
    batches.batch_commit(batch_id, user_id, sha256, fingerprint, language)
