"""What every list page shares: filters, sorting, bounded pagination and exports.

A list view names its model, its FilterSet (with an OrderingFilter called `sort`) and its
export columns (see exports.py).
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django_filters.views import FilterView

from .access import ModelPermissionMixin
from .exports import ExportMixin


class CappedPaginator(Paginator):
    """Counts at most `cap` rows, so a page view never counts a whole large table."""

    cap = 10_000

    @cached_property
    def count(self):
        return min(self.object_list[: self.cap + 1].count(), self.cap + 1)

    @property
    def is_capped(self):
        return self.count > self.cap


class RecordListView(ModelPermissionMixin, ExportMixin, FilterView):
    """A filtered, sorted, paginated and exportable list of one model's records."""

    paginate_by = 25
    paginator_class = CappedPaginator
    # An invalid filter shows the form's errors and no rows, rather than ignoring the filter.
    strict = True

    def get_template_names(self):
        if self.request.htmx and not self.request.htmx.boosted:
            opts = self.model._meta
            return [f"{opts.app_label}/_{opts.model_name}_rows.html"]
        return super().get_template_names()

    def paginate_queryset(self, queryset, page_size):
        """A page number past the end shows the last page, and one that is not a number the first."""
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_paginate_by(self, queryset):
        # Exports take every filtered row; pages take a slice.
        if self.request.GET.get("export"):
            return None
        return super().get_paginate_by(queryset)
