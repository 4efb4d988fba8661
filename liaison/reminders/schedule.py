"""The periodic tasks beat runs for reminders (django-celery-beat's database scheduler)."""

SWEEP = "Reminders: sweep"
DIGESTS = "Reminders: daily digests"
WEEKLY = "Reminders: supervisors' weekly summary"
TASK_NAMES = (SWEEP, DIGESTS, WEEKLY)
TIME_ZONE = "Asia/Kuala_Lumpur"


def ensure_periodic_tasks(PeriodicTask, IntervalSchedule, CrontabSchedule):
    """Create the missing periodic tasks; never change one an administrator has edited. Idempotent."""
    every_5_minutes, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    hourly, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="*", day_of_week="*", day_of_month="*", month_of_year="*", timezone=TIME_ZONE
    )
    monday_8, _ = CrontabSchedule.objects.get_or_create(
        minute="0", hour="8", day_of_week="1", day_of_month="*", month_of_year="*", timezone=TIME_ZONE
    )
    wanted = [
        (SWEEP, "liaison.reminders.tasks.sweep_reminders", {"interval": every_5_minutes}),
        (DIGESTS, "liaison.reminders.tasks.deliver_digests", {"crontab": hourly}),
        (WEEKLY, "liaison.reminders.tasks.send_weekly_summaries", {"crontab": monday_8}),
    ]
    for name, task, schedule in wanted:
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, **schedule})
