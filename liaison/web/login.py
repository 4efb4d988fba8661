"""Who is asking: the client's real address behind the proxy, and the username axes counts failures for."""

import ipaddress

from django.conf import settings
from django.contrib.auth import get_user_model

USERNAME_LENGTH = get_user_model()._meta.get_field("username").max_length


def axes_username(request, credentials):
    """The username tried, cut to the length a username can have (axes keeps it in a 255-character column)."""
    username = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(username)[:USERNAME_LENGTH]


def client_ip(request) -> str:
    """The client's address: behind the proxy (BEHIND_PROXY), the one the proxy appended to X-Forwarded-For.

    The proxy appends the address it was reached from; what a client writes before that is not to be trusted.
    Used by django-axes and django-ratelimit, so that users behind the proxy are not all one address.
    """
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 (a key for counting, not a bind address)
    if not settings.BEHIND_PROXY:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:
        return remote
