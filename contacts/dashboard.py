"""The contacts' figures on the dashboard: organisations and people by kind and state, overdue follow-ups."""

from django.db.models import Count, Exists, OuterRef
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from liaison.dashboard.registry import (
    ATTENTION_ITEMS,
    Attention,
    DashboardSource,
    Row,
    Scope,
    Table,
    list_url,
    register,
)
from liaison.reference.models import localised_name

from .models import Affiliation, Interaction, Organisation, Person

APPLIES = _("Follows the theme and state filters.")
ATTENTION_APPLIES = _(
    "Open follow-ups due in the period, before today; follows the theme and state filters through the people and "
    "organisations concerned."
)


def organisations(scope: Scope):
    queryset = Organisation.objects.order_by()
    if scope.theme:
        queryset = queryset.filter(themes=scope.theme)
    if scope.state:
        queryset = queryset.filter(state=scope.state)
    return queryset


def people(scope: Scope):
    """As the people list filters them: a theme, and a current post in the state."""
    queryset = Person.objects.order_by()
    if scope.theme:
        queryset = queryset.filter(themes=scope.theme)
    if scope.state:
        posts = Affiliation.objects.current().filter(person=OuterRef("pk"), organisation__state=scope.state)
        queryset = queryset.filter(Exists(posts))
    return queryset


@register
class ContactsDashboard(DashboardSource):
    key = "contacts"
    permission = "contacts.view_organisation"
    order = 10

    def tables(self, scope):
        return [self.organisations_by_kind(scope), self.organisations_by_state(scope), self.people_by_kind(scope)]

    def organisations_by_kind(self, scope):
        counts = dict(organisations(scope).values_list("kind").annotate(n=Count("pk", distinct=True)))
        rows = [
            Row(str(label), [counts[kind]], [self.organisation_url(scope, kind=kind)])
            for kind, label in Organisation.Kind.choices
            if counts.get(kind)
        ]
        return Table("organisations_by_kind", _("Organisations by kind"), [_("Organisations")], rows, applies=APPLIES)

    def organisations_by_state(self, scope):
        groups = (
            organisations(scope)
            .filter(state__isnull=False)
            .values("state", label=localised_name("state__"))
            .annotate(n=Count("pk", distinct=True))
            .order_by("label")
        )
        rows = [
            Row(group["label"], [group["n"]], [self.organisation_url(scope, state=group["state"])]) for group in groups
        ]
        return Table("organisations_by_state", _("Organisations by state"), [_("Organisations")], rows, applies=APPLIES)

    def people_by_kind(self, scope):
        """People with a current post at an organisation of each kind (a person with two posts counts twice)."""
        posts = Affiliation.objects.current().order_by()
        if scope.theme or scope.state:  # unfiltered, the semi-join on every person costs for nothing
            posts = posts.filter(person__in=people(scope))
        counts = dict(posts.values_list("organisation__kind").annotate(n=Count("person", distinct=True)))
        rows = [
            Row(str(label), [counts[kind]], [list_url("contacts:person_list", kind=kind, **self.filters(scope))])
            for kind, label in Organisation.Kind.choices
            if counts.get(kind)
        ]
        return Table(
            "people_by_kind", _("People by kind of organisation"), [_("People")], rows, applies=APPLIES, order=101
        )

    def attention(self, scope):
        overdue = (
            Interaction.objects.visible_to(scope.user)
            .follow_ups_overdue(scope.today)
            .filter(follow_up_date__range=(scope.start, scope.end))
        )
        if scope.theme:
            overdue = overdue.about_theme(scope.theme)
        if scope.state:
            overdue = overdue.about_state(scope.state)
        items = [
            (i.subject, date_format(i.follow_up_date), i.get_absolute_url())
            for i in overdue.order_by("follow_up_date", "pk")[:ATTENTION_ITEMS]
        ]
        return [
            Attention(
                "overdue_follow_ups",
                _("Overdue follow-ups"),
                overdue.count(),
                list_url(
                    "contacts:interaction_list",
                    overdue="true",
                    **scope.date_range("follow_up_due"),
                    **self.filters_of_interactions(scope),
                ),
                items,
                order=40,
                applies=ATTENTION_APPLIES,
            )
        ]

    def filters_of_interactions(self, scope):
        return {"theme": scope.theme_id, "state": scope.state_id}

    def filters(self, scope):
        return {"themes": scope.theme_id, "state": scope.state_id}

    def organisation_url(self, scope, **params):
        return list_url("contacts:organisation_list", **{**self.filters(scope), **params})
