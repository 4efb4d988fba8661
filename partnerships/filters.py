import django_filters as filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from contacts.models import Organisation
from liaison.reference.models import SDG, State, Theme
from liaison.web.filters import (
    DateRangeFilter,
    OrderingFilter,
    OwnerFilter,
    ReferenceFilter,
    SearchFilter,
    YesNoFilter,
    local_dates,
)
from liaison.web.widgets import AutocompleteSelect

from .forms import ORGANISATION_AUTOCOMPLETE
from .models import Agreement, Partnership, VoluntaryReview
from .selectors import QUIET_DAYS, quiet_partnerships

EXPIRING_DAYS = 90


def organisation_filter(label, method):
    return filters.ModelChoiceFilter(
        label=label,
        queryset=Organisation.objects.all(),
        widget=AutocompleteSelect(ORGANISATION_AUTOCOMPLETE),
        method=method,
    )


class PartnershipFilter(filters.FilterSet):
    q = SearchFilter(fields=("title", "next_step"))
    stage = filters.MultipleChoiceFilter(label=_("Stage"), choices=Partnership.Stage.choices)
    kind = filters.ChoiceFilter(label=_("Kind"), choices=Partnership.Kind.choices)
    theme = ReferenceFilter(label=_("Theme"), field_name="themes", queryset=Theme.objects.all())
    sdg = ReferenceFilter(label=_("SDG"), field_name="sdgs", queryset=SDG.objects.all())
    partner = organisation_filter(_("Partner"), "with_partner")
    owner = OwnerFilter()
    overdue = YesNoFilter(label=_("Next step overdue"), method="next_step_overdue")
    state = filters.ModelChoiceFilter(label=_("Partner in state"), queryset=State.objects.all(), method="in_state")
    quiet = YesNoFilter(
        label=_("Open, no interaction in %(days)s days") % {"days": QUIET_DAYS}, method="without_interaction"
    )
    under_way = DateRangeFilter(label=_("Under way between"), method="filter_under_way")
    sort = OrderingFilter(
        fields=(("title", "title"), ("stage", "stage"), ("next_step_due", "next_step_due"), ("updated_at", "updated")),
        field_labels={"title": _("Title"), "stage": _("Stage"), "next_step_due": _("Next step due")},
    )

    class Meta:
        model = Partnership
        fields = []

    @extend_schema_field(OpenApiTypes.INT)  # the query gives the record's id
    def with_partner(self, queryset, name, value):
        return queryset.with_partner(value)

    def next_step_overdue(self, queryset, name, value):
        overdue = queryset.next_step_overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    @extend_schema_field(OpenApiTypes.INT)  # the query gives the record's id
    def in_state(self, queryset, name, value):
        return queryset.with_partner_in(value)

    def filter_under_way(self, queryset, name, value):
        return queryset.under_way(*local_dates(value))

    def without_interaction(self, queryset, name, value):
        quiet = quiet_partnerships(queryset, self.request.user)
        return quiet if value else queryset.exclude(pk__in=quiet.values("pk"))


class AgreementFilter(filters.FilterSet):
    q = SearchFilter(fields=("title", "reference_number"))
    kind = filters.ChoiceFilter(label=_("Kind"), choices=Agreement.Kind.choices)
    status = filters.MultipleChoiceFilter(label=_("Status"), choices=Agreement.Status.choices)
    party = organisation_filter(_("Party"), "with_party")
    expiring = YesNoFilter(
        label=_("Expiring in the next %(days)s days") % {"days": EXPIRING_DAYS}, method="expiring_soon"
    )
    expires = DateRangeFilter(label=_("Expires between"), method="filter_expires")
    owner = OwnerFilter()
    theme = filters.ModelChoiceFilter(
        label=_("Theme of the partnership"), queryset=Theme.objects.all(), method="partnership_theme"
    )
    state = filters.ModelChoiceFilter(
        label=_("Partner in state"), queryset=State.objects.all(), method="partnership_state"
    )
    sort = OrderingFilter(
        fields=(("title", "title"), ("signed_date", "signed_date"), ("expiry_date", "expiry_date")),
        field_labels={"title": _("Title"), "signed_date": _("Signed on"), "expiry_date": _("Expires on")},
    )

    class Meta:
        model = Agreement
        fields = []

    @extend_schema_field(OpenApiTypes.INT)  # the query gives the record's id
    def with_party(self, queryset, name, value):
        return queryset.filter(pk__in=Agreement.parties.through.objects.filter(organisation=value).values("agreement"))

    @extend_schema_field(OpenApiTypes.INT)  # the query gives the record's id
    def partnership_theme(self, queryset, name, value):
        return queryset.filter(partnership__in=Partnership.objects.filter(themes=value))

    @extend_schema_field(OpenApiTypes.INT)  # the query gives the record's id
    def partnership_state(self, queryset, name, value):
        return queryset.filter(partnership__in=Partnership.objects.with_partner_in(value))

    def filter_expires(self, queryset, name, value):
        first, last = local_dates(value)
        if first:
            queryset = queryset.filter(expiry_date__gte=first)
        if last:
            queryset = queryset.filter(expiry_date__lte=last)
        return queryset

    def expiring_soon(self, queryset, name, value):
        expiring = queryset.expiring_within(EXPIRING_DAYS)
        return expiring if value else queryset.exclude(pk__in=expiring.values("pk"))


class VoluntaryReviewFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Search"), method="search")
    kind = filters.ChoiceFilter(label=_("Kind"), choices=VoluntaryReview.Kind.choices)
    status = filters.ChoiceFilter(label=_("Status"), choices=VoluntaryReview.Status.choices)
    year = filters.NumberFilter(label=_("Year"))
    sdg = ReferenceFilter(label=_("SDG"), field_name="sdgs", queryset=SDG.objects.all())
    government = organisation_filter(_("Government"), "with_government")
    sort = OrderingFilter(
        fields=(("year", "year"), ("kind", "kind"), ("status", "status")),
        field_labels={"year": _("Year"), "kind": _("Kind"), "status": _("Status")},
    )

    class Meta:
        model = VoluntaryReview
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(government__name__icontains=value) | Q(government__acronym__iexact=value)
        )

    def with_government(self, queryset, name, value):
        return queryset.filter(government=value)
