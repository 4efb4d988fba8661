"""Every change to a task goes through here: pages and tests alike."""

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from liaison.reminders.messages import ReaderDate, message_of, reader_text
from liaison.reminders.models import Notification, NotificationPreference
from liaison.web.forms import user_label

from .models import Task


def task_assigned(task: Task, *, by) -> Notification | None:
    """Tells the assignee, behind the bell and in their language, that a colleague gave them a task."""
    if task.assignee_id == by.pk:
        return None
    text = reader_text(
        gettext_lazy("%(name)s gave you a task: %(task)s (due %(date)s)"),
        name=user_label(by),
        task=task.title,
        date=ReaderDate(task.due_on),
    )
    language = NotificationPreference.objects.for_user(task.assignee).language
    with translation.override(language):
        title = str(text)[:300]  # kept as written, for the admin; the pages render `message` in the reader's language
    return Notification.objects.create(
        user=task.assignee, title=title, message=message_of(text), url=task.get_absolute_url()
    )


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
