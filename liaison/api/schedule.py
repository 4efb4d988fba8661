"""The webhooks' catch-up in django-celery-beat: deliveries whose Celery message was lost are sent.

Made by migration 0002 and again after every flush (post_migrate, apps.py); an administrator may change the
schedule in the admin, which this never undoes.
"""

CATCH_UP = "Webhooks: send due deliveries"


def ensure_catch_up(PeriodicTask, IntervalSchedule):
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=CATCH_UP, defaults={"task": "liaison.api.tasks.send_due_webhooks", "interval": every_minute}
    )


def ensure_after_migrate(**kwargs):
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    ensure_catch_up(PeriodicTask, IntervalSchedule)
