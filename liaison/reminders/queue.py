"""A save of a record that has reminders asks for a sweep at once, rather than within 5 minutes."""

from liaison.celery import app, enqueue_on_commit


def nudge_sweep(sender, raw=False, **kwargs) -> None:
    """post_save of a model named by a reminder source.

    Without a broker (tasks run eagerly) the sweep loop of `make run` or cron does it instead,
    so a save never waits for a sweep.
    """
    from .tasks import sweep_reminders

    if raw or app.conf.task_always_eager:
        return
    enqueue_on_commit(sweep_reminders)
