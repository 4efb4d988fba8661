"""Delivery of claimed reminders by e-mail: one each, or one digest per user, retried when the server fails.

Each attempt is claimed by a conditional UPDATE on its attempt count (healthchecks' pattern),
re-checked against the source (pretix's pattern), and its outcome recorded: sent, retried later
with back-off, or failed for good (shown to the user and in the admin).
"""

import logging
import smtplib
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Count, F
from django.template.loader import render_to_string, select_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from liaison.web.roles import BUSINESS_APPS

from .agenda import UPCOMING_DAYS, upcoming_items
from .models import WEEKLY_SUMMARY, NotificationPreference, Reminder
from .registry import registry
from .sweep import SweepResult, due_phrase

logger = logging.getLogger(__name__)

# Temporary e-mail failures are retried after these delays, then the reminder is marked failed.
RETRY_DELAYS = (timedelta(minutes=5), timedelta(minutes=15), timedelta(minutes=45))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


class PermanentFailure(Exception):
    """An e-mail that no retry will deliver."""


def deliver_due(*, now: datetime | None = None, user_ids=None, result: SweepResult | None = None) -> SweepResult:
    """Send every reminder e-mail whose time has come: one each, or one digest per user."""
    now = now or timezone.now()
    result = result or SweepResult()
    due = Reminder.objects.due_for_delivery(now).select_related("recipient").order_by("recipient_id", "due_on", "pk")
    if user_ids is not None:
        due = due.filter(recipient_id__in=user_ids)
    by_user: dict[int, list[Reminder]] = {}
    for reminder in due:
        by_user.setdefault(reminder.recipient_id, []).append(reminder)
    recipients = [reminders[0].recipient for reminders in by_user.values()]
    preferences = NotificationPreference.objects.for_users(recipients)
    for user in recipients:
        reminders, preference = by_user[user.pk], preferences[user.pk]
        for summary in [r for r in reminders if r.source == WEEKLY_SUMMARY]:
            _deliver("weekly_summary", user, preference, [summary], now, result)
        reminders = [r for r in reminders if r.source != WEEKLY_SUMMARY]
        if preference.wants_digest:
            _deliver("digest", user, preference, reminders, now, result)
        else:
            for reminder in reminders:
                _deliver("reminder", user, preference, [reminder], now, result)
    return result


def users_with_due_deliveries(now: datetime | None = None) -> list[int]:
    due = Reminder.objects.due_for_delivery(now or timezone.now())
    return list(due.order_by().values_list("recipient_id", flat=True).distinct())


def _deliver(kind, user, preference, reminders, now, result):
    mine = [reminder for reminder in reminders if _claim_attempt(reminder, now)]
    mine = _still_due(mine, result)
    if not mine:
        return
    try:
        if not user.email:
            raise PermanentFailure(_("The user has no e-mail address."))
        email_message(kind, user, preference, mine, now).send()
    except Exception as error:  # SMTP, network or template: recorded, retried, shown
        logger.warning("reminder e-mail to %s failed: %s", user, error, exc_info=not _is_smtp(error))
        _record_failure(mine, error, result)
        return
    Reminder.objects.filter(pk__in=[r.pk for r in mine]).update(state=Reminder.State.SENT, sent_at=now, last_error="")
    result.sent += len(mine)


def _claim_attempt(reminder: Reminder, now: datetime) -> bool:
    """Take this attempt only if nobody else did: exactly one row changes for the winner."""
    attempts = reminder.attempts + 1
    won = Reminder.objects.filter(
        pk=reminder.pk, state=Reminder.State.PENDING, attempts=reminder.attempts, next_attempt_at__lte=now
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + retry_delay(attempts))
    reminder.attempts = attempts
    return won == 1


def retry_delay(attempts: int) -> timedelta:
    return RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]


def _still_due(reminders, result):
    """Pretix's re-check before sending: a withdrawn record or a moved date cancels the reminder."""
    sources = registry.by_key()
    keep, cancelled = [], []
    for reminder in reminders:
        source = sources.get(reminder.source)
        if reminder.source == WEEKLY_SUMMARY or (source and source.is_still_due(reminder.object_id, reminder.due_on)):
            keep.append(reminder)
        else:
            cancelled.append(reminder.pk)
    if cancelled:
        Reminder.objects.filter(pk__in=cancelled).update(state=Reminder.State.CANCELLED)
        result.cancelled += len(cancelled)
    return keep


def _is_smtp(error):
    return isinstance(error, smtplib.SMTPException | OSError | PermanentFailure)


def _is_permanent(error):
    if isinstance(error, PermanentFailure | smtplib.SMTPRecipientsRefused | smtplib.SMTPSenderRefused):
        return True
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _record_failure(reminders, error, result):
    message = f"{type(error).__name__}: {error}"[:2000]
    permanent = _is_permanent(error)
    for reminder in reminders:
        give_up = permanent or reminder.attempts >= MAX_ATTEMPTS
        changes = {"last_error": message}
        if give_up:
            changes["state"] = Reminder.State.FAILED
        Reminder.objects.filter(pk=reminder.pk).update(**changes)
        if give_up:
            result.failed += 1
        else:
            result.retrying += 1


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
