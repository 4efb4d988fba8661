"""What the reminder engine should remind of in events (see liaison.reminder_sources)."""

from django.utils.translation import gettext_lazy as _

from liaison.reminders.registry import DueItem, ReaderDate, ReminderSource, reader_text, register

from .models import Event, Mission


@register
class EventSource(ReminderSource):
    """Events the office organises, speaks at or attends, planned or confirmed: reminded by their start."""

    key = "events.event"
    label = _("Events the office takes part in")
    models = ("events.Event",)
    remind_overdue = False  # once it has started, there is nothing left to prepare

    def items(self, start, end):
        events = Event.objects.office_takes_part().filter(start__date__range=(start, end)).select_related("owner")
        for event in events:
            yield DueItem(
                obj=event,
                due=event.start,
                recipients=(event.owner,),
                title=reader_text(_("Event: %(title)s"), title=event.title),
                url=event.get_absolute_url(),
            )


@register
class MissionReportSource(ReminderSource):
    """Back-to-office reports due after a mission and not yet done: reminded to the traveller."""

    key = "events.mission_report"
    label = _("Back-to-office reports")
    models = ("events.Mission",)
    default_offsets = (7, 3, 1, 0)

    def items(self, start, end):
        missions = Mission.objects.reports_pending().filter(report_due__range=(start, end)).select_related("traveller")
        for mission in missions:
            yield DueItem(
                obj=mission,
                due=mission.report_due,
                recipients=(mission.traveller,),
                title=reader_text(
                    _("Back-to-office report: %(destination)s (%(date)s)"),
                    destination=mission.destination,
                    date=ReaderDate(mission.start_date),
                ),
                url=mission.get_absolute_url(),
            )
