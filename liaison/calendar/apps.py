from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarConfig(AppConfig):
    """The calendar of every app's dates: the month view and each user's secret iCalendar feed."""

    name = "liaison.calendar"
    label = "calendar"
    verbose_name = _("Calendar")
