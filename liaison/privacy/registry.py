"""What each app holds about a person, for the access export and for the erasure.

An app that keeps personal data declares it in its own `privacy.py`:

    @register
    class Participations(PersonalData):
        key = "events.participations"
        label = _("Participations")

        def export(self, person, user):
            return {"participations": [{"event": p.event.title, ...} for p in person.participations.all()]}

        def erase(self, person, names):
            ...  # wipe free text naming them, keep what the statistics count

The privacy room knows no model of the apps: the person's page asks every entry, in order.
"""

import re

from django.db.models import QuerySet

from liaison.web.registry import Entry, Registry


class PersonalData(Entry):
    label = ""
    titles: dict = {}  # {section name: its heading in the readable summary}

    def export(self, person, user) -> dict[str, list[dict]]:
        """{section name: rows} of what is held about `person` that `user` may disclose to them."""
        return {}

    def erasure_refusal(self, person) -> str:
        """Why `person` may not be erased now (in the reader's language); "" when they may."""
        return ""

    def erase(self, person, names: list[str]) -> None:
        """Remove the free text about `person` (`names`: their names and addresses), keep what figures count."""

    def active_since(self, since) -> QuerySet | None:
        """Ids of the people with activity (an interaction, a participation…) on or after `since`."""
        return None

    def last_active(self, people) -> dict:
        """{person id: the date of their latest activity} for the people of the queryset `people`."""
        return {}


registry = Registry("privacy", PersonalData)
register = registry.register


def redact(text: str, names: list[str], replacement: str = "[…]") -> str:
    """`text` with every occurrence of each name (any case) replaced."""
    for name in sorted({n for n in names if n and len(n) > 1}, key=len, reverse=True):
        text = re.sub(re.escape(name), replacement, text, flags=re.IGNORECASE)
    return text
