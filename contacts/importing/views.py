"""The import pages: upload, map the columns, preview, confirm, undo (officers and administrators)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from liaison.web import background
from liaison.web.access import permission_required

from .. import tasks
from ..models import Affiliation, ImportBatch, ImportMapping, Organisation, Person
from .batches import batch_create, progress_of, run, table_of
from .commit import ImportRefused
from .forms import ImportMappingForm, ImportUploadForm
from .mapping import FIELDS, KINDS
from .plan import ACTIONS, ERROR, Plan
from .readers import ImportFileError
from .undo import import_undo, undo_refusal

PERMISSION = "contacts.add_importbatch"
ROWS_PER_PAGE = 100
RECORDS_SHOWN = 200
WORKING = (ImportBatch.Status.PLANNING, ImportBatch.Status.COMMITTING)


def _batch(pk) -> ImportBatch:
    return get_object_or_404(ImportBatch.objects.select_related("created_by", "undone_by"), pk=pk)


@permission_required(PERMISSION)
def import_start(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        options = {key: form.cleaned_data[key] for key in ("encoding", "delimiter", "sheet", "duplicates")}
        upload = form.cleaned_data["file"]
        try:
            batch = batch_create(
                kind=form.cleaned_data["kind"],
                file_name=upload.name,
                data=upload.read(),
                options=options,
                user=request.user,
                saved=form.cleaned_data["mapping"],
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect(batch)
    recent = ImportBatch.objects.select_related("created_by").defer("data", "plan")[:20]
    return render(request, "contacts/import_start.html", {"form": form, "recent": recent})


@permission_required(PERMISSION)
def import_detail(request, pk):
    batch = _batch(pk)
    context = {"batch": batch, "kind_label": KINDS.get(batch.kind, batch.kind)}
    if batch.status == ImportBatch.Status.UPLOADED:
        context["form"] = mapping_form(batch)
    elif batch.status in WORKING:
        context["progress"] = progress_context(batch)
    elif batch.status == ImportBatch.Status.PREVIEW:
        context.update(preview_context(request, batch))
    elif batch.status in (ImportBatch.Status.COMMITTED, ImportBatch.Status.UNDONE):
        context.update(result_context(batch))
    return render(request, "contacts/import_detail.html", context)


def mapping_form(batch, data=None):
    try:
        samples = table_of(batch).rows[:3] if batch.data else []
    except ImportFileError:
        samples = []
    return ImportMappingForm(data, batch=batch, samples=samples)


@permission_required(PERMISSION)
@require_POST
def import_map(request, pk):
    batch = _batch(pk)
    if batch.status not in (ImportBatch.Status.UPLOADED, ImportBatch.Status.PREVIEW, ImportBatch.Status.FAILED):
        messages.error(request, _("This import can no longer be changed."))
        return redirect(batch)
    if request.POST.get("remap"):
        batch.status, batch.plan = ImportBatch.Status.UPLOADED, None
        batch.save(update_fields=["status", "plan"])
        return redirect(batch)
    form = mapping_form(batch, request.POST)
    if not form.is_valid():
        context = {"batch": batch, "kind_label": KINDS.get(batch.kind, batch.kind), "form": form}
        return render(request, "contacts/import_detail.html", context, status=400)
    batch.columns = form.cleaned_data["columns"]
    if form.cleaned_data["save_as"]:
        ImportMapping.objects.update_or_create(
            kind=batch.kind,
            name=form.cleaned_data["save_as"],
            defaults={"columns": dict(zip(batch.headers, batch.columns, strict=True)), "created_by": request.user},
        )
    batch.status, batch.message = ImportBatch.Status.PLANNING, ""
    batch.save(update_fields=["columns", "status", "message"])
    run(tasks.import_plan, batch.pk, translation.get_language(), rows=batch.options.get("rows", 0))
    return redirect(batch)


def progress_context(batch):
    done, total = progress_of(batch)
    return {"done": done, "total": total, "percent": background.percent(done, total)}


@permission_required(PERMISSION)
def import_progress(request, pk):
    batch = _batch(pk)
    if batch.status not in WORKING:
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = batch.get_absolute_url()
            return response
        return redirect(batch)
    return render(request, "contacts/_import_progress.html", {"batch": batch, "progress": progress_context(batch)})


def preview_context(request, batch):
    plan = Plan.from_dict(batch.plan)
    show = request.GET.get("show", "")
    rows = [row for row in plan.rows if row.action == show] if show in ACTIONS else plan.rows
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    labels = FIELDS[batch.kind]
    return {
        "plan": plan,
        "counts": plan.counts(),
        "errors": plan.error_rows[:RECORDS_SHOWN],
        "page_obj": page,
        "paginator": page.paginator,
        "show": show,
        "actions": ACTIONS,
        "field_labels": labels,
        "can_commit": not any(row.action == ERROR for row in plan.rows),
        "new_organisations": list(plan.new_organisations.values())[:RECORDS_SHOWN],
    }


def result_context(batch):
    created = batch.created_records or {}
    updated = batch.updated_records or {}
    context = {
        "created_people": Person.objects.filter(pk__in=created.get("person", []))[:RECORDS_SHOWN],
        "created_organisations": Organisation.objects.filter(pk__in=created.get("organisation", []))[:RECORDS_SHOWN],
        "created_posts": Affiliation.objects.filter(pk__in=created.get("affiliation", [])).count(),
        "updated_people": Person.objects.filter(pk__in=updated.get("person", []))[:RECORDS_SHOWN],
        "updated_organisations": Organisation.objects.filter(pk__in=updated.get("organisation", []))[:RECORDS_SHOWN],
    }
    if batch.status == ImportBatch.Status.COMMITTED:
        context["undo_refusal"] = undo_refusal(batch)
    return context


@permission_required(PERMISSION)
@require_POST
def import_commit(request, pk):
    batch = _batch(pk)
    if batch.status != ImportBatch.Status.PREVIEW:
        messages.error(request, _("This import is not waiting for confirmation."))
        return redirect(batch)
    sha256, fingerprint = request.POST.get("sha256", ""), request.POST.get("fingerprint", "")
    updated = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.PREVIEW).update(
        status=ImportBatch.Status.COMMITTING, message=""
    )
    if updated != 1:  # confirmed twice at once: the first one runs
        return redirect(batch)
    rows = batch.options.get("rows", 0)
    run(tasks.import_commit, batch.pk, request.user.pk, sha256, fingerprint, translation.get_language(), rows=rows)
    batch.refresh_from_db(fields=["status", "message"])
    if batch.status == ImportBatch.Status.COMMITTED:
        messages.success(request, _("Import carried out."))
    elif batch.status == ImportBatch.Status.PREVIEW and batch.message:
        messages.error(request, batch.message)
    return redirect(batch)


@permission_required(PERMISSION)
@require_POST
def import_undo_view(request, pk):
    batch = _batch(pk)
    try:
        deleted = import_undo(batch=batch, user=request.user)
    except ImportRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Import undone: %(people)s people, %(organisations)s organisations and %(posts)s posts deleted.")
            % {"people": deleted["person"], "organisations": deleted["organisation"], "posts": deleted["affiliation"]},
        )
    return redirect(batch)
