"""Online registration: the public page's workflow, the waiting list, cancellation and the confirmation e-mail.

Registrations and cancellations of one event lock its RegistrationPage row, so two registrants
never take the last place together and a cancellation promotes exactly one person.
"""

import logging
from dataclasses import dataclass

import segno
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from contacts.models import Affiliation, Consent, Person
from liaison.calendar.ical import build_calendar
from liaison.privacy.models import Purpose

from .calendar import event_entry
from .models import Event, Invitation, Participation, Registration, RegistrationPage

logger = logging.getLogger(__name__)

CANCEL_SALT = "events.registration.cancel"
CHECK_IN_SALT = "events.check-in"


@dataclass
class Outcome:
    registration: Registration | None
    duplicate: bool = False

    @property
    def waiting(self) -> bool:
        return self.registration is not None and self.registration.participation.status == Participation.Status.WAITING


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def person_for_registration(*, email: str, full_name: str, gender: str = "") -> tuple[Person, bool]:
    """The person with this e-mail (main or other), or a new one marked "from registration"; (person, created).

    As in the import, an address that several people share matches none of them: a new person
    is created and the officer merges on review.
    """
    matches = list(Person.objects.filter(Q(email__iexact=email) | Q(email_other__iexact=email))[:2])
    if len(matches) == 1:
        return matches[0], False
    person = Person.objects.create(
        full_name=full_name, email=email, gender=gender, notes="From online registration, to review."
    )
    return person, True


def registration_submit(*, page: RegistrationPage, data: dict, language: str, invitation=None) -> Outcome:
    """Register someone from the public page's cleaned data; a second registration of an address is refused.

    Sends the confirmation (or waiting-list, or already-registered) e-mail once the registration is committed.
    """
    outcome = _registration_record(page=page, data=data, language=language, invitation=invitation)
    if outcome.duplicate:
        send_already_registered(event=page.event, email=data["email"].strip().lower(), language=language)
    else:
        send_confirmation(registration=outcome.registration)
    return outcome


@transaction.atomic
def _registration_record(*, page, data, language, invitation) -> Outcome:
    event = page.event
    email = data["email"].strip().lower()
    RegistrationPage.objects.select_for_update().get(pk=page.pk)
    if event.registrations.active().filter(email__iexact=email).exists():
        return Outcome(None, duplicate=True)
    person = invitation.person if invitation is not None else None
    created = False
    if person is None:
        person, created = person_for_registration(
            email=email, full_name=data["full_name"], gender=data.get("gender", "")
        )
    full = page.capacity is not None and event.registrations.holding_a_place().count() >= page.capacity
    status = Participation.Status.WAITING if full else Participation.Status.REGISTERED
    participation = _participation(event, person, status, data)
    if participation is None:  # the person is on the event already as registered or attended
        return Outcome(None, duplicate=True)
    registration = Registration.objects.create(
        event=event,
        participation=participation,
        email=email,
        full_name=data["full_name"],
        organisation_name=data.get("organisation_name", ""),
        position=data.get("position", ""),
        gender=data.get("gender", ""),
        dietary_needs=data.get("dietary_needs", ""),
        language=language,
        new_person=created,
    )
    purpose = Purpose.objects.filter(key=Purpose.EVENT_REGISTRATION).first()
    if data.get("consent") and purpose is not None:
        Consent.objects.create(
            person=person,
            purpose=purpose,
            status=Consent.Status.GIVEN,
            source=f"Online registration: {event.title}"[:200],
            notice_version=purpose.version,
        )
    return Outcome(registration)


def _participation(event: Event, person: Person, status: str, data: dict) -> Participation | None:
    """The person's participation, made or moved to `status`; None when they already hold a place."""
    participation = Participation.objects.select_for_update().filter(event=event, person=person).first()
    if participation is None:
        post = Affiliation.objects.current().filter(person=person).first()
        return Participation.objects.create(
            event=event,
            person=person,
            status=status,
            organisation_id=post.organisation_id if post else None,
            position=data.get("position") or (post.position if post else ""),
        )
    if participation.status in (Participation.Status.REGISTERED, Participation.Status.ATTENDED):
        return None
    if hasattr(participation, "registration"):
        return None  # a cancelled registration keeps its participation; registering again is the officer's
    participation.status = status
    participation.save(update_fields=["status", "updated_at"])
    return participation


