"""What global search finds in contacts: people, organisations, and interactions the user may see."""

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from liaison.search.registry import Hit, SearchProvider, register

from .models import Interaction, Organisation, Person


@register
class PeopleSearch(SearchProvider):
    key = "people"
    label = _("People")
    model = Person
    permission = "contacts.view_person"
    list_url_name = "contacts:person_list"
    order = 10

    def queryset(self, user):
        return Person.objects.not_erased().only("id", "honorific", "full_name", "email", "erased_at")

    def hit(self, person):
        return Hit(person.display_name, person.email, person.get_absolute_url())


@register
class OrganisationSearch(SearchProvider):
    key = "organisations"
    label = _("Organisations")
    model = Organisation
    permission = "contacts.view_organisation"
    list_url_name = "contacts:organisation_list"
    order = 20

    def queryset(self, user):
        return Organisation.objects.only("id", "name", "acronym", "kind", "city")

    def hit(self, organisation):
        return Hit(str(organisation), organisation.get_kind_display(), organisation.get_absolute_url())


@register
class InteractionSearch(SearchProvider):
    key = "interactions"
    label = _("Interactions")
    model = Interaction
    permission = "contacts.view_interaction"
    list_url_name = "contacts:interaction_list"
    order = 60

    def queryset(self, user):
        return Interaction.objects.visible_to(user).only("id", "subject", "occurred_at", "kind")

    def hit(self, interaction):
        # Its Malaysian date, in the reader's language (not the UTC value's English month).
        when = formats.date_format(timezone.localtime(interaction.occurred_at), "DATE_FORMAT")
        return Hit(interaction.subject, f"{interaction.get_kind_display()} · {when}", interaction.get_absolute_url())
