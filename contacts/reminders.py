"""Reminders of interaction follow-ups, sent to the interaction's author."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from liaison.reminders.registry import DueItem, ReminderSource, register

from .models import Interaction


@register
class FollowUpSource(ReminderSource):
    key = "contacts.follow_up"
    label = _("Interaction follow-ups")
    default_offsets = (3, 1, 0)
    models = ("contacts.Interaction",)

    def queryset(self, start, end):
        return Interaction.objects.filter(
            follow_up_done=False, follow_up_date__range=(start, end), author__isnull=False
        ).select_related("author")

    def items(self, start, end):
        for interaction in self.queryset(start, end):
            yield self.item(interaction)

    def items_for(self, user, start, end):
        return [self.item(interaction) for interaction in self.queryset(start, end).filter(author=user)]

    def item(self, interaction):
        return DueItem(
            obj=interaction,
            due=interaction.follow_up_date,
            recipients=(interaction.author,),
            title=format_lazy(_("Follow up: {subject}"), subject=interaction.subject),
            url=interaction.get_absolute_url(),
        )
