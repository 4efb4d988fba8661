from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API at /api/v1/: each app's resources (registry.py), personal tokens, the OpenAPI schema."""

    name = "liaison.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from . import schema, webhooks  # noqa: F401 (schema registers its extension by being imported)

        webhooks.connect()
