from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from . import home_sections
from .roles import role_of
from .search import MIN_QUERY_LENGTH, clean_query, search_all


def home(request):
    """The start page: a greeting by role and the sections this user may open."""
    return render(
        request,
        "liaison/home.html",
        {"role": role_of(request.user), "sections": home_sections.for_user(request.user)},
    )


@login_not_required
@never_cache
def healthz(request):
    """For the load balancer: 200 while the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def search(request):
    """Global search; an htmx request (the navigation box) gets the quick-results fragment."""
    query = clean_query(request.GET.get("q", ""))
    quick = bool(request.htmx)
    groups = search_all(query, request.user, limit=5 if quick else 20)
    context = {"query": query, "groups": groups, "too_short": 0 < len(query) < MIN_QUERY_LENGTH}
    template = "liaison/_search_quick.html" if quick else "liaison/search.html"
    return render(request, template, context)
