"""What Funding adds to other apps' pages (see liaison.web.panels)."""

from django.utils.translation import gettext_lazy as _

from liaison.web.panels import Panel, register

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
class InteractionOpportunities(Panel):
    """The funding opportunities an interaction is about."""

    model = "contacts.interaction"
    template = "contacts/_concerns_panel.html"
    permission = "funding.view_fundingopportunity"
    order = 40

    def context(self, request, interaction):
        opportunities = list(FundingOpportunity.objects.filter(interactions=interaction))
        return {"title": _("Funding opportunities"), "records": opportunities} if opportunities else None
