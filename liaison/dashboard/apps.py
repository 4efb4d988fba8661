from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    """The supervisors' dashboard: figures every app declares, under one set of filters."""

    name = "liaison.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard")
