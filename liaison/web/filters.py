"""The filters every list shares: search box, yes/no, owner, dates."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_filters.fields import DateRangeField, RangeField

from .dates import SaneDateField
from .forms import staff_users, user_label
from .widgets import DateInput, SearchableSelectMultiple, YesNoSelect

# django-filter has no Malay catalogue: the strings of it that a page can show are translated in ours (the project's
# catalogue is searched first), listed here so that makemessages keeps them.
THIRD_PARTY_MESSAGES = (
    gettext_noop("%s (descending)"),
    gettext_noop("Ordering"),
    gettext_noop("Today"),
    gettext_noop("Yesterday"),
    gettext_noop("Past 7 days"),
    gettext_noop("This month"),
    gettext_noop("This year"),
    gettext_noop("Multiple values may be separated by commas."),
    gettext_noop("Range query expects two values."),
    gettext_noop("Select a lookup."),
    gettext_noop("All"),
    gettext_noop("Unknown"),
    gettext_noop("Yes"),
    gettext_noop("No"),
)


def _descending(label) -> str:
    return gettext("%s (descending)") % label


class OrderingFilter(django_filters.OrderingFilter):
    """The list's sort (`sort`), whose "… (descending)" labels are translated when shown.

    django-filter writes them once, when the FilterSet class is built, in the language active then (English).
    """

    def build_choices(self, fields, labels):
        choices = super().build_choices(fields, labels)
        ascending = dict(choices[::2])
        translated = []
        for value, label in choices:
            if value.startswith("-") and value not in labels:  # not given its own label: "<label> (descending)"
                label = lazy(_descending, str)(ascending[value[1:]])
            translated.append((value, label))
        return translated


class SearchFilter(django_filters.CharFilter):
    """The list's search box (`q`): the model's `QuerySet.search()`, or `icontains` over `fields`."""

    def __init__(self, *args, fields=(), **kwargs):
        self.search_fields = fields
        kwargs.setdefault("label", _("Search"))
        super().__init__(*args, method=self.search, **kwargs)

    def search(self, queryset, name, value):
        value = " ".join(value.split())
        if not value:
            return queryset
        if not self.search_fields:
            return queryset.search(value)
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class YesNoFilter(django_filters.BooleanFilter):
    """Reads "Any / Yes / No", not django-filter's "Unknown"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", YesNoSelect)
        super().__init__(*args, **kwargs)


class ReferenceFilter(django_filters.ModelMultipleChoiceFilter):
    """Themes or SDGs: the same searchable multi-select as the forms; a record with any of those chosen matches."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", SearchableSelectMultiple)
        kwargs.setdefault("distinct", True)
        super().__init__(*args, **kwargs)


class OwnerFilter(django_filters.ModelChoiceFilter):
    """Officers and administrators, shown by full name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Owner"))
        super().__init__(*args, queryset=lambda request: staff_users(), **kwargs)

    @property
    def field(self):
        field = super().field
        field.label_from_instance = user_label
        return field


class DateFilter(django_filters.DateFilter):
    """A date picker limited to 1900-2200 (dates.py): a date out of range is a form error, not a query."""

    field_class = SaneDateField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", DateInput)
        super().__init__(*args, **kwargs)


class SaneDateRangeField(DateRangeField):
    """django-filter's "from"/"until" pair, each limited to 1900-2200."""

    def __init__(self, *args, **kwargs):
        RangeField.__init__(self, (SaneDateField(), SaneDateField()), *args, **kwargs)


class DateRangeFilter(django_filters.DateFromToRangeFilter):
    """Two date pickers, "from" and "until", inclusive, each limited to 1900-2200."""

    field_class = SaneDateRangeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", django_filters.widgets.DateRangeWidget(attrs={"type": "date"}))
        super().__init__(*args, **kwargs)


def local_dates(value) -> tuple:
    """The (first, last) local dates of a `DateRangeFilter`'s value; None for a bound left empty.

    django-filter gives the bounds as moments (the first and the last instant of each day) in the current time zone.
    """
    return tuple(timezone.localtime(moment).date() if moment else None for moment in (value.start, value.stop))
