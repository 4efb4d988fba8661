import functools

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from liaison.models import SDG, State, Theme
from liaison.records import staff_users
from liaison.widgets import AutocompleteSelect

from .forms import LongSelect, user_label
from .models import Affiliation, Interaction, Organisation, Person


def yes_no():
    """Boolean filters read "Any" when unset, not django-filter's "Unknown"."""
    return forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])


def _owners(request):
    return staff_users()


def _country_choices():
    return _countries_in(get_language())


@functools.cache
def _countries_in(language):
    # Sorting 250 translated names costs more than the rest of the filter form.
    return list(countries)


class SearchFilterSet(django_filters.FilterSet):
    """A search box (`q`) that each model's QuerySet.search() answers."""

    q = django_filters.CharFilter(label=_("Search"), method="search")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("owner", "author"):
            if name in self.filters:
                self.filters[name].field.label_from_instance = user_label

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.search(value) if value else queryset


class OrganisationFilter(SearchFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices)
    council_type = django_filters.ChoiceFilter(label=_("Council type"), choices=Organisation.CouncilType.choices)
    state = django_filters.ModelChoiceFilter(label=_("State"), queryset=State.objects.all())
    country = django_filters.ChoiceFilter(label=_("Country"), choices=_country_choices, widget=LongSelect)
    themes = django_filters.ModelChoiceFilter(label=_("Theme"), queryset=Theme.objects.all())
    sdgs = django_filters.ModelChoiceFilter(label=_("SDG"), queryset=SDG.objects.all())
    owner = django_filters.ModelChoiceFilter(label=_("Owner"), queryset=_owners)
    uclg_member = django_filters.BooleanFilter(widget=yes_no(), label=_("UCLG member"))
    has_people = django_filters.BooleanFilter(
        widget=yes_no(), label=_("Has people in post"), method="filter_has_people"
    )
    sort = django_filters.OrderingFilter(
        fields=[
            ("name", "name"),
            ("acronym", "acronym"),
            ("kind", "kind"),
            ("state__name", "state"),
            ("country", "country"),
            ("updated_at", "updated"),
        ],
        label=_("Sort"),
    )

    class Meta:
        model = Organisation
        fields = []

    def filter_has_people(self, queryset, name, value):
        current = Affiliation.objects.current().filter(organisation=OuterRef("pk"))
        return queryset.filter(Exists(current)) if value else queryset.exclude(Exists(current))


