from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    """Themes, SDGs, states and exchange rates, and the loaders of every app's reference data."""

    name = "liaison.reference"
    label = "reference"
    verbose_name = _("Reference data")
