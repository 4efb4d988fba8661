"""What Events adds to other apps' pages (see liaison.web.panels)."""

from django.utils.translation import gettext_lazy as _

from contacts.timeline import ConcernsPanel
from liaison.web.panels import Panel, register
from liaison.work.panels import TasksPanel

from .models import Event

PANEL_LIMIT = 20


@register
class PersonEvents(Panel):
    """The events a person took part in, latest first, with the organisation they came from then."""

    model = "contacts.person"
    template = "events/_person_events_panel.html"
    permission = "events.view_participation"
    order = 50

    def context(self, request, person):
        participations = person.participations.select_related("event", "organisation").order_by("-event__start")
        rows = list(participations[: PANEL_LIMIT + 1])
        return {"participations": rows[:PANEL_LIMIT], "more": len(rows) > PANEL_LIMIT}


@register
class InteractionEvents(ConcernsPanel):
    """The events an interaction concerns."""

    concerned = Event
    title = _("Events")
    permission = "events.view_event"
    order = 50


@register
class EventTasks(TasksPanel):
    model = "events.event"
