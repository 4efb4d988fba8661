"""Every change to a task goes through here: pages and tests alike."""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from liaison.reminders.models import Notification, NotificationPreference
from liaison.web.forms import user_label

from .models import Task


def task_assigned(task: Task, *, by) -> Notification | None:
    """Tells the assignee, behind the bell and in their language, that a colleague gave them a task."""
    if task.assignee_id == by.pk:
        return None
    language = NotificationPreference.objects.for_user(task.assignee).language
    with translation.override(language):
        title = gettext("%(name)s gave you a task: %(task)s (due %(date)s)") % {
            "name": user_label(by),
            "task": task.title,
            "date": formats.date_format(task.due_on),
        }
    return Notification.objects.create(user=task.assignee, title=title[:300], url=task.get_absolute_url())


def task_done(task: Task, *, by) -> Task:
    if task.done_at is None:
        task.done_at, task.done_by = timezone.now(), by
        task.save(update_fields=["done_at", "done_by", "updated_at"])
    return task


def task_reopen(task: Task) -> Task:
    if task.done_at is not None:
        task.done_at, task.done_by = None, None
        task.save(update_fields=["done_at", "done_by", "updated_at"])
    return task
