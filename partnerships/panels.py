"""What Partnerships adds to other apps' pages (see liaison.web.panels)."""

from django.utils.translation import gettext_lazy as _

from liaison.web.panels import Panel, register

from .models import Partnership
from .selectors import organisation_partnerships


@register
class OrganisationPartnerships(Panel):
    """An organisation's partnerships (with its role) and agreements."""

    model = "contacts.organisation"
    template = "partnerships/_organisation_panel.html"
    permission = "partnerships.view_partnership"
    order = 30

    def context(self, request, organisation):
        return organisation_partnerships(organisation)


@register
class InteractionPartnerships(Panel):
    """The partnerships an interaction concerns."""

    model = "contacts.interaction"
    template = "contacts/_concerns_panel.html"
    permission = "partnerships.view_partnership"
    order = 30

    def context(self, request, interaction):
        partnerships = list(Partnership.objects.filter(interactions=interaction))
        return {"title": _("Partnerships"), "records": partnerships} if partnerships else None
