"""The events' periodic catch-up in django-celery-beat: invitations and feedback requests left waiting are sent.

Administrators may change the schedule in the admin; this only adds the task when it is missing.
"""

from django.db import migrations

def create_periodic_task(apps, schema_editor):
    from events.schedule import ensure_periodic_task

    ensure_periodic_task(
        apps.get_model("django_celery_beat", "PeriodicTask"), apps.get_model("django_celery_beat", "IntervalSchedule")
    )


def remove_periodic_task(apps, schema_editor):
    from events.schedule import NAME

    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_issue18_feedback"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_periodic_task, remove_periodic_task)]
