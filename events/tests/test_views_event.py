"""The events list, detail, create, edit and delete pages."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import login
from contacts.tests.factories import InteractionFactory, OrganisationFactory, PersonFactory
from events.models import Event
from liaison.reference.models import SDG, Theme

from .factories import EventFactory, ParticipationFactory, ProgrammeFactory, TrainingFactory, kl

LIST = reverse("events:event_list")


def titles(response):
    return {event.title for event in response.context["object_list"]}


def list_queries(client, query=""):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST + query)
    assert response.status_code == 200
    return len(queries)


def test_event_list_query_count_does_not_grow_with_rows(officer_client):
    programme = ProgrammeFactory()
    EventFactory.create_batch(5, programme=programme)
    few = list_queries(officer_client)
    EventFactory.create_batch(20, programme=programme)
    assert list_queries(officer_client) == few


def test_event_list_filters(officer_client):
    gender = Theme.objects.create(code="gender", name="Gender")
    sdg5 = SDG.objects.create(number=5, title="Gender equality", colour="#FF3A21")
    programme = ProgrammeFactory()
    hub = TrainingFactory(
        title="GRPB at the hub", programme=programme, start=kl(date(2027, 3, 9)), end=kl(date(2027, 3, 11))
    )
    hub.themes.add(gender)
    hub.sdgs.add(sdg5)
    EventFactory(
        title="WUF13",
        kind="forum",
        level="international",
        status="held",
        start=kl(date(2026, 5, 17)),
        end=kl(date(2026, 5, 22)),
    )
    assert titles(officer_client.get(LIST + "?kind=training")) == {"GRPB at the hub"}
    assert titles(officer_client.get(LIST + "?level=international")) == {"WUF13"}
    assert titles(officer_client.get(LIST + "?status=held")) == {"WUF13"}
    assert titles(officer_client.get(LIST + "?date_from=2027-03-10&date_to=2027-03-31")) == {"GRPB at the hub"}
    assert titles(officer_client.get(LIST + "?date_to=2026-12-31")) == {"WUF13"}
    assert titles(officer_client.get(LIST + f"?theme={gender.pk}")) == {"GRPB at the hub"}
    assert titles(officer_client.get(LIST + f"?sdg={sdg5.pk}")) == {"GRPB at the hub"}
    assert titles(officer_client.get(LIST + f"?programme={programme.pk}")) == {"GRPB at the hub"}
    assert titles(officer_client.get(LIST + "?at_training_hub=true")) == {"GRPB at the hub"}
    assert titles(officer_client.get(LIST + "?at_training_hub=false")) == {"WUF13"}
    assert titles(officer_client.get(LIST + "?q=wuf")) == {"WUF13"}
    assert [e.title for e in officer_client.get(LIST + "?sort=start").context["object_list"]] == [
        "WUF13",
        "GRPB at the hub",
    ]


def test_an_invalid_filter_is_reported_not_a_server_error(officer_client):
    response = officer_client.get(LIST + "?date_from=yesterday")
    assert response.status_code == 200
    assert response.context["filter"].errors


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_event_list_exports_as_filtered(officer_client, fmt):
    EventFactory(title="Malaysia Urban Forum 2027", kind="forum")
    EventFactory(title="GRPB module 1", kind="training")
    response = officer_client.get(LIST + f"?kind=forum&export={fmt}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if fmt == "csv" else response.content
    if fmt == "csv":
        assert b"Malaysia Urban Forum 2027" in body
        assert b"GRPB module 1" not in body
    else:
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_event_detail_shows_participants_attendance_outcomes_and_visible_interactions(officer_client, other_officer):
    event = TrainingFactory(outcomes="Each council drafted a gender analysis.")
    ParticipationFactory(event=event, person=PersonFactory(full_name="Lim Mei Ling"), status="attended")
    ParticipationFactory(event=event, person=PersonFactory(full_name="Tan Wei Jie"), status="no_show")
    InteractionFactory(concerns=[event], subject="Debrief with DBKL")
    InteractionFactory(concerns=[event], subject="Confidential budget talk", confidential=True, author=other_officer)
    page = officer_client.get(event.get_absolute_url()).content.decode()
    assert "Lim Mei Ling" in page and "Tan Wei Jie" in page
    assert "Attended: <strong>1</strong>" in page
    assert "No-show: <strong>1</strong>" in page
    assert "Each council drafted a gender analysis." in page
    assert "Debrief with DBKL" in page
    assert "Confidential budget talk" not in page
    assert "History" in page


def test_event_detail_query_count_does_not_grow_with_participants(officer_client):
    event = TrainingFactory()
    event.organisers.add(OrganisationFactory())
    ParticipationFactory.create_batch(3, event=event)
    with CaptureQueriesContext(connection) as few:
        officer_client.get(event.get_absolute_url())
    ParticipationFactory.create_batch(30, event=event)
    with CaptureQueriesContext(connection) as many:
        officer_client.get(event.get_absolute_url())
    assert len(many) == len(few)


def event_data(**changes):
    data = {
        "title": "GRPB module 3: monitoring",
        "kind": "training",
        "level": "national",
        "status": "planned",
        "start": "2027-06-08T09:00",
        "end": "2027-06-10T17:00",
        "city": "Kuala Lumpur",
        "country": "MY",
        "at_training_hub": "on",
        "office_role": "organiser",
    }
    return {**data, **changes}


def test_officer_creates_an_event_in_kuala_lumpur_time(officer_client, officer):
    response = officer_client.post(reverse("events:event_create"), event_data(owner=officer.pk))
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert event.local_start.strftime("%Y-%m-%d %H:%M %Z") == "2027-06-08 09:00 +08"
    assert event.at_training_hub
    assert event.owner == officer
    assert event.history.count() == 1


def test_an_event_cannot_end_before_it_starts(officer_client):
    response = officer_client.post(reverse("events:event_create"), event_data(end="2027-06-07T09:00"))
    assert response.status_code == 200
    assert "cannot end before it starts" in str(response.context["form"].errors["end"])
    assert not Event.objects.exists()


def test_officer_edits_and_deletes_an_event(officer_client):
    event = EventFactory(title="APUF")
    response = officer_client.post(reverse("events:event_update", args=[event.pk]), event_data(title="APUF-9"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "APUF-9"
    response = officer_client.post(reverse("events:event_delete", args=[event.pk]))
    assert response.status_code == 302
    assert not Event.objects.exists()
    assert Event.history.filter(history_type="-").count() == 1


def test_supervisor_reads_but_cannot_edit(supervisor_client):
    event = EventFactory(title="HLPF 2027")
    assert supervisor_client.get(event.get_absolute_url()).status_code == 200
    response = supervisor_client.post(reverse("events:event_update", args=[event.pk]), event_data(title="x"))
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "HLPF 2027"


def test_event_autocomplete_finds_events_by_title(officer_client):
    EventFactory(title="World Urban Forum 13")
    EventFactory(title="GRPB module 1")
    results = officer_client.get(reverse("events:event_autocomplete") + "?q=urban").json()["results"]
    assert [r["text"] for r in results] == ["World Urban Forum 13 (9 Mar 2027)"]


def test_htmx_requests_get_only_the_rows(officer_client):
    EventFactory(title="Malaysia Urban Forum 2027")
    response = officer_client.get(LIST + "?kind=forum", HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "events/_event_rows.html"
    assert "Malaysia Urban Forum 2027" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_event_list_exports_as_icalendar_as_filtered(officer_client):
    import icalendar

    EventFactory(title="Malaysia Urban Forum 2027", kind="forum")
    EventFactory(title="GRPB module 1", kind="training")
    page = officer_client.get(LIST + "?kind=forum").content.decode()
    assert "?kind=forum&amp;export=ics" in page
    response = officer_client.get(LIST + "?kind=forum&export=ics")
    assert response["Content-Type"].startswith("text/calendar")
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Malaysia Urban Forum 2027"]


@pytest.mark.parametrize("name", ["event", "programme", "mission"])
def test_supervisors_are_not_offered_a_new_button(client, supervisor, officer, name):
    create_url, list_url = reverse(f"events:{name}_create"), reverse(f"events:{name}_list")
    login(client, supervisor)
    assert create_url not in client.get(list_url).content.decode()
    login(client, officer)
    assert create_url in client.get(list_url).content.decode()


def test_an_interaction_logged_from_an_event_page_concerns_it_and_shows_there(officer_client, officer):
    event = EventFactory(title="Malaysia Urban Forum")
    person = PersonFactory(full_name="Nurul Huda binti Ahmad")
    log_url = reverse("events:event_log_interaction", args=[event.pk])
    assert log_url in officer_client.get(event.get_absolute_url()).content.decode()

    officer_client.post(
        log_url,
        {
            "occurred_at": "2026-11-20T10:30",
            "kind": "event_conversation",
            "subject": "Side talk on the VLR",
            "people": [person.pk],
        },
    )

    interaction = event.interactions.get()
    assert list(interaction.people.all()) == [person]
    assert "Side talk on the VLR" in officer_client.get(event.get_absolute_url()).content.decode()
    assert "Malaysia Urban Forum" in officer_client.get(interaction.get_absolute_url()).content.decode()
    # And it is on the person's timeline too.
    assert "Side talk on the VLR" in officer_client.get(person.get_absolute_url()).content.decode()
