from django.utils.translation import gettext_lazy as _

from liaison.web.navigation import Section, register


@register
class Opportunities(Section):
    title = _("Funding")
    description = _("Calls and grants, their deadlines and milestones, from discovery to decision.")
    url_name = "funding:opportunity_list"
    permission = "funding.view_fundingopportunity"
    icon = "bi-cash-coin"
    order = 40


@register
class Pipeline(Section):
    title = _("Pipeline")
    description = _("What the funding pipeline is worth in MYR, by status, weighted by probability.")
    url_name = "funding:pipeline"
    permission = "funding.view_fundingopportunity"
    icon = "bi-bar-chart"
    order = 41
