from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Global search across every app's records (PostgreSQL full-text search, typos corrected by trigrams)."""

    name = "liaison.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from .words import install_triggers

        # After the last app's migrations: the triggers go on tables the search room does not own.
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="liaison.search.install_triggers")
