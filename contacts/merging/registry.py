"""How an app tells the merge which of two clashing rows is the richer one (the `merging` registry).

Every related record is found through `_meta` (contacts.merging.services); when both records hold a row that
may exist only once (both took part in the same event), the two rows are combined. An app may say, for one of
its models, which row wins (`rank`) and which rows count as the same although no constraint says so
(`same_when`). Declared in `<app>/merging.py`:

    @register
    class ParticipationRule(MergeRule):
        model = "events.participation"
        def rank(self, row): ...
"""

from liaison.web.registry import Entry, Registry


class MergeRule(Entry):
    model: str = ""  # "app_label.modelname"
    # Fields (besides the one pointing at the merged record) whose equal values make two rows one.
    same_when: tuple[str, ...] = ()

    def rank(self, row):
        """Higher is richer; the default counts the fields that hold something."""
        return filled_fields(row)


def filled_fields(row) -> int:
    return sum(
        1
        for field in row._meta.concrete_fields
        if not field.primary_key and getattr(row, field.attname) not in (None, "", False)
    )


rules = Registry("merging", MergeRule)
register = rules.register


def rule_for(model) -> MergeRule:
    label = model._meta.label_lower
    for rule in rules.entries():
        if rule.model == label:
            return rule
    return DEFAULT_RULE


DEFAULT_RULE = MergeRule()
