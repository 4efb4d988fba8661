from django.utils.translation import gettext_lazy as _

from liaison.web.navigation import Section, register
from liaison.web.roles import ROLES


@register
class Calendar(Section):
    title = _("Calendar")
    description = _("Events, missions and deadlines month by month, and a feed for your own calendar.")
    url_name = "calendar:month"
    icon = "bi-calendar3"
    order = 51
    roles = ROLES
