"""Long work (an import, a large report) on a Celery worker when one can be reached, in the request otherwise.

Its progress is kept in the cache (Redis when there is a broker), where the page polling it reads it.
"""

import logging

from liaison.celery import app

logger = logging.getLogger(__name__)

PROGRESS_TIMEOUT = 3600


def run(task, *args, large: bool) -> None:
    """Small work in the request; large work on a worker, or in the request when no worker can be reached."""
    if large and not app.conf.task_always_eager:
        try:
            task.delay(*args)
            return
        except Exception as error:  # broker down: the work still gets done, in this process
            logger.warning("could not enqueue %s (%s); running it in-process", task.name, error)
    task.apply(args=args, throw=True)


def progress_set(key: str, done: int, total: int) -> None:
    from django.core.cache import cache

    cache.set(key, [done, total], timeout=PROGRESS_TIMEOUT)


def progress_get(key: str) -> tuple[int, int] | None:
    """(done, total) as last set, or None when nothing was set yet."""
    from django.core.cache import cache

    found = cache.get(key)
    return tuple(found) if found else None


def percent(done: int, total: int) -> int:
    return min(round(100 * done / total), 100) if total else 0
