from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """The reminder engine: sources, the sweep, delivery, notifications and each user's preferences."""

    name = "liaison.reminders"
    label = "reminders"
    verbose_name = _("Reminders")

    def ready(self):
        from .queue import nudge_sweep
        from .registry import registry

        for source in registry.entries():
            for label in source.models:
                post_save.connect(nudge_sweep, sender=label, dispatch_uid=f"liaison.reminders.nudge.{label}")
