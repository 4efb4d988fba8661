"""What migrations put in survives what empties the tables: a flush is followed by post_migrate, which puts it back."""

import pytest
from django.core.management import call_command

from liaison.privacy.models import Purpose


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_five_purposes_in_place():
    call_command("flush", interactive=False, verbosity=0)
    assert set(Purpose.objects.values_list("key", flat=True)) == {
        "invitations",
        "newsletter",
        "partnership_work",
        "event_registration",
        "statistics",
    }


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_every_periodic_task_in_place():
    from django_celery_beat.models import PeriodicTask

    call_command("flush", interactive=False, verbosity=0)
    assert set(PeriodicTask.objects.values_list("task", flat=True)) >= {
        "liaison.reminders.tasks.sweep_reminders",
        "liaison.reminders.tasks.deliver_digests",
        "liaison.reminders.tasks.send_weekly_summaries",
        "liaison.api.tasks.send_due_webhooks",
        "events.tasks.send_pending_emails",
    }
