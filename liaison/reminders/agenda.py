"""What is coming and what is overdue, for the pages that list it (home, weekly summary)."""

from datetime import date, timedelta

from .models import Reminder
from .registry import registry

UPCOMING_DAYS = 14


def upcoming_items(
    *, today: date, days: int, user=None, overdue: bool = False, limit: int = 50, exclude: tuple[str, ...] = ()
) -> list[dict]:
    """Items of every source due in the next `days` days (or, with overdue, in the past ones), soonest first.

    `exclude` leaves out the sources of those keys (a page that lists them on its own).
    """
    if overdue:
        start, end = today - timedelta(days=days), today - timedelta(days=1)
    else:
        start, end = today, today + timedelta(days=days)
    rows = []
    for source in registry.entries():
        if source.key in exclude:
            continue
        items = source.items_for(user, start, end) if user is not None else source.items(start, end)
        rows += [
            {
                "source": source.label,
                "title": item.title,
                "due_on": item.due_on,
                "url": item.url,
                "due": item.due,
                "recipients": [user for user in item.recipients if user is not None],
            }
            for item in items
        ]
    rows.sort(key=lambda row: row["due_on"], reverse=overdue)
    return rows[:limit]


def reminders_failed_for(user):
    return Reminder.objects.failed().filter(recipient=user).select_related("delivery").order_by("-delivery__due_at")
