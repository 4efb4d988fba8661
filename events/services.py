"""Workflows on participation that span people, affiliations and events."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from contacts.models import Affiliation, Person

from .models import Event, MissionReport, Participation

ADDRESS_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass
class EmailMatch:
    people: list = field(default_factory=list)
    unmatched: list = field(default_factory=list)  # well-formed addresses no person has
    invalid: list = field(default_factory=list)  # text that is not an e-mail address
    ambiguous: list = field(default_factory=list)  # addresses several people share

    @property
    def problems(self) -> bool:
        return bool(self.unmatched or self.invalid or self.ambiguous)


def people_match_emails(*, text: str) -> EmailMatch:
    """The people whose e-mail (main or other) is one of the addresses pasted in `text`, in one query.

    Addresses may be separated by spaces, commas, semicolons or new lines, as Outlook and Excel
    copy them; "Name <address>" is understood.
    """
    result = EmailMatch()
    wanted = []
    for token in ADDRESS_SEPARATORS.split(text):
        address = token.strip("<>\"'()").lower()
        if not address or "@" not in token:
            continue  # a word of a display name ("Nurul", "Huda") copied with the address
        try:
            validate_email(address)
        except ValidationError:
            result.invalid.append(token)
            continue
        if address not in wanted:
            wanted.append(address)
    found: dict[str, list[Person]] = {}
    matches = Person.objects.annotate(email_l=Lower("email"), other_l=Lower("email_other")).filter(
        Q(email_l__in=wanted) | Q(other_l__in=wanted)
    )
    for person in matches:
        for address in {person.email_l, person.other_l} & set(wanted):
            found.setdefault(address, []).append(person)
    for address in wanted:
        people = found.get(address, [])
        if not people:
            result.unmatched.append(address)
        elif len(people) > 1:
            result.ambiguous.append(address)
        elif people[0] not in result.people:
            result.people.append(people[0])
    return result


# The statuses that say whether someone came: they can only be recorded once the event has started.
ATTENDANCE_STATUSES = (Participation.Status.ATTENDED, Participation.Status.NO_SHOW)
# An event still in one of these statuses, once attendance is recorded, is offered to be set to "held".
NOT_YET_HELD = (Event.Status.PLANNED, Event.Status.CONFIRMED)


class AttendanceTooEarly(ValidationError):
    """Attendance recorded for an event that has not started: every path that records it gets this."""


def attendance_guard(event: Event, statuses=(Participation.Status.ATTENDED,), now=None) -> None:
    """The one guard of every path that records attendance (form, sign-in sheet, check-in, adding people)."""
    if not set(statuses) & set(ATTENDANCE_STATUSES):
        return
    if event.start > (now or timezone.now()):
        start = formats.date_format(timezone.localtime(event.start), "SHORT_DATETIME_FORMAT")
        raise AttendanceTooEarly(
            _("Attendance can only be recorded once the event has started (it starts on %(start)s).")
            % {"start": start},
            code="not_started",
        )


def may_be_marked_held(event: Event, now=None) -> bool:
    """A planned or confirmed event that has started and has attendance recorded: offer to set it to "held"."""
    return (
        event.status in NOT_YET_HELD
        and event.start <= (now or timezone.now())
        and event.participations.filter(status__in=ATTENDANCE_STATUSES).exists()
    )


@transaction.atomic
def event_mark_held(*, event: Event) -> bool:
    """Sets a started planned/confirmed event to "held"; False (nothing changed) otherwise."""
    if event.status not in NOT_YET_HELD or event.start > timezone.now():
        return False
    event.status = Event.Status.HELD
    event.save(update_fields=["status", "updated_at"])
    return True


@transaction.atomic
def participations_add(*, event: Event, people, role: str, status: str, user=None) -> list[Participation]:
    """Adds the people not yet on the event, each with the organisation and post they hold today.

    Returns the participations created; people already on the event are left as they are. Added as attended
    or no-show to an event that has not started: AttendanceTooEarly, nothing added.
    """
    attendance_guard(event, [status])
    already = set(event.participations.filter(person__in=people).values_list("person_id", flat=True))
    newcomers = [person for person in people if person.pk not in already]
    posts = {}
    for affiliation in Affiliation.objects.current().filter(person__in=newcomers):
        posts.setdefault(affiliation.person_id, affiliation)  # the most recent current post comes first
    participations = []
    for person in newcomers:
        post = posts.get(person.pk)
        participations.append(
            Participation(
                event=event,
                person=person,
                role=role,
                status=status,
                organisation_id=post.organisation_id if post else None,
                position=post.position if post else "",
            )
        )
    return bulk_create_with_history(participations, Participation, default_user=user)


@transaction.atomic
def attendance_mark(*, event: Event, statuses: dict[int, str], user=None) -> int:
    """Sets the status of each of the event's participations named in `statuses`; returns how many changed.

    A few queries whatever the number of participants: one read, one bulk update, one history insert.
    Someone marked attended or no-show before the event has started: AttendanceTooEarly, nothing changed.
    """
    now = timezone.now()
    changed = []
    for participation in event.participations.filter(pk__in=list(statuses)).order_by():
        new_status = statuses[participation.pk]
        if participation.status != new_status:
            participation.status = new_status
            participation.updated_at = now
            changed.append(participation)
    attendance_guard(event, {p.status for p in changed}, now=now)
    if changed:
        bulk_update_with_history(
            changed, Participation, ["status", "updated_at"], batch_size=500, default_user=user, default_date=now
        )
    return len(changed)


@transaction.atomic
def mission_report_submit(*, form, mission, user):
    """Save the back-to-office report, log each new follow-up line as an interaction, and mark the report done.

    A line already turned into an interaction by an earlier submission is not logged again; marking the
    report done ends the mission's report reminder (`Mission.objects.reports_pending`).
    """
    from contacts.models import Interaction
    from contacts.services import interaction_log

    previous = set()
    if form.instance.pk:
        previous = {line.strip() for line in MissionReport.objects.get(pk=form.instance.pk).follow_ups.splitlines()}
    report = form.save(commit=False)
    report.mission = mission
    report.submitted_by = user
    report.save()
    new_lines = [line.strip() for line in report.follow_ups.splitlines() if line.strip()]
    created = []
    for line, (person, day, action) in zip(new_lines, form.parsed_follow_ups, strict=True):
        if line in previous:
            continue
        interaction = Interaction(
            kind=Interaction.Kind.MEETING,
            subject=action,
            notes=str(_("Follow-up of the back-to-office report: %(mission)s") % {"mission": mission}),
            follow_up_date=day,
        )
        created.append(interaction_log(interaction=interaction, author=user, people=[person]))
    report.interactions.add(*created)
    if mission.report_done is None:
        mission.report_done = timezone.localdate()
        mission.save(update_fields=["report_done", "updated_at"])
    return report, created
