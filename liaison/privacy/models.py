"""The purposes personal data is processed for, each with its notice in English and Malay."""

from django.db import models
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
