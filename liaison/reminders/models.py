"""Reminders, in-app notifications and each user's choice of how to receive them."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .messages import OVERDUE, due_phrase, message_render

DEFAULT_OFFSETS = "30,14,7,3,1,0"
# The source key of the supervisors' weekly summary, claimed like a reminder (sweep.weekly_summaries_claim).
WEEKLY_SUMMARY = "reminders.weekly_summary"
offsets_validator = RegexValidator(
    r"^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$", _("Enter whole numbers of days separated by commas, e.g. 30,14,7,3,1,0.")
)


class ReminderRuleQuerySet(models.QuerySet):
    def sync(self, sources):
        """One rule per source, created with the source's defaults; returns {key: rule}."""
        rules = {rule.source_key: rule for rule in self.filter(source_key__in=list(sources))}
        missing = [ReminderRule.default_for(source) for key, source in sources.items() if key not in rules]
        if missing:
            self.bulk_create(missing, ignore_conflicts=True)
            rules = {rule.source_key: rule for rule in self.filter(source_key__in=list(sources))}
        return rules


class ReminderRule(models.Model):
    """How many days before its due date each kind of record is reminded; kept by administrators."""

    source_key = models.CharField(_("reminder source"), max_length=60, unique=True)
    offsets = models.CharField(
        _("days before"),
        max_length=100,
        default=DEFAULT_OFFSETS,
        validators=[offsets_validator],
        help_text=_("Days before the due date, separated by commas; 0 is the day itself."),
    )
    remind_overdue = models.BooleanField(_("remind once when overdue"), default=True)
    active = models.BooleanField(_("active"), default=True)

    objects = ReminderRuleQuerySet.as_manager()

    class Meta:
        ordering = ["source_key"]
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")

    def __str__(self):
        return self.source_key

    @classmethod
    def default_for(cls, source):
        offsets = ",".join(str(days) for days in sorted(source.default_offsets, reverse=True))
        return cls(source_key=source.key, offsets=offsets, remind_overdue=source.remind_overdue)

    @property
    def offset_days(self) -> tuple[int, ...]:
        return tuple(sorted({int(part) for part in self.offsets.split(",") if part.strip()}, reverse=True))


class ReminderQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=Reminder.State.PENDING)

    def failed(self):
        return self.filter(state=Reminder.State.FAILED)


