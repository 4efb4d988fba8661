"""What Events tells the merge of two people (contacts.merging): which of two clashing rows is the richer."""

from contacts.merging.registry import MergeRule, filled_fields, register

from .models import Invitation, Participation

# A person who attended an event keeps "attended" whatever the duplicate said.
PARTICIPATION_STATUS_RANK = [
    Participation.Status.CANCELLED,
    Participation.Status.INVITED,
    Participation.Status.WAITING,
    Participation.Status.NO_SHOW,
    Participation.Status.REGISTERED,
    Participation.Status.ATTENDED,
]
INVITATION_STATE_RANK = [
    Invitation.State.FAILED,
    Invitation.State.SCHEDULED,
    Invitation.State.SENDING,
    Invitation.State.SENT,
]


@register
class ParticipationRule(MergeRule):
    model = "events.participation"

    def rank(self, row):
        return (PARTICIPATION_STATUS_RANK.index(row.status), filled_fields(row))


@register
class InvitationRule(MergeRule):
    model = "events.invitation"

    def rank(self, row):
        return (INVITATION_STATE_RANK.index(row.state), filled_fields(row))
