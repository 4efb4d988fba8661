from django.utils.translation import gettext_lazy as _

from liaison.reminders.registry import DueItem, ReminderSource, reader_text, register

from .models import Task

TASK_SOURCE = "work.task"


@register
class TaskSource(ReminderSource):
    """Open tasks, reminded to the colleague they were given to."""

    key = TASK_SOURCE
    label = _("Tasks")
    default_offsets = (3, 1, 0)
    models = ("work.task",)

    def _items(self, tasks):
        for task in tasks.select_related("assignee"):
            yield DueItem(
                obj=task,
                due=task.due_on,
                recipients=(task.assignee,),
                title=reader_text(_("Task: %(task)s"), task=task.title),
                url=task.get_absolute_url(),
            )

    def items(self, start, end):
        return self._items(Task.objects.open().filter(due_on__range=(start, end)))

    def items_for(self, user, start, end):
        return list(self._items(Task.objects.open().filter(assignee=user, due_on__range=(start, end))))

    def is_still_due(self, object_id, due_on):
        return Task.objects.open().filter(pk=object_id, due_on=due_on).exists()
