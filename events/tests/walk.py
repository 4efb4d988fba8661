"""What each role gets from the events URLs (gathered by liaison/tests/test_url_walk.py)."""

from liaison.tests.walk import API_READ, PUBLIC, READ, WRITE, Case


def _event(users):
    from .factories import EventFactory

    return {"pk": EventFactory().pk}


def _started_event(users):
    from .factories import EventFactory, started

    return {"pk": EventFactory(start=started()).pk}


def _programme(users):
    from .factories import ProgrammeFactory

    return {"pk": ProgrammeFactory().pk}


def _mission(users):
    from .factories import MissionFactory

    return {"pk": MissionFactory(traveller=users["officer"]).pk}


def _mission_report(users):
    from events.models import MissionReport

    from .factories import MissionFactory

    mission = MissionFactory(traveller=users["officer"])
    MissionReport.objects.create(mission=mission, purpose="Represent the office.", meetings="UN-Habitat")
    return {"pk": mission.pk}


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
    # Offered once attendance is recorded: a POST that redirects to the event (with a message if refused).
    "events:event_mark_held": Case(
        {**WRITE, "officer": 302, "administrator": 302}, kwargs=_started_event, method="post"
    ),
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
    "events:mission_report": Case(WRITE, kwargs=_mission),
    "events:mission_report_document": Case(READ, kwargs=_mission_report, query="?format=docx"),
}


def _registration_page(users):
    from events.models import RegistrationPage

    from .factories import EventFactory

    return RegistrationPage.objects.create(event=EventFactory(), is_open=True)


def _cancel_token(users):
    from events.models import Participation, Registration
    from events.registration import cancel_token

    from .factories import ParticipationFactory

    page = _registration_page(users)
    participation = ParticipationFactory(event=page.event)
    registration = Registration.objects.create(
        event=page.event, participation=participation, email="walk@example.org", full_name="Walk"
    )
    assert participation.status == Participation.Status.REGISTERED
    return {"token": cancel_token(registration)}


def _attended(users):
    from .factories import ParticipationFactory

    return {"pk": ParticipationFactory(status="attended").pk}


def _feedback_token(users):
    from events.models import FeedbackForm, FeedbackQuestion, FeedbackRequest

    from .factories import ParticipationFactory

    form, created = FeedbackForm.objects.get_or_create(name="Walk", event_kind="")
    if created:
        FeedbackQuestion.objects.create(form=form, kind="rating", text_en="Overall?", text_ms="Keseluruhan?")
    participation = ParticipationFactory(status="attended")
    request = FeedbackRequest.objects.create(
        event=participation.event, participation=participation, form=form, message_id="<walk@example.org>"
    )
    return {"token": request.token}


def _held_event(users):
    from .factories import EventFactory

    return {"pk": EventFactory(status="held").pk}


CASES.update(
    {
        "events:registrations": Case(WRITE, kwargs=_event),
        "events:check_in": Case(WRITE, kwargs=_event),
        "events:sign_in_sheet": Case(READ, kwargs=_event),
        "events:sign_in_ticks": Case(WRITE, kwargs=_event),
        "events:invitations": Case(WRITE, kwargs=_event),
        # Public: anyone, logged in or not (PUBLIC_PAGES in liaison/tests/walk.py lists them).
        "events:register": Case(PUBLIC, kwargs=lambda users: {"code": _registration_page(users).code}),
        "events:registration_thanks": Case(PUBLIC, kwargs=lambda users: {"code": _registration_page(users).code}),
        "events:registration_cancel": Case(PUBLIC, kwargs=_cancel_token),
        "events:certificate_verify": Case(PUBLIC),
        "events:public_feed_json": Case(PUBLIC, query="?kind=forum&limit=5"),
        "events:public_feed_ics": Case(PUBLIC),
        "events:certificate": Case(READ, kwargs=_attended),
        # Public: the attendee's feedback form, opened by the token of their e-mail's link.
        "events:feedback": Case(PUBLIC, kwargs=_feedback_token),
        # A POST that asks the attendees for feedback and redirects back to the event.
        "events:feedback_send": Case(
            {**WRITE, "officer": 302, "administrator": 302}, kwargs=_held_event, method="post"
        ),
    }
)

# The API's resources (events/api.py).
CASES.update(
    {
        "api:event-list": Case(API_READ, query="?ordering=start"),
        "api:event-detail": Case(API_READ, kwargs=_event),
        "api:participation-list": Case(API_READ),
        "api:participation-detail": Case(API_READ, kwargs=_participation),
    }
)
