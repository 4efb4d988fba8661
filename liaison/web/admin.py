"""What every model admin of the project shares: history pages that answer 404 to an id that cannot be one."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, whose history pages would query "abc" as an id and fail (a 500)."""

    def _check_ids(self, *values):
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute).model
        for value, field in zip(values, (self.model._meta.pk, history._meta.pk), strict=False):
            try:
                field.to_python(unquote(value))
            except ValidationError:
                raise Http404 from None

    def history_view(self, request, object_id, extra_context=None):
        self._check_ids(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_ids(object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)
