from django.utils.functional import SimpleLazyObject

from .models import Notification
from .roles import ADMINISTRATOR, OFFICER, SUPERVISOR, role_of


def roles(request):
    """The user's role, for templates that adapt their navigation."""
    role = role_of(request.user) if hasattr(request, "user") else None
    return {
        "user_role": role,
        "is_officer": role == OFFICER,
        "is_supervisor": role == SUPERVISOR,
        "is_administrator": role == ADMINISTRATOR,
    }


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
