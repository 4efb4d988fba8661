"""An opportunity's interactions (kept in Contacts, linked here), on its page."""

from contacts.models import Interaction
from contacts.timeline import AboutTimeline


class OpportunityTimeline(AboutTimeline):
    log_url_name = "funding:opportunity_log_interaction"

    def interactions(self):
        return Interaction.objects.filter(funding_opportunities=self.record)

    def initial(self):
        applicants = [self.record.funder_id, self.record.lead_applicant_id]
        return {"organisations": [pk for pk in applicants if pk]}

    def link(self, interaction):
        self.record.interactions.add(interaction)
