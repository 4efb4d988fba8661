"""What global search finds in events (see liaison.search)."""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from liaison.search.registry import Hit, SearchProvider, register

from .models import Event


@register
class EventSearch(SearchProvider):
    key = "events"
    label = _("Events")
    model = Event
    permission = "events.view_event"
    list_url_name = "events:event_list"
    order = 50

    def queryset(self, user):
        return Event.objects.only("id", "title", "start", "city", "kind")

    def hit(self, event):
        when = formats.date_format(timezone.localtime(event.start), "DATE_FORMAT")
        subtitle = " · ".join(part for part in (event.get_kind_display(), when, event.city) if part)
        return Hit(event.title, subtitle, event.get_absolute_url())
