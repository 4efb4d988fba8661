from django.utils.translation import gettext_lazy as _

from liaison.web.navigation import Section, register


@register
class Events(Section):
    title = _("Events")
    description = _("Forums, trainings and exchanges, with who took part and what came out of them.")
    url_name = "events:event_list"
    permission = "events.view_event"
    icon = "bi-people"
    order = 50


@register
class Programmes(Section):
    title = _("Programmes")
    description = _("Capacity-development plans and their progress against targets.")
    url_name = "events:programme_list"
    permission = "events.view_programme"
    icon = "bi-mortarboard"
    order = 52


@register
class Missions(Section):
    title = _("Missions")
    description = _("Travel to represent the office, and the back-to-office reports.")
    url_name = "events:mission_list"
    permission = "events.view_mission"
    icon = "bi-airplane"
    order = 53
