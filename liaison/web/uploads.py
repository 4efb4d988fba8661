"""Uploaded files, for every FileField of the project: one mechanism rather than a patch per form.

- `validate_archive`: a zip (every Office Open XML and OpenDocument file is one) whose directory says it would
  inflate beyond UPLOAD_ARCHIVE_MAX_BYTES, or by more than UPLOAD_ARCHIVE_MAX_RATIO, is refused (a zip bomb).
  Only the archive's central directory is read: nothing is extracted.
- `RequestSizeMiddleware`: a request whose Content-Length passes MAX_REQUEST_BYTES is answered 413 before its
  body is read.
- The upload handlers (FILE_UPLOAD_HANDLERS) shorten an uploaded name to 255 characters, keeping its extension.
- `bound_file_fields` (at start-up): every model FileField gets `validate_archive`, and the file of a record is
  deleted from its storage once the record is deleted or its file replaced (after the transaction commits).
"""

import logging
import os
import zipfile

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.db import models, transaction
from django.db.models.signals import post_delete, post_init, post_save, pre_save
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext

from .dates import PROJECT_APPS

logger = logging.getLogger(__name__)

MAX_NAME_LENGTH = 255
# An extension longer than this is part of the name, not an extension ("report.final version of the text").
MAX_EXTENSION_LENGTH = 16


# --- zip bombs -------------------------------------------------------------------------------------------------
def archive_problem(file) -> str | None:
    """Why this file may not be accepted as an archive (a message), or None: not a zip, or a reasonable one.

    Reads the central directory only (the declared sizes, which also bound what any reader will inflate).
    """
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        if not zipfile.is_zipfile(file):
            return None
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            return None  # not readable as a zip: no reader will inflate it either; the type checks refuse it
    finally:
        file.seek(position)
    limit = settings.UPLOAD_ARCHIVE_MAX_BYTES
    if len(members) > settings.UPLOAD_ARCHIVE_MAX_MEMBERS:
        return gettext("The file is an archive of %(count)s parts; at most %(limit)s are accepted.") % {
            "count": len(members),
            "limit": settings.UPLOAD_ARCHIVE_MAX_MEMBERS,
        }
    inflated = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members)
    if inflated > limit:
        return gettext(
            "The file would expand to %(size)s when opened; at most %(limit)s is accepted. "
            "It may be damaged or made to overload the server (a zip bomb): save it again or make it smaller."
        ) % {"size": filesizeformat(inflated), "limit": filesizeformat(limit)}
    ratio = inflated / max(compressed, 1)
    if inflated > settings.UPLOAD_ARCHIVE_RATIO_FROM and ratio > settings.UPLOAD_ARCHIVE_MAX_RATIO:
        return gettext(
            "The file would expand %(ratio)s times when opened; at most %(limit)s times is accepted. "
            "It may be damaged or made to overload the server (a zip bomb): save it again."
        ) % {"ratio": int(ratio), "limit": settings.UPLOAD_ARCHIVE_MAX_RATIO}
    return None


def validate_archive(upload) -> None:
    """A validator for file fields: refuses a zip bomb with a message (a stored, unchanged file is not re-read)."""
    if upload is None or getattr(upload, "_committed", False) or not hasattr(upload, "seek"):
        return
    problem = archive_problem(upload)
    if problem:
        raise ValidationError(problem, code="archive_too_large")


