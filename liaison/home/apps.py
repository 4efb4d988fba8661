from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The start page, the health check and the favicon."""

    name = "liaison.home"
    label = "home"
    verbose_name = _("Home")
