"""A partnership's interactions (kept in Contacts, linked here), on its page."""

from contacts.timeline import AboutTimeline


class PartnershipTimeline(AboutTimeline):
    log_url_name = "partnerships:partnership_log_interaction"

    def initial(self):
        return {"organisations": list(self.record.partner_roles.values_list("organisation", flat=True).distinct())}
