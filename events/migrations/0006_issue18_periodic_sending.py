"""The events' periodic catch-up in django-celery-beat: invitations and feedback requests left waiting are sent.

Administrators may change the schedule in the admin; this only adds the task when it is missing.
"""

from django.db import migrations

NAME = "Events: send waiting invitations and feedback requests"


def create_periodic_task(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_5_minutes, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=NAME, defaults={"task": "events.tasks.send_pending_emails", "interval": every_5_minutes}
    )


def remove_periodic_task(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_issue18_feedback"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_periodic_task, remove_periodic_task)]
