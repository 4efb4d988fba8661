"""The purposes personal data is processed for (each with its notice in English and Malay), and the breach register."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Purpose(models.Model):
    """A processing purpose an administrator keeps; people consent to each one separately.

    `key` is what code asks for (`Person.objects.contactable("invitations")`); the version goes up
    whenever the notice changes, and each consent records the version the person was shown.
    """

    INVITATIONS = "invitations"
    NEWSLETTER = "newsletter"
    PARTNERSHIP_WORK = "partnership_work"
    EVENT_REGISTRATION = "event_registration"
    STATISTICS = "statistics"

    key = models.SlugField(_("key"), max_length=40, unique=True, help_text=_("What the application asks for."))
    name = models.CharField(_("name (English)"), max_length=120)
    name_ms = models.CharField(_("name (Malay)"), max_length=120)
    notice = models.TextField(_("notice (English)"))
    notice_ms = models.TextField(_("notice (Malay)"))
    version = models.PositiveIntegerField(_("notice version"), default=1)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")

    def __str__(self):
        return self.label

    @property
    def label(self):
        """The name in the reader's language."""
        return self.name_ms if (get_language() or "").startswith("ms") and self.name_ms else self.name

    @property
    def notice_text(self):
        return self.notice_ms if (get_language() or "").startswith("ms") and self.notice_ms else self.notice


COMMISSIONER_DEADLINE = timedelta(hours=72)
PEOPLE_DEADLINE = timedelta(days=7)


class BreachQuerySet(models.QuerySet):
    def commissioner_pending(self):
        return self.filter(commissioner_notified_at__isnull=True)

    def people_pending(self):
        return self.filter(notify_people=True, people_notified_at__isnull=True)


class Breach(models.Model):
    """A personal data breach, recorded by an administrator (PDPA 2010 as amended in 2024, section 12B).

    The Commissioner is to be told within 72 hours of the breach being found, and the people affected
    within 7 days when it is likely to cause them significant harm; both deadlines are reminded to the
    administrators until the notification is recorded.
    """

    class Scale(models.TextChoices):
        LIMITED = "limited", _("Limited")
        SIGNIFICANT = "significant", _("Significant scale")
        SEVERE = "severe", _("Severe")

    found_at = models.DateTimeField(_("found at"), default=timezone.now, help_text=_("When the breach was found."))
    title = models.CharField(_("what happened"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    scale = models.CharField(_("scale"), max_length=12, choices=Scale.choices, default=Scale.LIMITED)
    affected_count = models.PositiveIntegerField(_("people affected"), default=0)
    affected_data = models.TextField(
        _("people and data affected"), blank=True, help_text=_("Which groups of people, and which of their data.")
    )
    harm_assessment = models.TextField(_("harm assessment"), blank=True)
    notify_people = models.BooleanField(
        _("people must be told"),
        default=True,
        help_text=_("The breach is likely to cause the people affected significant harm: tell them within 7 days."),
    )
    commissioner_notified_at = models.DateTimeField(_("Commissioner notified at"), null=True, blank=True)
    people_notified_at = models.DateTimeField(_("people notified at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = BreachQuerySet.as_manager()

    class Meta:
        ordering = ["-found_at", "-id"]
        verbose_name = _("data breach")
        verbose_name_plural = _("breach register")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("admin:privacy_breach_change", args=[self.pk])

    @property
    def commissioner_deadline(self):
        return self.found_at + COMMISSIONER_DEADLINE

    @property
    def people_deadline(self):
        return self.found_at + PEOPLE_DEADLINE

    def clean(self):
        super().clean()
        errors = {}
        for field in ("commissioner_notified_at", "people_notified_at"):
            notified = getattr(self, field)
            if notified and self.found_at and notified < self.found_at:
                errors[field] = _("A notification cannot come before the breach was found.")
        if errors:
            raise ValidationError(errors)
