"""Celery entry points of the reports: thin, taking ids (jobs.py does the work)."""

from celery import shared_task

from . import jobs


@shared_task(acks_late=False)
def activity_report(job_id):
    jobs.job_run(job_id)
