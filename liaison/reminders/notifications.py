"""A user's notifications and their choice of how reminders reach them."""

from django.utils import timezone

from .models import WEEKLY_SUMMARY, Notification, NotificationPreference, Reminder


def preferences_update(*, user, delivery: str, digest_hour: int, language: str) -> NotificationPreference:
    """Save the user's choices and move their waiting e-mails to the new schedule."""
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"delivery": delivery, "digest_hour": digest_hour, "language": language}
    )
    now = timezone.now()
    waiting = Reminder.objects.pending().filter(recipient=user, attempts=0).exclude(source=WEEKLY_SUMMARY)
    waiting.update(next_attempt_at=preference.next_digest_at(now) if preference.wants_digest else now)
    return preference


def notifications_mark_read(*, user, pk: int | None = None) -> int:
    """Mark one of the user's notifications read (or all of them, without pk); returns how many changed."""
    notifications = Notification.objects.filter(user=user)
    if pk is not None:
        notifications = notifications.filter(pk=pk)
    return notifications.mark_read()
