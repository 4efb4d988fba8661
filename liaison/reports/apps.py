from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports in Word and PDF: the periodic activity report, and the Word templates an administrator replaces."""

    name = "liaison.reports"
    label = "reports"
    verbose_name = _("Reports")