class PersonFilter(SearchFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        method="filter_organisation",
        widget=AutocompleteSelect("contacts:organisation_autocomplete"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of organisation"), choices=Organisation.Kind.choices, method="filter_kind"
    )
    state = django_filters.ModelChoiceFilter(label=_("State"), queryset=State.objects.all(), method="filter_state")
    country = django_filters.ChoiceFilter(label=_("Country"), choices=_country_choices, widget=LongSelect)
    themes = django_filters.ModelChoiceFilter(label=_("Theme"), queryset=Theme.objects.all())
    sdgs = django_filters.ModelChoiceFilter(label=_("SDG"), queryset=SDG.objects.all())
    owner = django_filters.ModelChoiceFilter(label=_("Owner"), queryset=_owners)
    has_current_affiliation = django_filters.BooleanFilter(
        widget=yes_no(), label=_("Has a current post"), method="filter_has_current_affiliation"
    )
    consent_status = django_filters.ChoiceFilter(label=_("Consent"), choices=Person.Consent.choices)
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Person.Gender.choices)
    # "Trained": attended a training or workshop that started in the dates, with the conditions below
    # all met by the same attendance (applied together in filter_queryset, as the dashboard counts).
    trained = django_filters.DateFromToRangeFilter(
        label=_("Trained between"),
        method="later",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    trained_theme = django_filters.ModelChoiceFilter(
        label=_("Trained on theme"), queryset=Theme.objects.all(), method="later"
    )
    trained_state = django_filters.ModelChoiceFilter(
        label=_("Trained, from an organisation in"), queryset=State.objects.all(), method="later"
    )
    trained_at_hub = django_filters.BooleanFilter(
        widget=yes_no(), label=_("Trained at the DBKL training hub"), method="later"
    )
    trained_organisation_kind = django_filters.ChoiceFilter(
        label=_("Trained, from an organisation of kind"), choices=Organisation.Kind.choices, method="later"
    )
    do_not_contact = django_filters.BooleanFilter(widget=yes_no(), label=_("Do not contact"))
    sort = django_filters.OrderingFilter(
        fields=[("full_name", "name"), ("email", "email"), ("country", "country"), ("updated_at", "updated")],
        label=_("Sort"),
    )

    class Meta:
        model = Person
        fields = []

    def _has_current_post(self, **conditions):
        return Exists(Affiliation.objects.current().filter(person=OuterRef("pk"), **conditions))

    def filter_organisation(self, queryset, name, value):
        # Everyone who held a post there, past or present.
        return queryset.filter(Exists(Affiliation.objects.filter(person=OuterRef("pk"), organisation=value)))

    def filter_kind(self, queryset, name, value):
        return queryset.filter(self._has_current_post(organisation__kind=value))

    def filter_state(self, queryset, name, value):
        return queryset.filter(self._has_current_post(organisation__state=value))

    def filter_has_current_affiliation(self, queryset, name, value):
        return queryset.filter(self._has_current_post()) if value else queryset.exclude(self._has_current_post())

    def later(self, queryset, name, value):
        return queryset  # applied with the other "trained" conditions in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        conditions = {name: data.get(name) for name in TRAINED_FILTERS}
        if all(value in (None, "") for value in conditions.values()):
            return queryset
        # Who attended what is the events app's business: its selector says what "trained" means.
        from events.selectors import trained_participations

        period = conditions.pop("trained")
        participations = trained_participations(
            start=_local_date(period.start) if period else None,
            end=_local_date(period.stop) if period else None,
            theme=conditions["trained_theme"],
            state=conditions["trained_state"],
            at_hub=conditions["trained_at_hub"],
            organisation_kind=conditions["trained_organisation_kind"] or None,
        )
        return queryset.filter(pk__in=participations.values("person"))


TRAINED_FILTERS = ("trained", "trained_theme", "trained_state", "trained_at_hub", "trained_organisation_kind")


def _local_date(moment):
    return timezone.localtime(moment).date() if moment else None


class InteractionFilter(SearchFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Interaction.Kind.choices)
    person = django_filters.ModelChoiceFilter(
        label=_("Person"),
        field_name="people",
        queryset=Person.objects.all(),
        widget=AutocompleteSelect("contacts:person_autocomplete"),
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        field_name="organisations",
        queryset=Organisation.objects.all(),
        widget=AutocompleteSelect("contacts:organisation_autocomplete"),
    )
    occurred_after = django_filters.DateFilter(
        label=_("From"),
        field_name="occurred_at",
        lookup_expr="date__gte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    occurred_before = django_filters.DateFilter(
        label=_("Until"),
        field_name="occurred_at",
        lookup_expr="date__lte",
        widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}),
    )
    author = django_filters.ModelChoiceFilter(label=_("Author"), queryset=_owners)
    follow_up = django_filters.ChoiceFilter(
        label=_("Follow-up"),
        method="filter_follow_up",
        choices=[("open", _("Open")), ("due", _("Due or overdue")), ("done", _("Done"))],
    )
    overdue = django_filters.BooleanFilter(widget=yes_no(), label=_("Follow-up overdue"), method="filter_overdue")
    sort = django_filters.OrderingFilter(
        fields=[("occurred_at", "when"), ("subject", "subject"), ("kind", "kind"), ("follow_up_date", "follow_up")],
        label=_("Sort"),
    )

    class Meta:
        model = Interaction
        fields = []

    def filter_follow_up(self, queryset, name, value):
        if value == "due":
            return queryset.follow_ups_due()
        return queryset.filter(follow_up_date__isnull=False, follow_up_done=(value == "done"))

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.follow_ups_overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))
