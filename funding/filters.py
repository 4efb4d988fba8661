from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation
from liaison.reference.models import SDG, Theme
from liaison.web.filters import DateRangeFilter, OrderingFilter, OwnerFilter, ReferenceFilter, local_dates
from liaison.web.widgets import AutocompleteSelect

from .forms import ORGANISATIONS
from .models import FundingOpportunity, local_midnight


class OpportunityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=FundingOpportunity.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=FundingOpportunity.Kind.choices)
    funder = django_filters.ModelChoiceFilter(
        label=_("Funder"), queryset=Organisation.objects.all(), widget=AutocompleteSelect(ORGANISATIONS)
    )
    theme = ReferenceFilter(label=_("Theme"), field_name="themes", queryset=Theme.objects.all())
    sdg = ReferenceFilter(label=_("SDG"), field_name="sdgs", queryset=SDG.objects.all())
    deadline_within = django_filters.NumberFilter(
        label=_("Deadline within (days)"), method="filter_deadline_within", min_value=0, max_value=3650
    )
    deadline = DateRangeFilter(label=_("Deadline between"), method="filter_deadline")
    owner = OwnerFilter()
    currency = django_filters.CharFilter(label=_("Currency"), method="filter_currency", max_length=3)
    sort = OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("deadline", "deadline"),
            ("title", "title"),
            ("funder__name", "funder"),
            ("status", "status"),
            ("probability", "probability"),
        ),
    )

    class Meta:
        model = FundingOpportunity
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(funder__name__icontains=value) | Q(funder__acronym__iexact=value)
        )

    def filter_deadline_within(self, queryset, name, value):
        return queryset.deadline_within(int(value))

    def filter_deadline(self, queryset, name, value):
        first, last = local_dates(value)  # each day in Malaysian time, as the dashboard counts them
        if first:
            queryset = queryset.filter(deadline__gte=local_midnight(first))
        if last:
            queryset = queryset.filter(deadline__lt=local_midnight(last + timedelta(days=1)))
        return queryset

    def filter_currency(self, queryset, name, value):
        return queryset.filter(currency=value.strip().upper())
