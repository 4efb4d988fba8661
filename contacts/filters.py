import functools

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from liaison.privacy.models import Purpose
from liaison.reference.models import SDG, State, Theme
from liaison.web.filters import (
    DateFilter,
    DateRangeFilter,
    OrderingFilter,
    OwnerFilter,
    ReferenceFilter,
    SearchFilter,
    YesNoFilter,
    local_dates,
)
from liaison.web.widgets import AutocompleteSelect, LongSelect

from .models import Affiliation, Consent, Interaction, Organisation, Person

NOT_RECORDED = "none"


def country_choices():
    return _countries_in(get_language())


@functools.cache
def _countries_in(language):
    # Sorting 250 translated names costs more than the rest of the filter form.
    return list(countries)


def consent_choices():
    """ "purpose:answer" for each active purpose and each answer, and "purpose:none" for no answer recorded."""
    answers = [*Consent.Status.choices, (NOT_RECORDED, _("not recorded"))]
    return [
        (purpose.label, [(f"{purpose.key}:{answer}", f"{purpose.label}: {label}") for answer, label in answers])
        for purpose in Purpose.objects.filter(active=True)
    ]


class OrganisationFilter(django_filters.FilterSet):
    q = SearchFilter()
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices)
    council_type = django_filters.ChoiceFilter(label=_("Council type"), choices=Organisation.CouncilType.choices)
    state = django_filters.ModelChoiceFilter(label=_("State"), queryset=State.objects.all())
    country = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices, widget=LongSelect)
    themes = ReferenceFilter(label=_("Theme"), queryset=Theme.objects.all())
    sdgs = ReferenceFilter(label=_("SDG"), queryset=SDG.objects.all())
    owner = OwnerFilter()
    uclg_member = YesNoFilter(label=_("UCLG member"))
    has_people = YesNoFilter(label=_("Has people in post"), method="filter_has_people")
    sort = OrderingFilter(
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


class PersonFilter(django_filters.FilterSet):
    q = SearchFilter()
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
    country = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices, widget=LongSelect)
    themes = ReferenceFilter(label=_("Theme"), queryset=Theme.objects.all())
    sdgs = ReferenceFilter(label=_("SDG"), queryset=SDG.objects.all())
    owner = OwnerFilter()
    has_current_affiliation = YesNoFilter(label=_("Has a current post"), method="filter_has_current_affiliation")
    consent = django_filters.ChoiceFilter(label=_("Consent"), choices=consent_choices, method="filter_consent")
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Person.Gender.choices)
    do_not_contact = YesNoFilter(label=_("Do not contact"))
    sort = OrderingFilter(
        fields=[("full_name", "name"), ("email", "email"), ("country", "country"), ("updated_at", "updated")],
        label=_("Sort"),
    )

    class Meta:
        model = Person
        fields = []

    def _has_current_post(self, **conditions):
        return Exists(Affiliation.objects.current().filter(person=OuterRef("pk"), **conditions))

    @extend_schema_field(OpenApiTypes.INT)  # the query gives the record's id
    def filter_organisation(self, queryset, name, value):
        # Everyone who held a post there, past or present.
        return queryset.filter(Exists(Affiliation.objects.filter(person=OuterRef("pk"), organisation=value)))

    def filter_kind(self, queryset, name, value):
        return queryset.filter(self._has_current_post(organisation__kind=value))

    @extend_schema_field(OpenApiTypes.INT)  # the query gives the record's id
    def filter_state(self, queryset, name, value):
        return queryset.filter(self._has_current_post(organisation__state=value))

    def filter_has_current_affiliation(self, queryset, name, value):
        return queryset.filter(self._has_current_post()) if value else queryset.exclude(self._has_current_post())

    @extend_schema_field(OpenApiTypes.STR)  # "purpose:answer", e.g. "invitations:withdrawn"
    def filter_consent(self, queryset, name, value):
        """The people whose latest answer for the purpose is this one (or who never gave one)."""
        purpose, answer = value.split(":", 1)
        queryset = queryset.with_consent(purpose)
        if answer == NOT_RECORDED:
            return queryset.filter(consent_for_purpose__isnull=True)
        return queryset.filter(consent_for_purpose=answer)


class InteractionFilter(django_filters.FilterSet):
    q = SearchFilter()
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
    occurred_after = DateFilter(label=_("From"), field_name="occurred_at", lookup_expr="date__gte")
    occurred_before = DateFilter(label=_("Until"), field_name="occurred_at", lookup_expr="date__lte")
    author = OwnerFilter(label=_("Author"))
    follow_up = django_filters.ChoiceFilter(
        label=_("Follow-up"),
        method="filter_follow_up",
        choices=[("open", _("Open")), ("due", _("Due or overdue")), ("done", _("Done"))],
    )
    overdue = YesNoFilter(label=_("Follow-up overdue"), method="filter_overdue")
    follow_up_due = DateRangeFilter(label=_("Follow-up due between"), method="filter_follow_up_due")
    theme = django_filters.ModelChoiceFilter(
        label=_("About the theme"), queryset=Theme.objects.all(), method="filter_theme"
    )
    state = django_filters.ModelChoiceFilter(
        label=_("About the state"), queryset=State.objects.all(), method="filter_state"
    )
    sort = OrderingFilter(
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

    @extend_schema_field(OpenApiTypes.INT)  # the query gives the record's id
    def filter_theme(self, queryset, name, value):
        return queryset.about_theme(value)

    @extend_schema_field(OpenApiTypes.INT)  # the query gives the record's id
    def filter_state(self, queryset, name, value):
        return queryset.about_state(value)

    def filter_follow_up_due(self, queryset, name, value):
        first, last = local_dates(value)
        if first:
            queryset = queryset.filter(follow_up_date__gte=first)
        if last:
            queryset = queryset.filter(follow_up_date__lte=last)
        return queryset

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.follow_ups_overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))
