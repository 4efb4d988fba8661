from django.utils.translation import gettext_lazy as _

from liaison.web.navigation import Section, register


@register
class MyWork(Section):
    title = _("My work")
    description = _("Your tasks and everything you are reminded of, due and overdue, across the office's records.")
    url_name = "work:my_work"
    permission = "work.view_task"
    icon = "bi-check2-square"
    order = 5
