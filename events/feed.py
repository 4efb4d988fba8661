"""The public feed of upcoming events for the website, as JSON and iCalendar: no login, read-only.

Opt-in: only events whose owner ticked "on the public feed" (Event.published) are listed, and only while they
are planned or confirmed and not yet over. Only public fields leave the building: no notes, outcomes,
participants, owner or online link (that one goes to registrants).
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from liaison.calendar.ical import build_calendar, ics_response
from liaison.calendar.registry import CalendarEntry
from liaison.web.views import limit

from .models import Event

MAX_EVENTS = 200


class FeedQueryError(ValueError):
    """A query parameter the feed cannot use; its message is for the caller."""


def feed_events(params) -> list[Event]:
    """The published upcoming events, soonest first, narrowed by `kind`, `level` and `limit` if given."""
    events = Event.objects.on_public_feed().order_by("start", "pk")
    for name, choices in (("kind", Event.Kind), ("level", Event.Level)):
        value = params.get(name, "")
        if value:
            if value not in choices.values:
                raise FeedQueryError(
                    _("Unknown %(name)s “%(value)s”; use one of: %(choices)s.")
                    % {"name": name, "value": value[:40], "choices": ", ".join(choices.values)}
                )
            events = events.filter(**{name: value})
    return list(events.prefetch_related("themes", "sdgs").select_related("registration_page")[: _limit(params)])


def _limit(params) -> int:
    value = params.get("limit", "")
    if not value:
        return MAX_EVENTS
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= MAX_EVENTS:
        raise FeedQueryError(_("The limit must be a whole number from 1 to %(max)s.") % {"max": MAX_EVENTS})
    return int(value)


def registration_url(event: Event, absolute) -> str:
    page = getattr(event, "registration_page", None)
    return absolute(page.get_absolute_url()) if page is not None and page.accepts_registrations() else ""


def public_fields(event: Event, absolute) -> dict:
    """What the website may show of one event."""
    return {
        "id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "kind_label": event.get_kind_display(),
        "level": event.level,
        "level_label": event.get_level_display(),
        "status": event.status,
        "start": timezone.localtime(event.start).isoformat(),
        "end": timezone.localtime(event.end).isoformat(),
        "venue": event.venue,
        "city": event.city,
        "country": event.country.code if event.country else "",
        "description": event.description,
        "themes": [str(theme) for theme in event.themes.all()],
        "sdgs": [sdg.number for sdg in event.sdgs.all()],
        "registration_url": registration_url(event, absolute),
    }


def _public(view):
    """No login, GET only, rate-limited per address, and cacheable by anyone for PUBLIC_FEED_MAX_AGE."""
    view = cache_control(public=True, max_age=settings.PUBLIC_FEED_MAX_AGE)(view)
    view = limit("public_feed", key="ip", method=("GET", "HEAD"))(view)
    return login_not_required(require_GET(view))


@_public
def feed_json(request):
    try:
        events = feed_events(request.GET)
    except FeedQueryError as error:
        return JsonResponse({"error": str(error)}, status=400)
    response = JsonResponse(
        {
            "generated_at": timezone.localtime().isoformat(timespec="seconds"),
            "events": [public_fields(event, request.build_absolute_uri) for event in events],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Access-Control-Allow-Origin"] = "*"  # the website's pages may read it from the browser
    return response


@_public
def feed_ics(request):
    try:
        events = feed_events(request.GET)
    except FeedQueryError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    entries = [
        CalendarEntry(
            title=event.title,
            start=event.start,
            end=event.end,
            # The public address of an event is its registration page, when it has an open one.
            url=registration_url(event, request.build_absolute_uri) or "",
            kind=event.kind,
            uid=f"public-event-{event.pk}",
            location=event.place,
            description=event.description,
        )
        for event in events
    ]
    cal = build_calendar(entries, _("Upcoming events"), lambda url: url)
    return ics_response(cal, "events", attachment=False)
