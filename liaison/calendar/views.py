import calendar as pycalendar
from collections import defaultdict
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from liaison.web.access import role_required
from liaison.web.dates import is_sane_date
from liaison.web.roles import ROLES, has_role

from .ical import build_calendar, ics_response
from .models import CalendarToken
from .registry import entries_between, kinds_visible_to

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


def parse_day(value: str | None) -> date | None:
    """A YYYY-MM-DD day within the accepted dates, else None."""
    try:
        day = datetime.strptime(value or "", "%Y-%m-%d").date()
    except ValueError:
        return None
    return day if is_sane_date(day) else None


MONTH, WEEK, AGENDA = "month", "week", "agenda"
VIEWS = {MONTH: gettext_lazy("Month"), WEEK: gettext_lazy("Week"), AGENDA: gettext_lazy("Agenda")}
AGENDA_DAYS = 28  # the agenda lists four weeks from its first day


def _by_day(entries, start, end):
    by_day = defaultdict(list)
    for entry in entries:
        for day in entry.days():
            if start <= day <= end:
                by_day[day].append(entry)
    return by_day


def _query(request, **changes) -> str:
    """The page's query string with `changes` (None removes a key), each key where it was: views and pages keep
    the kind filter."""
    pairs, done = [], set()
    for key, values in request.GET.lists():
        if key in changes:
            if changes[key] is not None and key not in done:
                pairs.append((key, changes[key]))
            done.add(key)
        else:
            pairs.extend((key, value) for value in values)
    pairs += [(key, value) for key, value in changes.items() if key not in done and value is not None]
    return "?" + urlencode(pairs)


@role_required(*ROLES)
def month(request):
    """Every app's dates (events, missions, deadlines, expiries, tasks…: see registry.py) by month, week or agenda.

    `?view=month|week|agenda`; `?month=YYYY-MM` for a month, `?day=YYYY-MM-DD` for the week or the agenda that
    starts with it; `?kind=…` (repeatable) keeps only those kinds. On a phone the month shows as its agenda.
    """
    today = timezone.localdate()
    view = request.GET.get("view") or MONTH
    if view not in VIEWS:
        messages.warning(request, _("Choose the month, week or agenda view; showing the month."))
        view = MONTH
    legend = kinds_visible_to(request.user)
    chosen = [kind for kind in request.GET.getlist("kind") if kind in legend]
    if len(chosen) < len(request.GET.getlist("kind")):
        messages.warning(request, _("Some of the kinds asked for are not in your calendar; they were left out."))
    kinds = set(chosen) if chosen else None
    context = {
        "view": view,
        "today": today,
        "legend": legend,
        "chosen": set(chosen),
        # Monday first, in the user's language (Python's calendar names follow the process locale).
        "weekdays": [WEEKDAYS_ABBR[i] for i in range(7)],
    }

    if view == MONTH:
        first = parse_month(request.GET.get("month"))
        if first is None:
            if request.GET.get("month"):
                messages.warning(request, _("Give the month as YYYY-MM; showing the current month."))
            first = today.replace(day=1)
        weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        start, end = weeks[0][0], weeks[-1][-1]
        by_day = _by_day(entries_between(start, end, request.user, kinds), start, end)
        last = shift_month(first, 1) - timedelta(days=1)
        context.update(
            month=first,
            weeks=[[(day, by_day[day], day.month == first.month) for day in week] for week in weeks],
            previous=_query(request, month=shift_month(first, -1).strftime("%Y-%m")),
            next=_query(request, month=shift_month(first, 1).strftime("%Y-%m")),
            current=_query(request, month=None),
            heading=formats.date_format(first, "YEAR_MONTH_FORMAT"),
            # The month as an agenda, shown instead of the grid on a narrow screen (liaison.css).
            days=[(day, by_day[day]) for day in _days(first, last) if by_day[day]],
        )
    else:
        day = parse_day(request.GET.get("day"))
        if day is None:
            if request.GET.get("day"):
                messages.warning(request, _("Give the day as YYYY-MM-DD; showing today."))
            day = today
        if view == WEEK:
            start = day - timedelta(days=day.weekday())
            end = start + timedelta(days=6)
            step = timedelta(days=7)
            heading = _("Week of %(day)s") % {"day": formats.date_format(start)}
        else:
            start, end = day, day + timedelta(days=AGENDA_DAYS - 1)
            step = timedelta(days=AGENDA_DAYS)
            heading = _("%(start)s to %(end)s") % {
                "start": formats.date_format(start),
                "end": formats.date_format(end),
            }
        by_day = _by_day(entries_between(start, end, request.user, kinds), start, end)
        all_days = [(d, by_day[d]) for d in _days(start, end)]
        context.update(
            start=start,
            end=end,
            # The week shows every day; the agenda only the days that have something.
            days=all_days if view == WEEK else [(d, entries) for d, entries in all_days if entries],
            previous=_query(request, day=(start - step).isoformat()),
            next=_query(request, day=(start + step).isoformat()),
            current=_query(request, day=None),
            heading=heading,
        )
    # Another view opens on the same dates: today if it is shown, else the first day shown.
    shown_from, shown_to = (context["month"], last) if view == MONTH else (start, end)
    anchor = today if shown_from <= today <= shown_to else shown_from
    context["view_urls"] = [
        (
            key,
            label,
            _query(request, view=key, month=anchor.strftime("%Y-%m"), day=None)
            if key == MONTH
            else _query(request, view=key, day=anchor.isoformat(), month=None),
        )
        for key, label in VIEWS.items()
    ]
    context["kind_urls"] = [(kind, label, _kinds_url(request, set(chosen) ^ {kind})) for kind, label in legend.items()]
    context["all_kinds_url"] = _query(request, kind=None)
    return render(request, "calendar/month.html", context)


def _kinds_url(request, kinds) -> str:
    """The page with these kinds chosen instead (a legend entry toggles its kind)."""
    base, extra = _query(request, kind=None), urlencode([("kind", kind) for kind in sorted(kinds)])
    return base + ("&" if len(base) > 1 and extra else "") + extra


def _days(start: date, end: date):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


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
