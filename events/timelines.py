"""An event's interactions (kept in Contacts, linked here), on its page."""

from contacts.timeline import AboutTimeline


class EventTimeline(AboutTimeline):
    log_url_name = "events:event_log_interaction"

    def initial(self):
        return {"organisations": list(self.record.organisers.values_list("pk", flat=True))}
