"""The registry of the calendar: entries that any app contributes, for the month view and the iCal feed.

The calendar does not know the other apps' models. Each app declares sources in its own
`calendar.py`; given a range of local dates and a user, a source yields the entries in that range
(the registry shows a source only to users holding its `permission`):

    @register
    class FundingDeadlines(CalendarSource):
        permission = "funding.view_fundingopportunity"

        def entries(self, start, end, user):
            for opp in FundingOpportunity.objects.deadline_between(start, end):
                yield CalendarEntry(
                    title=_("Deadline: %s") % opp, start=opp.deadline, url=opp.get_absolute_url(),
                    kind="funding", uid=f"funding-{opp.pk}",
                )

`start` is an aware date-time for a moment, or a `date` for an all-day entry (a deadline with no
time, an expiry); `end` is optional (a moment or the last day, inclusive).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from liaison.web.registry import Entry, Registry


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


class CalendarSource(Entry):
    # The kinds of entries the source yields, with their legend label: {"event": _("Events")}. The calendar's
    # legend and kind filter list them; a source none of whose kinds is chosen is not asked at all.
    kinds: dict = {}

    def entries(self, start: date, end: date, user) -> Iterable[CalendarEntry]:
        raise NotImplementedError


registry = Registry("calendar", CalendarSource)
register = registry.register


def entries_between(start: date, end: date, user, kinds=None) -> list[CalendarEntry]:
    """Every entry overlapping the local dates start..end that `user` may see, in date order.

    With `kinds` (a collection of kind keys), only entries of those kinds, asking only the sources that yield them.
    """
    sources = registry.visible_to(user)
    if kinds is not None:
        sources = [source for source in sources if not source.kinds or set(source.kinds) & set(kinds)]
    entries = [entry for source in sources for entry in source.entries(start, end, user)]
    if kinds is not None:
        entries = [entry for entry in entries if entry.kind in kinds]
    return sorted(entries, key=lambda e: e.sort_key)


def kinds_visible_to(user) -> dict:
    """{kind: legend label} of the sources `user` may see, in the sources' order."""
    kinds = {}
    for source in registry.visible_to(user):
        for kind, label in source.kinds.items():
            kinds.setdefault(kind, label)
    return kinds


def _local_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value
