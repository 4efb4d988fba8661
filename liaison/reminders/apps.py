from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """The reminder engine: sources, the sweep, delivery, notifications and each user's preferences."""

    name = "liaison.reminders"
    label = "reminders"
    verbose_name = _("Reminders")

    def ready(self):
        from .queue import nudge_sweep
        from .registry import registry

        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="liaison.reminders.ensure_schedule")
        for source in registry.entries():
            for label in source.models:
                post_save.connect(nudge_sweep, sender=label, dispatch_uid=f"liaison.reminders.nudge.{label}")


def ensure_schedule(**kwargs):
    """The periodic tasks again after a flush (a test's, or `manage.py flush`): made by migration 0002 at first."""
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    from .schedule import ensure_periodic_tasks

    ensure_periodic_tasks(PeriodicTask, IntervalSchedule, CrontabSchedule)
