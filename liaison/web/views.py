"""Views of the toolkit itself: the pages Django shows when a request is refused before any app sees it."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _


def csrf_failure(request, reason=""):
    """The CSRF refusal in the application's layout and language, rather than Django's bare page."""
    return render(request, "403_csrf.html", status=403)


def ratelimited(request, exception=None):
    """Too many requests of one kind (django-ratelimit): a 429 in the application's layout."""
    message = _("Too many requests in a short time. Wait a few minutes and try again.")
    return render(request, "400.html", {"message": message}, status=429)


def limit(group: str, key: str, method=("POST",)):
    """django-ratelimit's decorator with the rate of `group` from settings.RATELIMITS."""
    from django.conf import settings
    from django_ratelimit.decorators import ratelimit

    return ratelimit(group=group, key=key, rate=lambda _group, _request: settings.RATELIMITS[group], method=method)


def server_error(request):
    """Django's bare 500 page, with the request id for the user to quote (no context processors: nothing may fail)."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": getattr(request, "request_id", "")}))
