"""What the calendar shows: entries that any app contributes, for the month view and the iCal feed.

The calendar does not know the other apps' models. Each app registers a function that, given a
range of local dates and a user, yields the entries that user may see in that range:

    from liaison.calendar import CalendarEntry, register_entries

    @register_entries
    def funding_deadlines(start, end, user):
        if not user.has_perm("funding.view_fundingopportunity"):
            return
        for opp in FundingOpportunity.objects.filter(deadline__date__range=(start, end)):
            yield CalendarEntry(
                title=_("Deadline: %s") % opp, start=opp.deadline, url=opp.get_absolute_url(),
                kind="funding", uid=f"funding-{opp.pk}",
            )

Each app does so in its own `calendar.py`, which `entries_between` discovers: events and missions
(events), funding deadlines and milestones (funding), agreement expiries (partnerships). The month
view and the iCal feed (events) both read from here.

`start` is an aware date-time for a moment, or a `date` for an all-day entry (a deadline with no
time, an expiry); `end` is optional (a moment or the last day, inclusive).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class CalendarEntry:
    title: str
    start: date | datetime
    url: str
    kind: str  # "event", "mission", "funding", "agreement"…: a CSS class and a category in the feed
    end: date | datetime | None = None
    uid: str = ""  # stable across feed downloads, so calendars update an entry rather than duplicate it
    location: str = ""
    description: str = ""

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def first_day(self) -> date:
        return _local_date(self.start)

    @property
    def last_day(self) -> date:
        return _local_date(self.end) if self.end else self.first_day

    def days(self) -> Iterable[date]:
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += timedelta(days=1)

    @property
    def sort_key(self):
        start = self.start if not self.all_day else datetime.combine(self.start, datetime.min.time())
        return (self.first_day, not self.all_day, timezone.make_naive(start) if timezone.is_aware(start) else start)


EntrySource = Callable[[date, date, object], Iterable[CalendarEntry]]
_sources: list[EntrySource] = []


def register_entries(fn: EntrySource) -> EntrySource:
    """Add `fn(start, end, user)` to the calendar; usable as a decorator."""
    if fn not in _sources:
        _sources.append(fn)
    return fn


def entries_between(start: date, end: date, user) -> list[CalendarEntry]:
    """Every entry overlapping the local dates start..end that `user` may see, in date order."""
    autodiscover_modules("calendar")
    entries = [entry for source in _sources for entry in source(start, end, user)]
    return sorted(entries, key=lambda e: e.sort_key)


def _local_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value
