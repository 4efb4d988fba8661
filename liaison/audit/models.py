"""The audit trail: one row per export, access request, erasure, confidential read or log-in."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Written by the application only; nobody edits or deletes one (the admin is read-only)."""

    class Action(models.TextChoices):
        LIST_EXPORT = "list_export", _("List exported")
        PERSON_EXPORT = "person_export", _("Person's data exported")
        PERSON_ERASURE = "person_erasure", _("Person erased")
        CONFIDENTIAL_VIEW = "confidential_view", _("Confidential interaction viewed")
        RECORD_MERGE = "record_merge", _("Records merged")
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Log-in failed")

    at = models.DateTimeField(_("when"), default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, blank=True
    )
    # Kept as typed: the user may be deleted later, and a failed log-in has no user at all.
    username = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    # What was acted on, without personal data: "people", "person #12", "interaction #7".
    target = models.CharField(_("what"), max_length=255, blank=True)
    path = models.CharField(_("address"), max_length=500, blank=True)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        indexes = [models.Index(fields=["-at"]), models.Index(fields=["action", "-at"])]

    def __str__(self):
        return f"{self.get_action_display()} — {self.target}"
