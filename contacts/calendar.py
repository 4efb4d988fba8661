"""A user's open follow-ups in their calendar and iCal feed (see liaison.calendar): the ones they are reminded of."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.calendar.registry import CalendarEntry, CalendarSource, register

from .models import Interaction


@register
class FollowUps(CalendarSource):
    permission = "contacts.view_interaction"
    kinds = {"follow-up": gettext_lazy("Follow-ups")}

    def entries(self, start, end, user):
        # The author is the one reminded (contacts/reminders.py), so the follow-up is theirs to see here.
        follow_ups = Interaction.objects.filter(
            author=user, follow_up_done=False, follow_up_date__range=(start, end)
        ).order_by("follow_up_date", "pk")
        for interaction in follow_ups.only("pk", "subject", "follow_up_date"):
            yield CalendarEntry(
                title=_("Follow up: %(subject)s") % {"subject": interaction.subject},
                start=interaction.follow_up_date,
                url=interaction.get_absolute_url(),
                kind="follow-up",
                uid=f"contacts-follow-up-{interaction.pk}",  # no notes: the feed leaves the office
            )
