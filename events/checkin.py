"""Check-in on the day: a scanned or typed code marks its participant attended, once."""

from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext as _

from .models import Event, Participation, Registration
from .registration import CHECK_IN_SALT
from .services import AttendanceTooEarly, attendance_guard

CHECKABLE = [Participation.Status.REGISTERED, Participation.Status.NO_SHOW, Participation.Status.INVITED]


@dataclass
class CheckIn:
    ok: bool
    message: str
    registration: Registration | None = None


def check_in(*, event: Event, code: str) -> CheckIn:
    """The QR code's signed payload (`CODE:signature`, for this event only) or the short code typed by hand."""
    code = code.strip()
    if ":" in code:
        try:
            code = signing.Signer(salt=f"{CHECK_IN_SALT}.{event.pk}").unsign(code)
        except signing.BadSignature:
            return CheckIn(False, _("This code is not valid for this event."))
    registration = (
        Registration.objects.select_related("participation__person")
        .filter(event=event, check_in_code=code.upper())
        .first()
    )
    if registration is None:
        return CheckIn(False, _("This code is not valid for this event."))
    name = registration.participation.person.display_name
    if registration.cancelled_at is not None:
        return CheckIn(False, _("%(name)s cancelled their registration.") % {"name": name}, registration)
    participation = registration.participation
    if participation.status == Participation.Status.WAITING:
        return CheckIn(False, _("%(name)s is on the waiting list.") % {"name": name}, registration)
    try:
        attendance_guard(event)
    except AttendanceTooEarly as error:
        return CheckIn(False, error.messages[0], registration)
    # A conditional update: of two scans at once, only one marks the attendance.
    changed = Participation.objects.filter(pk=participation.pk, status__in=CHECKABLE).update(
        status=Participation.Status.ATTENDED
    )
    if changed:
        return CheckIn(True, _("%(name)s checked in.") % {"name": name}, registration)
    return CheckIn(False, _("%(name)s has already checked in.") % {"name": name}, registration)
