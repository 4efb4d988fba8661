from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The REST API at /api/v1/: each app's resources (registry.py), personal tokens, the OpenAPI schema."""

    name = "liaison.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from . import schema, webhooks  # noqa: F401 (schema registers its extension by being imported)
        from .schedule import ensure_after_migrate

        webhooks.connect()
        post_migrate.connect(ensure_after_migrate, sender=self, dispatch_uid="liaison.api.ensure_catch_up")
