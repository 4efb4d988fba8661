"""The events' figures on the dashboard: events by level and month, people trained, the training hub's reach."""

from calendar import monthrange
from collections import defaultdict

from django import forms
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from liaison.dashboard.registry import Coverage, DashboardSource, Row, Scope, Table, counts_by_sdg, list_url, register

from .feedback import feedback_by_programme
from .models import Event, FeedbackAnswer, Mission, Programme
from .selectors import (
    events_by_month_and_level,
    people_trained,
    people_trained_by_country,
    people_trained_by_organisation_kind,
    trained_participations,
)

APPLIES = _("Events that start in the period, not cancelled; follows the theme and programme filters.")
TRAINED_APPLIES = _(
    "People who attended a training or workshop that started in the period; follows the theme, programme and "
    "state (of their organisation) filters."
)
FEEDBACK_APPLIES = _(
    "Answers about events that started in the period; follows the theme and programme filters and the state "
    "(of the attendees' organisations) filter."
)
HUB_APPLIES = _("Trainings at the hub that started in the period; follows the theme and programme filters.")
PROGRAMME = "programme"  # the dashboard filter the events offer: figures of one programme's events only
FOLLOWS = (PROGRAMME,)


def programme_id(scope: Scope):
    programme = scope.option(PROGRAMME)
    return programme.pk if programme else None


def events(scope: Scope, start=None, end=None):
    """Events not cancelled that start between start and end (default: the period), as the event list filters."""
    queryset = (
        Event.objects.order_by()
        .exclude(status=Event.Status.CANCELLED)
        .filter(start__date__gte=start or scope.start, start__date__lte=end or scope.end)
    )
    if scope.option(PROGRAMME):
        queryset = queryset.filter(programme=scope.option(PROGRAMME))
    return queryset.filter(themes=scope.theme) if scope.theme else queryset


def event_list(scope: Scope, start=None, end=None, **params) -> str:
    return list_url(
        "events:event_list",
        started_after=start or scope.start,
        started_before=end or scope.end,
        theme=scope.theme_id,
        programme=programme_id(scope),
        active="true",
        **params,
    )


def trained(scope: Scope, start=None, end=None, **conditions):
    return trained_participations(
        start=start or scope.start,
        end=end or scope.end,
        theme=scope.theme,
        state=scope.state,
        programme=scope.option(PROGRAMME),
        **conditions,
    )


def people_list(scope: Scope, start=None, end=None, **params) -> str:
    return list_url(
        "events:people_trained",
        trained_after=start or scope.start,
        trained_before=end or scope.end,
        trained_theme=scope.theme_id,
        trained_state=scope.state_id,
        trained_programme=programme_id(scope),
        **params,
    )


def month_bounds(scope: Scope, month):
    return scope.within(month, month.replace(day=monthrange(month.year, month.month)[1]))


