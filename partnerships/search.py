"""What global search finds in partnerships (see liaison.search)."""

from django.utils.translation import gettext_lazy as _

from liaison.search.registry import Hit, SearchProvider, register

from .models import Partnership


@register
class PartnershipSearch(SearchProvider):
    key = "partnerships"
    label = _("Partnerships")
    model = Partnership
    permission = "partnerships.view_partnership"
    list_url_name = "partnerships:partnership_list"
    order = 30

    def queryset(self, user):
        return Partnership.objects.only("id", "title", "stage", "kind")

    def hit(self, partnership):
        subtitle = f"{partnership.get_kind_display()} · {partnership.get_stage_display()}"
        return Hit(partnership.title, subtitle, partnership.get_absolute_url())
