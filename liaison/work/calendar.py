"""A user's open tasks in their calendar and iCal feed (see liaison.calendar)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.calendar.registry import CalendarEntry, CalendarSource, register

from .models import Task


@register
class Tasks(CalendarSource):
    permission = "work.view_task"
    kinds = {"task": gettext_lazy("Tasks")}

    def entries(self, start, end, user):
        for task in Task.objects.open().filter(assignee=user, due_on__range=(start, end)).only("pk", "title", "due_on"):
            yield CalendarEntry(
                title=_("Task: %(task)s") % {"task": task.title},
                start=task.due_on,
                url=task.get_absolute_url(),
                kind="task",
                uid=f"work-task-{task.pk}",
            )
