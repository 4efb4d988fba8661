"""Delivery of e-mails (Delivery rows): claimed, re-checked, sent, and their outcome classified.

1. A delivery is claimed with `select_for_update(skip_locked=True)` and marked "sending" with a
   lease (REMINDER_DELIVERY_LEASE, much longer than a send can take with EMAIL_TIMEOUT), taken at
   claim time: nobody else takes it while it is sent, and a process that died while sending
   leaves it to be claimed again once the lease has run out.
2. Its reminders are re-checked against their source (pretix's pattern): a withdrawn record or
   a moved date cancels the reminder, and its notification leaves the bell.
3. The e-mail is sent with the Message-ID chosen when the delivery was created, so a resend after
   a crash threads with the first. The guarantee is at least once: a duplicate happens only when
   a process died between the server's acceptance and the record of it.
4. The outcome is classified (smtp_outcome): 4xx at any stage, timeouts, connection errors and
   disconnects are retried with back-off; a 5xx fails that e-mail (so that recipient) for good,
   with a reason the user can read.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string, select_template
from django.utils import timezone, translation

from liaison.web.roles import BUSINESS_APPS

from .agenda import UPCOMING_DAYS, upcoming_items
from .messages import due_phrase
from .models import WEEKLY_SUMMARY, Delivery, NotificationPreference, Reminder
from .registry import registry
from .sweep import SweepResult, reminders_cancel

logger = logging.getLogger(__name__)

Reason = Delivery.Reason


class PermanentFailure(Exception):
    """An e-mail that no retry will deliver."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Outcome:
    reason: str
    permanent: bool
    reply: str = ""


def deliver_due(*, now: datetime | None = None, user_ids=None, result: SweepResult | None = None) -> SweepResult:
    """Send every e-mail whose time has come, one claimed delivery at a time, over one SMTP connection."""
    now = now or timezone.now()
    result = result or SweepResult()
    connection, tried = None, set()
    try:
        while delivery := delivery_claim(now=now, user_ids=user_ids, exclude=tried):
            tried.add(delivery.pk)
            connection = connection or get_connection()
            if not delivery_send(delivery=delivery, now=now, connection=connection, result=result):
                _drop(connection)
    finally:
        if connection is not None:
            _close(connection)
    return result


def users_with_due_deliveries(now: datetime | None = None) -> list[int]:
    due = Delivery.objects.claimable(now or timezone.now())
    return list(due.order_by().values_list("recipient_id", flat=True).distinct())


def lease() -> timedelta:
    return timedelta(seconds=settings.REMINDER_DELIVERY_LEASE)


def delivery_claim(*, now: datetime, user_ids=None, exclude=()) -> Delivery | None:
    """Take the next due delivery nobody else holds; the lease counts from this moment, not the sweep's start."""
    with transaction.atomic():
        due = Delivery.objects.claimable(now).exclude(pk__in=exclude).select_for_update(skip_locked=True)
        if user_ids is not None:
            due = due.filter(recipient_id__in=user_ids)
        delivery = due.order_by("due_at", "pk").first()
        if delivery is None:
            return None
        delivery.state = Delivery.State.SENDING
        delivery.lease_until = max(now, timezone.now()) + lease()
        delivery.attempts += 1
        delivery.save(update_fields=["state", "lease_until", "attempts"])
    return delivery


