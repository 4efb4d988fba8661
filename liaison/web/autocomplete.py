"""One view factory for every autocomplete widget: the records matching ?q=, as JSON."""

from collections.abc import Callable

from django.db.models import QuerySet
from django.http import JsonResponse

from .access import permission_required
from .views import limit

AUTOCOMPLETE_LIMIT = 20
MAX_TERM_LENGTH = 100


def autocomplete_view(
    *, permission: str, search: Callable[[str, object], QuerySet], label: Callable[[object], str] = str
):
    """A view answering {"results": [{"id": …, "text": …}]} for `search(term, user)`, to those with `permission`."""

    @permission_required(permission)
    @limit("autocomplete", key="user", method=("GET",))
    def view(request):
        term = " ".join(request.GET.get("q", "").split())[:MAX_TERM_LENGTH]
        rows = search(term, request.user)[:AUTOCOMPLETE_LIMIT] if term else []
        return JsonResponse({"results": [{"id": obj.pk, "text": label(obj)} for obj in rows]})

    return view
