"""The sections of the application that the navigation bar and the home page link to.

Each app declares its sections in its own `navigation.py`:

    @register
    class People(Section):
        title = _("People")
        description = _("Contacts with their posts, phones, consent and the timeline of every exchange.")
        url_name = "contacts:person_list"
        permission = "contacts.view_person"
        icon = "bi-people"

The navigation groups the sections of one app in one menu (in the order of the registry) and
shows only those the user may open.
"""

from django.apps import apps
from django.urls import reverse

from .registry import Entry, Registry


class Section(Entry):
    title = ""
    description = ""
    url_name = ""
    icon = "bi-grid"

    @property
    def url(self):
        return reverse(self.url_name)

    @property
    def group(self):
        """The menu the section goes in: its app's name (a section outside an app's namespace stands alone)."""
        namespace = self.url_name.partition(":")[0] if ":" in self.url_name else ""
        config = next((c for c in apps.get_app_configs() if c.label == namespace), None)
        return config.verbose_name if config else self.title


registry = Registry("navigation", Section)
register = registry.register


def sections_for(user) -> list[Section]:
    return registry.visible_to(user)
