"""What Contacts tells the merge about its own rows."""

from .registry import MergeRule, register


@register
class AffiliationRule(MergeRule):
    """The same post at the same organisation, held by both records, is one post."""

    model = "contacts.affiliation"
    same_when = ("person", "organisation", "position", "department", "is_current")
