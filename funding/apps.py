from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

PANEL_ROWS = 10


def funder_panel_context(request, organisation):
    """The latest opportunities this organisation funds, for its page in Contacts."""
    if not request.user.has_perm("funding.view_fundingopportunity"):
        return None
    from .models import FundingOpportunity

    opportunities = FundingOpportunity.objects.filter(funder=organisation).by_nearest_deadline()
    return {"opportunities": opportunities[:PANEL_ROWS]}


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")

    def ready(self):
        from liaison import home_sections, panels

        home_sections.register(
            home_sections.Section(
                title=_("Funding"),
                description=_("Calls and grants, their deadlines and milestones, from discovery to decision."),
                url_name="funding:opportunity_list",
                permission="funding.view_fundingopportunity",
                icon="bi-cash-coin",
                order=40,
            )
        )
        home_sections.register(
            home_sections.Section(
                title=_("Pipeline"),
                description=_("What the funding pipeline is worth in MYR, by status, weighted by probability."),
                url_name="funding:pipeline",
                permission="funding.view_fundingopportunity",
                icon="bi-bar-chart",
                order=41,
            )
        )
        panels.register(
            panels.Panel(
                model="contacts.organisation",
                template="funding/_organisation_panel.html",
                context=funder_panel_context,
                order=40,
            )
        )
