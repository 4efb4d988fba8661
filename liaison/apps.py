from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    name = "liaison"
    verbose_name = _("Liaison")

    def ready(self):
        from . import home_sections
        from .dashboard import DASHBOARD_ROLES
        from .queue import nudge_sweep
        from .reminder_sources import all_sources
        from .roles import sync_role_permissions

        # Runs after the last app's migrations, once every model's permissions exist.
        post_migrate.connect(sync_role_permissions, dispatch_uid="liaison.sync_role_permissions")
        for source in all_sources().values():
            for label in source.models:
                post_save.connect(nudge_sweep, sender=label, dispatch_uid=f"liaison.nudge_sweep.{label}")
        home_sections.register(
            home_sections.Section(
                _("Dashboard"),
                _("Figures, trends and what needs attention across partnerships, funding and events."),
                "dashboard",
                "",
                icon="bi-speedometer2",
                order=10,
                roles=DASHBOARD_ROLES,
            )
        )
