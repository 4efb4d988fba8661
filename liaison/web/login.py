"""How django-axes names who is trying to log in."""

from django.contrib.auth import get_user_model

USERNAME_LENGTH = get_user_model()._meta.get_field("username").max_length


def axes_username(request, credentials):
    """The username tried, cut to the length a username can have (axes keeps it in a 255-character column)."""
    username = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(username)[:USERNAME_LENGTH]
