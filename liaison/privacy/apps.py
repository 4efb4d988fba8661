from importlib import import_module

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_purposes(sender, using="default", **kwargs):
    """The purposes every consent refers to, after every migrate and every flush (tests emptying the tables)."""
    from .models import Purpose

    purposes = import_module("liaison.privacy.migrations.0001_initial").PURPOSES
    for order, (key, name, name_ms, notice, notice_ms) in enumerate(purposes, start=1):
        Purpose.objects.using(using).get_or_create(
            key=key,
            defaults={"name": name, "name_ms": name_ms, "notice": notice, "notice_ms": notice_ms, "order": order * 10},
        )


class PrivacyConfig(AppConfig):
    """Data protection (PDPA 2010): purposes and their notices, access exports and erasure."""

    name = "liaison.privacy"
    label = "privacy"
    verbose_name = _("Data protection")

    def ready(self):
        post_migrate.connect(ensure_purposes, sender=self, dispatch_uid="liaison.privacy.ensure_purposes")
