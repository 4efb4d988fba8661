"""What events hold about a person: their participations (kept, anonymous, by an erasure: they are the figures)."""

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.privacy.registry import PersonalData, register

from .models import Participation


@register
class EventsData(PersonalData):
    key = "events"
    label = _("Events")
    order = 30
    titles = {"participations": _("Participations in events")}

    def export(self, person, user):
        participations = Participation.objects.filter(person=person).select_related("event", "organisation")
        return {
            "participations": [
                {
                    "event": participation.event.title,
                    "kind": participation.event.kind,
                    "start": participation.event.start,
                    "role": participation.role,
                    "status": participation.status,
                    "organisation": str(participation.organisation or ""),
                    "position": participation.position,
                    "notes": participation.notes,
                }
                for participation in participations.order_by("event__start", "pk")
            ]
        }

    def erase(self, person, names):
        # Role, status, event and organisation stay: they are the people trained and the participation counts.
        Participation.objects.filter(person=person).update(position="", notes="")
        Participation.history.filter(person_id=person.pk).update(position="", notes="")

    def active_since(self, since):
        return Participation.objects.filter(event__start__date__gte=since).values("person")

    def last_active(self, people):
        latest = Participation.objects.filter(person__in=people).values("person").annotate(last=Max("event__start"))
        return {row["person"]: timezone.localdate(row["last"]) for row in latest}
