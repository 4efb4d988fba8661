"""Partnerships, their agreements, and the voluntary SDG reviews the office supports."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liaison.models import Owned, TimeStamped


class Partnership(TimeStamped, Owned):
    title = models.CharField(_("title"), max_length=255)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:partnership_detail", args=[self.pk])
