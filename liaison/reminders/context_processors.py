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
