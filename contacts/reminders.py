"""Reminders of interaction follow-ups, sent to the interaction's author."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.reminders.registry import DueItem, ReminderSource, reader_text, register

from .models import Interaction, Person


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
            title=reader_text(_("Follow up: %(subject)s"), subject=interaction.subject),
            url=interaction.get_absolute_url(),
        )


@register
class RetentionReviewSource(ReminderSource):
    """A person to review for retention (README, "Data protection"), reminded to their owner.

    Due on the person's retention review date, or, without one, on the day they have had no
    activity for RETENTION_INACTIVE_YEARS; keeping or erasing them closes the reminder.
    """

    key = "contacts.retention_review"
    label = _("Retention reviews")
    default_offsets = (7, 0)
    # No nudge on saving a person (logging an interaction saves them too): reviews are not urgent, the
    # periodic sweep finds them.

    def people(self):
        return Person.objects.not_erased().filter(owner__isnull=False).select_related("owner")

    def items(self, start, end):
        from .retention import add_years, inactive_people, inactive_years, last_active, review_of

        years = inactive_years()
        for person in self.people().filter(retention_review_date__range=(start, end)):
            yield self.item(review_of(person, None))
        # Became inactive between start and end: added, and last active, no later than `end` minus the years.
        candidates = self.people().filter(pk__in=inactive_people(add_years(end, -years) + timedelta(days=1)))
        latest = last_active(candidates)
        for person in candidates:
            review = review_of(person, latest.get(person.pk))
            if start <= review.due <= end:
                yield self.item(review)

    def item(self, review):
        return DueItem(
            obj=review.person,
            due=review.due,
            recipients=(review.person.owner,),
            title=reader_text(_("Retention review: %(person)s"), person=review.person),
            url=reverse("contacts:retention_review"),
        )
