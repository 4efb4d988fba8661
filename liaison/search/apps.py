from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Global search across every app's records (PostgreSQL trigram and full-text search)."""

    name = "liaison.search"
    label = "search"
    verbose_name = _("Search")
