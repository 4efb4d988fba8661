from django.shortcuts import render

from liaison.web.access import role_required

from .export import xlsx_export
from .forms import DashboardFilterForm
from .registry import DASHBOARD_ROLES, build


@role_required(*DASHBOARD_ROLES)
def dashboard(request):
    """Figures under the period, theme and state filters; `?export=xlsx` gives its tables as a workbook."""
    form = DashboardFilterForm(request.GET or None)
    invalid = form.is_bound and not form.is_valid()
    board = build(form.scope(request.user))
    if request.GET.get("export") == "xlsx":
        return xlsx_export(board, f"dashboard-{board.scope.start:%Y%m%d}-{board.scope.end:%Y%m%d}")
    return render(request, "dashboard/dashboard.html", {"form": form, "invalid": invalid, "board": board})
