"""Signed agreement documents: what may be uploaded, and where it is kept.

Documents are stored under a generated name in a folder that no URL serves (`MEDIA_ROOT/private/`);
they are downloaded only through the agreement's download view, which checks the user's permission.
"""

import os
import uuid
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from liaison.web.uploads import validate_archive

MAX_DOCUMENT_SIZE = 10 * 1024 * 1024

PDF = b"%PDF-"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word, Excel, PowerPoint 97-2003
ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument are zip archives

# extension -> (leading bytes, content type)
ALLOWED_TYPES = {
    ".pdf": (PDF, "application/pdf"),
    ".doc": (OLE2, "application/msword"),
    ".xls": (OLE2, "application/vnd.ms-excel"),
    ".ppt": (OLE2, "application/vnd.ms-powerpoint"),
    ".docx": (ZIP, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".xlsx": (ZIP, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": (ZIP, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ".odt": (ZIP, "application/vnd.oasis.opendocument.text"),
}


class PrivateStorage(FileSystemStorage):
    """Files under MEDIA_ROOT/private, which has no URL: views stream them after a permission check."""

    @cached_property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, "private")

    def url(self, name):
        raise ValueError("private files have no URL; use the download view")


_storage = PrivateStorage()


class DocumentFieldFile(FieldFile):
    """Its URL is the agreement's download view, which checks permission, wherever a widget shows it."""

    @property
    def url(self):
        self._require_file()
        return reverse("partnerships:agreement_document", args=[self.instance.pk])


class DocumentField(models.FileField):
    attr_class = DocumentFieldFile


def private_storage():
    return _storage


def agreement_document_path(instance, filename):
    """A generated name, so that an uploaded name never decides where a file lands or what it overwrites."""
    return f"agreements/{uuid.uuid4().hex}{extension(filename)}"


def extension(filename):
    return os.path.splitext(filename or "")[1].lower()


def content_type(filename):
    return ALLOWED_TYPES.get(extension(filename), (None, "application/octet-stream"))[1]


def validate_document(upload):
    """A PDF or Office document no larger than MAX_DOCUMENT_SIZE whose content matches its extension."""
    if getattr(upload, "_committed", False):
        return  # a file already stored, unchanged: it was checked when it was uploaded
    ext = extension(upload.name)
    if ext not in ALLOWED_TYPES:
        raise ValidationError(
            _("Upload a PDF or an Office document (.pdf, .doc, .docx, .xls, .xlsx, .ppt, .pptx, .odt)."),
            code="document_type",
        )
    if upload.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("The document is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(upload.size / 1024 / 1024, 1), "limit": MAX_DOCUMENT_SIZE // 1024 // 1024},
            code="document_size",
        )
    validate_archive(upload)  # a zip bomb is refused before any reader opens it
    if not _content_matches(upload, ALLOWED_TYPES[ext][0]):
        raise ValidationError(
            _("The file's content is not a %(ext)s document: it may be damaged or renamed.") % {"ext": ext},
            code="document_content",
        )


def _content_matches(upload, magic):
    upload.seek(0)
    head = upload.read(len(magic))
    try:
        if head != magic:
            return False
        if magic != ZIP:
            return True
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return False
        return "[Content_Types].xml" in names or "mimetype" in names
    finally:
        upload.seek(0)
