from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from liaison import home_sections, panels
        from liaison.home_sections import Section
        from liaison.panels import Panel

        from . import calendar  # noqa: F401 (registers the events' and missions' calendar entries)
        from .panels import person_events

        for section in (
            Section(
                _("Events"),
                _("Forums, trainings and exchanges, with who took part and what came out of them."),
                "events:event_list",
                "events.view_event",
                "bi-people",
                50,
            ),
            Section(
                _("Calendar"),
                _("Events, missions and deadlines month by month, and a feed for your own calendar."),
                "events:calendar",
                "events.view_event",
                "bi-calendar3",
                51,
            ),
            Section(
                _("Programmes"),
                _("Capacity-development plans and their progress against targets."),
                "events:programme_list",
                "events.view_programme",
                "bi-mortarboard",
                52,
            ),
            Section(
                _("Missions"),
                _("Travel to represent the office, and the back-to-office reports."),
                "events:mission_list",
                "events.view_mission",
                "bi-airplane",
                53,
            ),
        ):
            home_sections.register(section)
        panels.register(
            Panel(model="contacts.person", template="events/_person_events_panel.html", context=person_events, order=50)
        )
