"""The merged-away record's old addresses: a 301 to the same page of the survivor."""

from functools import wraps

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from ..models import MergedRecord


def survivor_pk(model, pk) -> int | None:
    """The pk of the record `pk` was merged into (following merges of merges), or None."""
    merged = MergedRecord.objects.filter(content_type=ContentType.objects.get_for_model(model), old_pk=pk).first()
    if merged is None or not model._base_manager.filter(pk=merged.survivor_pk).exists():
        return None
    return merged.survivor_pk


def follows_merges(model):
    """Decorator for a view taking `pk` of `model`: when the record was merged away, GET answers 301 to the survivor."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                response = None
            if response is not None and response.status_code != 404:
                return response
            survivor = survivor_pk(model, kwargs.get("pk")) if request.method in ("GET", "HEAD") else None
            if survivor is None:
                if response is None:
                    raise Http404
                return response
            match = request.resolver_match
            url = reverse(match.view_name, args=args, kwargs={**kwargs, "pk": survivor})
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

        return wrapped

    return decorator
