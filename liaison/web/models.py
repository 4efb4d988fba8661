"""Abstract models every business record builds on, and the toolkit's one table: create forms already submitted."""

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    """Creation and last-change moments, for every business record."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Owned(models.Model):
    """The responsible officer, who receives the record's reminders."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        abstract = True


class Submission(models.Model):
    """A create form already saved: its one-time key, so that a second click or a resent POST saves nothing again."""

    key = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self):
        return self.key


class SavedView(models.Model):
    """A list's filters and sort, saved under a name by one user, and seen by colleagues when shared.

    `list_name` is the list's URL name (`contacts:person_list`) and `query` its query string without the page;
    the filters are read by the list itself when the view is applied, so an obsolete value is a form error.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="saved_views"
    )
    name = models.CharField(_("name"), max_length=80)
    list_name = models.CharField(_("list"), max_length=100)
    query = models.CharField(_("filters"), max_length=2000, blank=True)
    shared = models.BooleanField(_("shared with colleagues"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "list_name", "name"], name="web_savedview_unique_name"),
        ]
        indexes = [models.Index(fields=["list_name", "shared"], name="web_savedview_list_shared")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """The list with the view's filters applied; empty when the list no longer exists."""
        try:
            path = reverse(self.list_name)
        except NoReverseMatch:
            return ""
        return f"{path}?{self.query}" if self.query else path
