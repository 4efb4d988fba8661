import calendar as pycalendar
from collections import defaultdict
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from liaison.web.access import role_required
from liaison.web.dates import is_sane_date
from liaison.web.roles import ROLES, has_role

from .ical import build_calendar, ics_response
from .models import CalendarToken
from .registry import entries_between

# What the feed covers: recent past (to look back at) and the time ahead that is planned.
FEED_PAST = timedelta(days=180)
FEED_FUTURE = timedelta(days=730)


def parse_month(value: str | None) -> date | None:
    """The first day of a YYYY-MM month within the accepted dates (liaison/web/dates.py), else None."""
    try:
        first = datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return None
    return first if is_sane_date(first) else None


def shift_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@role_required(*ROLES)
def month(request):
    """A month of every app's dates (events, missions, deadlines, expiries): see registry.py."""
    first = parse_month(request.GET.get("month"))
    if first is None:
        if request.GET.get("month"):
            messages.warning(request, _("Give the month as YYYY-MM; showing the current month."))
        first = timezone.localdate().replace(day=1)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    start, end = weeks[0][0], weeks[-1][-1]
    by_day = defaultdict(list)
    for entry in entries_between(start, end, request.user):
        for day in entry.days():
            if start <= day <= end:
                by_day[day].append(entry)
    return render(
        request,
        "calendar/month.html",
        {
            "month": first,
            "weeks": [[(day, by_day[day], day.month == first.month) for day in week] for week in weeks],
            # Monday first, in the user's language (Python's calendar names follow the process locale).
            "weekdays": [WEEKDAYS_ABBR[i] for i in range(7)],
            "previous": shift_month(first, -1).strftime("%Y-%m"),
            "next": shift_month(first, 1).strftime("%Y-%m"),
            "today": timezone.localdate(),
        },
    )


@role_required(*ROLES)
def subscribe(request):
    """The user's secret feed URL, to paste into Outlook or Google Calendar."""
    token = CalendarToken.for_user(request.user)
    return render(
        request, "calendar/subscribe.html", {"feed_url": request.build_absolute_uri(token.get_absolute_url())}
    )


@require_POST
@role_required(*ROLES)
def feed_reset(request):
    CalendarToken.for_user(request.user).reset()
    messages.success(request, _("A new feed address was made; the old one no longer works."))
    return redirect("calendar:subscribe")


@login_not_required
@never_cache
def feed(request, token):
    """The user's calendar for subscription: the secret token stands in for a login."""
    found = CalendarToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active or not has_role(found.user, *ROLES):
        raise Http404
    today = timezone.localdate()
    entries = entries_between(today - FEED_PAST, today + FEED_FUTURE, found.user)
    cal = build_calendar(entries, _("Liaison"), request.build_absolute_uri)
    return ics_response(cal, "liaison", attachment=False)