class Reminder(models.Model):
    """One announcement of one due date to one user, claimed by inserting this row before it is sent.

    The unique constraint is the claim: a second sweep, a retry or another worker inserting the
    same reminder gets an IntegrityError and sends nothing. Its e-mail is a Delivery (alone, or
    in the user's digest); the reminder's state follows that delivery's outcome.
    """

    OVERDUE = OVERDUE  # the offset of the single reminder sent once the due date has passed

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    source = models.CharField(_("source"), max_length=60)
    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("record id"))
    record = GenericForeignKey("content_type", "object_id")
    due_on = models.DateField(_("due date"))
    offset = models.SmallIntegerField(_("days before"), help_text=_("-1: once the due date has passed"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="reminders"
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("As written for its recipient when created"))
    message = models.JSONField(
        _("message"), null=True, blank=True, help_text=_("Message id and values, rendered in the reader's language")
    )
    url = models.CharField(_("link"), max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    delivery = models.ForeignKey(
        "Delivery",
        verbose_name=_("e-mail"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminders",
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "content_type", "object_id", "due_on", "offset", "recipient"],
                name="one_reminder_per_due_date_offset_and_recipient",
            ),
        ]
        indexes = [
            # sweep.reminders_cancel_withdrawn(), run by every sweep: reminders not e-mailed yet.
            models.Index(fields=["source", "due_on"], name="reminder_pending", condition=Q(state="pending")),
            # Failed reminders shown to their recipient on the notifications and home pages.
            models.Index(fields=["recipient"], name="reminder_failed_by_recipient", condition=Q(state="failed")),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        """What the reminder says, in the active language (its stored title when it has no message id)."""
        return message_render(self.message) if self.message else self.title

    @property
    def is_overdue(self):
        return self.offset == self.OVERDUE

    def days_left(self, today=None):
        return (self.due_on - (today or timezone.localdate())).days


class DeliveryQuerySet(models.QuerySet):
    def claimable(self, now):
        """Due and free: scheduled and due, or left "sending" by a process whose lease has run out."""
        return self.filter(
            Q(state=Delivery.State.SCHEDULED, due_at__lte=now) | Q(state=Delivery.State.SENDING, lease_until__lte=now)
        )

    def failed(self):
        return self.filter(state=Delivery.State.FAILED)


class Delivery(models.Model):
    """One e-mail: an immediate reminder, one user's digest for one period, or a weekly summary.

    The row is the e-mail's single owner (delivery.py): it is claimed with
    select_for_update(skip_locked=True) and a lease much longer than EMAIL_TIMEOUT, so that only
    one process sends it at a time; a resend keeps its Message-ID. `key` makes a digest period
    or a weekly summary unique per user, whatever process creates it.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Reminder")
        DIGEST = "digest", _("Daily digest")
        WEEKLY_SUMMARY = "weekly_summary", _("Weekly summary")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Reason(models.TextChoices):
        """Why the last attempt failed, in words a user understands; the server's reply is kept beside it."""

        NO_ADDRESS = "no_address", _("There is no e-mail address for this user in Liaison.")
        ADDRESS_REFUSED = "address_refused", _("The mail server refused this address.")
        MESSAGE_REFUSED = "message_refused", _("The mail server refused the message.")
        SENDER_REFUSED = "sender_refused", _("The mail server refused our sender address.")
        TRY_LATER = "try_later", _("The mail server asked us to try again later.")
        UNREACHABLE = "unreachable", _("The mail server could not be reached.")
        TIMEOUT = "timeout", _("The mail server did not answer in time.")
        DISCONNECTED = "disconnected", _("The mail server closed the connection.")
        LOGIN = "login", _("The mail server refused our log-in.")
        INTERNAL = "internal", _("Liaison could not prepare the e-mail.")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    key = models.CharField(_("key"), max_length=100, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="deliveries"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SCHEDULED)
    due_at = models.DateTimeField(_("due"))
    lease_until = models.DateTimeField(_("taken until"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    message_id = models.CharField(_("Message-ID"), max_length=200)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    server_reply = models.CharField(_("server's reply"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-due_at", "-id"]
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        indexes = [
            # delivery.deliver_due(), run by every sweep: what is waiting to be sent.
            models.Index(fields=["due_at"], name="delivery_scheduled", condition=Q(state="scheduled")),
            models.Index(fields=["lease_until"], name="delivery_sending", condition=Q(state="sending")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def mark_read(self):
        return self.unread().update(read_at=timezone.now())


class Notification(models.Model):
    """A message in the application, behind the bell in the navigation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("As written for its recipient when created"))
    message = models.JSONField(
        _("message"), null=True, blank=True, help_text=_("Message id and values, rendered in the reader's language")
    )
    url = models.CharField(_("link"), max_length=500, blank=True)
    reminder = models.ForeignKey(
        Reminder,
        verbose_name=_("reminder"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_by_user"),
            # The bell's unread count, on every page.
            models.Index(fields=["user"], name="notification_unread", condition=Q(read_at__isnull=True)),
        ]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        """The notification in the active language, rendered now rather than frozen when it was created.

        A reminder's notification is its due phrase, as of the day it was created, and the reminder's text;
        another carries its own message id; a row with neither shows the title it was written with.
        """
        if self.message:
            return message_render(self.message)
        if self.reminder_id is not None:
            reminder = self.reminder
            phrase = due_phrase(reminder.offset, reminder.due_on, timezone.localdate(self.created_at))
            return f"{phrase}: {reminder.text}"
        return self.title

    @property
    def is_read(self):
        return self.read_at is not None


class NotificationPreferenceQuerySet(models.QuerySet):
    def for_users(self, users) -> dict:
        """{user id: preference}, unsaved defaults for users who never chose."""
        found = {pref.user_id: pref for pref in self.filter(user__in=users)}
        return {user.pk: found.get(user.pk) or NotificationPreference(user=user) for user in users}

    def for_user(self, user):
        return self.for_users([user])[user.pk]


class NotificationPreference(models.Model):
    """How a user wants reminders by e-mail: at once, or gathered in one digest a day."""

    class Delivery(models.TextChoices):
        DIGEST = "digest", _("One daily digest")
        IMMEDIATE = "immediate", _("An e-mail for each reminder, at once")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    delivery = models.CharField(_("e-mails"), max_length=10, choices=Delivery.choices, default=Delivery.DIGEST)
    digest_hour = models.PositiveSmallIntegerField(
        _("digest hour"),
        default=8,
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)],
        help_text=_("Malaysian time (Asia/Kuala_Lumpur)."),
    )
    language = models.CharField(
        _("language of e-mails"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = NotificationPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)

    @property
    def wants_digest(self):
        return self.delivery == self.Delivery.DIGEST

    def next_digest_at(self, now):
        """The first digest moment at or after `now`."""
        local = timezone.localtime(now)
        moment = local.replace(hour=self.digest_hour, minute=0, second=0, microsecond=0)
        return moment if moment >= local else moment + timedelta(days=1)


class Heartbeat(models.Model):
    """When the sweep last ran and how long it took: one row, so that silence can be noticed (heartbeat.py)."""

    finished_at = models.DateTimeField(_("last sweep"))
    duration = models.DurationField(_("duration"))
    alerted_at = models.DateTimeField(_("administrators alerted"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder heartbeat")
        verbose_name_plural = _("reminder heartbeat")

    def __str__(self):
        return str(self.finished_at)
