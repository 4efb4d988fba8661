"""Views of the toolkit itself: the pages Django shows when a request is refused before any app sees it."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """The CSRF refusal in the application's layout and language, rather than Django's bare page."""
    return render(request, "403_csrf.html", status=403)
