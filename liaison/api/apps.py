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

        webhooks.connect()
        post_migrate.connect(ensure_catch_up, sender=self, dispatch_uid="liaison.api.ensure_catch_up")


def ensure_catch_up(**kwargs):
    """The webhooks' catch-up task again after a flush; made by migration 0002 at first, never changed here."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Webhooks: send due deliveries",
        defaults={"task": "liaison.api.tasks.send_due_webhooks", "interval": every_minute},
    )
