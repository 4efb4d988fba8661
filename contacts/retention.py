"""Retention: who is due for review, keeping them until a new date, and erasing them in bulk.

A person is due for review when their retention review date has passed, or, when none is set, when
nothing has happened with them (no interaction, no participation: every app says through its
`privacy.py`) for `RETENTION_INACTIVE_YEARS` since their last activity or since they were added.
Keeping a person sets a review date in the future, which takes them off the list until that date.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from liaison.privacy.registry import registry

from . import services
from .models import Person


def add_years(day: date, years: int) -> date:
    """`day` moved by `years`, 29 February becoming 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def inactive_years() -> int:
    return settings.RETENTION_INACTIVE_YEARS


def active_since(since: date) -> Q:
    """People with any activity on or after `since`, as a condition on Person."""
    condition = Q(pk__in=[])
    for entry in registry.entries():
        ids = entry.active_since(since)
        if ids is not None:
            condition |= Q(pk__in=ids)
    return condition


def last_active(people) -> dict[int, date]:
    """{person id: their latest activity's date} over every app, for the people of `people`."""
    latest: dict[int, date] = {}
    for entry in registry.entries():
        for pk, day in entry.last_active(people).items():
            if pk is not None and (pk not in latest or day > latest[pk]):
                latest[pk] = day
    return latest


def inactive_people(cutoff: date):
    """People without a review date who were added, and did nothing, before `cutoff`."""
    return (
        Person.objects.not_erased()
        .filter(retention_review_date__isnull=True, created_at__date__lt=cutoff)
        .exclude(active_since(cutoff))
    )


def due_for_review(today: date | None = None):
    """Everyone due for review on `today`: review date passed, or inactive for the configured years."""
    today = today or timezone.localdate()
    cutoff = add_years(today, -inactive_years())
    review_passed = Person.objects.not_erased().filter(retention_review_date__lte=today)
    return Person.objects.filter(Q(pk__in=review_passed.values("pk")) | Q(pk__in=inactive_people(cutoff).values("pk")))


@dataclass
class Review:
    """One person on the review list: why they are there and since when."""

    person: Person
    due: date  # the review date, or the day the person became inactive for the configured years
    last_active: date | None

    @property
    def reason(self) -> str:
        if self.person.retention_review_date is not None:
            return _("Review date %(date)s has passed") % {"date": date_format(self.person.retention_review_date)}
        if self.last_active is None:
            return _("No activity since they were added on %(date)s") % {
                "date": date_format(timezone.localdate(self.person.created_at))
            }
        return _("No activity since %(date)s") % {"date": date_format(self.last_active)}


def reviews(people) -> list[Review]:
    """A Review for each person of `people` (a page of them), with their latest activity."""
    people = list(people)
    latest = last_active(Person.objects.filter(pk__in=[person.pk for person in people]))
    return [review_of(person, latest.get(person.pk)) for person in people]


def review_of(person: Person, last: date | None) -> Review:
    if person.retention_review_date is not None:
        due = person.retention_review_date
    else:
        due = add_years(max(filter(None, (last, timezone.localdate(person.created_at)))), inactive_years())
    return Review(person=person, due=due, last_active=last)


def keep(people, until: date) -> int:
    """Keep `people` until `until` (their new review date); returns how many were kept. Recorded in history."""
    kept = 0
    with transaction.atomic():
        for person in Person.objects.not_erased().filter(pk__in=[p.pk for p in people]).select_for_update():
            person.retention_review_date = until
            person.save(update_fields=["retention_review_date", "updated_at"])
            kept += 1
    return kept


def erase(people, *, request=None) -> tuple[list[int], list[tuple[Person, str]]]:
    """Erase each person in a transaction of their own; those refused stay, with the reason.

    Returns (ids erased, [(person, refusal)]): one refused person (the only contact of an agreement in
    force…) does not stop the others from being erased.
    """
    erased, refused = [], []
    for person in people:
        try:
            services.person_erase(person, request=request)
        except services.ErasureRefused as refusal:
            refused.append((person, str(refusal)))
        else:
            erased.append(person.pk)
    return erased, refused
