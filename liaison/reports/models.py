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
