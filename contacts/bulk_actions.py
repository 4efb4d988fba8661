"""Bulk actions on Contacts' lists: two selected people, or two organisations, merged into one.

The merge page (`contacts:person_merge` / `contacts:organisation_merge`, taking the two records' ids)
confirms and merges; the action is offered only where that page exists.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy

from liaison.web.bulk import BulkAction, register


class MergeAction(BulkAction):
    exactly = 2
    immediate = True  # the merge page is the confirmation
    order = 80
    url_name = ""

    def available(self):
        try:
            reverse(self.url_name, args=[1, 2])
        except NoReverseMatch:
            return False
        return True

    def redirect_url(self, queryset):
        first, second = sorted(queryset.values_list("pk", flat=True))
        return reverse(self.url_name, args=[first, second])


@register
class MergePeople(MergeAction):
    key = "contacts.merge_people"
    label = gettext_lazy("Merge the two people")
    models = ("contacts.person",)
    url_name = "contacts:person_merge"


@register
class MergeOrganisations(MergeAction):
    key = "contacts.merge_organisations"
    label = gettext_lazy("Merge the two organisations")
    models = ("contacts.organisation",)
    url_name = "contacts:organisation_merge"
