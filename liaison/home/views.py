from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache

from liaison.reminders.agenda import reminders_failed_for, upcoming_items
from liaison.reminders.heartbeat import heartbeat_check
from liaison.web.navigation import sections_for
from liaison.web.roles import SUPERVISOR, role_of

HOME_DAYS = 14  # the home page's window of upcoming reminders


def home(request):
    """The start page: a greeting by role, the user's upcoming and overdue items, the sections they may open.

    Supervisors review figures: their home is the dashboard.
    """
    if role_of(request.user) == SUPERVISOR:
        return redirect("dashboard:dashboard")
    today = timezone.localdate()
    return render(
        request,
        "home/home.html",
        {
            "role": role_of(request.user),
            "sections": sections_for(request.user),
            "upcoming": upcoming_items(today=today, days=HOME_DAYS, user=request.user, limit=10),
            "overdue": upcoming_items(today=today, days=90, user=request.user, overdue=True, limit=10),
            "failed_reminders": reminders_failed_for(request.user)[:5],
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
    """For the load balancer: 200 while the database answers; it also says whether reminders are being checked."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    current = heartbeat_check()
    reminders = {
        "status": "stopped" if current.is_silent else "ok",
        "last_checked": current.last and current.last.isoformat(),
        "minutes_ago": current.minutes_ago,
    }
    return JsonResponse({"status": "ok", "reminders": reminders})
