"""The partnerships' figures on the dashboard: the pipeline by stage and theme, agreements to renew, quiet ones."""

from django.db.models import Count, Q
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
from liaison.reference.models import localised_name

from .filters import EXPIRING_DAYS
from .models import Agreement, Partnership, StageChange, VoluntaryReview
from .selectors import QUIET_DAYS, quiet_partnerships

APPLIES = _("Follows the theme and state (of a partner) filters.")


def partnerships(scope: Scope):
    queryset = Partnership.objects.order_by()
    if scope.theme:
        queryset = queryset.filter(themes=scope.theme)
    if scope.state:
        queryset = queryset.with_partner_in(scope.state)
    return queryset


def list_of(scope: Scope, **params) -> str:
    return list_url("partnerships:partnership_list", **{"theme": scope.theme_id, "state": scope.state_id, **params})


@register
class PartnershipsDashboard(DashboardSource):
    key = "partnerships"
    permission = "partnerships.view_partnership"
    order = 20

    def tables(self, scope):
        return [
            self.by_stage(scope),
            self.by_theme(scope),
            self.advanced(scope),
            self.agreements(scope),
            self.reviews(scope),
        ]

    def advanced(self, scope):
        """Partnerships moved to each stage during the period (a partnership moved twice counts in both)."""
        changes = StageChange.objects.order_by().filter(
            changed_on__range=(scope.start, scope.end), partnership__in=partnerships(scope)
        )
        counts = dict(changes.values_list("to_stage").annotate(n=Count("partnership", distinct=True)))
        rows = [Row(str(label), [counts.get(stage, 0)], [None]) for stage, label in Partnership.Stage.choices]
        return Table(
            "partnerships_advanced",
            _("Partnerships advanced in the period, by the stage reached"),
            [_("Partnerships")],
            rows,
            chart="funnel",
            applies=APPLIES,
            order=11,
        )

    def agreements(self, scope):
        queryset = Agreement.objects.order_by()
        if scope.theme or scope.state:
            queryset = queryset.filter(partnership__in=partnerships(scope))
        period = (scope.start, scope.end)
        signed = dict(queryset.filter(signed_date__range=period).values_list("kind").annotate(n=Count("pk")))
        expiring = dict(
            queryset.in_force().filter(expiry_date__range=period).values_list("kind").annotate(n=Count("pk"))
        )
        rows = [
            Row(str(label), [signed.get(kind, 0), expiring.get(kind, 0)], [None, None])
            for kind, label in Agreement.Kind.choices
        ]
        return Table(
            "agreements_in_period",
            _("Agreements signed and expiring in the period"),
            [_("Signed"), _("Expiring (in force)")],
            rows,
            applies=_("Follows the theme and state filters through the agreement's partnership."),
            order=12,
        )

    def reviews(self, scope):
        """Reviews of the years the period touches, by kind: all of them, and those published or presented."""
        done = [VoluntaryReview.Status.PUBLISHED, VoluntaryReview.Status.PRESENTED]
        groups = (
            VoluntaryReview.objects.order_by()
            .filter(year__range=(scope.start.year, scope.end.year))
            .values("kind")
            .annotate(n=Count("pk"), done=Count("pk", filter=Q(status__in=done)))
        )
        counts = {group["kind"]: (group["n"], group["done"]) for group in groups}
        rows = [
            Row(str(label), list(counts.get(kind, (0, 0))), [None, None])
            for kind, label in VoluntaryReview.Kind.choices
        ]
        return Table(
            "voluntary_reviews",
            _("Voluntary reviews supported"),
            [_("Reviews"), _("Published or presented")],
            rows,
            applies=_("Reviews of the years the period touches; no other filter applies."),
            order=13,
        )

    def by_stage(self, scope):
        counts = dict(partnerships(scope).values_list("stage").annotate(n=Count("pk", distinct=True)))
        rows = [
            Row(str(label), [counts.get(stage, 0)], [list_of(scope, stage=stage)])
            for stage, label in Partnership.Stage.choices
        ]
        return Table(
            "partnerships_by_stage",
            _("Partnerships by stage"),
            [_("Partnerships")],
            rows,
            chart="funnel",
            applies=APPLIES,
            order=1,
        )

    def by_theme(self, scope):
        groups = (
            Partnership.themes.through.objects.filter(partnership__in=partnerships(scope))
            .values("theme", label=localised_name("theme__"))
            .annotate(n=Count("partnership", distinct=True))
            .order_by("label")
        )
        rows = [Row(g["label"], [g["n"]], [list_of(scope, theme=g["theme"])]) for g in groups]
        return Table(
            "partnerships_by_theme", _("Partnerships by theme"), [_("Partnerships")], rows, applies=APPLIES, order=2
        )

    def attention(self, scope):
        quiet = quiet_partnerships(partnerships(scope), scope.user).under_way(scope.start, scope.end)
        expiring = Agreement.objects.expiring_within(EXPIRING_DAYS, scope.today).filter(
            expiry_date__range=(scope.start, scope.end)
        )
        if scope.theme or scope.state:
            expiring = expiring.filter(partnership__in=partnerships(scope))
        return [
            Attention(
                "agreements_expiring",
                _("Agreements expiring in %(days)s days") % {"days": EXPIRING_DAYS},
                expiring.count(),
                list_url(
                    "partnerships:agreement_list",
                    expiring="true",
                    theme=scope.theme_id,
                    state=scope.state_id,
                    **scope.date_range("expires"),
                ),
                [
                    (a.title, date_format(a.expiry_date), a.get_absolute_url())
                    for a in expiring.order_by("expiry_date", "pk")[:ATTENTION_ITEMS]
                ],
                order=20,
                applies=_(
                    "In force and expiring in the next %(days)s days, on a day in the period; follows the theme and "
                    "state filters through the agreement's partnership."
                )
                % {"days": EXPIRING_DAYS},
            ),
            Attention(
                "quiet_partnerships",
                _("Partnerships with no interaction in %(days)s days") % {"days": QUIET_DAYS},
                quiet.count(),
                list_of(scope, quiet="true", **scope.date_range("under_way")),
                [
                    (p.title, p.get_stage_display(), p.get_absolute_url())
                    for p in quiet.order_by("title", "pk")[:ATTENTION_ITEMS]
                ],
                order=30,
                applies=_(
                    "Open, with no interaction in the last %(days)s days, and under way in the period (by their start "
                    "and end dates, where known); follows the theme and state (of a partner) filters."
                )
                % {"days": QUIET_DAYS},
            ),
        ]

    def coverage(self, scope):
        counts = counts_by_sdg(partnerships(scope))
        return Coverage(_("Partnerships"), counts, lambda sdg: list_of(scope, sdg=sdg.pk), order=1)
