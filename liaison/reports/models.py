"""The Word templates of the reports: the default is built by code; an administrator may upload a replacement."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class TemplateStorage(FileSystemStorage):
    """MEDIA_ROOT/private/report-templates: no URL serves it."""

    @cached_property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "private", "report-templates")

    def url(self, name):
        raise ValueError("report templates have no URL")


_storage = TemplateStorage()


def template_storage():
    return _storage


def template_path(instance, filename):
    return f"{instance.kind}-{uuid.uuid4().hex}.docx"


class ReportTemplate(models.Model):
    """The Word template of one kind of report, used instead of the built-in one."""

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("Periodic activity report")
        BACK_TO_OFFICE = "back_to_office", _("Back-to-office report")

    kind = models.CharField(_("report"), max_length=20, choices=Kind.choices, unique=True)
    file = models.FileField(
        _("Word template (.docx)"),
        upload_to=template_path,
        storage=template_storage,
        max_length=255,
        help_text=_("A .docx with docxtpl tags; download the built-in one with manage.py report_template to start."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")

    def __str__(self):
        return str(self.get_kind_display())


class ReportJob(models.Model):
    """An activity report made in the background (a long period): its filters, how far it got, then the file."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for its turn")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("for"), on_delete=models.CASCADE, related_name="report_jobs"
    )
    query = models.JSONField(_("filters"), default=dict)
    format = models.CharField(_("format"), max_length=4)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    content = models.BinaryField(_("file"), blank=True, default=b"", editable=False)
    filename = models.CharField(_("file name"), max_length=120, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("asked for"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report being made")
        verbose_name_plural = _("reports being made")

    def __str__(self):
        return f"{self.filename or self.format} ({self.get_status_display()})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("reports:job", args=[self.pk])

    @property
    def working(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
