"""An event's interactions (kept in Contacts, linked here), on its page."""

from contacts.models import Interaction
from contacts.timeline import AboutTimeline


class EventTimeline(AboutTimeline):
    log_url_name = "events:event_log_interaction"

    def interactions(self):
        return Interaction.objects.filter(events=self.record)

    def initial(self):
        return {"organisations": list(self.record.organisers.values_list("pk", flat=True))}

    def link(self, interaction):
        self.record.interactions.add(interaction)
