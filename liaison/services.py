"""Reminders and notifications: the sweep that finds what is due, claims it, and delivers it.

Everything is computed from the database, never from tasks scheduled ahead in a broker, so a
sweep may run at any time, twice, or in two processes at once:

1. each source lists its items due in a window of Malaysian dates; for each item and recipient
   the latest offset crossed today is due (a missed day sends that one, not a burst);
2. the reminder is claimed by inserting its row (unique constraint): whoever fails to insert it
   leaves it alone; the in-app notification is written in the same transaction;
3. due e-mails are sent, each attempt claimed by a conditional UPDATE on its attempt count
   (healthchecks' pattern), re-checked against the source, and the outcome recorded:
   sent, retried later with back-off, or failed for good (shown to the user and in the admin).
"""

import logging
import smtplib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.template.loader import render_to_string, select_template
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Notification, NotificationPreference, Reminder, ReminderRule
from .reminder_sources import DueItem, ReminderSource, all_sources
from .roles import BUSINESS_APPS, SUPERVISOR

logger = logging.getLogger(__name__)

# An item overdue for longer than this is not announced after an outage: it is old news.
OVERDUE_LOOKBACK_DAYS = 30
# Temporary e-mail failures are retried after these delays, then the reminder is marked failed.
RETRY_DELAYS = (timedelta(minutes=5), timedelta(minutes=15), timedelta(minutes=45))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
WEEKLY_SUMMARY = "liaison.weekly_summary"
WEEKLY_SUMMARY_HOUR = 8  # Monday, Malaysian time
UPCOMING_DAYS = 14


@dataclass
class SweepResult:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    cancelled: int = 0
    errors: list[str] = field(default_factory=list)  # keys of sources that failed

    def as_dict(self):
        return asdict(self)


def sweep(now: datetime | None = None) -> SweepResult:
    """Claim every reminder due now for every source, the weekly summaries, and deliver what is due."""
    now = now or timezone.now()
    result = SweepResult()
    reminders_forget_deleted_records()
    sources = all_sources()
    rules = ReminderRule.objects.sync(sources)
    for key, source in sources.items():
        if not rules[key].active:
            continue
        try:
            with transaction.atomic():  # a source that fails midway leaves no half of its claims
                result.claimed += len(reminders_claim_due(source=source, rule=rules[key], now=now))
        except Exception:  # one broken source must not silence the others
            logger.exception("reminder source %s failed", key)
            result.errors.append(key)
    result.claimed += len(weekly_summaries_claim(now=now))
    deliver_due(now=now, result=result)
    return result


def reminders_forget_deleted_records() -> int:
    """Drop the reminders, and so the notifications, about records deleted since: their links lead nowhere."""
    removed = 0
    for content_type_id in Reminder.objects.order_by().values_list("content_type", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        orphans = Reminder.objects.filter(content_type_id=content_type_id).exclude(
            object_id__in=model._base_manager.values("pk")
        )
        removed += orphans.delete()[0]
    return removed


# --- 1 and 2: what is due, and the claim -----------------------------------------------------


def reminder_offset(*, item: DueItem, today: date, now: datetime, offsets, remind_overdue: bool) -> int | None:
    """The reminder due today: the latest offset crossed, or the overdue one; None if none is."""
    if remind_overdue and item.is_past_due(now):
        return Reminder.OVERDUE
    days_left = (item.due_on - today).days
    if days_left < 0:
        return None
    return min((days for days in offsets if days >= days_left), default=None)


def reminders_claim_due(*, source: ReminderSource, rule: ReminderRule, now: datetime) -> list[Reminder]:
    today = timezone.localdate(now)
    lookback = OVERDUE_LOOKBACK_DAYS if rule.remind_overdue else 0
    end = today + timedelta(days=max(rule.offset_days, default=0))
    candidates = []
    for item in source.items(today - timedelta(days=lookback), end):
        offset = reminder_offset(
            item=item, today=today, now=now, offsets=rule.offset_days, remind_overdue=rule.remind_overdue
        )
        if offset is not None:
            candidates += [(item, offset, user) for user in item.recipients if user is not None and user.is_active]
    if not candidates:
        return []
    claimed_already = _claimed_keys(source.key, candidates)
    preferences = NotificationPreference.objects.for_users({user for _item, _offset, user in candidates})
    claimed = []
    for item, offset, user in candidates:
        if _claim_key(item, offset, user) in claimed_already:
            continue
        reminder = reminder_claim(
            source_key=source.key, item=item, offset=offset, recipient=user, preference=preferences[user.pk], now=now
        )
        if reminder is not None:
            claimed.append(reminder)
    return claimed


def _claim_key(item, offset, user):
    return (ContentType.objects.get_for_model(item.obj).pk, item.obj.pk, item.due_on, offset, user.pk)


def _claimed_keys(source_key, candidates):
    """The candidates' rows already in the table, read at once so that a sweep does not insert in vain."""
    rows = Reminder.objects.filter(
        source=source_key,
        object_id__in={item.obj.pk for item, _offset, _user in candidates},
        due_on__in={item.due_on for item, _offset, _user in candidates},
    )
    return set(rows.values_list("content_type_id", "object_id", "due_on", "offset", "recipient_id"))


def reminder_claim(
    *, source_key: str, item: DueItem, offset: int, recipient, preference: NotificationPreference, now: datetime
) -> Reminder | None:
    """Insert the reminder's row and its notification; None when another process claimed it first."""
    with translation.override(preference.language):
        title = str(item.title)[:300]
        headline = f"{due_phrase(offset, item.due_on, timezone.localdate(now))}: {title}"[:300]
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                source=source_key,
                content_type=ContentType.objects.get_for_model(item.obj),
                object_id=item.obj.pk,
                due_on=item.due_on,
                offset=offset,
                recipient=recipient,
                title=title,
                url=item.url or "",
                next_attempt_at=first_attempt_at(preference, offset, now),
                created_at=now,
            )
            Notification.objects.create(user=recipient, title=headline, url=reminder.url, reminder=reminder)
    except IntegrityError:
        return None
    return reminder


