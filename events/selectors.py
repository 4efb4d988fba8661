"""Figures on participation, computed in SQL, for programme pages and the dashboard.

"People trained" are distinct people who attended a training or a workshop. Breakdowns by
organisation kind and state use the organisation each person came from at the time; by country,
the person's country. Every function takes an optional queryset of participations to narrow the
figures (a period, a theme, the training hub…).
"""

from django.db.models import Count, F, Func, Q, QuerySet
from django.db.models.functions import TruncMonth

from contacts.models import Organisation, Person
from liaison.reference.models import localised_name

from .models import Event, Participation, Programme

FEMALE = Person.Gender.FEMALE
LOCAL_GOVERNMENT = Organisation.Kind.LOCAL_GOVERNMENT
# Who registered, whether they came or not (not those invited, waiting or who cancelled).
HELD_A_PLACE = (Participation.Status.REGISTERED, Participation.Status.ATTENDED, Participation.Status.NO_SHOW)


def trained(participations: QuerySet | None = None) -> QuerySet:
    return (participations if participations is not None else Participation.objects.all()).trained()


def trained_participations(
    *, start=None, end=None, theme=None, state=None, at_hub=None, organisation_kind=None, programme=None
) -> QuerySet:
    """Attendances at trainings that started between the local dates start..end, narrowed further.

    The dashboard counts people with it and the people list filters with it, so both agree.
    """
    participations = Participation.objects.trained()
    if start:
        participations = participations.filter(event__start__date__gte=start)
    if end:
        participations = participations.filter(event__start__date__lte=end)
    if theme:
        participations = participations.filter(event__themes=theme)
    if state:
        participations = participations.filter(organisation__state=state)
    if programme:
        participations = participations.filter(event__programme=programme)
    if at_hub is not None:
        participations = participations.filter(event__at_training_hub=at_hub)
    if organisation_kind:
        participations = participations.filter(organisation__kind=organisation_kind)
    return participations


def people_trained(participations: QuerySet | None = None) -> dict:
    """{"people": n, "women": n, "women_share": percent or None} in one query."""
    figures = trained(participations).aggregate(
        people=Count("person", distinct=True),
        women=Count("person", distinct=True, filter=Q(person__gender=FEMALE)),
    )
    figures["women_share"] = _share(figures["women"], figures["people"])
    return figures


def _breakdown(participations, field: str | F | Func) -> list[dict]:
    rows = (
        trained(participations)
        .order_by()
        .values(key=F(field) if isinstance(field, str) else field)
        .annotate(people=Count("person", distinct=True))
        .order_by("-people", "key")
    )
    return [{"key": row["key"] or "", "people": row["people"]} for row in rows]


def people_trained_by_gender(participations=None) -> list[dict]:
    labels = dict(Person.Gender.choices)
    return [{**row, "label": labels.get(row["key"], "")} for row in _breakdown(participations, "person__gender")]


def people_trained_by_organisation_kind(participations=None) -> list[dict]:
    labels = dict(Organisation.Kind.choices)
    return [{**row, "label": labels.get(row["key"], "")} for row in _breakdown(participations, "organisation__kind")]


def people_trained_by_state(participations=None) -> list[dict]:
    return [{**row, "label": row["key"]} for row in _breakdown(participations, localised_name("organisation__state__"))]


def people_trained_by_country(participations=None) -> list[dict]:
    from django_countries import countries

    return [{**row, "label": countries.name(row["key"]) or ""} for row in _breakdown(participations, "person__country")]


def local_governments_reached(participations: QuerySet | None = None) -> int:
    """Distinct local governments whose people attended an event (of any kind)."""
    base = participations if participations is not None else Participation.objects.all()
    return (
        base.attended()
        .filter(organisation__kind=LOCAL_GOVERNMENT)
        .aggregate(n=Count("organisation", distinct=True))["n"]
    )


def events_by_month_and_level(events: QuerySet | None = None) -> list[dict]:
    """[{"month": first day (local), "level": ..., "events": n}], months in order, cancelled events left out."""
    events = events if events is not None else Event.objects.all()
    rows = (
        events.exclude(status=Event.Status.CANCELLED)
        .annotate(month=TruncMonth("start"))
        .order_by()
        .values("month", "level")
        .annotate(events=Count("id"))
        .order_by("month", "level")
    )
    # TruncMonth gives the first moment of each month in Kuala Lumpur: its local date is what the charts show.
    return [{**row, "month": row["month"].date()} for row in rows]


def training_hub_reach(participations: QuerySet | None = None) -> dict:
    """The DBKL training hub's reach: trainings held there and the people trained there."""
    at_hub = trained(participations).filter(event__at_training_hub=True)
    return at_hub.aggregate(
        trainings=Count("event", distinct=True),
        people=Count("person", distinct=True),
        countries=Count("person__country", distinct=True),
        organisations=Count("organisation", distinct=True),
    )


def programmes_with_figures(queryset: QuerySet | None = None) -> QuerySet:
    """Programmes annotated with people_trained, women_trained and local_governments_reached."""
    attended = Q(events__participations__status=Participation.Status.ATTENDED)
    trained_here = attended & Q(events__kind__in=Event.TRAINING_KINDS)
    queryset = queryset if queryset is not None else Programme.objects.order_by("-start_date", "title")
    return queryset.annotate(
        people_trained=Count("events__participations__person", filter=trained_here, distinct=True),
        women_trained=Count(
            "events__participations__person",
            filter=trained_here & Q(events__participations__person__gender=FEMALE),
            distinct=True,
        ),
        local_governments_reached=Count(
            "events__participations__organisation",
            filter=attended & Q(events__participations__organisation__kind=LOCAL_GOVERNMENT),
            distinct=True,
        ),
    )


def programme_progress(programme: Programme) -> dict:
    """The programme's figures and how far they are towards its targets (percent, capped at 100).

    Registered people (a place held at one of its trainings or workshops, attended or not) against
    the people trained (attended) and the target; the share of women trained against its target;
    local governments reached; the feedback its events' attendees gave.
    """
    from .feedback import feedback_figures
    from .models import FeedbackAnswer

    participations = Participation.objects.filter(event__programme=programme)
    figures = people_trained(participations)
    reached = local_governments_reached(participations)
    registered = participations.filter(event__kind__in=Event.TRAINING_KINDS, status__in=HELD_A_PLACE).aggregate(
        n=Count("person", distinct=True)
    )["n"]
    feedback = feedback_figures(FeedbackAnswer.objects.filter(request__event__programme=programme))
    women_target = programme.target_women_share
    return {
        "registered": registered,
        "people_trained": figures["people"],
        "women_trained": figures["women"],
        "women_share": figures["women_share"],
        "local_governments_reached": reached,
        "registered_progress": _share(registered, programme.target_people_trained, cap=True),
        "people_progress": _share(figures["people"], programme.target_people_trained, cap=True),
        "women_progress": _share(figures["women_share"] or 0, women_target, cap=True),
        "local_governments_progress": _share(reached, programme.target_local_governments, cap=True),
        "feedback_average": feedback["average"],
        "feedback_answered": feedback["answered"],
        "feedback_apply_share": feedback["apply_share"],
    }


def _share(part: int, whole: int | None, cap: bool = False) -> int | None:
    if not whole:
        return None
    percent = round(100 * part / whole)
    return min(percent, 100) if cap else percent
