from django.shortcuts import render

from liaison.web.views import limit

from .registry import MIN_QUERY_LENGTH, clean_query, search_all


@limit("search", key="user", method=("GET",))
def search(request):
    """Global search; an htmx request (the navigation box) gets the quick-results fragment."""
    query = clean_query(request.GET.get("q", ""))
    quick = bool(request.htmx)
    groups = search_all(query, request.user, limit=5 if quick else 20)
    context = {
        "query": query,
        "groups": groups,
        "stopped": [provider.label for provider in groups.stopped],
        "too_short": 0 < len(query) < MIN_QUERY_LENGTH,
    }
    template = "search/_quick.html" if quick else "search/search.html"
    return render(request, template, context)