def cancel_token(registration: Registration) -> str:
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def registration_from_cancel_token(token: str) -> Registration | None:
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("event", "participation").filter(pk=pk).first()


def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel a registration; the next on the waiting list takes the place and is e-mailed. Returns them."""
    promoted = _cancel_record(registration)
    if promoted is not None:
        send_confirmation(registration=promoted, promoted=True)
    return promoted


def _cancel_record(registration: Registration) -> Registration | None:
    with transaction.atomic():
        page = RegistrationPage.objects.select_for_update().get(event=registration.event_id)
        registration = Registration.objects.select_related("participation").get(pk=registration.pk)
        if registration.cancelled_at is not None:
            return None
        held_a_place = registration.participation.status != Participation.Status.WAITING
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["cancelled_at", "updated_at"])
        registration.participation.status = Participation.Status.CANCELLED
        registration.participation.save(update_fields=["status", "updated_at"])
        if not held_a_place:
            return None
        return _promote_next(page)


def _promote_next(page: RegistrationPage) -> Registration | None:
    if page.capacity is not None and page.event.registrations.holding_a_place().count() >= page.capacity:
        return None
    promoted = page.event.registrations.waiting().select_related("participation").first()
    if promoted is None:
        return None
    promoted.participation.status = Participation.Status.REGISTERED
    promoted.participation.save(update_fields=["status", "updated_at"])
    return promoted


# --- check-in codes ------------------------------------------------------------------------


def check_in_payload(registration: Registration) -> str:
    """What the QR code carries: the short code, signed for this event only."""
    return signing.Signer(salt=f"{CHECK_IN_SALT}.{registration.event_id}").sign(registration.check_in_code)


def qr_png(registration: Registration) -> bytes:
    import io

    buffer = io.BytesIO()
    segno.make(check_in_payload(registration), error="m").save(buffer, kind="png", scale=6, border=2)
    return buffer.getvalue()


# --- e-mails -------------------------------------------------------------------------------


def _context(event: Event, **extra) -> dict:
    return {"event": event, "site_url": settings.SITE_URL.rstrip("/"), **extra}


def _send(message: EmailMultiAlternatives, what: str) -> None:
    try:
        message.send()
    except Exception:  # the registration stands; the officer resends from the registrations page
        logger.warning("%s e-mail to %s failed", what, message.to, exc_info=True)


def confirmation_message(registration: Registration, promoted: bool = False) -> EmailMultiAlternatives:
    event = registration.event
    with translation.override(registration.language):
        context = _context(
            event,
            registration=registration,
            waiting=registration.participation.status == Participation.Status.WAITING,
            promoted=promoted,
            cancel_url=absolute(reverse("events:registration_cancel", args=[cancel_token(registration)])),
        )
        subject = render_to_string("events/email/registration_subject.txt", context).strip()
        text = render_to_string("events/email/registration.txt", context)
        html = render_to_string("events/email/registration.html", context)
    message = EmailMultiAlternatives(subject, text, to=[registration.email])
    message.attach_alternative(html, "text/html")
    if not context["waiting"]:
        cal = build_calendar([event_entry(event)], event.title, absolute)
        message.attach(f"event-{event.pk}.ics", cal.to_ical(), "text/calendar")
        message.attach(f"check-in-{registration.check_in_code}.png", qr_png(registration), "image/png")
    return message


def send_confirmation(*, registration: Registration, promoted: bool = False) -> None:
    _send(confirmation_message(registration, promoted), "registration")


def send_already_registered(*, event: Event, email: str, language: str) -> None:
    """The polite refusal goes to the address itself: the page says the same whoever registered."""
    with translation.override(language):
        context = _context(event)
        subject = render_to_string("events/email/already_registered_subject.txt", context).strip()
        text = render_to_string("events/email/already_registered.txt", context)
    _send(EmailMultiAlternatives(subject, text, to=[email]), "already-registered")


def invitation_for_token(page: RegistrationPage, token: str) -> Invitation | None:
    if not token:
        return None
    return Invitation.objects.select_related("person").filter(event=page.event_id, token=token).first()
