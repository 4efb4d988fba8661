"""Activity reports made in the background when the period is long: asked for, made by a task, downloaded."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation

from liaison.dashboard.forms import DashboardFilterForm
from liaison.dashboard.registry import Scope, build
from liaison.web import background

from . import activity
from .models import ReportJob

logger = logging.getLogger(__name__)

KEPT = timedelta(days=7)  # a user's finished reports are deleted after this, when they ask for a new one


def is_large(scope: Scope) -> bool:
    """Periods longer than REPORT_BACKGROUND_DAYS are made by a worker, with a page showing the progress."""
    return (scope.end - scope.start).days + 1 > settings.REPORT_BACKGROUND_DAYS


def progress_key(job_id: int) -> str:
    return f"report-progress:{job_id}"


def progress_of(job: ReportJob) -> tuple[int, int]:
    return background.progress_get(progress_key(job.pk)) or (0, 0)


def job_create(*, user, query: dict, chosen: str, language: str) -> ReportJob:
    ReportJob.objects.filter(user=user, created_at__lt=timezone.now() - KEPT).delete()
    return ReportJob.objects.create(user=user, query=query, format=chosen, language=language)


def job_run(job_id: int) -> None:
    """Make the job's report, as the page would have in the request; a job already taken is left alone."""
    if not ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.QUEUED).update(status=ReportJob.Status.RUNNING):
        return
    job = ReportJob.objects.select_related("user").get(pk=job_id)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            board = build(DashboardFilterForm(job.query).scope(job.user))
            job.content = activity.document(
                board, job.format, lambda done, total: background.progress_set(progress_key(job_id), done, total)
            )
        except Exception:  # the page says so; the traceback goes to the log
            logger.exception("activity report %s failed", job_id)
            ReportJob.objects.filter(pk=job_id).update(
                status=ReportJob.Status.FAILED,
                message=translation.gettext("The report could not be made. Try again, or ask an administrator."),
                finished_at=timezone.now(),
            )
            return
    job.filename = f"{activity.filename(board)}.{job.format}"
    job.status, job.finished_at = ReportJob.Status.DONE, timezone.now()
    job.save(update_fields=["content", "filename", "status", "finished_at"])
