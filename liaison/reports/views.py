from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation

from liaison.dashboard.forms import DashboardFilterForm
from liaison.dashboard.registry import DASHBOARD_ROLES, build
from liaison.web import background
from liaison.web.access import role_required

from . import activity, jobs, tasks
from .documents import DOCX
from .models import ReportJob

FORMATS = ("docx", "pdf")
FILTERS = ("period", "start", "end", "theme", "state", "programme")


@role_required(*DASHBOARD_ROLES)
def activity_report(request):
    """The dashboard's figures for the same filters as a document: `?format=docx` or `pdf`; else the choice page.

    A long period is made in the background (jobs.py): the user waits on a page showing the progress.
    """
    form = DashboardFilterForm(request.GET or None)
    chosen = request.GET.get("format")
    if form.is_bound and not form.is_valid():
        return render(request, "reports/activity.html", {"form": form, "invalid": True}, status=400)
    if chosen not in FORMATS:
        return render(request, "reports/activity.html", {"form": form, "invalid": False})
    scope = form.scope(request.user)
    if jobs.is_large(scope):
        query = {key: request.GET[key] for key in FILTERS if request.GET.get(key)}
        job = jobs.job_create(user=request.user, query=query, chosen=chosen, language=translation.get_language())
        background.run(tasks.activity_report, job.pk, large=True)
        return redirect(job)
    board = build(scope)
    return _download(activity.document(board, chosen), f"{activity.filename(board)}.{chosen}", chosen)


def _job(request, pk) -> ReportJob:
    """One's own report only: another user's is not found."""
    return get_object_or_404(ReportJob, pk=pk, user=request.user)


@role_required(*DASHBOARD_ROLES)
def job(request, pk):
    """A report being made: its progress (the fragment polls itself with htmx), then the link to download it."""
    found = _job(request, pk)
    done, total = jobs.progress_of(found)
    context = {"job": found, "progress": {"done": done, "total": total, "percent": background.percent(done, total)}}
    if request.htmx:
        if not found.working:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = found.get_absolute_url()
            return response
        return render(request, "reports/_job_progress.html", context)
    return render(request, "reports/job.html", context)


@role_required(*DASHBOARD_ROLES)
def job_download(request, pk):
    found = _job(request, pk)
    if found.status != ReportJob.Status.DONE:
        return redirect(found)
    return _download(bytes(found.content), found.filename, found.format)


def _download(content: bytes, filename: str, chosen: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf" if chosen == "pdf" else DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
