"""The registry of what must be reminded: each app declares its sources, the engine knows none of its models.

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
A title built with `reader_text` is stored as its message id and values and rendered in each reader's
language whenever it is shown (messages.py); a plain string is shown as it was written. Naming the models
in `models` lets a save of one of them nudge a sweep at once (otherwise the next periodic
sweep, within minutes, finds it).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils import timezone

from liaison.web.registry import Entry, Registry

from .messages import ReaderDate, reader_text

__all__ = ["DueItem", "ReaderDate", "ReminderSource", "reader_text", "register", "registry"]


@dataclass(frozen=True)
class DueItem:
    obj: models.Model  # the record reminded of; its content type and pk identify it
    due: date | datetime  # a local date, or an aware date-time (counted by its Malaysian date)
    recipients: tuple  # users; None entries (no owner) are skipped
    title: str  # what the reminder says, e.g. "Deadline: UNDP call for proposals"
    url: str  # the record's page

    @property
    def due_on(self) -> date:
        return local_date(self.due)

    def is_past_due(self, now: datetime) -> bool:
        """Past its due moment: the due date-time, or the end of the due date."""
        if isinstance(self.due, datetime):
            return now > self.due
        return timezone.localdate(now) > self.due


def local_date(due: date | datetime) -> date:
    """The Malaysian date of a due date or an aware date-time."""
    return timezone.localdate(due) if isinstance(due, datetime) else due


class ReminderSource(Entry):
    key: str = ""  # unique, "app.what": stored in each reminder's row
    label: str = ""
    default_offsets: tuple[int, ...] = (30, 14, 7, 3, 1, 0)  # days before the due date
    remind_overdue: bool = True  # once, after the due date has passed
    models: tuple[str, ...] = ()  # optional, "app_label.Model": saving one nudges a sweep

    def items(self, start: date, end: date) -> Iterable[DueItem]:
        """Items still open whose due date (local) falls between start and end, inclusive."""
        raise NotImplementedError

    def items_for(self, user, start: date, end: date) -> list[DueItem]:
        """The items of which `user` is a recipient; override with a query when there are many."""
        return [item for item in self.items(start, end) if user in item.recipients]

    def is_still_due(self, object_id: int, due_on: date) -> bool:
        """Checked just before sending: the record is still open and still due that day."""
        return any(item.obj.pk == object_id and item.due_on == due_on for item in self.items(due_on, due_on))


registry = Registry("reminders", ReminderSource)
register = registry.register
