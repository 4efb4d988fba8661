"""The month view, the entry registry other apps plug into, the subscribable feed and .ics downloads."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from liaison.calendar.models import CalendarToken
from liaison.calendar.registry import CalendarEntry, CalendarSource, entries_between, registry

from .factories import EventFactory, MissionFactory, TrainingFactory, kl

KL = ZoneInfo("Asia/Kuala_Lumpur")
CALENDAR = reverse("calendar:month")


class Deadlines(CalendarSource):
    key = "tests.deadlines"

    def entries(self, start, end, user):
        if start <= date(2027, 3, 31) <= end:
            yield CalendarEntry(
                title="Deadline: UNDP call for proposals",
                start=kl(date(2027, 3, 31), 17),
                url="/funding/7/",
                kind="funding",
                uid="funding-7",
            )


@pytest.fixture
def funding_deadline():
    """A source registered as the funding app registers its deadlines."""
    with registry.added(Deadlines()) as source:
        yield source


def test_month_view_shows_events_missions_and_registered_deadlines_each_linked(
    officer_client, officer, funding_deadline
):
    training = TrainingFactory(title="GRPB module 2", start=kl(date(2027, 3, 9)), end=kl(date(2027, 3, 11), 17))
    mission = MissionFactory(
        traveller=officer, destination="Jakarta", start_date=date(2027, 3, 15), end_date=date(2027, 3, 16)
    )
    EventFactory(title="Next month's forum", start=kl(date(2027, 5, 5)), end=kl(date(2027, 5, 5), 17))
    response = officer_client.get(CALENDAR + "?month=2027-03")
    page = response.content.decode()
    assert response.context["month"] == date(2027, 3, 1)
    # On each of its three days in the grid, and again in the month's agenda (shown instead on a phone).
    assert page.count(f'href="{training.get_absolute_url()}"') == 3 + 3
    assert f'href="{mission.get_absolute_url()}"' in page
    assert 'href="/funding/7/"' in page and "Deadline: UNDP call for proposals" in page
    assert "Next month&#x27;s forum" not in page and "Next month's forum" not in page
    assert 'href="?month=2027-02"' in page and 'href="?month=2027-04"' in page


def test_month_view_rolls_over_the_year(officer_client):
    response = officer_client.get(CALENDAR + "?month=2026-12")
    assert response.context["previous"] == "?month=2026-11"
    assert response.context["next"] == "?month=2027-01"


def test_a_bad_month_shows_the_current_month_with_a_message(officer_client):
    response = officer_client.get(CALENDAR + "?month=2027-13", follow=True)
    assert response.status_code == 200
    assert response.context["month"].day == 1
    assert "YYYY-MM" in response.content.decode()


def test_entries_a_user_may_not_see_are_left_out(outsider):
    EventFactory(start=kl(date(2027, 3, 9)), end=kl(date(2027, 3, 9), 17))
    assert entries_between(date(2027, 3, 1), date(2027, 3, 31), outsider) == []


def test_cancelled_events_stay_out_of_the_calendar(officer):
    EventFactory(status="cancelled", start=kl(date(2027, 3, 9)), end=kl(date(2027, 3, 9), 17))
    assert entries_between(date(2027, 3, 1), date(2027, 3, 31), officer) == []


def feed_url(user):
    return reverse("calendar:feed", args=[CalendarToken.for_user(user).token])


@pytest.fixture
def agreement_expiry():
    """An all-day source registered as the partnerships app will register agreement expiries."""
    expires = date.today() + timedelta(days=40)

    class Expiries(CalendarSource):
        key = "tests.expiries"

        def entries(self, start, end, user):
            if start <= expires <= end:
                yield CalendarEntry(
                    title="MOU with MBPP expires", start=expires, url="/partnerships/3/", kind="agreement"
                )

    with registry.added(Expiries()):
        yield expires


def test_feed_parses_with_kuala_lumpur_start_times_without_login(client, officer, agreement_expiry):
    today = date.today()
    event = EventFactory(title="Malaysia Urban Forum", start=kl(today, 9, 30), end=kl(today, 17))
    response = client.get(feed_url(officer))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    vevents = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    start = vevents["Malaysia Urban Forum"].decoded("dtstart")
    assert start == datetime(today.year, today.month, today.day, 9, 30, tzinfo=KL)
    assert str(start.tzinfo) == "Asia/Kuala_Lumpur"
    assert vevents["Malaysia Urban Forum"]["uid"] == f"event-{event.pk}@liaison"
    assert str(vevents["Malaysia Urban Forum"]["url"]).endswith(event.get_absolute_url())
    assert cal.walk("VTIMEZONE")[0]["tzid"] == "Asia/Kuala_Lumpur"
    assert vevents["MOU with MBPP expires"].decoded("dtstart") == agreement_expiry


def test_feed_shows_missions_as_whole_days(client, officer):
    today = date.today()
    MissionFactory(traveller=officer, destination="Bangkok", start_date=today, end_date=today)
    cal = icalendar.Calendar.from_ical(client.get(feed_url(officer)).content)
    (vevent,) = cal.walk("VEVENT")
    assert vevent.decoded("dtstart") == today
    assert (vevent.decoded("dtend") - today).days == 1


def test_feed_with_a_wrong_token_is_404(client, officer):
    CalendarToken.for_user(officer)
    assert client.get(reverse("calendar:feed", args=["not-the-token"])).status_code == 404


def test_resetting_the_token_retires_the_old_url(officer_client, officer):
    old = feed_url(officer)
    response = officer_client.post(reverse("calendar:feed_reset"))
    assert response.status_code == 302
    new = feed_url(officer)
    assert new != old
    officer_client.logout()
    assert officer_client.get(old).status_code == 404
    assert officer_client.get(new).status_code == 200


def test_subscribe_page_shows_the_secret_url(officer_client, officer):
    response = officer_client.get(reverse("calendar:subscribe"))
    assert CalendarToken.objects.get(user=officer).token in response.content.decode()


def test_feed_of_a_user_without_a_role_or_deactivated_is_404(client, outsider, officer):
    assert client.get(feed_url(outsider)).status_code == 404
    url = feed_url(officer)
    officer.is_active = False
    officer.save()
    assert client.get(url).status_code == 404


def test_one_event_downloads_as_ics(officer_client):
    event = EventFactory(
        title="APUF-9", start=kl(date(2027, 10, 12), 9), end=kl(date(2027, 10, 14), 17), city="Bangkok"
    )
    response = officer_client.get(reverse("events:event_ics", args=[event.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["summary"]) == "APUF-9"
    assert vevent.decoded("dtstart") == datetime(2027, 10, 12, 9, tzinfo=KL)
    assert vevent.decoded("dtend") == datetime(2027, 10, 14, 17, tzinfo=KL)
    assert "Bangkok" in str(vevent["location"])


def test_weekday_headings_are_in_the_readers_language(officer_client):
    officer_client.cookies["django_language"] = "ms"
    weekdays = officer_client.get(CALENDAR, {"month": "2027-03"}).context["weekdays"]
    assert [str(day) for day in weekdays][:2] == ["Isn", "Sel"]
