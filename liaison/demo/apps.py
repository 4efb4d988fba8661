from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo users and records for a local installation (`manage.py seed_demo`)."""

    name = "liaison.demo"
    label = "demo"
    verbose_name = _("Demo data")
