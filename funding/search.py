"""What global search finds in funding (see liaison.search)."""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from liaison.search.registry import Hit, SearchProvider, register

from .models import FundingOpportunity


@register
class FundingSearch(SearchProvider):
    key = "funding"
    label = _("Funding opportunities")
    model = FundingOpportunity
    permission = "funding.view_fundingopportunity"
    list_url_name = "funding:opportunity_list"
    order = 40

    def queryset(self, user):
        return FundingOpportunity.objects.only("id", "title", "status", "deadline")

    def hit(self, opportunity):
        subtitle = opportunity.get_status_display()
        if opportunity.deadline:
            deadline = formats.date_format(timezone.localtime(opportunity.deadline), "DATE_FORMAT")
            subtitle = f"{subtitle} · {deadline}"
        return Hit(opportunity.title, subtitle, opportunity.get_absolute_url())
