"""Enqueue Celery tasks after the transaction commits, without ever failing or hanging the caller.

When Redis is down the broker settings (CELERY_BROKER_*) give up within about a second; the
task is then dropped with a warning, which is safe because reminders are computed from the
database by the next periodic sweep.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task, *args) -> None:
    def send():
        try:
            task.delay(*args)
        except Exception:  # broker down: the next sweep catches up
            logger.warning("could not enqueue %s; the next sweep will catch up", task.name, exc_info=True)

    transaction.on_commit(send)


def nudge_sweep(sender, raw=False, **kwargs) -> None:
    """post_save of a model named by a reminder source: sweep soon rather than within 5 minutes.

    Without a broker (tasks run eagerly) the sweep loop of `make run` or cron does it instead,
    so a save never waits for a sweep.
    """
    from .celery import app
    from .tasks import sweep_reminders

    if raw or app.conf.task_always_eager:
        return
    enqueue_on_commit(sweep_reminders)
