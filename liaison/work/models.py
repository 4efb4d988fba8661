"""A task: a follow-up or a to-do that one colleague gives another (or themselves), due on a day, about a record."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liaison.web.models import TimeStamped


class TaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)

    def done(self):
        return self.filter(done_at__isnull=False)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def about(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class Task(TimeStamped):
    title = models.CharField(_("task"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    due_on = models.DateField(_("due on"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), on_delete=models.PROTECT, related_name="tasks"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The record the task is about (a person, a partnership, an event…), if any.
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE, null=True, blank=True
    )
    object_id = models.PositiveBigIntegerField(_("record"), null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            # My work and the reminder sweep: open tasks by assignee and due date.
            models.Index(fields=["assignee", "due_on"], name="task_open_by_assignee", condition=Q(done_at=None)),
            models.Index(fields=["due_on"], name="task_open_by_due", condition=Q(done_at=None)),
            models.Index(fields=["content_type", "object_id"], name="task_by_record"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__isnull=True, object_id__isnull=True)
                | Q(content_type__isnull=False, object_id__isnull=False),
                name="task_record_whole",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("work:task_detail", args=[self.pk])

    @property
    def is_done(self):
        return self.done_at is not None

    @property
    def is_overdue(self):
        return not self.is_done and self.due_on < timezone.localdate()
