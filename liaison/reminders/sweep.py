"""The sweep: what is due now, claimed so that it is announced once, then delivered.

Everything is computed from the database, never from tasks scheduled ahead in a broker, so a
sweep may run at any time, twice, or in two processes at once:

1. each source lists its items due in a window of Malaysian dates; for each item and recipient
   the latest offset crossed today is due (a missed day sends that one, not a burst);
2. the reminder is claimed by inserting its row (unique constraint): whoever fails to insert it
   leaves it alone; the in-app notification and its e-mail (outbox.py) are written in the same
   transaction;
3. reminders not e-mailed yet whose record no longer is due (date moved, follow-up done) are
   cancelled, and their notifications leave the bell;
4. due e-mails are sent (delivery.py), and the heartbeat records that the sweep ran.
"""

import logging
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from liaison.web.roles import SUPERVISOR

from .messages import ReaderDate, due_phrase, message_of, reader_text
from .models import WEEKLY_SUMMARY, Notification, NotificationPreference, Reminder, ReminderRule
from .outbox import delivery_for_reminder, delivery_for_weekly_summary
from .registry import DueItem, ReminderSource, registry

logger = logging.getLogger(__name__)

# An item overdue for longer than this is not announced after an outage: it is old news.
OVERDUE_LOOKBACK_DAYS = 30
WEEKLY_SUMMARY_HOUR = 8  # Monday, Malaysian time


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
    started = timezone.now()
    result = SweepResult()
    reminders_forget_deleted_records()
    sources = registry.by_key()
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
    result.cancelled += reminders_cancel_withdrawn(sources)
    from .delivery import deliver_due

    deliver_due(now=now, result=result)
    from .heartbeat import heartbeat_record

    heartbeat_record(started=started, finished=now + (timezone.now() - started))
    return result


def reminders_cancel_withdrawn(sources) -> int:
    """Cancel the reminders not e-mailed yet whose record is no longer due; their notifications leave the bell."""
    withdrawn = []
    pending = Reminder.objects.pending().exclude(source=WEEKLY_SUMMARY)
    for key, due_on in pending.order_by().values_list("source", "due_on").distinct():
        source = sources.get(key)
        still_due = {item.obj.pk for item in source.items(due_on, due_on)} if source else set()
        reminders = pending.filter(source=key, due_on=due_on).exclude(object_id__in=still_due)
        withdrawn += reminders.values_list("pk", flat=True)
    return reminders_cancel(withdrawn)


def reminders_cancel(pks) -> int:
    with transaction.atomic():
        cancelled = Reminder.objects.pending().filter(pk__in=pks).update(state=Reminder.State.CANCELLED)
        Notification.objects.filter(reminder__in=pks, reminder__state=Reminder.State.CANCELLED).delete()
    return cancelled


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
                message=message_of(item.title),
                url=item.url or "",
                created_at=now,
            )
            Notification.objects.create(
                user=recipient, title=headline, url=reminder.url, reminder=reminder, created_at=now
            )
            delivery_for_reminder(reminder=reminder, preference=preference, now=now)
    except IntegrityError:
        return None
    return reminder


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
    summary_title = reader_text(gettext_lazy("Weekly summary of %(date)s"), date=ReaderDate(monday))
    claimed = []
    for user in supervisors:
        try:
            with transaction.atomic():
                summary = Reminder.objects.create(
                    source=WEEKLY_SUMMARY,
                    content_type=user_type,
                    object_id=user.pk,
                    due_on=monday,
                    offset=0,
                    recipient=user,
                    title=str(summary_title),
                    message=message_of(summary_title),
                    created_at=now,
                )
                delivery_for_weekly_summary(summary=summary, now=now)
                claimed.append(summary)
        except IntegrityError:
            continue
    return claimed
