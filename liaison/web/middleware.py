"""Middleware of the web toolkit."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found

from .text import CONTROL_CHARACTERS, strip_controls

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _needs_cleaning(data: QueryDict) -> bool:
    return any(
        CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(v) for v in values if isinstance(v, str))
        for key, values in data.lists()
    )


def _cleaned(data: QueryDict) -> QueryDict:
    if not _needs_cleaning(data):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(strip_controls(key), [strip_controls(v) if isinstance(v, str) else v for v in values])
    cleaned._mutable = False
    return cleaned


class InputControlMiddleware:
    """No control character (NUL and the like) reaches a view: refused in the path, stripped from GET and POST.

    PostgreSQL refuses a NUL in any text, so one left in a search term or a token would end as a server error.
    Tab, line feed and carriage return stay (multi-line text needs them; single-line fields refuse them, text.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if CONTROL_CHARACTERS.search(request.path_info):
            message = _("The address contains characters that are not allowed.")
            return render(request, "400.html", {"message": message}, status=400)
        request.GET = _cleaned(request.GET)
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            request.POST = _cleaned(request.POST)
        for header in ("HTTP_USER_AGENT", "HTTP_REFERER", "HTTP_ACCEPT_LANGUAGE"):
            if header in request.META:
                request.META[header] = strip_controls(request.META[header])
        return self.get_response(request)


# Features the application never uses, refused to every page (and to anything injected into one).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)


class PrivatePagesMiddleware:
    """A logged-in user's pages and exports are never stored by a browser or a proxy (shared office computers).

    Also sets Permissions-Policy on every response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# The moment of the last request is written at most this often, not on every page view.
LAST_SEEN_STEP = 300


def mark_seen(sender=None, request=None, **kwargs):
    """On log-in (user_logged_in): the session starts as seen now."""
    if request is not None and hasattr(request, "session"):
        request.session["last_seen"] = int(time.time())


class IdleSessionMiddleware:
    """A session unused for SESSION_IDLE_SECONDS ends: the next request logs out and asks to log in again.

    For shared office computers. The last request's time is kept to within LAST_SEEN_STEP, so a page view
    rarely writes the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now, seen = int(time.time()), request.session.get("last_seen")
            if seen is not None and now - seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
                return redirect_to_login(request.get_full_path())
            if seen is None or now - seen > LAST_SEEN_STEP:
                request.session["last_seen"] = now
        return self.get_response(request)


class ErrorPagesMiddleware:
    """404 pages in the application's layout and language even with DEBUG on, never Django's debug list of URLs.

    Without DEBUG Django renders templates/404.html itself. With DEBUG it shows its technical page for an Http404
    raised by a view (caught here first, in process_exception) and for an address no URL pattern matches (no
    resolver match: replaced here). A 403 always goes through templates/403.html.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
