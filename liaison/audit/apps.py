from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit trail: who exported, viewed or erased what, and who logged in."""

    name = "liaison.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from . import signals  # noqa: F401  (log-ins and failed log-ins)
