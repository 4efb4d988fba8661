"""What Funding asks the reminder engine to remind: deadlines still to meet and pending milestones."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from liaison.reminders.registry import DueItem, ReminderSource, reader_text, register

from .models import FundingOpportunity, Milestone


@register
class DeadlineSource(ReminderSource):
    key = "funding.deadline"
    label = _("Funding deadlines")
    models = ("funding.FundingOpportunity",)

    def items(self, start: date, end: date):
        # Once submitted (or decided), the deadline no longer needs anybody's attention.
        opportunities = FundingOpportunity.objects.to_submit().deadline_between(start, end).select_related("owner")
        for opportunity in opportunities:
            yield DueItem(
                obj=opportunity,
                due=opportunity.deadline,
                recipients=(opportunity.owner,),
                title=reader_text(_("Deadline: %(title)s"), title=opportunity.title),
                url=opportunity.get_absolute_url(),
            )


@register
class MilestoneSource(ReminderSource):
    key = "funding.milestone"
    label = _("Funding milestones")
    models = ("funding.Milestone",)

    def items(self, start: date, end: date):
        milestones = (
            Milestone.objects.pending()
            .due_between(start, end)
            .filter(opportunity__status__in=FundingOpportunity.OPEN_STATUSES)
            .select_related("opportunity__owner")
        )
        for milestone in milestones:
            opportunity = milestone.opportunity
            yield DueItem(
                obj=milestone,
                due=milestone.due,
                recipients=(opportunity.owner,),
                title=reader_text(_("%(label)s: %(title)s"), label=milestone.label, title=opportunity.title),
                url=opportunity.get_absolute_url(),
            )