def first_attempt_at(preference: NotificationPreference, offset: int, now: datetime) -> datetime:
    """At once, or at the user's next digest; a same-day reminder found after today's digest goes at once."""
    if not preference.wants_digest:
        return now
    digest_at = preference.next_digest_at(now)
    if offset == 0 and timezone.localdate(digest_at) > timezone.localdate(now):
        return now
    return digest_at


def due_phrase(offset: int, due_on: date, today: date) -> str:
    if offset == Reminder.OVERDUE:
        return _("Overdue since %(date)s") % {"date": formats.date_format(due_on)}
    days = (due_on - today).days
    if days <= 0:
        return _("Due today")
    if days == 1:
        return _("Due tomorrow")
    return ngettext("Due in %(days)d day", "Due in %(days)d days", days) % {"days": days}


def weekly_summaries_claim(*, now: datetime) -> list[Reminder]:
    """Claim this week's summary for every supervisor, from Monday 08:00 on (later in the week if missed)."""
    local = timezone.localtime(now)
    if local.weekday() == 0 and local.hour < WEEKLY_SUMMARY_HOUR:
        return []
    monday = local.date() - timedelta(days=local.weekday())
    done = Reminder.objects.filter(source=WEEKLY_SUMMARY, due_on=monday).values("recipient_id")
    supervisors = (
        get_user_model().objects.filter(is_active=True, groups__name=SUPERVISOR).exclude(pk__in=done).distinct()
    )
    user_type = ContentType.objects.get_for_model(get_user_model())
    claimed = []
    for user in supervisors:
        try:
            with transaction.atomic():
                claimed.append(
                    Reminder.objects.create(
                        source=WEEKLY_SUMMARY,
                        content_type=user_type,
                        object_id=user.pk,
                        due_on=monday,
                        offset=0,
                        recipient=user,
                        title=_("Weekly summary of %(date)s") % {"date": monday.isoformat()},
                        next_attempt_at=now,
                        created_at=now,
                    )
                )
        except IntegrityError:
            continue
    return claimed


# --- 3: delivery ----------------------------------------------------------------------------


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
    sources = all_sources()
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
    """Subject, text and HTML from templates/liaison/email/<kind>…, in the user's language.

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
        generic = f"liaison/email/{kind}{separator}{suffix}"
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


# --- for pages: what is coming, what is overdue ----------------------------------------------


def upcoming_items(*, today: date, days: int, user=None, overdue: bool = False, limit: int = 50) -> list[dict]:
    """Items of every source due in the next `days` days (or, with overdue, in the past ones), soonest first."""
    if overdue:
        start, end = today - timedelta(days=days), today - timedelta(days=1)
    else:
        start, end = today, today + timedelta(days=days)
    rows = []
    for source in all_sources().values():
        items = source.items_for(user, start, end) if user is not None else source.items(start, end)
        rows += [
            {"source": source.label, "title": item.title, "due_on": item.due_on, "url": item.url, "due": item.due}
            for item in items
        ]
    rows.sort(key=lambda row: row["due_on"], reverse=overdue)
    return rows[:limit]


def reminders_failed_for(user):
    return Reminder.objects.failed().filter(recipient=user).order_by("-next_attempt_at")


# --- preferences and notifications ----------------------------------------------------------


def preferences_update(*, user, delivery: str, digest_hour: int, language: str) -> NotificationPreference:
    """Save the user's choices and move their waiting e-mails to the new schedule."""
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"delivery": delivery, "digest_hour": digest_hour, "language": language}
    )
    now = timezone.now()
    waiting = Reminder.objects.pending().filter(recipient=user, attempts=0).exclude(source=WEEKLY_SUMMARY)
    waiting.update(next_attempt_at=preference.next_digest_at(now) if preference.wants_digest else now)
    return preference


def notifications_mark_read(*, user, pk: int | None = None) -> int:
    """Mark one of the user's notifications read (or all of them, without pk); returns how many changed."""
    notifications = Notification.objects.filter(user=user)
    if pk is not None:
        notifications = notifications.filter(pk=pk)
    return notifications.mark_read()
