"""Generic views for one business record: detail, create, edit, delete, with role checks.

Each app's views subclass these and name their model, form and (if they need one) template.
Permissions are the model's own: view_/add_/change_/delete_<model>, so officers edit,
supervisors read, and outsiders get 403.
"""

from django.contrib import messages
from django.db import router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.db.models.deletion import Collector
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView

from . import submissions
from .access import ModelPermissionMixin


class RecordDetailView(ModelPermissionMixin, DetailView):
    permission_action = "view"


class RecordFormMixin:
    """Shared by create and edit: the generic form template, its breadcrumb and a success message."""

    template_name = "web/record_form.html"
    success_message = ""
    list_url_name = ""  # the list the breadcrumb leads back to

    def get_context_data(self, **kwargs):
        list_url = reverse(self.list_url_name) if self.list_url_name else None
        return super().get_context_data(list_url=list_url, opts=self.model._meta, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if getattr(self.get_form_class(), "takes_user", False):
            kwargs["user"] = self.request.user
        return kwargs

    @transaction.atomic
    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, self.get_success_message())
        return response

    def get_success_message(self):
        return self.success_message or _("%(name)s saved.") % {"name": self.object}


class RecordCreateView(ModelPermissionMixin, RecordFormMixin, CreateView):
    """A create page whose form is saved once however often it is sent (see liaison.web.submissions)."""

    permission_action = "add"

    def get_context_data(self, **kwargs):
        # A form shown again with its errors keeps its key: sent twice, it is still one submission.
        kwargs.setdefault("submission_key", submissions.key_from(self.request) or submissions.new_key())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        key = submissions.key_from(request)
        if not key:
            return super().post(request, *args, **kwargs)
        if done := submissions.earlier(key, request.user):
            return self.already_saved(done)
        with transaction.atomic():
            # Taken in the same transaction as the record: a concurrent twin waits here, then finds it.
            if done := submissions.claim(key, request.user):
                return self.already_saved(done)
            response = super().post(request, *args, **kwargs)
            if response.status_code in (301, 302, 303) and getattr(self.object, "pk", None):
                submissions.record(key, response["Location"])
            else:  # not saved (the form had errors): the key is free for the corrected form
                transaction.set_rollback(True)
        return response

    def already_saved(self, done):
        if done.user_id != self.request.user.pk:  # someone else's key: not theirs to follow
            messages.error(self.request, _("This form can no longer be used; please fill it in again."))
            return HttpResponseRedirect(self.request.path)
        messages.info(
            self.request, _("This form had already been saved; here is what it saved. Nothing was saved twice.")
        )
        return HttpResponseRedirect(done.url or self.request.path)

    def get_initial(self):
        initial = super().get_initial()
        form_fields = getattr(self.get_form_class()._meta, "fields", None) or []
        if "owner" in form_fields:
            initial.setdefault("owner", self.request.user.pk)
        return initial


class RecordUpdateView(ModelPermissionMixin, RecordFormMixin, UpdateView):
    permission_action = "change"


def deletion_blockers(obj, limit: int = 10) -> list:
    """The records that protect `obj` from deletion (on_delete=PROTECT), at most `limit` of them."""
    collector = Collector(using=router.db_for_write(type(obj)))
    try:
        collector.collect([obj])
    except ProtectedError as error:
        return list(error.protected_objects)[:limit]
    except RestrictedError as error:
        return list(error.restricted_objects)[:limit]
    return []


class RecordDeleteView(ModelPermissionMixin, DeleteView):
    """Asks for confirmation, naming what would stop the deletion; deleted records stay in their history."""

    permission_action = "delete"
    template_name = "web/record_confirm_delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(blockers=deletion_blockers(self.object), **kwargs)

    def form_valid(self, form):
        name = str(self.object)
        try:
            with transaction.atomic():
                self.object.delete()
        except ProtectedError:
            messages.error(
                self.request,
                _("%(name)s cannot be deleted while other records depend on it.") % {"name": name},
            )
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, _("%(name)s deleted.") % {"name": name})
        return HttpResponseRedirect(self.get_success_url())
