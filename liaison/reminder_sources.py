"""How each app declares what must be reminded, without the reminder engine knowing its models.

An app lists its sources in its own `reminders.py`:

    @register
    class DeadlineSource(ReminderSource):
        key = "funding.deadline"
        label = _("Funding deadlines")

        def items(self, start, end):
            for opp in FundingOpportunity.objects.open().filter(deadline__date__range=(start, end)):
                yield DueItem(obj=opp, due=opp.deadline, recipients=(opp.owner,), title=..., url=...)

The engine asks every source for the items due in a window of local dates and decides, per
item and recipient, which reminder (30, 14, 7… days before, or overdue) is due now.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class DueItem:
    obj: models.Model  # the record reminded of; its content type and pk identify it
    due: date | datetime  # a local date, or an aware date-time (counted by its Malaysian date)
    recipients: tuple  # users; None entries (no owner) are skipped
    title: str  # what the reminder says, e.g. "Deadline: UNDP call for proposals"
    url: str  # the record's page


class ReminderSource:
    key: str = ""  # unique, "app.what"
    label: str = ""
    default_offsets: tuple[int, ...] = (30, 14, 7, 3, 1, 0)  # days before the due date
    remind_overdue: bool = True  # once, after the due date has passed

    def items(self, start: date, end: date) -> Iterable[DueItem]:
        """Items still open whose due date (local) falls between start and end, inclusive."""
        raise NotImplementedError


_sources: dict[str, ReminderSource] = {}


def register(source_class: type[ReminderSource]) -> type[ReminderSource]:
    assert source_class.key, "a reminder source needs a key"
    _sources[source_class.key] = source_class()
    return source_class


def all_sources() -> dict[str, ReminderSource]:
    autodiscover_modules("reminders")
    return dict(_sources)