def delivery_send(*, delivery: Delivery, now: datetime, connection, result: SweepResult) -> bool:
    """Send one claimed delivery and record the outcome; False when the SMTP connection should be dropped."""
    reminders = _still_due(delivery, result)
    if not reminders:
        _finish(delivery, state=Delivery.State.CANCELLED)
        return True
    user = delivery.recipient
    try:
        if not user.email:
            raise PermanentFailure(Reason.NO_ADDRESS)
        preference = NotificationPreference.objects.for_user(user)
        message = email_message(delivery.kind, user, preference, reminders, now)
        message.extra_headers["Message-ID"] = delivery.message_id
        connection.open()  # once per pass: later messages reuse it
        connection.send_messages([message])
    except Exception as error:  # SMTP, network or template: classified, recorded, retried, shown
        outcome = smtp_outcome(error)
        logger.warning(
            "e-mail %s to %s failed (%s): %s",
            delivery.pk,
            user,
            outcome.reason,
            outcome.reply or error,
            exc_info=outcome.reason == Reason.INTERNAL,
        )
        _record_failure(delivery, reminders, outcome, now, result)
        return isinstance(error, smtplib.SMTPRecipientsRefused | PermanentFailure)  # the session is still sound
    _finish(delivery, state=Delivery.State.SENT, sent_at=now, reason="", server_reply="")
    Reminder.objects.filter(pk__in=[r.pk for r in reminders]).update(state=Reminder.State.SENT, sent_at=now)
    result.sent += len(reminders)
    return True


def _finish(delivery, **changes):
    Delivery.objects.filter(pk=delivery.pk, lease_until=delivery.lease_until).update(lease_until=None, **changes)


def _drop(connection):
    """Close the SMTP socket without a QUIT: after a timeout or a broken session, a QUIT would wait again."""
    for attribute in ("connection", "_partial_connection"):
        session = getattr(connection, attribute, None)
        if session is not None:
            setattr(connection, attribute, None)
            session.close()


def _close(connection):
    try:
        connection.close()
    except Exception:  # the e-mails are recorded already; a failed QUIT changes nothing
        _drop(connection)


def retry_delays() -> list[timedelta]:
    """Temporary e-mail failures are retried after these delays (REMINDER_RETRY_DELAYS), then the e-mail fails."""
    return [timedelta(seconds=seconds) for seconds in settings.REMINDER_RETRY_DELAYS]


def max_attempts() -> int:
    return len(settings.REMINDER_RETRY_DELAYS) + 1


def retry_delay(attempts: int) -> timedelta:
    delays = retry_delays()
    return delays[min(attempts, len(delays)) - 1]


def _still_due(delivery, result) -> list[Reminder]:
    """Pretix's re-check before sending: a withdrawn record or a moved date cancels the reminder."""
    reminders = list(delivery.reminders.pending().order_by("due_on", "pk"))
    sources = registry.by_key()
    keep, cancelled = [], []
    for reminder in reminders:
        if reminder.source == WEEKLY_SUMMARY:
            still = delivery.recipient.is_active
        else:
            source = sources.get(reminder.source)
            still = source is not None and source.is_still_due(reminder.object_id, reminder.due_on)
        (keep if still else cancelled).append(reminder)
    result.cancelled += reminders_cancel([r.pk for r in cancelled])
    return keep


def smtp_outcome(error: Exception) -> Outcome:
    """What an exception from sending means for this e-mail: a reason, and whether to try again."""
    if isinstance(error, PermanentFailure):
        return Outcome(error.reason, permanent=True)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()), (451, b""))
        return _by_code(code, reply, Reason.ADDRESS_REFUSED)
    if isinstance(error, smtplib.SMTPSenderRefused):
        return _by_code(error.smtp_code, error.smtp_error, Reason.SENDER_REFUSED)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return Outcome(Reason.LOGIN, permanent=False, reply=_reply(error.smtp_code, error.smtp_error))
    if isinstance(error, smtplib.SMTPConnectError | smtplib.SMTPHeloError):
        return Outcome(Reason.UNREACHABLE, permanent=False, reply=_reply(error.smtp_code, error.smtp_error))
    if isinstance(error, smtplib.SMTPResponseException):
        return _by_code(error.smtp_code, error.smtp_error, Reason.MESSAGE_REFUSED)
    if isinstance(error, TimeoutError) or isinstance(error.__context__, TimeoutError):
        return Outcome(Reason.TIMEOUT, permanent=False)  # smtplib reports a read timeout as a disconnection
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return Outcome(Reason.DISCONNECTED, permanent=False, reply=str(error)[:500])
    if isinstance(error, OSError | smtplib.SMTPException):
        return Outcome(Reason.UNREACHABLE, permanent=False, reply=str(error)[:500])
    return Outcome(Reason.INTERNAL, permanent=False)


