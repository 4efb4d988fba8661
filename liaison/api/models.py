import hashlib
import secrets
from datetime import date, timedelta

from django.conf import settings
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
