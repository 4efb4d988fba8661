"""Saved views: a list's filters and sort under a name, for oneself or shared with colleagues.

A view is applied by opening the list with its query string, so the list reads the filters itself:
a value that is no longer valid shows the list's usual form errors, never an error page.
`saved_view_queryset()` gives the rows a saved view selects, for features that act on them (an invitation).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .access import role_required
from .lists import RecordListView, saved_query
from .models import SavedView
from .roles import ROLES


class SavedViewInvalid(ValueError):
    """The saved view's list no longer exists, or its filters are no longer valid (the message says which)."""


class SavedViewForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=80)
    shared = forms.BooleanField(label=gettext_lazy("Share with colleagues"), required=False)
    list_name = forms.CharField(max_length=100)
    query = forms.CharField(max_length=2000, required=False)


def list_view_match(list_name: str):
    """(the list's view class, its URL match) for a list's URL name; None when it is not a list (or no more)."""
    try:
        match = resolve(reverse(list_name))
    except (NoReverseMatch, Resolver404):
        return None
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not issubclass(view_class, RecordListView):
        return None
    return view_class, match


def list_view(list_name: str, user, query: str = ""):
    """A list view set up for `user` and `query` as if requested, or None when `list_name` is not a list."""
    found = list_view_match(list_name)
    if found is None:
        return None
    view_class, match = found
    request = HttpRequest()
    request.method = "GET"
    request.user = user
    request.GET = QueryDict(query)
    request.path = reverse(list_name)
    view = view_class()
    view.setup(request, *match.args, **match.kwargs)
    return view


def saved_view_queryset(view: SavedView, user):
    """The rows `view` selects today, as `user` would see them on the list (filtered and sorted).

    Raises PermissionDenied when the view is neither the user's nor shared, or the user may not read the list,
    and SavedViewInvalid when the list no longer exists or a saved filter is no longer valid.
    """
    if view.owner_id != user.pk and not view.shared:
        raise PermissionDenied
    list_page = list_view(view.list_name, user, view.query)
    if list_page is None:
        raise SavedViewInvalid(_("The list of the saved view “%(name)s” no longer exists.") % {"name": view.name})
    if not list_page.has_permission():
        raise PermissionDenied
    filterset = list_page.get_filterset(list_page.get_filterset_class())
    if filterset.is_bound and not filterset.is_valid():
        raise SavedViewInvalid(
            _("Some filters of the saved view “%(name)s” are no longer valid: open it and save it again.")
            % {"name": view.name}
        )
    return filterset.qs


@require_POST
@role_required(*ROLES)
def saved_view_save(request):
    """Save the list's present filters under a name (a name already used for that list is replaced)."""
    form = SavedViewForm(request.POST)
    if not form.is_valid():
        message = _("Give the view a name (at most 80 characters).")
        return render(request, "400.html", {"message": message}, status=400)
    list_name = form.cleaned_data["list_name"]
    page = list_view(list_name, request.user)
    if page is None:
        return render(request, "400.html", {"message": _("This list cannot be saved as a view.")}, status=400)
    if not page.has_permission():
        raise PermissionDenied
    query = saved_query(QueryDict(form.cleaned_data["query"]))
    view, created = SavedView.objects.update_or_create(
        owner=request.user,
        list_name=list_name,
        name=form.cleaned_data["name"].strip(),
        defaults={"query": query, "shared": form.cleaned_data["shared"]},
    )
    if created:
        messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    else:
        messages.success(request, _("View “%(name)s” replaced with the present filters.") % {"name": view.name})
    return HttpResponseRedirect(view.get_absolute_url())


@require_POST
@role_required(*ROLES)
def saved_view_delete(request, pk):
    """Delete one of my saved views (a colleague's shared view is theirs to delete)."""
    view = get_object_or_404(SavedView, pk=pk, owner=request.user)
    url = view.get_absolute_url().split("?")[0] or reverse("home")
    view.delete()
    messages.success(request, _("View “%(name)s” deleted.") % {"name": view.name})
    return HttpResponseRedirect(url)