# --- the request's size ----------------------------------------------------------------------------------------
class RequestSizeMiddleware:
    """A request declaring a body larger than MAX_REQUEST_BYTES gets the 413 page; its body is never read.

    After the session, locale and authentication middleware (the page is in the user's language and layout),
    before anything that reads request.POST or request.FILES (CSRF's check runs later, in process_view).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            message = gettext("What was sent is %(size)s; the limit is %(limit)s. Send a smaller file.") % {
                "size": filesizeformat(length),
                "limit": filesizeformat(settings.MAX_REQUEST_BYTES),
            }
            response = render(request, "413.html", {"message": message}, status=413)
            response["Connection"] = "close"  # the body is not read: the connection cannot carry another request
            return response
        return self.get_response(request)


# --- names -----------------------------------------------------------------------------------------------------
def shortened_name(name: str, limit: int = MAX_NAME_LENGTH) -> str:
    """The name cut to `limit` characters, its extension kept ("a…a.pdf")."""
    if not name or len(name) <= limit:
        return name
    stem, ext = os.path.splitext(name)
    if len(ext) > MAX_EXTENSION_LENGTH:
        stem, ext = name, ""
    return stem[: limit - len(ext)] + ext


class ShortNamesMixin:
    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, shortened_name(file_name), *args, **kwargs)


class MemoryUploadHandler(ShortNamesMixin, MemoryFileUploadHandler):
    """Django's in-memory handler, the file's name shortened to 255 characters."""


class TemporaryUploadHandler(ShortNamesMixin, TemporaryFileUploadHandler):
    """Django's temporary-file handler, the file's name shortened to 255 characters."""


# --- every model FileField: validated, and its files deleted with the record or when replaced -----------------
def project_file_fields():
    """(model, field) for every FileField of the project's models (historical copies keep only a text path)."""
    for model in apps.get_models():
        if model._meta.app_config.name.split(".")[0] not in PROJECT_APPS:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field


def _delete_when_committed(field, name, model):
    """Deletes the stored file `name` after the commit, unless another record of the model still names it."""

    def delete():
        if model._base_manager.filter(**{field.attname: name}).exists():
            return
        try:
            field.storage.delete(name)
        except OSError:
            logger.warning("could not delete the replaced or orphaned file %s", name, exc_info=True)

    transaction.on_commit(delete)


def _file_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.FileField)]


def _name(value) -> str:
    return (value if isinstance(value, str) else getattr(value, "name", None)) or ""


def _remember_stored_files(sender, instance, **kwargs):
    """On loading (post_init) and after saving: the names stored, to know at the next save what it replaces."""
    instance._stored_files = {
        field.attname: _name(instance.__dict__[field.attname])
        for field in _file_fields(sender)
        if field.attname in instance.__dict__  # a deferred field is looked up if it changes
    }


def _forget_replaced_files(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding or instance.pk is None:
        return
    stored = getattr(instance, "_stored_files", {})
    for field in _file_fields(sender):
        if field.attname not in instance.__dict__:
            continue  # deferred and not set: unchanged
        current = _name(instance.__dict__[field.attname])
        if field.attname in stored:
            previous = stored[field.attname]
        else:
            previous = sender._base_manager.filter(pk=instance.pk).values_list(field.attname, flat=True).first()
        if previous and previous != current:
            _delete_when_committed(field, previous, sender)


def _forget_deleted_files(sender, instance, **kwargs):
    for field in _file_fields(sender):
        stored = getattr(instance, field.attname)
        if stored and stored.name:
            _delete_when_committed(field, stored.name, sender)


def bound_file_fields():
    """At start-up: every project FileField validates archives, and its files leave with their record."""
    for model, field in project_file_fields():
        if validate_archive not in field.validators:
            field.validators.append(validate_archive)  # the field's cached list, read by clean_fields()
        label = model._meta.label_lower
        post_init.connect(_remember_stored_files, sender=model, dispatch_uid=f"liaison.web.uploads.init.{label}")
        post_save.connect(_remember_stored_files, sender=model, dispatch_uid=f"liaison.web.uploads.saved.{label}")
        pre_save.connect(_forget_replaced_files, sender=model, dispatch_uid=f"liaison.web.uploads.replaced.{label}")
        post_delete.connect(_forget_deleted_files, sender=model, dispatch_uid=f"liaison.web.uploads.deleted.{label}")


# The form field of a file that is not a model's (an import): the same checks.
def upload_field(**kwargs):
    """A forms.FileField refusing zip bombs, for uploads that are not stored in a model FileField."""
    kwargs.setdefault("max_length", MAX_NAME_LENGTH)
    validators = [*kwargs.pop("validators", []), validate_archive]
    return forms.FileField(validators=validators, **kwargs)
