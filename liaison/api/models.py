import hashlib
import secrets
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "lia_"  # noqa: S105 (the mark that says what a secret is, not a secret)


def token_digest(secret: str) -> str:
    """What is stored of a token: its SHA-256 (the secret is random and long, so no salt or slow hash is needed)."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self, on: date | None = None):
        today = on or timezone.localdate()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=today)
        )


class ApiToken(models.Model):
    """A personal API token: only its digest is kept; the secret is shown once, when it is made."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. “Power BI board”."))
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    read_only = models.BooleanField(_("read only"), default=True, help_text=_("It can read but never change records."))
    expires_on = models.DateField(_("expires on"), null=True, blank=True, help_text=_("Last day it works."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user, name: str, read_only: bool = True, expires_on: date | None = None):
        """A new token for `user`: (the saved token, its secret, which is not kept anywhere)."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            prefix=secret[: len(TOKEN_PREFIX) + 6],
            digest=token_digest(secret),
            read_only=read_only,
            expires_on=expires_on,
        )
        return token, secret

    @classmethod
    def find(cls, secret: str):
        """The active token whose secret this is, with its user, or None."""
        return cls.objects.active().select_related("user").filter(digest=token_digest(secret)).first()

    @property
    def is_active(self):
        return self.revoked_at is None and (self.expires_on is None or self.expires_on >= timezone.localdate())

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])

    def touch(self):
        """Note the use, at most once a minute, so that reading the API does not write on every request."""
        now = timezone.now()
        type(self).objects.filter(pk=self.pk).filter(
            models.Q(last_used_at__isnull=True) | models.Q(last_used_at__lt=now - timedelta(minutes=1))
        ).update(last_used_at=now)


def webhook_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """An address that receives the records' events, signed with its secret (liaison/api/webhooks.py)."""

    class Event(models.TextChoices):
        CREATED = "created", _("Record created")
        CHANGED = "changed", _("Record changed")
        STAGE_CHANGED = "stage_changed", _("Stage or status changed")

    name = models.CharField(_("name"), max_length=100, help_text=_("Who receives it, e.g. “UCLG ASPAC website”."))
    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_("An http:// or https:// address; addresses on private networks only if the settings allow."),
    )
    secret = models.CharField(
        _("secret"),
        max_length=200,
        default=webhook_secret,
        help_text=_("Shared with the receiver, which checks the X-Liaison-Signature header with it."),
    )
    events = ArrayField(
        models.CharField(max_length=20, choices=Event.choices), verbose_name=_("events"), default=list, blank=True
    )
    resources = ArrayField(
        models.CharField(max_length=50),
        verbose_name=_("kinds of record"),
        default=list,
        blank=True,
        help_text=_("Leave empty for every kind of record."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return self.name

    def clean(self):
        from .webhooks import url_problem

        problem = url_problem(self.url) if self.url else None
        if problem:
            raise ValidationError({"url": problem})
        if not self.events:
            raise ValidationError({"events": _("Choose at least one event to send.")})

    def wants(self, event: str, resource: str) -> bool:
        return self.active and event in self.events and (not self.resources or resource in self.resources)


class WebhookDelivery(models.Model):
    """One event for one endpoint: claimed before each attempt, retried with back-off, never sent twice once
    delivered."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        WebhookEndpoint, verbose_name=_("webhook"), on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(_("event"), default=uuid.uuid4, editable=False)
    event = models.CharField(_("event kind"), max_length=20, choices=WebhookEndpoint.Event.choices)
    resource = models.CharField(_("kind of record"), max_length=50)
    record_id = models.BigIntegerField(_("record"))
    payload = models.JSONField(_("payload"), encoder=DjangoJSONEncoder)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event_id"], name="webhook_delivery_once_per_endpoint")
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="webhook_delivery_due",
                condition=models.Q(state__in=["pending", "sending"]),
            )
        ]

    def __str__(self):
        return f"{self.get_event_display()} {self.resource} #{self.record_id} → {self.endpoint}"
