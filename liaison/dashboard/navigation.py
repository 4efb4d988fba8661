from django.utils.translation import gettext_lazy as _

from liaison.web.navigation import Section, register

from .registry import DASHBOARD_ROLES


@register
class Dashboard(Section):
    title = _("Dashboard")
    description = _("Figures, trends and what needs attention across partnerships, funding and events.")
    url_name = "dashboard:dashboard"
    icon = "bi-speedometer2"
    order = 10
    roles = DASHBOARD_ROLES
