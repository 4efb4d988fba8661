"""What Contacts adds to record pages (see liaison.web.panels): tasks about people and organisations."""

from liaison.web.panels import register
from liaison.work.panels import TasksPanel


@register
class PersonTasks(TasksPanel):
    model = "contacts.person"


@register
class OrganisationTasks(TasksPanel):
    model = "contacts.organisation"
