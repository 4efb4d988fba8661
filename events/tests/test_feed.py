"""The public feed of upcoming events (events/feed.py): only what was published, only public fields."""

from datetime import date, timedelta

import icalendar
import pytest
from django.urls import reverse

from contacts.tests.factories import PersonFactory
from events.models import Event, Participation, RegistrationPage
from liaison.reference.models import SDG

from .factories import EventFactory, kl

JSON = reverse("events:public_feed_json")
ICS = reverse("events:public_feed_ics")
PUBLIC_FIELDS = {
    "id", "title", "kind", "kind_label", "level", "level_label", "status", "start", "end",
    "venue", "city", "country", "description", "themes", "sdgs", "registration_url",
}  # fmt: skip


@pytest.fixture
def events(officer):
    """One published upcoming forum with an open registration page and secrets, and four that must not show."""
    listed = EventFactory(
        title="Malaysia Urban Forum 2027",
        published=True,
        owner=officer,
        venue="KLCC",
        description="Cities and the New Urban Agenda.",
        outcomes="Internal: the minister may not come.",
        online_link="https://meet.example.org/secret-room",
    )
    listed.sdgs.add(SDG.objects.get_or_create(number=11, defaults={"title": "Sustainable cities"})[0])
    Participation.objects.create(event=listed, person=PersonFactory(full_name="Aminah Hidden"), notes="VIP")
    RegistrationPage.objects.create(event=listed, is_open=True)
    EventFactory(title="Unpublished workshop", published=False)
    EventFactory(
        title="Past forum", published=True, start=kl(date(2025, 3, 9)), end=kl(date(2025, 3, 9)) + timedelta(hours=8)
    )
    EventFactory(title="Cancelled forum", published=True, status=Event.Status.CANCELLED)
    EventFactory(title="Webinar on SDG 11", published=True, kind=Event.Kind.WEBINAR, start=kl(date(2027, 4, 1)))
    return listed


def test_json_lists_only_published_upcoming_events_soonest_first(client, events):
    response = client.get(JSON)

    assert response.status_code == 200
    titles = [event["title"] for event in response.json()["events"]]
    assert titles == ["Malaysia Urban Forum 2027", "Webinar on SDG 11"]


def test_json_exposes_only_the_public_fields(client, events):
    response = client.get(JSON)

    first = response.json()["events"][0]
    assert set(first) == PUBLIC_FIELDS
    assert first["sdgs"] == [11] and first["venue"] == "KLCC" and first["country"] == "MY"
    assert first["registration_url"] == f"http://testserver/events/register/{events.registration_page.code}/"
    body = response.content.decode()
    for secret in ("minister", "secret-room", "Aminah", "VIP", "officer", str(events.owner.email)):
        assert secret not in body


def test_feeds_are_public_cacheable_and_readable_from_another_site(client, settings, events):
    settings.PUBLIC_FEED_MAX_AGE = 900

    response = client.get(JSON)

    assert "public" in response["Cache-Control"] and "max-age=900" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in client.get(ICS)["Cache-Control"]


def test_ics_parses_with_icalendar_and_holds_the_same_events(client, events):
    response = client.get(ICS)

    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    vevents = calendar.walk("VEVENT")
    assert [str(vevent["summary"]) for vevent in vevents] == ["Malaysia Urban Forum 2027", "Webinar on SDG 11"]
    assert str(vevents[0]["url"]).endswith(f"/register/{events.registration_page.code}/")
    assert "url" not in vevents[1]  # no registration page: no address to give
    assert vevents[0].decoded("dtstart") == kl(date(2027, 3, 9))
    assert b"minister" not in response.content and b"secret-room" not in response.content


def test_feed_is_narrowed_by_kind_level_and_limit(client, events):
    assert [e["title"] for e in client.get(JSON, {"kind": "webinar"}).json()["events"]] == ["Webinar on SDG 11"]
    assert client.get(JSON, {"level": "regional"}).json()["events"] == []
    assert len(client.get(JSON, {"limit": "1"}).json()["events"]) == 1
    ics = icalendar.Calendar.from_ical(client.get(ICS, {"kind": "forum"}).content)
    assert [str(v["summary"]) for v in ics.walk("VEVENT")] == ["Malaysia Urban Forum 2027"]


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "'; DROP TABLE events_event; --"},
        {"level": "x" * 5000},
        {"limit": "-1"},
        {"limit": "99999999999999999999"},
        {"limit": "1e3"},
        {"limit": "0"},
        {"limit": "١٢"},  # Arabic-Indic digits: str.isdigit says yes, int() would take them
    ],
)
def test_hostile_query_parameters_get_a_400_with_a_message_never_a_500(client, events, query):
    response = client.get(JSON, query)
    assert response.status_code == 400
    assert response.json()["error"]
    ics = client.get(ICS, query)
    assert ics.status_code == 400 and ics.content


def test_unknown_parameters_are_ignored_and_the_message_is_in_malay(client, events):
    assert client.get(JSON, {"owner": "1", "published": "false"}).json()["events"][0]["title"].startswith("Malaysia")
    response = client.get(JSON, {"kind": "party"}, headers={"accept-language": "ms"})
    assert response.status_code == 400 and "tidak dikenali" in response.json()["error"]


def test_a_nul_byte_in_a_parameter_is_stripped_not_a_server_error(client, events):
    assert [e["title"] for e in client.get(JSON, {"kind": "webinar\x00"}).json()["events"]] == ["Webinar on SDG 11"]


def test_feed_refuses_writes(client, events):
    assert client.post(JSON).status_code == 405
