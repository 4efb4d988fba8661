import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.models import SDG, Theme

from .models import Event, Mission, Programme

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})
YES_NO = forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))])


class SearchFilter(django_filters.CharFilter):
    """A free-text box over several fields."""

    def __init__(self, *args, fields=(), **kwargs):
        self.search_fields = fields
        super().__init__(*args, label=_("Search"), method=self.search, **kwargs)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class EventFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("title", "venue", "city"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Event.Kind.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Event.Level.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Event.Status.choices)
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="end", lookup_expr="date__gte", widget=DATE_WIDGET
    )
    date_to = django_filters.DateFilter(label=_("To"), field_name="start", lookup_expr="date__lte", widget=DATE_WIDGET)
    theme = django_filters.ModelChoiceFilter(label=_("Theme"), field_name="themes", queryset=Theme.objects.all())
    sdg = django_filters.ModelChoiceFilter(label=_("SDG"), field_name="sdgs", queryset=SDG.objects.all())
    programme = django_filters.ModelChoiceFilter(label=_("Programme"), queryset=Programme.objects.all())
    at_training_hub = django_filters.BooleanFilter(
        label=_("At the DBKL training hub"),
        widget=forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))]),
    )
    started = django_filters.DateFromToRangeFilter(
        label=_("Started between"),
        method="filter_started",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    training = django_filters.BooleanFilter(label=_("Training or workshop"), method="filter_training", widget=YES_NO)
    active = django_filters.BooleanFilter(label=_("Not cancelled"), method="filter_active", widget=YES_NO)
    sort = django_filters.OrderingFilter(
        fields=(("start", "start"), ("title", "title"), ("kind", "kind"), ("level", "level"), ("status", "status"))
    )

    class Meta:
        model = Event
        fields = []

    def filter_started(self, queryset, name, value):
        # The range's bounds are local moments: their dates are what the dashboard counts by.
        if value.start:
            queryset = queryset.filter(start__date__gte=timezone.localtime(value.start).date())
        if value.stop:
            queryset = queryset.filter(start__date__lte=timezone.localtime(value.stop).date())
        return queryset

    def filter_training(self, queryset, name, value):
        return queryset.trainings() if value else queryset.exclude(kind__in=Event.TRAINING_KINDS)

    def filter_active(self, queryset, name, value):
        cancelled = Q(status=Event.Status.CANCELLED)
        return queryset.exclude(cancelled) if value else queryset.filter(cancelled)


class ProgrammeFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("title", "objectives"))
    theme = django_filters.ModelChoiceFilter(label=_("Theme"), field_name="themes", queryset=Theme.objects.all())
    sort = django_filters.OrderingFilter(fields=(("start_date", "start"), ("title", "title")))

    class Meta:
        model = Programme
        fields = []


class MissionFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("destination", "purpose"))
    approval = django_filters.ChoiceFilter(label=_("Approval"), choices=Mission.Approval.choices)
    report_pending = django_filters.BooleanFilter(
        label=_("Back-to-office report pending"),
        method="filter_report_pending",
        widget=forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))]),
    )
    sort = django_filters.OrderingFilter(
        fields=(("start_date", "departure"), ("destination", "destination"), ("report_due", "report_due"))
    )

    class Meta:
        model = Mission
        fields = []

    def filter_report_pending(self, queryset, name, value):
        if value is None:
            return queryset
        pending = Mission.objects.reports_pending().values("pk")
        return queryset.filter(pk__in=pending) if value else queryset.exclude(pk__in=pending)
