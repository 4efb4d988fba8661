from django.utils.translation import gettext_lazy as _

from liaison.web.navigation import Section, register


@register
class Partnerships(Section):
    title = _("Partnerships")
    description = _("The pipeline from first idea to signed agreement, as a list and as a board.")
    url_name = "partnerships:partnership_list"
    permission = "partnerships.view_partnership"
    icon = "bi-diagram-3"
    order = 30


@register
class Agreements(Section):
    title = _("Agreements")
    description = _("LOIs, MOUs and contracts, their signed documents and their renewal dates.")
    url_name = "partnerships:agreement_list"
    permission = "partnerships.view_agreement"
    icon = "bi-file-earmark-text"
    order = 31


@register
class Reviews(Section):
    title = _("SDG reviews")
    description = _("Voluntary national, local and subnational reviews the office supports.")
    url_name = "partnerships:review_list"
    permission = "partnerships.view_voluntaryreview"
    icon = "bi-globe2"
    order = 32
