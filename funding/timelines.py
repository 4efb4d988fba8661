"""An opportunity's interactions (kept in Contacts, linked here), on its page."""

from contacts.timeline import AboutTimeline


class OpportunityTimeline(AboutTimeline):
    log_url_name = "funding:opportunity_log_interaction"

    def initial(self):
        applicants = [self.record.funder_id, self.record.lead_applicant_id]
        return {"organisations": [pk for pk in applicants if pk]}
