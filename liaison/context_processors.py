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


def notifications(request):
    """The bell's unread count: one indexed COUNT, and only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: Notification.objects.filter(user=user).unread().count())}
