from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = _("Contacts")

    def ready(self):
        from liaison.home_sections import Section, register

        register(
            Section(
                _("Organisations"),
                _("Local authorities, agencies, networks and partners, with their people and interactions."),
                "contacts:organisation_list",
                "contacts.view_organisation",
                icon="bi-building",
                order=20,
            )
        )
        register(
            Section(
                _("People"),
                _("Contacts with their posts, phones, consent and the timeline of every exchange."),
                "contacts:person_list",
                "contacts.view_person",
                icon="bi-people",
                order=21,
            )
        )
        register(
            Section(
                _("Interactions"),
                _("Meetings, calls and e-mails, with their follow-ups."),
                "contacts:interaction_list",
                "contacts.view_interaction",
                icon="bi-chat-left-text",
                order=22,
            )
        )
