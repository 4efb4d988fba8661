from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from liaison import home_sections, panels

        from .panels import organisation_panel

        panels.register(
            panels.Panel(
                model="contacts.organisation",
                template="partnerships/_organisation_panel.html",
                context=organisation_panel,
                order=30,
            )
        )
        home_sections.register(
            home_sections.Section(
                title=_("Partnerships"),
                description=_("The pipeline from first idea to signed agreement, as a list and as a board."),
                url_name="partnerships:partnership_list",
                permission="partnerships.view_partnership",
                icon="bi-diagram-3",
                order=30,
            )
        )
        home_sections.register(
            home_sections.Section(
                title=_("Agreements"),
                description=_("LOIs, MOUs and contracts, their signed documents and their renewal dates."),
                url_name="partnerships:agreement_list",
                permission="partnerships.view_agreement",
                icon="bi-file-earmark-text",
                order=31,
            )
        )
        home_sections.register(
            home_sections.Section(
                title=_("SDG reviews"),
                description=_("Voluntary national, local and subnational reviews the office supports."),
                url_name="partnerships:review_list",
                permission="partnerships.view_voluntaryreview",
                icon="bi-globe2",
                order=32,
            )
        )
