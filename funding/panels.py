"""What Funding adds to other apps' pages (see liaison.web.panels)."""

from django.utils.translation import gettext_lazy as _

from contacts.timeline import ConcernsPanel
from liaison.web.panels import Panel, register
from liaison.work.panels import TasksPanel

from .models import FundingOpportunity

PANEL_ROWS = 10


@register
class FunderOpportunities(Panel):
    """The latest opportunities an organisation funds, on its page in Contacts."""

    model = "contacts.organisation"
    template = "funding/_organisation_panel.html"
    permission = "funding.view_fundingopportunity"
    order = 40

    def context(self, request, organisation):
        opportunities = FundingOpportunity.objects.filter(funder=organisation).by_nearest_deadline()
        return {"opportunities": opportunities[:PANEL_ROWS]}


@register
class InteractionFundingOpportunitys(ConcernsPanel):
    """The funding opportunities an interaction concerns."""

    concerned = FundingOpportunity
    title = _("Funding opportunities")
    permission = "funding.view_fundingopportunity"
    order = 40


@register
class OpportunityTasks(TasksPanel):
    model = "funding.fundingopportunity"
