"""The lists of likely duplicates (officers, supervisors read-only, administrators) and "not a duplicate"."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liaison.web.access import permission_required

from ..merging import views as merge_views
from ..models import Affiliation
from . import finder
from .models import OrganisationDuplicate, PersonDuplicate

PAIRS_PER_PAGE = 50


def _current_posts(side):
    return Prefetch(
        f"{side}__affiliations",
        queryset=Affiliation.objects.current().select_related("organisation"),
        to_attr="current_affiliations",
    )


def _page(request, pairs, template, extra):
    page = Paginator(pairs, PAIRS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"pairs": page.object_list, "page_obj": page, "paginator": page.paginator, **extra}
    return render(request, template, context)


@permission_required("contacts.view_personduplicate", "contacts.view_person")
def person_duplicates(request):
    pairs = PersonDuplicate.objects.select_related("first", "second").prefetch_related(
        _current_posts("first"), _current_posts("second")
    )
    extra = {
        "kind": "people",
        "may_mark": request.user.has_perm("contacts.add_personnotduplicate"),
        "not_duplicate_url": "contacts:person_not_duplicate",
        "may_merge": request.user.has_perms(merge_views.PERMISSIONS),
        "merge_url": "contacts:person_merge",
    }
    return _page(request, pairs, "contacts/duplicates.html", extra)


@permission_required("contacts.view_organisationduplicate", "contacts.view_organisation")
def organisation_duplicates(request):
    pairs = OrganisationDuplicate.objects.select_related("first", "second")
    extra = {
        "kind": "organisations",
        "may_mark": request.user.has_perm("contacts.add_organisationnotduplicate"),
        "not_duplicate_url": "contacts:organisation_not_duplicate",
        "may_merge": request.user.has_perms(merge_views.ORGANISATION_PERMISSIONS),
        "merge_url": "contacts:organisation_merge",
    }
    return _page(request, pairs, "contacts/duplicates.html", extra)


def _not_duplicate(request, model, pk, list_url):
    pair = get_object_or_404(model.objects.select_related("first", "second"), pk=pk)
    finder.mark_not_duplicate(pair, request.user)
    messages.success(
        request,
        _("%(first)s and %(second)s are marked as not duplicates; the pair stays hidden.")
        % {"first": pair.first, "second": pair.second},
    )
    page = request.POST.get("page", "")
    return redirect(f"{list_url}?page={page}" if page.isdigit() else list_url)


@permission_required("contacts.add_personnotduplicate")
@require_POST
def person_not_duplicate(request, pk):
    return _not_duplicate(request, PersonDuplicate, pk, reverse("contacts:person_duplicates"))


@permission_required("contacts.add_organisationnotduplicate")
@require_POST
def organisation_not_duplicate(request, pk):
    return _not_duplicate(request, OrganisationDuplicate, pk, reverse("contacts:organisation_duplicates"))
