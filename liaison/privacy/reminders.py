"""The breach register's deadlines, reminded to the administrators until each notification is recorded."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.reminders.registry import DueItem, ReminderSource, reader_text, register
from liaison.web.roles import ADMINISTRATOR

from .models import COMMISSIONER_DEADLINE, PEOPLE_DEADLINE, Breach


def administrators() -> tuple:
    users = get_user_model().objects.filter(Q(groups__name=ADMINISTRATOR) | Q(is_superuser=True), is_active=True)
    return tuple(users.distinct().order_by("pk"))


class BreachDeadlineSource(ReminderSource):
    """Due `deadline` after the breach was found, while the notification is not recorded."""

    default_offsets = (1, 0)
    models = ("privacy.Breach",)
    deadline = COMMISSIONER_DEADLINE
    message = ""

    def pending(self):
        raise NotImplementedError

    def items(self, start, end):
        # Due inside the window: found at most the deadline (and a day) before its start, and not after its end.
        found = (start - self.deadline - timedelta(days=1), end)
        recipients = None
        for breach in self.pending().filter(found_at__date__range=found):
            due = breach.found_at + self.deadline
            if start <= timezone.localdate(due) <= end:
                recipients = recipients if recipients is not None else administrators()
                yield DueItem(
                    obj=breach,
                    due=due,
                    recipients=recipients,
                    title=reader_text(self.message, breach=breach.title),
                    url=breach.get_absolute_url(),
                )


@register
class CommissionerNotificationSource(BreachDeadlineSource):
    key = "privacy.breach_commissioner"
    label = _("Data breaches: notifying the Commissioner (72 hours)")
    deadline = COMMISSIONER_DEADLINE
    message = _("Notify the Personal Data Protection Commissioner of the breach: %(breach)s")

    def pending(self):
        return Breach.objects.commissioner_pending()


@register
class PeopleNotificationSource(BreachDeadlineSource):
    key = "privacy.breach_people"
    label = _("Data breaches: notifying the people affected (7 days)")
    deadline = PEOPLE_DEADLINE
    message = _("Notify the people affected by the breach: %(breach)s")

    def pending(self):
        return Breach.objects.people_pending()
