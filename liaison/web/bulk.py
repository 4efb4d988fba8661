"""Actions on many rows of a list at once: the selected rows, or every row the filters match.

Each app declares the actions for its own records in `<app>/bulk_actions.py` (the generic ones, such as
"set owner" and "export the selection", are in liaison/web/bulk_actions.py):

    @register
    class AddToEvent(BulkAction):
        key = "events.add_to_event"
        label = _("Add to an event")
        models = ("contacts.person",)
        permission = "events.add_participation"
        form_class = AddToEventForm

        def run(self, request, queryset, form):
            ...
            return BulkResult(_("3 people added to the event."), url=event.get_absolute_url())

A list page (liaison.web.lists.RecordListView) posts its selection to its own address, query string
included, so "every row that matches" is worked out on the server from the same filters as the page.
Each action then shows a confirmation page with the count, runs in one transaction and ends with a message.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from .registry import Entry, Registry

# "Every row that matches" acts on at most this many rows at once.
BULK_CAP = 1000
# Ids beyond what a page can show are not a selection made by hand.
MAX_SELECTED_IDS = 500
SELECT_ALL = "all"


@dataclass
class BulkResult:
    """What an action did: the message shown to the user, and where to go next (the list when empty)."""

    message: str
    url: str = ""


class BulkAction(Entry):
    label = ""
    models: tuple[str, ...] = ()  # "app_label.modelname" of the lists it acts on; empty for every list
    write = True  # a write action needs the model's change permission too (supervisors: 403)
    form_class: type[forms.Form] | None = None  # the choices asked on the confirmation page
    exactly: int | None = None  # the action needs exactly this many rows (merging two records)
    cap: int | None = BULK_CAP
    immediate = False  # goes straight to another page that confirms (`redirect_url`)

    def applies_to(self, model) -> bool:
        return not self.models or model._meta.label_lower in self.models

    def allowed(self, user, model) -> bool:
        """Who may run it on this model's list: the entry's permission, and the change permission to write."""
        if not self.visible_to(user):
            return False
        if self.write:
            opts = model._meta
            return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        return True

    def available(self) -> bool:
        """False leaves the action out of every menu (it depends on something not installed)."""
        return True

    def get_form(self, view, data=None):
        if self.form_class is None:
            return None
        return self.form_class(data, model=view.model, user=view.request.user)

    def run(self, request, queryset, form, view) -> BulkResult | HttpResponseBase:
        raise NotImplementedError

    def redirect_url(self, queryset) -> str:
        raise NotImplementedError


class BulkForm(forms.Form):
    """The base of an action's form: it knows the list's model and the user."""

    def __init__(self, *args, model=None, user=None, **kwargs):
        self.model = model
        self.user = user
        super().__init__(*args, **kwargs)


registry = Registry("bulk_actions", BulkAction)
register = registry.register


def actions_for(user, model) -> list[BulkAction]:
    return [
        action
        for action in registry.entries()
        if action.applies_to(model) and action.available() and action.allowed(user, model)
    ]


def records_label(model, count) -> str:
    """The model's name in the singular or the plural, for messages such as "3 people"."""
    opts = model._meta
    return str(opts.verbose_name if count == 1 else opts.verbose_name_plural)


class SelectionError(Exception):
    pass


def selected_queryset(view, request):
    """The rows the user chose: `ids` from the page, or every row the list's filters match (`select=all`)."""
    if request.POST.get("select") == SELECT_ALL:
        filterset = view.get_filterset(view.get_filterset_class())
        if filterset.is_bound and not filterset.is_valid():
            raise SelectionError(_("Check the filters: some values are not valid, so no row was selected."))
        queryset = filterset.qs
        return queryset, queryset.count()
    raw = request.POST.getlist("ids")
    if not raw:
        raise SelectionError(_("Select at least one row first."))
    if len(raw) > MAX_SELECTED_IDS:
        raise SelectionError(_("Too many rows selected at once. Use “Select all matching” instead."))
    if not all(value.isascii() and value.isdigit() and len(value) <= 12 for value in raw):
        raise SelectionError(_("Some of the selected rows are not valid. Nothing was changed."))
    ids = {int(value) for value in raw}
    queryset = view.get_queryset().filter(pk__in=ids)
    found = queryset.count()
    if found != len(ids):
        raise SelectionError(
            _("%(missing)d of the selected rows are no longer on this list (deleted or erased). Nothing was changed.")
            % {"missing": len(ids) - found}
        )
    return queryset, found


def bad_request(request, message, view):
    return render(request, "400.html", {"message": message, "back_url": view.list_url()}, status=400)


def handle(view, request):
    """A list's POST: check the action and the selection, confirm, then run in one transaction."""
    model = view.model
    action = registry.get(request.POST.get("bulk_action", ""))
    if action is None or not action.applies_to(model) or not action.available():
        return bad_request(request, _("Choose one of the actions offered for this list."), view)
    if not action.allowed(request.user, model):
        raise PermissionDenied
    try:
        queryset, count = selected_queryset(view, request)
    except SelectionError as error:
        return bad_request(request, str(error), view)
    if count == 0:
        return bad_request(request, _("No row matches these filters."), view)
    if action.exactly is not None and count != action.exactly:
        message = _("“%(action)s” needs exactly %(needed)d selected rows; %(count)d are selected.") % {
            "action": action.label,
            "needed": action.exactly,
            "count": count,
        }
        return bad_request(request, message, view)
    if action.cap is not None and count > action.cap:
        message = _(
            "%(count)d rows match: an action works on at most %(cap)d at once. Narrow the filters and try again."
        ) % {"count": count, "cap": action.cap}
        return bad_request(request, message, view)
    if action.immediate:
        return HttpResponseRedirect(action.redirect_url(queryset))
    confirmed = request.POST.get("confirm") == "1"
    form = action.get_form(view, request.POST if confirmed else None)
    if confirmed and (form is None or form.is_valid()):
        with transaction.atomic():
            result = action.run(request, queryset, form, view)
        if isinstance(result, HttpResponseBase):
            return result
        messages.success(request, result.message)
        return HttpResponseRedirect(result.url or view.list_url())
    context = {
        "action": action,
        "count": count,
        "records": records_label(model, count),
        "form": form,
        "ids": request.POST.getlist("ids"),
        "select": request.POST.get("select", ""),
        "back_url": view.list_url(),
        "sample": list(queryset[:10]),
        "title": action.label,
    }
    return render(request, "web/bulk_confirm.html", context, status=400 if confirmed else 200)
