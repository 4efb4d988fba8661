"""The events' periodic catch-up in django-celery-beat: invitations and feedback requests left waiting are sent.

Made by migration 0006 and again after every flush (post_migrate, apps.py); an administrator may change the
schedule in the admin, which this never undoes.
"""

NAME = "Events: send waiting invitations and feedback requests"
TASK = "events.tasks.send_pending_emails"


def ensure_periodic_task(PeriodicTask, IntervalSchedule):
    every_5_minutes, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(name=NAME, defaults={"task": TASK, "interval": every_5_minutes})


def ensure_after_migrate(**kwargs):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    ensure_periodic_task(PeriodicTask, IntervalSchedule)
