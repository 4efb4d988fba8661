"""The sections of the application the home page links to, each shown to whoever may open it.

Each app adds its sections with `register(...)` in its AppConfig.ready(); the home page and
the navigation list only the pages that exist and that the user may see.
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse

from .roles import has_role


@dataclass(frozen=True)
class Section:
    title: str
    description: str
    url_name: str
    permission: str  # "" for every logged-in user
    icon: str = "bi-grid"
    order: int = 100
    roles: tuple = ()  # when given, only users holding one of these roles see the section

    def visible_to(self, user) -> bool:
        if self.roles and not has_role(user, *self.roles):
            return False
        return not self.permission or user.has_perm(self.permission)

    @property
    def url(self):
        return reverse(self.url_name)

    @property
    def group(self):
        """The navigation menu the section goes in: its app's name (sections outside an app stand alone)."""
        namespace = self.url_name.partition(":")[0] if ":" in self.url_name else ""
        return apps.get_app_config(namespace).verbose_name if namespace else self.title


_sections: list[Section] = []


def register(section: Section) -> None:
    if section not in _sections:
        _sections.append(section)


def for_user(user) -> list[Section]:
    return [s for s in sorted(_sections, key=lambda s: s.order) if s.visible_to(user)]
