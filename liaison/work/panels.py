"""The tasks panel: open tasks about a record, on its page, with "Add a task".

An app gives its records the panel (and so lets tasks be about them) in its own `panels.py`:

    @register
    class EventTasks(TasksPanel):
        model = "events.event"
"""

from django.utils.translation import gettext_lazy as _

from liaison.web.panels import Panel

PANEL_LIMIT = 10


class TasksPanel(Panel):
    template = "work/_tasks_panel.html"
    permission = "work.view_task"
    order = 15
    title = _("Tasks")

    def context(self, request, obj):
        from .models import Task
        from .records import record_reference

        tasks = Task.objects.about(obj).open().select_related("assignee")
        rows = list(tasks[: PANEL_LIMIT + 1])
        done = Task.objects.about(obj).done().count()
        return {
            "tasks": rows[:PANEL_LIMIT],
            "more": len(rows) > PANEL_LIMIT,
            "done_count": done,
            "record_reference": record_reference(obj),
            "can_add": request.user.has_perm("work.add_task"),
            "can_change": request.user.has_perm("work.change_task"),
        }
