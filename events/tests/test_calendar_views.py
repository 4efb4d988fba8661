"""The calendar's week and agenda views, its legend and kind filter, the phone layout and the copy button."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import EventFactory, MissionFactory, kl

CALENDAR = reverse("calendar:month")


@pytest.fixture
def march(officer):
    """A forum on Tuesday 9 March 2027, a mission 15-16 March, a forum in May."""
    forum = EventFactory(title="Urban forum", start=kl(date(2027, 3, 9), 10), end=kl(date(2027, 3, 9), 17))
    mission = MissionFactory(
        traveller=officer, destination="Jakarta", start_date=date(2027, 3, 15), end_date=date(2027, 3, 16)
    )
    may = EventFactory(title="May forum", start=kl(date(2027, 5, 5)), end=kl(date(2027, 5, 5), 17))
    return forum, mission, may


def test_the_week_view_shows_the_seven_days_from_monday(officer_client, march):
    forum, mission, _may = march
    response = officer_client.get(CALENDAR + "?view=week&day=2027-03-11")
    assert response.status_code == 200
    days = response.context["days"]
    assert [day for day, _entries in days] == [date(2027, 3, 8) + timedelta(days=n) for n in range(7)]
    assert [entry.title for entry in dict(days)[date(2027, 3, 9)]] == ["Urban forum"]
    page = response.content.decode()
    assert forum.get_absolute_url() in page and mission.get_absolute_url() not in page
    assert 'href="?view=week&amp;day=2027-03-01"' in page and 'href="?view=week&amp;day=2027-03-15"' in page
    assert 'id="calendar-week"' in page


def test_the_agenda_lists_four_weeks_of_days_that_have_something(officer_client, march):
    response = officer_client.get(CALENDAR + "?view=agenda&day=2027-03-01")
    assert response.status_code == 200
    days = response.context["days"]
    assert [day for day, _entries in days] == [date(2027, 3, 9), date(2027, 3, 15), date(2027, 3, 16)]
    page = response.content.decode()
    assert "May forum" not in page
    assert 'href="?view=agenda&amp;day=2027-03-29"' in page  # the next four weeks


def test_the_month_carries_its_agenda_for_narrow_screens(officer_client, march):
    page = officer_client.get(CALENDAR + "?month=2027-03").content.decode()
    grid, agenda = page.split('class="calendar-month-agenda"')
    assert 'class="calendar-grid"' in grid and "Urban forum" in grid
    assert "Urban forum" in agenda and "Jakarta" in agenda


def test_the_legend_names_the_kinds_the_user_sees_and_filters_by_them(officer_client, march):
    forum, mission, _may = march
    response = officer_client.get(CALENDAR + "?month=2027-03")
    legend = response.context["legend"]
    assert {"event", "mission", "follow-up", "funding", "agreement", "task"} <= set(legend)
    assert str(legend["mission"]) == "Missions"
    page = response.content.decode()
    assert 'data-kind="mission"' in page and 'href="?month=2027-03&amp;kind=mission"' in page
    only_missions = officer_client.get(CALENDAR + "?month=2027-03&kind=mission")
    page = only_missions.content.decode()
    assert mission.get_absolute_url() in page and forum.get_absolute_url() not in page
    assert only_missions.context["chosen"] == {"mission"}
    # The filter is kept by the other views and the month's navigation.
    assert 'href="?month=2027-04&amp;kind=mission"' in page
    assert 'href="?kind=mission&amp;view=week&amp;day=2027-03-01"' in page  # the week of the month's first day
    both = officer_client.get(CALENDAR + "?month=2027-03&kind=mission&kind=event").content.decode()
    assert mission.get_absolute_url() in both and forum.get_absolute_url() in both


def test_a_kind_filter_asks_only_the_sources_of_that_kind(officer_client, march):
    with CaptureQueriesContext(connection) as everything:
        officer_client.get(CALENDAR + "?month=2027-03")
    with CaptureQueriesContext(connection) as missions:
        officer_client.get(CALENDAR + "?month=2027-03&kind=mission")
    assert len(missions) < len(everything)


def test_bad_views_kinds_and_days_give_a_message_not_an_error(officer_client):
    response = officer_client.get(CALENDAR + "?view=year&kind=secret", follow=True)
    assert response.status_code == 200 and response.context["view"] == "month"
    page = response.content.decode()
    assert "Choose the month, week or agenda view" in page and "not in your calendar" in page
    response = officer_client.get(CALENDAR + "?view=week&day=2027-02-30")
    assert response.status_code == 200 and "Give the day as YYYY-MM-DD" in response.content.decode()


@pytest.mark.parametrize("query", ["?month=2027-03", "?view=week&day=2027-03-08", "?view=agenda&day=2027-03-01"])
def test_each_view_runs_the_same_queries_for_few_or_many_entries(officer_client, officer, query):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(CALENDAR + query).status_code == 200
        return len(queries)

    EventFactory(start=kl(date(2027, 3, 9)))
    few = count()
    for day in range(1, 28):
        EventFactory(start=kl(date(2027, 3, day)))
        MissionFactory(traveller=officer, start_date=date(2027, 3, day), end_date=date(2027, 3, day))
    assert count() == few


def test_the_subscribe_page_has_a_copy_button_without_inline_script(officer_client):
    page = officer_client.get(reverse("calendar:subscribe")).content.decode()
    assert 'data-copy-target="#feed-url"' in page and 'id="copy-feed-status"' in page
    assert "onclick" not in page and "<script>" not in page


def test_switching_views_keeps_the_dates_shown(officer_client, march):
    week = officer_client.get(CALENDAR + "?view=week&day=2027-03-10").context["view_urls"]
    assert {key: url for key, _label, url in week} == {
        "month": "?view=month&month=2027-03",
        "week": "?view=week&day=2027-03-08",
        "agenda": "?view=agenda&day=2027-03-08",
    }


def test_the_calendars_new_words_read_in_malay(officer_client, march):
    officer_client.cookies["django_language"] = "ms"
    page = officer_client.get(CALENDAR + "?view=week&day=2027-03-08").content.decode()
    for malay in ("Minggu sebelumnya", "Minggu seterusnya", "Bulan", "Agenda", "Semua jenis", "Misi"):
        assert malay in page, malay
    for english in ("Previous week", "Next week", "All kinds", "Show:"):
        assert english not in page, english
