from django.shortcuts import render

from liaison.dashboard.forms import DashboardFilterForm
from liaison.dashboard.registry import DASHBOARD_ROLES, build
from liaison.web.access import role_required
from liaison.web.pdf import pdf_response

from . import activity
from .documents import docx_response

FORMATS = ("docx", "pdf")


@role_required(*DASHBOARD_ROLES)
def activity_report(request):
    """The dashboard's figures for the same filters as a document: `?format=docx` or `pdf`; else the choice page."""
    form = DashboardFilterForm(request.GET or None)
    chosen = request.GET.get("format")
    if form.is_bound and not form.is_valid():
        return render(request, "reports/activity.html", {"form": form, "invalid": True}, status=400)
    if chosen not in FORMATS:
        return render(request, "reports/activity.html", {"form": form, "invalid": False})
    board = build(form.scope(request.user))
    if chosen == "docx":
        return docx_response(activity.docx(board), activity.filename(board))
    context = {**activity.heading(board), "sections": activity.sections(board)}
    return pdf_response("reports/activity_pdf.html", context, activity.filename(board), request)
