"""The funding figures on the dashboard: the pipeline in ringgit, deadlines coming up, SDGs."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from liaison.dashboard.registry import (
    ATTENTION_ITEMS,
    Attention,
    Coverage,
    DashboardSource,
    Row,
    Scope,
    Table,
    counts_by_sdg,
    list_url,
    register,
)

from .models import FundingOpportunity
from .money import pipeline

DEADLINE_DAYS = 30
APPLIES = _("Follows the theme filter.")
NO_RATE = _("%(applies)s Amounts in %(currencies)s have no exchange rate and are left out of the MYR value.")


def opportunities(scope: Scope):
    queryset = FundingOpportunity.objects.order_by()
    return queryset.filter(themes=scope.theme) if scope.theme else queryset


def list_of(scope: Scope, **params) -> str:
    return list_url("funding:opportunity_list", **{"theme": scope.theme_id, **params})


@register
class FundingDashboard(DashboardSource):
    key = "funding"
    permission = "funding.view_fundingopportunity"
    order = 30

    def tables(self, scope):
        result = pipeline(opportunities(scope), on=scope.today)
        rows = [
            Row(str(label), [total.count, total.value_myr], [list_of(scope, status=status)] * 2)
            for status, label, total in result.rows
        ]
        note = APPLIES
        if result.total.unconverted:
            missing = ", ".join(currency for currency, _v, _w in result.total.unconverted_list)
            note = NO_RATE % {"applies": APPLIES, "currencies": missing}
        return [
            Table(
                "funding_pipeline",
                _("Funding pipeline by status"),
                [_("Opportunities"), _("Value (MYR)")],
                rows,
                chart="bar",
                chart_columns=(1,),  # the value: counts and ringgit do not share an axis
                applies=note,
                order=3,
            )
        ]

    def attention(self, scope):
        due = (
            opportunities(scope)
            .to_submit()
            .deadline_within(DEADLINE_DAYS, scope.today)
            .deadline_between(scope.start, scope.end)
        )
        items = [
            (o.title, date_format(timezone.localtime(o.deadline), "SHORT_DATETIME_FORMAT"), o.get_absolute_url())
            for o in due.order_by("deadline", "pk")[:ATTENTION_ITEMS]
        ]
        return [
            Attention(
                "deadlines",
                _("Deadlines in the next %(days)s days") % {"days": DEADLINE_DAYS},
                due.count(),
                list_of(
                    scope,
                    deadline_within=DEADLINE_DAYS,
                    status=list(FundingOpportunity.BEFORE_SUBMISSION),
                    **scope.date_range("deadline"),
                ),
                items,
                order=10,
                applies=_(
                    "Still to submit, with a deadline in the next %(days)s days that falls in the period; follows "
                    "the theme filter."
                )
                % {"days": DEADLINE_DAYS},
            )
        ]

    def coverage(self, scope):
        counts = counts_by_sdg(opportunities(scope))
        return Coverage(_("Funding opportunities"), counts, lambda sdg: list_of(scope, sdg=sdg.pk), order=2)
