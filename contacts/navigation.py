from django.utils.translation import gettext_lazy as _

from liaison.web.navigation import Section, register


@register
class Organisations(Section):
    title = _("Organisations")
    description = _("Local authorities, agencies, networks and partners, with their people and interactions.")
    url_name = "contacts:organisation_list"
    permission = "contacts.view_organisation"
    icon = "bi-building"
    order = 20


@register
class People(Section):
    title = _("People")
    description = _("Contacts with their posts, phones, consent and the timeline of every exchange.")
    url_name = "contacts:person_list"
    permission = "contacts.view_person"
    icon = "bi-people"
    order = 21


@register
class Interactions(Section):
    title = _("Interactions")
    description = _("Meetings, calls and e-mails, with their follow-ups.")
    url_name = "contacts:interaction_list"
    permission = "contacts.view_interaction"
    icon = "bi-chat-left-text"
    order = 22


@register
class Import(Section):
    title = _("Import")
    description = _(
        "People and organisations from Excel, CSV, Outlook or vCard files, previewed before anything is written."
    )
    url_name = "contacts:import_start"
    permission = "contacts.add_importbatch"
    icon = "bi-upload"
    order = 23


@register
class RetentionReview(Section):
    title = _("Retention review")
    description = _("People due for review under the retention rules: keep them until a new date, or erase them.")
    url_name = "contacts:retention_review"
    permission = "contacts.view_person"
    icon = "bi-hourglass-split"
    order = 24
