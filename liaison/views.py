from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from . import home_sections, services
from .access import role_required
from .dashboard import DASHBOARD_ROLES, DashboardFilterForm
from .dashboard import build as build_dashboard
from .dashboard import xlsx_export as dashboard_xlsx
from .forms import NotificationPreferenceForm
from .models import Notification, NotificationPreference
from .roles import SUPERVISOR, role_of
from .search import MIN_QUERY_LENGTH, clean_query, search_all

HOME_DAYS = 14  # the home page's window of upcoming reminders


def home(request):
    """The start page: a greeting by role, the user's upcoming and overdue items, the sections they may open.

    Supervisors review figures: their home is the dashboard.
    """
    if role_of(request.user) == SUPERVISOR:
        return redirect("dashboard")
    today = timezone.localdate()
    return render(
        request,
        "liaison/home.html",
        {
            "role": role_of(request.user),
            "sections": home_sections.for_user(request.user),
            "upcoming": services.upcoming_items(today=today, days=HOME_DAYS, user=request.user, limit=10),
            "overdue": services.upcoming_items(today=today, days=90, user=request.user, overdue=True, limit=10),
            "failed_reminders": services.reminders_failed_for(request.user)[:5],
            "home_days": HOME_DAYS,
        },
    )


@login_not_required
def favicon(request):
    # Resolved per request: with hashed static names (production) the name exists only after collectstatic.
    return redirect(static("favicon.svg"), permanent=True)


@login_not_required
@never_cache
def healthz(request):
    """For the load balancer: 200 while the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


# --- notifications ------------------------------------------------------------------------


def notification_list(request):
    notifications = Notification.objects.filter(user=request.user).select_related("reminder")
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "liaison/notification_list.html",
        {
            "page_obj": page,
            "paginator": page.paginator,
            "notifications": page.object_list,
            "failed_reminders": services.reminders_failed_for(request.user)[:20],
        },
    )


@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.notifications_mark_read(user=request.user, pk=notification.pk)
    if request.htmx:
        notification.refresh_from_db()
        return render(request, "liaison/_notification_row.html", {"notification": notification, "oob_bell": True})
    return redirect("notifications")


def notification_open(request, pk):
    """Follow a notification's link, marking it read on the way."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    services.notifications_mark_read(user=request.user, pk=notification.pk)
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()})
    return redirect(notification.url if notification.url and safe else "notifications")


@require_POST
def notifications_read_all(request):
    count = services.notifications_mark_read(user=request.user)
    if request.htmx:
        return HttpResponseClientRefresh()
    messages.success(
        request,
        ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", count)
        % {"count": count},
    )
    return redirect("notifications")


def notification_preferences(request):
    preference = NotificationPreference.objects.for_user(request.user)
    form = NotificationPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.preferences_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notification_preferences")
    return render(request, "liaison/notification_preferences.html", {"form": form})


def search(request):
    """Global search; an htmx request (the navigation box) gets the quick-results fragment."""
    query = clean_query(request.GET.get("q", ""))
    quick = bool(request.htmx)
    groups = search_all(query, request.user, limit=5 if quick else 20)
    context = {"query": query, "groups": groups, "too_short": 0 < len(query) < MIN_QUERY_LENGTH}
    template = "liaison/_search_quick.html" if quick else "liaison/search.html"
    return render(request, template, context)


# --- dashboard ----------------------------------------------------------------------------


@role_required(*DASHBOARD_ROLES)
def dashboard(request):
    """Figures under the period, theme and state filters; `?export=xlsx` gives its tables as a workbook."""
    form = DashboardFilterForm(request.GET or None)
    invalid = form.is_bound and not form.is_valid()
    board = build_dashboard(form.scope(request.user))
    if request.GET.get("export") == "xlsx":
        return dashboard_xlsx(board, f"dashboard-{board.scope.start:%Y%m%d}-{board.scope.end:%Y%m%d}")
    return render(request, "liaison/dashboard.html", {"form": form, "invalid": invalid, "board": board})
