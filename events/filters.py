import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.filters import PersonFilter
from contacts.models import Organisation
from liaison.reference.models import SDG, State, Theme
from liaison.web.filters import DateFilter, DateRangeFilter, OrderingFilter, ReferenceFilter, SearchFilter, YesNoFilter

from .models import Event, Mission, Programme
from .selectors import trained_participations


class EventFilter(django_filters.FilterSet):
    q = SearchFilter()  # Event.objects.search(): the same index as global search
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Event.Kind.choices)
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Event.Level.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Event.Status.choices)
    date_from = DateFilter(label=_("From"), field_name="end", lookup_expr="date__gte")
    date_to = DateFilter(label=_("To"), field_name="start", lookup_expr="date__lte")
    theme = ReferenceFilter(label=_("Theme"), field_name="themes", queryset=Theme.objects.all())
    sdg = ReferenceFilter(label=_("SDG"), field_name="sdgs", queryset=SDG.objects.all())
    programme = django_filters.ModelChoiceFilter(label=_("Programme"), queryset=Programme.objects.all())
    at_training_hub = YesNoFilter(label=_("At the DBKL training hub"))
    started = DateRangeFilter(label=_("Started between"), method="filter_started")
    training = YesNoFilter(label=_("Training or workshop"), method="filter_training")
    active = YesNoFilter(label=_("Not cancelled"), method="filter_active")
    sort = OrderingFilter(
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
    theme = ReferenceFilter(label=_("Theme"), field_name="themes", queryset=Theme.objects.all())
    sort = OrderingFilter(fields=(("start_date", "start"), ("title", "title")))

    class Meta:
        model = Programme
        fields = []


class MissionFilter(django_filters.FilterSet):
    q = SearchFilter(fields=("destination", "purpose"))
    approval = django_filters.ChoiceFilter(label=_("Approval"), choices=Mission.Approval.choices)
    report_pending = YesNoFilter(label=_("Back-to-office report pending"), method="filter_report_pending")
    sort = OrderingFilter(
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


TRAINED_FILTERS = (
    "trained",
    "trained_theme",
    "trained_programme",
    "trained_state",
    "trained_at_hub",
    "trained_organisation_kind",
)


class TrainedPeopleFilter(PersonFilter):
    """The people list's filters, and who was trained: attended a training or workshop that started in the
    dates, with the conditions below all met by the same attendance (as the dashboard counts)."""

    trained = DateRangeFilter(label=_("Trained between"), method="later")
    trained_theme = django_filters.ModelChoiceFilter(
        label=_("Trained on theme"), queryset=Theme.objects.all(), method="later"
    )
    trained_programme = django_filters.ModelChoiceFilter(
        label=_("Trained in programme"), queryset=Programme.objects.all(), method="later"
    )
    trained_state = django_filters.ModelChoiceFilter(
        label=_("Trained, from an organisation in"), queryset=State.objects.all(), method="later"
    )
    trained_at_hub = YesNoFilter(label=_("Trained at the DBKL training hub"), method="later")
    trained_organisation_kind = django_filters.ChoiceFilter(
        label=_("Trained, from an organisation of kind"), choices=Organisation.Kind.choices, method="later"
    )

    def later(self, queryset, name, value):
        return queryset  # applied with the other "trained" conditions in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        conditions = {name: data.get(name) for name in TRAINED_FILTERS}
        period = conditions.pop("trained")
        participations = trained_participations(
            start=_local_date(period.start) if period else None,
            end=_local_date(period.stop) if period else None,
            theme=conditions["trained_theme"],
            programme=conditions["trained_programme"],
            state=conditions["trained_state"],
            at_hub=conditions["trained_at_hub"],
            organisation_kind=conditions["trained_organisation_kind"] or None,
        )
        return queryset.filter(pk__in=participations.values("person"))


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None
