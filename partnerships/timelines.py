"""A partnership's interactions (kept in Contacts, linked here), on its page."""

from contacts.models import Interaction
from contacts.timeline import AboutTimeline


class PartnershipTimeline(AboutTimeline):
    log_url_name = "partnerships:partnership_log_interaction"

    def interactions(self):
        return Interaction.objects.filter(partnerships=self.record)

    def initial(self):
        return {"organisations": list(self.record.partner_roles.values_list("organisation", flat=True).distinct())}

    def link(self, interaction):
        self.record.interactions.add(interaction)
