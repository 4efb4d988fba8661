"""A user's notifications and their choice of how reminders reach them."""

from django.db import transaction
from django.utils import timezone

from .models import Notification, NotificationPreference
from .outbox import deliveries_replan


def preferences_update(*, user, delivery: str, digest_hour: int, language: str) -> NotificationPreference:
    """Save the user's choices and move their waiting e-mails to the new schedule."""
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.update_or_create(
            user=user, defaults={"delivery": delivery, "digest_hour": digest_hour, "language": language}
        )
        deliveries_replan(user=user, preference=preference, now=timezone.now())
    return preference


def notifications_mark_read(*, user, pk: int | None = None) -> int:
    """Mark one of the user's notifications read (or all of them, without pk); returns how many changed."""
    notifications = Notification.objects.filter(user=user)
    if pk is not None:
        notifications = notifications.filter(pk=pk)
    return notifications.mark_read()
