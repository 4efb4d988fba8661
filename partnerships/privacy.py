"""Partnerships hold no personal data, but an agreement in force needs someone to talk to."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from liaison.privacy.registry import PersonalData, register

from .models import Agreement


@register
class PartnershipsData(PersonalData):
    key = "partnerships"
    label = _("Partnerships")
    order = 20

    def erasure_refusal(self, person):
        """Refused while the person is the only current contact at a party to an agreement in force."""
        organisations = person.affiliations.current().values("organisation")
        alone = (
            Agreement.objects.in_force()
            .filter(parties__in=organisations)
            .annotate(
                contacts=Count(
                    "parties__affiliations__person",
                    filter=Q(parties__affiliations__is_current=True, parties__in=organisations),
                    distinct=True,
                )
            )
            .filter(contacts=1)
            .first()
        )
        if alone is None:
            return ""
        return str(
            _("%(person)s is the only contact for the agreement in force “%(agreement)s”: add another contact first.")
            % {"person": person, "agreement": alone}
        )
