"""Follow-ups (and tasks) in the calendar month and in the iCal feed of the one reminded of them."""

from datetime import date, timedelta

import icalendar
from django.urls import reverse

from conftest import login
from contacts.tests.factories import InteractionFactory
from liaison.calendar.models import CalendarToken
from liaison.calendar.registry import entries_between
from liaison.work.models import Task

MARCH = (date(2027, 3, 1), date(2027, 3, 31))


def test_my_open_follow_ups_and_tasks_are_in_my_calendar_only(officer, other_officer):
    mine = InteractionFactory(author=officer, subject="Call MBSA back", follow_up_date=date(2027, 3, 4))
    InteractionFactory(author=officer, subject="Done already", follow_up_date=date(2027, 3, 5), follow_up_done=True)
    InteractionFactory(author=other_officer, subject="A colleague's", follow_up_date=date(2027, 3, 6))
    InteractionFactory(author=officer, subject="Next month", follow_up_date=date(2027, 4, 2))
    task = Task.objects.create(title="Book the hall", due_on=date(2027, 3, 8), assignee=officer)
    Task.objects.create(title="Not mine", due_on=date(2027, 3, 8), assignee=other_officer)

    entries = [(e.title, e.url, e.kind) for e in entries_between(*MARCH, officer) if e.kind in ("follow-up", "task")]

    assert entries == [
        ("Follow up: Call MBSA back", mine.get_absolute_url(), "follow-up"),
        ("Task: Book the hall", task.get_absolute_url(), "task"),
    ]


def test_the_feed_carries_follow_ups_as_whole_days_without_their_notes(client, officer):
    soon = date.today() + timedelta(days=3)
    InteractionFactory(author=officer, subject="Send the LOI draft", notes="Private remark", follow_up_date=soon)
    feed = reverse("calendar:feed", args=[CalendarToken.for_user(officer).token])
    response = client.get(feed)
    cal = icalendar.Calendar.from_ical(response.content)
    (vevent,) = [e for e in cal.walk("VEVENT") if str(e["summary"]) == "Follow up: Send the LOI draft"]
    assert vevent.decoded("dtstart") == soon
    assert b"Private remark" not in response.content


def test_the_month_shows_follow_ups(client, officer):
    InteractionFactory(author=officer, subject="Call DBKL", follow_up_date=date(2027, 3, 9))
    login(client, officer)
    html = client.get(reverse("calendar:month"), {"month": "2027-03"}).content.decode()
    assert "calendar-follow-up" in html and "Follow up: Call DBKL" in html
