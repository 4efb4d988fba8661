"""The Celery application (configured from Django's settings, CELERY_*) and the one way to enqueue a task."""

import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")

app = Celery("liaison")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args) -> None:
    """Send `task` after the transaction commits, without ever failing or hanging the caller.

    When Redis is down the publish settings (CELERY_BROKER_TRANSPORT_OPTIONS, the publish retry
    policy) give up within about a second; the task is then dropped with one line of warning, so
    every task enqueued this way must be one that a periodic run catches up on (reminders are
    computed from the database by the next sweep). The same task with the same arguments is sent
    once per transaction, however many records it saves.
    """
    from django.db import transaction

    key = (task.name, args)
    pending = transaction.get_connection().run_on_commit  # [(savepoint ids, function, robust)]
    if any(getattr(function, "enqueues", None) == key for _ids, function, _robust in pending):
        return  # one form saving several records (a formset's rows) sends the task once

    def send():
        try:
            task.delay(*args)
        except Exception as error:  # broker down: the next periodic run catches up
            logger.warning("could not enqueue %s (%s); the next periodic run will catch up", task.name, error)

    send.enqueues = key
    transaction.on_commit(send)
