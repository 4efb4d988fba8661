"""Calendar entries as iCalendar (RFC 5545), for the subscribable feed and one event's download."""

from datetime import datetime, timedelta

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from .registry import CalendarEntry

PRODID = "-//Liaison//Events and deadlines//EN"


def build_calendar(entries: list[CalendarEntry], name: str, absolute) -> icalendar.Calendar:
    """`absolute(path)` turns an entry's path into a full URL a calendar client can open."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    stamp = timezone.now()
    for entry in entries:
        cal.add_component(_vevent(entry, stamp, absolute))
    cal.add_missing_timezones()
    return cal


def _vevent(entry: CalendarEntry, stamp: datetime, absolute) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", f"{entry.uid or entry.url}@liaison")
    vevent.add("dtstamp", stamp)
    vevent.add("summary", entry.title)
    if entry.all_day:
        vevent.add("dtstart", entry.first_day)
        vevent.add("dtend", entry.last_day + timedelta(days=1))  # DTEND of a whole day is exclusive
    else:
        vevent.add("dtstart", timezone.localtime(entry.start))
        vevent.add("dtend", timezone.localtime(entry.end or entry.start))
    if entry.url:
        vevent.add("url", absolute(entry.url))
    vevent.add("categories", [entry.kind])
    if entry.location:
        vevent.add("location", entry.location)
    if entry.description:
        vevent.add("description", entry.description)
    return vevent


def ics_response(cal: icalendar.Calendar, filename: str, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.ics"'
    return response
