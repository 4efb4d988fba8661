"""Which e-mail a claimed reminder goes out in: its own, the user's digest for one period, or a weekly summary.

Each e-mail is one Delivery row, created here in the transaction that claims the reminder. A
digest takes reminders only while it is scheduled: adding one locks its row, so a digest being
sent (delivery.py) is never added to, and a reminder claimed too late joins the next period's.
"""

from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.utils import timezone

from .models import Delivery, NotificationPreference, Reminder


def message_id(kind: str) -> str:
    """A Message-ID chosen once per e-mail, so that a resend threads with (and collapses into) the first."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "liaison.localhost"
    return make_msgid(idstring=f"liaison.{kind}", domain=domain)


def delivery_for_reminder(*, reminder: Reminder, preference: NotificationPreference, now: datetime) -> Delivery:
    """Attach the reminder to its e-mail: at once, or in the user's next digest.

    A same-day reminder found after today's digest goes at once: tomorrow's would be too late.
    """
    if preference.wants_digest:
        digest_at = preference.next_digest_at(now)
        if not (reminder.offset == 0 and timezone.localdate(digest_at) > timezone.localdate(now)):
            return _join_digest(reminder, digest_at)
    delivery = Delivery.objects.create(
        kind=Delivery.Kind.REMINDER,
        key=f"reminder:{reminder.pk}",
        recipient_id=reminder.recipient_id,
        due_at=now,
        message_id=message_id(Delivery.Kind.REMINDER),
    )
    reminder.delivery = delivery
    reminder.save(update_fields=["delivery"])
    return delivery


def _join_digest(reminder: Reminder, digest_at: datetime) -> Delivery:
    while True:
        key = f"digest:{reminder.recipient_id}:{timezone.localtime(digest_at):%Y-%m-%dT%H:%M}"
        digest, _created = Delivery.objects.get_or_create(
            key=key,
            defaults={
                "kind": Delivery.Kind.DIGEST,
                "recipient_id": reminder.recipient_id,
                "due_at": digest_at,
                "message_id": message_id(Delivery.Kind.DIGEST),
            },
        )
        digest = Delivery.objects.select_for_update().get(pk=digest.pk)  # waits for a sender's claim to commit
        if digest.state == Delivery.State.SCHEDULED and digest.attempts == 0:
            reminder.delivery = digest
            reminder.save(update_fields=["delivery"])
            return digest
        digest_at += timedelta(days=1)  # this period's digest has gone (or is going): the next one


def delivery_for_weekly_summary(*, summary: Reminder, now: datetime) -> Delivery:
    delivery = Delivery.objects.create(
        kind=Delivery.Kind.WEEKLY_SUMMARY,
        key=f"weekly:{summary.recipient_id}:{summary.due_on.isoformat()}",
        recipient_id=summary.recipient_id,
        due_at=now,
        message_id=message_id(Delivery.Kind.WEEKLY_SUMMARY),
    )
    summary.delivery = delivery
    summary.save(update_fields=["delivery"])
    return delivery


def deliveries_replan(*, user, preference: NotificationPreference, now: datetime) -> int:
    """After a change of preference, regroup the user's e-mails not tried yet; returns how many reminders moved."""
    waiting = list(
        Delivery.objects.select_for_update(skip_locked=True).filter(
            recipient=user,
            state=Delivery.State.SCHEDULED,
            attempts=0,
            kind__in=[Delivery.Kind.REMINDER, Delivery.Kind.DIGEST],
        )
    )
    reminders = list(Reminder.objects.pending().filter(delivery__in=waiting).order_by("due_on", "pk"))
    Reminder.objects.filter(pk__in=[r.pk for r in reminders]).update(delivery=None)
    Delivery.objects.filter(pk__in=[d.pk for d in waiting]).delete()
    for reminder in reminders:
        delivery_for_reminder(reminder=reminder, preference=preference, now=now)
    return len(reminders)
