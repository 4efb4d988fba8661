from django.db.models import Q
from django.http import JsonResponse

from liaison.access import permission_required

from .models import Organisation, Person

AUTOCOMPLETE_LIMIT = 20


def _results(queryset):
    return JsonResponse({"results": [{"id": obj.pk, "text": str(obj)} for obj in queryset[:AUTOCOMPLETE_LIMIT]]})


@permission_required("contacts.view_organisation")
def organisation_autocomplete(request):
    """Organisations whose name, local name or acronym contains ?q=, for autocomplete widgets."""
    term = request.GET.get("q", "").strip()
    queryset = Organisation.objects.none()
    if term:
        queryset = Organisation.objects.filter(
            Q(name__icontains=term) | Q(name_local__icontains=term) | Q(acronym__iexact=term)
        ).order_by("name")
    return _results(queryset)


@permission_required("contacts.view_person")
def person_autocomplete(request):
    """People whose name or e-mail contains ?q=, for autocomplete widgets."""
    term = request.GET.get("q", "").strip()
    queryset = Person.objects.none()
    if term:
        queryset = Person.objects.filter(
            Q(full_name__icontains=term) | Q(name_other_script__icontains=term) | Q(email__iexact=term)
        ).order_by("full_name")
    return _results(queryset)
