"""Funding opportunities the office or its partners pursue, with their milestones."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liaison.models import Owned, TimeStamped


class FundingOpportunity(TimeStamped, Owned):
    title = models.CharField(_("title"), max_length=255)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        verbose_name = _("funding opportunity")
        verbose_name_plural = _("funding opportunities")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("funding:opportunity_detail", args=[self.pk])
