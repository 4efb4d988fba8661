"""What every list page shares: filters, sorting, bounded pagination, exports, saved views and bulk actions.

A list view names its model, its FilterSet (with an OrderingFilter called `sort`) and its
export columns (see exports.py). Its rows template includes includes/_list_tools.html (the active
filters as chips, the saved views, the bulk actions) and marks each row with `{% bulk_check obj %}`.
"""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_filters.views import FilterView

from . import bulk
from .access import ModelPermissionMixin
from .exports import ExportMixin
from .models import SavedView

# Query-string keys that are not part of a list's filters and sort.
NOT_FILTERS = ("page", "export")


class CappedPaginator(Paginator):
    """Counts at most `cap` rows, so a page view never counts a whole large table."""

    cap = 10_000

    @cached_property
    def count(self):
        return min(self.object_list[: self.cap + 1].count(), self.cap + 1)

    @property
    def is_capped(self):
        return self.count > self.cap


@dataclass
class Chip:
    """One active filter, shown above the list; `remove_url` is the list without it."""

    label: str
    value: str
    remove_url: str
    invalid: bool = False


def saved_query(query_dict) -> str:
    """A list's query string as a saved view keeps it: filters and sort, without the page or empty values."""
    pairs = [
        (key, value)
        for key in query_dict
        if key not in NOT_FILTERS
        for value in query_dict.getlist(key)
        if value.strip()
    ]
    return urlencode(pairs)


def field_keys(name, field) -> list[str]:
    """The query-string keys of one form field: a range ("from", "until") has one per part."""
    suffixes = getattr(field.widget, "suffixes", None)
    if suffixes:
        return [f"{name}_{suffix}" if suffix else name for suffix in suffixes]
    return [name]


def _choice_labels(field) -> dict:
    labels = {}
    for value, label in getattr(field, "choices", ()):
        if isinstance(label, (list, tuple)):
            labels.update({str(v): lbl for v, lbl in label})
        else:
            labels[str(value)] = label
    return labels


def chip_text(field, value) -> str:
    """A filter's cleaned value as the user reads it."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(field.label_from_instance(obj)) for obj in value)
    if isinstance(field, forms.ModelChoiceField):
        return str(field.label_from_instance(value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, slice):
        start = localize(value.start) if value.start is not None else "…"
        stop = localize(value.stop) if value.stop is not None else "…"
        return f"{start} \u2013 {stop}"
    if isinstance(field, forms.MultipleChoiceField):
        labels = _choice_labels(field)
        return ", ".join(str(labels.get(str(v), v)) for v in value)
    if isinstance(field, forms.ChoiceField):
        return str(_choice_labels(field).get(str(value), value))
    return localize(value) if not isinstance(value, str) else value


def filter_chips(request, filterset) -> list[Chip]:
    form = filterset.form
    if not filterset.is_bound:
        return []
    valid = form.is_valid()
    chips = []
    for name, field in form.fields.items():
        if name == "sort":
            continue
        keys = field_keys(name, field)
        raw = [value for key in keys for value in request.GET.getlist(key) if value.strip()]
        if not raw:
            continue
        params = request.GET.copy()
        for key in (*keys, *NOT_FILTERS):
            params.pop(key, None)
        remove_url = f"?{params.urlencode()}" if params else request.path
        label = str(field.label or name)
        if valid or name not in form.errors:
            value = form.cleaned_data.get(name)
            if value in (None, "", [], ()) or (isinstance(value, slice) and value.start is None and value.stop is None):
                continue
            chips.append(Chip(label, chip_text(field, value), remove_url))
        else:
            chips.append(Chip(label, ", ".join(raw), remove_url, invalid=True))
    return chips


class RecordListView(ModelPermissionMixin, ExportMixin, FilterView):
    """A filtered, sorted, paginated and exportable list of one model's records."""

    paginate_by = 25
    paginator_class = CappedPaginator
    # An invalid filter shows the form's errors and no rows, rather than ignoring the filter.
    strict = True

    def get_template_names(self):
        htmx = self.request.htmx
        if htmx and not htmx.boosted and not htmx.history_restore_request:
            opts = self.model._meta
            return [f"{opts.app_label}/_{opts.model_name}_rows.html"]
        return super().get_template_names()

    def paginate_queryset(self, queryset, page_size):
        """A page number past the end shows the last page, and one that is not a number the first."""
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_paginate_by(self, queryset):
        # Exports take every filtered row; pages take a slice.
        if self.request.GET.get("export"):
            return None
        return super().get_paginate_by(queryset)

    def list_url(self) -> str:
        """This list with the filters it was asked with (where a bulk action comes back to)."""
        params = self.request.GET.copy()
        for key in NOT_FILTERS:
            params.pop(key, None)
        return f"{self.request.path}?{params.urlencode()}" if params else self.request.path

    def post(self, request, *args, **kwargs):
        """A bulk action on the selected rows, or on every row the list's filters (the query string) match."""
        return bulk.handle(self, request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        list_name = self.request.resolver_match.view_name if self.request.resolver_match else ""
        views = SavedView.objects.filter(Q(owner=user) | Q(shared=True), list_name=list_name).select_related("owner")
        context["list_tools"] = {
            "chips": filter_chips(self.request, self.filterset),
            "actions": bulk.actions_for(user, self.model),
            "saved_views": list(views) if list_name else [],
            "list_name": list_name,
            "query": saved_query(self.request.GET),
            "cap": bulk.BULK_CAP,
        }
        return context
