"""The filters every list shares: search box, yes/no, owner, dates."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import DateRangeField, RangeField

from .dates import SaneDateField
from .forms import staff_users, user_label
from .widgets import DateInput, YesNoSelect


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
