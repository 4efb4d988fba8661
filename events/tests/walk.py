"""What each role gets from the events URLs (gathered by liaison/tests/test_url_walk.py)."""

from liaison.tests.walk import API_READ, READ, WRITE, Case


def _event(users):
    from .factories import EventFactory

    return {"pk": EventFactory().pk}


def _programme(users):
    from .factories import ProgrammeFactory

    return {"pk": ProgrammeFactory().pk}


def _mission(users):
    from .factories import MissionFactory

    return {"pk": MissionFactory(traveller=users["officer"]).pk}


def _participation(users):
    from .factories import ParticipationFactory

    return {"pk": ParticipationFactory().pk}


CASES = {
    "events:event_list": Case(READ),
    "events:event_create": Case(WRITE),
    "events:event_autocomplete": Case(READ, query="?q=forum"),
    "events:event_detail": Case(READ, kwargs=_event),
    "events:event_update": Case(WRITE, kwargs=_event),
    "events:event_delete": Case(WRITE, kwargs=_event),
    "events:event_ics": Case(READ, kwargs=_event),
    "events:participants_add": Case(WRITE, kwargs=_event),
    "events:attendance": Case(WRITE, kwargs=_event),
    "events:participants_export": Case(READ, kwargs=_event, query="?export=csv"),
    "events:invitation_list": Case(READ, kwargs=_event, query="?export=csv"),
    # A POST that redirects back to the event.
    "events:participation_remove": Case(
        {**WRITE, "officer": 302, "administrator": 302}, kwargs=_participation, method="post"
    ),
    "events:event_log_interaction": Case(WRITE, kwargs=_event),
    # Reading who was trained needs the people and the participations: every role but outsiders.
    "events:people_trained": Case(READ),
    "events:programme_list": Case(READ),
    "events:programme_create": Case(WRITE),
    "events:programme_detail": Case(READ, kwargs=_programme),
    "events:programme_update": Case(WRITE, kwargs=_programme),
    "events:programme_delete": Case(WRITE, kwargs=_programme),
    "events:mission_list": Case(READ),
    "events:mission_create": Case(WRITE),
    "events:mission_detail": Case(READ, kwargs=_mission),
    "events:mission_update": Case(WRITE, kwargs=_mission),
    "events:mission_delete": Case(WRITE, kwargs=_mission),
}

# The API's resources (events/api.py).
CASES.update(
    {
        "api:event-list": Case(API_READ, query="?ordering=start"),
        "api:event-detail": Case(API_READ, kwargs=_event),
        "api:participation-list": Case(API_READ),
        "api:participation-detail": Case(API_READ, kwargs=_participation),
    }
)
