from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    """Tasks that officers give each other, linked to any record, and "My work": what is mine and due, across apps."""

    name = "liaison.work"
    label = "work"
    verbose_name = _("My work")
