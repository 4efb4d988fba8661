from django.utils.functional import SimpleLazyObject

from .models import Notification

BELL_CAP = 99


def unread_badge(user):
    """The bell's figure: the unread count, "99+" past the cap, so the COUNT stays bounded."""
    count = Notification.objects.filter(user=user).unread()[: BELL_CAP + 1].count()
    return f"{BELL_CAP}+" if count > BELL_CAP else count


def notifications(request):
    """The bell's unread count: one indexed, capped COUNT, and only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_badge(user))}


def heartbeat(request):
    """When reminders were last checked (the dashboard says it); for administrators, the alarm if they stopped."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from liaison.web.roles import ADMINISTRATOR, has_role

    from .heartbeat import heartbeat_check, pulse

    is_admin = SimpleLazyObject(lambda: has_role(user, ADMINISTRATOR))
    current = SimpleLazyObject(lambda: heartbeat_check() if is_admin else pulse())
    return {
        "reminder_pulse": current,
        "reminder_alarm": SimpleLazyObject(lambda: bool(is_admin and current.is_silent)),
    }
