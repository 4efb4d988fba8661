"""The events app's calendar entries: events and missions (see liaison.calendar)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.calendar.registry import CalendarEntry, CalendarSource, register

from .models import Event, Mission


def event_entry(event) -> CalendarEntry:
    return CalendarEntry(
        title=event.title,
        start=event.start,
        end=event.end,
        url=event.get_absolute_url(),
        kind="event",
        uid=f"event-{event.pk}",
        location=event.place,
        description=event.get_status_display(),
    )


@register
class Events(CalendarSource):
    permission = "events.view_event"
    kinds = {"event": gettext_lazy("Events")}

    def entries(self, start, end, user):
        for event in Event.objects.between(start, end).exclude(status=Event.Status.CANCELLED).order_by("start"):
            yield event_entry(event)


@register
class Missions(CalendarSource):
    permission = "events.view_mission"
    kinds = {"mission": gettext_lazy("Missions")}

    def entries(self, start, end, user):
        missions = Mission.objects.between(start, end).exclude(
            approval__in=[Mission.Approval.REJECTED, Mission.Approval.CANCELLED]
        )
        for mission in missions.select_related("traveller"):
            traveller = mission.traveller.get_full_name() or mission.traveller.get_username()
            yield CalendarEntry(
                title=_("Mission: %(destination)s (%(traveller)s)")
                % {"destination": mission.destination, "traveller": traveller},
                start=mission.start_date,
                url=mission.get_absolute_url(),
                kind="mission",
                uid=f"mission-{mission.pk}",
                location=mission.destination,
                end=mission.end_date,
            )
