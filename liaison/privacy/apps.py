from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Data protection (PDPA 2010): purposes and their notices, access exports and erasure."""

    name = "liaison.privacy"
    label = "privacy"
    verbose_name = _("Data protection")
