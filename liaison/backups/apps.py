from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """Backups of the database and the uploaded documents, and their restore (manage.py backup / restore)."""

    name = "liaison.backups"
    label = "backups"
    verbose_name = _("Backups")
