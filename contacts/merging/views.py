"""The merge pages: pick the other record, then choose field by field and confirm (officers and administrators)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from liaison.web.access import permission_required

from ..models import Organisation, Person
from .forms import MergeForm, OrganisationMergeStartForm, PersonMergeStartForm
from .services import (
    MergeError,
    erased_refusal,
    merge_organisations,
    merge_people,
    merge_refusal,
    related_counts,
)

PERMISSIONS = ("contacts.add_mergedrecord", "contacts.change_person", "contacts.delete_person")
ORGANISATION_PERMISSIONS = (
    "contacts.add_mergedrecord",
    "contacts.change_organisation",
    "contacts.delete_organisation",
)

KINDS = {
    Person: {
        "merge": merge_people,
        "url": "contacts:person_merge",
        "start_form": PersonMergeStartForm,
        "list_url": "contacts:person_list",
    },
    Organisation: {
        "merge": merge_organisations,
        "url": "contacts:organisation_merge",
        "start_form": OrganisationMergeStartForm,
        "list_url": "contacts:organisation_list",
    },
}


def _merge_page(request, model, keep_pk, other_pk):
    kind = KINDS[model]
    keep = get_object_or_404(model, pk=keep_pk)
    other = get_object_or_404(model, pk=other_pk)
    refusal = merge_refusal(keep, other)
    if refusal:
        messages.error(request, refusal)
        return redirect(keep)
    form = MergeForm(request.POST if request.method == "POST" else None, keep=keep, other=other)
    if request.method == "POST" and form.is_valid():
        other_label = str(other)
        try:
            kind["merge"](keep, other, form.choices(), request.user, form.cleaned_data["reason"])
        except MergeError as error:
            messages.error(request, str(error))
            return redirect(keep)
        messages.success(
            request, _("%(other)s was merged into %(keep)s.") % {"other": other_label, "keep": keep_label(keep)}
        )
        return redirect(keep)
    context = {
        "keep": keep,
        "other": other,
        "form": form,
        "moving": related_counts(other),
        "swap_url": reverse(kind["url"], args=[other.pk, keep.pk]),
        "list_url": reverse(kind["list_url"]),
        "opts": model._meta,
    }
    return render(request, "contacts/merge.html", context, status=400 if request.method == "POST" else 200)


def keep_label(record) -> str:
    return str(type(record)._base_manager.get(pk=record.pk))


def _merge_start(request, model, pk):
    kind = KINDS[model]
    record = get_object_or_404(model, pk=pk)
    if isinstance(record, Person) and record.erased_at:
        messages.error(request, erased_refusal())
        return redirect(record)
    form = kind["start_form"](request.GET if "other" in request.GET else None)
    if form.is_bound and form.is_valid():
        other = form.cleaned_data["other"]
        refusal = merge_refusal(record, other)
        if refusal:
            form.add_error("other", refusal)
        else:
            return redirect(kind["url"], record.pk, other.pk)
    context = {"record": record, "form": form, "opts": model._meta, "list_url": reverse(kind["list_url"])}
    return render(request, "contacts/merge_start.html", context)


@permission_required(*PERMISSIONS)
def person_merge(request, keep, other):
    return _merge_page(request, Person, keep, other)


@permission_required(*ORGANISATION_PERMISSIONS)
def organisation_merge(request, keep, other):
    return _merge_page(request, Organisation, keep, other)


@permission_required(*PERMISSIONS)
def person_merge_start(request, pk):
    return _merge_start(request, Person, pk)


@permission_required(*ORGANISATION_PERMISSIONS)
def organisation_merge_start(request, pk):
    return _merge_start(request, Organisation, pk)