@register
class EventsDashboard(DashboardSource):
    key = "events"
    permission = "events.view_event"
    order = 40

    def dashboard_filters(self):
        return {
            PROGRAMME: forms.ModelChoiceField(
                label=_("Programme"), queryset=Programme.objects.order_by("-start_date", "title"), required=False
            )
        }

    def tables(self, scope):
        by_month_and_level = events_by_month_and_level(events(scope))
        return [
            self.by_level(scope, by_month_and_level),
            self.by_month(scope, by_month_and_level),
            self.people_trained(scope),
            *self.training_hub(scope),
            self.missions(scope),
            self.feedback(scope),
        ]

    def feedback(self, scope):
        """Per programme: the average rating and the share of attendees who would apply what they learnt."""
        answers = FeedbackAnswer.objects.filter(request__event__in=events(scope))
        if scope.state:
            answers = answers.filter(request__participation__organisation__state=scope.state)
        rows = [
            Row(
                row["title"] or str(_("No programme")),
                [row["average"] or 0, row["apply_share"] or 0, row["answered"]],
                [None, None, None],
            )
            for row in feedback_by_programme(answers)
        ]
        return Table(
            "feedback_by_programme",
            _("Feedback per programme"),
            [_("Average rating (1 to 5)"), _("Would apply what they learnt (%)"), _("Forms answered")],
            rows,
            applies=FEEDBACK_APPLIES,
            order=15,
            follows=FOLLOWS,
        )

    def missions(self, scope):
        """Missions under way during the period, by approval, with their back-to-office reports done."""
        groups = (
            Mission.objects.order_by()
            .between(scope.start, scope.end)
            .values("approval")
            .annotate(n=Count("pk"), reported=Count("pk", filter=Q(report_done__isnull=False)))
        )
        counts = {group["approval"]: (group["n"], group["reported"]) for group in groups}
        rows = [
            Row(str(label), list(counts.get(approval, (0, 0))), [None, None])
            for approval, label in Mission.Approval.choices
        ]
        return Table(
            "missions",
            _("Missions"),
            [_("Missions"), _("Back-to-office reports done")],
            rows,
            applies=_("Missions under way during the period; no other filter applies."),
            order=14,
        )

    def by_level(self, scope, groups):
        counts = defaultdict(int)
        for group in groups:  # one row per month and level, already counted by the database
            counts[group["level"]] += group["events"]
        rows = [
            Row(str(label), [counts[level]], [event_list(scope, level=level)]) for level, label in Event.Level.choices
        ]
        return Table(
            "events_by_level", _("Events by level"), [_("Events")], rows, applies=APPLIES, order=4, follows=FOLLOWS
        )

    def by_month(self, scope, groups):
        events_in = defaultdict(int)
        for group in groups:
            events_in[group["month"]] += group["events"]
        trained_in = dict(
            trained(scope)
            .annotate(month=TruncMonth("event__start"))
            .order_by()
            .values_list("month")
            .annotate(n=Count("person", distinct=True))
        )
        trained_in = {moment.date(): n for moment, n in trained_in.items()}
        rows = []
        for month in scope.months():
            start, end = month_bounds(scope, month)
            rows.append(
                Row(
                    date_format(month, "YEAR_MONTH_FORMAT"),
                    [events_in.get(month, 0), trained_in.get(month, 0)],
                    [event_list(scope, start, end), people_list(scope, start, end)],
                )
            )
        return Table(
            "events_by_month",
            _("Events and people trained per month"),
            [_("Events"), _("People trained")],
            rows,
            chart="bar",
            applies=_("Events: %(events)s People trained: %(people)s") % {"events": APPLIES, "people": TRAINED_APPLIES},
            order=5,
            follows=FOLLOWS,
        )

    def people_trained(self, scope):
        figures = people_trained(trained(scope))
        women = people_list(scope, gender="female")
        rows = [
            Row(str(_("People trained")), [figures["people"]], [people_list(scope)]),
            Row(str(_("Women trained")), [figures["women"]], [women]),
            Row(str(_("Share of women (%)")), [figures["women_share"] or 0], [women]),
        ]
        return Table(
            "people_trained",
            _("People trained"),
            [_("Figure")],
            rows,
            applies=TRAINED_APPLIES,
            order=6,
            follows=FOLLOWS,
        )

    def training_hub(self, scope):
        held = events(scope).trainings().filter(at_training_hub=True, status=Event.Status.HELD).count()
        hub_list = event_list(scope, training="true", at_training_hub="true", status=Event.Status.HELD)
        at_hub = trained(scope, at_hub=True)
        by_country = [
            Row(row["label"] or str(_("Not given")), [row["people"]], [self.hub_people(scope, country=row["key"])])
            for row in people_trained_by_country(at_hub)
        ]
        by_kind = [
            Row(
                row["label"] or str(_("No organisation")),
                [row["people"]],
                [self.hub_people(scope, trained_organisation_kind=row["key"])],
            )
            for row in people_trained_by_organisation_kind(at_hub)
        ]
        return [
            Table(
                "hub_trainings",
                _("Trainings held at the DBKL training hub"),
                [_("Trainings")],
                [Row(str(_("Trainings held")), [held], [hub_list])],
                applies=HUB_APPLIES,
                order=7,
                follows=FOLLOWS,
            ),
            Table(
                "hub_by_country",
                _("Training hub: participants by country"),
                [_("People")],
                by_country,
                applies=TRAINED_APPLIES,
                order=8,
                follows=FOLLOWS,
            ),
            Table(
                "hub_by_kind",
                _("Training hub: participants by kind of organisation"),
                [_("People")],
                by_kind,
                applies=TRAINED_APPLIES,
                order=9,
                follows=FOLLOWS,
            ),
        ]

    def hub_people(self, scope, **params):
        """The list of these people; None when the breakdown's key (no country, no organisation) has no filter."""
        if not all(params.values()):
            return None
        return people_list(scope, trained_at_hub="true", **params)

    def coverage(self, scope):
        counts = counts_by_sdg(events(scope))
        return Coverage(_("Events"), counts, lambda sdg: event_list(scope, sdg=sdg.pk), order=3, follows=FOLLOWS)
