"""The reminder engine's schedule in django-celery-beat, so that a fresh install has it.

Administrators may change the schedules in the admin; running this again (or
`manage.py setup_periodic_tasks`) only adds what is missing.
"""

from django.db import migrations


def create_periodic_tasks(apps, schema_editor):
    from liaison.reminders.schedule import ensure_periodic_tasks

    ensure_periodic_tasks(
        apps.get_model("django_celery_beat", "PeriodicTask"),
        apps.get_model("django_celery_beat", "IntervalSchedule"),
        apps.get_model("django_celery_beat", "CrontabSchedule"),
    )


def remove_periodic_tasks(apps, schema_editor):
    from liaison.reminders.schedule import TASK_NAMES

    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=TASK_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reminders", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_periodic_tasks, remove_periodic_tasks)]