def _by_code(code, reply, refused) -> Outcome:
    permanent = 500 <= code < 600
    return Outcome(refused if permanent else Reason.TRY_LATER, permanent=permanent, reply=_reply(code, reply))


def _reply(code, reply) -> str:
    text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
    return f"{code} {text}"[:500]


def _record_failure(delivery, reminders, outcome, now, result):
    give_up = outcome.permanent or delivery.attempts >= max_attempts()
    _finish(
        delivery,
        state=Delivery.State.FAILED if give_up else Delivery.State.SCHEDULED,
        due_at=now + retry_delay(delivery.attempts),
        reason=outcome.reason,
        server_reply=outcome.reply,
    )
    if give_up:
        Reminder.objects.filter(pk__in=[r.pk for r in reminders]).update(state=Reminder.State.FAILED)
        result.failed += len(reminders)
    else:
        result.retrying += len(reminders)


# --- e-mails -------------------------------------------------------------------------------


def email_message(kind, user, preference, reminders, now) -> EmailMultiAlternatives:
    """Subject, text and HTML from templates/reminders/email/<kind>…, in the user's language.

    A reminder of source "app.what" uses templates/app/email/reminder_what… when the app has them.
    """
    with translation.override(preference.language):
        context = {"user": user, "reminders": reminders, "site_url": settings.SITE_URL.rstrip("/"), "now": now}
        today = timezone.localdate(now)
        for reminder in reminders:
            reminder.phrase = due_phrase(reminder.offset, reminder.due_on, today)
        if kind == "weekly_summary":
            context.update(weekly_summary_context(now))
        names = _template_names(kind, reminders)
        subject = " ".join(render_to_string(names("subject.txt"), context).split())
        text = select_template(names("txt")).render(context)
        html = select_template(names("html")).render(context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    return message


def _template_names(kind, reminders):
    def names(suffix):
        separator = "_" if suffix == "subject.txt" else "."
        generic = f"reminders/email/{kind}{separator}{suffix}"
        if kind != "reminder":
            return [generic]
        app_label, _dot, what = reminders[0].source.partition(".")
        return [f"{app_label}/email/reminder_{what}{separator}{suffix}", generic]

    return names


def weekly_summary_context(now: datetime) -> dict:
    """What changed in the business records last week, and what falls due in the coming two weeks."""
    since = now - timedelta(days=7)
    today = timezone.localdate(now)
    return {
        "changes": _changes_since(since),
        "upcoming": upcoming_items(today=today, days=UPCOMING_DAYS),
        "reminders_sent": Reminder.objects.filter(state=Reminder.State.SENT, sent_at__gte=since)
        .exclude(source=WEEKLY_SUMMARY)
        .count(),
        "reminders_failed": Reminder.objects.failed().count(),
        "since": timezone.localdate(since),
        "until": today + timedelta(days=UPCOMING_DAYS),
    }


def _changes_since(since):
    changes = []
    for app_label in BUSINESS_APPS:
        for model in apps.get_app_config(app_label).get_models():
            history = getattr(model, "history", None)
            if history is None or model._meta.model_name.startswith("historical"):
                continue
            counts = dict(
                history.filter(history_date__gte=since).values_list("history_type").annotate(n=Count("pk")).order_by()
            )
            if counts:
                changes.append(
                    {
                        "label": model._meta.verbose_name_plural,
                        "created": counts.get("+", 0),
                        "changed": counts.get("~", 0),
                        "deleted": counts.get("-", 0),
                    }
                )
    return changes
