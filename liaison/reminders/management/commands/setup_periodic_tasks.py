from django.core.management.base import BaseCommand
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from liaison.reminders.schedule import ensure_periodic_tasks


class Command(BaseCommand):
    help = "Create the reminder engine's periodic tasks for Celery beat if they are missing (idempotent)."

    def handle(self, *args, **options):
        ensure_periodic_tasks(PeriodicTask, IntervalSchedule, CrontabSchedule)
        self.stdout.write(self.style.SUCCESS("Periodic tasks ready."))
