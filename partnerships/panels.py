"""What Partnerships adds to other apps' pages (see liaison.web.panels)."""

from django.utils.translation import gettext_lazy as _

from contacts.timeline import ConcernsPanel
from liaison.web.panels import Panel, register
from liaison.work.panels import TasksPanel

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
class InteractionPartnerships(ConcernsPanel):
    """The partnerships an interaction concerns."""

    concerned = Partnership
    title = _("Partnerships")
    permission = "partnerships.view_partnership"
    order = 30


@register
class PartnershipTasks(TasksPanel):
    model = "partnerships.partnership"
