"""Funding deadlines and milestones in the calendar and the iCal feed (see liaison.calendar)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.calendar.registry import CalendarEntry, CalendarSource, register

from .models import FundingOpportunity, Milestone


@register
class Deadlines(CalendarSource):
    permission = "funding.view_fundingopportunity"
    kinds = {"funding": gettext_lazy("Funding deadlines and milestones")}

    def entries(self, start, end, user):
        for opportunity in FundingOpportunity.objects.open().deadline_between(start, end).order_by("deadline"):
            yield CalendarEntry(
                title=_("Deadline: %(title)s") % {"title": opportunity.title},
                start=opportunity.deadline,
                url=opportunity.get_absolute_url(),
                kind="funding",
                uid=f"funding-deadline-{opportunity.pk}",
                description=opportunity.get_status_display(),
            )


@register
class Milestones(CalendarSource):
    permission = "funding.view_fundingopportunity"
    kinds = {"funding": gettext_lazy("Funding deadlines and milestones")}

    def entries(self, start, end, user):
        milestones = Milestone.objects.pending().due_between(start, end).select_related("opportunity")
        for milestone in milestones.filter(opportunity__status__in=FundingOpportunity.OPEN_STATUSES):
            yield CalendarEntry(
                title=_("%(label)s: %(title)s") % {"label": milestone.label, "title": milestone.opportunity.title},
                start=milestone.due,
                url=milestone.get_absolute_url(),
                kind="funding",
                uid=f"funding-milestone-{milestone.pk}",
            )
