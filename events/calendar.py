"""The events app's calendar entries: events and missions (see liaison.calendar)."""

from django.utils.translation import gettext as _

from liaison.calendar import CalendarEntry, register_entries


@register_entries
def event_entries(start, end, user):
    from .models import Event

    if not user.has_perm("events.view_event"):
        return
    for event in Event.objects.between(start, end).exclude(status=Event.Status.CANCELLED).order_by("start"):
        yield event_entry(event)


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


@register_entries
def mission_entries(start, end, user):
    from .models import Mission

    if not user.has_perm("events.view_mission"):
        return
    missions = Mission.objects.between(start, end).exclude(
        approval__in=[Mission.Approval.REJECTED, Mission.Approval.CANCELLED]
    )
    for mission in missions.select_related("traveller"):
        traveller = mission.traveller.get_full_name() or mission.traveller.get_username()
        yield CalendarEntry(
            title=_("Mission: %(destination)s (%(traveller)s)")
            % {"destination": mission.destination, "traveller": traveller},
            start=mission.start_date,
            end=mission.end_date,
            url=mission.get_absolute_url(),
            kind="mission",
            uid=f"mission-{mission.pk}",
            location=mission.destination,
        )
