"""The one mechanism behind every registry through which an app contributes to a cross-app feature.

A registry has a name, which is also the module each app declares its entries in, and a base
class its entries derive from. An app contributes by decorating a subclass in that module:

    # funding/reminders.py
    from liaison.reminders.registry import ReminderSource, register

    @register
    class DeadlineSource(ReminderSource):
        key = "funding.deadline"
        ...

The registry imports `<app>.<name>` of every installed app the first time it is read, so an app
never registers from `AppConfig.ready()`. Every entry says who may see it in the same way
(`permission`, `roles`), and entries are ordered by `order` within their own registry only.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils.module_loading import autodiscover_modules

from .roles import has_role


class Entry:
    """What an app contributes to a registry. Subclasses add what their registry needs."""

    key: str = ""  # unique within the registry; the class's dotted path when left empty
    order: int = 100  # position within this registry, lowest first
    permission: str | tuple[str, ...] = ""  # the user must hold every permission named
    roles: tuple[str, ...] = ()  # when given, the user must also hold one of these roles

    def visible_to(self, user) -> bool:
        if self.roles and not has_role(user, *self.roles):
            return False
        needed = (self.permission,) if isinstance(self.permission, str) else self.permission
        return user.has_perms([perm for perm in needed if perm])


class Registry:
    def __init__(self, name: str, base: type[Entry]):
        self.name = name
        self.base = base
        self._entries: dict[str, Entry] = {}
        self._discovered = False

    def __repr__(self):
        return f"<Registry {self.name}: {len(self._entries)} entries>"

    def register(self, entry_class: type[Entry]) -> type[Entry]:
        """Class decorator: add an instance of `entry_class` (registering it again replaces it)."""
        if not issubclass(entry_class, self.base):
            raise TypeError(f"{entry_class.__name__} must derive from {self.base.__name__} to join {self.name}")
        entry = entry_class()
        if not entry.key:
            entry.key = f"{entry_class.__module__}.{entry_class.__qualname__}"
        self._entries[entry.key] = entry
        return entry_class

    def entries(self) -> list[Entry]:
        """Every entry, in order."""
        if not self._discovered:
            autodiscover_modules(self.name)
            self._discovered = True
        return sorted(self._entries.values(), key=lambda entry: (entry.order, entry.key))

    def visible_to(self, user) -> list[Entry]:
        return [entry for entry in self.entries() if entry.visible_to(user)]

    def by_key(self) -> dict[str, Entry]:
        return {entry.key: entry for entry in self.entries()}

    def get(self, key: str) -> Entry | None:
        return self.by_key().get(key)

    @contextmanager
    def added(self, entry: Entry) -> Iterator[Entry]:
        """For tests: `entry` belongs to the registry inside the block only."""
        self.entries()
        if not entry.key:
            entry.key = f"{type(entry).__module__}.{type(entry).__qualname__}"
        previous = self._entries.get(entry.key)
        self._entries[entry.key] = entry
        try:
            yield entry
        finally:
            if previous is None:
                self._entries.pop(entry.key, None)
            else:
                self._entries[entry.key] = previous
