"""Invitations by e-mail: one claim row per person and event, sent by Celery, throttled, outcomes recorded.

The pattern is the reminders' (liaison/reminders/delivery.py): invitations_create makes one
Invitation row per person under a unique constraint (a person is never invited twice to an
event), and invitations_send claims each with `select_for_update(skip_locked=True)` and a lease
before sending it. A task run twice, in two workers, or again after a crash sends each e-mail
once; a worker that died while sending leaves its one invitation to be sent after the lease.
"""

import contextlib
import time
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from contacts.models import Person
from liaison.privacy.models import Purpose
from liaison.reminders.delivery import smtp_outcome
from liaison.reminders.models import Delivery
from liaison.reminders.outbox import message_id

from .models import Event, Invitation, InvitationTemplate, Participation

PURPOSE = Purpose.INVITATIONS
MAX_ATTEMPTS = 4


@dataclass
class InvitationResult:
    created: list = field(default_factory=list)
    already: list = field(default_factory=list)  # people invited to this event before
    left_out: list = field(default_factory=list)  # (person, why)


def person_language(person: Person) -> str:
    text = (person.preferred_language or "").lower()
    return "ms" if text.startswith("ms") or "malay" in text or "melayu" in text else "en"


@transaction.atomic
def invitations_create(*, event: Event, people, template: InvitationTemplate) -> InvitationResult:
    """One scheduled invitation per person who may be invited; the others are left out, with the reason."""
    result = InvitationResult()
    people = list(people)
    allowed = set(
        Person.objects.contactable(PURPOSE).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True)
    )
    already = set(event.invitations.filter(person__in=people).values_list("person_id", flat=True))
    rows = []
    for person in people:
        if person.pk not in allowed:
            result.left_out.append((person, person.contact_refusal(PURPOSE)))
        elif person.pk in already:
            result.already.append(person)
        elif not person.email:
            result.left_out.append((person, str(translation.gettext("no e-mail address"))))
        else:
            rows.append(Invitation(event=event, person=person, template=template, message_id=message_id("invitation")))
    result.created = Invitation.objects.bulk_create(rows, ignore_conflicts=True)
    existing = set(event.participations.filter(person__in=[r.person for r in rows]).values_list("person_id", flat=True))
    Participation.objects.bulk_create(
        [
            Participation(event=event, person=r.person, status=Participation.Status.INVITED)
            for r in rows
            if r.person_id not in existing
        ],
        ignore_conflicts=True,
    )
    return result


def lease() -> timedelta:
    return timedelta(seconds=settings.REMINDER_DELIVERY_LEASE)


def claim_next(queryset, *, now=None, exclude=()):
    """The next claimable row of `queryset` (invitations, feedback requests), locked, leased and marked sending."""
    now = now or timezone.now()
    with transaction.atomic():
        row = (
            queryset.select_related(None)  # lock the row itself only, never the event other workers share
            .claimable(now)
            .exclude(pk__in=exclude)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .first()
        )
        if row is None:
            return None
        row.state = Invitation.State.SENDING
        row.lease_until = now + lease()
        row.attempts += 1
        row.save(update_fields=["state", "lease_until", "attempts", "updated_at"])
    return row


def invitation_claim(*, event_id: int, now=None, exclude=()) -> Invitation | None:
    return claim_next(Invitation.objects.filter(event_id=event_id), now=now, exclude=exclude)


def invitation_message(invitation: Invitation) -> EmailMultiAlternatives:
    person, event, template = invitation.person, invitation.event, invitation.template
    language = person_language(person)
    with translation.override(language):
        link = ""
        page = getattr(event, "registration_page", None)
        if page is not None and page.is_open:
            path = reverse("events:register", args=[page.code]) + f"?invitation={invitation.token}"
            link = settings.SITE_URL.rstrip("/") + path
        context = Context(
            {
                "honorific": person.honorific,
                "name": person.full_name,
                "event": event.title,
                "dates": date_format(event.local_start, "DATE_FORMAT"),
                "place": event.place,
                "link": link,
            },
            autoescape=False,
        )
        subject_source = template.subject_ms if language == "ms" else template.subject_en
        body_source = template.body_ms if language == "ms" else template.body_en
        subject = " ".join(Template(subject_source).render(context).split())
        body = Template(body_source).render(context)
    message = EmailMultiAlternatives(subject, body, to=[person.email])
    message.extra_headers["Message-ID"] = invitation.message_id
    return message


def invitations_send(*, event_id: int, limit: int | None = None, pause: float | None = None) -> int:
    """Send the event's claimable invitations, at most `limit`, `pause` seconds apart; returns how many went."""
    return send_claimed(
        Invitation.objects.filter(event_id=event_id).select_related("person", "event", "template"),
        invitation_message,
        limit=limit,
        pause=pause,
    )


def send_claimed(queryset, build_message, *, limit: int | None = None, pause: float | None = None) -> int:
    """Claim the rows of `queryset` one by one and send the message `build_message(row)` makes of each.

    Returns how many went; a temporary failure is left scheduled for the next run, a permanent one
    (or the last attempt) marked failed, with the server's reply.
    """
    pause = settings.INVITATION_PAUSE if pause is None else pause
    sent, connection, tried = 0, None, set()
    try:
        while limit is None or sent < limit:
            row = claim_next(queryset, exclude=tried)
            if row is None:
                break
            tried.add(row.pk)  # a temporary failure waits for the next run
            row = queryset.get(pk=row.pk)
            connection = connection or get_connection()
            if _send_one(row, build_message, connection):
                sent += 1
                if pause:
                    time.sleep(pause)
    finally:
        if connection is not None:
            with contextlib.suppress(Exception):  # the outcomes are recorded already; a failed QUIT changes nothing
                connection.close()
    return sent


def _send_one(row, build_message, connection) -> bool:
    try:
        message = build_message(row)
        connection.open()
        connection.send_messages([message])
    except Exception as error:  # SMTP, network or template: classified and recorded on the person's row
        outcome = smtp_outcome(error)
        give_up = outcome.permanent or row.attempts >= MAX_ATTEMPTS
        _finish(
            row,
            state=Invitation.State.FAILED if give_up else Invitation.State.SCHEDULED,
            reason=str(Delivery.Reason(outcome.reason).label) if outcome.reason in Delivery.Reason.values else "",
            server_reply=outcome.reply or str(error)[:500],
        )
        return False
    _finish(row, state=Invitation.State.SENT, sent_at=timezone.now(), reason="", server_reply="")
    return True


def _finish(row, **changes):
    type(row).objects.filter(pk=row.pk, lease_until=row.lease_until).update(
        lease_until=None, updated_at=timezone.now(), **changes
    )


def invitations_pending(event_id: int) -> bool:
    return Invitation.objects.claimable(timezone.now()).filter(event_id=event_id).exists()
