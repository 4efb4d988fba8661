from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from .schedule import ensure_after_migrate

        post_migrate.connect(ensure_after_migrate, sender=self, dispatch_uid="events.ensure_periodic_task")
