from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LiaisonConfig(AppConfig):
    name = "liaison"
    verbose_name = _("Liaison")

    def ready(self):
        from .roles import sync_role_permissions

        # Runs after the last app's migrations, once every model's permissions exist.
        post_migrate.connect(sync_role_permissions, dispatch_uid="liaison.sync_role_permissions")
